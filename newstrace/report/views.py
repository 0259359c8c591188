"""Turns a report dict into template-ready views, shared by report.html, report.md and the web app.

Everything here tolerates missing optional keys: producers are built in parallel and a
partial report must still render.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from ..model import source_name
from .diff import word_diff

__all__ = [
    "article_name",
    "safe_url", "article_index", "story_view", "report_counts", "story_counts",
    "data_json", "span_of", "fmt_value", "story_links", "KINDS", "SEVERITY_ORDER",
]

KINDS = ("exact", "near_duplicate", "shared_passages", "rewrite")
SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def safe_url(url: Any) -> str | None:
    """The URL if it is plain http(s) (never javascript:, data:, ...), else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c in url for c in "\r\n\t\0"):
        return url
    return None


def article_name(article: dict) -> str:
    """An article's outlet, else the file or record it came from ("" when neither is known)."""
    return source_name(article.get("outlet"), article.get("input_id"), article.get("source"))


def fmt_value(value: Any) -> Any:
    """Numbers for people: 4000000.0 -> '4,000,000', 0.25 -> '0.25'; other values unchanged."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.2f}"


def span_of(item: dict | None) -> tuple[int, int] | None:
    """A [start, end) span as ints, or None when absent or malformed."""
    span = (item or {}).get("span")
    if isinstance(span, (list, tuple)) and len(span) == 2 and all(isinstance(x, int) for x in span):
        return int(span[0]), int(span[1])
    return None


def article_index(report: dict) -> dict[str, dict]:
    """Articles by id."""
    return {a["id"]: a for a in report.get("articles") or [] if isinstance(a, dict) and "id" in a}


def story_counts(story: dict, articles: dict[str, dict]) -> dict[str, int]:
    """What the index and the story header show: articles, outlets, origins, conflicts."""
    ids = list(story.get("articles") or [])
    outlets = {articles.get(i, {}).get("outlet") or i for i in ids}
    return {"articles": len(ids), "outlets": len(outlets), "origins": len(story.get("origins") or []),
            "conflicts": len(story.get("conflicts") or []), "facts": len(story.get("facts") or [])}


def report_counts(report: dict) -> dict[str, int]:
    """Header counts for the whole run."""
    arts = report.get("articles") or []
    stories = report.get("stories") or []
    return {"articles": len(arts), "outlets": len({a.get("outlet") or a.get("id") for a in arts}),
            "stories": len(stories), "origins": sum(len(s.get("origins") or []) for s in stories),
            "conflicts": sum(len(s.get("conflicts") or []) for s in stories),
            "problems": len(report.get("problems") or [])}


class _Sources:
    """Numbers a story's articles [1], [2], ... so every citation marker points at one source."""

    def __init__(self, story: dict, articles: dict[str, dict]):
        self.articles = articles
        self.order: list[str] = list(dict.fromkeys(i for i in story.get("articles") or [] if isinstance(i, str)))
        self._num = {aid: n for n, aid in enumerate(self.order, 1)}
        self.origin_of = {a: o.get("id") for o in story.get("origins") or [] for a in o.get("articles") or []}

    def number(self, aid: str) -> int:
        """1-based source number, adding stray ids (cited but not listed) at the end."""
        if aid not in self._num:
            self.order.append(aid)
            self._num[aid] = len(self.order)
        return self._num[aid]

    def ref(self, aid: str, span: Any = None) -> dict:
        """One citation: number, article id, outlet and optional span."""
        art = self.articles.get(aid, {})
        sp = span_of({"span": span})
        return {"n": self.number(aid), "article": aid, "outlet": article_name(art) or aid,
                "start": sp[0] if sp else None, "end": sp[1] if sp else None}

    def listing(self) -> list[dict]:
        """The numbered source list."""
        out = []
        for aid in self.order:
            art = self.articles.get(aid, {})
            out.append({"n": self.number(aid), "id": aid, "outlet": article_name(art) or "unknown outlet",
                        "title": art.get("title") or "(untitled)", "published": art.get("published") or "",
                        "url": safe_url(art.get("url")), "origin": self.origin_of.get(aid),
                        "missing": aid not in self.articles})
        return out


def _refs(src: _Sources, spans: Any, articles: Any) -> list[dict]:
    """One citation per article (its first cited span), in source-number order."""
    refs: dict[str, dict] = {}
    for s in spans or []:
        if isinstance(s, dict) and isinstance(s.get("article"), str) and s["article"] not in refs:
            refs[s["article"]] = src.ref(s["article"], s.get("span"))
    for a in articles or []:
        if isinstance(a, str) and a not in refs:
            refs[a] = src.ref(a)
    return sorted(refs.values(), key=lambda r: r["n"])


def _conflicts(story: dict, src: _Sources) -> list[dict]:
    """Conflicts, most severe first, each variant with its sources."""
    out = []
    for c in story.get("conflicts") or []:
        numeric = c.get("kind") in ("quantity", "date")  # other kinds normalize to lower-cased words: noise
        variants = [{"value": v.get("value"), "normalized": fmt_value(v.get("normalized")) if numeric else None,
                     "origins": list(v.get("origins") or []),
                     "refs": _refs(src, v.get("spans"), v.get("articles"))} for v in c.get("variants") or []]
        out.append({"id": c.get("id", ""), "kind": c.get("kind", "statement"), "subject": c.get("subject") or "",
                    "severity": c.get("severity") or "low", "variants": variants})
    return sorted(out, key=lambda c: SEVERITY_ORDER.get(c["severity"], 3))


