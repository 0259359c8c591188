"""The in-memory twin of the SQLite store, for tests and one-off runs."""

from __future__ import annotations

from .sqlite import SQLiteStore

__all__ = ["MemoryStore"]


class MemoryStore(SQLiteStore):
    """A SQLite store that lives in memory: same behaviour, nothing written to disk."""

    def __init__(self) -> None:
        super().__init__(":memory:")
