"""Extractive summary: verbatim source sentences of the most corroborated facts, plus generated conflict notes."""

from __future__ import annotations

import numpy as np

from newstrace.corroborate.context import StoryContext

__all__ = ["build_summary", "conflict_sentence"]

MAX_SENTENCES = 8
MAX_CONFLICT_NOTES = 2
REDUNDANT = 0.8  # a fact this close to one already summarized adds nothing


def _outlets(ctx: StoryContext, article_ids: list[str]) -> str:
    """Outlet names of articles, de-duplicated, in story order."""
    names: dict[str, None] = {}
    for aid in article_ids:
        names.setdefault(ctx.outlet(aid), None)
    return ", ".join(names)


def conflict_sentence(ctx: StoryContext, conflict: dict) -> str:
    """'Reports differ on X: v1 (A) against v2 (B, C).', built only from the conflict record."""
    parts = [f"{v['value']} ({_outlets(ctx, v['articles'])})" for v in conflict["variants"]]
    subject = conflict["subject"]
    if len(subject) > 80:
        subject = subject[:77].rsplit(" ", 1)[0] + "..."
    return f"Reports differ on {conflict['kind']} ({subject}): " + " against ".join(parts) + "."


def _pick_facts(facts: list[dict], vectors: np.ndarray, limit: int) -> list[int]:
    """Most corroborated facts first, skipping near-repeats; unique facts only to fill a short story."""
    chosen: list[int] = []
    for pass_unique in (False, True):
        for i, f in enumerate(facts):
            if len(chosen) >= limit or f["unique"] != pass_unique:
                continue
            if pass_unique and len(chosen) >= 3:
                break
            if chosen and float((vectors[chosen] @ vectors[i]).max()) >= REDUNDANT:
                continue
            chosen.append(i)
    return chosen


def _fact_item(f: dict) -> dict:
    """A summary sentence that is the fact's statement, verbatim, citing every supporting sentence."""
    arts: dict[str, None] = {}
    for s in f["support"]:
        arts.setdefault(s["article"], None)
    return {"text": f["statement"], "facts": [f["id"]], "conflicts": [], "articles": list(arts),
            "origins": f["origins"], "cites": [{"article": s["article"], "span": s["span"]} for s in f["support"]],
            "source": dict(f["statement_ref"])}


def _conflict_item(ctx: StoryContext, c: dict) -> dict:
    """A generated summary sentence stating a conflict, citing each variant."""
    arts = ctx.sort_articles([a for v in c["variants"] for a in v["articles"]])
    return {"text": conflict_sentence(ctx, c), "facts": [], "conflicts": [c["id"]], "articles": arts,
            "origins": ctx.origins_of(arts), "cites": [s for v in c["variants"] for s in v["spans"]], "source": None}


def build_summary(ctx: StoryContext, facts: list[dict], vectors: np.ndarray, conflicts: list[dict]) -> list[dict]:
    """At most MAX_SENTENCES: corroborated facts in order of support, then the serious conflicts."""
    notes = [c for c in conflicts if c["severity"] in ("high", "medium")][:MAX_CONFLICT_NOTES]
    picked = _pick_facts(facts, vectors, MAX_SENTENCES - len(notes))
    return [_fact_item(facts[i]) for i in picked] + [_conflict_item(ctx, c) for c in notes]