def _facts(story: dict, src: _Sources) -> list[dict]:
    """Facts with their independent-origin count and supporting citations."""
    out = []
    for f in story.get("facts") or []:
        refs = _refs(src, f.get("support"), None)
        origins = list(f.get("origins") or [])
        out.append({"id": f.get("id", ""), "statement": f.get("statement") or "",
                    "independent": int(f.get("independent_support", len(origins)) or 0),
                    "origins": origins, "unique": bool(f.get("unique")), "refs": refs,
                    "n_articles": len({r["article"] for r in refs})})
    return sorted(out, key=lambda f: (-f["independent"], -f["n_articles"]))


def _quotes(story: dict, src: _Sources) -> list[dict]:
    """Quote variants, each diffed word by word against the first (most common) wording."""
    out = []
    for q in story.get("quotes") or []:
        variants = [v for v in q.get("variants") or [] if isinstance(v, dict)]
        base = (variants[0].get("text") or "") if variants else ""
        views = []
        for i, v in enumerate(variants):
            text = v.get("text") or ""
            diff = [{"op": "equal", "text": text}] if i == 0 else word_diff(base, text)
            views.append({"text": text, "diff": diff, "refs": _refs(src, v.get("spans"), v.get("articles")),
                          "changed": any(d["op"] != "equal" for d in diff)})
        out.append({"id": q.get("id", ""), "speaker": q.get("speaker") or "unknown speaker", "variants": views,
                    "multi": len(views) > 1})
    return sorted(out, key=lambda q: -len(q["variants"]))


def _summary(story: dict, src: _Sources) -> list[dict]:
    """Summary sentences with citation markers."""
    return [{"text": s.get("text") or "", "refs": _refs(src, s.get("cites"), s.get("articles")),
             "origins": len(s.get("origins") or [])} for s in story.get("summary") or []]


def _timeline(story: dict, src: _Sources) -> list[dict]:
    """Dated events in order."""
    items = [{"date": str(t.get("date") or ""), "text": t.get("text") or "",
              "refs": _refs(src, t.get("spans"), t.get("articles"))} for t in story.get("timeline") or []]
    return sorted(items, key=lambda t: t["date"])


def story_links(report: dict, story: dict) -> list[dict]:
    """Links whose both ends belong to this story."""
    ids = set(story.get("articles") or [])
    return [lk for lk in report.get("links") or [] if lk.get("a") in ids and lk.get("b") in ids]


def _pairs(links: list[dict], src: _Sources) -> list[dict]:
    """Linked article pairs for the side-by-side comparison."""
    out = []
    for i, lk in enumerate(links):
        a, b = src.ref(lk["a"]), src.ref(lk["b"])
        direction = lk.get("direction")
        out.append({"index": i, "a": a, "b": b, "kind": lk.get("kind", "shared_passages"),
                    "score": float(lk.get("score") or 0.0), "direction": direction,
                    "evidence": len(lk.get("evidence") or [])})
    return sorted(out, key=lambda p: -p["score"])


def _origins(story: dict, src: _Sources) -> list[dict]:
    """Origins with their numbered articles, root first."""
    out = []
    for o in story.get("origins") or []:
        members = [m for m in o.get("articles") or [] if isinstance(m, str)]
        root = o.get("root")
        members.sort(key=lambda m: (m != root, src.number(m)))
        out.append({"id": o.get("id", ""), "label": o.get("label") or "", "root": root,
                    "refs": [src.ref(m) for m in members]})
    return out


def story_view(report: dict, story: dict, articles: dict[str, dict] | None = None) -> dict:
    """Everything one story's templates need, in display order."""
    from .graph import provenance_svg

    articles = articles if articles is not None else article_index(report)
    src = _Sources(story, articles)
    links = story_links(report, story)
    view = {"id": story.get("id", ""), "title": story.get("title") or "(untitled story)",
            "counts": story_counts(story, articles),
            "summary": _summary(story, src), "conflicts": _conflicts(story, src),
            "facts": _facts(story, src), "quotes": _quotes(story, src),
            "timeline": _timeline(story, src), "origins": _origins(story, src),
            "pairs": _pairs(links, src), "links": links}
    view["graph"] = provenance_svg(story, links, src.number, articles)
    view["sources"] = src.listing()
    return view


def data_json(articles: list[dict], links: list[dict]) -> str:
    """The data block the page script reads, safe inside <script type="application/json">."""
    payload = {
        "articles": {a["id"]: {"title": a.get("title") or "", "outlet": article_name(a),
                               "published": a.get("published") or "", "url": safe_url(a.get("url")),
                               "text": a.get("text") or "",
                               "sentences": [sp for sp in (span_of(x) for x in a.get("sentences") or []) if sp]}
                     for a in articles},
        "links": [{"a": lk.get("a"), "b": lk.get("b"), "kind": lk.get("kind"),
                   "direction": lk.get("direction"), "score": lk.get("score"),
                   "evidence": [[span_of({"span": e.get("a_span")}), span_of({"span": e.get("b_span")})]
                                for e in lk.get("evidence") or [] if isinstance(e, dict)]}
                  for lk in links],
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
