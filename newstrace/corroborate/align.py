"""Align sentences across articles by meaning: top-k embedding neighbours, then constrained merging into facts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newstrace.corroborate.context import StoryContext, Unit
from newstrace.corroborate.qpairs import PEOPLE, counted
from newstrace.corroborate.text import lexical_overlap
from newstrace.corroborate.units import agree, is_physical, normalized, unit_key
from newstrace.model import Quantity

__all__ = ["Pair", "candidate_pairs", "align", "ALIGN_THRESHOLD"]

TOP_K = 8  # neighbours kept per sentence: candidate pairs grow linearly with sentences
CANDIDATE_FLOOR = 0.3  # centered cosine below which two sentences are never about the same fact
LEXICAL_WEIGHT = 0.5  # shared content words back up the embedding
ALIGN_THRESHOLD = 0.8  # pair score (centered cosine + weighted word overlap + bonuses) for one fact
CENTROID_FLOOR = 0.45  # centered cosine between merged groups: a fact stays coherent, no chaining
ENTITY_BONUS = 0.04  # the pair names a common person, place or organisation
FIGURE_BONUS = 0.1  # the pair gives the same figure for the same kind of thing ("about 1,200 people" ~ "some 1,200 residents")
BRIDGE_FLOOR = 0.6  # centroid cosine for joining a sentence's fact with its own clause's fact
FIGURE_MIN = 20  # smaller counts ("three", "17") recur for different things too often to align on
FIGURE_WINDOW = 1.3  # agreeing figures lie within this ratio (hedges allow at most 10 % either way)
FIGURE_NEIGHBOURS = 16  # each figure is compared with the next few in value order: cost stays linear
FIGURE_FLOOR = 0.3  # centroid cosine for joining two facts on a shared distinctive figure of the same kind
CLASH_RATIO = 2.0  # same-kind figures this far apart are about different things (see qpairs.MISREPORT_RATIO)
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


def _clash(ctx: StoryContext, a: Unit, b: Unit) -> bool:
    """Both give a figure for the same kind of thing, and none agree: at twice or more apart, different claims."""
    same = [(x, y) for x in _quantities(ctx, a) for y in _quantities(ctx, b)
            if _kind(x) is not None and _kind(x) == _kind(y)]
    if not same or any(agree(x, y) for x, y in same):
        return False
    return all(not normalized(x) or not normalized(y)
               or max(abs(normalized(x)), abs(normalized(y))) >= CLASH_RATIO * min(abs(normalized(x)), abs(normalized(y)))
               for x, y in same)


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
            if _clash(ctx, a, b):
                continue
            score = cos + LEXICAL_WEIGHT * lexical_overlap(a.words, b.words) + _bonus(ctx, a, b)
            seen[(i, j)] = Pair(i, j, cos, score)
    return sorted(seen.values(), key=lambda p: (-p.score, p.i, p.j))


def _nested(ctx: StoryContext, x: int, y: int) -> bool:
    """A sentence and one of its own clauses: two units of one article that state one claim, not two."""
    return ctx.units[x].parent == y or ctx.units[y].parent == x


class _Groups:
    """Union-find over units that keeps, per group, its units by article and its centered vector sum."""

    def __init__(self, ctx: StoryContext) -> None:
        self.ctx = ctx
        self.parent = {u.index: u.index for u in ctx.units if u.informative}
        self.members = {i: [i] for i in self.parent}
        self.arts = {i: {ctx.units[i].article: [i]} for i in self.parent}
        self.sums = {i: ctx.centered[i].astype(np.float64).copy() for i in self.parent}

    def find(self, x: int) -> int:
        """The group a unit belongs to."""
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def compatible(self, a: int, b: int, nested: bool) -> bool:
        """The groups share no article, or (when `nested`) only articles whose units nest (a sentence, its clause)."""
        for art in self.arts[a].keys() & self.arts[b].keys():
            units = self.arts[a][art] + self.arts[b][art]
            if not nested or len(units) > 2 or not _nested(self.ctx, units[0], units[-1]):
                return False
        return True

    def cosine(self, a: int, b: int) -> float:
        """Cosine between two groups' centroids."""
        sa, sb = self.sums[a], self.sums[b]
        return float(sa @ sb) / max(float(np.linalg.norm(sa) * np.linalg.norm(sb)), 1e-12)

    def merge(self, x: int, y: int, floor: float, nested: bool = False) -> bool:
        """Join the groups of two units when they are separate, compatible and at least `floor` alike."""
        a, b = self.find(x), self.find(y)
        if a == b or not self.compatible(a, b, nested) or self.cosine(a, b) < floor:
            return False
        self.parent[b] = a
        self.members[a] += self.members.pop(b)
        for art, units in self.arts.pop(b).items():
            self.arts[a].setdefault(art, []).extend(units)
        self.sums[a] += self.sums.pop(b)
        return True


