"""Per-article story features: MiniLM embedding of title + lead, hashed terms, entity/number/year keys, day.

Every feature is a unit-length row, so the combined similarity of two articles is a
weighted sum of dot products and the average similarity between two stories is the
dot product of their summed rows divided by both sizes (exact average linkage).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Sequence

import numpy as np
import scipy.sparse as sp
import xxhash

from ..model import Article
from .cluster import NUMBER

__all__ = ["Features", "Weights", "featurize", "entity_keys", "lead_names", "article_day", "lead_text", "DIM_TERMS", "DIM_KEYS"]

DIM_TERMS = 1 << 18
DIM_KEYS = 1 << 18
LEAD_CHARS = 600
_ENTITY_LABELS = {"PERSON": "per", "GPE": "loc", "LOC": "loc", "FAC": "loc", "ORG": "org",
                  "NORP": "grp", "EVENT": "evt", "PRODUCT": "prd", "WORK_OF_ART": "prd"}
_CAPS = re.compile(r"(?<![\w.])([A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|[A-Z]\.|of|de|al|bin))*(?: [A-Z][a-z]+)?)")
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]+|\d[\d.,]*")
_STOP = frozenset("""a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each few for from further
had has have having he her here hers herself him himself his how i if in into is it its itself just me
more most my myself no nor not now of off on once only or other our ours ourselves out over own said same
say says she should so some such than that the their theirs them themselves then there these they this
those through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves mr mrs ms one two new told year years week day last first people
monday tuesday wednesday thursday friday saturday sunday according news reported report""".split())
_CAP_STOP = frozenset(w.capitalize() for w in _STOP) | {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "It", "In", "He", "She", "They", "We", "But", "And", "The",
    "A", "This", "That", "There", "Mr", "Mrs", "Ms", "Dr", "President", "Police", "Associated",
    "Press", "Reuters", "Copyright", "Read", "More", "Click", "Photo", "Image", "Video"}


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each feature counts in the combined similarity (they sum to 1)."""

    embedding: float = 0.5
    terms: float = 0.3
    keys: float = 0.2


@dataclass(slots=True)
class Features:
    """Feature rows of a batch: combined sparse rows (weighted, concatenated) and days."""

    ids: list[str]
    rows: sp.csr_matrix  # (n, 384 + DIM_TERMS + DIM_KEYS), dot product = combined similarity
    emb: np.ndarray  # (n, 384) unit rows, for candidate search
    days: np.ndarray  # float days since 1970-01-01, nan when unknown
    names: list[frozenset[str]]  # who/where (and, NUMBER-prefixed, how many) of each article's title and lead


def lead_text(a: Article) -> str:
    """Title plus the first paragraph(s): what a story is about is said first."""
    head = a.text[:LEAD_CHARS]
    cut = head.rfind(" ")
    lead = head if len(a.text) <= LEAD_CHARS or cut < 0 else head[:cut]
    return f"{a.title}. {lead}" if a.title else lead


def article_day(a: Article) -> float:
    """Days since 1970-01-01 of the publication date (nan when missing or unparsable)."""
    if not a.published:
        return float("nan")
    try:
        return float(date.fromisoformat(a.published[:10]).toordinal() - 719163)
    except ValueError:
        return float("nan")


def _fallback_names(text: str) -> list[str]:
    """Capitalized word runs that do not start a sentence: a spaCy-free stand-in for named entities."""
    names = []
    for m in _CAPS.finditer(text):
        name = m.group(1)
        before = text[max(0, m.start() - 2):m.start()]
        if name in _CAP_STOP or (" " not in name and (m.start() == 0 or before.strip() in {".", "!", "?", "\""})):
            continue
        names.append(name)
    return names


def lead_names(a: Article, chars: int = 300) -> frozenset[str]:
    """Names in the title and first sentences: the who and where that tell one event from a similar one."""
    names = {n.lower() for n in _fallback_names(a.title or "")}
    if a.entities:
        names.update((e.canonical or e.text).lower() for e in a.entities
                     if e.span[0] < chars and _ENTITY_LABELS.get(e.label) in {"per", "loc", "org"})
    else:
        names.update(n.lower() for n in _fallback_names(a.text[:chars]))
    return frozenset(names)


_LEAD_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?!\d|[.,]\d)")  # "2.6m" gives 2.6


