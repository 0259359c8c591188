"""The Store protocol: the few methods every stage may use, with SQLite and memory backends."""

from __future__ import annotations

from typing import Iterable, Iterator, Protocol, Sequence

import numpy as np

from ..model import Article, Problem

__all__ = ["Store"]


class Store(Protocol):
    """Persistent home of articles, annotations, embeddings, stories and problems."""

    def add_articles(self, articles: Sequence[Article]) -> int:
        """Insert a batch in one transaction; returns how many were new (ids already stored are skipped)."""

    def add_problems(self, problems: Sequence[Problem]) -> None:
        """Record bad inputs."""

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Stored articles (all, in insertion order, or those ids)."""

    def count(self) -> int:
        """How many articles are stored."""

    def problems(self) -> list[Problem]:
        """Every recorded problem."""

    def get_annotations(self, ids: Sequence[str], version: str) -> dict[str, Article]:
        """Annotated articles cached under an extractor version."""

    def put_annotations(self, articles: Sequence[Article], version: str) -> None:
        """Cache annotated articles under an extractor version."""

    def get_embeddings(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached embedding rows by key (missing keys are absent)."""

    def put_embeddings(self, keys: Sequence[str], vectors: np.ndarray) -> None:
        """Cache embedding rows by key."""

    def get_state(self, name: str) -> str | None:
        """A named JSON blob of stage state (e.g. story centroids)."""

    def put_state(self, name: str, value: str) -> None:
        """Save a named JSON blob of stage state."""

    def set_stories(self, stories: Sequence[tuple[str, str, Sequence[str]]]) -> None:
        """Replace story membership: (story_id, title, article_ids)."""

    def stories(self) -> list[tuple[str, str, list[str]]]:
        """Stored stories as (story_id, title, article_ids)."""

    def put_report(self, report_json: str) -> None:
        """Keep the latest analysis (report.json text) for the web app."""

    def get_report(self) -> str | None:
        """The latest stored analysis, if any."""
