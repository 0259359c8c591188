"""Per-article views (tokens, sentences, embeddings) and the pair features links are decided from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from ..model import Article, Sentence
from .align import Passage, Tokens, align_passages, coverage, quote_mask, tokens
from ..embed import embed_cached
from .paraphrase import SENT_THRESHOLD, SentAlignment, align_sentences, sentences_of

__all__ = ["View", "views", "PairFeatures", "pair_features", "fact_words", "fact_novelty"]

_QUOTE_DISCOUNT = 0.5  # a matched sentence that is mostly a quote: both may quote the same person
# Sentences of prior added to the shorter side when counting its sentences aligned in order: a share
# says how much of the text recurs, not on how much text. Two three-sentence leads of one event can
# align all their sentences by telling the same news (3/9); a rewrite keeps a run of them (14 of 20:
# 14/26), and two long independent reports align a few of many (4 of 25: 4/31).
ALIGNED_PRIOR = 6


@dataclass(frozen=True, slots=True)
class View:
    """Everything pair comparison needs from one article, computed once."""

    article: Article
    toks: Tokens
    qmask: tuple[bool, ...]
    sents: tuple[Sentence, ...]
    sent_vecs: np.ndarray
    sent_quoted: np.ndarray  # share of each sentence's words inside quotes
    doc_vec: np.ndarray
    norm_text: str
    content: frozenset[str]  # content words (stop words removed)
    bigrams: frozenset[tuple[str, str]]  # consecutive content-word pairs
    plain: frozenset[str]  # content words that are not names or numbers (not capitalised, no digits)
    facts: frozenset[str]  # names (capitalised inside a sentence) and numbers: the checkable details
    sent_facts: tuple[frozenset[str], ...]  # each sentence's words that are among ``facts``


def views(articles: Sequence[Article], store=None) -> list[View]:
    """Build views for a batch, embedding all sentences in one call."""
    from spacy.lang.en.stop_words import STOP_WORDS  # imported here: the scalable path needs no spaCy

    sents = [sentences_of(a) for a in articles]
    flat = [s.text for ss in sents for s in ss]
    vecs = embed_cached(flat, store)
    out, k = [], 0
    for a, ss in zip(articles, sents):
        sv = vecs[k : k + len(ss)]
        k += len(ss)
        t = tokens(a.text)
        qm = quote_mask(a.text, t, tuple(q.span for q in a.quotes if q.kind == "direct"))
        doc = sv.mean(axis=0) if len(ss) else np.zeros(vecs.shape[1], np.float32)
        doc = doc / max(float(np.linalg.norm(doc)), 1e-9)
        cw = [w for w in t.words if w not in STOP_WORDS]
        plain = frozenset(w for w, (s, _) in zip(t.words, t.spans)
                          if w not in STOP_WORDS and a.text[s].islower())
        facts = fact_words(a.text, t, STOP_WORDS)
        out.append(View(a, t, tuple(qm), ss, sv, _quoted_share(ss, t, qm), doc, " ".join(t.words),
                        frozenset(cw), frozenset(zip(cw, cw[1:])), plain, facts, _sentence_facts(ss, t, facts)))
    return out


def _sentence_facts(sents: tuple[Sentence, ...], t: Tokens, facts: frozenset[str]) -> tuple[frozenset[str], ...]:
    """Each sentence's names and numbers (possessive 's dropped: "Biden's" is Biden), so aligned
    sentences can be checked for the same details."""
    starts = np.array([s for s, _ in t.spans], dtype=np.int64)
    out = []
    for s in sents:
        lo, hi = np.searchsorted(starts, s.span[0]), np.searchsorted(starts, s.span[1])
        out.append(frozenset(_POSSESSIVE.sub("", w) for w in t.words[lo:hi] if w in facts))
    return tuple(out)


_POSSESSIVE = re.compile("['\u2019]s$")
_OPENERS = " \t\"'\u201c\u2018([-\u2014"  # skipped when looking back for a sentence boundary


def fact_words(text: str, t: Tokens, stop: frozenset[str] | set[str] = frozenset()) -> frozenset[str]:
    """Lowercased names and numbers: words with a digit, and capitalised words that do not open a
    sentence (so "However" at a sentence start is not a name). Read from the text, not from the
    extract stage, so that annotated and raw articles give the same features."""
    out = set()
    for w, (s, _) in zip(t.words, t.spans):
        if any(c.isdigit() for c in w):
            out.add(w)
        elif len(w) > 1 and w not in stop and text[s].isupper():
            k = s - 1
            while k >= 0 and text[k] in _OPENERS:
                k -= 1
            if k >= 0 and text[k] not in ".!?:\n":
                out.add(w)
    return frozenset(out)


def _quoted_share(sents: tuple[Sentence, ...], t: Tokens, qm: list[bool]) -> np.ndarray:
    """Share of each sentence's words that are quoted."""
    starts = np.array([s for s, _ in t.spans], dtype=np.int64)
    q = np.array(qm, dtype=float)
    out = np.zeros(len(sents))
    for i, s in enumerate(sents):
        lo, hi = np.searchsorted(starts, s.span[0]), np.searchsorted(starts, s.span[1])
        if hi > lo:
            out[i] = q[lo:hi].mean()
    return out


