"""Small word-level helpers shared by alignment and the contradiction rules."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["stem", "content_words", "lexical_overlap"]

_TOKEN = re.compile(r"[A-Za-z0-9]+")
STOP = frozenset(
    "the a an of to in on for and or with by as at from that this these those is are was were has have had be "
    "been being it its their his her they he she we you i will would could may might can which who whom while "
    "also more than over into about after before under said says not but if so such there here what when where "
    "how all any some other".split()
)


@lru_cache(maxsize=65536)
def stem(w: str) -> str:
    """Crude suffix stripping so approve/approved/approves compare equal."""
    w = w.lower()
    for suf in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


def content_words(text: str) -> frozenset[str]:
    """Stems of the words that carry content (numbers included)."""
    return frozenset(stem(w) for w in _TOKEN.findall(text.lower()) if w not in STOP and (len(w) > 2 or w.isdigit()))


def lexical_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Set cosine of content words: shared wording, insensitive to sentence length."""
    if not a or not b:
        return 0.0
    return len(a & b) / (len(a) * len(b)) ** 0.5
