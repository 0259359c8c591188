"""Every extracted item points at exactly its own text."""

from __future__ import annotations

TEXT = """Kyiv, Nov. 18 (Wire) - The U.S. approved the transfer of up to 300 km-range missiles on Sunday, officials said.

"This changes the picture," said Defense Minister Lena Ortiz. "We expect more than 1,000 drones this week."

According to the ministry, about 50,000 troops and $55.5 billion in aid were involved. Ortiz told reporters that the first batch, roughly 186 miles from the front, would arrive by Friday.
"""


def test_every_item_span_matches_its_text(annotate_text):
    from newstrace.extract import canonicalize

    (art,) = canonicalize([annotate_text(TEXT, published="2024-11-18")])
    groups = {
        "sentences": art.sentences, "entities": art.entities, "quantities": art.quantities,
        "quotes": art.quotes, "dates": art.dates,
    }
    assert all(groups.values()), {k: len(v) for k, v in groups.items()}
    for name, items in groups.items():
        for item in items:
            s, e = item.span
            assert art.text[s:e] == item.text, (name, item)
    for q in art.quotes:
        for span in (q.cue_span, q.speaker_span):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(art.text)


def test_annotate_keeps_order_and_identity(annotate_text):
    from newstrace.extract import EXTRACTOR_VERSION, annotate
    from newstrace.model import Article

    arts = [Article(id=str(i), text=f"Report {i}: {i + 2} boats sank.", source="t") for i in range(5)]
    out = annotate(arts)
    assert [a.id for a in out] == [a.id for a in arts]
    assert all(a.text == b.text for a, b in zip(arts, out))
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION
