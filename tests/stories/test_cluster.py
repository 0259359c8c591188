"""Story clustering: events separated, ids stable, incremental ingestion equals one batch, state survives the store."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
import scipy.sparse as sp

from newstrace.model import Article
from tests.rows import articles as _articles
from newstrace.stories import cluster
from dataclasses import replace

from newstrace.stories import Params
from newstrace.stories.cluster import NUMBER, Cluster, _merge, conflict, penalized, singletons, split_mixed
from newstrace.stories.features import entity_keys, lead_names, lead_numbers
from newstrace.store import open_store

QUAKE = [
    ("q1", "2024-03-02", "Strong earthquake hits northern Chile",
     "A magnitude 6.8 earthquake struck near Antofagasta in northern Chile on Saturday, killing at least "
     "12 people and damaging hundreds of homes, Chile's emergency office ONEMI said."),
    ("q2", "2024-03-02", "Chile quake kills 12 near Antofagasta",
     "At least 12 people died when a 6.8-magnitude quake shook the Antofagasta region of Chile, officials "
     "said, as rescuers searched collapsed houses for survivors."),
    ("q3", "2024-03-03", "Rescuers search rubble after Chile earthquake",
     "Rescue teams in Antofagasta, Chile, dug through rubble on Sunday after the 6.8 earthquake that killed "
     "12 people; President Gabriel Boric visited the damaged neighbourhoods."),
]
TRANSFER = [
    ("t1", "2024-03-02", "Arsenal agree record fee for Dutch midfielder",
     "Arsenal have agreed a club-record fee of 95 million euros with Ajax for midfielder Kenneth Taylor, "
     "the London club said on Saturday, ending weeks of negotiations."),
    ("t2", "2024-03-03", "Taylor completes move from Ajax to Arsenal",
     "Kenneth Taylor signed a five-year contract with Arsenal after the Premier League side paid Ajax "
     "95 million euros, the most the club has ever spent on a player."),
    ("t3", "2024-03-03", "Ajax sell Taylor to Arsenal for 95 million euros",
     "Dutch club Ajax confirmed the sale of Kenneth Taylor to Arsenal for 95 million euros; the midfielder "
     "is expected to make his debut in the Premier League next week."),
]



def _as_sets(stories) -> set[frozenset[str]]:
    """Story memberships, ignoring order."""
    return {frozenset(ids) for _, ids in stories}


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    """Two unrelated events, interleaved."""
    q, t = _articles(QUAKE), _articles(TRANSFER)
    return [q[0], t[0], q[1], t[1], q[2], t[2]]


def test_two_events_become_two_stories(articles):
    stories = cluster(articles)
    assert _as_sets(stories) == {frozenset({"q1", "q2", "q3"}), frozenset({"t1", "t2", "t3"})}


def test_story_ids_come_from_the_earliest_article_and_are_stable(articles):
    first = dict((frozenset(ids), sid) for sid, ids in cluster(articles))
    again = dict((frozenset(ids), sid) for sid, ids in cluster(list(reversed(articles))))
    assert first == again
    assert first[frozenset({"q1", "q2", "q3"})] == "story-q1"


def test_incremental_batches_through_the_store_equal_one_batch(articles):
    store = open_store(None)
    cluster(articles[:2], store)
    cluster(articles[2:4], store)
    stories = cluster(articles[4:], store)
    assert _as_sets(stories) == _as_sets(cluster(articles))


def test_known_articles_are_not_clustered_twice(articles):
    store = open_store(None)
    once = cluster(articles, store)
    assert cluster(articles, store) == once
    assert sum(len(ids) for _, ids in once) == len(articles)


def test_empty_input_gives_no_stories():
    assert cluster([]) == []


def _story(n: int, names: Counter) -> Cluster:
    """A story of n members naming these names (feature row irrelevant here)."""
    return Cluster([f"m{i}" for i in range(n)], sp.csr_matrix(np.zeros((1, 4))), names=names)


def test_name_conflict_needs_grown_stories_naming_different_people():
    a = _story(6, Counter({"klitschko": 6, "rahman": 5}))
    b = _story(6, Counter({"klitschko": 6, "thompson": 6}))
    same = _story(6, Counter({"klitschko": 5, "rahman": 4}))
    assert conflict(a, b) > 0.5
    assert conflict(a, same) < 0.2
    assert conflict(_story(1, Counter({"rahman": 1})), _story(1, Counter({"thompson": 1}))) == 0


def test_fallback_cues_without_extraction():
    art = _articles(QUAKE)[0]
    keys = entity_keys(art)
    assert "ent:antofagasta" in keys and "num:6.8" in keys and "num:12" in keys
    assert "chile" in lead_names(art)


def test_lexical_mode_needs_no_model(articles, monkeypatch):
    from newstrace.stories import LEXICAL

    monkeypatch.setattr("newstrace.stories.incremental.lead_embeddings", lambda *a, **k: pytest.fail("embedded"))
    params, weights = LEXICAL
    stories = cluster(articles, params=params, weights=weights)
    assert _as_sets(stories) == {frozenset({"q1", "q2", "q3"}), frozenset({"t1", "t2", "t3"})}


def test_week_blocks_merge_back_into_one_story(articles):
    from newstrace.model import replace
    from newstrace.stories.blocks import block_of, cluster_block, memberships, merge_blocks

    moved = [replace(a, published="2024-03-11") if a.id == "q3" else a for a in articles]  # next week
    blocks: dict[int, list[Article]] = {}
    for a in moved:
        blocks.setdefault(block_of(a.published), []).append(a)
    assert len(blocks) == 2
    stories = memberships(merge_blocks([(b, cluster_block(v)) for b, v in blocks.items()]))
    assert _as_sets(stories) == _as_sets(cluster(moved))


def test_name_variants_are_one_name_in_a_conflict():
    a = _story(6, Counter({"sanjay gupta": 6, "cnn": 2}))
    b = _story(6, Counter({"gupta": 6, "surgeon general": 1}))
    assert conflict(a, b) < 0.2


def test_numbers_conflict_on_their_own_and_not_as_names():
    a = _story(6, Counter({"iran": 6, f"{NUMBER}5.6": 5}))
    b = _story(6, Counter({"iran": 6, f"{NUMBER}5.9": 5, f"{NUMBER}10": 4}))
    assert conflict(a, b, NUMBER) > 0.5
    assert conflict(a, b) == 0


def test_lead_numbers_scale_millions_and_leave_out_years():
    art = Article(id="x", text="Thieves took $2.6 million in jewels on Monday in 2013, police said.", source="t",
                  title="Paris thieves nab $2.6m worth of jewellery")
    assert lead_numbers(art) == {f"{NUMBER}2.6"}


def test_time_gap_costs_no_more_beyond_the_cap():
    params = Params()
    a = Cluster(["a"], sp.csr_matrix(np.zeros((1, 4))), day_min=0.0, day_max=0.0)
    near = Cluster(["b"], sp.csr_matrix(np.zeros((1, 4))), day_min=params.max_gap_days, day_max=params.max_gap_days)
    far = Cluster(["c"], sp.csr_matrix(np.zeros((1, 4))), day_min=700.0, day_max=700.0)
    assert penalized(0.5, a, far, params) == penalized(0.5, a, near, params) < penalized(0.5, a, a, params)


def _group(rows: np.ndarray, names: list[frozenset[str]], first: int) -> list[Cluster]:
    """Singletons of a batch from dense feature rows."""
    n = len(rows)
    return singletons([f"m{first + i}" for i in range(n)], sp.csr_matrix(rows), np.zeros(n), ["2024-01-01"] * n, names)


def test_a_story_of_two_events_reporting_different_numbers_is_cut_in_two():
    rng = np.random.default_rng(0)
    base = np.array([[0.8, 0.0, 0.6, 0.0], [0.0, 0.8, 0.6, 0.0]])  # two events sharing a topic direction
    rows = np.vstack([base[i // 4] + rng.normal(0, 0.02, 4) for i in range(8)])
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    names = [frozenset({"iran", f"{NUMBER}5.6" if i < 4 else f"{NUMBER}5.9"}) for i in range(8)]
    fresh = _group(rows, names, 0)
    whole = fresh[0]
    for c in fresh[1:]:
        whole = _merge(whole, c)
    parts = split_mixed([whole], fresh, sp.csr_matrix(rows), replace(Params(), split_min=6))
    assert sorted(sorted(p.members) for p in parts) == [[f"m{i}" for i in range(4)], [f"m{i}" for i in range(4, 8)]]
    same = [frozenset({"iran", f"{NUMBER}5.6"})] * 8
    fresh = _group(rows, same, 0)
    whole = fresh[0]
    for c in fresh[1:]:
        whole = _merge(whole, c)
    assert len(split_mixed([whole], fresh, sp.csr_matrix(rows), replace(Params(), split_min=6))) == 1
