"""The provenance graph as inline SVG: articles grouped by origin, typed and directed links, a legend."""

from __future__ import annotations

from typing import Callable

from markupsafe import Markup, escape

__all__ = ["provenance_svg", "KIND_STYLE"]

# colour and dash per link kind; dashes keep kinds apart for colour-blind readers and in print
KIND_STYLE = {
    "exact": ("#b42318", "", "exact copy"),
    "near_duplicate": ("#b54708", "7 4", "near duplicate"),
    "rewrite": ("#6941c6", "10 4 2 4", "rewrite"),
    "shared_passages": ("#1d4ed8", "2 4", "shared passages"),
}
BOX_W, NODE_H, NODE_GAP, HEAD, PAD, COLS = 250, 30, 12, 34, 26, 3
MAX_NODES = 12  # per origin box; the rest is summarized as "+N more" so big origins stay readable


def _short(text: str, n: int) -> str:
    """Truncate for a node label."""
    return text if len(text) <= n else text[: n - 1] + "…"


def _groups(story: dict) -> list[tuple[str, str, list[str]]]:
    """(origin id, label, article ids) with unassigned articles in a last group."""
    groups, seen = [], set()
    for o in story.get("origins") or []:
        members = [m for m in o.get("articles") or [] if isinstance(m, str) and m not in seen]
        root = o.get("root")
        members.sort(key=lambda m: m != root)
        seen.update(members)
        groups.append((str(o.get("id", "")), str(o.get("label") or o.get("id") or ""), members))
    rest = [a for a in story.get("articles") or [] if a not in seen]
    if rest:
        groups.append(("", "not assigned to an origin", rest))
    return groups


def _layout(groups) -> tuple[dict[str, tuple[float, float]], list[tuple], float, float]:
    """Node centres, group boxes (with how many members are not drawn) and the canvas size."""
    pos, boxes, y, width = {}, [], PAD, 0.0
    for row in range(0, len(groups), COLS):
        chunk = groups[row: row + COLS]
        tallest = max(min(len(g[2]), MAX_NODES) for g in chunk)
        h = HEAD + tallest * (NODE_H + NODE_GAP) + 6
        for col, (oid, label, members) in enumerate(chunk):
            x = PAD + col * (BOX_W + 3 * PAD)
            shown = members if len(members) <= MAX_NODES else members[: MAX_NODES - 1]
            boxes.append((x, y, h, oid, label, len(members), len(members) - len(shown)))
            for i, aid in enumerate(shown):
                pos[aid] = (x + BOX_W / 2, y + HEAD + i * (NODE_H + NODE_GAP) + NODE_H / 2)
            width = max(width, x + BOX_W + PAD)
        y += h + 2 * PAD
    return pos, boxes, max(width, 560.0), y


def _edge(p: tuple[float, float], q: tuple[float, float]) -> str:
    """A curve between two nodes: beside the column when they share one, side to side otherwise."""
    (x1, y1), (x2, y2) = p, q
    half = BOX_W / 2 - 14
    if abs(x1 - x2) < 1:
        sx = x1 + half
        bend = 30 + min(abs(y2 - y1) / 4, 40)
        return f"M{sx:.0f},{y1:.0f} C{sx + bend:.0f},{y1:.0f} {sx + bend:.0f},{y2:.0f} {sx + 2:.0f},{y2:.0f}"
    sgn = 1 if x2 > x1 else -1
    a, b = x1 + sgn * half, x2 - sgn * (half + 2)
    mid = (a + b) / 2
    return f"M{a:.0f},{y1:.0f} C{mid:.0f},{y1:.0f} {mid:.0f},{y2:.0f} {b:.0f},{y2:.0f}"


def _defs() -> str:
    """One arrowhead per link kind."""
    marks = "".join(
        f'<marker id="nt-arrow-{k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>'
        for k, (c, _, _) in KIND_STYLE.items())
    return f"<defs>{marks}</defs>"


