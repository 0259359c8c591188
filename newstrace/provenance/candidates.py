"""Scalable candidate pairs: MinHash LSH for near duplicates, a sampled-fingerprint index for partial copies.

Jaccard misses partial copies (half an article reused has Jaccard ~1/3), so a
second index keeps a hash-sampled subset of shingles ("0 mod p" fingerprints,
as in document fingerprinting) and counts shared fingerprints per pair; the
containment estimate ``shared / min(|Fa|, |Fb|)`` then verifies every candidate.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .minhash import NUM_PERM, estimate_jaccard, group_pairs, lsh_pairs, signatures, unique_pairs
from .shingles import hash_words, shingle_hashes

__all__ = ["Sketch", "sketch", "merge_sketches", "candidate_pairs", "Candidates", "SHINGLE", "SAMPLE_BITS"]

SHINGLE = 3  # short shingles survive word edits (0.8^3 = 0.51 of them at 20% edits)
SAMPLE_BITS = 3  # keep 1 shingle in 8 as a containment fingerprint
_MAX_POSTING = 64  # a fingerprint in more texts than this is boilerplate, not evidence of copying


@dataclass(frozen=True, slots=True)
class Sketch:
    """What the candidate search keeps per text: MinHash signature and sampled fingerprints."""

    sig: np.ndarray  # (n, NUM_PERM) uint64
    fp: np.ndarray  # uint64 fingerprints, sorted and unique within each text
    fp_offsets: np.ndarray  # int64, n + 1


@dataclass(frozen=True, slots=True)
class Candidates:
    """Verified candidate pairs (i < j) with their Jaccard and containment estimates."""

    pairs: np.ndarray
    jaccard: np.ndarray
    containment: np.ndarray


def sketch(texts: Sequence[str], k: int = SHINGLE, num_perm: int = NUM_PERM) -> Sketch:
    """Shingle, hash and sketch a batch of texts (vectorised; call per batch and merge)."""
    sh = shingle_hashes(hash_words(texts), k)
    sig = signatures(sh, num_perm)
    keep = (sh.hashes & np.uint64((1 << SAMPLE_BITS) - 1)) == 0
    doc = np.repeat(np.arange(len(texts)), np.diff(sh.offsets))[keep]
    fp = sh.hashes[keep]
    order = np.lexsort((fp, doc))
    doc, fp = doc[order], fp[order]
    first = np.ones(fp.size, bool)
    first[1:] = (fp[1:] != fp[:-1]) | (doc[1:] != doc[:-1])
    doc, fp = doc[first], fp[first]
    offsets = np.searchsorted(doc, np.arange(len(texts) + 1), side="left").astype(np.int64)
    return Sketch(sig, fp, offsets)


def merge_sketches(parts: Sequence[Sketch]) -> Sketch:
    """Concatenate batch sketches in order."""
    sig = np.concatenate([p.sig for p in parts])
    fp = np.concatenate([p.fp for p in parts])
    offs, base = [np.zeros(1, np.int64)], 0
    for p in parts:
        offs.append(p.fp_offsets[1:] + base)
        base += p.fp_offsets[-1]
    return Sketch(sig, fp, np.concatenate(offs))


def _fingerprint_pairs(sk: Sketch, min_shared: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs sharing at least ``min_shared`` informative fingerprints, the shared count, and each text's
    number of informative fingerprints (those in at most ``_MAX_POSTING`` texts)."""
    n = sk.fp_offsets.size - 1
    doc = np.repeat(np.arange(n), np.diff(sk.fp_offsets))
    order = np.argsort(sk.fp)
    fs = sk.fp[order]
    cuts = np.flatnonzero(np.diff(fs)) + 1
    counts = np.diff(np.concatenate(([0], cuts, [fs.size])))
    informative = np.empty(fs.size, bool)
    informative[order] = np.repeat(counts <= _MAX_POSTING, counts)
    sizes = np.bincount(doc[informative], minlength=n)
    pairs = group_pairs(sk.fp, max_group=_MAX_POSTING, order=order)
    if pairs.size == 0:
        return pairs, np.zeros(0, np.int64), sizes
    pairs = np.stack((doc[pairs[:, 0]], doc[pairs[:, 1]]), axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    pairs.sort(axis=1)
    code = pairs[:, 0] << 32 | pairs[:, 1]
    code, shared = np.unique(code, return_counts=True)
    keep = shared >= min_shared
    code = code[keep]
    return np.stack((code >> 32, code & 0xFFFFFFFF), axis=1), shared[keep], sizes


def candidate_pairs(
    texts: Sequence[str] | Sketch,
    threshold: float = 0.5,
    containment: float = 0.3,
    min_shared: int = 3,
) -> Candidates:
    """Pairs whose Jaccard (MinHash LSH) or containment (fingerprint index) reaches the thresholds."""
    sk = texts if isinstance(texts, Sketch) else sketch(texts)
    fp_pairs, shared, sizes = _fingerprint_pairs(sk, min_shared)
    pairs = unique_pairs(np.concatenate((lsh_pairs(sk.sig, threshold), fp_pairs)))
    jac = estimate_jaccard(sk.sig, pairs)
    cont = _containment(pairs, fp_pairs, shared, sizes)
    keep = (jac >= threshold) | (cont >= containment)
    return Candidates(pairs[keep], jac[keep], cont[keep])


def _containment(pairs: np.ndarray, fp_pairs: np.ndarray, shared: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Containment estimate for each pair from its shared-fingerprint count (0 when none shared)."""
    if pairs.size == 0:
        return np.zeros(0)
    code = pairs[:, 0] << 32 | pairs[:, 1]
    fcode = fp_pairs[:, 0] << 32 | fp_pairs[:, 1] if fp_pairs.size else np.zeros(0, np.int64)
    idx = np.searchsorted(fcode, code)
    idx = np.clip(idx, 0, max(fcode.size - 1, 0))
    hit = fcode[idx] == code if fcode.size else np.zeros(code.size, bool)
    counts = np.where(hit, shared[idx] if shared.size else 0, 0)
    denom = np.maximum(np.minimum(sizes[pairs[:, 0]], sizes[pairs[:, 1]]), 1)
    return counts / denom
