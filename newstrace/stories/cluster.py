"""Average-linkage agglomeration over candidate pairs, resumable from existing stories.

A story is a running sum of its members' feature rows, so the average similarity of
two stories is ``sum_a . sum_b / (n_a * n_b)``, exactly what average linkage over all
member pairs would give. Only pairs found by a top-k embedding search are scored;
merging propagates candidates. Penalties tell similar events apart (``penalized``, the
one rule for merging and splitting): a soft one for the gap between publication spans
(``time_weight * log(1 + gap / window_days)``, no more beyond ``max_gap_days``: a trial
months later is judged by its text), a name conflict between grown stories (each names
someone or somewhere the other rarely does; "Gupta" and "Sanjay Gupta" are one name) and
a number conflict (each reports a count or amount the other rarely does). Average linkage
joins two similar events early, through a few near-identical reports, before the
conflicts can be trusted; so a large story of one batch is cut in two (Fiedler vector of
its members' similarity graph) when its halves report different numbers and the rule
would not join them. Merging from existing stories (not singletons) is what makes
ingestion incremental.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

__all__ = ["Cluster", "Params", "agglomerate", "candidate_pairs", "split_outliers", "split_mixed", "singletons", "conflict",
           "penalized", "union", "centroids", "pair_sims", "NUMBER"]


NUMBER = "#"  # prefix of how-many keys among a story's lead names
_RARE = 0.1  # names in fewer of a story's leads than this never make a conflict (and are not looked up)


@dataclass(frozen=True, slots=True)
class Params:
    """Clustering knobs: merge threshold, split threshold, time window, candidate search width."""

    threshold: float = 0.34
    split_threshold: float = 0.25
    window_days: float = 7.0  # time gap that costs time_weight * log(2)
    time_weight: float = 0.05
    max_gap_days: float = 90.0  # gaps beyond this cost no more (follow-ups months later are told apart by text)
    k: int = 20
    floor: float = 0.25  # lowest lead-embedding cosine worth scoring
    conflict_weight: float = 1.0  # similarity taken off per unit of name conflict above conflict_free
    conflict_free: float = 0.2
    number_weight: float = 2.0  # similarity taken off per unit of number conflict above number_free
    number_free: float = 0.5
    split_min: int = 8  # stories this large are tried for a cut into two events


@dataclass(slots=True)
class Cluster:
    """A story in the making: members, their summed feature row, publication span, earliest member."""

    members: list[str]
    total: sp.csr_matrix  # (1, D) sum of member rows
    day_min: float = math.nan
    day_max: float = math.nan
    first: tuple[str, str] = ("", "")  # (published, id) of the earliest member
    new: list[int] = field(default_factory=list)  # row numbers of members from this batch
    names: Counter = field(default_factory=Counter)  # lead name -> how many members name it

    @property
    def n(self) -> int:
        """How many articles the story holds."""
        return len(self.members)


def singletons(ids: list[str], rows: sp.csr_matrix, days: np.ndarray, published: list[str],
               names: list[frozenset[str]]) -> list[Cluster]:
    """One cluster per new article (row i of the batch)."""
    return [Cluster([ids[i]], rows[i], days[i], days[i], (published[i], ids[i]), [i], Counter(names[i]))
            for i in range(len(ids))]


@lru_cache(maxsize=1 << 16)
def _words(name: str) -> frozenset[str]:
    """The words of a name, for telling a variant ("Gupta", "Sanjay Gupta") from a different name."""
    return frozenset(name.replace("-", " ").split())


def _share(key: str, y: Cluster) -> float:
    """Share of y's members naming key or a variant of it (one name's words within the other's)."""
    best = y.names.get(key, 0)
    words = _words(key)
    for k, c in y.names.items():
        if c > best and (words <= _words(k) or _words(k) <= words):
            best = c
    return best / y.n


def _excess(x: Cluster, y: Cluster, kind: str) -> float:
    """The largest share of x naming something (of one kind) that y names less often (variants count as the same)."""
    best = 0.0
    for k, c in sorted(x.names.items(), key=lambda kv: -kv[1]):
        if c / x.n <= max(best, _RARE):
            break
        if k.startswith(NUMBER) == (kind == NUMBER):
            best = max(best, c / x.n - (_share(k, y) if kind != NUMBER else y.names.get(k, 0) / y.n))
    return best


def conflict(a: Cluster, b: Cluster, kind: str = "") -> float:
    """How strongly each story names someone or somewhere (or, kind NUMBER, a number) the other does not (0..1, trusted more as stories grow)."""
    m = min(a.n, b.n)
    if m < 2:
        return 0.0
    return min(_excess(a, b, kind), _excess(b, a, kind)) * (m - 1) / (m + 1)


