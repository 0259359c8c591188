"""report.html: one self-contained page (inline CSS and JS, no network) built from the report dict."""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from .views import article_index, data_json, report_counts, story_view

__all__ = ["render_html", "environment", "TEMPLATES", "asset"]

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=None)
def environment() -> Environment:
    """The Jinja environment of the report partials (autoescape always on: all content is hostile)."""
    return Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                       trim_blocks=False, lstrip_blocks=False)


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """The text of report.css or report.js (shipped next to the templates)."""
    if name not in ("report.css", "report.js"):
        raise ValueError(f"unknown asset {name!r}; expected report.css or report.js")
    return (TEMPLATES / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    """CSP source expression allowing exactly this inline block."""
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def render_html(report: dict) -> str:
    """The whole report as one HTML document that works offline from a file:// URL."""
    articles = article_index(report)
    stories = [story_view(report, s, articles) for s in report.get("stories") or []]
    css, js = asset("report.css"), asset("report.js")
    tool = report.get("tool") or {}
    return environment().get_template("report.html.j2").render(
        stories=stories, counts=report_counts(report), problems=report.get("problems") or [],
        generated=report.get("generated") or "", tool=f"{tool.get('name', 'newstrace')} {tool.get('version', '')}".strip(),
        css=Markup(css), js=Markup(js), style_hash=_csp_hash(css), script_hash=_csp_hash(js),
        data_json=data_json(list(articles.values()), report.get("links") or []), ctx={"app": False})
