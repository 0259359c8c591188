"""Dates resolved against the publication date."""

from __future__ import annotations


def test_relative_dates_resolve_to_the_past(annotate_text):
    art = annotate_text(
        "The strike came on Tuesday, two days after talks broke down on Nov. 17, 2024. It was announced yesterday.",
        published="2024-11-21T09:00:00Z",
    )
    values = {d.text: d.value for d in art.dates}
    assert values["Tuesday"] == "2024-11-19"
    assert values["Nov. 17, 2024"] == "2024-11-17"
    assert values["yesterday"] == "2024-11-20"


def test_durations_are_kept_without_value(annotate_text):
    art = annotate_text("The siege lasted three years.", published="2024-11-21")
    assert [(d.text, d.value) for d in art.dates] == [("three years", None)]


def test_bare_year(annotate_text):
    art = annotate_text("The bridge was built in 1998.")
    assert [(d.text, d.value) for d in art.dates] == [("1998", "1998")]


def test_undated_article_keeps_relative_dates_unresolved(annotate_text):
    art = annotate_text("The strike came on Tuesday, a week after talks broke down on Nov. 17, 2024. It ended on March 3.")
    values = {d.text: d.value for d in art.dates}
    assert values["Tuesday"] is None  # no publication date to count back from: never 'this week' of the run
    assert values["March 3"] is None
    assert values["Nov. 17, 2024"] == "2024-11-17"
