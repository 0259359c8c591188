"""Quantity comparison: conversions, hedges, bounds and severity."""

from newstrace.corroborate.units import agree, interval, severity
from newstrace.model import Quantity


def q(text: str, value: float, unit: str | None = None, nv: float | None = None, nu: str | None = None,
      approx: str = "=", upper: float | None = None) -> Quantity:
    """A quantity as extraction would give it."""
    return Quantity((0, len(text)), text, value, unit, nv, nu, approx, None, upper)


KM300 = q("300 kilometres", 300, "km", 300_000, "m")
MI186 = q("186 miles", 186, "mi", 186 * 1609.344, "m")
UPTO300 = q("up to 300 kilometres", 300, "km", 300_000, "m", "<=")
ABOUT305 = q("approximately 305 kilometres", 305, "km", 305_000, "m", "~")
T10K = q("10,000 troops", 10_000)
T11K = q("11,000 troops", 11_000)


def test_unit_conversion_is_agreement():
    assert agree(KM300, MI186)
    assert agree(q("12 miles", 12, "mi", 12 * 1609.344, "m"), q("19 kilometres", 19, "km", 19_000, "m"))


def test_hedged_round_numbers_agree():
    about = q("about 50,000", 50_000, approx="~")
    nearly = q("nearly 50,000", 50_000, approx="~")
    assert agree(about, nearly)
    assert agree(about, q("52,000", 52_000))
    assert not agree(q("about 100", 100, approx="~"), q("about 150", 150, approx="~"))


def test_exact_figures_disagree_on_a_few_percent():
    assert not agree(T10K, T11K)
    assert not agree(KM300, q("305 kilometres", 305, "km", 305_000, "m"))


def test_bounds_and_ranges():
    assert agree(UPTO300, q("250 km", 250, "km", 250_000, "m"))
    assert not agree(UPTO300, ABOUT305)
    assert agree(q("more than 40", 40, approx=">="), q("42", 42))
    assert agree(q("10 to 12 people", 10, upper=12), q("11 people", 11))
    assert interval(UPTO300)[0] == 0.0


def test_written_precision_scales_with_magnitude_words():
    assert agree(q("1.5 million", 1_500_000), q("1,520,000", 1_520_000))
    assert not agree(q("1,500,000", 1_500_000), q("1,520,000", 1_520_000))


def test_severity_orders_hedged_hair_below_clear_disagreement():
    order = {"low": 0, "medium": 1, "high": 2}
    assert severity(UPTO300, ABOUT305) == "low"
    assert severity(T10K, T11K) == "high"
    assert order[severity(UPTO300, ABOUT305)] < order[severity(q("about 10,000", 10_000, approx="~"), T11K)]
    assert order[severity(q("about 10,000", 10_000, approx="~"), T11K)] <= order[severity(T10K, T11K)]
