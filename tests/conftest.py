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
