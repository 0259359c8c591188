"""One story's articles cut into sentence units with their extracted items, origins and embeddings."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np

from newstrace.corroborate.text import content_words
from newstrace.model import Article, DateMention, Origin, Quantity, Quote, Sentence, Span, source_name

__all__ = ["Unit", "StoryContext", "build_context", "ref", "EmbedFn"]

EmbedFn = Callable[[Sequence[str]], np.ndarray]
# where a sentence's claims meet: coordination, subordinate clauses ("... destroyed when the dam collapsed"),
# and participle clauses after a comma (", flooding 52 kilometres of the valley")
_CLAUSE_CUT = re.compile(
    r";\s+|,?\s+(?:and|but|while|whereas|when|because|although|though|after|before|until|once)\s+|,\s+as\s+"
    r"|,\s+(?=(?!including\b|according\b)[a-z]{2,}ing\s)")
_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|did|does|said|says|\w{3,}ed"
    r"|began|broke|brought|built|burst|came|fell|flew|found|gave|got|grew|held|hit|kept|knew|led|left|lost|made"
    r"|met|paid|put|ran|rose|sank|saw|sent|set|shot|spoke|stood|struck|swept|took|told|threw|went|won|wrote)\b",
    re.I)
_ING_START = re.compile(r"[a-z]{2,}ing\s")  # a participle clause opens with its verb
MIN_CLAUSE_WORDS = 4  # both sides of a cut must read as claims, not as a list of names
CENTER_PRIOR = 20  # sentences before the story mean is trusted fully
MIN_FACT_WORDS = 5  # shorter sentences are headings, datelines or captions
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$|[\"\u201d]\s*$")
_FALLBACK_SPLIT = re.compile(r"[^\n.!?]+(?:[.!?]+[\"'\u201d\u2019)]*|$)")


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of one article with the items extraction found inside it."""

    index: int
    article: str
    position: int
    span: Span
    text: str
    entities: frozenset[str]
    quantities: tuple[Quantity, ...]
    dates: tuple[DateMention, ...]
    quotes: tuple[Quote, ...]
    cited: frozenset[str]
    words: frozenset[str]
    parent: int | None = None  # for a clause: the index of its sentence (clauses carry no items of their own)

    @property
    def informative(self) -> bool:
        """A sentence that can state a fact: long enough and ended like a sentence (not a heading or byline)."""
        if self.parent is not None:
            return len(self.text.split()) >= MIN_CLAUSE_WORDS
        return len(self.text.split()) >= MIN_FACT_WORDS and bool(_SENTENCE_END.search(self.text))


@dataclass(slots=True)
class StoryContext:
    """Everything the corroboration modules share for one story."""

    articles: dict[str, Article]
    order: list[str]
    origin_of: dict[str, str]
    units: list[Unit]
    vectors: np.ndarray
    centered: np.ndarray
    embed: EmbedFn
    fact_of: dict[int, int] = field(default_factory=dict)  # sentence unit -> fact number
    fact_members: list[list[int]] = field(default_factory=list)  # fact number -> units (sentences and clauses)

    def outlet(self, article_id: str) -> str:
        """Human name of an article's outlet for generated sentences: the outlet, else its file or record name."""
        a = self.articles[article_id]
        return source_name(a.outlet, a.input_id, a.source) or a.id

    def origins_of(self, article_ids: Sequence[str]) -> list[str]:
        """Distinct origins of these articles, in story order."""
        seen: dict[str, None] = {}
        for aid in self.sort_articles(article_ids):
            seen.setdefault(self.origin_of[aid], None)
        return list(seen)

    def sort_articles(self, article_ids: Sequence[str]) -> list[str]:
        """Distinct article ids in story (publication) order."""
        rank = {aid: i for i, aid in enumerate(self.order)}
        return sorted(set(article_ids), key=lambda a: rank[a])


def ref(article: str, span: Span) -> dict:
    """A JSON span reference into one article."""
    return {"article": article, "span": [int(span[0]), int(span[1])]}


def _sentences(article: Article) -> tuple[Sentence, ...]:
    """The article's sentences, or a plain punctuation split when extraction gave none."""
    if article.sentences:
        return article.sentences
    out = []
    for m in _FALLBACK_SPLIT.finditer(article.text):
        raw = m.group(0)
        start = m.start() + len(raw) - len(raw.lstrip())
        end = m.end() - (len(raw) - len(raw.rstrip()))
        if end > start:
            out.append(Sentence((start, end), article.text[start:end]))
    return tuple(out)


def _bucket(items: Sequence, starts: list[int], n: int) -> list[list]:
    """Assign span-bearing items to the sentence their start falls in."""
    buckets: list[list] = [[] for _ in range(n)]
    for item in items:
        i = bisect_right(starts, item.span[0]) - 1
        if 0 <= i < n:
            buckets[i].append(item)
    return buckets


