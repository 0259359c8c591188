"""Direct-quote spans from quotation marks: curly and straight, continued across paragraphs."""

from __future__ import annotations

import re

from newstrace.model import Span

__all__ = ["quoted_spans"]

OPENERS = "“„«"
CLOSERS = "”»"
LINE = re.compile(r"[^\n]+")


def _trim(text: str, s: int, e: int) -> Span | None:
    """Strip whitespace from a span's ends; None when nothing is left."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None


def _opens_paragraph(text: str, start: int) -> bool:
    """True when a line begins (after spaces) with a quotation mark."""
    i = start
    while i < len(text) and text[i] in " \t\u00a0":
        i += 1
    return i < len(text) and text[i] in OPENERS + CLOSERS + '"'


def quoted_spans(text: str) -> list[tuple[Span, bool]]:
    """Spans inside double quotation marks, each with whether it continues on the next line.

    A quote left open at a line end continues when the next line opens with a mark.
    """
    out: list[tuple[Span, bool]] = []
    lines = [(m.start(), m.end()) for m in LINE.finditer(text)]
    open_at: int | None = None
    straight = False
    for n, (a, b) in enumerate(lines):
        for i in range(a, b):
            c = text[i]
            at_line_start = not text[a:i].strip()
            if open_at is None:
                if c in OPENERS or (c in CLOSERS and at_line_start) or c == '"':
                    open_at, straight = i + 1, c == '"'
            elif at_line_start and (c in OPENERS or (c == '"' and straight)) and i + 1 < b:
                open_at = i + 1  # continuation of a quote carried over from the previous line
            elif c in CLOSERS or c == '"':  # marks are often mixed ("… ” or “… ")
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
                open_at = None
    return out
