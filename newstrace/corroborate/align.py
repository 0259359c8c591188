"""Align sentences across articles by meaning: top-k embedding neighbours, then constrained merging into facts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newstrace.corroborate.context import StoryContext, Unit
from newstrace.corroborate.qpairs import PEOPLE, counted
from newstrace.corroborate.text import lexical_overlap
from newstrace.corroborate.units import agree, is_physical, unit_key
from newstrace.model import Quantity

__all__ = ["Pair", "candidate_pairs", "align", "ALIGN_THRESHOLD"]

TOP_K = 8  # neighbours kept per sentence: candidate pairs grow linearly with sentences
CANDIDATE_FLOOR = 0.3  # centered cosine below which two sentences are never about the same fact
LEXICAL_WEIGHT = 0.5  # shared content words back up the embedding
ALIGN_THRESHOLD = 0.8  # pair score (centered cosine + weighted word overlap + bonuses) for one fact
CENTROID_FLOOR = 0.45  # centered cosine between merged groups: a fact stays coherent, no chaining
ENTITY_BONUS = 0.04  # the pair names a common person, place or organisation
FIGURE_BONUS = 0.1  # the pair gives the same figure for the same kind of thing ("about 1,200 people" ~ "some 1,200 residents")
CHUNK = 1024


@dataclass(frozen=True, slots=True)
class Pair:
    """Two sentences of different articles, their (centered) cosine and the combined alignment score."""

    i: int
    j: int
    cosine: float
    score: float


def _topk(vectors: np.ndarray, article_ids: np.ndarray, k: int) -> list[tuple[int, int, float]]:
    """Each row's k nearest rows from other articles, by chunks (memory stays linear)."""
    n = len(vectors)
    out: list[tuple[int, int, float]] = []
    k = min(k, n - 1)
    if k <= 0:
        return out
    for lo in range(0, n, CHUNK):
        sims = vectors[lo : lo + CHUNK] @ vectors.T
        sims[article_ids[lo : lo + CHUNK, None] == article_ids[None, :]] = -1.0
        idx = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for r, row in enumerate(idx):
            for c in row:
                s = float(sims[r, c])
                if s >= CANDIDATE_FLOOR:
                    out.append((lo + r, int(c), s))
    return out


def _quantities(ctx: StoryContext, u: Unit) -> tuple[Quantity, ...]:
    """A sentence's quantities, or for a clause those of its sentence that fall inside it."""
    if u.parent is None:
        return u.quantities
    return tuple(q for q in ctx.units[u.parent].quantities if u.span[0] <= q.span[0] < u.span[1])


def _kind(q: Quantity) -> str | None:
    """What a quantity counts or measures, coarsely: its unit of measure, or its counted noun (persons as one)."""
    key = unit_key(q)
    if is_physical(key):
        return key
    noun = counted(q)
    return None if not noun else "person" if noun[-1] in PEOPLE else noun[-1]


def _bonus(ctx: StoryContext, a: Unit, b: Unit) -> float:
    """Shared canonical entities, and above all the same figure for the same kind of thing, back a paraphrase."""
    bonus = ENTITY_BONUS if a.entities & b.entities else 0.0
    qa, qb = _quantities(ctx, a), _quantities(ctx, b)
    if any(_kind(x) is not None and _kind(x) == _kind(y) and agree(x, y) for x in qa for y in qb):
        bonus += FIGURE_BONUS
    return bonus


def candidate_pairs(ctx: StoryContext, k: int = TOP_K) -> list[Pair]:
    """Scored cross-article sentence pairs among each sentence's nearest neighbours."""
    units = ctx.units
    keep = np.array([u.informative for u in units], dtype=bool)
    if keep.sum() < 2:
        return []
    rows = np.flatnonzero(keep)
    codes = {aid: i for i, aid in enumerate(ctx.order)}
    art = np.array([codes[units[r].article] for r in rows])
    seen: dict[tuple[int, int], Pair] = {}
    for r, c, cos in _topk(ctx.centered[rows], art, k):
        i, j = sorted((int(rows[r]), int(rows[c])))
        if (i, j) not in seen:
            a, b = units[i], units[j]
            score = cos + LEXICAL_WEIGHT * lexical_overlap(a.words, b.words) + _bonus(ctx, a, b)
            seen[(i, j)] = Pair(i, j, cos, score)
    return sorted(seen.values(), key=lambda p: (-p.score, p.i, p.j))


def align(ctx: StoryContext, pairs: list[Pair]) -> list[list[int]]:
    """Greedy merging by descending score; a fact holds one sentence per article and stays coherent."""
    parent = {u.index: u.index for u in ctx.units if u.informative}
    members = {i: [i] for i in parent}
    arts = {i: {ctx.units[i].article} for i in parent}
    sums = {i: ctx.centered[i].astype(np.float64).copy() for i in parent}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for p in pairs:
        if p.score < ALIGN_THRESHOLD:
            break
        a, b = find(p.i), find(p.j)
        if a == b or arts[a] & arts[b]:
            continue
        ca, cb = sums[a] / np.linalg.norm(sums[a]), sums[b] / np.linalg.norm(sums[b])
        if float(ca @ cb) < CENTROID_FLOOR:
            continue
        parent[b] = a
        members[a] += members.pop(b)
        arts[a] |= arts.pop(b)
        sums[a] += sums.pop(b)
    return [sorted(m) for m in members.values()]