def _number_key(v: float) -> str | None:
    """A how-many key: millions and billions by their mantissa ("$2.6 million" / "2.6m"), years and 0/1 left out."""
    if v < 2 or (v == int(v) and 1900 <= v <= 2100):
        return None
    v = v / 1e9 if v >= 1e9 else v / 1e6 if v >= 1e6 else v
    return f"{NUMBER}{v:.3g}"


def lead_numbers(a: Article, chars: int = 300) -> set[str]:
    """Numbers in the title and first sentences: how many died, how much was taken, how strong it was."""
    found = [float(m.group(1).replace(",", "")) for m in _LEAD_NUMBER.finditer(a.title or "")]
    if a.quantities:
        found += [q.value for q in a.quantities if q.span[0] < chars]
    else:
        found += [float(m.group(1).replace(",", "")) for m in _LEAD_NUMBER.finditer(a.text[:chars])]
    return {k for k in map(_number_key, found) if k}


def _anchored(a: Article, mention: str) -> bool:
    """A date is evidence only when it was resolved against a publication date or names its year itself."""
    return bool(a.published) or bool(_YEAR.search(mention))


def entity_keys(a: Article) -> list[str]:
    """Typed keys of who/where/what (entities), how many (numbers) and when (years, dates) in an article."""
    keys: list[str] = []
    if a.entities:
        for e in a.entities:
            tag = _ENTITY_LABELS.get(e.label)
            if tag:
                keys.append(f"{tag}:{(e.canonical or e.text).lower()}")
    else:
        keys.extend(f"ent:{n.lower()}" for n in _fallback_names(f"{a.title or ''}\n{a.text}"))
    if a.quantities:
        keys.extend(f"num:{q.value:g}" for q in a.quantities if q.value >= 2)
    else:
        keys.extend(f"num:{float(m.group(1).replace(',', '')):g}" for m in _NUMBER.finditer(a.text)
                    if not _YEAR.fullmatch(m.group(1)) and float(m.group(1).replace(",", "")) >= 2)
    if a.dates:
        keys.extend(f"date:{d.value[:10]}" for d in a.dates if d.value and _anchored(a, d.text))
    keys.extend(f"year:{y}" for y in _YEAR.findall(a.text))
    return keys


def _hash_rows(token_lists: Sequence[Sequence[str]], dim: int, log_tf: bool) -> sp.csr_matrix:
    """L2-normalized hashed count rows (log-scaled counts when asked) from token lists."""
    indptr, indices, data = [0], [], []
    for tokens in token_lists:
        counts: dict[int, float] = {}
        for t in tokens:
            h = xxhash.xxh32_intdigest(t.encode()) % dim
            counts[h] = counts.get(h, 0.0) + 1.0
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        val = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
        if log_tf:
            val = 1.0 + np.log(val)
        norm = np.linalg.norm(val)
        order = np.argsort(idx)
        indices.append(idx[order])
        data.append(val[order] / norm if norm else val[order])
        indptr.append(indptr[-1] + len(counts))
    cat = (lambda xs, t: np.concatenate(xs) if xs else np.zeros(0, t))
    return sp.csr_matrix((cat(data, np.float64), cat(indices, np.int64), np.array(indptr)), shape=(len(token_lists), dim))


def _terms(a: Article) -> list[str]:
    """Content words of title and text, title words twice (a title names the event)."""
    words = [w.lower() for w in _WORD.findall(f"{a.title or ''} {a.title or ''} {a.text}")]
    return [w for w in words if w not in _STOP and len(w) > 2]


def featurize(articles: Sequence[Article], emb: np.ndarray, weights: Weights = Weights()) -> Features:
    """Combined feature rows for articles whose lead embeddings are given."""
    terms = _hash_rows([_terms(a) for a in articles], DIM_TERMS, log_tf=True)
    keys = _hash_rows([entity_keys(a) for a in articles], DIM_KEYS, log_tf=True)
    dense = sp.csr_matrix(emb.astype(np.float64) * np.sqrt(weights.embedding))
    rows = sp.hstack([dense, terms * np.sqrt(weights.terms), keys * np.sqrt(weights.keys)], format="csr")
    days = np.array([article_day(a) for a in articles], dtype=np.float64)
    return Features([a.id for a in articles], rows, emb.astype(np.float32), days, [lead_names(a) | lead_numbers(a) for a in articles])
