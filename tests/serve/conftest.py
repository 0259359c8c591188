"""A temporary database holding the sample report's articles and the report itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


@pytest.fixture
def db_path(tmp_path) -> str:
    return make_db(tmp_path / "serve.db")


@pytest.fixture
def client(db_path):
    from fastapi.testclient import TestClient

    from newstrace.serve import create_app

    with TestClient(create_app(db_path), base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture
def sample_text():
    report = json.loads(FIXTURE.read_text(encoding="utf-8"))
    texts = {a["id"]: a["text"] for a in report["articles"]}
    return texts.__getitem__
