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
    """'Reports differ: 10,000 (A) against 11,000 (B, C).', built only from the conflict record."""
    quote = conflict["kind"] == "quote"
    parts = []
    for v in conflict["variants"]:
        value = f"\u201c{v['value'].strip(' ,.')}\u201d" if quote else v["value"]
        parts.append(f"{value} ({_outlets(ctx, v['articles'])})")
    lead = {"quote": "Reports quote differently", "attribution": "Reports credit differently",
            "statement": "Reports contradict each other"}.get(conflict["kind"], "Reports differ")
    return f"{lead}: " + " against ".join(parts) + "."


def _sentence(ctx: StoryContext, source: dict) -> tuple[str, tuple[int, int]]:
    """The whole source sentence around a statement (a clause reads badly on its own), verbatim."""
    start, end = source["span"]
    for u in ctx.units:
        if u.parent is None and u.article == source["article"] and u.span[0] <= start and end <= u.span[1]:
            return u.text, u.span
    return ctx.articles[source["article"]].text[start:end], (start, end)


def _pick_facts(ctx: StoryContext, facts: list[dict], vectors: np.ndarray, limit: int) -> list[tuple[int, str, tuple]]:
    """Most corroborated facts first, skipping repeated sentences and near-repeats; unique facts fill short stories."""
    chosen: list[tuple[int, str, tuple]] = []
    seen: set[str] = set()
    cited: set[tuple[str, int, int]] = set()  # sentences chosen facts stand in: another claim of one repeats it
    for pass_unique in (False, True):
        for i, f in enumerate(facts):
            if len(chosen) >= limit or f["unique"] != pass_unique:
                continue
            if pass_unique and len(chosen) >= 3:
                break
            text, span = _sentence(ctx, f["statement_ref"])
            picked = [c[0] for c in chosen]
            if text in seen or (f["statement_ref"]["article"], *span) in cited \
                    or (picked and float((vectors[picked] @ vectors[i]).max()) >= REDUNDANT):
                continue
            seen.add(text)
            cited.update((s["article"], *_sentence(ctx, s)[1]) for s in f["support"])
            chosen.append((i, text, span))
    return chosen


def _fact_item(f: dict, text: str, span: tuple[int, int]) -> dict:
    """A summary sentence: the source sentence of the fact's statement, verbatim, citing every supporting passage."""
    arts: dict[str, None] = {}
    for s in f["support"]:
        arts.setdefault(s["article"], None)
    return {"text": text, "facts": [f["id"]], "conflicts": [], "articles": list(arts),
            "origins": f["origins"], "cites": [{"article": s["article"], "span": s["span"]} for s in f["support"]],
            "source": {"article": f["statement_ref"]["article"], "span": [span[0], span[1]]}}


def _conflict_item(ctx: StoryContext, c: dict) -> dict:
    """A generated summary sentence stating a conflict, citing each variant."""
    arts = ctx.sort_articles([a for v in c["variants"] for a in v["articles"]])
    return {"text": conflict_sentence(ctx, c), "facts": [], "conflicts": [c["id"]], "articles": arts,
            "origins": ctx.origins_of(arts), "cites": [s for v in c["variants"] for s in v["spans"]], "source": None}


def build_summary(ctx: StoryContext, facts: list[dict], vectors: np.ndarray, conflicts: list[dict]) -> list[dict]:
    """At most MAX_SENTENCES: corroborated facts in order of support, then the serious conflicts."""
    notes = [c for c in conflicts if c["severity"] in ("high", "medium")][:MAX_CONFLICT_NOTES]
    picked = _pick_facts(ctx, facts, vectors, MAX_SENTENCES - len(notes))
    return [_fact_item(facts[i], text, span) for i, text, span in picked] + [_conflict_item(ctx, c) for c in notes]
