"""The app's view of the store: the latest report, parsed once per version, and rendered pages cached."""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

from ..report.views import article_index, report_counts, story_counts

__all__ = ["Snapshot", "ReportCache"]


@dataclass
class Snapshot:
    """One version of the stored report with lookups built once."""

    version: int
    raw: str
    report: dict
    articles: dict[str, dict]
    stories: dict[str, dict]
    story_of: dict[str, str]
    counts: dict[str, int]
    story_rows: list[dict] = field(default_factory=list)


def _snapshot(version: int, raw: str) -> Snapshot:
    """Parse and index a report text (an empty report when there is none yet)."""
    report = json.loads(raw) if raw else {"articles": [], "links": [], "stories": [], "problems": []}
    articles = article_index(report)
    stories = {s["id"]: s for s in report.get("stories") or [] if isinstance(s, dict) and "id" in s}
    story_of = {a: sid for sid, s in stories.items() for a in s.get("articles") or []}
    rows = [{"id": sid, "title": s.get("title") or "(untitled story)", "counts": story_counts(s, articles)}
            for sid, s in stories.items()]
    rows.sort(key=lambda r: (-r["counts"]["conflicts"], -r["counts"]["articles"]))
    return Snapshot(version, raw, report, articles, stories, story_of, report_counts(report), rows)


class ReportCache:
    """Re-reads the stored report at most every `ttl` seconds; pages render once per report version."""

    def __init__(self, load: Callable[[], str | None], ttl: float = 2.0, max_pages: int = 512):
        self._load, self._ttl, self._max = load, ttl, max_pages
        self._lock = threading.Lock()
        self._snap = _snapshot(0, "")
        self._checked = float("-inf")
        self._pages: OrderedDict[tuple, str] = OrderedDict()

    def invalidate(self) -> None:
        """Force a re-read on the next request (after an upload)."""
        self._checked = float("-inf")

    def current(self) -> Snapshot:
        """The latest snapshot, reloading when the stored text changed."""
        if time.monotonic() - self._checked < self._ttl:
            return self._snap
        with self._lock:
            if time.monotonic() - self._checked >= self._ttl:
                raw = self._load() or ""
                if raw != self._snap.raw:
                    self._snap = _snapshot(self._snap.version + 1, raw)
                    self._pages.clear()
                self._checked = time.monotonic()
        return self._snap

    def page(self, key: tuple, render: Callable[[], str]) -> str:
        """A rendered page for (version, ...) key, rendered at most once while cached."""
        hit = self._pages.get(key)
        if hit is not None:
            return hit
        html = render()
        with self._lock:
            self._pages[key] = html
            while len(self._pages) > self._max:
                self._pages.popitem(last=False)
        return html

    def lookup(self, fn: Callable[[Snapshot], Any]) -> Any:
        """Apply fn to the current snapshot."""
        return fn(self.current())
