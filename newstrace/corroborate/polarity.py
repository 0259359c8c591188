"""Opposite polarity of one claim in two sentences: "did not approve" against "approved", "rejected" against "accepted".

Precision first: a cue counts only outside quotation marks (quotes.py compares
quotes), outside questions and conditionals, and only when the two sentences
also share wording next to the contradicted word (the same subject or object),
so that "the state does not recognize" is no contradiction of "the Treasury
will recognize".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newstrace.corroborate.text import STOP, stem

__all__ = ["Token", "tokens", "contradiction", "negated_words"]

_TOKEN = re.compile(r"[A-Za-z]+n't|[A-Za-z]+|\?")
_QUOTED = re.compile(r"[\"\u201c][^\"\u201c\u201d]*(?:[\"\u201d]|$)|^[^\"\u201c\u201d]*\u201d")  # and a quote's tail
_NEGATION = {"not", "n't", "never", "no", "cannot"}
_SKIP = {"be", "is", "are", "was", "were", "been", "being", "do", "does", "did", "have", "has", "had", "will",
         "would", "can", "could", "should", "may", "might", "must", "to", "the", "a", "an", "yet", "also", "even",
         "ever", "really", "actually", "necessarily", "immediately", "publicly", "officially", "formally", "longer",
         "fully", "directly", "personally", "explicitly", "specifically", "previously", "already"}
_NOT_A_DENIAL = {"only", "just", "enough", "least", "matter", "doubt", "one", "more", "less", "other", "longer"}
_IMPLICATIVE = {"refus", "declin", "fail"}  # "refused to resign" denies "resigned" (stems)
_ANSWER = {"said", "say", "says", "saying", "answered"}  # "said no" is an answer, not a negated claim
_REFLEXIVE = {"himself", "herself", "itself", "themselves", "myself", "ourselves", "yourself"}
_CONDITION = {"if", "unless", "whether", "suppose", "imagine", "let"}  # "let's say there's no ..."
_ANTONYMS = [("approve", "reject"), ("accept", "reject"), ("confirm", "deny"), ("admit", "deny"),
             ("accept", "refuse"), ("agree", "refuse"), ("increase", "decrease"), ("rise", "fall"), ("win", "lose"),
             ("allow", "forbid"), ("allow", "ban"), ("allow", "block"), ("agree", "disagree"), ("support", "oppose"),
             ("guilty", "innocent"), ("convict", "acquit"), ("alive", "dead"), ("legal", "illegal"),
             ("true", "false"), ("pass", "fail"), ("resign", "stay")]
_NEGATION_CUES = {"not", "n't", "never", "no", "neither", "nor", "without"}  # for negated_words
_AUX = {"be", "is", "are", "was", "were", "been", "do", "does", "did", "have", "has", "had", "will", "would",
        "can", "could", "should", "may", "might", "must", "yet", "to", "the", "a", "an", "being", "also"}
WINDOW = 6  # words before a cue in which a condition ("if", "unless") takes it out of the claim
SUBJECT_WORDS = 3  # content words before the contradicted word: the two sentences must share one (its subject)


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a sentence: lower-cased, stemmed, and whether it sits inside quotation marks."""

    low: str
    stem: str
    quoted: bool


@lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[Token, ...]:
    """Words of a sentence ("n't" and "cannot" split off) with their quotation status; "?" kept as a token."""
    text = text.replace("\u2019", "'")
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        inside = any(s <= m.start() < e for s, e in quoted)
        w = m.group(0).lower()
        parts = [w[:-3], "n't"] if w.endswith("n't") and len(w) > 3 else ["can", "not"] if w == "cannot" else [w]
        out += [Token(p, stem(p), inside) for p in parts]
    return tuple(out)


def _target(ts: tuple[Token, ...], i: int) -> int | None:
    """The word a negation cue at i denies: the next word past auxiliaries and adverbs, within four words."""
    if ts[i].low == "no" and i and ts[i - 1].low in _ANSWER:
        return None
    for j in range(i + 1, min(i + 5, len(ts))):
        if ts[j].low in _NOT_A_DENIAL and j == i + 1:
            return None
        if ts[j].low not in _SKIP and ts[j].low not in _NEGATION:
            return j if ts[j].low.isalpha() else None
    return None


def _cue(ts: tuple[Token, ...], i: int) -> bool:
    """A negation ("not", "n't", "never", "no") or a verb that denies its complement ("refused to", "failed to")."""
    return ts[i].low in _NEGATION or (ts[i].stem in _IMPLICATIVE and i + 1 < len(ts) and ts[i + 1].low == "to")


