"""Date, statement and attribution conflicts between aligned sentences of different origins."""

from __future__ import annotations

import re
from itertools import combinations

from newstrace.corroborate.context import StoryContext, Unit, ref
from newstrace.corroborate.polarity import contradiction

__all__ = ["statement_conflicts", "attribution_conflicts", "fact_groups"]

STATEMENT_COSINE = 0.6  # contradictions are only looked for between passages of one fact this alike
_ACCORDING = re.compile(r"\b(?:according to|as per|citing|cited by|reported by)\s+(?:the\s+)?[\"'\u201c]?", re.I)
_SEVERITY = {"low": 0, "medium": 1, "high": 2}


def fact_groups(ctx: StoryContext) -> list[list[Unit]]:
    """Sentences of each fact that more than one origin supports, in story order."""
    by_fact: dict[int, list[Unit]] = {}
    for idx, f in ctx.fact_of.items():
        by_fact.setdefault(f, []).append(ctx.units[idx])
    out = []
    for f in sorted(by_fact):
        us = sorted(by_fact[f], key=lambda u: u.index)
        if len({ctx.origin_of[u.article] for u in us}) > 1:
            out.append(us)
    return out


def _partition(items: list[tuple[Unit, object]], same) -> list[list[tuple[Unit, object]]]:
    """Greedy grouping of (sentence, value) by a compatibility test against each group's first member."""
    groups: list[list[tuple[Unit, object]]] = []
    for it in items:
        home = next((g for g in groups if same(g[0][1], it[1])), None)
        if home is None:
            groups.append([it])
        else:
            home.append(it)
    return groups


def _multi_origin(ctx: StoryContext, groups: list[list[tuple[Unit, object]]]) -> bool:
    """More than one group, and the disagreement is not internal to a single origin."""
    origins = {ctx.origin_of[u.article] for g in groups for u, _ in g}
    return len(groups) > 1 and len(origins) > 1


def _variant(ctx: StoryContext, units: list[Unit], value: str, normalized: object, spans: list[dict] | None = None) -> dict:
    """A conflict variant from the sentences (or given spans) that state it."""
    arts = ctx.sort_articles([u.article for u in units])
    return {"value": value, "normalized": normalized, "articles": arts,
            "spans": spans or [ref(u.article, u.span) for u in units], "origins": ctx.origins_of(arts)}


def _claim_groups(ctx: StoryContext) -> list[list[Unit]]:
    """The passages (sentences or clauses) of each fact that more than one origin supports."""
    out = []
    for members in ctx.fact_members:
        us = [ctx.units[i] for i in members]
        if len({ctx.origin_of[u.article] for u in us}) > 1:
            out.append(us + [ctx.units[u.parent] for u in us if u.parent is not None])  # and the clause's sentence
    return out


def _opposed(ctx: StoryContext, us: list[Unit]) -> tuple[Unit, Unit, str] | None:
    """The first pair of near-paraphrases from different origins where one denies what the other asserts."""
    distinct = list({u.text: u for u in reversed(us)}.values())[::-1]
    for a, b in combinations(distinct, 2):
        if ctx.origin_of[a.article] == ctx.origin_of[b.article]:
            continue
        if float(ctx.vectors[a.index] @ ctx.vectors[b.index]) >= STATEMENT_COSINE and (w := contradiction(a.text, b.text)):
            return a, b, w
    return None


def statement_conflicts(ctx: StoryContext) -> list[dict]:
    """Near-paraphrases of one fact where one denies what the other asserts (one record per fact)."""
    out = []
    for us in _claim_groups(ctx):
        found = _opposed(ctx, us)
        if found is None:
            continue
        a, b, word = found
        side_a = [u for u in us if u is a or (u is not b and contradiction(u.text, a.text) is None
                                                and contradiction(u.text, b.text) is not None)]
        side_b = [u for u in us if u is b or (u is not a and contradiction(u.text, b.text) is None
                                                and contradiction(u.text, a.text) is not None)]
        out.append({"kind": "statement", "subject": a.text, "cue": word, "severity": "high",
                    "variants": [_variant(ctx, side_a, a.text, None), _variant(ctx, side_b, b.text, None)]})
    return out


def _sources(ctx: StoryContext, u: Unit, kind: str) -> dict[str, tuple[int, int]]:
    """Who a sentence credits: outlets it cites ("outlet"), or people and bodies it reports speaking ("speaker")."""
    art = ctx.articles[u.article]
    places = {e.canonical.lower() for e in art.entities if e.label in ("GPE", "LOC") and e.canonical}
    out: dict[str, tuple[int, int]] = {}
    if kind == "outlet":
        for c in art.cites:  # datelines ("WASHINGTON -") and the article's own name are no source
            name = c.outlet.lower()
            if u.span[0] <= c.span[0] < u.span[1] and c.outlet[:1].isupper() and name not in places \
                    and not _same_name(c.outlet, art.outlet):
                out[name] = c.span
        return out
    for m in _ACCORDING.finditer(u.text):
        at = u.span[0] + m.end()
        for e in art.entities:
            if at <= e.span[0] <= at + 1 and e.canonical and e.label == "PERSON":
                out.setdefault(e.canonical.lower(), e.span)
    named = {e.canonical.lower() for e in art.entities if e.label == "PERSON" and e.canonical}
    for q in u.quotes:  # direct quotes' speakers are compared quote by quote (quotes.py)
        if (q.kind != "direct" and q.speaker and q.speaker_span and q.speaker.lower() in named
                and not _same_name(q.speaker, art.outlet)):
            out.setdefault(q.speaker.lower(), q.speaker_span)
    return out


def _same_name(a: str, b: str | None) -> bool:
    """Outlet names equal up to case and a leading "The" ("told The Northgate Standard" is no source)."""
    norm = lambda s: re.sub(r"^the\s+", "", s.strip().lower())  # noqa: E731
    return b is not None and norm(a) == norm(b)


def attribution_conflicts(ctx: StoryContext) -> list[dict]:
    """One fact credited to disjoint sources of one kind (outlets, or speakers) by different origins."""
    out = []
    for us in fact_groups(ctx):
        for kind in ("speaker", "outlet"):
            items = [(u, src) for u in us if (src := _sources(ctx, u, kind))]
            groups = _partition(items, lambda x, y: bool(set(x) & set(y)))
            if not _multi_origin(ctx, groups):
                continue
            variants = []
            for g in groups:
                names = sorted({n for _, src in g for n in src})
                spans = [ref(u.article, sp) for u, src in g for sp in src.values()]
                variants.append(_variant(ctx, [u for u, _ in g], ", ".join(names), names, spans))
            out.append({"kind": "attribution", "subject": us[0].text, "severity": "medium" if kind == "speaker"
                        else "low", "variants": variants})
    return out
