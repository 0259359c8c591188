"""Sentence splitting: abbreviations never split, paragraph breaks always do."""

from __future__ import annotations


def _texts(nlp, text: str) -> list[str]:
    from newstrace.extract.sentences import sentences

    return [s.text for s in sentences(nlp(text))]


def test_abbreviations_do_not_split(nlp):
    text = (
        "The U.S. Army moved the battery on Nov. 18 at 5 p.m. local time, Mr. Hale said. "
        "Gen. Ortiz arrived later."
    )
    assert _texts(nlp, text) == [
        "The U.S. Army moved the battery on Nov. 18 at 5 p.m. local time, Mr. Hale said.",
        "Gen. Ortiz arrived later.",
    ]


def test_us_at_end_followed_by_lowercase_stays_one_sentence(nlp):
    text = "Aid from the U.S. has slowed since spring, officials said."
    assert _texts(nlp, text) == [text]


def test_paragraph_break_always_ends_a_sentence(nlp):
    text = "The bridge reopened on Monday and traffic\n\nresumed slowly along the river road."
    assert _texts(nlp, text) == ["The bridge reopened on Monday and traffic", "resumed slowly along the river road."]


def test_spans_are_exact_and_trimmed(nlp):
    from newstrace.extract.sentences import sentences

    text = "  First one here.  Second one follows.\n\n  Third after a break. "
    sents = sentences(nlp(text))
    assert [s.text for s in sents] == ["First one here.", "Second one follows.", "Third after a break."]
    assert all(text[s.span[0] : s.span[1]] == s.text for s in sents)
