"""Story-wide canonical names: one name per person across all of a story's articles."""

from __future__ import annotations

from collections import Counter
from typing import Sequence

from newstrace.model import Article, replace

from .entities import resolve_surnames

__all__ = ["canonicalize"]


def _story_names(articles: Sequence[Article]) -> dict[str, str]:
    """Map every PERSON canonical to the story's name for it (surname -> the one full name)."""
    names = [(e.canonical, e.label) for a in articles for e in a.entities]
    mapping = resolve_surnames(names)
    counts = Counter(n for n, lab in names if lab == "PERSON")
    # Full names differing only by a middle initial or name ("Joe R. Biden") collapse onto the commonest.
    by_ends: dict[tuple[str, str], list[str]] = {}
    for name in counts:
        parts = name.split(" ")
        if len(parts) > 1:
            by_ends.setdefault((parts[0].lower(), parts[-1].lower()), []).append(name)
    for group in by_ends.values():
        best = max(group, key=lambda n: (counts[n], -len(n)))
        for name in group:
            mapping[name] = best
    for short, full in list(mapping.items()):
        mapping[short] = mapping.get(full, full)
    return mapping


def canonicalize(articles: Sequence[Article]) -> list[Article]:
    """Articles whose PERSON entities share one canonical name across the story ('Biden' -> 'Joe Biden')."""
    mapping = _story_names(articles)
    out = []
    for art in articles:
        ents = tuple(
            replace(e, canonical=mapping.get(e.canonical, e.canonical)) if e.label == "PERSON" else e
            for e in art.entities
        )
        quotes = tuple(
            replace(q, speaker=mapping.get(q.speaker, q.speaker)) if q.speaker else q for q in art.quotes
        )
        out.append(replace(art, entities=ents, quotes=quotes))
    return out
