"""Which quantities of a story report the same measured thing: aligned sentences, then clause-level matches."""

from __future__ import annotations

import math
import re
from itertools import combinations

import numpy as np

from newstrace.corroborate.context import StoryContext, Unit
from newstrace.corroborate.units import agree, is_physical, measured_tokens, normalized, unit_key
from newstrace.model import Quantity

__all__ = ["QRef", "Edge", "quantity_edges", "clause_of", "Clauses", "Measured", "counted"]

HEAD_COSINE = 0.7  # "troops" and "soldiers" count as the same measured noun
PEOPLE = frozenset("people person resident inhabitant villager local civilian citizen individual evacuee man woman "
                   "adult men women".split())  # head nouns that all count persons
CLAUSE_MIN = {"physical": 0.5, "count": 0.55}  # clause similarity (+ closeness bonus) to pair two numbers
CLOSENESS_WEIGHT = 0.3  # reports of one figure differ by a little; different figures often by a lot
CLOSENESS_ZERO = 3.0  # ratio of values at which the closeness bonus reaches zero
MISREPORT_RATIO = 2.0  # two reports of one figure rarely differ by more than this factor
QRef = tuple[int, int]  # (unit index, quantity index within the unit)
Edge = tuple[QRef, QRef, bool]  # two quantities reported as the same thing, and whether they agree
_CUT = re.compile(r"[,;:\u2014(]\s*|\s(?:and|but|while|whereas|as|after|before|which|who)\s")


def clause_of(u: Unit, q: Quantity) -> str:
    """The clause of its sentence that holds a quantity: the local context of what it measures."""
    t, off = u.text, q.span[0] - u.span[0]
    cuts = [m.end() for m in _CUT.finditer(t)]
    lo = max((c for c in cuts if c <= off), default=0)
    hi = min((c for c in cuts if c > off + len(q.text)), default=len(t))
    return t[lo:hi].strip() or t


class Measured:
    """Compatibility of what two quantities measure, with head-noun embeddings computed once."""

    def __init__(self, ctx: StoryContext) -> None:
        heads = sorted({t[-1] for u in ctx.units for q in u.quantities if (t := counted(q))})
        vecs = ctx.embed(heads) if heads else np.zeros((0, 384), np.float32)
        self.vec = {h: vecs[i] for i, h in enumerate(heads)}

    def same_head(self, a: str, b: str) -> bool:
        """Equal head nouns, two person nouns, or near-synonyms by embedding."""
        return a == b or (a in PEOPLE and b in PEOPLE) or float(self.vec[a] @ self.vec[b]) >= HEAD_COSINE

    def compatible(self, a: Quantity, b: Quantity, aligned: bool) -> bool:
        """Same unit of measure, or the same counted noun with the same qualifiers."""
        ka, kb = unit_key(a), unit_key(b)
        if is_physical(ka) or is_physical(kb):
            return ka == kb
        ta, tb = counted(a), counted(b)
        if not ta or not tb:
            return aligned and bool(ta or tb)
        if not self.same_head(ta[-1], tb[-1]):
            return False
        ma, mb = set(ta[:-1]), set(tb[:-1])
        return ma == mb or bool(ma & mb)  # "North Korean troops" is not "troops": a part is not the whole


def counted(q: Quantity) -> list[str]:
    """Qualifiers and head noun of what a count counts; the unit noun wins when the parse disagrees."""
    tokens = measured_tokens(q.measured)
    noun = measured_tokens(unit_key(q))[-1:]
    if not noun or (tokens and tokens[-1] == noun[0]):
        return tokens
    return noun


def _match(m: Measured, a: Unit, b: Unit) -> list[Edge]:
    """One-to-one matching of two aligned sentences' quantities: agreeing pairs first, then unambiguous leftovers."""
    pairs = [(i, j) for i, qa in enumerate(a.quantities) for j, qb in enumerate(b.quantities)
             if m.compatible(qa, qb, aligned=True)]
    out, used_a, used_b = [], set(), set()
    for i, j in pairs:
        if i not in used_a and j not in used_b and agree(a.quantities[i], b.quantities[j]):
            out.append(((a.index, i), (b.index, j), True))
            used_a.add(i), used_b.add(j)
    left = [(i, j) for i, j in pairs if i not in used_a and j not in used_b]
    for i, j in left:
        if sum(1 for x, _ in left if x == i) == 1 and sum(1 for _, y in left if y == j) == 1:
            out.append(((a.index, i), (b.index, j), False))
    return out


def _aligned(ctx: StoryContext, m: Measured) -> tuple[list[Edge], list[Edge]]:
    """Edges between numbers of aligned sentences; verbatim repeats are tied to their first wording."""
    by_fact: dict[int, list[Unit]] = {}
    for idx, f in ctx.fact_of.items():
        if ctx.units[idx].quantities:
            by_fact.setdefault(f, []).append(ctx.units[idx])
    edges, same = [], []
    for us in by_fact.values():
        first: dict[str, Unit] = {}
        for u in sorted(us, key=lambda u: u.index):
            rep = first.setdefault(u.text, u)
            if rep is not u:
                same += [((rep.index, k), (u.index, k), True) for k in range(len(u.quantities))]
        for a, b in combinations(first.values(), 2):
            if a.article != b.article:
                edges += _match(m, a, b)
    return edges, same


