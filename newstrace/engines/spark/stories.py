"""Story clustering as Spark jobs, with nothing per article or per story collected to the driver.

    articles -> (day, lead-name hash) -> day counts (one row per day) -> blocks of at most
    MAX_BLOCK articles -> block stories (applyInPandas, binary summaries) -> story rows
    grouped by time window (and key shard) -> cross-block pairs sharing a key, scored in one
    product per window -> min-label components (with copies' links) -> oversized components
    re-split at a raised bar from their edges alone (applyInPandas) -> per-component
    re-agglomeration (applyInPandas) -> (id, story)
"""

from __future__ import annotations

import pickle
from typing import Iterator

__all__ = ["assign_stories", "min_label_components", "capped_components"]

_STORY_SCHEMA = ("sid string, block long, day double, buckets array<long>, keys array<string>, summary binary, "
                 "members array<string>")
MAX_SHARD = 50_000  # stories of one time window scored in one task; more are cut into key-hash shards


def min_label_components(nodes, edges, max_iter: int | None = None):
    """(id, label) for every node: connected components of undirected edges (a, b), each labelled
    with its smallest id, by min-label propagation run to convergence.

    Each round a node takes the smallest label among itself and its neighbours, then its label's
    own label (pointer jumping: labels are ids of the same component, so this only moves a node
    closer to the minimum). A chain of n links then settles in about log n rounds instead of n;
    a round cap would leave a long chain cut into several labels. ``max_iter`` stops early anyway.
    """
    from pyspark.sql import functions as F

    both = edges.select("a", "b").union(edges.select(F.col("b").alias("a"), F.col("a").alias("b"))).localCheckpoint()
    labels = nodes.select("id", F.col("id").alias("label")).localCheckpoint()
    rounds = 0
    while max_iter is None or rounds < max_iter:
        rounds += 1
        sent = both.join(labels, both.a == labels.id).select(F.col("b").alias("id"), "label")
        step = labels.union(sent).groupBy("id").agg(F.min("label").alias("label"))
        hop = step.alias("n").join(step.alias("m"), F.col("n.label") == F.col("m.id"))
        new = hop.select(F.col("n.id").alias("id"), F.col("m.label").alias("label")).localCheckpoint()
        changed = new.join(labels.withColumnRenamed("label", "old"), "id").where(F.col("label") != F.col("old")).count()
        labels = new
        if changed == 0:
            break
    return labels


def _day_hash_part(frames: Iterator) -> Iterator:
    """Publication day and lead-name hash of each article of a partition."""
    import pandas as pd

    from ...stories.blocks import block_of, name_hash

    for df in frames:
        arts = [pickle.loads(b) for b in df["blob"]]
        yield pd.DataFrame({"id": df["id"], "day": [block_of(a.published, 1) for a in arts],
                            "h": [name_hash(a) for a in arts], "blob": df["blob"]})


def _params(lexical: bool):
    """Clustering settings: lexical (no model) or the defaults."""
    from ...stories import LEXICAL, Params, Weights

    return LEXICAL if lexical else (Params(), Weights())


def _cluster_block(lexical: bool):
    """Stories of one block, one row each (binary summary, keys, time windows, members)."""
    def run(df):
        import pandas as pd

        from ...stories.blocks import block_clusters, memberships
        from ...stories.merge import pack, story_keys, time_buckets

        params, weights = _params(lexical)
        clusters = block_clusters([pickle.loads(b) for b in df["blob"]], params, weights)
        block = int(df["block"].iloc[0])
        return pd.DataFrame({"sid": [memberships([c])[0][0] for c in clusters], "block": block,
                             "day": [c.day_min for c in clusters], "buckets": [time_buckets(c.day_min) for c in clusters],
                             "keys": [story_keys(c) for c in clusters], "summary": [pack(c) for c in clusters],
                             "members": [list(c.members) for c in clusters]})
    return run


def _window_edges(lexical: bool):
    """Scored cross-block edges among the stories of one time window (and key shard), all pairs in one product."""
    def run(df):
        import pandas as pd

        from ...stories.merge import cross_block_edges, unpack, window_margin

        groups: dict[str, list[int]] = {}
        for i, keys in enumerate(df["keys"]):
            for k in keys:
                groups.setdefault(k, []).append(i)
        stories = [unpack(b) for b in df["summary"]]
        margin = window_margin(int(df["n_window"].iloc[0]))
        edges = cross_block_edges(stories, df["block"].tolist(), groups.values(), _params(lexical)[0], margin)
        sids = df["sid"].tolist()
        ends = [(*sorted((sids[i], sids[j])), s) for i, j, s in edges]
        return pd.DataFrame(ends, columns=["a", "b", "s"])
    return run


def _split_part(bar: float, cap: int):
    """New labels for the stories of one oversized component, from its scored edges alone."""
    def run(df):
        import pandas as pd

        from ...stories.merge import cap_components

        label = str(df["label"].iloc[0])
        groups = cap_components(zip(df["a"], df["b"], df["s"]), bar, cap)
        rows = [(sid, f"{label}/{g}") for g, group in enumerate(groups) for sid in group]
        return pd.DataFrame(rows, columns=["sid", "label"])
    return run


