"""Extraction stage: sentences, entities, quantities, quotes and dates, each with spans into the text.

`annotate(articles)` parses a batch with one spaCy pipeline (`nlp.pipe`) and fills every
article's extracted fields; `canonicalize(articles)` then unifies person names across one
story's articles.
"""

from __future__ import annotations

import multiprocessing
import re
from dataclasses import replace as dc_replace
from typing import Sequence

from spacy.tokens import Doc

from newstrace.model import Article, Quantity, replace

from .canonical import canonicalize
from .dates import dates
from .entities import entities
from .nlp import load_nlp, parse, piece_docs
from .quantities import quantities
from .quotes import quotes
from .sentences import sentences

__all__ = ["EXTRACTOR_VERSION", "annotate", "canonicalize"]

EXTRACTOR_VERSION = "extract/0.7"
POOL_MIN_SHARE = 8  # articles per process below which a pool is not worth a fork (measured: a fork adds ~0 CPU)


def annotate(articles: Sequence[Article], batch_size: int = 16, n_process: int = 1) -> list[Article]:
    """The same articles with sentences, entities, quantities, quotes and dates filled in.

    With `n_process` > 1 and at least 2 x min(`batch_size`, `POOL_MIN_SHARE`) articles, this
    process and `n_process` - 1 forked workers each annotate a share of the articles (grouped
    so that copies share a process); workers send back finished articles (not spaCy docs,
    which cost more to serialize than to rebuild) and keep their own sentence cache.
    """
    if n_process > 1 and len(articles) >= 2 * min(batch_size, POOL_MIN_SHARE):
        return _annotate_pool(list(articles), batch_size, n_process)
    out = []
    for art, doc in zip(articles, parse((a.text for a in articles), batch_size=batch_size)):
        out.append(_fill(art, doc))
    return out


def _annotate_chunk(args: tuple[list[Article], int]) -> list[Article]:
    """Worker: annotate one chunk in this process."""
    chunk, batch_size = args
    return annotate(chunk, batch_size=batch_size, n_process=1)


def _annotate_pool(articles: list[Article], batch_size: int, n_process: int) -> list[Article]:
    """Annotate in this process and `n_process` - 1 forked workers, articles grouped to keep
    repeated sentences together; this process takes the first group itself, so only the
    workers' articles cross a pipe, and it keeps its piece cache warm for the next call."""
    load_nlp()  # loaded before the fork, so workers share it copy-on-write
    groups = _share([a.text for a in articles], n_process)
    if len(groups) == 1:
        return annotate(articles, batch_size=batch_size, n_process=1)
    ctx = multiprocessing.get_context("fork")
    out: list[Article | None] = [None] * len(articles)
    with ctx.Pool(len(groups) - 1) as pool:
        pending = pool.map_async(_annotate_chunk, [([articles[i] for i in g], batch_size) for g in groups[1:]])
        mine = annotate([articles[i] for i in groups[0]], batch_size=batch_size, n_process=1)
        done = [mine, *pending.get()]
    for g, arts in zip(groups, done):
        for i, a in zip(g, arts):
            out[i] = a
    return out  # type: ignore[return-value]


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n\s*\n")


def _share(texts: list[str], n: int) -> list[list[int]]:
    """Article indices per process: each article goes where it adds the fewest characters of
    new sentences, so copies share a process's de-duplication, with the processes kept within
    about one article of the same parse work; the lightest group comes first, for the process
    that also gathers the others' results. Sentences are cut by punctuation here, not by
    spaCy, so the grouping costs almost nothing."""
    seen: list[set[str]] = [set() for _ in range(n)]
    work = [0] * n
    groups: list[list[int]] = [[] for _ in range(n)]
    for i, text in enumerate(texts):
        sents = {s for s in _SENTENCE_END.split(text) if s}
        size = sum(map(len, sents))
        new = [sum(len(s) for s in sents if s not in seen[w]) for w in range(n)]
        least = min(work)
        w = min((k for k in range(n) if work[k] <= least + size), key=lambda k: (new[k], work[k], k))
        seen[w] |= sents
        work[w] += new[w]
        groups[w].append(i)
    return [g for _, g in sorted(zip(work, groups), key=lambda x: x[0]) if g]  # least work first: this process's share


def _piecewise_quantities(doc: Doc) -> tuple[Quantity, ...]:
    """Quantities read sentence piece by piece (each number's reading stays inside its sentence),
    memoized on the shared piece docs so a repeated sentence is read once."""
    out: list[Quantity] = []
    for off, piece in piece_docs(doc):
        found = piece.user_data.get(_QKEY)
        if found is None:
            found = piece.user_data[_QKEY] = quantities(piece)
        out.extend(q if not off else dc_replace(q, span=(q.span[0] + off, q.span[1] + off)) for q in found)
    return tuple(out)


_QKEY = "newstrace.quantities"


def _fill(art: Article, doc: Doc) -> Article:
    """One article with everything read from its parse."""
    ents = entities(doc)
    return replace(
        art,
        sentences=sentences(doc),
        entities=ents,
        quantities=_piecewise_quantities(doc),
        quotes=quotes(doc, ents),
        dates=dates(doc, art.published),
    )
