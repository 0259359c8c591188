"""Facts: aligned sentences with their supporting articles and independent origins."""

from __future__ import annotations

import numpy as np

from newstrace.corroborate.context import StoryContext

__all__ = ["build_facts", "fact_vectors"]


def _representative(ctx: StoryContext, members: list[int]) -> int:
    """The member closest to all others (ties: earliest article), so the statement is verbatim and central."""
    if len(members) == 1:
        return members[0]
    vecs = ctx.vectors[members]
    centrality = (vecs @ vecs.T).sum(axis=1)
    rank = {aid: i for i, aid in enumerate(ctx.order)}
    best = max(range(len(members)), key=lambda k: (round(float(centrality[k]), 4), -rank[ctx.units[members[k]].article]))
    return members[best]


def _sort_key(ctx: StoryContext, members: list[int]) -> tuple:
    """Most independent origins first, then most articles, then story order."""
    arts = {ctx.units[i].article for i in members}
    first = min(members)
    return (-len(ctx.origins_of(list(arts))), -len(arts), first)


def _kept(ctx: StoryContext, members: list[int]) -> bool:
    """Clauses stand as a fact of their own only when another origin states them too (else their sentences do)."""
    if any(ctx.units[i].parent is None for i in members):
        return True
    return len(ctx.origins_of([ctx.units[i].article for i in members])) > 1


def _claim_units(ctx: StoryContext, members: list[int]) -> list[int]:
    """Members less any clause whose own sentence is also a member: one passage per claim, the whole sentence."""
    inside = set(members)
    return [i for i in members if ctx.units[i].parent not in inside]


def build_facts(ctx: StoryContext, clusters: list[list[int]]) -> list[dict]:
    """Turn sentence and clause clusters into report facts; remember which fact each sentence belongs to."""
    facts = []
    clusters = [m for m in clusters if _kept(ctx, m)]
    for n, members in enumerate(sorted(clusters, key=lambda m: _sort_key(ctx, m)), start=1):
        rank = {aid: k for k, aid in enumerate(ctx.order)}
        claims = _claim_units(ctx, members)
        units = sorted((ctx.units[i] for i in claims), key=lambda u: (rank[u.article], u.span[0]))
        origins = ctx.origins_of([u.article for u in units])
        rep = ctx.units[_representative(ctx, claims)]
        fid = f"f{n}"
        ctx.fact_members.append([u.index for u in units])
        for i in members:
            if ctx.units[i].parent is None:
                ctx.fact_of[i] = n - 1
        facts.append({
            "id": fid,
            "statement": rep.text,
            "statement_ref": {"article": rep.article, "span": list(rep.span)},
            "support": [{"article": u.article, "span": list(u.span), "text": u.text} for u in units],
            "origins": origins,
            "independent_support": len(origins),
            "unique": len(origins) == 1,
        })
    return facts


def fact_vectors(ctx: StoryContext, facts: list[dict]) -> np.ndarray:
    """Mean embedding of each fact's supporting units (for de-duplicating the summary)."""
    out = np.zeros((len(facts), ctx.vectors.shape[1] if len(ctx.vectors) else 384), np.float32)
    for i, members in enumerate(ctx.fact_members[: len(facts)]):
        v = ctx.vectors[members].mean(axis=0)
        out[i] = v / max(float(np.linalg.norm(v)), 1e-12)
    return out
