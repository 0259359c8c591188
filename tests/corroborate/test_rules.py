"""Rules that need no embeddings: quote matching and diffs, contradiction cues, candidate-pair growth."""

from __future__ import annotations

import numpy as np

from newstrace.corroborate.align import TOP_K, candidate_pairs
from newstrace.corroborate.polarity import negated_words
from newstrace.corroborate.polarity import contradiction
from newstrace.corroborate.context import build_context
from newstrace.corroborate.quotes import build_quotes, word_diff
from tests.corroborate.builders import Doc, build, origins_for


def fake_embed(texts):
    """Deterministic random unit vectors: these tests must not depend on the model."""
    rng = np.random.default_rng(len(texts))
    v = rng.normal(size=(len(texts), 384)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _quote_story(wordings: list[tuple[str, str, str]], embed=fake_embed):
    """One article per (id, quote text, speaker), each its own origin."""
    arts = [build(Doc(i, [f"\u201c{t}\u201d said {sp}.", "Nothing else happened that day in the town."],
                      quotes=[{"text": t, "speaker": sp}], entities=[(sp, "PERSON", sp)])) for i, t, sp in wordings]
    ctx = build_context(arts, origins_for({f"o{a.id}": [a.id] for a in arts}), embed)
    return build_quotes(ctx)


def test_excerpt_and_punctuation_are_not_misquotes():
    full = "The bridge will reopen in the spring, and not a day later"
    quotes, conflicts = _quote_story([("a", full, "Ana Ruiz"), ("b", "the bridge will reopen in the spring", "Ana Ruiz"),
                                      ("c", full.upper() + "!", "Ana Ruiz")])
    assert len(quotes) == 1 and len(quotes[0]["variants"]) == 2
    assert conflicts == []


def test_reworded_quote_is_a_conflict_and_negation_is_high():
    quotes, conflicts = _quote_story([("a", "We will rebuild every single home", "Ana Ruiz"),
                                      ("b", "We will not rebuild every single home", "Ana Ruiz")])
    assert [c["kind"] for c in conflicts] == ["quote"] and conflicts[0]["severity"] == "high"
    assert quotes[0]["diff"] == [[{"op": "equal", "text": "We will"}, {"op": "insert", "text": "not"},
                                  {"op": "equal", "text": "rebuild every single home"}]]


def test_negated_lead_in_is_a_high_misquote_but_an_excerpt_is_not():
    _, conflicts = _quote_story([("a", "To pass this bill soon would raise the risk of a stall", "Ana Ruiz"),
                                 ("b", "If they don't pass this bill soon it will raise the risk of a stall", "Ana Ruiz")])
    assert [(c["kind"], c["severity"]) for c in conflicts] == [("quote", "high")]
    _, conflicts = _quote_story([("a", "Such things are not announced, the roads speak for themselves", "Ana Ruiz"),
                                 ("b", "The roads will speak for themselves", "Ana Ruiz")])
    assert [(c["kind"], c["severity"]) for c in conflicts] == [("quote", "low")]


def test_same_words_other_speaker_is_an_attribution_conflict():
    _, conflicts = _quote_story([("a", "The water came faster than anyone expected", "Ana Ruiz"),
                                 ("b", "The water came faster than anyone expected", "Tom Berg")])
    assert [(c["kind"], c["severity"]) for c in conflicts] == [("attribution", "medium")]


def test_overlapping_excerpts_brackets_and_contractions_are_not_misquotes():
    quotes, conflicts = _quote_story([
        ("a", "We have learned a lot. Whatever we call it, we owe our soldiers support", "Ana Ruiz"),
        ("b", "Whatever we call it, we owe our soldiers support. And you know it", "Ana Ruiz"),
        ("c", "It's not enough to owe [our] soldiers support", "Ana Ruiz"),
        ("d", "it is not enough to owe soldiers support", "Ana Ruiz")])
    assert conflicts == []


def test_unnamed_speakers_are_not_compared():
    arts = [build(Doc(i, [f"\u201cThe water came faster than anyone expected,\u201d said {sp}.",
                          "Nothing else happened that day in the town."],
                      quotes=[{"text": "The water came faster than anyone expected,", "speaker": sp}]))
            for i, sp in (("a", "a young man"), ("b", "the reporter"))]
    ctx = build_context(arts, origins_for({"o1": ["a"], "o2": ["b"]}), fake_embed)
    assert build_quotes(ctx)[1] == []


def test_unrelated_quotes_stay_apart():
    quotes, conflicts = _quote_story([("a", "The water came faster than anyone expected", "Ana Ruiz"),
                                      ("b", "Our budget for roads is fully spent this year", "Ana Ruiz")])
    assert len(quotes) == 2 and conflicts == []


def test_word_diff_marks_replacements_as_delete_then_insert():
    assert word_diff("a big dog", "a small dog") == [
        {"op": "equal", "text": "a"}, {"op": "delete", "text": "big"},
        {"op": "insert", "text": "small"}, {"op": "equal", "text": "dog"}]


def test_negation_cues():
    assert negated_words("The dam was not damaged, engineers said.") == {"damag"}
    assert negated_words("Officials haven't confirmed the toll.") == {"confirm"}


def test_a_denial_of_the_same_claim_is_a_contradiction():
    assert contradiction("The dam was not damaged.", "The dam was damaged by the surge.") == "damag"
    assert contradiction("The council approved the budget on Monday.", "The council did not approve the budget.")
    assert contradiction("The minister refused to resign.", "The minister resigned on Friday evening.") == "resign"
    assert contradiction("The council approved the plan.", "The council rejected the plan.") == "approv/reject"
    assert contradiction("Ana Ruiz has never met the contractor.", "Ana Ruiz met the contractor twice in May.")


def test_what_is_not_a_contradiction():
    approved = "The council approved the plan."
    assert contradiction("The dam was not damaged.", "Engineers said the dam had not been damaged.") is None
    assert contradiction("Police said the road is open.", "Police said the road is open again.") is None
    assert contradiction("\u201cThe council did not approve it,\u201d the mayor said.", approved) is None  # a quote
    assert contradiction("If the council does not approve the plan, work stops.", approved) is None
    assert contradiction("Did the council not approve the plan?", approved) is None
    assert contradiction("The state does not recognize the marriages.", "The agency will recognize the marriages.") is None
    assert contradiction("The committee asked her to testify.", "She did not testify before the committee.") is None
    assert contradiction("Ruiz voiced support for the bill.", "Berg opposes the bill.") is None
    assert contradiction("He gave no details and refused to discuss it.", "He refused to provide details.") is None
    assert contradiction("Asked whether he would run, Berg said no.", "Berg said he would run.") is None
    assert contradiction("Not only did the council approve the plan, it funded it.", approved) is None
    assert contradiction("The driver is not identified in the video.", "The driver identifies himself as a nurse.") is None
    assert contradiction("The driver did not introduce himself.", "The driver introduced himself as a nurse.")


def test_candidate_pairs_grow_linearly():
    docs = [build(Doc(f"x{i}", [f"Sentence number {j} of article {i} says something new." for j in range(20)]))
            for i in range(30)]
    ctx = build_context(docs, [], fake_embed)
    pairs = candidate_pairs(ctx)
    assert len(pairs) <= TOP_K * len(ctx.units)
    assert all(ctx.units[p.i].article != ctx.units[p.j].article for p in pairs)


def test_only_explicit_dates_are_compared():
    from newstrace.corroborate.dates import explicit
    from newstrace.model import DateMention

    assert explicit(DateMention((0, 7), "June 10", "2025-06-10"))
    assert explicit(DateMention((0, 4), "1968", "1968"))
    assert not explicit(DateMention((0, 7), "Tuesday", "2025-06-03"))  # resolved against the publication day
    assert not explicit(DateMention((0, 7), "June 10", None))


def test_compound_sentences_yield_clauses_with_exact_spans():
    art = build(Doc("a", ["Three people were killed and 17 others were treated in hospital, officials said.",
                          "Crews evacuated villages of Tarn Hollow and Wickby before dawn."]))
    ctx = build_context([art], [], fake_embed)
    clauses = [u for u in ctx.units if u.parent is not None]
    assert [c.text for c in clauses] == ["Three people were killed",
                                         "17 others were treated in hospital, officials said."]
    assert all(art.text[c.span[0]:c.span[1]] == c.text for c in clauses)


def test_undated_articles_keep_only_dates_with_a_year_in_the_timeline():
    from newstrace.corroborate.timeline import build_timeline

    art = build(Doc("a", ["The bridge opened to traffic in March 2019 after years of delay.",
                          "Repairs began last month on the northern approach road."],
                    dates=[("in March 2019", "2019-03"), ("last month", "2026-10")]))
    ctx = build_context([art], [], fake_embed)
    assert [t["date"] for t in build_timeline(ctx)] == ["2019-03"]


def test_empty_and_unannotated_stories():
    from newstrace.corroborate import analyze_story
    from newstrace.model import Article

    empty = analyze_story([], [], [], embed=fake_embed)
    assert empty == {"facts": [], "conflicts": [], "quotes": [], "summary": [], "timeline": []}
    text = "Heavy rain closed the coastal road on Friday. Crews expect to reopen it within two days."
    one = analyze_story([Article(id="a", text=text, source="a.txt")], [], [], embed=fake_embed)
    assert [f["independent_support"] for f in one["facts"]] == [1, 1] and one["conflicts"] == []
    assert all(text[s["span"][0]:s["span"][1]] == s["text"] for f in one["facts"] for s in f["support"])


def test_a_quotation_inside_a_reported_statement_is_the_speakers_direct_quote():
    from newstrace.corroborate.quotes import embedded_quotes
    from newstrace.model import Quote

    text = "Mayor Ana Ruiz said that the 'bridge will reopen in the spring,' praising the 'night crew' for it."
    body = text[text.index("that") : text.index(" for it")]
    q = Quote(span=(text.index(body), text.index(body) + len(body)), text=body, kind="indirect", speaker="Ana Ruiz")
    (inner,) = embedded_quotes(q)  # 'night crew' is too short to be more than a scare quote
    assert (inner.kind, inner.speaker, inner.text) == ("direct", "Ana Ruiz", "bridge will reopen in the spring,")
    assert text[inner.span[0] : inner.span[1]] == inner.text
    assert embedded_quotes(inner) == []


def test_two_outlets_names_for_one_person_are_no_attribution_conflict():
    same = "The water came faster than anyone expected"
    for a, b in (("Richard J. Berg", "Dick Berg"), ("Tom Berg", "Berg")):
        _, conflicts = _quote_story([("a", same, a), ("b", same, b)])
        assert conflicts == [], (a, b)


def test_relatives_named_by_different_outlets_are_two_speakers():
    same = "The water came faster than anyone expected"
    for a, b in (("Ana Ruiz", "Luis Ruiz"), ("Maria Berg", "Carlos Berg")):
        _, conflicts = _quote_story([("a", same, a), ("b", same, b)])
        assert [c["kind"] for c in conflicts] == ["attribution"], (a, b)


def test_first_name_forms():
    from newstrace.corroborate.names import same_first_name

    agree = [("Richard", "Dick"), ("Bob", "Robert"), ("R.", "Rosa"), ("Dan", "Daniel"), ("Liz", "Elizabeth"),
             ("Kate", "Katherine"), ("ana", "Ana"), ("Peggy", "Margaret"), ("Ted", "Edward")]
    assert all(same_first_name(a, b) and same_first_name(b, a) for a, b in agree)
    differ = [("Ana", "Luis"), ("Maria", "Carlos"), ("R.", "Luis"), ("Kate", "Elizabeth"), ("", "Ana")]
    assert not any(same_first_name(a, b) for a, b in differ)


def _one_meaning(texts):
    """Every text the same vector: one speaker's wordings all group by meaning."""
    v = np.zeros((len(texts), 384), np.float32)
    v[:, 0] = 1.0
    return v


def test_disjoint_excerpts_of_one_speech_are_not_a_misquote():
    speech = "Oh, it is not about you at all. Now it is about the river and the town and the next flood season"
    _, conflicts = _quote_story([("a", speech, "Ana Ruiz"), ("b", "It is not about you, folks", "Ana Ruiz"),
                                 ("c", "It is about the river and the town and next flood season", "Ana Ruiz")],
                                embed=_one_meaning)
    # "folks" against "at all" is a changed word; "not" is in one excerpt and absent from the other, not negated
    assert [c["severity"] for c in conflicts] == ["medium"]
