"""Quantity conflicts: the same measured thing given different values by different origins."""

from __future__ import annotations

from itertools import combinations

import numpy as np

from newstrace.corroborate.align import Pair
from newstrace.corroborate.context import StoryContext, Unit, ref
from newstrace.corroborate.units import agree, is_physical, measured_tokens, normalized, severity, unit_key
from newstrace.model import Quantity

__all__ = ["quantity_conflicts"]

WEAK_SCORE = 0.6  # unaligned sentences must score this (and share an entity) to compare their numbers
SPECIFIC_SCORE = 0.45  # ...or this, when both numbers count the same qualified noun ("North Korean troops")
HEAD_COSINE = 0.7  # "troops" and "soldiers" count as the same measured noun
PEOPLE = frozenset("people person resident inhabitant villager local civilian citizen individual evacuee man woman "
                   "adult men women".split())  # head nouns that all count persons
STRONG, WEAK, SPECIFIC = "strong", "weak", "specific"  # aligned sentences, close ones, loosely related ones
QRef = tuple[int, int]  # (unit index, quantity index within the unit)
_SEVERITY = {"low": 0, "medium": 1, "high": 2}


class _Measured:
    """Compatibility of measured phrases, with embeddings of their head nouns computed once."""

    def __init__(self, ctx: StoryContext) -> None:
        heads = sorted({t[-1] for u in ctx.units for q in u.quantities
                        for t in (measured_tokens(q.measured), _counted(q)) if t})
        vecs = ctx.embed(heads) if heads else np.zeros((0, 384), np.float32)
        self.vec = {h: vecs[i] for i, h in enumerate(heads)}

    def same_head(self, a: str, b: str) -> bool:
        """Equal head nouns, or near-synonyms by embedding."""
        return a == b or (a in PEOPLE and b in PEOPLE) or float(self.vec[a] @ self.vec[b]) >= HEAD_COSINE

    def compatible(self, a: Quantity, b: Quantity, tier: str) -> bool:
        """Whether two quantities can measure the same thing, given how related their sentences are."""
        ka, kb = unit_key(a), unit_key(b)
        if is_physical(ka) or is_physical(kb):
            return ka == kb and (tier == STRONG or self._heads_fit(measured_tokens(a.measured),
                                                                    measured_tokens(b.measured), WEAK))
        ta, tb = _counted(a), _counted(b)
        if not ta or not tb:
            return tier == STRONG and bool(ta or tb)
        return self._heads_fit(ta, tb, tier)

    def _heads_fit(self, ta: list[str], tb: list[str], tier: str) -> bool:
        """Same head noun and the same qualifiers ("North Korean troops" is not "troops": a part is not the whole)."""
        if not ta or not tb or not self.same_head(ta[-1], tb[-1]):
            return False
        ma, mb = set(ta[:-1]), set(tb[:-1])
        if tier == SPECIFIC and not (ma and mb):
            return False
        return ma == mb or bool(ma & mb)


def _counted(q: Quantity) -> list[str]:
    """Qualifiers and head noun of what a count counts; the unit noun wins when the parse disagrees."""
    tokens = measured_tokens(q.measured)
    noun = measured_tokens(unit_key(q))[-1:]
    if not noun or (tokens and tokens[-1] == noun[0]):
        return tokens
    return noun


def _match(m: _Measured, a: Unit, b: Unit, tier: str) -> list[tuple[QRef, QRef, bool]]:
    """One-to-one matching of two sentences' quantities: agreeing pairs first, then unambiguous leftovers."""
    pairs = [(i, j) for i, qa in enumerate(a.quantities) for j, qb in enumerate(b.quantities)
             if m.compatible(qa, qb, tier)]
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