def _merge_part(lexical: bool):
    """Re-agglomerate one component's block stories; copies' links join what stays apart."""
    def run(df):
        import pandas as pd

        from ...stories.blocks import memberships
        from ...stories.merge import merge_group, unpack

        params = _params(lexical)[0]
        stories = df[df["summary"].notna()]
        links = df[df["summary"].isna()]
        clusters = [unpack(s) for s in stories["summary"]]
        merged = merge_group(clusters, list(zip(links["a"], links["b"])), params)
        rows = [(m, sid) for sid, members in memberships(merged) for m in members]
        return pd.DataFrame(rows, columns=["id", "story"])
    return run


def _blocks(articles):
    """(block, blob): a day's articles, cut into sub-blocks by lead-name hash when the day holds many."""
    from pyspark.sql import functions as F

    from ...stories.blocks import MAX_BLOCK

    dh = articles.select("id", "blob").mapInPandas(_day_hash_part, "id string, day long, h long, blob binary").localCheckpoint()
    counts = dh.groupBy("day").count().withColumn("n_sub", F.greatest(F.lit(1), F.ceil(F.col("count") / MAX_BLOCK)))
    with_n = dh.join(F.broadcast(counts.select("day", "n_sub")), "day")
    return with_n.select((F.col("day") * 4096 + F.col("h") % F.col("n_sub")).alias("block"), "blob")


def _scored_edges(stories, lexical: bool):
    """Story pairs (a, b) from different blocks that share a key in a time window and clear the merge bar.

    Each window's stories meet in one task (cut into shards by key hash when a window holds
    more than MAX_SHARD stories, so a key group never spans two shards): summaries travel
    once per window and shard instead of once per candidate pair.
    """
    from pyspark.sql import functions as F

    keyed = stories.select("sid", "block", F.explode("buckets").alias("bucket"), "keys")
    shards = (keyed.groupBy("bucket").count()
              .select("bucket", F.col("count").alias("n_window"),
                      F.greatest(F.lit(1), F.ceil(F.col("count") / MAX_SHARD)).cast("long").alias("n_shard")))
    rows = (keyed.join(F.broadcast(shards), "bucket")
            .select("sid", "block", "bucket", "n_window", "n_shard", F.explode("keys").alias("key"))
            .withColumn("shard", F.pmod(F.xxhash64("key"), F.col("n_shard")))
            .groupBy("bucket", "shard", "n_window", "sid", "block").agg(F.collect_list("key").alias("keys")))
    return (rows.join(stories.select("sid", "summary"), "sid")
            .groupBy("bucket", "shard").applyInPandas(_window_edges(lexical), "a string, b string, s double")
            .groupBy("a", "b").agg(F.max("s").alias("s")))


def capped_components(labels, edges, bar: float, cap: int):
    """(sid, label, size) from components (id, label) of scored edges (a, b, s), those over ``cap`` stories re-split
    at a raised bar from their own edges (``merge.cap_components``, one task per oversized component)."""
    from pyspark.sql import functions as F

    big = labels.groupBy("label").count().where(F.col("count") > cap).select("label")
    big_edges = edges.join(labels.withColumnRenamed("id", "a"), "a").join(F.broadcast(big), "label")
    resplit = big_edges.groupBy("label").applyInPandas(_split_part(bar, cap), "sid string, label string")
    final = (labels.select(F.col("id").alias("sid"), "label").join(resplit.withColumnRenamed("label", "part"), "sid", "left")
             .select("sid", F.coalesce("part", "label").alias("label")))
    sizes = final.groupBy("label").count()
    return final.join(sizes, "label").select("sid", "label", F.col("count").alias("size")).localCheckpoint()


def assign_stories(spark, articles, components, lexical: bool = False):
    """(id, story) for every article: bounded blocks on executors, key-joined cross-block merge, copies joined."""
    from pyspark.sql import functions as F

    from ...stories.merge import LINK, MAX_COMPONENT

    stories = (_blocks(articles).groupBy("block").applyInPandas(_cluster_block(lexical), _STORY_SCHEMA)
               .localCheckpoint())
    member_of = stories.select(F.explode("members").alias("id"), "sid").localCheckpoint()
    copies = components.where(F.col("id") != F.col("component")).select(F.col("id").alias("a"), F.col("component").alias("b"))
    link_edges = (copies.join(member_of.withColumnRenamed("id", "a").withColumnRenamed("sid", "sa"), "a")
                  .join(member_of.withColumnRenamed("id", "b").withColumnRenamed("sid", "sb"), "b")
                  .where(F.col("sa") != F.col("sb")).select(F.col("sa").alias("a"), F.col("sb").alias("b"), F.lit(LINK).alias("s")))
    edges = _scored_edges(stories, lexical).unionByName(link_edges).localCheckpoint()
    labels = min_label_components(stories.select(F.col("sid").alias("id")), edges)
    group_of = capped_components(labels, edges, _params(lexical)[0].threshold, MAX_COMPONENT)
    alone = (stories.join(group_of.where(F.col("size") == 1), "sid")
             .select(F.explode("members").alias("id"), F.col("sid").alias("story")))
    shared = group_of.where(F.col("size") > 1)
    story_rows = stories.join(shared, "sid").select("label", "summary", F.lit(None).cast("string").alias("a"),
                                                    F.lit(None).cast("string").alias("b"))
    link_rows = (copies.join(member_of.withColumnRenamed("id", "a"), "a").join(shared, "sid")
                 .select("label", F.lit(None).cast("binary").alias("summary"), "a", "b"))
    merged = (story_rows.unionByName(link_rows).groupBy("label")
              .applyInPandas(_merge_part(lexical), "id string, story string"))
    return alone.unionByName(merged)

