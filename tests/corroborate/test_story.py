"""analyze_story on a hand-written four-article flood story (real MiniLM embeddings)."""

from __future__ import annotations

import pytest

from newstrace.corroborate import analyze_story
from newstrace.corroborate.quotes import tokens
from tests.corroborate.story import QUOTE, flood_articles, flood_origins


@pytest.fixture(scope="module")
def articles():
    return {a.id: a for a in flood_articles()}


@pytest.fixture(scope="module")
def report(articles):
    return analyze_story(list(articles.values()), [], flood_origins())


def _fact_with(report: dict, words: str) -> dict:
    """The fact whose statement contains these words."""
    return next(f for f in report["facts"] if words in f["statement"])


def _text(articles, ref: dict) -> str:
    """The source text a span reference points at."""
    s, e = ref["span"]
    return articles[ref["article"]].text[s:e]


def test_a_copy_adds_an_article_never_an_origin(report):
    evac = _fact_with(report, "Halden")
    assert {s["article"] for s in evac["support"]} == {"a", "b", "c", "d"}
    assert evac["origins"] == ["o1", "o2", "o3"] and evac["independent_support"] == 3
    schools = _fact_with(report, "Schools")
    assert {s["article"] for s in schools["support"]} == {"a", "b"}
    assert schools["independent_support"] == 1 and schools["unique"] is True


def test_facts_align_by_meaning_and_most_corroborated_come_first(report):
    farmland = _fact_with(report, "farmland")
    assert {s["article"] for s in farmland["support"]} == {"a", "b", "c"}
    supports = [f["independent_support"] for f in report["facts"]]
    assert supports == sorted(supports, reverse=True)
    statements = {s["text"] for f in report["facts"] for s in f["support"]}
    assert all(f["statement"] in statements for f in report["facts"])


def test_only_real_disagreements_are_flagged(report):
    kinds = sorted(c["kind"] for c in report["conflicts"])
    assert kinds == ["attribution", "date", "quantity", "quote", "statement"]
    flagged = {v["value"] for c in report["conflicts"] for v in c["variants"]}
    assert not any("miles" in v or "kilometres" in v or "euros" in v or "metres" in v for v in flagged)


def test_quantity_conflict_collapses_copies_and_keeps_hedged_agreement(report):
    (c,) = [c for c in report["conflicts"] if c["kind"] == "quantity"]
    assert c["severity"] == "high"
    first, second = c["variants"]
    assert first["articles"] == ["a", "b", "d"] and first["origins"] == ["o1", "o3"]
    assert second["value"] == "11,000 residents" and second["origins"] == ["o2"]
    assert [v["normalized"] for v in c["variants"]] == [10000, 11000]


def test_contradiction_date_and_attribution(report):
    by_kind = {c["kind"]: c for c in report["conflicts"]}
    stmt = by_kind["statement"]
    assert [v["articles"] for v in stmt["variants"]] == [["a", "b"], ["c"]]
    date = by_kind["date"]
    assert sorted(v["normalized"] for v in date["variants"]) == ["2025-03-01", "2025-03-08"]
    attr = by_kind["attribution"]
    assert attr["severity"] == "medium"
    assert [v["value"] for v in attr["variants"]] == ["Ilse Brandt", "Tom Reyes"]
    sev = [c["severity"] for c in report["conflicts"]]
    assert sev == sorted(sev, key=["high", "medium", "low"].index)


def test_quote_variants_grouped_with_word_diff(report):
    (q,) = [q for q in report["quotes"] if q["speaker"] == "Ilse Brandt"]
    first, other = q["variants"]
    assert first["text"] == QUOTE and first["origins"] == ["o1", "o3"]
    ops = q["diff"][0]
    old = " ".join(o["text"] for o in ops if o["op"] in ("equal", "delete"))
    new = " ".join(o["text"] for o in ops if o["op"] in ("equal", "insert"))
    assert old.split() == tokens(first["text"]) and new.split() == tokens(other["text"])
    assert {o["text"] for o in ops if o["op"] != "equal"} == {"the", "a single", "one"}
    (misquote,) = [c for c in report["conflicts"] if c["kind"] == "quote"]
    assert misquote["subject"] == "Ilse Brandt" and misquote["severity"] == "medium"


def test_summary_is_verbatim_with_cites(report, articles):
    summary = report["summary"]
    assert 3 <= len(summary) <= 8
    facts = [s for s in summary if s["facts"]]
    assert facts[0]["origins"] == ["o1", "o2", "o3"]
    for item in facts:
        assert _text(articles, item["source"]) == item["text"]
        assert item["cites"] and all(_text(articles, c) for c in item["cites"])
    notes = [s for s in summary if s["conflicts"]]
    assert notes and notes[0]["text"].startswith("Reports differ")
    assert "11,000 residents (Northern Post)" in notes[0]["text"]


def test_timeline_is_ordered_and_points_at_sentences(report, articles):
    dates = [t["date"] for t in report["timeline"]]
    assert dates == sorted(dates) and dates[0] == "2025-03-01"
    first = report["timeline"][0]
    assert set(first["articles"]) == {"a", "b", "c", "d"}
    for t in report["timeline"]:
        assert _text(articles, t["spans"][0]) == t["text"]


def test_every_span_is_exact(report, articles):
    for f in report["facts"]:
        for s in f["support"]:
            assert _text(articles, s) == s["text"]
    for q in report["quotes"]:
        for v in q["variants"]:
            assert all(_text(articles, r) == v["text"] for r in v["spans"])
    for c in report["conflicts"]:
        for v in c["variants"]:
            texts = {_text(articles, r) for r in v["spans"]}
            assert texts and all(texts)
            if c["kind"] in ("quantity", "date", "quote"):
                assert v["value"] in texts
