"""Direct-quote spans from quotation marks: curly, straight and doubled-apostrophe ('') double
quotes continued across paragraphs, and single quotes standing outside any double quote."""

from __future__ import annotations

import re

from newstrace.model import Span

__all__ = ["quoted_spans", "MARKS"]

OPENERS = "“„«"
CLOSERS = "”»"
MARKS = OPENERS + CLOSERS + "\"‘’'"
LINE = re.compile(r"[^\n]+")
TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s+[\w:-]+=(?:\"[^\"\n]*\"|'[^'\n]*'))*\s*/?>")
DOUBLE = re.compile(r"''|[\"“”„«»]")  # two apostrophes stand for a double quote in some house styles
# A single-quoted passage on one line: the opener starts a word, the closer ends one; an
# apostrophe inside a word ("don’t") does not close it.
SINGLE = re.compile(r"(?<![\w’'‘])[‘']([^\W\d_](?:[^‘’'\n]|[’'](?=[^\W_]))*?)[’'](?![^\W_]|['’])")


def _trim(text: str, s: int, e: int) -> Span | None:
    """Strip whitespace from a span's ends; None when nothing is left."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None


def _opens_paragraph(text: str, start: int) -> bool:
    """True when a line begins (after spaces) with a double quotation mark."""
    i = start
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    return DOUBLE.match(text, i) is not None


def _double(text: str, unclosed: bool = False) -> list[tuple[Span, bool]]:
    """Spans inside double quotation marks, each with whether it continues on the next line.

    A quote left open at a line end continues when the next line opens with a mark; otherwise
    it is dropped, or with ``unclosed`` kept up to the line end (a lead cut off mid-quote).
    """
    out: list[tuple[Span, bool]] = []
    lines = [(m.start(), m.end()) for m in LINE.finditer(text)]
    open_at: int | None = None
    straight = False
    for n, (a, b) in enumerate(lines):
        nested = 0
        for m in DOUBLE.finditer(text, a, b):
            c, i, j = m.group(), m.start(), m.end()
            at_line_start = not text[a:i].strip()
            plain = c in ('"', "''")
            if open_at is None:
                if c in OPENERS or (c in CLOSERS and at_line_start) or plain:
                    open_at, straight = j, plain
            elif at_line_start and (c in OPENERS or (plain and straight)) and j < b:
                open_at = j  # continuation of a quote carried over from the previous line
            elif c in OPENERS:  # a second opener: nested when two closers follow on the line, else the first was stray
                if sum(1 for k in DOUBLE.finditer(text, j, b) if k.group() not in OPENERS) >= 2:
                    nested += 1
                else:
                    open_at, straight = j, False
            elif nested and (c in CLOSERS or plain):
                nested -= 1
            elif c in CLOSERS or plain:  # marks are often mixed ("… ” or “… ")
                span = _trim(text, open_at, i)
                if span:
                    out.append((span, False))
                open_at = None
        if open_at is not None:
            nxt = lines[n + 1][0] if n + 1 < len(lines) else None
            if nxt is not None and _opens_paragraph(text, nxt):
                span = _trim(text, open_at, b)
                if span:
                    out.append((span, True))
                open_at = b  # kept open; the next line's opening mark moves it
            else:
                span = _trim(text, open_at, b) if unclosed else None
                if span:
                    out.append((span, False))
                open_at = None
    return out


def _single(text: str, taken: list[Span]) -> list[tuple[Span, bool]]:
    """Single-quoted passages that lie outside every double-quoted span (nested ones stay inside)."""
    out: list[tuple[Span, bool]] = []
    for m in SINGLE.finditer(text):
        s, e = m.start(1), m.end(1)
        if any(a - 2 <= s and e <= b + 2 for a, b in taken):
            continue
        span = _trim(text, s, e)
        if span:
            out.append((span, False))
    return out


def _untagged(text: str) -> str:
    """The text with markup tags blanked out (same offsets): '<tweet id="…">' holds attribute values, not quotes."""
    return TAG.sub(lambda m: " " * len(m.group()), text) if "<" in text else text


def quoted_spans(text: str, unclosed: bool = False) -> list[tuple[Span, bool]]:
    """Quoted spans in text order, each with whether it continues on the next line (``unclosed``:
    a double quote still open at a line end that no next line continues runs to that line end)."""
    text = _untagged(text)
    double = _double(text, unclosed)
    return sorted(double + _single(text, [s for s, _ in double]), key=lambda x: x[0])
