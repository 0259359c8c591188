"""Cross-block story merge that never needs every story in one place.

Block stories meet only through keys they share (their most-named people and places,
their heaviest entity/number keys) within a time window; the pairs are scored with the
clustering's penalized average similarity, pairs at the threshold are grouped into
connected components, and each component's stories are re-agglomerated with average
linkage (so a chain of pairwise merges cannot join what average linkage would keep apart).
The Spark engine runs each step as a job; ``merge_local`` runs the same steps in one process.
"""

from __future__ import annotations

import math
from itertools import combinations
from typing import Iterable, Sequence

import numpy as np

from ..components import components
from .cluster import Cluster, Params, agglomerate, candidate_pairs, penalized, union
from .features import DIM_TERMS

__all__ = ["story_keys", "time_buckets", "key_pairs", "pair_score", "merge_group", "merge_local",
           "WINDOW_DAYS", "MAX_KEY_GROUP", "UNDATED_BUCKET"]

EMB_DIM = 384  # the lead-embedding columns that come first in a feature row
WINDOW_DAYS = 7  # stories up to about two windows apart can meet
MAX_KEY_GROUP = 50  # a key shared by more stories in one window is too common to propose pairs
MAX_ALL_PAIRS = 60  # groups up to this many stories score every pair; larger ones use top-k candidates
UNDATED_BUCKET = -(1 << 30)
_KEY_NAMES, _KEY_INDICES = 8, 6


def story_keys(c: Cluster) -> list[str]:
    """What a story is most about: its most-named lead names and heaviest entity/number/date key columns."""
    names = [f"n:{k}" for k, _ in sorted(c.names.items(), key=lambda kv: (-kv[1], kv[0]))[:_KEY_NAMES]]
    t = c.total.tocsr()
    keep = t.indices >= EMB_DIM + DIM_TERMS
    idx, val = t.indices[keep], t.data[keep]
    top = idx[np.lexsort((idx, -val))[:_KEY_INDICES]]
    return names + [f"k:{int(i)}" for i in top]


def time_buckets(day_min: float) -> list[int]:
    """Windows a story is filed under (its own and the next), so stories in neighbouring windows share one."""
    if math.isnan(day_min):
        return [UNDATED_BUCKET]
    b = int(day_min // WINDOW_DAYS)
    return [b, b + 1]


def key_pairs(groups: Iterable[Sequence[str]]) -> set[tuple[str, str]]:
    """Every pair of story ids within each key group small enough to be telling."""
    pairs: set[tuple[str, str]] = set()
    for sids in groups:
        if 1 < len(sids) <= MAX_KEY_GROUP:
            pairs.update(combinations(sorted(set(sids)), 2))
    return pairs


def pair_score(a: Cluster, b: Cluster, params: Params) -> float:
    """Average similarity of two stories with the clustering's own penalties (its merge rule)."""
    _, ia, ib = np.intersect1d(a.total.indices, b.total.indices, assume_unique=True, return_indices=True)
    return penalized(float(a.total.data[ia] @ b.total.data[ib]) / (a.n * b.n), a, b, params)


def merge_group(clusters: list[Cluster], links: Iterable[tuple[str, str]], params: Params) -> list[Cluster]:
    """One component's block stories re-agglomerated, then joined where linked articles (copies) fell apart."""
    if len(clusters) > 1:
        if len(clusters) <= MAX_ALL_PAIRS:
            pairs = set(combinations(range(len(clusters)), 2))
        else:
            pairs = candidate_pairs(clusters, np.ones(len(clusters), dtype=bool), EMB_DIM, params)
        clusters = agglomerate(clusters, pairs, params)
    where = {m: i for i, c in enumerate(clusters) for m in c.members}
    edges = [(where[a], where[b]) for a, b in links if a in where and b in where]
    return [union([clusters[i] for i in group]) for group in components(edges, range(len(clusters)))]


def merge_local(blocks: Sequence[Sequence[Cluster]], params: Params = Params(),
                links: Iterable[tuple[str, str]] = ()) -> list[Cluster]:
    """The distributed merge's steps in one process: key pairs, scores, components, per-group agglomeration."""
    stories = [c for block in blocks for c in block]
    block_of = [b for b, block in enumerate(blocks) for _ in block]
    by_key: dict[tuple[str, int], list[str]] = {}
    for i, c in enumerate(stories):
        for key in story_keys(c):
            for bucket in time_buckets(c.day_min):
                by_key.setdefault((key, bucket), []).append(str(i))
    edges = [(int(a), int(b)) for a, b in key_pairs(by_key.values())
             if block_of[int(a)] != block_of[int(b)] and pair_score(stories[int(a)], stories[int(b)], params) >= params.threshold]
    story_of = {m: i for i, c in enumerate(stories) for m in c.members}
    links = [(a, b) for a, b in links if a in story_of and b in story_of]
    edges += [(story_of[a], story_of[b]) for a, b in links]
    out: list[Cluster] = []
    groups = components(edges, range(len(stories)))
    group_of = {i: g for g, group in enumerate(groups) for i in group}
    group_links: dict[int, list[tuple[str, str]]] = {}
    for a, b in links:
        group_links.setdefault(group_of[story_of[a]], []).append((a, b))
    for g, group in enumerate(groups):
        out.extend(merge_group([stories[i] for i in group], group_links.get(g, []), params))
    return out
