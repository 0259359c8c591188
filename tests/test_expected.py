"""The whole pipeline on examples/ held to examples/expected.json: every finding reported, no false alarm."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

EXPECTED = json.loads((Path(__file__).resolve().parents[1] / "examples" / "expected.json").read_text())


def _expected_id(article: dict) -> str:
    """The id expected.json uses: the record id for records, else the file name."""
    return article["input_id"] or Path(article["source"].split("#")[0]).name


@pytest.fixture(scope="module")
def ids(example_report: dict) -> dict[str, str]:
    """Report article id -> expected.json article id."""
    return {a["id"]: _expected_id(a) for a in example_report["articles"]}


@pytest.fixture(scope="module")
def texts(example_report: dict) -> dict[str, str]:
    """Report article id -> article text."""
    return {a["id"]: a["text"] for a in example_report["articles"]}


@pytest.fixture(scope="module")
def main_story(example_report: dict, ids: dict[str, str]) -> dict:
    """The story holding the expected main story's first article."""
    first = EXPECTED["stories"][0]["articles"][0]
    return next(s for s in example_report["stories"] if first in {ids[a] for a in s["articles"]})


def _norm(text: str) -> str:
    """Words only, lower-cased: quote marks and punctuation are not a different wording."""
    return " ".join(re.findall(r"\w+", text.lower()))


def _groups(conflict: dict) -> dict[str, set[str]]:
    """Each conflicting value (or quote wording) in expected.json -> the articles that give it."""
    wanted = {_norm(v) for v in conflict["values"]}
    out: dict[str, set[str]] = {}
    for v in conflict["variants"]:
        key = _norm(v.get("value") or v["text"])
        if key in wanted:
            out.setdefault(key, set()).update(v["articles"])
    return out


def _separates(reported: dict, expected: dict, ids: dict[str, str]) -> bool:
    """A reported conflict of the same kind with each expected value's articles in a variant of their own."""
    if reported["kind"] != expected["kind"]:
        return False
    variants = [{ids[a] for a in v["articles"]} for v in reported["variants"]]
    groups = _groups(expected)
    homes = set()
    for arts in groups.values():
        overlap = [len(v & arts) for v in variants]
        if max(overlap, default=0) == 0:
            return False
        homes.add(overlap.index(max(overlap)))
    return len(homes) == len(groups)


def test_every_expected_conflict_is_reported(main_story: dict, ids: dict[str, str]) -> None:
    for expected in EXPECTED["conflicts"]:
        assert any(_separates(c, expected, ids) for c in main_story["conflicts"]), expected["subject"]


def test_nothing_else_is_flagged(example_report: dict, main_story: dict, ids: dict[str, str]) -> None:
    for c in main_story["conflicts"]:
        assert any(_separates(c, e, ids) for e in EXPECTED["conflicts"]), (c["kind"], c["subject"])
    others = [c for s in example_report["stories"] if s is not main_story for c in s["conflicts"]]
    assert others == []


def test_quote_variants_are_grouped(main_story: dict, ids: dict[str, str]) -> None:
    for expected in EXPECTED["quote_variants"]:
        wanted = {_norm(t): set(arts) for t, arts in expected["articles"].items()}
        found = [q for q in main_story["quotes"]
                 if {_norm(v["text"]) for v in q["variants"]} >= set(wanted)]
        assert found, expected["speaker"]
        q = found[0]
        assert expected["speaker"].split()[-1] in (q["speaker"] or "")
        for v in q["variants"]:
            if _norm(v["text"]) in wanted:
                assert {ids[a] for a in v["articles"]} == wanted[_norm(v["text"])]
        assert len(q["diff"]) == len(q["variants"]) - 1


def _support(story: dict, fact: dict, ids: dict[str, str]) -> int:
    """The most independent origins any reported fact gives to one of the expected fact's evidence passages."""
    best = 0
    for article, passage in fact["evidence"].items():
        for f in story["facts"]:
            if any(ids[s["article"]] == article and passage in s["text"] for s in f["support"]):
                best = max(best, f["independent_support"])
    return best


@pytest.mark.parametrize("fact", EXPECTED["facts"], ids=lambda f: f["text"][:40])
def test_independent_support_of_key_facts(main_story: dict, ids: dict[str, str], fact: dict) -> None:
    support = _support(main_story, fact, ids)
    assert support <= fact["independent_support"], "a copy or rewrite was counted as an independent origin"
    assert support == fact["independent_support"]


def test_exclusive_claim_has_one_origin(main_story: dict, ids: dict[str, str]) -> None:
    ex = EXPECTED["exclusive"]
    facts = [f for f in main_story["facts"] for s in f["support"]
             if ids[s["article"]] == ex["article"] and ex["text"] in s["text"]]
    assert facts and all(f["independent_support"] == 1 and f["unique"] for f in facts)


def test_summary_and_timeline_point_at_source_text(example_report: dict, texts: dict[str, str]) -> None:
    for story in example_report["stories"]:
        assert len(story["summary"]) <= 8
        for item in story["summary"]:
            if item["facts"]:
                s, e = item["source"]["span"]
                assert texts[item["source"]["article"]][s:e] == item["text"]
            for c in item["cites"]:
                s, e = c["span"]
                assert texts[c["article"]][s:e]
        dates = [t["date"] for t in story["timeline"]]
        assert dates == sorted(dates)
