"""HTML pages: main text and title/date/author/site metadata with trafilatura."""

from __future__ import annotations

import re

from ..model import Article, Problem
from .build import make_article

__all__ = ["read_html"]


def read_html(data: str | bytes, source: str, url: str | None = None) -> list[Article | Problem]:
    """One article from an HTML page; boilerplate (navigation, footers) is dropped."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        return [Problem(source, f"HTML could not be parsed: {exc}")]
    if doc is None or not (doc.text or "").strip():
        return [Problem(source, "HTML page has no main text that could be extracted")]
    title = doc.title
    text = doc.text
    if title and text.startswith(title):
        text = text[len(title):]
    text = re.sub(r"\n+", "\n\n", text)
    return [make_article(
        text, source, title=title, url=doc.url or url, outlet=doc.sitename or doc.hostname,
        published=doc.date, author=doc.author,
    )]
