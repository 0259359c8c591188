"""The SQLite store: versioned schema, idempotent batches, crash safety, caches and search."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from newstrace.model import Article, Cite, Entity, Problem, Quantity, Sentence
from newstrace.store import SCHEMA_VERSION, open_store
from newstrace.errors import StoreError


def _article(i: int) -> Article:
    text = f"Report {i}: the harbour reopened on Monday after the storm, the port authority said."
    return Article(id=f"id{i:05d}", text=text, source=f"mem#{i}", title=f"Harbour {i}", outlet="Echo",
                   cites=(Cite("Echo", (0, 4)),))


def test_schema_is_versioned_and_wal(tmp_path: Path) -> None:
    store = open_store(tmp_path / "n.db")
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()
    again = open_store(tmp_path / "n.db")  # reopening migrates nothing and loses nothing
    assert again.count() == 0


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "future.db")
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 5}")
    db.close()
    with pytest.raises(StoreError, match="newer than this newstrace"):
        open_store(tmp_path / "future.db")


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "junk.db").write_text("this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        open_store(tmp_path / "junk.db")


def test_batches_are_idempotent_and_round_trip() -> None:
    store = open_store(None)
    arts = [_article(i) for i in range(10)]
    assert store.add_articles(arts) == 10
    assert store.add_articles(arts[:5] + [_article(10)]) == 1
    assert store.count() == 11
    back = list(store.articles())
    assert back[0] == arts[0] and back[0].cites == (Cite("Echo", (0, 4)),)
    assert [a.id for a in store.articles(["id00003", "id00001", "nope"])] == ["id00003", "id00001"]


def test_problems_annotations_embeddings_state_stories_report() -> None:
    store = open_store(None)
    store.add_problems([Problem("a.txt", "empty file"), Problem("a.txt", "empty file"), Problem("b", "x", "warning")])
    assert store.problems() == [Problem("a.txt", "empty file"), Problem("b", "x", "warning")]
    a = _article(1)
    rich = Article(**{**{f: getattr(a, f) for f in a.__dataclass_fields__},
                      "sentences": (Sentence((0, 9), "Report 1:"),),
                      "entities": (Entity((0, 6), "Report", "ORG", "Report"),),
                      "quantities": (Quantity((7, 8), "1", 1.0, None, 1.0, None, "~", "report"),)})
    store.put_annotations([rich], "v1")
    assert store.get_annotations([a.id], "v1") == {a.id: rich}
    assert store.get_annotations([a.id], "v2") == {}
    vecs = np.arange(6, dtype=np.float32).reshape(2, 3)
    store.put_embeddings(["k1", "k2"], vecs)
    got = store.get_embeddings(["k2", "k3"])
    assert list(got) == ["k2"] and np.array_equal(got["k2"], vecs[1])
    store.put_state("stories", json.dumps({"n": 1}))
    assert json.loads(store.get_state("stories")) == {"n": 1}
    store.add_articles([_article(1), _article(2)])
    store.set_stories([("s1", "Harbour", [_article(1).id, _article(2).id])])
    assert store.stories() == [("s1", "Harbour", [_article(1).id, _article(2).id])]
    store.put_report('{"a": 1}')
    store.put_report('{"a": 2}')
    assert store.get_report() == '{"a": 2}'


def test_full_text_search_is_safe_with_syntax() -> None:
    store = open_store(None)
    store.add_articles([_article(i) for i in range(3)])
    hits = store.search("harbour storm")
    assert len(hits) == 3 and "[harbour]" in hits[0][2].lower()
    assert store.search('AND OR "NEAR(') == []


def _write_records(path: Path, n: int) -> None:
    with open(path, "w") as fh:
        for i in range(n):
            body = " ".join(f"word{(i * 7 + j) % 911}" for j in range(120))
            fh.write(json.dumps({"id": f"r{i}", "title": f"Record {i}", "text": f"Record {i}. {body}."}) + "\n")


@pytest.mark.slow
def test_killed_ingest_leaves_consistent_db_and_rerun_completes(tmp_path: Path) -> None:
    src, db = tmp_path / "big.jsonl", tmp_path / "kill.db"
    _write_records(src, 10_000)
    cmd = [sys.executable, "-m", "newstrace", "ingest", str(src), "--db", str(db), "--quiet"]
    proc = subprocess.Popen(cmd, start_new_session=True)
    seen = 0
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as con:
                    seen = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                seen = 0
            if seen >= 1000:
                break
        time.sleep(0.02)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        partial = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < partial < 10_000 and partial % 500 == 0  # whole batches only
    subprocess.run(cmd, check=True)
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 10_000
        assert con.execute("SELECT count(DISTINCT input_id) FROM articles").fetchone()[0] == 10_000
        assert con.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 10_000
