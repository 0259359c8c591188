"""Compare quantities on normalized values with a tolerance that respects stated precision and approximation."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from newstrace.model import Quantity

__all__ = ["is_physical", "unit_key", "normalized", "interval", "agree", "severity", "relative_difference", "measured_tokens"]

EXACT_FLOOR = 0.001  # relative slack for exact values (float noise, rounding in conversions)
APPROX_FLOOR = 0.01  # "about"/"nearly" at least this much either way
APPROX_CAP = 0.10  # ...and no more than this, however round the number
_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?(?:\s*(thousand|million|billion|trillion|bn)\b|(k)\b)?", re.I)
_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_STOP = {"the", "a", "an", "and", "or", "some", "more", "than", "about", "around", "nearly", "roughly", "almost",
         "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens", "hundred",
         "hundreds", "thousand", "thousands", "million", "millions", "billion", "several", "other", "others"}
_PREP = {"of", "in", "on", "at", "for", "with", "from", "to", "by", "into", "across", "along", "near"}


_PHYSICAL = frozenset({"%", "percent", "km", "m", "kg", "l", "s", "h", "day", "year", "km2", "m2", "m3", "ha", "c", "f",
                       "w", "kwh", "t", "mph", "km/h", "usd", "eur", "gbp"})


@lru_cache(maxsize=1)
def _bases() -> frozenset[str]:
    """Base units and currency codes of the extract stage's unit table (lower-cased), plus common ones."""
    try:
        from newstrace.extract.units import CURRENCY_SYMBOLS, CURRENCY_WORDS, UNITS
    except ImportError:
        return _PHYSICAL
    codes = list(CURRENCY_SYMBOLS.values()) + list(CURRENCY_WORDS.values())
    return _PHYSICAL | {base.lower() for _, base, _ in UNITS.values()} | {c.lower() for c in codes}


def is_physical(key: str | None) -> bool:
    """A unit of measure (km, kg, USD) rather than a counted noun (troops, homes)."""
    return key is not None and key in _bases()


def unit_key(q: Quantity) -> str | None:
    """The unit quantities are compared in (normalized when extraction converted it)."""
    u = q.normalized_unit or q.unit
    return u.lower() if u else None


def _factor(q: Quantity) -> float:
    """Multiplier from the stated unit to the normalized one."""
    if q.normalized_value is None or not q.value:
        return 1.0
    return q.normalized_value / q.value


def normalized(q: Quantity) -> float:
    """The value in the comparison unit."""
    return q.normalized_value if q.normalized_value is not None else q.value


def _half_unit(q: Quantity) -> float:
    """Half a unit of the last written digit ("1.5 million" is +-50,000; "305" is +-0.5), in the stated unit."""
    m = _NUMBER.search(q.text or "")
    if not m:
        return 0.0
    decimals = len(m.group(1) or "")
    scale = _SCALE.get((m.group(2) or m.group(3) or "").lower(), 1.0)
    return 0.5 * 10 ** (-decimals) * scale


def _roundness(value: float) -> float:
    """Half the step a round number suggests when stated approximately (50,000 -> 5,000)."""
    v = abs(value)
    if v < 1 or v != int(v):
        return 0.0
    zeros = len(str(int(v))) - len(str(int(v)).rstrip("0"))
    return 0.5 * 10**zeros if zeros else 0.0


def interval(q: Quantity) -> tuple[float, float]:
    """The values a statement is consistent with, in the comparison unit."""
    f, v = _factor(q), q.value
    hi_v = q.upper if q.upper is not None else v
    slack = max(_half_unit(q), EXACT_FLOOR * abs(hi_v))
    if q.approx == "~":
        slack = max(slack, APPROX_FLOOR * abs(hi_v), min(_roundness(v), APPROX_CAP * abs(v)))
    lo, hi = (v - slack) * f, (hi_v + slack) * f
    lo, hi = min(lo, hi), max(lo, hi)
    if q.approx == "<=":
        lo = -math.inf if v < 0 else 0.0
    elif q.approx == ">=":
        hi = math.inf
    return lo, hi


def agree(a: Quantity, b: Quantity) -> bool:
    """Whether two statements of the same measured thing can both be true."""
    (alo, ahi), (blo, bhi) = interval(a), interval(b)
    return alo <= bhi and blo <= ahi


def _point(q: Quantity) -> float:
    """A single representative value (midpoint of a range)."""
    v = normalized(q)
    if q.upper is not None:
        v = (v + q.upper * _factor(q)) / 2
    return v


def relative_difference(a: Quantity, b: Quantity) -> float:
    """|a - b| relative to the larger magnitude."""
    x, y = _point(a), _point(b)
    top = max(abs(x), abs(y))
    return abs(x - y) / top if top else 0.0


def severity(a: Quantity, b: Quantity) -> str:
    """High for a clear disagreement between precise figures, low for a hair between hedged ones."""
    d = relative_difference(a, b)
    precise = a.approx == "=" and b.approx == "="
    if d >= 0.15 or (precise and d >= 0.05):
        return "high"
    if d >= 0.05 or (precise and d >= 0.02):
        return "medium"
    return "low"


def measured_tokens(phrase: str | None) -> list[str]:
    """Content words of a measured phrase up to its first preposition (the head noun last), crudely singularized."""
    words = re.findall(r"[a-z]+", (phrase or "").lower())
    out = []
    for w in words:
        if w in _PREP and out:
            break
        if w in _STOP:
            continue
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out
