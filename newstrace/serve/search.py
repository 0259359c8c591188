"""Full-text search over stored articles through SQLite FTS5, with snippets safe to escape and mark."""

from __future__ import annotations

import sqlite3
from typing import Any

__all__ = ["search", "fts_query", "OPEN", "CLOSE"]

OPEN, CLOSE = "\x02", "\x03"  # snippet markers that never occur in normalized text
_FALLBACK_FTS = ("CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                 "title, text, content='articles', content_rowid='seq')")


def fts_query(query: str) -> str:
    """Each word quoted, so user input is never FTS5 syntax (AND of the words)."""
    words = [w.replace('"', "") for w in query.split()[:32]]
    return " ".join(f'"{w}"' for w in words if w)


def _sql(db: sqlite3.Connection, q: str, limit: int) -> list[tuple]:
    """Ranked matches as (id, title, snippet)."""
    return db.execute(
        f"SELECT a.id, a.title, snippet(articles_fts, 1, '{OPEN}', '{CLOSE}', ' … ', 14) FROM articles_fts "
        "JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
        (q, limit)).fetchall()


def search(store: Any, query: str, limit: int = 50) -> list[dict]:
    """Matches best first: {"id", "title", "snippet": [{"text", "hit"}]}."""
    q = fts_query(query)
    if not q:
        return []
    db = getattr(store, "db", None)
    if isinstance(db, sqlite3.Connection):
        try:
            rows = _sql(db, q, limit)
        except sqlite3.OperationalError as exc:
            if "no such table: articles_fts" not in str(exc):
                raise
            db.execute(_FALLBACK_FTS)
            db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
            rows = _sql(db, q, limit)
    else:  # a store without SQLite (memory): its own search, plain snippets
        rows = [(i, t, s) for i, t, s in store.search(query, limit)]
    return [{"id": i, "title": t or "", "snippet": _pieces(s or "")} for i, t, s in rows]


def _pieces(snippet: str) -> list[dict]:
    """Split a marked snippet into plain and hit pieces (the template escapes each)."""
    out, hit = [], False
    for part in snippet.replace(CLOSE, OPEN).split(OPEN):
        if part:
            out.append({"text": part, "hit": hit})
        hit = not hit
    return out
