"""The cross-block story merge (the steps Spark runs as jobs) joins an event split across day blocks and nothing else."""

from __future__ import annotations

from newstrace.model import Article
from tests.rows import articles as _articles
from newstrace.stories import LEXICAL
from newstrace.stories.blocks import block_clusters, block_of, memberships
from newstrace.stories.merge import (LINK, MAX_KEY_GROUP, MERGE_MARGIN, cap_components, cross_block_edges, key_pairs,
                                      merge_local, pack, story_keys, time_buckets, unpack, window_margin)

FLOOD = [
    ("f1", "2024-05-06", "Floods in Valdoria force Marten Okafor to evacuate Lindhaven",
     "Floods swept through Lindhaven in Valdoria on Monday, and mayor Marten Okafor ordered 3,400 residents "
     "to leave as the Serra river burst its banks."),
    ("f2", "2024-05-06", "Lindhaven floods: 3,400 evacuated, Marten Okafor says",
     "Mayor Marten Okafor said 3,400 people were evacuated from Lindhaven in Valdoria after the Serra river "
     "burst its banks and floods reached the town centre."),
    ("f3", "2024-05-07", "Serra river floods recede in Lindhaven, Valdoria",
     "The Serra river floods in Lindhaven, Valdoria, began to recede on Tuesday; Marten Okafor said the 3,400 "
     "evacuated residents could return home by the weekend."),
]
VOTE = [
    ("v1", "2024-05-06", "Norvik parliament passes Brennan budget",
     "The Norvik parliament passed finance minister Ilse Brennan's budget by 88 votes to 61 on Monday after a "
     "night of debate over school spending."),
    ("v2", "2024-05-07", "Ilse Brennan budget clears Norvik parliament",
     "Finance minister Ilse Brennan's budget cleared the Norvik parliament 88 to 61, with school spending the "
     "last point of dispute, members said on Tuesday."),
]



def _day_blocks(articles: list[Article]) -> list[list]:
    """Lexical block stories, one block per publication day."""
    params, weights = LEXICAL
    days: dict[int, list[Article]] = {}
    for a in articles:
        days.setdefault(block_of(a.published, 1), []).append(a)
    return [block_clusters(v, params, weights) for v in days.values()]


def _sets(stories) -> set[frozenset[str]]:
    """Story memberships, ignoring order and ids."""
    return {frozenset(ids) for _, ids in stories}


def test_an_event_split_across_days_merges_back_and_others_stay_apart():
    blocks = _day_blocks(_articles(FLOOD + VOTE))
    assert len(blocks) == 2
    stories = memberships(merge_local(blocks, LEXICAL[0]))
    assert _sets(stories) == {frozenset({"f1", "f2", "f3"}), frozenset({"v1", "v2"})}
    assert dict((frozenset(ids), sid) for sid, ids in stories)[frozenset({"f1", "f2", "f3"})] == "story-f1"


def test_links_join_copies_the_similarity_keeps_apart():
    blocks = _day_blocks(_articles(FLOOD + VOTE))
    stories = memberships(merge_local(blocks, LEXICAL[0], links=[("f3", "v2")]))
    assert _sets(stories) == {frozenset({"f1", "f2", "f3", "v1", "v2"})}


def test_keys_windows_and_oversized_groups():
    (story,) = [c for block in _day_blocks(_articles(VOTE[:1])) for c in block]
    keys = story_keys(story)
    assert any(k.startswith("n:") for k in keys) and any(k.startswith("k:") for k in keys)
    assert time_buckets(story.day_min) == [int(story.day_min // 7), int(story.day_min // 7) + 1]
    assert key_pairs([["a", "b", "c"]]) == {("a", "b"), ("a", "c"), ("b", "c")}
    assert key_pairs([[str(i) for i in range(MAX_KEY_GROUP + 1)]]) == set()


def test_a_summary_survives_packing():
    (story,) = [c for block in _day_blocks(_articles(VOTE[:1])) for c in block]
    back = unpack(pack(story))
    assert (back.members, back.first, back.names) == (story.members, story.first, story.names)
    assert abs(back.total - story.total).max() < 1e-6 and back.total.shape == story.total.shape


def test_dense_windows_ask_more_of_a_cross_block_edge():
    assert window_margin(10) == 0.0 and window_margin(100_000) == MERGE_MARGIN > 0
    stories = [c for block in _day_blocks(_articles(FLOOD + VOTE)) for c in block]
    blocks = [0 if c.day_min == stories[0].day_min else 1 for c in stories]
    groups = [list(range(len(stories)))]
    params = LEXICAL[0]
    loose = cross_block_edges(stories, blocks, groups, params)
    assert loose and all(blocks[i] != blocks[j] and s >= params.threshold for i, j, s in loose)
    assert cross_block_edges(stories, blocks, groups, params, margin=5.0) == []


def _chain(n: int, weak_every: int) -> list[tuple[int, int, float]]:
    """A chain of n nodes whose every ``weak_every``-th link only just clears the bar."""
    return [(i, i + 1, 0.5 if (i + 1) % weak_every == 0 else 0.9) for i in range(n - 1)]


def test_an_oversized_component_is_re_split_at_its_weak_links():
    groups = cap_components(_chain(40, 10), bar=0.5, cap=15, step=0.05)
    assert sorted(map(len, groups)) == [10, 10, 10, 10]
    assert sorted(n for g in groups for n in g) == list(range(40))
    assert sorted(map(len, cap_components(_chain(40, 10), bar=0.5, cap=40))) == [40]


def test_re_splitting_never_cuts_a_copy_link_and_keeps_every_node():
    edges = [(i, i + 1, 0.55) for i in range(30)] + [(0, 30, LINK)]
    groups = cap_components(edges, bar=0.5, cap=5, step=0.05)
    assert [0, 30] in [sorted(g) for g in groups]
    assert sorted(n for g in groups for n in g) == list(range(31))
