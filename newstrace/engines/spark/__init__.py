"""The Spark engine: the local engine's stage functions run as Spark jobs, on local cores or any cluster.

    read (JSONL / Parquet) -> normalize (mapInPandas) -> MinHash LSH band keys -> groupBy band
    -> candidate pairs -> verified pairs -> min-label propagation (near-duplicate components)
    -> annotate (mapInPandas) -> stories per bounded day block (groupBy block, applyInPandas)
    -> cross-block merge by shared story keys (``stories.py``, all Spark jobs) -> per-story analysis (groupBy story,
    applyInPandas) -> Parquet (articles, links, stories, problems) + one report.json per story.

Articles travel between stages as pickled ``Article`` records so every stage reuses
the local functions unchanged. Per-story reports are written by the executors, so on a
cluster ``out_dir`` must be on a shared filesystem.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import time
from pathlib import Path
from typing import Iterator

from .stories import assign_stories, min_label_components

__all__ = ["run_spark", "spark_session", "read_inputs", "normalize", "near_duplicate_components",
           "assign_stories", "analyze_stories", "DUP_THRESHOLD"]

DUP_THRESHOLD = 0.5  # MinHash Jaccard of 3-word shingles that makes two articles near duplicates
MAX_BUCKET = 200  # an LSH bucket bigger than this is boilerplate, not copying
_FIELDS = ("id", "text", "title", "url", "outlet", "published", "author")


def spark_session(master: str = "local[2]", app: str = "newstrace", shuffle_partitions: int = 8,
                  driver_memory: str = "2g"):
    """A Spark session set for a small machine: few shuffle partitions, no UI, this venv's Python."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    os.environ.setdefault("PYTHONWARNINGS", "ignore::FutureWarning,ignore::UserWarning")
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master(master).appName(app)
            .config("spark.sql.shuffle.partitions", str(shuffle_partitions))
            .config("spark.default.parallelism", str(shuffle_partitions))
            .config("spark.driver.memory", driver_memory)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.sql.execution.arrow.maxRecordsPerBatch", "2000")
            .config("spark.python.worker.reuse", "true")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def read_inputs(spark, inputs: list[str]):
    """Records from JSONL/JSON and Parquet files as one DataFrame of string columns plus the source file."""
    from pyspark.sql import functions as F

    frames = []
    parquet = [p for p in inputs if str(p).endswith(".parquet") or Path(p).is_dir() and any(Path(p).glob("*.parquet"))]
    records = [str(p) for p in inputs if p not in parquet]
    if parquet:
        frames.append(spark.read.parquet(*map(str, parquet)))
    if records:
        frames.append(spark.read.option("primitivesAsString", "true").json(records))
    out = None
    for df in frames:
        cols = [(F.col(c).cast("string") if c in df.columns else F.lit(None).cast("string")).alias(c) for c in _FIELDS]
        df = df.select(*cols, F.input_file_name().alias("source"))
        out = df if out is None else out.unionByName(df)
    if out is None:
        raise ValueError(f"no JSONL or Parquet inputs among {inputs!r}")
    return out


_ART_SCHEMA = ("id string, input_id string, text string, title string, published string, outlet string, "
               "url string, blob binary, problem string, source string")


def _normalize_part(frames: Iterator) -> Iterator:
    """Records of one partition into normalized articles (pickled) or problems."""
    import pandas as pd

    from ...ingest import article_from_record
    from ...model import Problem

    for df in frames:
        rows = []
        for i, rec in enumerate(df.to_dict("records")):
            src = f"{rec.pop('source')}#{rec['id'] if isinstance(rec.get('id'), str) else i}"
            got = article_from_record({k: v for k, v in rec.items() if isinstance(v, str)}, src)  # NaN = missing
            if isinstance(got, Problem):
                rows.append((None, None, None, None, None, None, None, None, got.error, got.source))
            else:
                rows.append((got.id, got.input_id, got.text, got.title, got.published, got.outlet, got.url,
                             pickle.dumps(got, protocol=5), None, got.source))
        yield pd.DataFrame(rows, columns=[c.split()[0] for c in _ART_SCHEMA.split(", ")])


