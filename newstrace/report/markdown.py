"""report.md: the report as Markdown, for reading in a terminal, a wiki or a pull request."""

from __future__ import annotations

import re

from .views import article_index, report_counts, story_view

__all__ = ["render_markdown", "md_escape"]

# inline syntax only: every escaped value follows a prefix we write, so line-start syntax (#, -, >) is inert
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md_escape(text: object, keep_space: bool = False) -> str:
    """Inline-safe Markdown: HTML neutralized, Markdown syntax backslash-escaped, one line."""
    s = str(text if text is not None else "")
    s = re.sub(r"\s", " ", s) if keep_space else " ".join(s.split())
    s = s.replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", s)


def _n(count: int, word: str) -> str:
    """'1 article', '2 articles'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def _url(url: str) -> str:
    """A link target that cannot break out of Markdown's (...)."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


def _cites(refs: list[dict]) -> str:
    """[1][3] markers pointing at the numbered source list."""
    return "".join(f"[{r['n']}]" for r in refs)


def _row(cells: list[str]) -> str:
    """One Markdown table row."""
    return "| " + " | ".join(cells) + " |"


def _conflicts(s: dict) -> list[str]:
    """One table per conflict: the variants side by side with their sources."""
    lines = [f"### Conflicts ({len(s['conflicts'])})", ""]
    if not s["conflicts"]:
        return lines + ["_The reports do not contradict each other on anything extracted._", ""]
    for c in s["conflicts"]:
        numeric = any(v["normalized"] is not None for v in c["variants"])
        head = ["variant"] + (["normalized"] if numeric else []) + ["sources", "origins"]
        lines += [f"**{md_escape(c['severity']).upper()}** · {md_escape(c['kind'])} · **{md_escape(c['subject'])}**", "",
                  _row(head), "|" + "---|" * (len(head) - 1) + "---:|"]
        for v in c["variants"]:
            norm = [md_escape(v["normalized"]) if v["normalized"] is not None else ""] if numeric else []
            sources = ", ".join(f"{md_escape(r['outlet'])} [{r['n']}]" for r in v["refs"])
            lines.append(_row([md_escape(v["value"])] + norm + [sources, str(len(v["origins"]))]))
        lines.append("")
    return lines


def _facts(s: dict) -> list[str]:
    """Facts with how many independent origins back each."""
    lines = [f"### Facts ({len(s['facts'])})", ""]
    if not s["facts"]:
        return lines + ["_No facts were extracted._", ""]
    lines += ["| statement | independent origins | articles | sources |", "|---|---:|---:|---|"]
    for f in s["facts"]:
        flag = " _(single source)_" if f["unique"] else ""
        lines.append(f"| {md_escape(f['statement'])}{flag} | {f['independent']} | {f['n_articles']} | {_cites(f['refs'])} |")
    return lines + [""]


def _diff_md(diff: list[dict]) -> str:
    """Insertions in bold, deletions struck through (markers hug the words, spaces stay outside)."""
    out = []
    for d in diff:
        text = md_escape(d["text"], keep_space=True)
        core = text.strip()
        if not core or d["op"] == "equal":
            out.append(text)
            continue
        mark = "**" if d["op"] == "insert" else "~~"
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        out.append(f"{lead}{mark}{core}{mark}{trail}")
    return "".join(out)


def _quotes(s: dict) -> list[str]:
    """Quote variants with their word-level differences from the reference wording."""
    if not s["quotes"]:
        return []
    varied = [q for q in s["quotes"] if q["multi"]]
    lines = [f"### Quote variants ({len(varied)})", ""]
    if varied:
        lines += ["_Bold: words added compared with the first (reference) wording; struck through: words removed._", ""]
    for q in varied:
        lines += [f"**{md_escape(q['speaker'])}**", ""]
        for i, v in enumerate(q["variants"], 1):
            lines.append(f"{i}. “{_diff_md(v['diff'])}” {_cites(v['refs'])}")
        lines.append("")
    single = [q for q in s["quotes"] if not q["multi"]]
    if single:
        lines += ["Other quotes, each in a single wording:", ""]
        lines += [f"- **{md_escape(q['speaker'])}**: “{md_escape(q['variants'][0]['text'])}” "
                  f"{_cites(q['variants'][0]['refs'])}" for q in single]
        lines.append("")
    return lines


def _provenance(s: dict) -> list[str]:
    """Origins and links as lists."""
    lines = ["### Provenance", "", "Independent origins:", ""]
    for o in s["origins"]:
        members = ", ".join(f"{md_escape(r['outlet'])} [{r['n']}]" for r in o["refs"])
        lines.append(f"- **{md_escape(o['label'] or o['id'])}** ({_n(len(o['refs']), 'article')}): {members}")
    if s["pairs"]:
        lines += ["", "Links (→ points from the original to the derived report):", ""]
        for p in s["pairs"]:
            arrow = {"a->b": "→", "b->a": "←"}.get(p["direction"], "↔")
            lines.append(f"- {md_escape(p['a']['outlet'])} [{p['a']['n']}] {arrow} {md_escape(p['b']['outlet'])} "
                         f"[{p['b']['n']}]: {md_escape(p['kind'].replace('_', ' '))}, score {p['score']:.2f}, "
                         f"{_n(p['evidence'], 'aligned passage')}")
    return lines + [""]


def _sources(s: dict) -> list[str]:
    """The numbered sources every [n] refers to."""
    lines = ["### Sources", ""]
    for a in s["sources"]:
        title = md_escape(a["title"])
        link = f" <{_url(a['url'])}>" if a["url"] else ""
        when = f" ({md_escape(a['published'])})" if a["published"] else ""
        lines.append(f"{a['n']}. {md_escape(a['outlet'])}: {title}{when}{link} (id {md_escape(a['id'])})")
    return lines + [""]


def _story(s: dict) -> list[str]:
    """One story, sections in the same order as report.html."""
    c = s["counts"]
    lines = [f"## {md_escape(s['title'])}", "",
             f"{c['articles']} articles · {c['outlets']} outlets · {c['origins']} independent origins · "
             f"{c['conflicts']} conflicts", "", "### Summary", ""]
    lines += [f"- {md_escape(x['text'])} {_cites(x['refs'])}" for x in s["summary"]] or ["_No summary._"]
    lines.append("")
    lines += _conflicts(s) + _facts(s) + _quotes(s) + _provenance(s)
    if s["timeline"]:
        lines += ["### Timeline", ""]
        lines += [f"- **{md_escape(t['date'])}** {md_escape(t['text'])} {_cites(t['refs'])}" for t in s["timeline"]]
        lines.append("")
    return lines + _sources(s)


def render_markdown(report: dict) -> str:
    """The whole report as Markdown; every piece of article text is escaped."""
    articles = article_index(report)
    c = report_counts(report)
    lines = ["# newstrace report", "",
             f"{c['articles']} articles · {c['outlets']} outlets · {c['stories']} stories · "
             f"{c['origins']} independent origins · {c['conflicts']} conflicts", "",
             f"_Generated {md_escape(report.get('generated') or '')}. Citation numbers [n] refer to each story's "
             f"Sources list._", ""]
    for story in report.get("stories") or []:
        lines += _story(story_view(report, story, articles))
    problems = report.get("problems") or []
    lines += [f"## Problems ({len(problems)})", ""]
    lines += [f"- {'(warning) ' if p.get('level') == 'warning' else ''}{md_escape(p.get('source'))}: "
              f"{md_escape(p.get('error'))}" for p in problems] \
        or ["_Every input was read._"]
    return "\n".join(lines).rstrip() + "\n"
