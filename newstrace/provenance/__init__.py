"""Provenance: which articles copy or rewrite which, and the independent origins they form.

``analyze`` compares candidate pairs (all pairs for a small story; MinHash LSH,
a containment fingerprint index and embedding neighbours for large inputs),
aligns shared passages and paraphrased sentences, decides each link's kind and
direction, and groups linked articles into origins.
"""

from __future__ import annotations

from itertools import combinations
from typing import Sequence

import numpy as np

from ..model import Article, Link, Origin
from .candidates import Candidates, Sketch, candidate_pairs, merge_sketches, sketch
from .features import PairFeatures, View, pair_features, views
from .links import decide, direction, rewrite_probability
from .minhash import lsh_pairs, optimal_param, signatures
from .origins import build_origins, origin_id
from .shingles import hash_words, shingle_hashes

__all__ = [
    "analyze", "link_pairs", "candidate_indices", "word_pairs", "candidate_pairs", "Candidates", "Sketch", "sketch",
    "merge_sketches", "signatures", "lsh_pairs", "optimal_param", "hash_words", "shingle_hashes",
    "views", "View", "pair_features", "PairFeatures", "decide", "direction", "rewrite_probability",
    "build_origins", "origin_id",
]

ALL_PAIRS_MAX = 60  # up to this many articles every pair is compared
NEIGHBOURS = 6  # embedding neighbours per article for paraphrase candidates
MIN_COS = 0.5
WORD_CONTAINMENT = 0.35  # shorter side's rarer content words found in the other
_MAX_DF = 50  # content words in more articles than this say nothing about derivation


def word_pairs(vs: Sequence[View], threshold: float = WORD_CONTAINMENT) -> set[tuple[int, int]]:
    """Pairs whose rarer content words mostly recur (sparse inverted index): rewrites of pages whose
    document vector is blurred by boilerplate still share their vocabulary."""
    from scipy.sparse import csr_matrix

    vocab: dict[str, int] = {}
    rows, cols = [], []
    for i, v in enumerate(vs):
        for w in v.content:
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
    if not rows:
        return set()
    x = csr_matrix((np.ones(len(rows), np.int32), (rows, cols)), shape=(len(vs), len(vocab)))
    df = np.asarray(x.sum(axis=0)).ravel()
    x = x[:, np.flatnonzero((df >= 2) & (df <= _MAX_DF))].tocsr()
    size = np.asarray(x.sum(axis=1)).ravel()
    shared = (x @ x.T).tocoo()
    i, j, c = shared.row, shared.col, shared.data
    keep = (i < j) & (c >= threshold * np.maximum(np.minimum(size[i], size[j]), 1)) & (c >= 5)
    return set(zip(i[keep].tolist(), j[keep].tolist()))


def candidate_indices(vs: Sequence[View]) -> list[tuple[int, int]]:
    """Pairs worth aligning: lexical (LSH + containment index) and semantic (document-vector neighbours)."""
    n = len(vs)
    if n <= ALL_PAIRS_MAX:
        return list(combinations(range(n), 2))
    found = {tuple(map(int, p)) for p in candidate_pairs([v.article.text for v in vs]).pairs}
    found |= word_pairs(vs)
    doc = np.stack([v.doc_vec for v in vs])
    for start in range(0, n, 512):
        sim = doc[start : start + 512] @ doc.T
        for r, row in enumerate(sim):
            i = start + r
            row[i] = -1.0
            top = np.argpartition(-row, min(NEIGHBOURS, n - 1) - 1)[:NEIGHBOURS]
            found.update((min(i, int(j)), max(i, int(j))) for j in top if row[j] >= MIN_COS)
    return sorted(found)


def link_pairs(vs: Sequence[View], pairs: Sequence[tuple[int, int]]) -> list[Link]:
    """Align and decide every given pair."""
    out = []
    for i, j in pairs:
        link = decide(vs[i], vs[j], pair_features(vs[i], vs[j]))
        if link is not None:
            out.append(link)
    return out


def analyze(articles: Sequence[Article], store=None) -> tuple[list[Link], list[Origin]]:
    """Links and origins among the articles of one story (every article lands in exactly one origin)."""
    arts = list({a.id: a for a in articles}.values())
    vs = views(arts, store)
    links = link_pairs(vs, candidate_indices(vs))
    return links, build_origins(arts, links)