def normalize(records):
    """Articles (deduplicated by content id) and problems from raw records."""
    from pyspark.sql import functions as F

    out = records.mapInPandas(_normalize_part, _ART_SCHEMA)
    problems = out.where(F.col("problem").isNotNull()).select("source", "problem")
    articles = out.where(F.col("problem").isNull()).drop("problem").dropDuplicates(["id"])
    return articles, problems


def _band_part(frames: Iterator) -> Iterator:
    """MinHash signatures of a partition (the provenance stage's vectorised sketch) as LSH band keys."""
    import numpy as np
    import pandas as pd

    from ...provenance import optimal_param, sketch
    from ...provenance.shingles import mix64

    bands, rows = optimal_param(DUP_THRESHOLD)
    for df in frames:
        sig = sketch(df["text"].tolist()).sig
        keys = []
        for b in range(bands):
            block = np.ascontiguousarray(sig[:, b * rows:(b + 1) * rows])
            with np.errstate(over="ignore"):
                k = mix64(block.view(np.uint64).sum(axis=1, dtype=np.uint64) * np.uint64(2 * b + 1) ^ np.uint64(b))
            keys.append(k.view(np.int64))
        n = len(df)
        yield pd.DataFrame({"band": np.repeat(np.arange(bands, dtype=np.int32), n),
                            "key": np.concatenate(keys) if keys else np.zeros(0, np.int64),
                            "id": np.tile(df["id"].to_numpy(), bands)})
        del sig


def _sig_part(frames: Iterator) -> Iterator:
    """MinHash signature bytes per article, for verifying candidate pairs."""
    import pandas as pd

    from ...provenance import sketch

    for df in frames:
        sig = sketch(df["text"].tolist()).sig
        yield pd.DataFrame({"id": df["id"], "sig": [row.tobytes() for row in sig]})


def _pairs_part(frames: Iterator) -> Iterator:
    """All id pairs within each LSH bucket."""
    import pandas as pd

    for df in frames:
        out = [(a, b) for ids in df["ids"] for i, a in enumerate(sorted(ids)) for b in sorted(ids)[i + 1:]]
        yield pd.DataFrame(out, columns=["a", "b"])


def _jaccard(a: bytes, b: bytes) -> float:
    """Share of equal MinHash buckets."""
    import numpy as np

    x, y = np.frombuffer(a, np.uint64), np.frombuffer(b, np.uint64)
    return float((x == y).mean())


def near_duplicate_components(articles, max_iter: int | None = None):
    """(id, component) for every article: connected components of verified MinHash LSH pairs."""
    from pyspark.sql import functions as F
    from pyspark.sql.types import DoubleType

    keys = articles.select("id", "text").mapInPandas(_band_part, "band int, key long, id string")
    buckets = (keys.groupBy("band", "key").agg(F.collect_set("id").alias("ids"))
               .where((F.size("ids") > 1) & (F.size("ids") <= MAX_BUCKET)).select("ids"))
    cand = buckets.mapInPandas(_pairs_part, "a string, b string").distinct()
    sigs = articles.select("id", "text").mapInPandas(_sig_part, "id string, sig binary")
    jac = F.udf(_jaccard, DoubleType())
    edges = (cand.join(sigs.withColumnRenamed("id", "a").withColumnRenamed("sig", "sa"), "a")
             .join(sigs.withColumnRenamed("id", "b").withColumnRenamed("sig", "sb"), "b")
             .withColumn("jaccard", jac("sa", "sb")).where(F.col("jaccard") >= DUP_THRESHOLD)
             .select("a", "b", "jaccard")).localCheckpoint()
    labels = min_label_components(articles.select("id"), edges.select("a", "b"), max_iter)
    return labels.withColumnRenamed("label", "component"), edges