@dataclass(frozen=True, slots=True)
class PairFeatures:
    """Evidence of derivation between two articles (the rewrite model reads soft_body, ordered, mono, words,
    pairs2, novel_min, novel_max, fact_agree, aligned; the rest are diagnostics for callers)."""

    passages: tuple[Passage, ...]
    verb_a: float  # share of a's unquoted words in shared passages
    verb_b: float
    sents: SentAlignment
    sent_a: float  # share of a's sentence text aligned in order (quotes discounted)
    sent_b: float
    mean_sim: float
    order: float  # ordered matches / unordered matches
    doc_cos: float
    len_ratio: float  # shorter / longer, in words
    soft: float  # shorter (in sentences) side: length-weighted mean of each sentence's best cosine
    soft_body: float  # the same without its first sentence: independent reports share the lead, then diverge
    ordered: float  # shorter side: share aligned in order (same alignment as ``sents``)
    mono: float  # Kendall tau of the shorter side's best-match positions (1 = same order)
    words: float  # shorter side's content words found in the other
    pairs2: float  # shorter side's content bigrams found in the other
    plain: float  # shorter side's plain words (no names, numbers) found in the other
    novel_min: float  # fact novelty: share of one side's names/numbers absent from the other, lower side
    novel_max: float  # and the higher side (two independent reports each carry details the other lacks)
    fact_agree: float  # shorter side: share of a sentence's names/numbers found in its best-matching sentence
    aligned: float  # sentence pairs in the ordered alignment over the shorter side's sentences + ALIGNED_PRIOR


def pair_features(a: View, b: View, threshold: float = SENT_THRESHOLD) -> PairFeatures:
    """Compute passage and sentence-alignment features for one candidate pair."""
    passages = align_passages(a.toks, b.toks)
    va, vb = coverage(passages, len(a.toks.words), len(b.toks.words), list(a.qmask), list(b.qmask))
    sim = a.sent_vecs @ b.sent_vecs.T if len(a.sents) and len(b.sents) else np.zeros((len(a.sents), len(b.sents)))
    al = align_sentences(sim, threshold)
    sa, sb = _sent_cov(al, a, b)
    na, nb = len(a.toks.words), len(b.toks.words)
    return PairFeatures(
        tuple(passages), va, vb, al, sa, sb,
        float(np.mean(al.sims)) if al.sims else 0.0,
        len(al.pairs) / max(al.unordered, 1),
        float(a.doc_vec @ b.doc_vec),
        min(na, nb) / max(na, nb, 1),
        *_shorter_side(a, b, sim, al),
        *_containment(a, b),
        *fact_novelty(a.facts, b.facts),
        _fact_agreement(a, b, sim),
        len(al.pairs) / (min(len(a.sents), len(b.sents)) + ALIGNED_PRIOR),
    )


