"""What a quantity measures, read off the dependency parse around it."""

from __future__ import annotations

from spacy.tokens import Doc, Token

__all__ = ["measured_phrase", "noun_phrase"]

NOUN_TAGS = {"NN", "NNS", "NNP", "NNPS"}
LEFT_MODS = {"compound", "amod", "nmod", "poss", "nummod", "case"}
SUBJECTS = {"nsubj", "nsubjpass"}
MAX_WORDS = 10


def noun_phrase(doc: Doc, head: Token, exclude: tuple[int, int] = (0, 0), of_only: bool = False) -> str:
    """A head noun with its adjacent modifiers and one prepositional phrase, outside `exclude`."""
    lo = head.i
    for child in sorted(head.lefts, key=lambda t: -t.i):
        if child.dep_ in LEFT_MODS and child.i == lo - 1 and not exclude[0] <= child.i < exclude[1]:
            lo = child.left_edge.i
            if exclude[0] <= lo < exclude[1]:
                lo = child.i
    hi = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.i == hi and (not of_only or child.lower_ in ("of", "in", "on", "from", "for")):
            edge = child.right_edge.i + 1
            if not (child.i < exclude[1] and edge > exclude[0]):
                hi = edge
            break
    while lo < hi and (doc[lo].tag_ in ("DT", "PRP$") or doc[lo].is_punct or exclude[0] <= lo < exclude[1]):
        lo += 1
    while hi > lo and doc[hi - 1].is_punct:
        hi -= 1
    if hi - lo > MAX_WORDS:
        hi = lo + MAX_WORDS
    return doc[lo:hi].text if hi > lo else head.text


def _subject(verb: Token) -> Token | None:
    """The nominal subject of a verb (through auxiliaries and conjunctions)."""
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ in SUBJECTS and child.tag_ in NOUN_TAGS:
                return child
        if node.dep_ in ("conj", "xcomp", "advcl") and node.head is not node:
            node = node.head
        else:
            break
    return None


def measured_phrase(doc: Doc, anchor: Token, start: int, end: int, counted: bool) -> str | None:
    """The thing a quantity measures: a counted noun with modifiers, or the noun it attaches to."""
    span = (start, end)
    if counted:
        return noun_phrase(doc, anchor, exclude=span)
    node = anchor
    for _ in range(4):
        head = node.head
        if head is node:
            return None
        if node.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.tag_ in NOUN_TAGS and head.i >= end:
            return noun_phrase(doc, head, exclude=span)
        if node.dep_ == "pobj" and head.dep_ == "prep":
            target = head.head
            if target.tag_ in NOUN_TAGS and not start <= target.i < end:
                return noun_phrase(doc, target, exclude=(head.i, end), of_only=True)
            node = head
            continue
        if node.dep_ in ("dobj", "attr", "npadvmod", "advmod", "prep", "appos", "acomp", "oprd", "conj"):
            if head.tag_.startswith("VB") or head.tag_ in ("JJ", "JJR", "RBR"):
                subj = _subject(head)
                if subj is not None:
                    return noun_phrase(doc, subj, exclude=span, of_only=True)
            if head.tag_ in NOUN_TAGS and not start <= head.i < end:
                return noun_phrase(doc, head, exclude=span, of_only=True)
        node = head
    return None