def _ratio(a: Quantity, b: Quantity) -> float:
    """Larger over smaller magnitude (infinite when one is zero)."""
    x, y = abs(normalized(a)), abs(normalized(b))
    return max(x, y) / min(x, y) if x and y else math.inf


def _closeness(a: Quantity, b: Quantity) -> float:
    """1 for equal magnitudes, falling to 0 at a ratio of CLOSENESS_ZERO."""
    x, y = abs(normalized(a)), abs(normalized(b))
    if not x or not y:
        return 0.0
    return max(0.0, 1.0 - abs(math.log(x / y)) / math.log(CLOSENESS_ZERO))


class Clauses:
    """Clause embeddings of the story's quantities, and the pairing score built on them."""

    def __init__(self, ctx: StoryContext, refs: list[QRef]) -> None:
        self.ctx = ctx
        texts = [clause_of(ctx.units[r[0]], self.q(r)) for r in refs]
        uniq = list(dict.fromkeys(texts))
        vecs = np.asarray(ctx.embed(uniq)) if uniq else np.zeros((0, 384), np.float32)
        pos = {t: i for i, t in enumerate(uniq)}
        self.row = {r: pos[t] for r, t in zip(refs, texts)}
        self.vecs = vecs

    def q(self, r: QRef) -> Quantity:
        """The quantity a reference points at."""
        return self.ctx.units[r[0]].quantities[r[1]]

    def score(self, a: QRef, b: QRef) -> float:
        """Clause similarity plus a bonus for close magnitudes."""
        return float(self.vecs[self.row[a]] @ self.vecs[self.row[b]]) + CLOSENESS_WEIGHT * _closeness(self.q(a), self.q(b))

    def enough(self, a: QRef, b: QRef, score: float) -> bool:
        """Whether a score pairs these two numbers (units of measure need less than counted nouns)."""
        return score >= CLAUSE_MIN["physical" if is_physical(unit_key(self.q(a))) else "count"]


def _loose(ctx: StoryContext, m: Measured, cl: Clauses, refs: list[QRef]) -> list[tuple[Edge, float]]:
    """Scored pairs of numbers anywhere in the story whose clauses say the same kind of thing."""
    groups: dict[str, list[QRef]] = {}
    for r in refs:
        key = unit_key(cl.q(r))
        groups.setdefault(key if is_physical(key) else "count", []).append(r)
    out = []
    for members in groups.values():
        rows = cl.vecs[[cl.row[r] for r in members]]
        sims = rows @ rows.T
        for x, y in combinations(range(len(members)), 2):
            ra, rb = members[x], members[y]
            if ctx.units[ra[0]].article == ctx.units[rb[0]].article or not m.compatible(cl.q(ra), cl.q(rb), False):
                continue
            close = _closeness(cl.q(ra), cl.q(rb))
            score = float(sims[x, y]) + CLOSENESS_WEIGHT * close
            agreeing = agree(cl.q(ra), cl.q(rb))
            # outside aligned sentences, figures twice apart or more are different things, not a misreport
            if cl.enough(ra, rb, score) and (agreeing or _ratio(cl.q(ra), cl.q(rb)) < MISREPORT_RATIO):
                out.append(((ra, rb, agreeing), score))
    return out


def _mutual_best(ctx: StoryContext, scored: list[tuple[Edge, float]], aligned: list[Edge]) -> list[Edge]:
    """Outside aligned sentences a number is paired only with its best match in each other article, and vice versa."""
    art = lambda r: ctx.units[r[0]].article  # noqa: E731
    best: dict[tuple[QRef, str], float] = {}
    for (x, y, _), score in scored + [(e, math.inf) for e in aligned]:
        best[(x, art(y))] = max(best.get((x, art(y)), -1.0), score)
        best[(y, art(x))] = max(best.get((y, art(x)), -1.0), score)
    return [e for e, s in scored if s >= best[(e[0], art(e[1]))] and s >= best[(e[1], art(e[0]))]]


def quantity_edges(ctx: StoryContext) -> list[Edge]:
    """All pairs of quantities taken to report the same measured thing."""
    m = Measured(ctx)
    refs = [(u.index, k) for u in ctx.units if u.informative for k in range(len(u.quantities))]
    cl = Clauses(ctx, refs)
    aligned, same = _aligned(ctx, m)
    # aligned sentences may still pair different figures ("a three-hour debate", "ten years of argument")
    aligned = [e for e in aligned if e[2] or cl.enough(e[0], e[1], cl.score(e[0], e[1]))]
    return same + aligned + _mutual_best(ctx, _loose(ctx, m, cl, refs), aligned)
