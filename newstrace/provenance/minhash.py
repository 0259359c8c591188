"""Vectorised MinHash (one-permutation hashing with densification) and banded LSH.

One-permutation hashing (Li, Owen & Zhang 2012) hashes each shingle once and keeps
the minimum per bucket; empty buckets borrow from a neighbour (rotation
densification, Shrivastava & Li 2014), so the cost is O(shingles) rather than
O(shingles x permutations). Bands and rows come from the threshold as in
datasketch's ``_optimal_param``.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .shingles import WordBatch, mix64

__all__ = ["NUM_PERM", "signatures", "optimal_param", "lsh_pairs", "estimate_jaccard", "group_pairs"]

NUM_PERM = 128
_EMPTY = np.uint64(np.iinfo(np.uint64).max)
_BAND_MUL = mix64(np.arange(1, 65, dtype=np.uint64))


def signatures(shingles: WordBatch, num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash signatures, one uint64 row of ``num_perm`` buckets per text."""
    n = shingles.offsets.size - 1
    bits = int(np.log2(num_perm))
    if 1 << bits != num_perm:
        raise ValueError(f"num_perm must be a power of two, got {num_perm}")
    h = shingles.hashes
    doc = np.repeat(np.arange(n, dtype=np.uint64), np.diff(shingles.offsets))
    bucket = h >> np.uint64(64 - bits)
    value = h & np.uint64((1 << (64 - bits)) - 1)
    sig = np.full(n * num_perm, _EMPTY, dtype=np.uint64)
    np.minimum.at(sig, doc * np.uint64(num_perm) + bucket, value)
    return _densify(sig.reshape(n, num_perm))


def _densify(sig: np.ndarray) -> np.ndarray:
    """Fill empty buckets from the nearest filled bucket to the left (circular), offset by distance."""
    n, k = sig.shape
    empty = sig == _EMPTY
    if not empty.any():
        return sig
    idx = np.where(~empty, np.arange(k), -1)
    twice = np.concatenate((idx, idx + np.where(idx >= 0, k, 0)), axis=1)
    src = np.maximum.accumulate(twice, axis=1)[:, k:]
    ok = src >= 0
    dist = np.where(ok, np.arange(k, 2 * k) - src, 0).astype(np.uint64)
    filled = np.take_along_axis(sig, np.where(ok, src % k, 0), axis=1)
    with np.errstate(over="ignore"):
        borrowed = mix64(filled + dist * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(8)
    return np.where(empty & ok, borrowed, sig)


@lru_cache(maxsize=64)
def optimal_param(threshold: float, num_perm: int = NUM_PERM, fp_weight: float = 0.5) -> tuple[int, int]:
    """(bands, rows) minimising weighted false positive and negative mass, as datasketch does."""
    xs = np.linspace(0.0, 1.0, 1001)

    def area(f, lo, hi):
        m = (xs >= lo) & (xs <= hi)
        return float(np.trapezoid(f(xs[m]), xs[m])) if m.sum() > 1 else 0.0

    best, best_err = (1, 1), float("inf")
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = area(lambda s: 1 - (1 - s ** r) ** b, 0.0, threshold)
            fn = area(lambda s: 1 - (1 - (1 - s ** r) ** b), threshold, 1.0)
            err = fp * fp_weight + fn * (1 - fp_weight)
            if err < best_err:
                best, best_err = (b, r), err
    return best


def group_pairs(keys: np.ndarray, max_group: int = 200, order: np.ndarray | None = None) -> np.ndarray:
    """Index pairs (i < j) of rows sharing a key; oversized groups (boilerplate) are skipped.

    ``order`` may pass in an argsort of ``keys`` the caller already has.
    """
    order = np.argsort(keys) if order is None else order
    ks = keys[order]
    if ks.size < 2:
        return np.zeros((0, 2), dtype=np.int64)
    cuts = np.flatnonzero(ks[1:] != ks[:-1]) + 1
    starts = np.concatenate(([0], cuts))
    sizes = np.diff(np.concatenate((starts, [ks.size])))
    out = []
    for g in np.unique(sizes[(sizes >= 2) & (sizes <= max_group)]):  # all groups of one size at once
        members = order[starts[sizes == g][:, None] + np.arange(g)]
        iu, ju = np.triu_indices(g, 1)
        out.append(np.stack((members[:, iu].ravel(), members[:, ju].ravel()), axis=1))
    if not out:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(out).astype(np.int64)
    return np.sort(pairs, axis=1)


def lsh_pairs(sig: np.ndarray, threshold: float) -> np.ndarray:
    """Candidate pairs (i < j) that collide in at least one LSH band, deduplicated."""
    n, k = sig.shape
    bands, rows = optimal_param(threshold, k)
    found = []
    for b in range(bands):
        block = sig[:, b * rows : (b + 1) * rows]
        with np.errstate(over="ignore"):
            key = mix64((block * _BAND_MUL[:rows]).sum(axis=1, dtype=np.uint64) ^ np.uint64(b))
        found.append(group_pairs(key))
    return unique_pairs(np.concatenate(found) if found else np.zeros((0, 2), np.int64))


def unique_pairs(pairs: np.ndarray) -> np.ndarray:
    """Deduplicate (i, j) rows."""
    if pairs.size == 0:
        return pairs.reshape(0, 2)
    code = pairs[:, 0].astype(np.int64) << 32 | pairs[:, 1].astype(np.int64)
    code = np.unique(code)
    return np.stack((code >> 32, code & 0xFFFFFFFF), axis=1)


def estimate_jaccard(sig: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Share of equal buckets for each pair: the MinHash Jaccard estimate."""
    if pairs.size == 0:
        return np.zeros(0)
    return (sig[pairs[:, 0]] == sig[pairs[:, 1]]).mean(axis=1)
