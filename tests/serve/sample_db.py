"""Builds a SQLite database from tests/fixtures/sample_report.json (for app and browser tests)."""

from __future__ import annotations

import json
from pathlib import Path

from newstrace.model import Article
from newstrace.store import open_store

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sample_report.json"


def make_db(path: Path) -> str:
    """Store the fixture's articles (plain records) and its report text in a new SQLite file."""
    report = json.loads(FIXTURE.read_text(encoding="utf-8"))
    store = open_store(str(path))
    store.add_articles([Article(id=a["id"], text=a["text"], source=a["source"], title=a["title"],
                                outlet=a["outlet"], url=a["url"], published=a["published"]) for a in report["articles"]])
    store.put_report(json.dumps(report, ensure_ascii=False))
    store.close()
    return str(path)
