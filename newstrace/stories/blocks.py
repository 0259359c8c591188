"""Story clustering split into blocks (for Spark) and merged across blocks without a central pass.

A block is a stretch of publication days (a week by default, a day for Spark), cut into
sub-blocks by a hash of each article's lead names when the stretch holds too many articles,
so in-block clustering (quadratic in block size) stays bounded. Each block's stories are
summaries (summed feature rows, spans, names) that merge exactly like the stories of an
incremental run; ``merge.py`` joins them across blocks through shared keys.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np
import xxhash

from ..model import Article
from .cluster import Cluster, Params
from .features import Weights, article_day, lead_names
from .incremental import cluster_articles, dump_state, load_state, story_id
from .merge import merge_local

__all__ = ["BLOCK_DAYS", "MAX_BLOCK", "block_of", "name_hash", "sub_blocks", "cluster_block", "block_clusters",
           "merge_blocks", "memberships", "UNDATED"]

BLOCK_DAYS = 7
MAX_BLOCK = 400  # articles per block above which a block is cut into sub-blocks by lead names
UNDATED = -1


def block_of(published: str | None, days: int = BLOCK_DAYS) -> int:
    """The stretch of ``days`` days (since 1970) an article was published in, or UNDATED."""
    day = article_day(Article(id="", text="", source="", published=published))
    return UNDATED if math.isnan(day) else int(day // days)


def name_hash(a: Article) -> int:
    """A hash of the article's smallest lead name (its id when it names none): reports naming the same who/where tend to agree."""
    names = lead_names(a)
    return min((xxhash.xxh32_intdigest(n.encode()) for n in names), default=xxhash.xxh32_intdigest(a.id.encode()))


def sub_blocks(count: int) -> int:
    """How many sub-blocks a block of ``count`` articles is cut into."""
    return max(1, math.ceil(count / MAX_BLOCK))


def block_clusters(articles: Sequence[Article], params: Params = Params(), weights: Weights = Weights(),
                   emb: np.ndarray | None = None) -> list[Cluster]:
    """Cluster one block's articles (sorted by publication) into stories."""
    arts = sorted(articles, key=lambda a: (a.published or "~", a.id))
    return cluster_articles(arts, [], params, weights, emb=emb)


def cluster_block(articles: Sequence[Article], params: Params = Params(), weights: Weights = Weights(),
                  emb: np.ndarray | None = None) -> str:
    """Cluster one block's articles; the stories come back as state JSON (mergeable summaries)."""
    clusters = cluster_articles(articles, [], params, weights, emb=emb)
    return dump_state(clusters, clusters[0].total.shape[1] if clusters else 0)


def merge_blocks(states: Sequence[tuple[int, str]], params: Params = Params(),
                 links: Sequence[tuple[str, str]] = ()) -> list[Cluster]:
    """Merge the stories of all blocks (block number, state JSON) through shared keys; linked articles share a story."""
    return merge_local([load_state(text)[1] for _, text in states], params, links)


def memberships(clusters: Sequence[Cluster]) -> list[tuple[str, list[str]]]:
    """(story_id, sorted article ids), largest stories first."""
    stories = [(story_id(c.first[1]), sorted(c.members)) for c in clusters]
    return sorted(stories, key=lambda s: (-len(s[1]), s[0]))
