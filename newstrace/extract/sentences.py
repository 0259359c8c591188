"""Sentence spans: spaCy's parser splits, repaired where abbreviations fooled it, cut at paragraphs."""

from __future__ import annotations

import re
from typing import Iterator

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.tokens import Doc, Token

from newstrace.model import Sentence, Span

from .nlp import text_of

__all__ = ["sentence_spans", "sentences"]

# A title is always followed by a name, so a split after it is always wrong.
TITLES = {
    "mr.", "mrs.", "ms.", "dr.", "gen.", "lt.", "col.", "sgt.", "capt.", "maj.", "adm.",
    "sen.", "rep.", "gov.", "pres.", "prof.", "rev.", "st.", "fr.", "cmdr.", "gens.", "sens.",
    "reps.", "amb.", "supt.", "insp.", "det.", "cpl.", "pvt.", "no.", "vs.", "v.", "jr.", "sr.",
}
MONTHS = {
    "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
}
# Abbreviations that may end a sentence but usually sit inside one.
INNER = {
    "u.s.", "u.k.", "u.n.", "e.u.", "a.m.", "p.m.", "inc.", "corp.", "co.", "ltd.", "approx.",
    "est.", "e.g.", "i.e.", "etc.", "d.c.", "n.y.", "l.a.",
}
PARAGRAPH = re.compile(r"\n[ \t\r\f\v]*\n\s*")
INITIAL = re.compile(r"^[A-Z]\.$")


def _glued(prev_last: str, nxt: str) -> bool:
    """True when a split between these two tokens is an abbreviation mistake."""
    low = prev_last.lower()
    if low in TITLES or INITIAL.match(prev_last):
        return True
    if low in MONTHS:
        return nxt[:1].isdigit()
    if low in INNER:
        return nxt[:1].islower() or nxt[:1].isdigit() or nxt[:1] in ",;:)"
    return nxt[:1].islower() or nxt[:1] in ",;:)%"


def _sent_words(doc: Doc) -> Iterator[tuple[Token, Token]]:
    """The first and last non-space token of each of spaCy's sentences (as `doc.sents` cuts them) that has one."""
    if not doc.has_annotation("SENT_START"):
        raise ValueError("sentence boundaries are not set")  # as `doc.sents` would
    n = len(doc)
    if not n:
        return
    arr = doc.to_array([SENT_START, IS_SPACE])
    starts = [0, *(numpy.flatnonzero(arr[1:, 0] == 1) + 1).tolist(), n]
    words = numpy.flatnonzero(arr[:, 1] == 0)
    for a, b in zip(starts, starts[1:]):
        lo = numpy.searchsorted(words, a)
        hi = numpy.searchsorted(words, b)
        if hi > lo:
            yield doc[int(words[lo])], doc[int(words[hi - 1])]


def _merged(doc: Doc) -> list[Span]:
    """spaCy's sentence spans with abbreviation splits undone."""
    spans: list[list[int]] = []
    prev_last = None
    for first, last in _sent_words(doc):
        if spans and prev_last is not None and not PARAGRAPH.search(text_of(doc), spans[-1][1], first.idx):
            if _glued(prev_last.text, first.text):
                spans[-1][1] = last.idx + len(last)
                prev_last = last
                continue
        spans.append([first.idx, last.idx + len(last)])
        prev_last = last
    return [(s, e) for s, e in spans]


def _cut_paragraphs(text: str, span: Span) -> list[Span]:
    """Split one span at blank lines, trimming whitespace from each piece."""
    s, e = span
    out: list[Span] = []
    start = s
    for m in PARAGRAPH.finditer(text, s, e):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, e))
    trimmed = []
    for a, b in out:
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            trimmed.append((a + lead, a + trail))
    return trimmed


def sentence_spans(doc: Doc) -> list[Span]:
    """Sentence `[start, end)` spans over the doc's text, in order and non-overlapping."""
    out: list[Span] = []
    for span in _merged(doc):
        out.extend(_cut_paragraphs(text_of(doc), span))
    return out


def sentences(doc: Doc) -> tuple[Sentence, ...]:
    """Sentence records for a parsed article."""
    return tuple(Sentence(span=(s, e), text=text_of(doc)[s:e]) for s, e in sentence_spans(doc))