def _bridges(ctx: StoryContext, g: _Groups) -> None:
    """A sentence in one fact whose own clause sits in another: one claim, when the two facts read alike."""
    found = []
    for u in ctx.units:
        if u.parent is not None and u.index in g.parent and u.parent in g.parent:
            a, b = g.find(u.parent), g.find(u.index)
            if a != b and len(g.members[a]) > 1 and len(g.members[b]) > 1:
                found.append((g.cosine(a, b), u.parent, u.index))
    for cos, x, y in sorted(found, reverse=True):
        if cos >= BRIDGE_FLOOR:
            g.merge(x, y, BRIDGE_FLOOR, nested=True)


def _distinctive(q: Quantity) -> bool:
    """A figure unlikely to recur by chance for another thing of the same kind (not "three", "17" or "50%")."""
    return abs(normalized(q)) >= FIGURE_MIN and unit_key(q) not in ("%", "percent")


def _figure_units(ctx: StoryContext) -> dict[str, list[tuple[float, int, Quantity]]]:
    """Units stating exactly one figure, distinctive, of a known kind: (value, unit index, quantity) by kind."""
    out: dict[str, list[tuple[float, int, Quantity]]] = {}
    for u in ctx.units:
        qs = _quantities(ctx, u) if u.informative else ()
        if len(qs) == 1 and (k := _kind(qs[0])) is not None and _distinctive(qs[0]):
            out.setdefault(k, []).append((abs(normalized(qs[0])), u.index, qs[0]))
    return out


def _figures(ctx: StoryContext, g: _Groups) -> None:
    """Claims giving the same distinctive figure for the same kind of thing in different origins are one fact."""
    found = []
    for items in _figure_units(ctx).values():
        items.sort(key=lambda t: (t[0], t[1]))
        for n, (v, i, q) in enumerate(items):
            for w, j, r in items[n + 1 : n + 1 + FIGURE_NEIGHBOURS]:
                if w > v * FIGURE_WINDOW:
                    break
                ui, uj = ctx.units[i], ctx.units[j]
                if ctx.origin_of[ui.article] != ctx.origin_of[uj.article] and agree(q, r):
                    found.append((float(ctx.centered[i] @ ctx.centered[j]), i, j))
    for _, i, j in sorted(found, reverse=True):
        g.merge(i, j, FIGURE_FLOOR)


def align(ctx: StoryContext, pairs: list[Pair]) -> list[list[int]]:
    """Greedy merging by descending score, then claims shared through a clause or a figure.

    A fact holds one claim per article and stays coherent (its parts' centroids alike). Only a bridge
    puts a sentence and one of its own clauses in one fact (the clause is the part of the sentence that
    states it); pairs never do, so a sentence carrying two claims cannot chain their two facts.
    """
    g = _Groups(ctx)
    for p in pairs:
        if p.score < ALIGN_THRESHOLD:
            break
        g.merge(p.i, p.j, CENTROID_FLOOR)
    _bridges(ctx, g)
    _figures(ctx, g)
    return [sorted(m) for m in g.members.values()]
