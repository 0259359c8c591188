"""Align sentences across articles by meaning: top-k embedding neighbours, then constrained merging into facts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newstrace.corroborate.context import StoryContext, Unit
from newstrace.corroborate.text import lexical_overlap

__all__ = ["Pair", "candidate_pairs", "align", "ALIGN_THRESHOLD"]

TOP_K = 8  # neighbours kept per sentence: candidate pairs grow linearly with sentences
CANDIDATE_FLOOR = 0.3  # centered cosine below which two sentences are never about the same fact
LEXICAL_WEIGHT = 0.5  # shared content words back up the embedding
ALIGN_THRESHOLD = 0.8  # pair score (centered cosine + weighted word overlap + bonuses) for one fact
CENTROID_FLOOR = 0.45  # centered cosine between merged groups: a fact stays coherent, no chaining
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


def _bonus(a: Unit, b: Unit) -> float:
    """Shared canonical entities and quantity units make a paraphrase more likely the same fact."""
    bonus = 0.04 if a.entities & b.entities else 0.0
    ua = {q.normalized_unit or q.unit for q in a.quantities}
    ub = {q.normalized_unit or q.unit for q in b.quantities}
    if ua & ub:
        bonus += 0.03
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
            score = cos + LEXICAL_WEIGHT * lexical_overlap(a.words, b.words) + _bonus(a, b)
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
