"""Vectorised word and word-shingle hashing over a batch of texts (no Python loop per word).

Texts are joined into one UTF-8 byte buffer, lowercased and classified with
C-level bytes methods; word boundaries and one hash per word are computed with
numpy, then k-word shingle hashes are combined from the word hashes. Bytes >= 0x80 count as word bytes, so non-ASCII
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
_WORD_TABLE = bytes(_IS_WORD.astype(np.uint8))  # bytes.translate table: word byte -> 1, other -> 0
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
    """Hash every word of every text (case-folded ASCII) in one vectorised pass.

    A word's hash mixes its first 8 bytes, its last 8 bytes and its length, read
    as unaligned little-endian uint64 loads from the lowercased buffer, so the
    per-character work is three table lookups and one diff.
    """
    encoded = [t.encode("utf-8", "replace") for t in texts]
    raw = b"\x00".join(encoded).lower() + b"\x00" * 9
    buf = np.frombuffer(raw, dtype=np.uint8)
    lens = np.fromiter((len(b) + 1 for b in encoded), dtype=np.int64, count=len(encoded))
    doc_starts = np.concatenate(([0], np.cumsum(lens)[:-1]))
    edges = np.diff(np.frombuffer(raw.translate(_WORD_TABLE), dtype=np.int8), prepend=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    if starts.size == 0:
        return WordBatch(np.zeros(0, np.uint64), np.zeros(len(texts) + 1, np.int64))
    ends = np.flatnonzero(edges == -1)
    wlen = (ends - starts).astype(np.uint64)
    load = np.ndarray(shape=(buf.size - 7,), dtype="<u8", buffer=buf, strides=(1,))
    short = wlen < np.uint64(8)
    mask = np.where(short, (np.uint64(1) << (np.uint64(8) * np.minimum(wlen, np.uint64(7)))) - np.uint64(1),
                    np.uint64(0xFFFFFFFFFFFFFFFF))
    head = load[starts] & mask
    tail = np.where(wlen > np.uint64(8), load[np.maximum(ends - 8, 0)], np.uint64(0))
    with np.errstate(over="ignore"):
        hashes = mix64(head ^ mix64(tail ^ (wlen * np.uint64(0x9E3779B97F4A7C15))))
    bounds = np.append(doc_starts, np.int64(len(raw)))
    return WordBatch(hashes, np.searchsorted(starts, bounds, side="left").astype(np.int64))


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
