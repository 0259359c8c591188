"""Story state kept in the store between runs, and the batch-or-incremental clustering driver."""

from __future__ import annotations

import base64
import json
import math
from collections import Counter
from typing import Sequence

import numpy as np
import scipy.sparse as sp

from ..model import Article
from .cluster import Cluster, Params, agglomerate, candidate_pairs, singletons, split_mixed, split_outliers
from .features import Features, Weights, featurize, lead_text

__all__ = ["STATE_NAME", "cluster_articles", "lead_embeddings", "load_state", "dump_state", "restore", "story_id"]

STATE_NAME = "stories/v1"
_NO_DATE = "~"  # sorts after every ISO date


def story_id(first_id: str) -> str:
    """A story's id comes from its earliest article's id, so re-running gives the same ids."""
    return f"story-{first_id}"


def lead_embeddings(articles: Sequence[Article], store=None) -> np.ndarray:
    """MiniLM embeddings of title + lead, cached in the store by content hash."""
    from ..embed import embed_cached

    return embed_cached([lead_text(a) for a in articles], store)


def _b64(a: np.ndarray) -> str:
    """Compact text form of a numpy array."""
    return base64.b64encode(np.ascontiguousarray(a).tobytes()).decode("ascii")


def _unb64(s: str, dtype) -> np.ndarray:
    """Inverse of ``_b64``."""
    return np.frombuffer(base64.b64decode(s), dtype=dtype)


def dump_state(clusters: Sequence[Cluster], dim: int) -> str:
    """JSON of every story: members, summed feature row (sparse), span, earliest member."""
    out = []
    for c in clusters:
        t = c.total.tocsr()
        t.sum_duplicates()
        out.append({"members": c.members, "first": list(c.first),
                    "days": [None if math.isnan(c.day_min) else c.day_min, None if math.isnan(c.day_max) else c.day_max],
                    "names": dict(c.names), "i": _b64(t.indices.astype(np.int32)), "v": _b64(t.data.astype(np.float32))})
    return json.dumps({"dim": dim, "stories": out})


def load_state(text: str | None) -> tuple[int, list[Cluster]]:
    """Stories saved by ``dump_state`` (none when there is no state yet)."""
    if not text:
        return 0, []
    state = json.loads(text)
    dim = state["dim"]
    clusters = []
    for s in state["stories"]:
        d0, d1 = (math.nan if d is None else d for d in s["days"])
        clusters.append(restore(s["members"], dim, _unb64(s["i"], np.int32), _unb64(s["v"], np.float32),
                                d0, d1, s["first"], s.get("names", {})))
    return dim, clusters


def restore(members, dim: int, idx: np.ndarray, val: np.ndarray, d0: float, d1: float, first, names) -> Cluster:
    """A story rebuilt from its saved parts (summed row as int32 indices and float32 values)."""
    total = sp.csr_matrix((val.astype(np.float64), idx, np.array([0, len(idx)])), shape=(1, dim))
    return Cluster(list(members), total, d0, d1, tuple(first), [], Counter(names))


def _published(a: Article) -> str:
    """Sort key of publication time (undated articles last)."""
    return a.published or _NO_DATE


def cluster_articles(articles: Sequence[Article], existing: list[Cluster], params: Params = Params(),
                     weights: Weights = Weights(), emb: np.ndarray | None = None, store=None) -> list[Cluster]:
    """Add new articles to existing stories (or none): agglomerate, cut stories of two events, then split outliers."""
    known = {m for c in existing for m in c.members}
    keep: dict[str, int] = {}
    for i, a in enumerate(articles):
        if a.id not in known:
            keep.setdefault(a.id, i)
    if not keep:
        return list(existing)
    batch = [articles[i] for i in keep.values()]
    if emb is not None:
        emb = emb[list(keep.values())]
    elif weights.embedding == 0:  # lexical mode: no model, candidates from a sketch of words and names
        emb = np.zeros((len(batch), 384), dtype=np.float32)
    else:
        emb = lead_embeddings(batch, store)
    feats: Features = featurize(batch, emb, weights)
    published = [_published(a) for a in batch]
    fresh = singletons(feats.ids, feats.rows, feats.days, published, feats.names)
    for c in existing:
        c.new = []
    clusters = list(existing) + fresh
    is_new = np.zeros(len(clusters), dtype=bool)
    is_new[len(existing):] = True
    pairs = candidate_pairs(clusters, is_new, emb.shape[1], params)
    merged = agglomerate(clusters, pairs, params)
    return split_outliers(split_mixed(merged, fresh, feats.rows, params), fresh, feats.rows, params)