def _shorter_side(a: View, b: View, sim: np.ndarray, al: SentAlignment) -> tuple[float, float, float, float]:
    """How completely and in what order the shorter article's sentences recur in the longer one
    (soft, soft_body, ordered, mono)."""
    side = 0
    if len(a.sents) > len(b.sents):
        a, b, sim, side = b, a, sim.T, 1
    if sim.size == 0:
        return 0.0, 0.0, 0.0, 0.0
    la = np.array([len(s.text) for s in a.sents], float) * (1.0 - _QUOTE_DISCOUNT * a.sent_quoted)
    best = sim.max(axis=1)
    soft = float((best * la).sum() / max(la.sum(), 1e-9))
    body = float((best[1:] * la[1:]).sum() / max(la[1:].sum(), 1e-9)) if len(la) > 1 else soft
    ordered = float(sum(la[p[side]] for p in al.pairs) / max(la.sum(), 1e-9))
    return soft, body, ordered, _kendall(sim.argmax(axis=1))


def _fact_agreement(a: View, b: View, sim: np.ndarray) -> float:
    """Length-weighted mean, over the shorter article's sentences that carry names or numbers, of the
    share of them its best-matching sentence in the other also carries. A rewritten sentence keeps
    its details; an independent report's closest sentence tells the same event with other details.
    1.0 when no sentence carries any."""
    if len(a.sents) > len(b.sents):
        a, b, sim = b, a, sim.T
    if sim.size == 0:
        return 0.0
    best = sim.argmax(axis=1)
    share, weight = [], []
    for i, fa in enumerate(a.sent_facts):
        if fa:
            share.append(len(fa & b.sent_facts[best[i]]) / len(fa))
            weight.append(len(a.sents[i].text) * (1.0 - _QUOTE_DISCOUNT * a.sent_quoted[i]))
    return float(np.average(share, weights=weight)) if share else 1.0


def _kendall(order: np.ndarray) -> float:
    """Kendall tau of positions against 0..n-1 (1.0 for fewer than three)."""
    n = order.size
    if n < 3:
        return 1.0
    d = np.sign(order[None, :] - order[:, None])[np.triu_indices(n, 1)]
    ties = (d == 0).sum()
    denom = np.sqrt((d.size) * (d.size - ties))
    return float(d.sum() / denom) if denom else 0.0


def _containment(a: View, b: View) -> tuple[float, float, float]:
    """Share of the shorter article's content words and bigrams that the other also uses."""
    if len(a.content) > len(b.content):
        a, b = b, a
    words = len(a.content & b.content) / max(len(a.content), 1)
    pairs2 = len(a.bigrams & b.bigrams) / max(len(a.bigrams), 1)
    plain = len(a.plain & b.plain) / max(len(a.plain), 1)
    return words, pairs2, plain


def fact_novelty(fa: frozenset[str], fb: frozenset[str]) -> tuple[float, float]:
    """(min, max) over both directions of the share of one side's facts (names, numbers) the other
    lacks. A rewrite adds almost nothing new to its original (low min); independent reports of one
    event each carry their own names, numbers and places (both shares high). A side with no facts
    counts as adding nothing."""
    na = len(fa - fb) / len(fa) if fa else 0.0
    nb = len(fb - fa) / len(fb) if fb else 0.0
    return min(na, nb), max(na, nb)


def _sent_cov(al: SentAlignment, a: View, b: View) -> tuple[float, float]:
    """Length-weighted share of each side's sentences in the ordered alignment, quotes discounted."""
    la = np.array([len(s.text) for s in a.sents], float)
    lb = np.array([len(s.text) for s in b.sents], float)
    ca = cb = 0.0
    for i, j in al.pairs:
        w = _QUOTE_DISCOUNT if min(a.sent_quoted[i], b.sent_quoted[j]) > 0.5 else 1.0
        ca += w * la[i]
        cb += w * lb[j]
    return ca / max(la.sum(), 1.0), cb / max(lb.sum(), 1.0)
