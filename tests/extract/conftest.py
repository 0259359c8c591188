"""One spaCy pipeline per test session, and a helper that annotates one text."""

from __future__ import annotations

from typing import Callable

import pytest

from newstrace.model import Article


@pytest.fixture(scope="session")
def nlp():
    """The extraction pipeline, loaded once."""
    from newstrace.extract.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def annotate_text(nlp) -> Callable[..., Article]:
    """Annotate one text (optionally with a publication date) and return the article."""
    from newstrace.extract import annotate

    def run(text: str, published: str | None = None) -> Article:
        return annotate([Article(id="t", text=text, source="test", published=published)])[0]

    return run
