"""Plain-text articles: the first line is the title when it looks like one."""

from __future__ import annotations

from ..model import Article, Problem
from .build import make_article

__all__ = ["read_text", "split_title"]

_MAX_TITLE = 200


def split_title(text: str) -> tuple[str | None, str]:
    """Take the first line as title when it is short, unpunctuated and followed by more text."""
    stripped = text.lstrip("\ufeff").strip("\n")
    first, sep, rest = stripped.partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or not first or len(first) > _MAX_TITLE:
        return None, stripped
    if first.endswith((".", ",", ";", ":")) and not first.endswith("..."):
        return None, stripped
    return first, rest


def read_text(data: str, source: str) -> list[Article | Problem]:
    """One article from a .txt file."""
    title, body = split_title(data)
    return [make_article(body, source, title=title)]
