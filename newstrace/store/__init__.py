"""Stores: SQLite by default, in memory for tests; stages use only the Store protocol."""

from __future__ import annotations

from pathlib import Path

from .base import Store
from .memory import MemoryStore
from .sqlite import SCHEMA_VERSION, SQLiteStore

__all__ = ["Store", "SQLiteStore", "MemoryStore", "open_store", "SCHEMA_VERSION"]


def open_store(path: str | Path | None = "newstrace.db") -> SQLiteStore:
    """The SQLite store at path, or an in-memory one when path is None."""
    if path is None:
        return MemoryStore()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return SQLiteStore(path)
