"""Date conflicts: one event given different explicit dates by different origins."""

from __future__ import annotations

import re
from datetime import date
from itertools import combinations

import numpy as np

from newstrace.components import components
from newstrace.corroborate.context import StoryContext, Unit, ref
from newstrace.corroborate.qpairs import clause_of
from newstrace.corroborate.text import content_words
from newstrace.model import DateMention

__all__ = ["date_conflicts", "explicit"]

DATE_CLAUSE_MIN = {10: 0.5, 7: 0.8, 4: 0.8}  # clause similarity by granularity: day, month, year
_EXPLICIT = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.I)
_SEVERITY = {"low": 0, "medium": 1, "high": 2}
DRef = tuple[int, int]  # (unit index, date index within the unit)


def explicit(d: DateMention) -> bool:
    """A resolved date written with a day number, month or year; weekdays alone depend on how they were resolved."""
    return bool(d.value) and bool(_EXPLICIT.search(d.text))


def _day(value: str) -> date | None:
    """The calendar day of an ISO value, None when only a month or year."""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _severity(x: str, y: str) -> str:
    """Explicit dates a few days apart are a real disagreement; weeks or years apart a serious one."""
    dx, dy = _day(x), _day(y)
    if dx is None or dy is None:
        return "medium"
    gap = abs((dx - dy).days)
    return "medium" if gap <= 7 else "high"


class _Dates:
    """The story's explicit dates with their clause embeddings."""

    def __init__(self, ctx: StoryContext) -> None:
        self.ctx = ctx
        self.refs = [(u.index, k) for u in ctx.units if u.informative for k, d in enumerate(u.dates) if explicit(d)]
        texts = [clause_of(ctx.units[i], self.d((i, k))) for i, k in self.refs]
        uniq = list(dict.fromkeys(texts))
        vecs = np.asarray(ctx.embed(uniq)) if uniq else np.zeros((0, 384), np.float32)
        pos = {t: n for n, t in enumerate(uniq)}
        self.vec = {r: vecs[pos[t]] for r, t in zip(self.refs, texts)}
        self.words = {r: content_words(t.replace(self.d(r).text, " ")) for r, t in zip(self.refs, texts)}

    def d(self, r: DRef) -> DateMention:
        """The date mention a reference points at."""
        return self.ctx.units[r[0]].dates[r[1]]

    def value(self, r: DRef) -> str:
        """The ISO value at day (or coarser) granularity."""
        return (self.d(r).value or "")[:10]


def _pairs(ds: _Dates) -> list[tuple[DRef, DRef]]:
    """Dates of one event: same fact, or close clauses at one granularity, best match per article both ways."""
    ctx, scored = ds.ctx, []
    for a, b in combinations(ds.refs, 2):
        ua, ub = ctx.units[a[0]], ctx.units[b[0]]
        if ua.article == ub.article or len(ds.value(a)) != len(ds.value(b)):
            continue
        same_fact = ctx.fact_of.get(ua.index, -1) == ctx.fact_of.get(ub.index, -2)
        if not same_fact and not ds.words[a] & ds.words[b]:
            continue  # unaligned clauses must at least name a common thing ("the dam")
        score = 2.0 if same_fact else float(ds.vec[a] @ ds.vec[b])
        if score >= DATE_CLAUSE_MIN.get(len(ds.value(a)), 0.8):
            scored.append((a, b, score))
    best: dict[tuple[DRef, str], float] = {}
    art = lambda r: ctx.units[r[0]].article  # noqa: E731
    for a, b, s in scored:
        best[(a, art(b))] = max(best.get((a, art(b)), -1.0), s)
        best[(b, art(a))] = max(best.get((b, art(a)), -1.0), s)
    return [(a, b) for a, b, s in scored if s >= best[(a, art(b))] and s >= best[(b, art(a))]]


def _components(pairs: list[tuple[DRef, DRef]]) -> list[list[DRef]]:
    """Connected groups of dates given for one event."""
    return [sorted(g) for g in components(pairs)]


def _record(ds: _Dates, group: list[DRef]) -> dict | None:
    """A date conflict when the group holds more than one value from more than one origin."""
    ctx = ds.ctx
    by_value: dict[str, list[DRef]] = {}
    for r in group:
        by_value.setdefault(ds.value(r), []).append(r)
    if len(by_value) < 2:
        return None
    variants = []
    for value, rs in by_value.items():
        arts = ctx.sort_articles([ctx.units[i].article for i, _ in rs])
        variants.append({"value": ds.d(rs[0]).text, "normalized": value, "articles": arts,
                         "spans": [ref(ctx.units[i].article, ds.d((i, k)).span) for i, k in rs],
                         "origins": ctx.origins_of(arts)})
    if len({o for v in variants for o in v["origins"]}) < 2:
        return None
    variants.sort(key=lambda v: (-len(v["origins"]), -len(v["articles"])))
    sev = max((_severity(x, y) for x, y in combinations(by_value, 2)), key=_SEVERITY.get)
    best = max(group, key=lambda r: (len(ds.words[r]), -r[0]))  # the most telling clause names the event
    first: Unit = ctx.units[best[0]]
    return {"kind": "date", "subject": clause_of(first, ds.d(best)), "severity": sev, "variants": variants}


def date_conflicts(ctx: StoryContext) -> list[dict]:
    """Explicit dates that different origins give for one event and that cannot all be right."""
    ds = _Dates(ctx)
    return [rec for g in _components(_pairs(ds)) if (rec := _record(ds, g))]