def penalized(s: float, a: Cluster, b: Cluster, params: Params) -> float:
    """Average similarity minus the time-gap, name-conflict and number-conflict penalties: the merge (and split) rule."""
    s -= params.time_weight * math.log1p(min(_gap(a, b), params.max_gap_days) / params.window_days)
    s -= params.conflict_weight * max(0.0, conflict(a, b) - params.conflict_free)
    m = min(a.n, b.n)
    if params.number_weight and (m - 1) / (m + 1) > params.number_free:  # else the conflict cannot reach number_free
        s -= params.number_weight * max(0.0, conflict(a, b, NUMBER) - params.number_free)
    return s


def _gap(a: Cluster, b: Cluster) -> float:
    """Days between two stories' publication spans (0 when they overlap or a date is unknown)."""
    if math.isnan(a.day_min) or math.isnan(b.day_min):
        return 0.0
    return max(0.0, max(a.day_min, b.day_min) - min(a.day_max, b.day_max))


def _sim(a: Cluster, b: Cluster) -> float:
    """Average pairwise similarity of two stories."""
    _, ia, ib = np.intersect1d(a.total.indices, b.total.indices, assume_unique=True, return_indices=True)
    return float(a.total.data[ia] @ b.total.data[ib]) / (a.n * b.n)


def _nanmin(x: float, y: float) -> float:
    """Smaller of two days, ignoring unknown ones."""
    return y if math.isnan(x) else x if math.isnan(y) else min(x, y)


def _nanmax(x: float, y: float) -> float:
    """Larger of two days, ignoring unknown ones."""
    return y if math.isnan(x) else x if math.isnan(y) else max(x, y)


def _merge(a: Cluster, b: Cluster) -> Cluster:
    """The union of two stories."""
    return Cluster(a.members + b.members, a.total + b.total, _nanmin(a.day_min, b.day_min),
                   _nanmax(a.day_max, b.day_max), min(a.first, b.first), a.new + b.new, a.names + b.names)


