"""A temporary database holding the sample report's articles and the report itself."""

from __future__ import annotations

import json
import pytest

from tests.serve.sample_db import FIXTURE, make_db


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
