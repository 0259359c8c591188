"""The Spark engine (local[2]) finds the same stories and origins as the local engine on the example corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pyspark")
pytestmark = [pytest.mark.spark, pytest.mark.slow]


def _records(corpus: Path, path: Path) -> Path:
    """The example corpus (txt, html, jsonl) as one JSONL file of normalized records."""
    from newstrace.ingest import read_paths
    from newstrace.model import Problem

    with path.open("w", encoding="utf-8") as f:
        for a in read_paths([corpus]):
            if not isinstance(a, Problem):
                rec = {"id": a.input_id or Path(a.source).name, "text": a.text, "title": a.title, "url": a.url,
                       "outlet": a.outlet, "published": a.published, "author": a.author}
                f.write(json.dumps(rec) + "\n")
    return path


def _shape(stories) -> set[tuple[frozenset, frozenset]]:
    """Each story as (its articles, its origins' article sets)."""
    return {(frozenset(s["articles"]), frozenset(frozenset(o["articles"]) for o in s["origins"])) for s in stories}


@pytest.fixture(scope="module")
def spark_run(tmp_path_factory, examples=Path(__file__).resolve().parents[2] / "examples" / "corpus"):
    """One Spark run over the example corpus."""
    from newstrace.engines.spark import run_spark

    tmp = tmp_path_factory.mktemp("spark")
    result = run_spark([str(_records(examples, tmp / "in.jsonl"))], tmp / "out", "local[2]", shuffle_partitions=2)
    return result, tmp / "out"


def test_spark_gives_the_local_engines_stories_and_origins(spark_run, example_report):
    import pandas as pd

    local = example_report
    result, out = spark_run
    stories = [json.loads(r) for r in pd.read_parquet(out / "stories.parquet")["record"]]
    assert result["articles"] == len(local["articles"])
    assert _shape(stories) == _shape(local["stories"])
    assert {s["id"] for s in stories} == {s["id"] for s in local["stories"]}


def test_spark_writes_tables_and_a_valid_report_per_story(spark_run):
    import pandas as pd

    from newstrace.report.build import validate

    result, out = spark_run
    arts = pd.read_parquet(out / "articles.parquet")
    assert len(arts) == result["articles"] and arts["story"].notna().all()
    reports = sorted((out / "stories").glob("*/report.json"))
    assert len(reports) == result["stories"]
    for path in reports:
        validate(json.loads(path.read_text(encoding="utf-8")))
    assert (out / "links.parquet").exists() and (out / "problems.parquet").exists()
