"""Small pieces of the app: span segmentation, snippet markers, the report cache."""

from __future__ import annotations

import json

from newstrace.serve.highlight import article_marks, segments
from newstrace.serve.search import CLOSE, OPEN, _pieces, fts_query
from newstrace.serve.state import ReportCache


def test_overlapping_spans_cut_into_flat_segments():
    text = "Maria Tenor said 42 firefighters came."
    marks = [(0, 11, "ent", "PERSON"), (0, 38, "q", "quote"), (17, 32, "qty", "42")]
    segs = segments(text, marks)
    assert "".join(s["text"] for s in segs) == text
    assert [(s["text"], s["classes"]) for s in segs[:3]] == [("Maria Tenor", "ent q"), (" said ", "q"),
                                                             ("42 firefighters", "q qty")]


def test_out_of_range_spans_ignored_and_one_anchor():
    segs = segments("abcdef", [(4, 99, "x", ""), (10, 12, "y", ""), (-1, 2, "z", ""),
                               (0, 2, "nt-hl", ""), (2, 5, "nt-hl", "")])
    assert "".join(s["text"] for s in segs) == "abcdef"
    assert sum(s["hl"] for s in segs) == 1 and segs[0]["hl"]


def test_article_marks_label_entities_and_quantities():
    art = {"entities": [{"span": [0, 5], "text": "Biden", "label": "PERSON", "canonical": "Joe Biden"}],
           "quantities": [{"span": [6, 8], "text": "42", "value": 42, "normalized": {"value": 42, "unit": None}}]}
    marks = article_marks(art, (0, 3))
    assert (0, 5, "ent", "PERSON · Joe Biden") in marks and (6, 8, "qty", "quantity 42") in marks
    assert (0, 3, "nt-hl", "cited passage") in marks


def test_snippet_pieces_and_query_quoting():
    assert _pieces(f"a {OPEN}fire{CLOSE} b") == [{"text": "a ", "hit": False}, {"text": "fire", "hit": True},
                                                 {"text": " b", "hit": False}]
    assert fts_query('fire "OR" NEAR(') == '"fire" "OR" "NEAR("'
    assert fts_query("   ") == ""


def test_cache_reloads_only_on_change_and_pages_per_version():
    stored = {"text": json.dumps({"stories": [{"id": "s", "articles": []}], "articles": []})}
    cache = ReportCache(lambda: stored["text"], ttl=0)
    first = cache.current()
    renders = []
    page = lambda: cache.page((cache.current().version, "p"), lambda: renders.append(1) or "html")  # noqa: E731
    assert page() == page() == "html" and len(renders) == 1
    assert cache.current() is first  # same text: same snapshot
    stored["text"] = json.dumps({"stories": [], "articles": []})
    assert cache.current().version == first.version + 1 and cache.current().stories == {}
    page()
    assert len(renders) == 2