def _sketch(rows: sp.csr_matrix, dim: int) -> np.ndarray:
    """Count-sketch of sparse rows into dim columns: keeps dot products roughly, for lexical candidate search."""
    cols = rows.indices.astype(np.uint64)
    with np.errstate(over="ignore"):
        h = (cols * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(32)
    sign = np.where(h & np.uint64(1), 1.0, -1.0)
    proj = sp.csr_matrix((rows.data * sign, (h >> np.uint64(1)) % np.uint64(dim), rows.indptr), shape=(rows.shape[0], dim))
    return proj.toarray()


def centroids(clusters: list[Cluster], dim: int) -> np.ndarray:
    """Unit-length mean lead embedding of each story; a sketch of its words and names when embeddings are off."""
    stacked = sp.vstack([c.total for c in clusters], format="csr")
    total = stacked[:, :dim].toarray()
    if not total.any():
        total = _sketch(stacked[:, dim:].tocsr(), dim)
    total = total.astype(np.float32)
    norms = np.linalg.norm(total, axis=1, keepdims=True)
    return total / np.clip(norms, 1e-12, None)


def candidate_pairs(clusters: list[Cluster], is_new: np.ndarray, dim: int, params: Params,
                    chunk: int = 2048) -> set[tuple[int, int]]:
    """Pairs (i, j) with a new cluster i among the top-k lead-embedding neighbours of each other."""
    cent = centroids(clusters, dim)
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


def pair_sims(clusters: list[Cluster], pairs: list[tuple[int, int]]) -> np.ndarray:
    """Average similarities of many cluster pairs in one sparse product."""
    if not pairs:
        return np.zeros(0)
    stacked = sp.vstack([c.total for c in clusters], format="csr")
    i, j = np.array(pairs).T
    dots = np.asarray(stacked[i].multiply(stacked[j]).sum(axis=1)).ravel()
    sizes = np.array([c.n for c in clusters], dtype=np.float64)
    return dots / (sizes[i] * sizes[j])


def agglomerate(clusters: list[Cluster], pairs: set[tuple[int, int]], params: Params) -> list[Cluster]:
    """Merge the most similar candidate pair while its average similarity reaches the threshold."""
    alive: dict[int, Cluster] = dict(enumerate(clusters))
    nbrs: dict[int, set[int]] = {i: set() for i in alive}
    pair_list = sorted(pairs)
    sims = dict(zip(pair_list, pair_sims(clusters, pair_list).tolist()))
    heap: list[tuple[float, int, int]] = []
    for (i, j), s in sims.items():
        nbrs[i].add(j)
        nbrs[j].add(i)
        p = penalized(s, alive[i], alive[j], params)
        if p >= params.threshold:
            heap.append((-p, i, j))
    heapq.heapify(heap)
    next_id = len(clusters)
    while heap:
        _, i, j = heapq.heappop(heap)
        if i not in alive or j not in alive:
            continue
        a, b = alive.pop(i), alive.pop(j)
        merged = _merge(a, b)
        around = (nbrs.pop(i) | nbrs.pop(j)) - {i, j}
        alive[next_id], nbrs[next_id] = merged, around
        for o in around:
            nbrs[o] -= {i, j}
            nbrs[o].add(next_id)
            s = (a.n * _known(sims, i, o, a, alive[o]) + b.n * _known(sims, j, o, b, alive[o])) / merged.n
            sims[(o, next_id)] = s
            p = penalized(s, merged, alive[o], params)
            if p >= params.threshold:
                heapq.heappush(heap, (-p, o, next_id))
        next_id += 1
    return list(alive.values())


def _known(sims: dict[tuple[int, int], float], i: int, o: int, a: Cluster, c: Cluster) -> float:
    """Cached average similarity of two clusters (Lance-Williams), computed when the pair was never scored."""
    key = (min(i, o), max(i, o))
    s = sims.pop(key, None)
    return s if s is not None else _sim(a, c)


def split_outliers(clusters: list[Cluster], fresh: list[Cluster], rows: sp.csr_matrix, params: Params) -> list[Cluster]:
    """Detach this batch's members whose average similarity to the rest of their story is below the split threshold."""
    out: list[Cluster] = []
    for c in clusters:
        if c.n < 3 or not c.new:
            out.append(c)
            continue
        new = np.array(c.new)
        own = np.asarray(rows[new].multiply(rows[new]).sum(axis=1)).ravel()
        to_rest = (np.asarray(rows[new].multiply(c.total).sum(axis=1)).ravel() - own) / (c.n - 1)
        drop = sorted(new[to_rest < params.split_threshold].tolist())
        if not drop or len(drop) >= c.n - 1:
            out.append(c)
            continue
        out.extend(fresh[i] for i in drop)
        out.append(_without(c, [fresh[i] for i in drop]))
    return out


def split_mixed(clusters: list[Cluster], fresh: list[Cluster], rows: sp.csr_matrix, params: Params) -> list[Cluster]:
    """Cut a story of this batch in two where its halves report different numbers and the merge rule would not join them."""
    out: list[Cluster] = []
    for c in clusters:
        parts = _bipartition(c, rows) if params.split_min <= c.n == len(c.new) <= 2000 else None
        if parts is None:
            out.append(c)
            continue
        a, b = (union([fresh[i] for i in part]) for part in parts)
        cut = conflict(a, b, NUMBER) > params.number_free and penalized(_sim(a, b), a, b, params) < params.threshold
        out.extend([a, b] if cut else [c])
    return out


def union(parts: list[Cluster]) -> Cluster:
    """One story of several: members, summed rows, joint span, earliest member, names."""
    out = parts[0]
    for p in parts[1:]:
        out = _merge(out, p)
    return out


def _bipartition(c: Cluster, rows: sp.csr_matrix) -> tuple[list[int], list[int]] | None:
    """The story's members cut in two by the sign of the Fiedler vector of their similarity graph (None if lopsided)."""
    new = np.array(sorted(c.new))
    sub = rows[new]
    w = np.clip((sub @ sub.T).toarray(), 0.0, None)
    np.fill_diagonal(w, 0.0)
    inv = 1.0 / np.sqrt(np.maximum(w.sum(axis=1), 1e-12))
    lap = np.eye(len(new)) - inv[:, None] * w * inv[None, :]
    vec = np.linalg.eigh(lap)[1][:, 1] * inv
    left, right = new[vec < 0].tolist(), new[vec >= 0].tolist()
    return (left, right) if min(len(left), len(right)) >= 3 else None


def _without(c: Cluster, gone: list[Cluster]) -> Cluster:
    """A story with some of this batch's members taken out (its time span is kept)."""
    out = Cluster(list(c.members), c.total.copy(), c.day_min, c.day_max, c.first, list(c.new), Counter(c.names))
    for g in gone:
        out.members.remove(g.members[0])
        out.new.remove(g.new[0])
        out.total = out.total - g.total
        out.names.subtract(g.names)
    out.names = +out.names
    if c.first in {g.first for g in gone}:
        out.first = (c.first[0], min(out.members))  # the earliest member left, approximately
    return out
