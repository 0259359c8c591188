"""Direct and indirect quotes, cues and speakers."""

from __future__ import annotations


def _quotes(annotate_text, text: str):
    art = annotate_text(text)
    return art, list(art.quotes)


def _cue(art, q) -> str | None:
    return art.text[q.cue_span[0] : q.cue_span[1]] if q.cue_span else None


def test_direct_quote_with_trailing_cue_and_pronoun(annotate_text):
    art, qs = _quotes(
        annotate_text,
        'Mayor Clara Voss visited the shelter on Friday. "We will rebuild every home," she told reporters.',
    )
    (q,) = qs
    assert (q.kind, q.text, _cue(art, q), q.speaker) == ("direct", "We will rebuild every home,", "told", "Clara Voss")
    assert art.text[q.speaker_span[0] : q.speaker_span[1]] == "she"


def test_curly_quotes_split_by_cue_share_speaker(annotate_text):
    art, qs = _quotes(annotate_text, "“The water came fast,” said Omar Reyes, a farmer, “and it took everything.”")
    assert [q.text for q in qs] == ["The water came fast,", "and it took everything."]
    assert {q.speaker for q in qs} == {"Omar Reyes"}
    assert {_cue(art, q) for q in qs} == {"said"}


def test_quote_across_paragraphs(annotate_text):
    text = (
        "“The first wave reached the harbour before dawn.\n\n"
        "“By noon the second had flooded the market,” said Lena Ortiz."
    )
    art, qs = _quotes(annotate_text, text)
    assert [q.text for q in qs] == [
        "The first wave reached the harbour before dawn.",
        "By noon the second had flooded the market,",
    ]
    assert all(q.speaker == "Lena Ortiz" for q in qs)


def test_nested_quote_stays_inside(annotate_text):
    art, qs = _quotes(annotate_text, "“They kept shouting ‘stay inside’ all night,” said Ana Berg.")
    assert [q.text for q in qs] == ["They kept shouting ‘stay inside’ all night,"]


def test_indirect_said_that_with_title_stripped(annotate_text):
    art, qs = _quotes(
        annotate_text,
        "Kremlin spokesperson Dmitry Peskov said that the new rules would take effect next month.",
    )
    (q,) = qs
    assert q.kind == "indirect"
    assert q.text == "that the new rules would take effect next month"
    assert q.speaker == "Dmitry Peskov"
    assert art.text[q.speaker_span[0] : q.speaker_span[1]] == "Kremlin spokesperson Dmitry Peskov"


def test_according_to(annotate_text):
    art, qs = _quotes(annotate_text, "According to the health ministry, 40 people were treated overnight.")
    (q,) = qs
    assert (q.kind, q.text, q.speaker) == ("indirect", "40 people were treated overnight", "health ministry")
    assert _cue(art, q) == "According to"


def test_warned_and_told_reporters(annotate_text):
    art, qs = _quotes(
        annotate_text,
        "Governor Ray Miller warned that the dam could fail. He told reporters the town had been evacuated.",
    )
    assert [(q.text, q.speaker) for q in qs] == [
        ("that the dam could fail", "Ray Miller"),
        ("the town had been evacuated", "Ray Miller"),
    ]
    assert [_cue(art, q) for q in qs] == ["warned", "told"]


def test_pronoun_resolves_to_compatible_person(annotate_text):
    art, qs = _quotes(
        annotate_text,
        "Ms. Dana Hart met Mr. Paul Stone at the port. Stone said the ships were late. "
        "She said the cranes had failed.",
    )
    assert [q.speaker for q in qs] == ["Paul Stone", "Dana Hart"]


def test_scare_quotes_are_not_quotes(annotate_text):
    _, qs = _quotes(annotate_text, "The committee called the plan a “dead end” in its report.")
    assert all(q.kind != "direct" for q in qs)


def test_parenthetical_cue_reports_the_whole_sentence(annotate_text):
    art, qs = _quotes(annotate_text, "The new bridge, the engineer said, will carry twice the traffic of the old one.")
    (q,) = qs
    assert q.text == "The new bridge, the engineer said, will carry twice the traffic of the old one"
    assert _cue(art, q) == "said" and q.speaker == "the engineer"


def test_quoted_titles_are_not_quotes(annotate_text):
    _, qs = _quotes(annotate_text, "She told “Morning Report Weekly” that she would run again.")
    assert all(q.kind != "direct" for q in qs)
