"""Plain-text articles: the first line is the title when it looks like one."""

from __future__ import annotations

import re

from ..model import Article, Problem
from .build import make_article

__all__ = ["read_text", "split_title"]

_MAX_TITLE = 200


_META_LINE = re.compile(
    r"(?i)^(?:(?:photo|image|picture)(?: credit)?|source|via|by|published|posted|updated|filed|written by)\b"
    r"|^\W*\d{1,2}\s+\w+\s+\d{4}\b|^\W*\w+\s+\d{1,2},\s+\d{4}\b|^\d{4}-\d{2}-\d{2}"
)


def _title_like(line: str) -> bool:
    """Short, unpunctuated at the end, and not a credit, byline or date line."""
    line = line.strip()
    if not line or len(line) > _MAX_TITLE or _META_LINE.match(line):
        return False
    return not (line.endswith((".", ",", ";", ":")) and not line.endswith("..."))


def split_title(text: str) -> tuple[str | None, str]:
    """Take a headline from the first lines (skipping credit, byline and date lines); the rest is the body."""
    lines = text.lstrip("\ufeff").strip("\n").split("\n")
    for i, line in enumerate(lines[:3]):
        if _title_like(line):
            body = "\n".join(lines[:i] + lines[i + 1 :])
            return (line.strip(), body) if body.strip() else (None, text)
        if line.strip() and not _META_LINE.match(line.strip()):
            break
    return None, "\n".join(lines)


def read_text(data: str, source: str) -> list[Article | Problem]:
    """One article from a .txt file."""
    title, body = split_title(data)
    return [make_article(body, source, title=title)]
