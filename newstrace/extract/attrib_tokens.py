"""Token-level helpers shared by the quote and attribution readers: sentence bounds, spans, subjects, cues."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import numpy
from spacy.attrs import IDX, LENGTH, SENT_START

from spacy.tokens import Doc, Token

from newstrace.model import Span

from .cues import NOMINAL, PREP_VERBS, REPORTING
from .nlp import PIECES_KEY, text_of

__all__ = ["SUBJECTS", "sent_bounds", "span_of", "subject_of", "is_cue", "overlap_len"]

SUBJECTS = ("nsubj", "nsubjpass")


def sent_bounds(tok: Token) -> tuple[int, int]:
    """Token bounds [lo, hi) of a token's sentence, clipped at line breaks (spaCy's sentences may cross them)."""
    doc = tok.doc
    table = doc.user_data.get(_BOUNDS_KEY)
    if table is None or table.n != len(doc):
        table = doc.user_data[_BOUNDS_KEY] = _Bounds(doc)
    return table.bounds(tok.i)


_BOUNDS_KEY = "newstrace.sent_bounds"


class _Bounds:
    """A doc's sentence starts, token offsets, piece starts and line breaks, read once for `sent_bounds`.

    `bounds(i)` gives what reading `doc[i].sent` and walking its tokens gave: spaCy's sentence
    (the nearest sentence start at or before i, the next one after it), kept inside the
    sentence piece of token i (`_piece_clip`), then cut at the line breaks nearest to i.
    """

    def __init__(self, doc: Doc) -> None:
        """Read the arrays (spaCy's own `Token.sent` needs sentence annotation, else lines stand for sentences)."""
        self.n = n = len(doc)
        self.sents = doc.has_annotation("SENT_START")
        arr = doc.to_array([SENT_START, IDX, LENGTH]).astype("int64") if n else numpy.zeros((0, 3), dtype="int64")
        self.idx = arr[:, 1]
        self.offsets = self.idx.tolist()
        starts = numpy.flatnonzero(arr[:, 0] == 1)
        self.starts = starts.tolist()
        pieces = doc.user_data.get(PIECES_KEY)
        self.pieces = [off for off, _ in pieces] if pieces and len(pieces) >= 2 else None
        in_text = numpy.zeros(n, dtype=bool)
        in_space = numpy.zeros(n, dtype=bool)
        text = text_of(doc)
        breaks = numpy.array([m.start() for m in _NEWLINE.finditer(text)], dtype="int64")
        if len(breaks) and n:
            owner = numpy.searchsorted(self.idx, breaks, side="right") - 1
            keep = owner >= 0
            owner, breaks = owner[keep], breaks[keep]
            inside = breaks < self.idx[owner] + arr[owner, 2]
            in_text[owner[inside]] = True
            in_space[owner[~inside]] = True
        self.in_text = in_text
        self.lines = numpy.flatnonzero(in_text | in_space).tolist()  # tokens whose text or trailing space breaks a line

    def bounds(self, i: int) -> tuple[int, int]:
        """Sentence bounds of token i, as `sent_bounds` defines them."""
        if self.sents:
            k = bisect_right(self.starts, i)
            lo = self.starts[k - 1] if k else 0
            hi = self.starts[k] if k < len(self.starts) else self.n
        else:
            lo, hi = 0, self.n
        lo, hi = self._clip(i, lo, hi)
        k = bisect_left(self.lines, i)  # line breaks before i (in [lo, i)) and from i on (in [i, hi))
        if k and self.lines[k - 1] >= lo:
            lo = self.lines[k - 1] + 1
        if k < len(self.lines) and self.lines[k] < hi:
            t = self.lines[k]
            hi = t + (0 if self.in_text[t] else 1)
        return lo, max(hi, i + 1)

    def _clip(self, i: int, lo: int, hi: int) -> tuple[int, int]:
        """`_piece_clip`: the bounds kept inside the sentence piece of token i."""
        if self.pieces is None:
            return lo, hi
        at = self.offsets[i]
        k = bisect_right(self.pieces, at) - 1
        first = self.pieces[k]
        lo = min(i, max(lo, bisect_left(self.offsets, first)))
        if k + 1 < len(self.pieces):
            last = bisect_left(self.offsets, self.pieces[k + 1])
            hi = max(i + 1, min(hi, last)) if hi > i + 1 else hi
        return lo, hi


_NEWLINE = re.compile("\n")


def span_of(tokens: list[Token]) -> Span:
    """Character span covering tokens."""
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def subject_of(verb: Token) -> Token | None:
    """The subject of a reporting verb, through conjunctions and open complements."""
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ in SUBJECTS:
                return child
        if node.dep_ in ("conj", "xcomp", "advcl", "ccomp") and node.head.i != node.i:
            node = node.head
        else:
            return None
    return None


def is_cue(tok: Token) -> bool:
    """A reporting verb used as a verb."""
    return (tok.lower_ in REPORTING or tok.lower_ in NOMINAL or tok.lower_ in PREP_VERBS) and tok.tag_.startswith("VB")


def overlap_len(a: Span, b: Span) -> int:
    """Characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