def _annotate_part(frames: Iterator) -> Iterator:
    """The extraction stage over one partition's articles."""
    from ...extract import annotate

    for df in frames:
        arts = annotate([pickle.loads(b) for b in df["blob"]])
        df = df.copy()
        df["blob"] = [pickle.dumps(a, protocol=5) for a in arts]
        yield df


def _analyze_part(out_dir: str):
    """Per-story analysis (the local engine's function) on an executor; writes that story's report.json."""
    def run(df):
        import pandas as pd

        from ...model import to_dict
        from ...pipeline import analyze_story_articles
        from ...report.build import build_report

        sid = df["story"].iloc[0]
        arts = sorted((pickle.loads(b) for b in df["blob"]), key=lambda a: (a.published or "~", a.id))
        res = analyze_story_articles(arts, None, sid)
        report = build_report(res.articles, res.links, [res.story], [])
        folder = Path(out_dir) / "stories" / sid
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "report.json").write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        story = to_dict(res.story)
        return pd.DataFrame({"story": [sid], "title": [res.story.title], "n_articles": [len(arts)],
                             "origins": [json.dumps(story["origins"])], "n_origins": [len(res.story.origins)],
                             "record": [json.dumps(story, ensure_ascii=False)],
                             "links": [json.dumps(to_dict(res.links), ensure_ascii=False)]})
    return run


def analyze_stories(annotated, story_of, out_dir: Path):
    """One row per story (title, origins, full record, links) from applyInPandas over story groups."""
    schema = "story string, title string, n_articles int, origins string, n_origins int, record string, links string"
    return (annotated.select("id", "blob").join(story_of, "id").groupBy("story")
            .applyInPandas(_analyze_part(str(out_dir)), schema))


def run_spark(inputs: list[str], out_dir: Path, master: str = "local[2]", annotate: bool = True,
              analyze: bool = True, shuffle_partitions: int = 8, lexical: bool = False) -> dict:
    """Run the whole analysis on Spark; Parquet tables and per-story reports under out_dir; returns counts and timings.

    ``lexical=True`` clusters stories without the embedding model (words and names only), for inputs
    too large to embed; ``annotate=False`` skips extraction (stories then use capitalized-token cues).
    """
    from pyspark.sql import functions as F

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    spark = spark_session(master, shuffle_partitions=shuffle_partitions)
    timings: dict[str, float] = {}
    t = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t
        timings[name] = round(time.perf_counter() - t, 2)
        t = time.perf_counter()

    try:
        articles, problems = normalize(read_inputs(spark, [str(p) for p in inputs]))
        articles = articles.localCheckpoint()
        n_articles = articles.count()
        problems.write.mode("overwrite").parquet(str(out_dir / "problems.parquet"))
        lap("normalize")
        components, edges = near_duplicate_components(articles)
        components = components.localCheckpoint()
        n_edges = edges.count()
        lap("near_duplicates")
        annotated = articles.mapInPandas(_annotate_part, articles.schema).localCheckpoint() if annotate else articles
        annotated.count()
        lap("annotate")
        story_of = assign_stories(spark, annotated, components, lexical).localCheckpoint()
        n_stories = story_of.select("story").distinct().count()
        lap("stories")
        (articles.drop("blob", "text").join(story_of, "id").join(components, "id")
         .write.mode("overwrite").parquet(str(out_dir / "articles.parquet")))
        result = {"articles": n_articles, "problems": problems.count(), "near_duplicate_pairs": n_edges,
                  "stories": n_stories, "timings_s": timings, "out_dir": str(out_dir)}
        if analyze:
            per_story = analyze_stories(annotated, story_of, out_dir).localCheckpoint()
            per_story.drop("links").write.mode("overwrite").parquet(str(out_dir / "stories.parquet"))
            links = per_story.select("story", F.explode(F.from_json(
                "links", "array<struct<a:string,b:string,kind:string,score:double,direction:string>>")).alias("l"))
            links.select("story", "l.*").write.mode("overwrite").parquet(str(out_dir / "links.parquet"))
            result["links"] = spark.read.parquet(str(out_dir / "links.parquet")).count()
            lap("analyze")
        return result
    finally:
        spark.stop()
