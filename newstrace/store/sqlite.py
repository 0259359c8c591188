"""The default store: one SQLite file in WAL mode, a versioned schema, one transaction per batch."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy as np

from ..errors import StoreError
from ..model import Article, Problem
from .codec import article_from_json, article_to_json

__all__ = ["SQLiteStore", "MIGRATIONS", "SCHEMA_VERSION"]

# Each entry moves the schema one version up; never edit a released entry, append a new one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        input_id TEXT, source TEXT NOT NULL, title TEXT, outlet TEXT, url TEXT, author TEXT,
        published TEXT, language TEXT, text TEXT NOT NULL, cites TEXT NOT NULL DEFAULT '[]',
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    );
    CREATE TABLE problems (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, error TEXT NOT NULL,
        level TEXT NOT NULL DEFAULT 'error',
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        UNIQUE (source, error)
    );
    CREATE TABLE annotations (article_id TEXT NOT NULL, version TEXT NOT NULL, data TEXT NOT NULL,
        PRIMARY KEY (article_id, version));
    CREATE TABLE embeddings (key TEXT PRIMARY KEY, dim INTEGER NOT NULL, vector BLOB NOT NULL);
    CREATE TABLE state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '');
    CREATE TABLE story_articles (article_id TEXT PRIMARY KEY, story_id TEXT NOT NULL);
    CREATE INDEX story_articles_story ON story_articles (story_id);
    CREATE TABLE reports (seq INTEGER PRIMARY KEY AUTOINCREMENT, data TEXT NOT NULL,
        at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));
    """,
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='seq');
    INSERT INTO articles_fts (rowid, title, text) SELECT seq, coalesce(title, ''), text FROM articles;
    CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, coalesce(new.title, ''), new.text);
    END;
    CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, coalesce(old.title, ''), old.text);
    END;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
_COLUMNS = ("id", "input_id", "source", "title", "outlet", "url", "author", "published", "language", "text", "cites")


