"""Quantities: value, unit, base-unit value, bound, range and what is measured."""

from __future__ import annotations

import math

import pytest


def _q(nlp, text: str):
    from newstrace.extract.quantities import quantities

    return quantities(nlp(text))


def _one(nlp, text: str):
    found = _q(nlp, text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def test_miles_converted_to_km(nlp):
    q = _one(nlp, "The rockets can strike targets 186 miles away.")
    assert (q.value, q.unit, q.normalized_unit, q.approx) == (186, "mile", "km", "=")
    assert math.isclose(q.normalized_value, 299.34, rel_tol=1e-3)


def test_currency_with_scale(nlp):
    q = _one(nlp, "Lawmakers approved $55.5 billion in new spending.")
    assert q.text == "$55.5 billion"
    assert (q.value, q.normalized_value, q.normalized_unit) == (5.55e10, 5.55e10, "USD")


def test_about_troops_is_approximate_count(nlp):
    q = _one(nlp, "The army moved about 50,000 troops to the border.")
    assert (q.value, q.unit, q.normalized_unit, q.approx) == (50000, "troops", "troop", "~")
    assert q.text == "about 50,000 troops"


def test_up_to_is_upper_bound(nlp):
    q = _one(nlp, "The missiles have a range of up to 300 km.")
    assert (q.value, q.unit, q.approx) == (300, "km", "<=")
    assert q.measured == "range"


def test_more_than_is_lower_bound(nlp):
    q = _one(nlp, "More than 1,000 drones were launched overnight.")
    assert (q.value, q.unit, q.approx) == (1000, "drones", ">=")


def test_measured_counted_noun_keeps_modifiers(nlp):
    q = _one(nlp, "Officials said 10,000 North Korean soldiers had arrived.")
    assert q.unit == "soldiers"
    assert q.measured == "North Korean soldiers"


def test_measured_through_of_phrase(nlp):
    q = _one(nlp, "The range of the new rocket is about 80 kilometres.")
    assert q.approx == "~" and q.unit == "km"
    assert q.measured == "range of the new rocket"


@pytest.mark.parametrize(
    ("text", "value", "upper"),
    [
        ("Between 10 and 12 people were hurt.", 10, 12),
        ("Prices rose by 10-12 percent this year.", 10, 12),
        ("The fund holds $3 million to $5 million.", 3e6, 5e6),
    ],
)
def test_ranges(nlp, text, value, upper):
    q = _one(nlp, text)
    assert (q.value, q.upper) == (value, upper)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Five villages were evacuated.", 5),
        ("A dozen drones were shot down.", 12),
        ("Two million people lost power.", 2e6),
        ("About two-thirds of voters agreed.", 2 / 3),
    ],
)
def test_number_words(nlp, text, value):
    q = _one(nlp, text)
    assert math.isclose(q.value, value)


@pytest.mark.parametrize(
    "text",
    [
        "The talks began in 2019 and resumed on March 4.",
        "The meeting starts at 5 p.m. on Tuesday.",
        "She finished third in the 2022 race.",
        "The F-16 jets flew over the S&P 500 headquarters.",
        "He lives at 12 Harbor Road.",
    ],
)
def test_years_dates_times_ordinals_and_names_skipped(nlp, text):
    assert _q(nlp, text) == ()


def test_percent_and_weight(nlp):
    found = _q(nlp, "Exports fell 4.5% while the cargo weighed 20 tonnes.")
    assert [q.value for q in found] == [4.5, 20]
    assert found[0].normalized_unit == "%"
    assert found[1].normalized_value == 20000 and found[1].normalized_unit == "kg"