def _article_units(article: Article, first_index: int) -> list[Unit]:
    """Cut one article into units."""
    sents = _sentences(article)
    starts = [s.span[0] for s in sents]
    n = len(sents)
    ents, qty = _bucket(article.entities, starts, n), _bucket(article.quantities, starts, n)
    dates, quotes = _bucket(article.dates, starts, n), _bucket(article.quotes, starts, n)
    cites = _bucket(article.cites, starts, n)
    names = [frozenset(e.canonical.lower() for e in ents[i] if e.canonical) for i in range(n)]
    return [
        Unit(
            index=first_index + i, article=article.id, position=i, span=s.span, text=s.text,
            entities=names[i],
            quantities=tuple(qty[i]), dates=tuple(dates[i]), quotes=tuple(quotes[i]),
            cited=frozenset(c.outlet.lower() for c in cites[i]), words=content_words(s.text),
        )
        for i, s in enumerate(sents)
    ]


def _claim(piece: str) -> bool:
    """A piece of a sentence that can carry a claim of its own: it has a verb, or opens with a participle."""
    return bool(_VERB.search(piece) or _ING_START.match(piece))


def _clauses(article: Article, u: Unit, first_index: int) -> list[Unit]:
    """The clauses of a compound sentence ("Three people were killed and 17 were hurt"), each a claim of its own."""
    if not u.informative:
        return []
    cuts = [(m.start(), m.end()) for m in _CLAUSE_CUT.finditer(u.text)]
    bounds, start = [], 0
    for n, (lo, hi) in enumerate(cuts):
        left = u.text[start:lo]
        right = u.text[hi : cuts[n + 1][0] if n + 1 < len(cuts) else len(u.text)]
        if (len(left.split()) >= MIN_CLAUSE_WORDS and len(u.text[hi:].split()) >= MIN_CLAUSE_WORDS
                and _claim(left) and _claim(right)):  # "Russian and North Korean forces" is no cut
            bounds.append((start, lo))
            start = hi
    if not bounds:
        return []
    bounds.append((start, len(u.text)))
    out = []
    for lo, hi in bounds:
        text = u.text[lo:hi].strip()
        s = u.span[0] + lo + (len(u.text[lo:hi]) - len(u.text[lo:hi].lstrip()))
        span = (s, s + len(text))
        ents = frozenset(e.canonical.lower() for e in article.entities
                         if e.canonical and span[0] <= e.span[0] < span[1])
        out.append(Unit(first_index + len(out), article.id, u.position, span, text, ents, (), (), (), frozenset(),
                        content_words(text), parent=u.index))
    return out


def _origin_map(articles: Sequence[Article], origins: Sequence[Origin]) -> dict[str, str]:
    """Article id to origin id; an article no origin claims is its own origin."""
    out = {aid: o.id for o in origins for aid in o.articles}
    return {a.id: out.get(a.id, a.id) for a in articles}


def build_context(articles: Sequence[Article], origins: Sequence[Origin], embed: EmbedFn) -> StoryContext:
    """Cut the story into units and embed every unit once."""
    order = [a.id for a in sorted(articles, key=lambda a: (a.published is None, a.published or "", a.id))]
    by_id = {a.id: a for a in articles}
    units: list[Unit] = []
    for aid in order:
        units.extend(_article_units(by_id[aid], len(units)))
    for u in list(units):
        units.extend(_clauses(by_id[u.article], u, len(units)))
    vectors = _embed_unique(embed, [u.text if u.informative else "" for u in units])
    return StoryContext(by_id, order, _origin_map(articles, origins), units, vectors, _centered(vectors), embed)


def _embed_unique(embed: EmbedFn, texts: list[str]) -> np.ndarray:
    """Embed each distinct non-empty sentence once: copies repeat many sentences verbatim."""
    if not texts:
        return np.zeros((0, 384), np.float32)
    uniq = [t for t in dict.fromkeys(texts) if t]
    vecs = np.vstack([np.asarray(embed(uniq)) if uniq else np.zeros((0, 384), np.float32),
                      np.zeros((1, 384), np.float32)])  # last row: headings and datelines are not embedded
    pos = {t: i for i, t in enumerate(uniq)}
    return vecs[[pos.get(t, len(uniq)) for t in texts]]


def _centered(vectors: np.ndarray) -> np.ndarray:
    """Unit rows minus (a shrunk) story mean: what every sentence of one event shares is not evidence."""
    n = len(vectors)
    if n == 0:
        return vectors
    c = vectors - (n / (n + CENTER_PRIOR)) * vectors.mean(axis=0)
    return c / np.clip(np.linalg.norm(c, axis=1, keepdims=True), 1e-12, None)
