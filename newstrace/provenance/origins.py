"""Origins: connected groups of articles linked by copying or rewriting, each with its inferred root."""

from __future__ import annotations

from typing import Sequence

import xxhash

from ..components import components
from ..model import Article, Link, Origin

__all__ = ["build_origins", "origin_id"]


def origin_id(article_ids: Sequence[str]) -> str:
    """Stable id from content: a hash of the sorted member ids."""
    return "o-" + xxhash.xxh64_hexdigest("\x1f".join(sorted(article_ids)).encode("utf-8"))[:12]


def _components(ids: list[str], links: Sequence[Link]) -> list[list[str]]:
    """Connected components over links, in input order."""
    known = set(ids)
    return components(((l.a, l.b) for l in links if l.a in known and l.b in known), ids)


def _root(members: list[str], links: Sequence[Link], by_id: dict[str, Article]) -> str | None:
    """The member no directed link derives from anything, and that something derives from; else earliest."""
    if len(members) == 1:
        return members[0]
    inside = set(members)
    derived, source = set(), set()
    for l in links:
        if l.a in inside and l.b in inside and l.direction:
            src, dst = (l.a, l.b) if l.direction == "a->b" else (l.b, l.a)
            source.add(src)
            derived.add(dst)
    roots = [m for m in members if m in source and m not in derived]
    if len(roots) == 1:
        return roots[0]
    dated = sorted((by_id[m].published, m) for m in members if by_id[m].published)
    if dated and (len(dated) == 1 or dated[0][0] < dated[1][0]):
        return dated[0][1]
    return None


def build_origins(articles: Sequence[Article], links: Sequence[Link]) -> list[Origin]:
    """Partition the articles into origins; every article belongs to exactly one."""
    by_id = {a.id: a for a in articles}
    ids = list(dict.fromkeys(a.id for a in articles))
    out = []
    for members in _components(ids, links):
        root = _root(members, links, by_id)
        label = by_id[root].outlet if root else None
        out.append(Origin(origin_id(members), tuple(members), root, label))
    return out
