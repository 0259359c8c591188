"""Shared fixtures: the bundled example corpus and small helpers for writing input files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture
def examples() -> Path:
    """The bundled example corpus (written for newstrace; see examples/EXPECTED.md)."""
    return EXAMPLES


@pytest.fixture(scope="session")
def example_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The full analysis of the example corpus, run once per test session through the CLI's own function."""
    from newstrace.pipeline import analyze_paths
    from newstrace.store import open_store

    store = open_store(tmp_path_factory.mktemp("example") / "example.db")
    report, stats = analyze_paths([EXAMPLES], store)
    assert not stats.problems, stats.problems
    return report
