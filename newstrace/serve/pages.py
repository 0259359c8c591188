"""Server-rendered pages: the same report partials as report.html, through the app's Jinja environment."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader

from ..report.html import TEMPLATES as REPORT_TEMPLATES
from ..report.views import article_name, data_json, safe_url, story_links, story_view
from .highlight import article_marks, segments
from .state import Snapshot

__all__ = ["env", "render_index", "render_story", "render_article", "render_search", "render_error"]

HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def env() -> Environment:
    """App templates first, then the report partials they include (autoescape always on)."""
    e = Environment(loader=ChoiceLoader([FileSystemLoader(str(HERE / "templates")),
                                         FileSystemLoader(str(REPORT_TEMPLATES))]), autoescape=True)
    e.globals["article_name"] = article_name
    return e


def render_index(snap: Snapshot, flash: dict | None, max_mb: int) -> str:
    """Stories with their counts, the upload form and the problems."""
    return env().get_template("index.html.j2").render(
        rows=snap.story_rows, counts=snap.counts, flash=flash, max_mb=max_mb,
        problems=snap.report.get("problems") or [])


def render_story(snap: Snapshot, sid: str) -> str:
    """One story page with the data its script needs (only this story's articles and links)."""
    story = snap.stories[sid]
    view = story_view(snap.report, story, snap.articles)
    arts = [snap.articles[a] for a in story.get("articles") or [] if a in snap.articles]
    return env().get_template("story.html.j2").render(
        s=view, counts=snap.counts, ctx={"app": True}, data_json=data_json(arts, story_links(snap.report, story)))


def _related(snap: Snapshot, aid: str) -> list[dict]:
    """Articles linked to this one, saying which way the copying went."""
    out = []
    for lk in snap.report.get("links") or []:
        if aid not in (lk.get("a"), lk.get("b")):
            continue
        other = lk["b"] if lk.get("a") == aid else lk.get("a")
        this_is_a = lk.get("a") == aid
        direction = lk.get("direction")
        if direction is None:
            arrow, note = "↔", "shared text, direction unknown"
        elif (direction == "a->b") == this_is_a:
            arrow, note = "→", "derived from this article"
        else:
            arrow, note = "←", "this article derives from it"
        art = snap.articles.get(other, {})
        out.append({"id": other, "outlet": article_name(art) or "unknown outlet", "title": art.get("title") or "(untitled)",
                    "kind": lk.get("kind", "shared_passages"), "score": float(lk.get("score") or 0), "arrow": arrow, "note": note})
    return sorted(out, key=lambda r: -r["score"])


def render_article(snap: Snapshot, article: dict, hl: tuple[int, int] | None, analysed: bool) -> str:
    """Full text with entities, quantities, quotes and dates highlighted; related articles."""
    aid = article["id"]
    story = snap.stories.get(snap.story_of.get(aid, ""))
    siblings = [snap.articles[o] for o in (story or {}).get("articles") or [] if o != aid and o in snap.articles]
    return env().get_template("article.html.j2").render(
        a=article, url=safe_url(article.get("url")), story=story, counts=snap.counts, hl=hl, analysed=analysed,
        segments=segments(article.get("text") or "", article_marks(article, hl)),
        related=_related(snap, aid), siblings=siblings)


def render_search(snap: Snapshot, query: str, results: list[dict]) -> str:
    """Search results with escaped, marked snippets."""
    return env().get_template("search.html.j2").render(query=query, results=results, counts=snap.counts)


def render_error(status: int, message: str) -> str:
    """A plain error page."""
    return env().get_template("error.html.j2").render(status=status, message=message, counts=None)
