"""Timeline: the story's dated events in order, from resolved date mentions and their sentences."""

from __future__ import annotations

import re

from newstrace.corroborate.context import StoryContext, Unit, ref
from newstrace.model import DateMention

__all__ = ["build_timeline"]

_YEAR = re.compile(r"\b(?:1[5-9]|20)\d{2}\b")  # without a publication date only a written year anchors a date
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
DATELINE_SHARE = 0.5  # a sentence that is mostly its date is a dateline, not an event


def _event_units(ctx: StoryContext) -> list[tuple[str, Unit, DateMention]]:
    """(ISO date, sentence, mention) for every resolved date mentioned inside a real sentence."""
    out = []
    for u in ctx.units:
        for d in u.dates:
            if (d.value and len(d.text) < DATELINE_SHARE * len(u.text) and u.informative and not _stamp(ctx, u, d)
                    and (ctx.articles[u.article].published or _YEAR.search(d.text))):
                out.append((d.value[:10], u, d))
    return out


def _stamp(ctx: StoryContext, u: Unit, d: DateMention) -> bool:
    """A publication stamp ("17 November 2024 15:26"): the publication day, timed or opening the line, not an event."""
    published = ctx.articles[u.article].published or ""
    same_day = bool(d.value) and published[:10] == (d.value or "")[:10]
    return same_day and (bool(_CLOCK.search(d.text)) or u.text.startswith(d.text))


def build_timeline(ctx: StoryContext) -> list[dict]:
    """One entry per (date, fact): aligned sentences with the same date are one event."""
    entries: dict[tuple[str, object], dict] = {}
    for value, u, d in _event_units(ctx):
        key = (value, ctx.fact_of.get(u.index, ("unit", u.index)))
        e = entries.get(key)
        if e is None:
            entries[key] = e = {"date": value, "text": u.text, "articles": [], "spans": [], "date_spans": [],
                                "_first": u.index}
        if ref(u.article, u.span) not in e["spans"]:
            e["spans"].append(ref(u.article, u.span))
            e["date_spans"].append(ref(u.article, d.span))
            e["articles"] = ctx.sort_articles(e["articles"] + [u.article])
    ordered = sorted(entries.values(), key=lambda e: (e["date"], e["_first"]))
    for e in ordered:
        e["origins"] = ctx.origins_of(e["articles"])
        del e["_first"]
    return ordered
