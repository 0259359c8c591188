"""Article text cut into segments, each tagged with the kinds of span covering it (entities, quotes, ...)."""

from __future__ import annotations

from typing import Any

__all__ = ["segments", "article_marks"]

_KINDS = (("quotes", "q"), ("entities", "ent"), ("quantities", "qty"), ("dates", "date"), ("cites", "cite-src"))


def _label(kind: str, item: dict) -> str:
    """A tooltip saying what the span is."""
    if kind == "entities":
        canon = item.get("canonical")
        return f"{item.get('label', 'entity')}" + (f" · {canon}" if canon and canon != item.get("text") else "")
    if kind == "quantities":
        norm = item.get("normalized") or {}
        unit = norm.get("unit") or item.get("unit") or ""
        what = f" · {item['measured']}" if item.get("measured") else ""
        return " ".join(str(x) for x in ("quantity", norm.get("value", item.get("value")), unit) if x) + what
    if kind == "quotes":
        return f"{item.get('kind', 'direct')} quote" + (f" · {item['speaker']}" if item.get("speaker") else "")
    if kind == "dates":
        return f"date {item.get('value') or '?'}"
    return f"credits {item.get('outlet', '')}"


def article_marks(article: dict, hl: tuple[int, int] | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, css class, tooltip) for every annotated span, plus the requested highlight."""
    marks = []
    for key, cls in _KINDS:
        for item in article.get(key) or []:
            span = item.get("span") if isinstance(item, dict) else None
            if isinstance(span, (list, tuple)) and len(span) == 2:
                marks.append((int(span[0]), int(span[1]), cls, _label(key, item)))
    if hl:
        marks.append((hl[0], hl[1], "nt-hl", "cited passage"))
    return marks


def segments(text: str, marks: list[tuple[int, int, str, str]]) -> list[dict[str, Any]]:
    """Non-overlapping pieces of text with the classes and tooltips of every span covering them."""
    n = len(text)
    valid = [(max(0, s), min(n, e), c, t) for s, e, c, t in marks if 0 <= s < e and s < n]
    cuts = sorted({0, n, *(s for s, _, _, _ in valid), *(e for _, e, _, _ in valid)})
    out, anchored = [], False
    for lo, hi in zip(cuts, cuts[1:]):
        covering = [(c, t) for s, e, c, t in valid if s <= lo and hi <= e]
        classes = sorted({c for c, _ in covering})
        out.append({"text": text[lo:hi], "classes": " ".join(classes), "title": "; ".join(dict.fromkeys(t for _, t in covering)),
                    "start": lo, "hl": "nt-hl" in classes and not anchored})
        anchored = anchored or "nt-hl" in classes
    return out
