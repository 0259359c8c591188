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
        records = ArchiveIterator(stream)
        for record in records:
            if record.rec_type != "response" or not record.http_headers:
                continue
            ctype = record.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype.lower():
                continue
            n += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read()
            if _cut_short(record):
                yield Problem(f"{source}#{n}", f"WARC archive truncated inside HTML record {n} "
                              f"({_missing(record)} of its declared bytes missing); {n - 1} whole record(s) kept")
                return
            yield from read_html(body, f"{source}#{n}", url=url)
    except Exception as exc:  # warcio raises several types on a corrupt archive
        yield Problem(f"{source}#{n + 1}", f"WARC archive truncated or corrupt after {n} HTML record(s): {exc}")
        return
    if (getattr(records, "next_line", None) or b"").strip():  # a record began but its headers were cut
        yield Problem(f"{source}#{n + 1}", f"WARC archive truncated inside a record's headers after {n} HTML record(s)")


def _missing(record) -> int:
    """Bytes the record declared but the file no longer holds."""
    return int(getattr(record.raw_stream, "limit", 0) or 0)


def _cut_short(record) -> bool:
    """A record whose body ended before its declared length: the archive was cut inside it."""
    return _missing(record) > 0
