"""The command line: help everywhere, and exit codes a script can rely on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "newstrace"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("command", [[], ["ingest"], ["analyze"], ["serve"]])
def test_help(command: list[str]) -> None:
    result = _run(*command, "--help")
    assert result.returncode == 0 and "Usage" in result.stdout


def test_usage_error_exits_2() -> None:
    assert _run("ingest", "--no-such-option").returncode == 2
    assert _run("analyze", "--engine", "teleport").returncode == 2


def test_ingest_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Bridge reopens\n\nThe old bridge reopened to traffic on Monday.")
    db = str(tmp_path / "n.db")
    ok = _run("ingest", str(tmp_path / "good.txt"), "--db", db)
    assert ok.returncode == 0 and "1 new article" in ok.stdout
    again = _run("ingest", str(tmp_path / "good.txt"), "--db", db)
    assert again.returncode == 0 and "0 new article(s), 1 already stored" in again.stdout
    (tmp_path / "bad.txt").write_bytes(b"\x00\x00\x00")
    bad = _run("ingest", str(tmp_path), "--db", db)
    assert bad.returncode == 1
    assert "bad.txt" in bad.stderr and "binary" in bad.stderr


def test_unusable_database_exits_2(tmp_path: Path) -> None:
    (tmp_path / "x.db").write_text("not a database at all" * 50)
    result = _run("ingest", str(tmp_path), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2 and "x.db" in result.stderr
