"""Test articles written as (id, published, title, text) rows."""

from __future__ import annotations

from newstrace.model import Article


def articles(rows) -> list[Article]:
    """Articles from (id, published, title, text) rows."""
    return [Article(id=i, text=text, source="test", title=title, published=day) for i, day, title, text in rows]