class SQLiteStore:
    """Articles and every stage's results in one SQLite file (``:memory:`` for a throwaway one)."""

    def __init__(self, path: str | Path = "newstrace.db") -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        try:
            self.db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA busy_timeout=10000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable newstrace database ({exc}); choose another file with --db") from exc

    def _migrate(self) -> None:
        """Bring the schema to SCHEMA_VERSION, one transaction per step."""
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: schema version {version} is newer than this newstrace ({SCHEMA_VERSION}); upgrade newstrace")
        for number in range(version, SCHEMA_VERSION):
            try:
                self.db.executescript(f"BEGIN IMMEDIATE; {MIGRATIONS[number]}; PRAGMA user_version={number + 1}; COMMIT;")
            except sqlite3.Error:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                raise

    def _tx(self) -> "_Transaction":
        """A write transaction that commits on success and rolls back on error."""
        return _Transaction(self.db, self._lock)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def add_articles(self, articles: Sequence[Article]) -> int:
        """Insert a batch atomically; ids already stored are skipped, so re-ingesting adds nothing."""
        rows = [tuple(_cell(a, c) for c in _COLUMNS) for a in articles]
        with self._tx():
            before = self.count()
            self.db.executemany(
                f"INSERT OR IGNORE INTO articles ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})", rows
            )
            return self.count() - before

    def add_problems(self, problems: Sequence[Problem]) -> None:
        """Record bad inputs (the same problem twice is kept once)."""
        with self._tx():
            self.db.executemany(
                "INSERT OR IGNORE INTO problems (source, error, level) VALUES (?, ?, ?)",
                [(p.source, p.error, p.level) for p in problems],
            )

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Stored articles, in insertion order (or in the order of the given ids)."""
        cols = ", ".join(_COLUMNS)
        if ids is None:
            for row in self.db.execute(f"SELECT {cols} FROM articles ORDER BY seq"):
                yield _article(row)
            return
        ids = list(ids)
        found: dict[str, Article] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            q = f"SELECT {cols} FROM articles WHERE id IN ({', '.join('?' * len(chunk))})"
            found.update((row[0], _article(row)) for row in self.db.execute(q, chunk))
        yield from (found[i] for i in ids if i in found)

    def count(self) -> int:
        """How many articles are stored."""
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def problems(self) -> list[Problem]:
        """Every recorded problem, oldest first."""
        return [Problem(*row) for row in self.db.execute("SELECT source, error, level FROM problems ORDER BY seq")]

    def get_annotations(self, ids: Sequence[str], version: str) -> dict[str, Article]:
        """Annotated articles cached under an extractor version."""
        out: dict[str, Article] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            q = f"SELECT article_id, data FROM annotations WHERE version = ? AND article_id IN ({', '.join('?' * len(chunk))})"
            out.update((aid, article_from_json(data)) for aid, data in self.db.execute(q, [version, *chunk]))
        return out

    def put_annotations(self, articles: Sequence[Article], version: str) -> None:
        """Cache annotated articles under an extractor version."""
        with self._tx():
            self.db.executemany(
                "INSERT OR REPLACE INTO annotations (article_id, version, data) VALUES (?, ?, ?)",
                [(a.id, version, article_to_json(a)) for a in articles],
            )

    def get_embeddings(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached float32 embedding rows by key."""
        out: dict[str, np.ndarray] = {}
        keys = list(keys)
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            q = f"SELECT key, vector FROM embeddings WHERE key IN ({', '.join('?' * len(chunk))})"
            out.update((k, np.frombuffer(v, dtype=np.float32)) for k, v in self.db.execute(q, chunk))
        return out

    def put_embeddings(self, keys: Sequence[str], vectors: np.ndarray) -> None:
        """Cache embedding rows by key."""
        vectors = np.asarray(vectors, dtype=np.float32)
        with self._tx():
            self.db.executemany(
                "INSERT OR REPLACE INTO embeddings (key, dim, vector) VALUES (?, ?, ?)",
                [(k, vectors.shape[1], vectors[i].tobytes()) for i, k in enumerate(keys)],
            )

    def get_state(self, name: str) -> str | None:
        """A named JSON blob of stage state."""
        row = self.db.execute("SELECT value FROM state WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def put_state(self, name: str, value: str) -> None:
        """Save a named JSON blob of stage state."""
        with self._tx():
            self.db.execute("INSERT OR REPLACE INTO state (name, value) VALUES (?, ?)", (name, value))

    def set_stories(self, stories: Sequence[tuple[str, str, Sequence[str]]]) -> None:
        """Replace story membership in one transaction."""
        with self._tx():
            self.db.execute("DELETE FROM stories")
            self.db.execute("DELETE FROM story_articles")
            self.db.executemany("INSERT INTO stories (id, title) VALUES (?, ?)", [(s, t) for s, t, _ in stories])
            self.db.executemany(
                "INSERT OR REPLACE INTO story_articles (article_id, story_id) VALUES (?, ?)",
                [(a, s) for s, _, ids in stories for a in ids],
            )

    def stories(self) -> list[tuple[str, str, list[str]]]:
        """Stored stories with their article ids."""
        members: dict[str, list[str]] = {}
        for aid, sid in self.db.execute(
            "SELECT sa.article_id, sa.story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id ORDER BY a.seq"
        ):
            members.setdefault(sid, []).append(aid)
        return [(sid, title, members.get(sid, [])) for sid, title in self.db.execute("SELECT id, title FROM stories ORDER BY rowid")]

    def put_report(self, report_json: str) -> None:
        """Keep the latest analysis for the web app."""
        with self._tx():
            self.db.execute("INSERT INTO reports (data) VALUES (?)", (report_json,))
            self.db.execute("DELETE FROM reports WHERE seq < (SELECT max(seq) FROM reports)")

    def get_report(self) -> str | None:
        """The latest stored analysis."""
        row = self.db.execute("SELECT data FROM reports ORDER BY seq DESC LIMIT 1").fetchone()
        return row[0] if row else None

    def search(self, query: str, limit: int = 50) -> list[tuple[str, str | None, str]]:
        """Full-text search: (article id, title, snippet) best first."""
        q = _fts_query(query)
        if not q:
            return []
        rows = self.db.execute(
            "SELECT a.id, a.title, snippet(articles_fts, 1, '[', ']', ' … ', 12) FROM articles_fts "
            "JOIN articles a ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (q, limit),
        )
        return [tuple(r) for r in rows]


def _fts_query(query: str) -> str:
    """Quote each word so user input is never FTS5 syntax."""
    words = [w.replace('"', "") for w in query.split()]
    return " ".join(f'"{w}"' for w in words if w)


def _cell(article: Article, column: str) -> object:
    """One column value of an article row."""
    if column == "cites":
        return json.dumps([[c.outlet, list(c.span)] for c in article.cites])
    return getattr(article, column)


def _article(row: tuple) -> Article:
    """An Article from a row of _COLUMNS."""
    from ..model import Cite

    values = dict(zip(_COLUMNS, row))
    values["cites"] = tuple(Cite(o, tuple(s)) for o, s in json.loads(values["cites"]))
    return Article(**values)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""

    def __init__(self, db: sqlite3.Connection, lock: threading.RLock) -> None:
        self.db, self.lock = db, lock

    def __enter__(self) -> None:
        self.lock.acquire()
        self.nested = self.db.in_transaction
        if not self.nested:
            self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if not self.nested:
                self.db.execute("ROLLBACK" if exc_type else "COMMIT")
        finally:
            self.lock.release()
