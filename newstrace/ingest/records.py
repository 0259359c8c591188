"""Records (JSON lines, JSON, CSV) into articles, streamed so a huge file is never loaded whole."""

from __future__ import annotations

import csv
import io
import json
from typing import IO, Any, Iterator

from ..model import Article, Problem
from .build import make_article

__all__ = ["read_jsonl", "read_json", "read_csv", "article_from_record"]

_TEXT_KEYS = ("text", "body", "content", "maintext", "article")
_CHUNK = 1 << 16


def article_from_record(record: Any, source: str) -> Article | Problem:
    """One record dict (fields text, optional id, title, url, outlet, published) as an Article."""
    if not isinstance(record, dict):
        return Problem(source, f"expected a JSON object with a 'text' field, got {type(record).__name__}")
    text = next((record[k] for k in _TEXT_KEYS if isinstance(record.get(k), str) and record[k].strip()), None)
    if text is None:
        if isinstance(record.get("body-paragraphs"), list):
            text = "\n\n".join(" ".join(p) if isinstance(p, list) else str(p) for p in record["body-paragraphs"])
        else:
            return Problem(source, "record has no non-empty 'text' field")
    meta = {k: record.get(k) for k in ("title", "url", "outlet", "published", "author")}
    meta["outlet"] = meta["outlet"] or record.get("source") or record.get("source_domain")
    meta["published"] = meta["published"] or record.get("date") or record.get("date_publish")
    rid = record.get("id")
    return make_article(
        text, source, input_id=None if rid is None else str(rid),
        **{k: (str(v) if v is not None else None) for k, v in meta.items()},
    )


def read_jsonl(stream: IO[bytes], source: str) -> Iterator[Article | Problem]:
    """JSON lines: a bad line is a Problem naming its line; good lines are kept."""
    n = 0
    for lineno, raw in enumerate(stream, 1):
        line = raw.decode("utf-8", errors="replace").strip()
        if not line:
            continue
        n += 1
        where = f"{source}#{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(f"{source}:{lineno}", f"malformed JSON line: {exc.msg} at column {exc.colno}")
            continue
        yield _with_line(article_from_record(record, where), f"{source}:{lineno}")


def _with_line(item: Article | Problem, where: str) -> Article | Problem:
    """Problems from a record name its line, so a user can find it."""
    return Problem(where, item.error, item.level) if isinstance(item, Problem) else item


def read_json(stream: IO[bytes], source: str) -> Iterator[Article | Problem]:
    """A JSON array of records (streamed), a single record, or an object with an 'articles' list."""
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace")
    head = text.read(_CHUNK)
    stripped = head.lstrip()
    if stripped.startswith("["):
        yield from _stream_array(text, stripped[1:], source)
        return
    body = head + text.read()
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        if "\n{" in body or body.lstrip().startswith("{"):
            yield from read_jsonl(io.BytesIO(body.encode("utf-8")), source)
            return
        yield Problem(source, f"invalid JSON: {exc.msg} at line {exc.lineno}")
        return
    records = data.get("articles") if isinstance(data, dict) and isinstance(data.get("articles"), list) else [data]
    for i, record in enumerate(records, 1):
        yield article_from_record(record, f"{source}#{i}" if len(records) > 1 else source)


def _stream_array(text: IO[str], buf: str, source: str) -> Iterator[Article | Problem]:
    """Decode one array element at a time from a text stream."""
    decoder = json.JSONDecoder()
    i = 0
    while True:
        buf = buf.lstrip(" \t\r\n,")
        if buf.startswith("]"):
            return
        try:
            record, end = decoder.raw_decode(buf)
        except json.JSONDecodeError as exc:
            more = text.read(_CHUNK)
            if more:
                buf += more
                continue
            yield Problem(f"{source}#{i + 1}", f"truncated or invalid JSON array element: {exc.msg}")
            return
        i += 1
        yield article_from_record(record, f"{source}#{i}")
        buf = buf[end:]
        if len(buf) < _CHUNK:
            buf += text.read(_CHUNK)


def read_csv(stream: IO[bytes], source: str) -> Iterator[Article | Problem]:
    """CSV with a header row naming at least a 'text' column."""
    csv.field_size_limit(1 << 26)
    text = io.TextIOWrapper(stream, encoding="utf-8", errors="replace", newline="")
    reader = csv.DictReader(text)
    if not reader.fieldnames or not set(_TEXT_KEYS) & {f.strip().lower() for f in reader.fieldnames}:
        yield Problem(source, f"CSV header must name a 'text' column; found {reader.fieldnames}")
        return
    try:
        for i, row in enumerate(reader, 1):
            row = {(k or "").strip().lower(): v for k, v in row.items()}
            yield _with_line(article_from_record(row, f"{source}#{i}"), f"{source}:{reader.line_num}")
    except csv.Error as exc:
        yield Problem(f"{source}:{reader.line_num}", f"malformed CSV: {exc}")
