"""Alignment at the level of claims: clauses of a sentence, a sentence with its own clause, shared figures."""

from __future__ import annotations

import re
import zlib

import numpy as np

from newstrace.corroborate.align import align, candidate_pairs
from newstrace.corroborate.context import build_context
from tests.corroborate.builders import Doc, build, origins_for


def bag_embed(texts):
    """Sum of fixed random vectors of a text's words: similarity is shared wording, deterministic, no model."""
    out = np.zeros((len(texts), 384), np.float32)
    for i, t in enumerate(texts):
        for w in re.findall(r"[a-z0-9]+", t.lower()):
            out[i] += np.random.default_rng(zlib.crc32(w.encode())).normal(size=384)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1, norms)


def _q(text: str, value: float, measured: str) -> dict:
    """A counted quantity annotation."""
    return {"text": text, "value": value, "normalized_value": value, "measured": measured}


def _groups(docs: list[Doc]) -> tuple[object, list[set[str]]]:
    """Each article its own origin; the aligned groups of more than one article, as sets of unit texts."""
    arts = [build(d) for d in docs]
    ctx = build_context(arts, origins_for({d.id: [d.id] for d in docs}), bag_embed)
    groups = align(ctx, candidate_pairs(ctx))
    return ctx, [{ctx.units[i].text for i in g} for g in groups if len({ctx.units[i].article for i in g}) > 1]


def test_subordinate_and_participle_clauses_are_claims_of_their_own():
    text = ("Premier Ana Ruiz promised to rebuild every home destroyed when the old dam collapsed in the night, "
            "flooding the valley floor for miles.")
    ctx = build_context([build(Doc("a", [text, "The dam failed at dawn after four days of heavy rain."]))], [],
                        bag_embed)
    clauses = [u.text for u in ctx.units if u.parent is not None]
    assert clauses == ["Premier Ana Ruiz promised to rebuild every home destroyed", "the old dam collapsed in the night",
                       "flooding the valley floor for miles."]  # "after four days of heavy rain" has no verb: no cut


def test_a_claim_inside_a_sentence_about_something_else_is_aligned():
    _, groups = _groups([
        Doc("a", ["The old Korby dam collapsed in the night after heavy rain.", "Schools stayed closed all week."]),
        Doc("b", ["Premier Ana Ruiz promised money to rebuild each home destroyed when the old Korby dam collapsed "
                  "in the night.", "Shops reopened on Friday morning."]),
    ])
    assert any({"The old Korby dam collapsed in the night after heavy rain.", "the old Korby dam collapsed in the night."}
               <= g for g in groups)


def test_the_same_distinctive_figure_for_the_same_kind_of_thing_joins_two_wordings():
    a = Doc("a", ["Emergency crews evacuated about 1,200 people from the valley towns before dawn.",
                  "The river rose quickly."], quantities=[_q("about 1,200 people", 1200, "people")])
    b = Doc("b", ["Before dawn some 1,200 residents of the valley towns were moved to school shelters.",
                  "The rain stopped at noon."], quantities=[_q("some 1,200 residents", 1200, "residents")])
    c = Doc("c", ["Emergency crews evacuated about 1,500 people from the valley towns before dawn.",
                  "Roads were closed."], quantities=[_q("about 1,500 people", 1500, "people")])
    _, groups = _groups([a, b])
    assert any(len(g) == 2 and any("1,200 residents" in t for t in g) for g in groups)
    _, groups = _groups([b, c])  # a different figure: the wordings alone are too far apart
    assert not any(any("1,500" in t for t in g) for g in groups)


def test_figures_twice_apart_for_the_same_kind_of_thing_never_align():
    a = Doc("a", ["About 11,000 soldiers are stationed in the border region, officials said."],
            quantities=[_q("About 11,000 soldiers", 11000, "soldiers")])
    b = Doc("b", ["About 50,000 soldiers are stationed in the border region, officials said."],
            quantities=[_q("About 50,000 soldiers", 50000, "soldiers")])
    _, groups = _groups([a, b])
    assert groups == []


def test_a_summary_sentence_stands_once_for_all_the_claims_it_carries():
    from newstrace.corroborate.summary import build_summary

    art = build(Doc("a", ["The old dam collapsed in the night and the river flooded every street of the town."]))
    ctx = build_context([art], [], bag_embed)
    first, second = [u for u in ctx.units if u.parent is not None]

    def fact(n: int, u) -> dict:
        ref = {"article": "a", "span": list(u.span)}
        return {"id": f"f{n}", "statement": u.text, "statement_ref": ref, "unique": False, "origins": ["o1", "o2"],
                "support": [{**ref, "text": u.text}], "independent_support": 2}

    summary = build_summary(ctx, [fact(1, first), fact(2, second)], np.eye(2, 384, dtype=np.float32), [])
    assert [s["facts"] for s in summary] == [["f1"]]
    assert summary[0]["text"] == art.text


def test_a_sentence_and_its_own_clause_bridge_two_wordings_of_one_claim():
    _, groups = _groups([
        Doc("a", ["The old Korby dam failed at dawn after four days of heavy rain.", "Schools stayed closed."]),
        Doc("b", ["The old Korby dam collapsed at dawn, after heavy rain fell on the hills for four days.",
                  "Shops reopened on Friday."]),
        Doc("c", ["Ana Ruiz promised to rebuild each home destroyed when the old Korby dam collapsed at dawn.",
                  "Buses ran again on Sunday."]),
    ])
    dam = [g for g in groups if "The old Korby dam failed at dawn after four days of heavy rain." in g]
    assert dam and "the old Korby dam collapsed at dawn." in dam[0]  # c's clause, through b's sentence and clause
