"""One place where raw text and metadata become a normalized Article with a content id."""

from __future__ import annotations

from ..model import Article, Problem
from .metadata import (
    detect_language, find_cites, outlet_from_text, outlet_from_url, parse_date, published_from_text,
)
from .normalize import content_id, normalize_text

__all__ = ["make_article"]


def make_article(
    text: str,
    source: str,
    *,
    input_id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    author: str | None = None,
) -> Article | Problem:
    """Normalize text, fill missing metadata from the text, and id the article by its content."""
    body = normalize_text(text)
    if not body:
        return Problem(source, "empty: no article text after normalization")
    title = normalize_text(title).replace("\n", " ") if title else None
    outlet = (outlet or "").strip() or outlet_from_url(url) or outlet_from_text(body)
    published = parse_date(published) if published else published_from_text(body)
    return Article(
        id=content_id(body, title, outlet, url),
        text=body,
        source=source,
        input_id=input_id,
        title=title or None,
        outlet=outlet or None,
        url=url or None,
        author=(author or "").strip() or None,
        published=published,
        language=detect_language(body),
        cites=tuple(c for c in find_cites(body) if not _same_outlet(c.outlet, outlet)),
    )


def _same_outlet(a: str, b: str | None) -> bool:
    """An outlet's own dateline credit is not a citation of another outlet."""
    norm = lambda s: "".join(ch for ch in s.lower().removeprefix("the ") if ch.isalnum())
    return bool(b) and norm(a) == norm(b)
