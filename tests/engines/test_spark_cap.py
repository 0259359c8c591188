"""Spark re-splits an oversized story component exactly as the single-process merge does."""

from __future__ import annotations

import pytest

pytest.importorskip("pyspark")
pytestmark = [pytest.mark.spark, pytest.mark.slow]


def test_spark_re_splits_oversized_components_like_the_local_merge():
    from newstrace.engines.spark import spark_session
    from newstrace.engines.spark.stories import capped_components, min_label_components
    from newstrace.stories.merge import LINK, cap_components

    stars = [(f"c{k}", f"c{k}-{i}", 0.9) for k in range(4) for i in range(9)]
    chain = stars + [(f"c{k}", f"c{k + 1}", 0.5) for k in range(3)]  # four tight groups, weakly chained
    small = [("t0", "t1", 0.5), ("t1", "t2", LINK)]
    spark = spark_session("local[2]", shuffle_partitions=2)
    edges = spark.createDataFrame(chain + small, "a string, b string, s double")
    nodes = spark.createDataFrame([(n,) for a, b, _ in chain + small for n in (a, b)], "id string").distinct()
    rows = capped_components(min_label_components(nodes, edges), edges, bar=0.5, cap=15).collect()
    got = {}
    for r in rows:
        got.setdefault(r["label"], set()).add(r["sid"])
    assert all(r["size"] == len(got[r["label"]]) for r in rows)
    want = [set(g) for g in cap_components(chain, 0.5, 15)] + [{"t0", "t1", "t2"}]
    assert sorted(map(sorted, got.values())) == sorted(map(sorted, want))
    assert sorted(map(len, got.values())) == [3, 10, 10, 10, 10]


def test_min_label_components_settles_a_long_chain_into_one_component():
    from newstrace.engines.spark import spark_session
    from newstrace.engines.spark.stories import min_label_components

    ids = [f"n{i:03d}" for i in range(120)]  # the smallest id at one end: 119 hops from the other
    spark = spark_session("local[2]", shuffle_partitions=2)
    edges = spark.createDataFrame(list(zip(ids, ids[1:])) + [("x1", "x0")], "a string, b string")
    nodes = spark.createDataFrame([(n,) for n in ids + ["x0", "x1", "lone"]], "id string")
    got = {r["id"]: r["label"] for r in min_label_components(nodes, edges).collect()}
    assert {got[n] for n in ids} == {"n000"}
    assert got["x1"] == "x0" and got["lone"] == "lone" and len(got) == 123
