"""Dates and times an article mentions, resolved with dateparser against its publication date."""

from __future__ import annotations

import re
from datetime import datetime
from functools import lru_cache

from spacy.tokens import Doc

from newstrace.model import DateMention, Span

from .nlp import text_of

__all__ = ["dates", "resolve"]

WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
PATTERN = re.compile(
    rf"\b(?:{WEEKDAY}(?:,?\s+{MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*\d{{4}})?|\d{{1,2}}\s+{MONTH}(?:\s+\d{{4}})?)"
)
# A DATE/TIME entity is resolved only when it names a point in time, not a duration ("three years").
POINT = re.compile(
    rf"{WEEKDAY}|{MONTH}|\b(?:today|yesterday|tomorrow|tonight|ago|last|next|this|earlier|noon|midnight)\b|"
    r"\b\d{4}\b|\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"^(?:in\s+)?(\d{4})$", re.IGNORECASE)
ANY_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")


@lru_cache(maxsize=64)
def _parser(base: str | None):
    """A dateparser for English relative to one base date (built once per base: it is slow to make)."""
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if base:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(base[:19])
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def resolve(text: str, base: str | None, with_time: bool = False) -> str | None:
    """ISO value of one date expression ('last Tuesday', 'Nov. 18') relative to `base`; None when unresolvable."""
    m = YEAR.match(text.strip())
    if m:
        return m.group(1)
    if not base and not ANY_YEAR.search(text):
        return None  # 'Sunday' or 'Nov. 18' in an undated article: resolving against today would invent a date
    clean = re.sub(r"^(?:the|on|since|by|until|from)\s+", "", text.strip(), flags=re.IGNORECASE)
    clean = clean.replace("a.m.", "am").replace("p.m.", "pm")
    try:
        data = _parser(_day(base)).get_date_data(clean.replace("Sept.", "Sep."))
    except Exception:  # dateparser raises on odd input; an unresolved date is not an error
        return None
    if data is None or data.date_obj is None:
        return None
    period = data.period or "day"
    if period == "year":
        return f"{data.date_obj.year:04d}"
    if period == "month":
        return data.date_obj.strftime("%Y-%m")
    if with_time and period == "time":
        return data.date_obj.isoformat(timespec="minutes")
    return data.date_obj.date().isoformat()


def _day(published: str | None) -> str | None:
    """The publication timestamp cut to what RELATIVE_BASE needs."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00")).replace(tzinfo=None).isoformat()
    except ValueError:
        return None


def _spans(doc: Doc) -> list[tuple[Span, str]]:
    """DATE/TIME entity spans plus weekday and month-day patterns the tagger missed."""
    found: list[tuple[Span, str]] = [((e.start_char, e.end_char), e.label_) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    for m in PATTERN.finditer(text_of(doc)):
        if not any(s < m.end() and m.start() < e for (s, e), _ in found):
            found.append(((m.start(), m.end()), "DATE"))
    return sorted(found)


def dates(doc: Doc, published: str | None) -> tuple[DateMention, ...]:
    """Date mentions with ISO values where the text names a point in time."""
    out = []
    for (s, e), label in _spans(doc):
        text = text_of(doc)[s:e]
        value = resolve(text, published, label == "TIME") if POINT.search(text) else None
        out.append(DateMention(span=(s, e), text=text, value=value))
    return tuple(out)
