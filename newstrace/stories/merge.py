"""Cross-block story merge that never needs every story in one place.

Block stories meet only through keys they share (their most-named people and places,
their heaviest entity/number keys) within a time window; the pairs are scored with the
clustering's penalized average similarity, pairs clearing the threshold by a margin are
grouped into connected components (a component over MAX_COMPONENT stories is re-split at a raised
bar, so no task grows with the stream), and each component's stories are re-agglomerated with average
linkage (so a chain of pairwise merges cannot join what average linkage would keep apart).
The Spark engine runs each step as a job; ``merge_local`` runs the same steps in one process.
"""

from __future__ import annotations

import math
import pickle
from itertools import combinations
from typing import Hashable, Iterable, Sequence, TypeVar

import numpy as np

from ..components import components
from .cluster import Cluster, Params, agglomerate, candidate_pairs, pair_sims, penalized, union
from .features import DIM_TERMS
from .incremental import restore

__all__ = ["story_keys", "time_buckets", "key_pairs", "cross_block_edges", "cap_components", "merge_group", "merge_local",
           "pack", "unpack", "window_margin", "WINDOW_DAYS", "MAX_KEY_GROUP", "MERGE_MARGIN", "MAX_COMPONENT",
           "UNDATED_BUCKET"]

EMB_DIM = 384  # the lead-embedding columns that come first in a feature row
WINDOW_DAYS = 7  # stories up to about two windows apart can meet
MAX_KEY_GROUP = 50  # a key shared by more stories in one window is too common to propose pairs
MAX_ALL_PAIRS = 60  # groups up to this many stories score every pair; larger ones use top-k candidates
MERGE_MARGIN = 0.1  # in a dense window a cross-block pair proposes a component edge only this far above the threshold
DENSE_WINDOW = 2000  # stories filed under one time window above which it counts as dense
MAX_COMPONENT = 1000  # block stories re-agglomerated in one task; a larger component is re-split at a raised bar
SPLIT_STEP = 0.05  # how far the bar rises each time an oversized component is re-split
LINK = math.inf  # the score of a copies' link: never cut
UNDATED_BUCKET = -(1 << 30)
T = TypeVar("T", bound=Hashable)
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


def key_pairs(groups: Iterable[Sequence[Hashable]]) -> set[tuple]:
    """Every pair of story ids within each key group small enough to be telling."""
    pairs: set[tuple] = set()
    for sids in groups:
        if 1 < len(sids) <= MAX_KEY_GROUP:
            pairs.update(combinations(sorted(set(sids)), 2))
    return pairs


def window_margin(n_stories: int) -> float:
    """How far above the threshold a cross-block edge must score in a window of n stories.

    In a dense window most weak similarities are other events of the same kind, and they
    chain a stream's stories into one giant component (a 1M-article year: one component
    of 91 % of a fortnight's stories); in a sparse one they are mostly the same event.
    """
    return MERGE_MARGIN if n_stories > DENSE_WINDOW else 0.0


def cross_block_edges(stories: Sequence[Cluster], blocks: Sequence[int], groups: Iterable[Sequence[int]],
                      params: Params, margin: float = 0.0) -> list[tuple[int, int, float]]:
    """Scored pairs (i, j, s) of stories from different blocks sharing a key group whose penalized similarity s clears threshold + margin.

    Raw similarities come from one sparse product; penalties (which only lower a score)
    are computed only for pairs whose raw similarity clears the bar. Every merge is
    re-decided by average linkage inside the edges' components.
    """
    pairs = sorted((i, j) for i, j in key_pairs(groups) if blocks[i] != blocks[j])
    cut = params.threshold + margin
    sims = pair_sims(list(stories), pairs) if pairs else np.zeros(0)
    scored = ((i, j, penalized(s, stories[i], stories[j], params) if s >= cut else s)
              for (i, j), s in zip(pairs, sims.tolist()))
    return [(i, j, p) for i, j, p in scored if p >= cut]


def cap_components(edges: Iterable[tuple[T, T, float]], bar: float, cap: int = MAX_COMPONENT,
                   step: float = SPLIT_STEP, nodes: Iterable[T] = ()) -> list[list[T]]:
    """Connected components of scored edges, any component over ``cap`` nodes re-split with a bar ``step`` higher.

    A long chain of pairs that each clear the bar is weak evidence that its ends are one
    story: in a dense stream such chains join thousands of same-kind events, and
    re-agglomerating them is one task that grows with n. Links scored ``LINK`` are never cut.
    ``nodes`` on no edge stand alone, as in ``components``.
    """
    out: list[list[T]] = []
    todo = [(list(edges), bar, nodes)]
    while todo:
        group_edges, at, alone = todo.pop()
        for group in components(((a, b) for a, b, _ in group_edges), alone):
            if len(group) <= cap or at > 1.0:
                out.append(group)
                continue
            members = set(group)
            todo.append(([e for e in group_edges if e[2] >= at + step and e[0] in members], at + step, group))
    return out


def pack(c: Cluster) -> bytes:
    """A story summary as compact bytes (members, span, names, summed row): cheap to ship between Spark tasks."""
    t = c.total.tocsr()
    t.sum_duplicates()
    return pickle.dumps((c.members, c.day_min, c.day_max, c.first, dict(c.names), t.shape[1],
                         t.indices.astype(np.int32).tobytes(), t.data.astype(np.float32).tobytes()), protocol=5)


def unpack(blob: bytes) -> Cluster:
    """Inverse of ``pack`` (the summed row comes back as float64, rounded through float32 as the stored state is)."""
    members, d0, d1, first, names, dim, idx, val = pickle.loads(blob)
    return restore(members, dim, np.frombuffer(idx, np.int32), np.frombuffer(val, np.float32), d0, d1, first, names)


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
    keys = [story_keys(c) for c in stories]
    windows: dict[int, list[int]] = {}
    for i, c in enumerate(stories):
        for bucket in time_buckets(c.day_min):
            windows.setdefault(bucket, []).append(i)
    edges: dict[tuple[int, int], float] = {}
    for members in windows.values():
        groups: dict[str, list[int]] = {}
        for i in members:
            for key in keys[i]:
                groups.setdefault(key, []).append(i)
        for i, j, s in cross_block_edges(stories, block_of, groups.values(), params, window_margin(len(members))):
            edges[i, j] = max(s, edges.get((i, j), s))
    story_of = {m: i for i, c in enumerate(stories) for m in c.members}
    links = [(a, b) for a, b in links if a in story_of and b in story_of]
    edges.update(((story_of[a], story_of[b]), LINK) for a, b in links)
    out: list[Cluster] = []
    capped = cap_components(((i, j, s) for (i, j), s in edges.items()), params.threshold, nodes=range(len(stories)))
    groups = sorted(map(sorted, capped), key=lambda g: g[0])
    group_of = {i: g for g, group in enumerate(groups) for i in group}
    group_links: dict[int, list[tuple[str, str]]] = {}
    for a, b in links:
        group_links.setdefault(group_of[story_of[a]], []).append((a, b))
    for g, group in enumerate(groups):
        out.extend(merge_group([stories[i] for i in group], group_links.get(g, []), params))
    return out
