"""The main job end to end: the example corpus through `newstrace analyze` into three valid reports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from newstrace.report import validate
from newstrace.report.build import check_spans


def test_report_follows_schema_and_spans_are_exact(example_report: dict) -> None:
    validate(example_report)
    assert check_spans(example_report) == []
    assert len(example_report["articles"]) == 10
    assert all(a["sentences"] and a["entities"] for a in example_report["articles"])


def test_every_article_is_in_exactly_one_story_and_origin(example_report: dict) -> None:
    ids = [a["id"] for a in example_report["articles"]]
    in_stories = [a for s in example_report["stories"] for a in s["articles"]]
    assert sorted(in_stories) == sorted(ids)
    for story in example_report["stories"]:
        in_origins = [a for o in story["origins"] for a in o["articles"]]
        assert sorted(in_origins) == sorted(story["articles"])


def test_cli_analyze_writes_three_reports(tmp_path: Path, examples: Path) -> None:
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "newstrace", "analyze", str(examples), "--db", str(tmp_path / "n.db"), "--out", str(out)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads((out / "report.json").read_text())
    validate(report)
    assert (out / "report.md").read_text().startswith("#")
    html = (out / "report.html").read_text()
    assert "<script src=" not in html and "<link " not in html  # self-contained
    assert "report.html" in result.stdout
