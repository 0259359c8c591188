"""Hand-built annotated articles for corroboration tests (our own sentences; spans found with str.index)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newstrace.model import Article, DateMention, Entity, Origin, Quantity, Quote, Sentence

__all__ = ["Doc", "build", "origins_for", "span_of"]


def span_of(text: str, part: str, after: int = 0) -> tuple[int, int]:
    """[start, end) of the first occurrence of part at or after `after`."""
    start = text.index(part, after)
    return start, start + len(part)


@dataclass
class Doc:
    """An article under construction: sentences plus the items extraction would find."""

    id: str
    sentences: list[str]
    outlet: str | None = None
    published: str | None = None
    quantities: list[dict] = field(default_factory=list)  # {"text", "value", ...Quantity fields}
    quotes: list[dict] = field(default_factory=list)  # {"text", "speaker", "kind"}
    dates: list[tuple[str, str | None]] = field(default_factory=list)  # (text, iso value)
    entities: list[tuple[str, str, str]] = field(default_factory=list)  # (text, label, canonical)


def build(doc: Doc) -> Article:
    """An annotated Article whose every span satisfies text[start:end] == item.text."""
    text = " ".join(doc.sentences)
    sents, at = [], 0
    for s in doc.sentences:
        span = span_of(text, s, at)
        sents.append(Sentence(span, s))
        at = span[1]
    qty = tuple(Quantity(span=span_of(text, q["text"]), **q) for q in doc.quantities)
    quotes = []
    for q in doc.quotes:
        sp = q.get("speaker")
        quotes.append(Quote(span=span_of(text, q["text"]), text=q["text"], kind=q.get("kind", "direct"),
                            speaker=sp, speaker_span=span_of(text, q.get("speaker_text", sp)) if sp else None))
    dates = tuple(DateMention(span_of(text, t), t, v) for t, v in doc.dates)
    ents = tuple(Entity(span_of(text, t), t, label, canon) for t, label, canon in doc.entities)
    return Article(id=doc.id, text=text, source=f"{doc.id}.txt", outlet=doc.outlet or doc.id.upper(),
                   published=doc.published, sentences=tuple(sents), quantities=qty, quotes=tuple(quotes),
                   dates=dates, entities=ents)


def origins_for(groups: dict[str, list[str]]) -> list[Origin]:
    """Origins from {origin id: article ids}, the first article as root."""
    return [Origin(id=o, articles=tuple(a), root=a[0]) for o, a in groups.items()]
