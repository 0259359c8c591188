"""Bad input is reported with the file and the reason, and never stops good input from being read."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

import newstrace.ingest as ingest
from newstrace.ingest import read_paths
from newstrace.model import Article, Problem

GOOD = "A good title\n\nThe council met on Monday and approved the new bridge, the mayor said."


def _split(paths: list[Path]) -> tuple[list[Article], list[Problem]]:
    items = list(read_paths(paths))
    return [a for a in items if isinstance(a, Article)], [p for p in items if isinstance(p, Problem)]


def _one_problem(path: Path) -> Problem:
    arts, probs = _split([path])
    assert len(probs) == 1, probs
    assert probs[0].source.startswith(str(path))
    return probs[0]


def test_missing_and_unreadable(tmp_path: Path) -> None:
    assert "no such file" in _one_problem(tmp_path / "nope.txt").error
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    arts, probs = _split([folder])
    assert len(probs) == 1 and probs[0].source.endswith("dangling.txt") and "unreadable" in probs[0].error


def test_permission_denied_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "locked.txt"
    p.write_text(GOOD)
    real_open = open

    def fake_open(file, *args, **kwargs):
        if str(file) == str(p):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fake_open)
    assert "permission denied" in _one_problem(p).error


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_permission_denied(tmp_path: Path) -> None:
    p = tmp_path / "secret.txt"
    p.write_text(GOOD)
    p.chmod(0)
    assert "permission denied" in _one_problem(p).error


def test_binary_and_empty(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "e.txt").write_text("   \n\n")
    assert "binary" in _one_problem(tmp_path / "b.txt").error
    assert "empty" in _one_problem(tmp_path / "e.txt").error


def test_invalid_utf8_is_decoded_and_noted(tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_bytes(b"Title\n\nThe caf\xe9 on the square reopened on Monday, its owner said.")
    arts, probs = _split([tmp_path / "u.txt"])
    assert len(arts) == 1 and "\ufffd" in arts[0].text
    assert len(probs) == 1 and probs[0].level == "warning" and "invalid UTF-8 at byte" in probs[0].error


def test_truncated_gzip_keeps_earlier_records(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"text": f"Record number {i} says the harbour reopened after the storm."}) + "\n" for i in range(400))
    data = gzip.compress(lines.encode())
    (tmp_path / "t.jsonl.gz").write_bytes(data[: len(data) // 2])
    arts, probs = _split([tmp_path / "t.jsonl.gz"])
    assert 0 < len(arts) < 400
    assert probs[-1].source.endswith("t.jsonl.gz") and "truncated gzip" in probs[-1].error
    assert len(probs) <= 2  # plus, at most, the one line the cut went through


def test_truncated_warc_keeps_earlier_records(tmp_path: Path) -> None:
    from tests.ingest.test_formats import _page, _warc

    _warc(tmp_path / "w.warc.gz", [_page(f"Page {i}") for i in range(6)], gz=True)
    data = (tmp_path / "w.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: int(len(data) * 0.6)])
    arts, probs = _split([tmp_path / "cut.warc.gz"])
    assert 1 <= len(arts) < 6
    assert len(probs) == 1 and "truncated" in probs[0].error


def test_gzipped_warc_cut_anywhere_is_one_problem(tmp_path: Path) -> None:
    from tests.ingest.test_formats import _page, _warc

    _warc(tmp_path / "w.warc.gz", [_page(f"Page {i}") for i in range(6)], gz=True)
    data = (tmp_path / "w.warc.gz").read_bytes()
    for pct in range(40, 96, 3):  # some cuts fall inside a record whose start still decompresses
        (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) * pct // 100])
        arts, probs = _split([tmp_path / "cut.warc.gz"])
        assert 1 <= len(arts) < 6 and len(probs) == 1 and "truncated" in probs[0].error, pct


@pytest.mark.parametrize("frac", [0.45, 0.6, 0.8])
def test_plain_warc_cut_inside_a_record_says_truncated(tmp_path: Path, frac: float) -> None:
    from tests.ingest.test_formats import _page, _warc

    _warc(tmp_path / "w.warc", [_page(f"Page {i}") for i in range(4)], gz=False)
    data = (tmp_path / "w.warc").read_bytes()
    (tmp_path / "cut.warc").write_bytes(data[: int(len(data) * frac)])
    arts, probs = _split([tmp_path / "cut.warc"])
    assert 1 <= len(arts) < 4
    assert len(probs) == 1 and "truncated" in probs[0].error and "cut.warc" in probs[0].source


def test_malformed_json_lines_keep_good_lines(tmp_path: Path) -> None:
    good = json.dumps({"text": "The ferry resumed service on Friday."})
    (tmp_path / "m.jsonl").write_text(f"{good}\n{{not json\n{json.dumps({'title': 'no text'})}\n{json.dumps({'text': 'The bridge reopened on Saturday.'})}\n")
    arts, probs = _split([tmp_path / "m.jsonl"])
    assert len(arts) == 2
    assert sorted(p.source.rsplit(":", 1)[1] for p in probs) == ["2", "3"]
    assert any("malformed JSON" in p.error for p in probs) and any("no non-empty 'text'" in p.error for p in probs)


def test_unknown_extension_is_sniffed_or_reported(tmp_path: Path) -> None:
    (tmp_path / "story.article").write_text(GOOD)
    (tmp_path / "records.dat").write_text(json.dumps({"text": "The museum reopened on Sunday."}) + "\n")
    (tmp_path / "blob.bin").write_bytes(bytes(range(256)) * 4)
    arts, probs = _split([tmp_path / "story.article", tmp_path / "records.dat", tmp_path / "blob.bin"])
    assert len(arts) == 2
    assert len(probs) == 1 and probs[0].source.endswith("blob.bin") and "unknown format" in probs[0].error


def test_very_large_document_is_reported_not_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_DOCUMENT_BYTES", 4096)
    (tmp_path / "big.txt").write_text("word " * 5000)
    assert "too large" in _one_problem(tmp_path / "big.txt").error


def test_large_record_files_are_streamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_DOCUMENT_BYTES", 4096)
    with open(tmp_path / "big.jsonl", "w") as fh:
        for i in range(300):
            fh.write(json.dumps({"text": f"Report {i}: the bridge reopened to traffic after repairs."}) + "\n")
    assert (tmp_path / "big.jsonl").stat().st_size > 4096
    arts, probs = _split([tmp_path / "big.jsonl"])
    assert len(arts) == 300 and not probs


def test_bad_files_do_not_stop_good_ones(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_bytes(b"\x00" * 50)
    (tmp_path / "c.txt").write_text("Another title\n\nThe library opened a new wing on Tuesday.")
    arts, probs = _split([tmp_path])
    assert len(arts) == 2 and len(probs) == 1
