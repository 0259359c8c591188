"""Attributions cued by a noun: 'the mayor's claim [that ...]', 'her decision [to ...]'."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newstrace.model import Span

from .cues import INTENT_NOUNS, NOUN_CUES, STANCE_NOUNS

__all__ = ["noun_report"]

CLAUSE_DEPS = ("acl", "ccomp", "relcl")


def _marked(clause: Token, noun: Token) -> bool:
    """A complement clause: opened by 'that'/'whether', or by 'to' after a noun of intention."""
    for c in clause.children:
        if c.i > clause.i:
            break
        if c.dep_ == "mark" and c.lower_ in ("that", "whether"):
            return True
        if c.dep_ == "aux" and c.lower_ == "to" and noun.lower_ in INTENT_NOUNS:
            return True
    return False


def noun_report(doc: Doc, noun: Token) -> tuple[Span, Token | None] | None:
    """The clause a cue noun reports (or the object of a stance noun's preposition) and the noun's
    possessor (its source)."""
    if not (noun.tag_.startswith("NN") or noun.tag_ == "VBG"):
        return None
    clause = None
    if noun.lower_ in NOUN_CUES or noun.lower_ in INTENT_NOUNS:
        clause = next((c for c in noun.rights if c.dep_ in CLAUSE_DEPS and _marked(c, noun)), None)
    if clause is None and noun.lower_ in STANCE_NOUNS:
        prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in STANCE_NOUNS[noun.lower_] and c.i == noun.i + 1), None)
        clause = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if clause is None:
        return None
    lo, hi = clause.left_edge.i, clause.right_edge.i
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    if hi - lo < 2 or "\n" in doc[lo : hi + 1].text:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    return (doc[lo].idx, doc[hi].idx + len(doc[hi])), owner
