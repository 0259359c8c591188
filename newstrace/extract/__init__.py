"""Extraction stage: sentences, entities, quantities, quotes and dates, each with spans into the text.

`annotate(articles)` parses a batch with one spaCy pipeline (`nlp.pipe`) and fills every
article's extracted fields; `canonicalize(articles)` then unifies person names across one
story's articles.
"""

from __future__ import annotations

from typing import Sequence

from spacy.tokens import Doc

from newstrace.model import Article, replace

from .canonical import canonicalize
from .dates import dates
from .entities import entities
from .nlp import parse
from .quantities import quantities
from .quotes import quotes
from .sentences import sentences

__all__ = ["EXTRACTOR_VERSION", "annotate", "canonicalize"]

EXTRACTOR_VERSION = "extract/0.4"


def annotate(articles: Sequence[Article], batch_size: int = 16, n_process: int = 1) -> list[Article]:
    """The same articles with sentences, entities, quantities, quotes and dates filled in."""
    out = []
    for art, doc in zip(articles, parse((a.text for a in articles), batch_size=batch_size, n_process=n_process)):
        out.append(_fill(art, doc))
    return out


def _fill(art: Article, doc: Doc) -> Article:
    """One article with everything read from its parse."""
    ents = entities(doc)
    return replace(
        art,
        sentences=sentences(doc),
        entities=ents,
        quantities=quantities(doc),
        quotes=quotes(doc, ents),
        dates=dates(doc, art.published),
    )
