"""The hand-written sample report (tests/fixtures/sample_report.json) for report and app tests."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sample_report.json"


@pytest.fixture(scope="session")
def _sample() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture
def sample(_sample) -> dict:
    """A fresh copy each test may mutate."""
    return copy.deepcopy(_sample)
