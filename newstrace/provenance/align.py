"""Verbatim and near-verbatim passage alignment between two texts (seeded, in the spirit of passim).

Seeds are word n-grams the two texts share that are rare in each (at most a few
occurrences), so boilerplate does not seed. Seeds on nearby positions in both
texts chain into one passage even across small edits (a changed or inserted
word breaks the n-grams around it, not the chain).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from itertools import accumulate

from ..extract.quotemarks import quoted_spans
from ..model import Span
from .shingles import words_with_spans

__all__ = ["Passage", "Tokens", "tokens", "align_passages", "coverage", "quote_mask"]

SEED = 4
MAX_GAP = 8  # words skipped on either side that still continue a passage
MIN_WORDS = 8  # shorter shared runs are common phrases, not copying
_MAX_OCC = 3


@dataclass(frozen=True, slots=True)
class Tokens:
    """Lowercased words of a text with their character spans."""

    words: tuple[str, ...]
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Passage:
    """A shared passage: word ranges [a0, a1) and [b0, b1) and their character spans."""

    a0: int
    a1: int
    b0: int
    b1: int
    a_span: Span
    b_span: Span


def tokens(text: str) -> Tokens:
    """Tokenize once per article for every pair it takes part in."""
    w, s = words_with_spans(text)
    return Tokens(tuple(w), tuple(s))


def _grams(words: tuple[str, ...], n: int) -> dict[tuple[str, ...], list[int]]:
    """Positions of each word n-gram."""
    out: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in range(len(words) - n + 1):
        out[words[i : i + n]].append(i)
    return out


def _seeds(a: Tokens, b: Tokens, n: int) -> list[tuple[int, int]]:
    """(i, j) positions of shared n-grams rare in both texts."""
    ga, gb = _grams(a.words, n), _grams(b.words, n)
    seeds = []
    for g, pa in ga.items():
        pb = gb.get(g)
        if pb and len(pa) <= _MAX_OCC and len(pb) <= _MAX_OCC:
            seeds.extend((i, j) for i in pa for j in pb)
    seeds.sort()
    return seeds


def align_passages(a: Tokens, b: Tokens, n: int = SEED, min_words: int = MIN_WORDS) -> list[Passage]:
    """Shared passages between two texts, non-overlapping on both sides, in a's order."""
    chains: list[list[int]] = []  # [a0, a_last, b0, b_last]
    for i, j in _seeds(a, b, n):
        for c in reversed(chains[-8:]):
            di, dj = i - c[1], j - c[3]
            if 0 < di <= MAX_GAP and 0 < dj <= MAX_GAP and abs(di - dj) <= MAX_GAP // 2:
                c[1], c[3] = i, j
                break
        else:
            chains.append([i, i, j, j])
    found = sorted(
        ((c[0], c[1] + n, c[2], c[3] + n) for c in chains if c[1] + n - c[0] >= min_words),
        key=lambda r: r[0] - r[1],
    )
    taken_a: list[tuple[int, int]] = []
    taken_b: list[tuple[int, int]] = []
    out = []
    for a0, a1, b0, b1 in found:  # longest first; drop passages overlapping a kept one
        if any(x < a1 and a0 < y for x, y in taken_a) or any(x < b1 and b0 < y for x, y in taken_b):
            continue
        taken_a.append((a0, a1))
        taken_b.append((b0, b1))
        out.append(Passage(a0, a1, b0, b1, (a.spans[a0][0], a.spans[a1 - 1][1]), (b.spans[b0][0], b.spans[b1 - 1][1])))
    return sorted(out, key=lambda p: p.a0)


def quote_mask(text: str, t: Tokens, quote_spans: tuple[Span, ...] = ()) -> list[bool]:
    """Per word: does it lie inside a quotation (shared quotes are not evidence of copying)?

    Quotations are read from the marks in the text (paragraph-aware, a quote cut off at a line
    end included), so raw and annotated input agree; ``quote_spans`` (the extract stage's) add to them.
    """
    regions = sorted({*quote_spans, *(s for s, _ in quoted_spans(text, unclosed=True))})
    if not regions:
        return [False] * len(t.words)
    starts = [s for s, _ in regions]
    reach = list(accumulate((e for _, e in regions), max))  # furthest end of a region starting at or before
    out = []
    for ws, we in t.spans:
        k = bisect_right(starts, ws) - 1
        out.append(k >= 0 and we <= reach[k])
    return out


def coverage(passages: list[Passage], n_a: int, n_b: int, mask_a: list[bool] | None = None,
             mask_b: list[bool] | None = None) -> tuple[float, float]:
    """Share of each text's words inside shared passages (quoted words excluded when masks are given)."""
    ca = sum(sum(1 for i in range(p.a0, p.a1) if not (mask_a and mask_a[i])) for p in passages)
    cb = sum(sum(1 for j in range(p.b0, p.b1) if not (mask_b and mask_b[j])) for p in passages)
    da = n_a - sum(mask_a) if mask_a and sum(mask_a) < n_a else n_a
    db = n_b - sum(mask_b) if mask_b and sum(mask_b) < n_b else n_b
    return min(ca / max(da, 1), 1.0), min(cb / max(db, 1), 1.0)