def _conditional(ts: tuple[Token, ...], i: int) -> bool:
    """A cue inside an "if"/"unless"/"whether" clause, or in a question."""
    return any(t.low in _CONDITION for t in ts[max(0, i - WINDOW) : i]) or any(t.low == "?" for t in ts)


def _infinitive(ts: tuple[Token, ...], i: int) -> bool:
    """A verb after "to" ("a request to provide", "has yet to respond") is no assertion that it happened."""
    j = i - 1
    while j >= 0 and ts[j].low.endswith("ly"):
        j -= 1
    return j >= 0 and ts[j].low == "to"


@lru_cache(maxsize=8192)
def _polar(text: str) -> tuple[dict[str, int], dict[str, int], bool]:
    """Stems the sentence denies and stems it asserts (outside quotes), with positions; and whether it negates at all."""
    ts = tokens(text)
    denied: dict[str, int] = {}
    hit: set[int] = set()
    negative = False
    for i, t in enumerate(ts):
        if not _cue(ts, i):
            continue
        j = _target(ts, i)
        if j is not None:
            hit.add(j)
        if not t.quoted:
            negative = True
            if j is not None and not ts[j].quoted and not _conditional(ts, i):
                denied.setdefault(ts[j].stem, j)
    asserted: dict[str, int] = {}
    for i, t in enumerate(ts):  # "refused to" is a cue, not the assertion of a refusal
        if i not in hit and not t.quoted and _content(t) and not _cue(ts, i) and not _conditional(ts, i) \
                and not _infinitive(ts, i):
            asserted.setdefault(t.stem, i)
    return denied, asserted, negative


def _content(t: Token) -> bool:
    """A word that can carry a claim or name its subject."""
    return t.low not in STOP and t.low not in _SKIP and t.low not in _NEGATION and len(t.low) > 2 and t.low.isalpha()


def _subject(ts: tuple[Token, ...], i: int) -> frozenset[str]:
    """Stems of the last SUBJECT_WORDS content words before position i."""
    before = [t.stem for t in ts[:i] if _content(t)]
    return frozenset(before[-SUBJECT_WORDS:])


def _same_subject(a: str, i: int, b: str, j: int) -> bool:
    """The two sentences say the contradicted word of the same subject."""
    return bool(_subject(tokens(a), i) & _subject(tokens(b), j))


def _denial(a: str, b: str) -> str | None:
    """A word b denies and a asserts, of the same subject; a negates nothing at all (two negative wordings agree)."""
    (_, sa, neg_a), (db, sb, _) = _polar(a), _polar(b)
    if neg_a:
        return None
    for w, j in sorted(db.items()):
        if w in sa and w not in sb and _same_subject(a, sa[w], b, j) \
                and _reflexive(tokens(a), sa[w]) == _reflexive(tokens(b), j):
            return w
    return None


def _reflexive(ts: tuple[Token, ...], i: int) -> bool:
    """A verb turned on its subject ("identifies himself as a student") is another claim than "is not identified"."""
    return i + 1 < len(ts) and ts[i + 1].low in _REFLEXIVE


def _opposite(a: str, b: str) -> str | None:
    """An antonym pair, one word in each sentence, of the same subject, neither sentence negating anything."""
    (_, sa, neg_a), (_, sb, neg_b) = _polar(a), _polar(b)
    if neg_a or neg_b:
        return None
    for x, y in _ANTONYMS:
        x, y = stem(x), stem(y)
        for p, q in ((x, y), (y, x)):
            if p in sa and q in sb and q not in sa and p not in sb and _same_subject(a, sa[p], b, sb[q]):
                return f"{x}/{y}"
    return None


def contradiction(a: str, b: str) -> str | None:
    """The cue on which two near-paraphrases contradict each other ("approv" or "approv/reject"), else None."""
    return _denial(a, b) or _denial(b, a) or _opposite(a, b)


def negated_words(text: str) -> set[str]:
    """Stems of the first content word after each negation cue ("did not approve" -> approv), quoted or not."""
    ws = [t for t in tokens(text) if t.low != "?"]
    out = set()
    for i, t in enumerate(ws):
        if t.low in _NEGATION_CUES:
            nxt = next((x for x in ws[i + 1 : i + 5] if x.low not in _AUX), None)
            if nxt:
                out.add(nxt.stem)
    return out
