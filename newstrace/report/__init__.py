"""Reports: report.json (schema-validated), report.md and a self-contained report.html."""

from __future__ import annotations

import json
from pathlib import Path

from .build import SCHEMA_ID, build_report, validate

__all__ = ["write_reports", "build_report", "validate", "SCHEMA_ID"]


def write_reports(report: dict, out_dir: Path) -> list[Path]:
    """Write report.json, report.md and report.html into out_dir; returns their paths."""
    from .html import render_html
    from .markdown import render_markdown

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = [out_dir / "report.json", out_dir / "report.md", out_dir / "report.html"]
    paths[0].write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    paths[1].write_text(render_markdown(report), encoding="utf-8")
    paths[2].write_text(render_html(report), encoding="utf-8")
    return paths
