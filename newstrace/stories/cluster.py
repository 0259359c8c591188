"""Average-linkage agglomeration over candidate pairs, resumable from existing stories.

A story is a running sum of its members' feature rows, so the average similarity of
two stories is ``sum_a . sum_b / (n_a * n_b)``, exactly what average linkage over all
member pairs would give. Only pairs found by a top-k embedding search are scored;
merging propagates candidates. Stories whose publication spans lie further apart than
``window_days`` never merge. Merging from existing stories (not singletons) is what
makes ingestion incremental.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

__all__ = ["Cluster", "Params", "agglomerate", "candidate_pairs", "split_outliers", "singletons"]


@dataclass(frozen=True, slots=True)
class Params:
    """Clustering knobs: merge threshold, split threshold, time window, candidate search width."""

    threshold: float = 0.38
    split_threshold: float = 0.25
    window_days: float = 7.0
    k: int = 20
    floor: float = 0.25  # lowest lead-embedding cosine worth scoring


@dataclass(slots=True)
class Cluster:
    """A story in the making: members, their summed feature row, publication span, earliest member."""

    members: list[str]
    total: sp.csr_matrix  # (1, D) sum of member rows
    day_min: float = math.nan
    day_max: float = math.nan
    first: tuple[str, str] = ("", "")  # (published, id) of the earliest member
    new: list[int] = field(default_factory=list)  # row numbers of members from this batch

    @property
    def n(self) -> int:
        """How many articles the story holds."""
        return len(self.members)


def singletons(ids: list[str], rows: sp.csr_matrix, days: np.ndarray, published: list[str]) -> list[Cluster]:
    """One cluster per new article (row i of the batch)."""
    return [Cluster([ids[i]], rows[i], days[i], days[i], (published[i], ids[i]), [i]) for i in range(len(ids))]


def _gap(a: Cluster, b: Cluster) -> float:
    """Days between two stories' publication spans (0 when they overlap or a date is unknown)."""
    if math.isnan(a.day_min) or math.isnan(b.day_min):
        return 0.0
    return max(0.0, max(a.day_min, b.day_min) - min(a.day_max, b.day_max))


def _sim(a: Cluster, b: Cluster, params: Params) -> float:
    """Average pairwise similarity of two stories, or -1 when they are too far apart in time."""
    if _gap(a, b) > params.window_days:
        return -1.0
    return float((a.total @ b.total.T).toarray()[0, 0]) / (a.n * b.n)


def _nanmin(x: float, y: float) -> float:
    """Smaller of two days, ignoring unknown ones."""
    return y if math.isnan(x) else x if math.isnan(y) else min(x, y)


def _nanmax(x: float, y: float) -> float:
    """Larger of two days, ignoring unknown ones."""
    return y if math.isnan(x) else x if math.isnan(y) else max(x, y)


def _merge(a: Cluster, b: Cluster) -> Cluster:
    """The union of two stories."""
    return Cluster(a.members + b.members, a.total + b.total, _nanmin(a.day_min, b.day_min),
                   _nanmax(a.day_max, b.day_max), min(a.first, b.first), a.new + b.new)


def _centroids(clusters: list[Cluster], dim: int) -> np.ndarray:
    """Unit-length mean lead embedding of each story (the first ``dim`` columns of the rows)."""
    total = sp.vstack([c.total for c in clusters], format="csr")[:, :dim].toarray().astype(np.float32)
    norms = np.linalg.norm(total, axis=1, keepdims=True)
    return total / np.clip(norms, 1e-12, None)


def candidate_pairs(clusters: list[Cluster], is_new: np.ndarray, dim: int, params: Params,
                    chunk: int = 2048) -> set[tuple[int, int]]:
    """Pairs (i, j) with a new cluster i among the top-k lead-embedding neighbours of each other."""
    cent = _centroids(clusters, dim)
    new_idx = np.flatnonzero(is_new)
    pairs: set[tuple[int, int]] = set()
    k = min(params.k, len(clusters) - 1)
    if k <= 0:
        return pairs
    for start in range(0, len(new_idx), chunk):
        rows = new_idx[start:start + chunk]
        sims = cent[rows] @ cent.T
        sims[np.arange(len(rows)), rows] = -np.inf
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for r, i in enumerate(rows):
            for j in top[r]:
                if sims[r, j] >= params.floor:
                    pairs.add((min(i, int(j)), max(i, int(j))))
    return pairs


def agglomerate(clusters: list[Cluster], pairs: set[tuple[int, int]], params: Params) -> list[Cluster]:
    """Merge the most similar candidate pair while its average similarity reaches the threshold."""
    alive: dict[int, Cluster] = dict(enumerate(clusters))
    nbrs: dict[int, set[int]] = {i: set() for i in alive}
    heap: list[tuple[float, int, int]] = []
    for i, j in pairs:
        nbrs[i].add(j)
        nbrs[j].add(i)
        s = _sim(alive[i], alive[j], params)
        if s >= params.threshold:
            heap.append((-s, i, j))
    heapq.heapify(heap)
    next_id = len(clusters)
    while heap:
        _, i, j = heapq.heappop(heap)
        if i not in alive or j not in alive:
            continue
        merged = _merge(alive.pop(i), alive.pop(j))
        around = (nbrs.pop(i) | nbrs.pop(j)) - {i, j}
        alive[next_id], nbrs[next_id] = merged, around
        for o in around:
            nbrs[o] -= {i, j}
            nbrs[o].add(next_id)
            s = _sim(merged, alive[o], params)
            if s >= params.threshold:
                heapq.heappush(heap, (-s, min(o, next_id), max(o, next_id)))
        next_id += 1
    return list(alive.values())


def split_outliers(clusters: list[Cluster], rows: sp.csr_matrix, ids: list[str], days: np.ndarray,
                   published: list[str], params: Params) -> list[Cluster]:
    """Detach this batch's members whose average similarity to the rest of their story is below the split threshold."""
    out: list[Cluster] = []
    for c in clusters:
        if c.n < 3 or not c.new:
            out.append(c)
            continue
        new = np.array(c.new)
        own = np.asarray(rows[new].multiply(rows[new]).sum(axis=1)).ravel()
        to_rest = (np.asarray((rows[new] @ c.total.T).toarray()).ravel() - own) / (c.n - 1)
        drop = set(new[to_rest < params.split_threshold].tolist())
        if not drop or len(drop) >= c.n - 1:
            out.append(c)
            continue
        out.extend(singletons(ids, rows, days, published)[i] for i in sorted(drop))
        out.append(_without(c, drop, rows, ids, days, published))
    return out


def _without(c: Cluster, drop: set[int], rows: sp.csr_matrix, ids: list[str], days: np.ndarray,
             published: list[str]) -> Cluster:
    """A story with some of this batch's members taken out."""
    gone = {ids[i] for i in drop}
    total = c.total - sp.csr_matrix(rows[sorted(drop)].sum(axis=0))
    kept_new = [i for i in c.new if i not in drop]
    members = [m for m in c.members if m not in gone]
    first = c.first if c.first[1] not in gone else min((published[i], ids[i]) for i in kept_new) if kept_new else ("", members[0])
    return Cluster(members, sp.csr_matrix(total), c.day_min, c.day_max, first, kept_new)
