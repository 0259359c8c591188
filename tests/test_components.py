"""Union-find grouping used for origins and for quantity and date conflicts."""

from newstrace.components import components


def test_groups_follow_edges_and_keep_first_seen_order() -> None:
    assert components([("b", "c"), ("d", "e"), ("c", "a")], nodes=["a", "b", "z"]) == [["a", "b", "c"], ["z"], ["d", "e"]]


def test_no_edges_gives_singletons() -> None:
    assert components([], nodes=[3, 1, 2]) == [[3], [1], [2]]
