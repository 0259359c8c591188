"""Frozen records that flow between the pipeline's stages.

Every extracted item carries a ``span``: ``[start, end)`` character offsets into
its article's ``text``, so that ``article.text[start:end] == item.text``.
Dicts appear only at the edges (``to_dict`` for report.json).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import Any

Span = tuple[int, int]

__all__ = [
    "Span", "Cite", "Sentence", "Entity", "Quantity", "Quote", "DateMention",
    "Article", "Link", "Origin", "Story", "Problem", "to_dict", "replace", "source_name",
]


@dataclass(frozen=True, slots=True)
class Cite:
    """An outlet the article credits ("according to X", "(X) -")."""

    outlet: str
    span: Span


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity with its story-wide canonical name."""

    span: Span
    text: str
    label: str
    canonical: str


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with unit, normalized value and the thing it measures."""

    span: Span
    text: str
    value: float
    unit: str | None = None
    normalized_value: float | None = None
    normalized_unit: str | None = None
    approx: str = "="  # one of = ~ <= >=
    measured: str | None = None
    upper: float | None = None  # upper bound of a range ("10 to 12"), in `unit`


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct or indirect quote with its cue and speaker."""

    span: Span
    text: str
    kind: str  # "direct" | "indirect"
    cue_span: Span | None = None
    speaker: str | None = None
    speaker_span: Span | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or time the article mentions, resolved against its publication date."""

    span: Span
    text: str
    value: str | None  # ISO-8601 date (or datetime) when resolvable


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: normalized text, metadata, and what extraction found."""

    id: str
    text: str
    source: str
    input_id: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # ISO-8601
    language: str | None = None
    cites: tuple[Cite, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateMention, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    """Two articles sharing text or one rewriting the other; direction is 'a->b', 'b->a' or None."""

    a: str
    b: str
    kind: str  # exact | near_duplicate | shared_passages | rewrite
    score: float
    direction: str | None = None
    evidence: tuple[tuple[Span, Span], ...] = ()


@dataclass(frozen=True, slots=True)
class Origin:
    """One original report and everything derived from it."""

    id: str
    articles: tuple[str, ...]
    root: str | None = None
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """One event: its articles and everything the per-story analysis found (dicts, report-shaped)."""

    id: str
    title: str
    articles: tuple[str, ...]
    origins: tuple[Origin, ...] = ()
    facts: tuple[dict, ...] = ()
    conflicts: tuple[dict, ...] = ()
    quotes: tuple[dict, ...] = ()
    summary: tuple[dict, ...] = ()
    timeline: tuple[dict, ...] = ()


@dataclass(frozen=True, slots=True)
class Problem:
    """A bad input, kept as data: which file (and record) and why; warnings still yield articles."""

    source: str
    error: str
    level: str = "error"  # "error" (input lost) | "warning" (processed, with a caveat)


def to_dict(obj: Any) -> Any:
    """Turn records into JSON-ready dicts and lists (tuples become lists)."""
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: to_dict(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


def source_name(outlet: str | None, input_id: str | None = None, source: str | None = None) -> str:
    """What reports call an article: its outlet, else the file or record it came from ("" when
    neither is known), so that readers see "002.txt" rather than an internal id."""
    name = re.split(r"[/\\]", (input_id or source or "").split("#")[0].rstrip("/\\"))[-1]
    return outlet or name
