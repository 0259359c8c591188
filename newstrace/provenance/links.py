"""Deciding a link's kind, score, direction and evidence from a pair's features."""

from __future__ import annotations

import math
from datetime import datetime

from ..model import Link
from .features import PairFeatures, View

__all__ = ["decide", "rewrite_probability", "REWRITE_WEIGHTS", "REWRITE_THRESHOLD", "direction"]

NEAR_DUP = 0.8  # both sides' unquoted words mostly inside shared passages
SHARED = 0.25  # one side's unquoted words at least this much inside shared passages
MIN_SHARED_WORDS = 25  # and at least this many shared words: one reused paragraph, not a phrase
ASYMMETRY = 0.15  # coverage gap that tells the contained (derived) side

# Logistic model over the shorter side's sentence and word features, both directions' fact novelty,
# the fact agreement of aligned sentences and how many sentences align in order, fitted with grouped
# 5-fold cross-validation on rewrites-dev plus BASIL dev's same-event pairs as independent reports
# (python -m newstrace.eval rewrites --fit --negatives ...; docs/quality.md, Provenance). A rewrite's
# body keeps tracking its original (soft_body), adds almost no names or numbers (novel_min), keeps
# each sentence's details in its counterpart (fact_agree), and does so over a run of sentences
# (aligned), not over the one or two that any report of the event shares.
REWRITE_WEIGHTS = {"soft_body": 2.34, "words": 2.95, "pairs2": 8.83, "ordered": -2.17, "mono": 0.74,
                   "novel_min": -1.49, "novel_max": 1.43, "fact_agree": 3.50, "aligned": 14.63}
REWRITE_BIAS = -7.70
REWRITE_THRESHOLD = 0.92


def rewrite_probability(f: PairFeatures) -> float:
    """How likely the shorter article is a rewrite of (or rewritten as) the other."""
    z = REWRITE_BIAS + sum(w * getattr(f, k) for k, w in REWRITE_WEIGHTS.items())
    return 1.0 / (1.0 + math.exp(-z))


def _when(iso: str | None) -> datetime | None:
    """Parse an ISO date, ignoring what cannot be compared."""
    if not iso:
        return None
    try:
        d = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return None
    return d.replace(tzinfo=None)


def _cites(x: View, y: View) -> bool:
    """Does x credit y's outlet?"""
    out = (y.article.outlet or "").strip().lower()
    return bool(out) and any(c.outlet.strip().lower() == out for c in x.article.cites)


def direction(a: View, b: View, cover_a: float, cover_b: float) -> str | None:
    """Original first: by publication time, then by citation, then the contained side is the copy."""
    da, db = _when(a.article.published), _when(b.article.published)
    if da and db and da != db:
        return "a->b" if da < db else "b->a"
    ca, cb = _cites(a, b), _cites(b, a)
    if ca != cb:
        return "b->a" if ca else "a->b"
    # a copy usually trims its source: the side whose text is (more) contained in the other derives from it
    if cover_a - cover_b >= ASYMMETRY:
        return "b->a"
    if cover_b - cover_a >= ASYMMETRY:
        return "a->b"
    return None


def _shared_words(f: PairFeatures) -> int:
    """Words inside shared passages (a side)."""
    return sum(p.a1 - p.a0 for p in f.passages)


def decide(a: View, b: View, f: PairFeatures) -> Link | None:
    """The link between two articles, or None when neither copies nor rewrites the other."""
    passages = tuple((p.a_span, p.b_span) for p in f.passages)
    if a.norm_text and a.norm_text == b.norm_text:
        return Link(a.article.id, b.article.id, "exact", 1.0, direction(a, b, 0.0, 0.0), passages)
    if min(f.verb_a, f.verb_b) >= NEAR_DUP:
        d = direction(a, b, f.verb_a, f.verb_b)
        return Link(a.article.id, b.article.id, "near_duplicate", round(min(f.verb_a, f.verb_b), 4), d, passages)
    if max(f.verb_a, f.verb_b) >= SHARED and _shared_words(f) >= MIN_SHARED_WORDS:
        d = direction(a, b, f.verb_a, f.verb_b)
        return Link(a.article.id, b.article.id, "shared_passages", round(max(f.verb_a, f.verb_b), 4), d, passages)
    p = rewrite_probability(f)
    if p >= REWRITE_THRESHOLD:
        ev = _sentence_evidence(a, b, f)
        return Link(a.article.id, b.article.id, "rewrite", round(p, 4), direction(a, b, 0.0, 0.0), ev)
    return None


def _sentence_evidence(a: View, b: View, f: PairFeatures) -> tuple:
    """Aligned sentence pairs as span pairs."""
    return tuple((a.sents[i].span, b.sents[j].span) for i, j in f.sents.pairs)

