"""Token-level helpers shared by the quote and attribution readers: sentence bounds, spans, subjects, cues."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Token

from newstrace.model import Span

from .cues import NOMINAL, PREP_VERBS, REPORTING
from .nlp import PIECES_KEY

__all__ = ["SUBJECTS", "sent_bounds", "span_of", "subject_of", "is_cue", "overlap_len"]

SUBJECTS = ("nsubj", "nsubjpass")


def sent_bounds(tok: Token) -> tuple[int, int]:
    """Token bounds [lo, hi) of a token's sentence, clipped at line breaks (spaCy's sentences may cross them)."""
    doc = tok.doc
    try:
        lo, hi = tok.sent.start, tok.sent.end
    except ValueError:  # no sentence boundaries at all (an unparsed doc): lines stand for sentences
        lo, hi = 0, len(doc)
    lo, hi = _piece_clip(tok, lo, hi)
    start, end = lo, hi
    for t in doc[start : tok.i]:
        if "\n" in t.text or "\n" in t.whitespace_:
            lo = t.i + 1
    for t in doc[tok.i : end]:
        if "\n" in t.text or "\n" in t.whitespace_:
            hi = t.i + (0 if "\n" in t.text else 1)
            break
    return lo, max(hi, tok.i + 1)


def _piece_clip(tok: Token, lo: int, hi: int) -> tuple[int, int]:
    """Sentence bounds kept inside the sentence piece the doc was parsed from (a piece left
    unparsed has no sentence start of its own, so spaCy's sentence would run into it)."""
    pieces = tok.doc.user_data.get(PIECES_KEY)
    if not pieces or len(pieces) < 2:
        return lo, hi
    starts = [off for off, _ in pieces]
    k = bisect_right(starts, tok.idx) - 1
    first, last = starts[k], starts[k + 1] if k + 1 < len(starts) else None
    doc = tok.doc
    while lo < tok.i and doc[lo].idx < first:
        lo += 1
    if last is not None:
        while hi > tok.i + 1 and doc[hi - 1].idx >= last:
            hi -= 1
    return lo, hi


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
