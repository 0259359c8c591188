"""Story clustering split into time blocks (for Spark) and merged across neighbouring blocks.

Each block (a week of publication dates; undated articles form one block) is
clustered on its own; the resulting stories are summaries (summed feature rows,
spans, names) that merge exactly like the stories of an incremental run, so the
cross-block pass is the same average-linkage agglomeration seeded with block stories,
with candidates only between stories of the same or adjacent blocks.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np

from ..model import Article
from .cluster import Cluster, Params, agglomerate, centroids
from .features import Weights, article_day
from .incremental import cluster_articles, dump_state, load_state, story_id

__all__ = ["BLOCK_DAYS", "block_of", "cluster_block", "merge_blocks", "memberships", "UNDATED"]

BLOCK_DAYS = 7
UNDATED = -1


def block_of(published: str | None) -> int:
    """The week (since 1970) an article was published in, or UNDATED."""
    day = article_day(Article(id="", text="", source="", published=published))
    return UNDATED if math.isnan(day) else int(day // BLOCK_DAYS)


def cluster_block(articles: Sequence[Article], params: Params = Params(), weights: Weights = Weights(),
                  emb: np.ndarray | None = None) -> str:
    """Cluster one block's articles; the stories come back as state JSON (mergeable summaries)."""
    clusters = cluster_articles(articles, [], params, weights, emb=emb)
    return dump_state(clusters, clusters[0].total.shape[1] if clusters else 0)


def _adjacent_pairs(clusters: list[Cluster], blocks: np.ndarray, dim: int, params: Params) -> set[tuple[int, int]]:
    """Top-k centroid neighbours between stories of the same or the next block (undated: with everything)."""
    cent = centroids(clusters, dim)
    pairs: set[tuple[int, int]] = set()
    for b in np.unique(blocks):
        left = np.flatnonzero(blocks == b)
        right = np.flatnonzero((blocks == b + 1) | (blocks == UNDATED) if b != UNDATED else blocks != UNDATED)
        if not left.size or not right.size:
            continue
        sims = cent[left] @ cent[right].T
        k = min(params.k, right.size)
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for r, i in enumerate(left):
            for c in top[r]:
                j = int(right[c])
                if sims[r, c] >= params.floor and i != j:
                    pairs.add((min(int(i), j), max(int(i), j)))
    return pairs


def merge_blocks(states: Sequence[tuple[int, str]], params: Params = Params()) -> list[Cluster]:
    """Merge the stories of all blocks (block number, state JSON) across neighbouring blocks."""
    clusters: list[Cluster] = []
    blocks: list[int] = []
    dim = 0
    for block, text in states:
        d, found = load_state(text)
        dim = max(dim, d)
        clusters.extend(found)
        blocks.extend([block] * len(found))
    if len(clusters) < 2:
        return clusters
    pairs = _adjacent_pairs(clusters, np.array(blocks), 384, params)
    return agglomerate(clusters, pairs, params)


def memberships(clusters: Sequence[Cluster]) -> list[tuple[str, list[str]]]:
    """(story_id, sorted article ids), largest stories first."""
    stories = [(story_id(c.first[1]), sorted(c.members)) for c in clusters]
    return sorted(stories, key=lambda s: (-len(s[1]), s[0]))
