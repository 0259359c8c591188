"""Spark engine benchmark: the scalable stages (normalize, MinHash LSH + components, story clustering) on a generated stream.

    python benchmarks/bench_spark.py --n 100000 --masters local[2] local[1] --single
    python benchmarks/bench_spark.py --n 1000000 --masters local[2]
    python benchmarks/bench_spark.py --n 1000000 --full 2000 --masters local[2]   # whole engine on the first 2,000

With ``--full N`` the first N articles of the stream go through the whole Spark engine
(extraction, embeddings, story clustering, per-story analysis and reports: ``run_spark``),
timed per stage, against the local engine (``analyze_paths``, one process) on the same file.

Prints one JSON line per run: wall time per stage, articles/s, peak memory of the whole
process tree (driver, JVM, Python workers), near-duplicate pairs, stories and their
B-cubed F1 against the generator's events. ``--single`` runs the same stages in one
Python process (the local engine's functions) on the same input, as the reference.
Story clustering here is the lexical mode (no embedding model): see docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

__all__ = ["main"]


def _tree_stats() -> tuple[int, float]:
    """Resident bytes and CPU seconds (own and reaped children's) of this process tree, from /proc."""
    kids: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    page, hz = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            kids.setdefault(int(fields[1]), []).append(int(d))
            cpu[int(d)] = sum(int(x) for x in fields[11:15]) / hz
            rss[int(d)] = int(fields[21]) * page
        except (OSError, IndexError, ValueError):
            continue
    mem, secs, todo = 0, 0.0, [os.getpid()]
    while todo:
        p = todo.pop()
        mem, secs = mem + rss.get(p, 0), secs + cpu.get(p, 0.0)
        todo.extend(kids.get(p, []))
    return mem, secs


class Laps:
    """Wall and CPU seconds (whole process tree) per stage: CPU time is what a loaded, shared machine cannot hide."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._t, self._c = time.perf_counter(), _tree_stats()[1]

    def lap(self, stage: str, **counts) -> None:
        """Close a stage and report it at once (long runs report what they finished)."""
        t, c = time.perf_counter(), _tree_stats()[1]
        self.wall[stage], self.cpu[stage] = round(t - self._t, 1), round(c - self._c, 1)
        self._t, self._c = t, c
        print(json.dumps({"done": stage, "s": self.wall[stage], "cpu_s": self.cpu[stage], "at": time.strftime("%H:%M:%S"),
                          "load": os.getloadavg(), **counts}), file=sys.stderr, flush=True)


class PeakRSS:
    """Samples the summed resident memory of this process and all its descendants."""

    def __init__(self, every: float = 0.5) -> None:
        self.peak, self.every, self._stop = 0, every, threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _tree_rss(self) -> int:
        """Bytes resident in this process tree."""
        return _tree_stats()[0]

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._tree_rss())
            time.sleep(self.every)

    def __enter__(self) -> "PeakRSS":
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()


def _b3(pred: dict[str, str], gold: dict[str, str]) -> float:
    """B-cubed F1."""
    from newstrace.eval.stories import bcubed

    return round(bcubed(pred, gold)[2], 4)


def _event(input_id: str) -> str:
    """The generator's event of a record id ("e12-3" -> "e12")."""
    return input_id.split("-")[0]


def _spark_b3(out: Path) -> tuple[int, float]:
    """Stories and their B-cubed F1 from the (input_id, story) Parquet the Spark run wrote."""
    import pyarrow.parquet as pq

    table = pq.read_table(out, columns=["input_id", "story"])
    pred = dict(zip(table.column("input_id").to_pylist(), table.column("story").to_pylist()))
    return len(set(pred.values())), _b3(pred, {i: _event(i) for i in pred})


def run_spark_stages(path: Path, master: str, partitions: int, memory: str, work: Path) -> dict:
    """normalize -> near-duplicate components -> lexical story clustering (written as Parquet), timed per stage."""
    from newstrace.engines.spark import assign_stories, near_duplicate_components, normalize, read_inputs, spark_session

    spark = spark_session(master, app="bench", shuffle_partitions=partitions, driver_memory=memory)
    out = work / f"stories-{path.stem}-{master.replace('[', '').replace(']', '')}.parquet"
    laps = Laps()
    try:
        articles, _ = normalize(read_inputs(spark, [str(path)]).repartition(partitions))
        articles = articles.localCheckpoint()
        n = articles.count()
        laps.lap("normalize", n=n)
        comps, edges = near_duplicate_components(articles)
        comps = comps.localCheckpoint()
        n_pairs = edges.count()
        n_comp = comps.select("component").distinct().count()
        laps.lap("near_duplicates", pairs=n_pairs, components=n_comp)
        story_of = assign_stories(spark, articles.select("id", "blob"), comps, lexical=True)
        (story_of.join(articles.select("id", "input_id"), "id").select("input_id", "story")
         .write.mode("overwrite").parquet(str(out)))
        laps.lap("stories")
    finally:
        spark.stop()
    n_stories, f1 = _spark_b3(out)
    return {"articles": n, "near_duplicate_pairs": n_pairs, "components": n_comp,
            "stories": n_stories, "stories_b3_f1": f1, "stage_s": laps.wall, "stage_cpu_s": laps.cpu}


def run_single(path: Path) -> dict:
    """The same stages in one Python process with the local engine's functions."""
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    from newstrace.engines.spark import DUP_THRESHOLD
    from newstrace.ingest import article_from_record
    from newstrace.model import Article
    from newstrace.provenance import lsh_pairs, sketch
    from newstrace.provenance.minhash import estimate_jaccard
    from newstrace.stories import LEXICAL
    from newstrace.stories.blocks import block_clusters, block_of, memberships, name_hash, sub_blocks
    from newstrace.stories.merge import merge_local

    laps = Laps()
    arts = []
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            got = article_from_record(json.loads(line), f"{path}#{i}")
            if isinstance(got, Article):
                arts.append(got)
    laps.lap("normalize", n=len(arts))
    sig = np.concatenate([sketch([a.text for a in arts[i:i + 20000]]).sig for i in range(0, len(arts), 20000)])
    pairs = lsh_pairs(sig, DUP_THRESHOLD)
    pairs = pairs[estimate_jaccard(sig, pairs) >= DUP_THRESHOLD]
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(len(arts), len(arts)))
    n_comp, _ = connected_components(graph, directed=False)
    laps.lap("near_duplicates", pairs=len(pairs), components=int(n_comp))
    days = Counter(block_of(a.published, 1) for a in arts)
    blocks: dict[tuple[int, int], list[Article]] = {}
    for a in arts:
        day = block_of(a.published, 1)
        blocks.setdefault((day, name_hash(a) % sub_blocks(days[day])), []).append(a)
    params, weights = LEXICAL
    links = [(arts[i].id, arts[j].id) for i, j in pairs.tolist()]
    stories = memberships(merge_local([block_clusters(v, params, weights) for v in blocks.values()], params, links))
    laps.lap("stories")
    by_id = {a.id: a.input_id for a in arts}
    pred = {by_id[m]: sid for sid, ids in stories for m in ids}
    return {"articles": len(arts), "near_duplicate_pairs": int(len(pairs)), "components": int(n_comp),
            "stories": len(stories), "stories_b3_f1": _b3(pred, {i: _event(i) for i in pred}),
            "stage_s": laps.wall, "stage_cpu_s": laps.cpu}


