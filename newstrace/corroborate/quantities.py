"""Quantity conflicts: the same measured thing given different values by different origins."""

from __future__ import annotations

from itertools import combinations

from newstrace.components import components
from newstrace.corroborate.context import StoryContext, ref
from newstrace.corroborate.qpairs import QRef, clause_of, quantity_edges
from newstrace.corroborate.units import agree, normalized, severity, unit_key

__all__ = ["quantity_conflicts"]

_SEVERITY = {"low": 0, "medium": 1, "high": 2}


def _components(edges: list[tuple[QRef, QRef, bool]]) -> list[list[QRef]]:
    """Connected groups of quantities reported as the same measured thing."""
    return [sorted(g) for g in components((a, b) for a, b, _ in edges)]


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
    first = min(min(v) for v in variants)
    rep = q(first)
    subject = _subject([q(r) for v in variants for r in v]) or clause_of(ctx.units[first[0]], rep)
    return {"kind": "quantity", "subject": subject, "unit": unit_key(rep), "severity": sev, "variants": vs}


def _subject(quantities: list) -> str | None:
    """What the figures measure in the sources' words ("North Korean soldiers in the Kursk area"): the fullest phrase of two words or more."""
    phrases = [x.measured for x in quantities if x.measured and len(x.measured.split()) >= 2]
    return max(phrases, key=lambda m: (len(m.split()), m), default=None)


def quantity_conflicts(ctx: StoryContext) -> list[dict]:
    """Groups of same-thing quantities whose values cannot all be true."""
    out = []
    for group in _components(quantity_edges(ctx)):
        variants = _variants(ctx, group)
        if len(variants) > 1 and (rec := _record(ctx, variants)):
            out.append(rec)
    return out
