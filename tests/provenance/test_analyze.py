"""End-to-end provenance on small invented pairs: kind, direction, spans, origins."""

from __future__ import annotations

import pytest

from newstrace.model import Article, Cite
from newstrace.provenance import analyze, build_origins, origin_id

from .texts import EXTRA, INDEPENDENT, ORIGINAL, OTHER_EVENT, REWRITE


def art(aid: str, text: str, **kw) -> Article:
    return Article(id=aid, text=text, source=f"{aid}.txt", **kw)


def sentences(text: str) -> list[str]:
    return [s.strip() + "." for s in text.split(". ") if s.strip()]


def one_link(a: Article, b: Article):
    links, origins = analyze([a, b])
    assert len(links) == 1, links
    return links[0], origins


def check_spans(link, by_id):
    a, b = by_id[link.a].text, by_id[link.b].text
    assert link.evidence
    for (s0, e0), (s1, e1) in link.evidence:
        assert 0 <= s0 < e0 <= len(a) and 0 <= s1 < e1 <= len(b)
        assert a[s0:e0].strip() == a[s0:e0] and b[s1:e1].strip() == b[s1:e1]


def test_exact_copy_dated():
    a = art("a", ORIGINAL, published="2026-03-03T18:00:00", outlet="Wire One")
    b = art("b", "  " + ORIGINAL.replace(" ", "  ", 3), published="2026-03-03T19:30:00", outlet="Paper Two")
    link, origins = one_link(a, b)
    assert link.kind == "exact" and link.direction == "a->b" and link.score == 1.0
    assert len(origins) == 1 and origins[0].root == "a" and origins[0].label == "Wire One"


def test_near_duplicate_with_new_headline_and_edits():
    edited = ORIGINAL.replace("seven people", "seven visitors").replace("twenty minutes", "20 minutes")
    b = art("b", "Bridge falls into canal at festival\n\nMARROWFORD — " + edited, published="2026-03-04")
    a = art("a", ORIGINAL, published="2026-03-03")
    link, _ = one_link(b, a)
    assert link.kind == "near_duplicate" and link.direction == "b->a"
    check_spans(link, {"a": a, "b": b})


def test_trimmed_copy_direction_from_containment():
    kept = " ".join(sentences(ORIGINAL)[:6])
    a, b = art("orig", ORIGINAL), art("copy", kept)
    link, origins = one_link(b, a)
    assert link.kind in ("near_duplicate", "shared_passages")
    assert link.direction == "b->a"  # the trimmed copy is contained in the original
    assert origins[0].root == "orig"


def test_copy_citing_the_original_outlet():
    kept = " ".join(sentences(ORIGINAL)[:7]) + " " + EXTRA
    a = art("a", ORIGINAL, outlet="Canal Courier")
    b = art("b", kept, outlet="Daily Bugle", cites=(Cite("Canal Courier", (0, 5)),))
    link, _ = one_link(a, b)
    assert link.direction == "a->b"


def test_half_reused_is_shared_passages():
    half = " ".join(sentences(ORIGINAL)[:5])
    a, b = art("a", ORIGINAL), art("b", half + " " + EXTRA + " " + OTHER_EVENT)
    link, _ = one_link(a, b)
    assert link.kind == "shared_passages"
    check_spans(link, {"a": a, "b": b})
    text = b.text
    assert any(text[s:e].startswith("A footbridge over the Calder canal") for _, (s, e) in link.evidence)


def test_paraphrased_rewrite_is_found():
    a = art("a", ORIGINAL, published="2026-03-03T18:00:00")
    b = art("b", REWRITE, published="2026-03-04T08:00:00")
    link, origins = one_link(a, b)
    assert link.kind == "rewrite" and link.direction == "a->b"
    check_spans(link, {"a": a, "b": b})
    assert len(link.evidence) >= 5  # most sentences align, in order
    assert [o.articles for o in origins] == [("a", "b")]


def test_independent_report_of_same_event_is_not_linked():
    links, origins = analyze([art("a", ORIGINAL), art("b", INDEPENDENT)])
    assert links == []
    assert sorted(o.articles for o in origins) == [("a",), ("b",)]


def test_unrelated_articles_are_not_linked():
    links, _ = analyze([art("a", ORIGINAL), art("b", OTHER_EVENT), art("c", EXTRA)])
    assert links == []


def test_origins_partition_the_input_and_ids_are_stable():
    arts = [art("a", ORIGINAL), art("b", REWRITE), art("c", ORIGINAL), art("d", INDEPENDENT), art("e", OTHER_EVENT)]
    links, origins = analyze(arts)
    members = [x for o in origins for x in o.articles]
    assert sorted(members) == ["a", "b", "c", "d", "e"]
    assert len(set(members)) == len(members)
    again = build_origins(list(reversed(arts)), links)
    assert {o.id for o in again} == {o.id for o in origins}
    for o in origins:
        assert o.id == origin_id(o.articles)
    together = next(o for o in origins if "a" in o.articles)
    assert set(together.articles) == {"a", "b", "c"}


def test_sentences_from_extraction_are_used():
    from newstrace.provenance.paraphrase import split_sentences

    a = art("a", ORIGINAL)
    a2 = Article(**{**{f: getattr(a, f) for f in a.__slots__}, "sentences": split_sentences(ORIGINAL)})
    b = art("b", REWRITE)
    link, _ = one_link(a2, b)
    assert link.kind == "rewrite"


@pytest.mark.parametrize("text", ["", "Short.", "no punctuation at all here"])
def test_degenerate_texts_do_not_crash(text):
    links, origins = analyze([art("a", text), art("b", ORIGINAL)])
    assert len(origins) == 2


def test_candidate_path_for_large_inputs_finds_the_same_links(monkeypatch):
    import newstrace.provenance as prov

    arts = [art("a", ORIGINAL), art("b", REWRITE), art("c", " ".join(sentences(ORIGINAL)[:6])),
            art("d", INDEPENDENT), art("e", OTHER_EVENT), art("f", EXTRA)]
    full, _ = analyze(arts)
    monkeypatch.setattr(prov, "ALL_PAIRS_MAX", 2)
    blocked, _ = analyze(arts)
    assert {(l.a, l.b, l.kind) for l in blocked} == {(l.a, l.b, l.kind) for l in full}


def test_embeddings_are_cached_in_the_store():
    from newstrace.store import open_store

    store = open_store(None)
    analyze([art("a", ORIGINAL), art("b", REWRITE)], store)
    from newstrace.embed import cache_key, embed_cached
    from newstrace.provenance.paraphrase import split_sentences

    texts = [s.text for s in split_sentences(REWRITE)]
    keys = [cache_key(t) for t in texts]
    assert set(store.get_embeddings(keys)) == set(keys)
    again = embed_cached(texts, store)
    assert again.shape == (len(texts), 384)
