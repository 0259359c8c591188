"""report.json: the union of every stage's output, shaped and validated against the published schema."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources
from typing import Any, Sequence

from .. import __version__
from ..model import Article, Link, Problem, Story, to_dict

__all__ = ["SCHEMA_ID", "build_report", "article_dict", "link_dict", "story_dict", "load_schema", "validate", "check_spans"]

SCHEMA_ID = "newstrace.report/1"


def article_dict(a: Article) -> dict[str, Any]:
    """An article as report.json shows it (quantities with a nested `normalized`)."""
    d = to_dict(a)
    d["quantities"] = [
        {"span": list(q.span), "text": q.text, "value": q.value, "unit": q.unit,
         "normalized": {"value": q.normalized_value, "unit": q.normalized_unit},
         "approx": q.approx, "measured": q.measured, "upper": q.upper}
        for q in a.quantities
    ]
    return d


def link_dict(link: Link) -> dict[str, Any]:
    """A link with its evidence as {a_span, b_span} pairs."""
    d = to_dict(link)
    d["evidence"] = [{"a_span": list(a), "b_span": list(b)} for a, b in link.evidence]
    return d


def story_dict(story: Story) -> dict[str, Any]:
    """A story record as plain JSON."""
    return to_dict(story)


def build_report(articles: Sequence[Article], links: Sequence[Link], stories: Sequence[Story],
                 problems: Sequence[Problem]) -> dict[str, Any]:
    """The report dict for one run."""
    return {
        "schema": SCHEMA_ID,
        "generated": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "tool": {"name": "newstrace", "version": __version__},
        "articles": [article_dict(a) for a in articles],
        "links": [link_dict(link) for link in links],
        "stories": [story_dict(s) for s in stories],
        "problems": [to_dict(p) for p in problems],
    }


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The published JSON Schema of report.json."""
    return json.loads((resources.files("newstrace") / "schema" / "report.schema.json").read_text("utf-8"))


def validate(report: dict[str, Any]) -> None:
    """Raise jsonschema.ValidationError unless the report follows the schema and every span is exact."""
    import jsonschema

    jsonschema.validate(report, load_schema())
    bad = check_spans(report)
    if bad:
        raise jsonschema.ValidationError(f"{len(bad)} span(s) do not index their text, first: {bad[0]}")


def check_spans(report: dict[str, Any]) -> list[str]:
    """Every item whose text[start:end] is not exactly its text (empty when all are exact)."""
    bad: list[str] = []
    texts = {a["id"]: a["text"] for a in report["articles"]}
    for a in report["articles"]:
        text = a["text"]
        for key in ("cites", "sentences", "entities", "quantities", "quotes", "dates"):
            for item in a.get(key) or ():
                s, e = item["span"]
                want = item.get("text", item.get("outlet"))
                if not (0 <= s <= e <= len(text)) or text[s:e] != want:
                    bad.append(f"article {a['id']} {key} {item['span']}: {text[s:e]!r} != {want!r}")
    for story in report["stories"]:
        for fact in story.get("facts", ()):
            for sup in fact["support"]:
                s, e = sup["span"]
                if texts.get(sup["article"], "")[s:e] != sup["text"]:
                    bad.append(f"fact {fact['id']} support in {sup['article']} {sup['span']}")
    for link in report["links"]:
        for ev in link["evidence"]:
            for side, key in (("a", "a_span"), ("b", "b_span")):
                s, e = ev[key]
                if not 0 <= s <= e <= len(texts.get(link[side], "")):
                    bad.append(f"link {link['a']}-{link['b']} {key} {ev[key]} out of range")
    return bad
