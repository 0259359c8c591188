"""Story clustering: group articles into events, online and incrementally through the store."""

from __future__ import annotations

from typing import Sequence

from ..model import Article
from .cluster import Params
from .features import Weights
from .blocks import memberships
from .incremental import STATE_NAME, cluster_articles, dump_state, load_state

__all__ = ["cluster", "Params", "Weights", "LEXICAL"]

#: No-model settings for very large inputs: words and names only, candidates from a sketch of them
#: (tuned like the defaults on basil-dev / ecbplus-dev; see docs/quality.md).
LEXICAL = (Params(threshold=0.16, floor=0.1), Weights(embedding=0.0, terms=0.6, keys=0.4))


def cluster(articles: Sequence[Article], store=None, params: Params = Params(),
            weights: Weights = Weights()) -> list[tuple[str, list[str]]]:
    """Stories as (story_id, article_ids); with a store, new articles extend the stories saved there and all stories are returned."""
    dim, existing = load_state(store.get_state(STATE_NAME)) if store is not None else (0, [])
    clusters = cluster_articles(articles, existing, params, weights, store=store)
    if store is not None:
        store.put_state(STATE_NAME, dump_state(clusters, clusters[0].total.shape[1] if clusters else dim))
    return memberships(clusters)