def _links_svg(links: list[dict], pos) -> list[str]:
    """Edges, arrows pointing from the original to the derived article."""
    out = []
    for lk in links:
        a, b = lk.get("a"), lk.get("b")
        if a not in pos or b not in pos:
            continue
        if lk.get("direction") == "b->a":
            a, b = b, a
        kind = lk.get("kind") if lk.get("kind") in KIND_STYLE else "shared_passages"
        colour, dash, name = KIND_STYLE[kind]
        arrow = f' marker-end="url(#nt-arrow-{kind})"' if lk.get("direction") in ("a->b", "b->a") else ""
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        score = float(lk.get("score") or 0)
        out.append(f'<path class="nt-edge nt-edge-{kind}" d="{_edge(pos[a], pos[b])}" fill="none" '
                   f'stroke="{colour}" stroke-width="2"{dash_attr}{arrow}><title>{escape(name)} '
                   f'(score {score:.2f})</title></path>')
    return out


def _nodes_svg(boxes, pos, number: Callable[[str], int], articles: dict[str, dict]) -> list[str]:
    """Origin boxes and article nodes (clickable: data-article opens the article panel)."""
    out = []
    for x, y, h, oid, label, n, hidden in boxes:
        head = f"{label} · {n} article{'s' if n != 1 else ''}"
        more = ""
        if hidden:
            my = y + HEAD + (MAX_NODES - 1) * (NODE_H + NODE_GAP) + NODE_H / 2 + 5
            more = f'<text x="{x + 24}" y="{my:.0f}" class="nt-legend">+{hidden} more (see Sources)</text>'
        out.append(f'<g class="nt-origin"><rect x="{x}" y="{y}" width="{BOX_W}" height="{h}" rx="8" '
                   f'fill="#f6f7f9" stroke="#c8ccd4"/><text x="{x + 12}" y="{y + 21}" class="nt-origin-label">'
                   f'{escape(_short(head, 33))}</text>{more}</g>')
    for aid, (cx, cy) in pos.items():
        art = articles.get(aid, {})
        label = f"[{number(aid)}] {art.get('outlet') or aid}"
        tip = f"{art.get('outlet') or ''} — {art.get('title') or ''} {art.get('published') or ''}"
        out.append(f'<g class="nt-node" data-article="{escape(aid)}" tabindex="0" role="button">'
                   f'<title>{escape(tip)}</title><rect x="{cx - BOX_W / 2 + 14:.0f}" y="{cy - NODE_H / 2:.0f}" '
                   f'width="{BOX_W - 28}" height="{NODE_H}" rx="5" fill="#ffffff" stroke="#4b5563"/>'
                   f'<text x="{cx - BOX_W / 2 + 24:.0f}" y="{cy + 5:.0f}">{escape(_short(label, 31))}</text></g>')
    return out


def _legend(y: float) -> list[str]:
    """Line samples per kind plus what an arrow means."""
    out, x = [], PAD
    for kind, (colour, dash, name) in KIND_STYLE.items():
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{x}" y1="{y}" x2="{x + 34}" y2="{y}" stroke="{colour}" stroke-width="2"{dash_attr} '
                   f'marker-end="url(#nt-arrow-{kind})"/><text x="{x + 42}" y="{y + 4}" class="nt-legend">'
                   f'{escape(name)}</text>')
        x += 150
    out.append(f'<text x="{PAD}" y="{y + 26}" class="nt-legend">Arrow: from the original report to the one '
               f'derived from it. Boxes: independent origins.</text>')
    return out


def provenance_svg(story: dict, links: list[dict], number: Callable[[str], int],
                   articles: dict[str, dict]) -> Markup:
    """Inline SVG of one story's provenance; every text escaped."""
    groups = _groups(story)
    if not groups:
        return Markup("")
    pos, boxes, width, height = _layout(groups)
    width = max(width, PAD + 4 * 150)
    total = height + 40
    parts = [f'<svg class="nt-graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {total:.0f}" '
             f'width="{width:.0f}" height="{total:.0f}" role="img" '
             f'aria-label="Provenance graph: {len(groups)} origin groups, {len(links)} links">', _defs()]
    parts += _nodes_svg(boxes, pos, number, articles)
    parts += _links_svg(links, pos)
    parts += _legend(height)
    parts.append("</svg>")
    return Markup("".join(parts))