def _unit_pairs(ctx: StoryContext, pairs: list[Pair]) -> tuple[list[tuple[Unit, Unit, str, float]], list[tuple[QRef, QRef, bool]]]:
    """Sentence pairs whose numbers are compared: aligned ones (strong) and close ones sharing an entity (weak).

    Within a fact each distinct wording is compared once; verbatim repeats (copies) are tied to
    their first occurrence, so a fact reported by many copies costs no more than its distinct wordings.
    """
    by_fact: dict[int, list[Unit]] = {}
    for idx, f in ctx.fact_of.items():
        if ctx.units[idx].quantities:
            by_fact.setdefault(f, []).append(ctx.units[idx])
    out, same = [], []
    for us in by_fact.values():
        first: dict[str, Unit] = {}
        for u in sorted(us, key=lambda u: u.index):
            rep = first.setdefault(u.text, u)
            if rep is not u:
                same += [((rep.index, k), (u.index, k), True) for k in range(len(u.quantities))]
        out += [(a, b, STRONG, 1.0) for a, b in combinations(first.values(), 2) if a.article != b.article]
    for p in pairs:
        a, b = ctx.units[p.i], ctx.units[p.j]
        if ctx.fact_of.get(p.i, -1) == ctx.fact_of.get(p.j, -2) or not (a.quantities and b.quantities):
            continue
        if (a.entities | a.nearby) & (b.entities | b.nearby) and p.score >= SPECIFIC_SCORE:
            out.append((a, b, WEAK if p.score >= WEAK_SCORE else SPECIFIC, p.score))
    return out, same


def _mutual_best(ctx: StoryContext, scored: list[tuple[tuple[QRef, QRef, bool], float]]) -> list[tuple[QRef, QRef, bool]]:
    """Outside aligned sentences, a number is compared only with its best match in each other article, and vice versa."""
    best: dict[tuple[QRef, str], float] = {}
    art = lambda r: ctx.units[r[0]].article  # noqa: E731
    for (x, y, _), score in scored:
        best[(x, art(y))] = max(best.get((x, art(y)), -1.0), score)
        best[(y, art(x))] = max(best.get((y, art(x)), -1.0), score)
    return [e for e, score in scored if score >= best[(e[0], art(e[1]))] and score >= best[(e[1], art(e[0]))]]


def _components(edges: list[tuple[QRef, QRef, bool]]) -> list[list[QRef]]:
    """Connected groups of quantities reported as the same measured thing."""
    parent: dict[QRef, QRef] = {}

    def find(x: QRef) -> QRef:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in edges:
        parent[find(a)] = find(b)
    groups: dict[QRef, list[QRef]] = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    return [sorted(g) for g in groups.values()]


def _variants(ctx: StoryContext, group: list[QRef]) -> list[list[QRef]]:
    """Split a group into mutually agreeing variants; precise statements seed variants first."""
    q = lambda r: ctx.units[r[0]].quantities[r[1]]  # noqa: E731
    order = sorted(group, key=lambda r: (q(r).approx != "=", r))
    variants: list[list[QRef]] = []
    for r in order:
        home = next((v for v in variants if all(agree(q(r), q(x)) for x in v)), None)
        if home is None:
            variants.append([r])
        else:
            home.append(r)
    return variants


def _record(ctx: StoryContext, variants: list[list[QRef]]) -> dict | None:
    """A conflict record when variants come from more than one origin."""
    q = lambda r: ctx.units[r[0]].quantities[r[1]]  # noqa: E731
    vs = []
    for v in variants:
        arts = ctx.sort_articles([ctx.units[u].article for u, _ in v])
        first = min(v)
        vs.append({
            "value": q(first).text, "normalized": normalized(q(first)), "approx": q(first).approx,
            "articles": arts, "spans": [ref(ctx.units[u].article, q((u, k)).span) for u, k in sorted(v)],
            "origins": ctx.origins_of(arts),
        })
    if len({o for v in vs for o in v["origins"]}) < 2:
        return None
    vs.sort(key=lambda v: (-len(v["origins"]), -len(v["articles"])))
    reps = [q(min(v)) for v in variants]
    sev = max((severity(a, b) for a, b in combinations(reps, 2)), key=_SEVERITY.get)
    rep = q(min(min(v) for v in variants))
    subject = rep.measured or rep.normalized_unit or rep.unit or "quantity"
    return {"kind": "quantity", "subject": subject, "unit": unit_key(rep), "severity": sev, "variants": vs}


def quantity_conflicts(ctx: StoryContext, pairs: list[Pair]) -> list[dict]:
    """Groups of same-thing quantities whose values cannot all be true."""
    m = _Measured(ctx)
    unit_pairs, same = _unit_pairs(ctx, pairs)
    strong = [e for a, b, tier, _ in unit_pairs if tier == STRONG for e in _match(m, a, b, tier)]
    loose = [(e, score) for a, b, tier, score in unit_pairs if tier != STRONG for e in _match(m, a, b, tier)]
    edges = same + strong + _mutual_best(ctx, loose)
    out = []
    for group in _components(edges):
        variants = _variants(ctx, group)
        if len(variants) > 1 and (rec := _record(ctx, variants)):
            out.append(rec)
    return out
