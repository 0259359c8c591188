"""RSS and Atom feeds: one article per entry, from its content or summary."""

from __future__ import annotations

import re

from ..model import Article, Problem
from .build import make_article
from .metadata import outlet_from_url

__all__ = ["read_feed"]

_TAGS = re.compile(r"<[^>]+>")


def _entry_text(entry: dict) -> str:
    """The fullest text an entry carries, HTML stripped through trafilatura when it is markup."""
    parts = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    raw = max(parts, key=len) if parts else entry.get("summary", "")
    if "<" in raw:
        import trafilatura

        extracted = trafilatura.extract(f"<html><body><article>{raw}</article></body></html>")
        raw = extracted if extracted else _TAGS.sub(" ", raw)
    return raw


def read_feed(data: bytes, source: str) -> list[Article | Problem]:
    """Every entry of a feed file; entries without text are reported, not dropped silently."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None)
        return [Problem(source, f"feed has no entries{f': {reason}' if reason else ''}")]
    site = feed.feed.get("title") or outlet_from_url(feed.feed.get("link"))
    out: list[Article | Problem] = []
    for i, entry in enumerate(feed.entries, 1):
        where = f"{source}#{i}"
        text = _entry_text(entry)
        if not text.strip():
            out.append(Problem(where, "feed entry has neither content nor summary"))
            continue
        out.append(make_article(
            text, where, input_id=entry.get("id"), title=entry.get("title"), url=entry.get("link"),
            outlet=site, published=entry.get("published") or entry.get("updated"), author=entry.get("author"),
        ))
    return out
