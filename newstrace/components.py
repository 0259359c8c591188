"""Connected components by union-find: the one grouping rule behind origins, quantity and date groups."""

from __future__ import annotations

from typing import Hashable, Iterable, TypeVar

__all__ = ["components"]

T = TypeVar("T", bound=Hashable)


def components(edges: Iterable[tuple[T, T]], nodes: Iterable[T] = ()) -> list[list[T]]:
    """Groups of connected nodes, each in first-seen order (nodes first, then edge ends); isolated nodes stand alone."""
    parent: dict[T, T] = {}

    def find(x: T) -> T:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for n in nodes:
        find(n)
    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
    groups: dict[T, list[T]] = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    return list(groups.values())
