"""Vectorised word and word-shingle hashing over a batch of texts (no Python loop per word).

Texts are joined into one UTF-8 byte buffer; word boundaries, lowercasing and a
polynomial hash per word are computed with numpy, then k-word shingle hashes are
combined from the word hashes. Bytes >= 0x80 count as word bytes, so non-ASCII
words hash consistently (without case folding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

__all__ = ["WordBatch", "hash_words", "shingle_hashes", "mix64", "words_with_spans", "WORD_RE"]

WORD_RE = re.compile(r"\w+(?:['\u2019]\w+)*")

_IS_WORD = np.zeros(256, dtype=bool)
for _c in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
    _IS_WORD[_c] = True
_IS_WORD[128:] = True
_LOWER = np.arange(256, dtype=np.uint64)
_LOWER[65:91] += 32
_MAXLEN = 64
_POW = np.cumprod(np.full(_MAXLEN, 0x100000001B3, dtype=np.uint64), dtype=np.uint64)
_SHINGLE_MUL = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
     0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x27D4EB2F165667C5, 0x94D049BB133111EB],
    dtype=np.uint64,
)


def mix64(x: np.ndarray) -> np.ndarray:
    """splitmix64 finalizer: spread every input bit over all output bits (vectorised)."""
    x = x.astype(np.uint64, copy=True)
    with np.errstate(over="ignore"):
        x ^= x >> np.uint64(30)
        x *= np.uint64(0xBF58476D1CE4E5B9)
        x ^= x >> np.uint64(27)
        x *= np.uint64(0x94D049BB133111EB)
        x ^= x >> np.uint64(31)
    return x


@dataclass(frozen=True, slots=True)
class WordBatch:
    """Word hashes of a batch of texts: ``hashes[offsets[i]:offsets[i+1]]`` belong to text i."""

    hashes: np.ndarray  # uint64, one per word
    offsets: np.ndarray  # int64, len(texts) + 1


def hash_words(texts: Sequence[str]) -> WordBatch:
    """Hash every word of every text (case-folded ASCII) in one vectorised pass."""
    encoded = [t.encode("utf-8", "replace") for t in texts]
    buf = np.frombuffer(b"\x00".join(encoded) + b"\x00", dtype=np.uint8)
    lens = np.fromiter((len(b) + 1 for b in encoded), dtype=np.int64, count=len(encoded))
    doc_starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
    isw = _IS_WORD[buf]
    edges = np.diff(isw.view(np.int8), prepend=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    if starts.size == 0:
        return WordBatch(np.zeros(0, np.uint64), np.zeros(len(texts) + 1, np.int64))
    pos = np.flatnonzero(isw)
    word_of = np.cumsum(edges[pos] == 1) - 1
    rel = (pos - starts[word_of]) % _MAXLEN
    with np.errstate(over="ignore"):
        vals = (_LOWER[buf[pos]] + np.uint64(1)) * _POW[rel]
    seg = np.flatnonzero(np.diff(word_of, prepend=-1))
    hashes = mix64(np.add.reduceat(vals, seg))
    doc_of_word = np.searchsorted(doc_starts, starts, side="right") - 1
    offsets = np.searchsorted(doc_of_word, np.arange(len(texts) + 1), side="left").astype(np.int64)
    return WordBatch(hashes, offsets)


def shingle_hashes(batch: WordBatch, k: int) -> WordBatch:
    """Hashes of every run of k consecutive words inside one text (texts shorter than k give one shingle)."""
    h, off = batch.hashes, batch.offsets
    n = h.size
    if n == 0:
        return batch
    doc = np.repeat(np.arange(off.size - 1), np.diff(off))
    m = max(n - k + 1, 0)
    acc = np.zeros(m, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            acc += h[j : j + m] * _SHINGLE_MUL[j % _SHINGLE_MUL.size]
    keep = doc[:m] == doc[k - 1 : k - 1 + m] if m else np.zeros(0, bool)
    out = mix64(acc[keep])
    out_doc = doc[:m][keep]
    short = np.flatnonzero((np.diff(off) > 0) & (np.diff(off) < k))
    if short.size:  # a text shorter than k words still gets one shingle: its whole word sequence
        extra = np.array([_short_hash(h[off[i] : off[i + 1]]) for i in short], dtype=np.uint64)
        out = np.concatenate((out, extra))
        out_doc = np.concatenate((out_doc, short))
        order = np.argsort(out_doc, kind="stable")
        out, out_doc = out[order], out_doc[order]
    offsets = np.searchsorted(out_doc, np.arange(off.size), side="left").astype(np.int64)
    return WordBatch(out, offsets)


def _short_hash(words: np.ndarray) -> int:
    """One hash for a word sequence shorter than the shingle size."""
    with np.errstate(over="ignore"):
        acc = (words * _SHINGLE_MUL[: words.size]).sum(dtype=np.uint64)
    return int(mix64(np.array([acc ^ np.uint64(words.size)]))[0])


def words_with_spans(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Lowercased words of one text with their character spans (for alignment, not bulk hashing)."""
    words, spans = [], []
    for m in WORD_RE.finditer(text):
        words.append(m.group().lower())
        spans.append(m.span())
    return words, spans
