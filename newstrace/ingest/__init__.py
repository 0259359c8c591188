"""Ingestion: files, folders, feeds and archives into normalized Articles; bad input becomes a Problem."""

from __future__ import annotations

import io
import os
import zlib
from pathlib import Path
from typing import IO, Iterable, Iterator, Sequence

from ..model import Article, Problem
from .feeds import read_feed
from .html import read_html
from .normalize import content_id, normalize_text
from .records import article_from_record, read_csv, read_json, read_jsonl
from .text import read_text
from .warc import read_warc

__all__ = ["read_paths", "read_file", "iter_files", "normalize_text", "content_id", "article_from_record", "MAX_DOCUMENT_BYTES"]

#: A single-document file (txt, html, feed) larger than this is reported, never loaded.
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_STREAMED = {"jsonl", "ndjson", "json", "csv", "warc"}
_KNOWN = _STREAMED | {"txt", "text", "md", "html", "htm", "xhtml", "rss", "atom", "xml"}


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """Files under the given paths, folders walked recursively in a stable order; hidden files skipped."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        elif path.exists():
            yield path
        else:
            yield Problem(str(path), "no such file or folder")


def read_paths(paths: Sequence[str | Path]) -> Iterator[Article | Problem]:
    """Every article in the given files and folders, and a Problem for every input that failed."""
    for item in iter_files(paths):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_file(item)


def read_file(path: Path) -> Iterator[Article | Problem]:
    """The articles of one file, whatever its format (gzip of any format included)."""
    source = str(path)
    try:
        with open(path, "rb") as raw:
            head = raw.read(8192)
            raw.seek(0)
            if head.startswith(_GZIP_MAGIC):
                inner = path.name[:-3] if path.name.endswith(".gz") else path.stem
                yield from _guarded(_read_gzip(path, source, _ext(inner)), source)
            else:
                yield from _guarded(_read_stream(raw, source, _ext(path.name), head=head), source)
    except PermissionError:
        yield Problem(source, "unreadable: permission denied")
    except IsADirectoryError:
        yield Problem(source, "is a folder, expected a file")
    except OSError as exc:
        yield Problem(source, f"unreadable: {exc.strerror or exc}")


def _read_gzip(path: Path, source: str, ext: str) -> Iterator[Article | Problem]:
    """Decompress on the fly; a cut-off archive keeps the articles before the cut and reports it."""
    with open(path, "rb") as raw:
        head = zlib.decompressobj(31).decompress(raw.read(1 << 16), 8192)
        raw.seek(0)
        gunzip = _Gunzip(raw)
        told = False  # the inner reader already reported the cut (a WARC record cut short): one cut, one problem
        for item in _read_stream(io.BufferedReader(gunzip, 1 << 16), source, ext, head=head):
            told = told or (isinstance(item, Problem) and "truncated" in item.error)
            yield item
        if gunzip.truncated and not told:
            yield Problem(source, "truncated gzip data (file ends mid-stream); articles before the cut were kept")


class _Gunzip(io.RawIOBase):
    """Multi-member gzip decoding that ends quietly at a cut and remembers it, where gzip.GzipFile raises."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw, self.inflate, self.buf = raw, zlib.decompressobj(31), b""
        self.truncated = self.done = False

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray) -> int:  # type: ignore[override]
        while not self.buf and not self.done:
            chunk = self.raw.read(1 << 16)
            if not chunk:
                self.done, self.truncated = True, not self.inflate.eof
                break
            if self.inflate.eof:
                self.inflate = zlib.decompressobj(31)
            data = self.inflate.decompress(chunk)
            while self.inflate.eof and self.inflate.unused_data:
                rest, self.inflate = self.inflate.unused_data, zlib.decompressobj(31)
                data += self.inflate.decompress(rest)
            self.buf = data
        n = min(len(b), len(self.buf))
        b[:n], self.buf = self.buf[:n], self.buf[n:]
        return n


def _guarded(items: Iterator[Article | Problem], source: str) -> Iterator[Article | Problem]:
    """Keep every article read before a decompression failure, then report the failure."""
    try:
        yield from items
    except (EOFError, zlib.error) as exc:
        yield Problem(source, f"corrupt gzip data: {exc or 'unexpected end of file'}; articles before it were kept")


def _ext(name: str) -> str:
    """The lower-case extension of a file name, without the dot."""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _read_stream(stream: IO[bytes], source: str, ext: str, head: bytes) -> Iterator[Article | Problem]:
    """Dispatch on extension, or on the content when the extension is unknown."""
    if not head.strip():
        yield Problem(source, "empty file")
        return
    if ext not in _KNOWN:
        ext = _sniff(head)
        if ext is None:
            yield Problem(source, "unknown format: not text, HTML, JSON, CSV, a feed or WARC (binary content)")
            return
    if ext in {"jsonl", "ndjson"}:
        yield from read_jsonl(stream, source)
    elif ext == "json":
        yield from read_json(stream, source)
    elif ext == "csv":
        yield from read_csv(stream, source)
    elif ext == "warc":
        yield from read_warc(stream, source)
    else:
        yield from _read_document(stream, source, ext, head)


def _read_document(stream: IO[bytes], source: str, ext: str, head: bytes) -> Iterator[Article | Problem]:
    """Single-document formats are read whole, so they are bounded in size first."""
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) > MAX_DOCUMENT_BYTES:
        yield Problem(source, f"too large for one document: over {MAX_DOCUMENT_BYTES // 2**20} MB "
                              "(split it, or use JSON lines, CSV or WARC, which are streamed)")
        return
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield Problem(source, "binary content (NUL bytes), not a text document")
        return
    if ext in {"rss", "atom"} or (ext == "xml" and _sniff(head) == "rss"):
        yield from read_feed(data, source)
        return
    text, bad = _decode(data)
    if bad is not None:
        yield Problem(source, f"invalid UTF-8 at byte {bad}; decoded with replacement characters", "warning")
    if ext in {"html", "htm", "xhtml"}:
        yield from read_html(text, source)
    elif ext == "xml":
        yield Problem(source, "XML that is neither an RSS nor an Atom feed")
    else:
        yield from read_text(text, source)


def _decode(data: bytes) -> tuple[str, int | None]:
    """UTF-8 (BOMs honoured); on bad bytes, replacement characters and the first bad offset."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return data.decode("utf-8", errors="replace"), exc.start


def _sniff(head: bytes) -> str | None:
    """Guess a format from the first bytes of a file."""
    if b"\x00" in head:
        return None
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n").lower()
    if text.startswith("warc/"):
        return "warc"
    if "<rss" in text[:1000] or "<feed" in text[:1000] or "<rdf:rdf" in text[:1000]:
        return "rss"
    if text.startswith(("<!doctype html", "<html")) or "<body" in text[:2000]:
        return "html"
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        return "jsonl"
    bad = sum(1 for ch in text if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\n\r\t\f"))
    return "txt" if bad <= len(text) * 0.02 else None
