"""Articles to and from JSON, annotations included, for caching in the store and moving between engines."""

from __future__ import annotations

import json
from typing import Any

from ..model import Article, Cite, DateMention, Entity, Quantity, Quote, Sentence, to_dict

__all__ = ["article_to_json", "article_from_json", "article_from_dict"]

_NESTED = {"cites": Cite, "sentences": Sentence, "entities": Entity, "quantities": Quantity, "quotes": Quote, "dates": DateMention}
_SPANS = ("span", "cue_span", "speaker_span")


def article_to_json(article: Article) -> str:
    """Compact JSON of the whole record."""
    return json.dumps(to_dict(article), ensure_ascii=False, separators=(",", ":"))


def _item(cls: type, data: dict[str, Any]) -> Any:
    """One nested record, spans back to tuples."""
    for key in _SPANS:
        if data.get(key) is not None:
            data[key] = tuple(data[key])
    return cls(**data)


def article_from_dict(data: dict[str, Any]) -> Article:
    """An Article from its dict form (unknown keys ignored)."""
    fields = set(Article.__dataclass_fields__)
    values = {k: v for k, v in data.items() if k in fields and k not in _NESTED}
    for key, cls in _NESTED.items():
        values[key] = tuple(_item(cls, dict(x)) for x in data.get(key) or ())
    return Article(**values)


def article_from_json(text: str) -> Article:
    """An Article from article_to_json's output."""
    return article_from_dict(json.loads(text))