def _head(path: Path, n: int) -> Path:
    """The stream's first n records as their own file (the generator writes them in publication order)."""
    out = path.with_name(f"{path.stem}-head{n}.jsonl")
    if not out.exists():
        with path.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
            for _, line in zip(range(n), src):
                dst.write(line)
    return out


def run_full(path: Path, master: str, partitions: int, work: Path) -> dict:
    """The whole Spark engine (``run_spark``: extraction and per-story analysis included), timed per stage."""
    from newstrace.engines.spark import run_spark

    res = run_spark([str(path)], work / f"full-{path.stem}-{master.replace('[', '').replace(']', '')}", master,
                    shuffle_partitions=partitions)
    return {k: res[k] for k in ("articles", "problems", "near_duplicate_pairs", "stories", "links", "timings_s")}


def run_local_full(path: Path, work: Path) -> dict:
    """The local engine on the same file: ingest, extraction, stories, per-story analysis, one SQLite store."""
    from newstrace.pipeline import analyze_paths
    from newstrace.store import open_store

    db = work / f"full-{path.stem}.db"
    for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        p.unlink(missing_ok=True)
    laps = Laps()
    store = open_store(db)
    try:
        report, _ = analyze_paths([path], store)
    finally:
        store.close()
    laps.lap("all")
    return {"articles": len(report["articles"]), "stories": len(report["stories"]), "links": len(report["links"]),
            "stage_s": laps.wall, "stage_cpu_s": laps.cpu}


def main(argv: list[str] | None = None) -> int:
    """Generate (or reuse) the stream, run the requested engines, print JSON lines."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--masters", nargs="*", default=["local[2]"])
    ap.add_argument("--partitions", type=int, default=8)
    ap.add_argument("--single", action="store_true", help="also run the single-process reference")
    ap.add_argument("--data", type=Path, default=Path("/tmp/newstrace-bench"))
    ap.add_argument("--memory", default="3g", help="Spark driver memory (local mode: the executors' too)")
    ap.add_argument("--work", type=Path, default=Path("/tmp/newstrace-bench/out"), help="Parquet outputs")
    ap.add_argument("--full", type=int, default=0, help="run the whole engine (per-story analysis too) on the first N articles")
    args = ap.parse_args(argv)
    import gen_stream

    args.data.mkdir(parents=True, exist_ok=True)
    path = args.data / f"stream-{args.n}.jsonl"
    if not path.exists():
        gen_stream.main(["--n", str(args.n), "--out", str(path)])
    args.work.mkdir(parents=True, exist_ok=True)
    n = args.n
    if args.full:
        path, n = _head(path, args.full), args.full
    runs = [("spark", m) for m in args.masters] + ([("single", "1 process")] if args.single or args.full else [])
    for engine, master in runs:
        with PeakRSS() as mem:
            t = time.perf_counter()
            if args.full:
                res = run_full(path, master, args.partitions, args.work) if engine == "spark" else run_local_full(path, args.work)
            else:
                res = run_spark_stages(path, master, args.partitions, args.memory, args.work) if engine == "spark" else run_single(path)
            wall = time.perf_counter() - t
        res.update(engine=engine, master=master, n=n, wall_s=round(wall, 1),
                   articles_per_s=round(n / wall, 1), peak_rss_gb=round(mem.peak / 2**30, 2))
        print(json.dumps(res), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
