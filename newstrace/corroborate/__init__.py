"""Corroboration: facts with independent support, typed conflicts, quote variants, summary and timeline."""

from __future__ import annotations

from typing import Sequence

from newstrace.corroborate.align import align, candidate_pairs
from newstrace.corroborate.claims import attribution_conflicts, statement_conflicts
from newstrace.corroborate.dates import date_conflicts
from newstrace.corroborate.context import EmbedFn, StoryContext, build_context
from newstrace.corroborate.facts import build_facts, fact_vectors
from newstrace.corroborate.quantities import quantity_conflicts
from newstrace.corroborate.quotes import build_quotes
from newstrace.corroborate.summary import build_summary
from newstrace.corroborate.timeline import build_timeline
from newstrace.model import Article, Link, Origin

__all__ = ["analyze_story"]

_SEVERITY = {"high": 0, "medium": 1, "low": 2}


def _default_embed(texts: Sequence[str]):
    """The shared MiniLM embedder, imported lazily so importing this package stays cheap."""
    from newstrace.embed import embed

    return embed(texts)


def _number(conflicts: list[dict]) -> list[dict]:
    """Most severe first, then by how many origins are involved; ids in that order."""
    def key(c: dict) -> tuple:
        return (_SEVERITY[c["severity"]], -len({o for v in c["variants"] for o in v["origins"]}))

    ordered = sorted(conflicts, key=key)
    return [{"id": f"c{i}", **c} for i, c in enumerate(ordered, start=1)]


def _conflicts(ctx: StoryContext) -> tuple[list[dict], list[dict]]:
    """All typed conflicts, and the quote groups found on the way."""
    quotes, quote_conflicts = build_quotes(ctx)
    found = (quantity_conflicts(ctx) + quote_conflicts + date_conflicts(ctx)
             + statement_conflicts(ctx) + attribution_conflicts(ctx))
    return _number(found), quotes


def analyze_story(
    articles: Sequence[Article],
    links: Sequence[Link],
    origins: Sequence[Origin],
    *,
    embed: EmbedFn | None = None,
) -> dict:
    """Everything a fact-checker needs about one story, as report.json-ready lists.

    ``links`` are not needed beyond ``origins`` (a copy or rewrite shares its
    original's origin); they are accepted so every stage has the same inputs.
    """
    del links
    ctx = build_context(articles, origins, embed or _default_embed)
    pairs = candidate_pairs(ctx)
    facts = build_facts(ctx, align(ctx, pairs))
    conflicts, quotes = _conflicts(ctx)
    summary = build_summary(ctx, facts, fact_vectors(ctx, facts), conflicts)
    return {"facts": facts, "conflicts": conflicts, "quotes": quotes, "summary": summary,
            "timeline": build_timeline(ctx)}
