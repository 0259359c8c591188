"""WARC archives: HTML responses go through the HTML reader; a truncated archive keeps what came before."""

from __future__ import annotations

from typing import IO, Iterator

from ..model import Article, Problem
from .html import read_html

__all__ = ["read_warc"]


def read_warc(stream: IO[bytes], source: str) -> Iterator[Article | Problem]:
    """Stream a .warc or .warc.gz, one article per HTML response record."""
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or not record.http_headers:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            n += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            yield from read_html(record.content_stream().read(), f"{source}#{n}", url=url)
    except Exception as exc:  # warcio raises several types on a corrupt archive
        yield Problem(f"{source}#{n + 1}", f"WARC archive truncated or corrupt after {n} HTML record(s): {exc}")
