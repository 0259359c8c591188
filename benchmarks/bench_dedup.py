"""Near-duplicate and partial-copy detection, end to end, against datasketch's fastest path.

Ours: read JSONL, shingle + hash + sketch (vectorised numpy, batches over 2
processes), index (MinHash LSH bands + sampled-fingerprint containment index),
query and verify (MinHash Jaccard / fingerprint containment estimates).
Reference, same run, same corpus prefix: datasketch with xxhash hashing,
``MinHash.bulk`` -> ``LeanMinHash``, ``MinHashLSH.insertion_session`` and queries.

    python benchmarks/gen_copies.py --n 100000 --out /tmp/copies.jsonl
    python benchmarks/bench_dedup.py --data /tmp/copies.jsonl [--n N] [--ref-n 10000]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import time
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from newstrace.provenance.candidates import candidate_pairs, merge_sketches, sketch  # noqa: E402

BATCH = 1000
_WORD = re.compile(r"\w+")


def read(path: str, n: int, keep_text: bool = True) -> tuple[list[str], list[dict]]:
    """Texts (unless keep_text is False) and metadata (kind, source) of the first n records."""
    texts, meta = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if len(meta) >= n:
                break
            r = json.loads(line)
            if keep_text:
                texts.append(r["text"])
            meta.append({"id": r["id"], "kind": r["kind"], "source": r["source"]})
    return texts, meta


def _sketch_lines(lines: list[str]):
    """Worker: parse a batch of JSONL lines and sketch their texts."""
    return sketch([json.loads(x)["text"] for x in lines])


def _batches(path: str, n: int):
    """Stream the first n lines in batches (the main process never holds the whole corpus)."""
    cur = []
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n:
                break
            cur.append(line)
            if len(cur) == BATCH:
                yield cur
                cur = []
    if cur:
        yield cur


PHASES: dict[str, float] = {}


def ours(path: str, n: int, procs: int) -> tuple[np.ndarray, float]:
    """Our pipeline from file to verified pairs; returns pairs and seconds."""
    t0 = time.perf_counter()
    with Pool(procs) as pool:
        parts = list(pool.imap(_sketch_lines, _batches(path, n), chunksize=1))
    t1 = time.perf_counter()
    cand = candidate_pairs(merge_sketches(parts))
    t2 = time.perf_counter()
    PHASES.update({"read_shingle_hash_sketch_s": round(t1 - t0, 2), "index_query_verify_s": round(t2 - t1, 2)})
    return cand.pairs, t2 - t0


def reference(path: str, n: int, threshold: float = 0.5, k: int = 3) -> tuple[np.ndarray, float]:
    """datasketch at its fastest: xxhash, MinHash.bulk -> LeanMinHash, insertion_session, query."""
    import xxhash
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    t0 = time.perf_counter()
    texts, _ = read(path, n)

    def shingles(t):
        w = _WORD.findall(t.lower())
        return [" ".join(w[i : i + k]).encode() for i in range(max(len(w) - k + 1, 1))]

    hf = lambda b: xxhash.xxh32_intdigest(b)  # noqa: E731
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    sigs = []
    for start in range(0, len(texts), BATCH):
        ms = MinHash.bulk([shingles(t) for t in texts[start : start + BATCH]], num_perm=128, hashfunc=hf)
        sigs.extend(LeanMinHash(m) for m in ms)
    with lsh.insertion_session() as sess:
        for i, m in enumerate(sigs):
            sess.insert(i, m, check_duplication=False)
    pairs = {(min(i, j), max(i, j)) for i, m in enumerate(sigs) for j in lsh.query(m) if j != i}
    keep = [p for p in pairs if sigs[p[0]].jaccard(sigs[p[1]]) >= threshold]
    return np.array(sorted(keep), dtype=np.int64).reshape(-1, 2), time.perf_counter() - t0


def quality(pairs: np.ndarray, meta: list[dict]) -> dict:
    """Recall per copy kind (copy paired with its source) and precision (pairs sharing a source)."""
    index = {m["id"]: i for i, m in enumerate(meta)}
    root = [index.get(m["source"], i) if m["source"] else i for i, m in enumerate(meta)]
    found = {tuple(p) for p in pairs.tolist()}
    hit, total = defaultdict(int), defaultdict(int)
    for i, m in enumerate(meta):
        if m["source"] and m["source"] in index:
            j = index[m["source"]]
            total[m["kind"]] += 1
            hit[m["kind"]] += (min(i, j), max(i, j)) in found
    good = sum(root[a] == root[b] for a, b in found)
    out = {f"recall_{k}": round(hit[k] / total[k], 3) for k in sorted(total)}
    out["precision"] = round(good / max(len(found), 1), 4)
    out["pairs"] = len(found)
    return out


def main() -> None:
    """Run both and print one JSON line of figures."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--ref-n", type=int, default=10000, help="articles for the datasketch reference")
    ap.add_argument("--procs", type=int, default=2)
    args = ap.parse_args()
    n = len(read(args.data, args.n, keep_text=False)[1])
    pairs, secs = ours(args.data, n, args.procs)
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    meta = read(args.data, n, keep_text=False)[1]
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    res = {"n": n, "ours_seconds": round(secs, 2), "ours_articles_per_s": round(n / secs),
           "ours_peak_rss_mb_main": round(self_rss / 1024), "ours_peak_rss_mb_worker": round(child_rss / 1024),
           "ours_phases": dict(PHASES), "ours": quality(pairs, meta)}
    rn = min(args.ref_n, n)
    our_small, our_small_s = ours(args.data, rn, args.procs)
    ref_pairs, ref_s = reference(args.data, rn)
    res.update({"ref_n": rn, "ref_seconds": round(ref_s, 2), "ref_articles_per_s": round(rn / ref_s),
                "ours_same_n_articles_per_s": round(rn / our_small_s),
                "speedup_vs_datasketch_same_n": round(ref_s / our_small_s, 1),
                "ref": quality(ref_pairs, meta[:rn]), "ours_same_n": quality(our_small, meta[:rn])})
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
