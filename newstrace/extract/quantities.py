"""Quantities: numbers with unit, base-unit value, bound ('about', 'up to') and what they measure."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.attrs import ORTH
from spacy.tokens import Doc, Token

from newstrace.model import Quantity

from .nlp import text_of

from .measured import measured_phrase
from .units import (
    APPROX, APPROX_AFTER, CENTS, CURRENCY_SYMBOLS, CURRENCY_WORDS, MAX_UNIT_WORDS, SCALES,
    SUFFIX_SCALES, UNITS, WORDS, parse_words, singular,
)

__all__ = ["quantities"]

NUM = re.compile(
    r"^(?P<approx>~)?(?P<cur>US\$|\$US|\$A|A\$|C\$|HK\$|NZ\$|S\$|USD|EUR|GBP|PS|Y=|RM|US|A|C|HK|NZ|[€£¥₹$])?"
    r"(?P<sign>[+\-−]|minus-)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?P<suf>(?:[A-Za-z%/°.²″′][A-Za-z0-9%/°.²″′]*)?)$"
)
FRACTION = re.compile(r"^(\d+)[/⁄](\d+)$")
# ASCII-folded text writes £ as "PS" and ¥ as "Y=" (unidecode); glued to digits they are currencies.
GLUED_CURRENCY = {"ps": "£", "y=": "¥", "$us": "us$", "$a": "a$"}
BARE_PREFIX = {"us", "a", "c", "hk", "nz"}  # only after a separate "$" ("$ US55")
PLURAL_SCALES = {"tens": 10.0, "dozens": 12.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5}
NAMED_NUMBER_BEFORE = {
    "category", "level", "no.", "number", "article", "chapter", "section", "page", "flight", "route",
    "highway", "grade", "stage", "phase", "room", "gate", "platform", "terminal", "episode", "season",
}
GLUED_UNITS = {"p": ("pence", "GBP", 0.01), "pc": ("%", "%", 1.0), "c": ("cents", "USD", 0.01)}
STREET = {"street", "st", "st.", "road", "rd", "rd.", "avenue", "ave", "ave.", "boulevard", "blvd", "way", "drive", "lane", "place", "court"}
RANGE_TOKEN = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[-–](\d[\d,]*(?:\.\d+)?)([A-Za-z%]*)$")
ORDINAL_SUFFIX = {"st", "nd", "rd", "th", "s"}
TIME_SUFFIX = {"am", "pm", "a.m.", "p.m.", "gmt", "utc", "et", "est", "edt", "bst", "cet", "hrs."}
TIME_AFTER = {"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "gmt", "utc", "et", "est", "edt", "pst", "bst", "cet", "o'clock", "local"}
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "jan.", "feb", "feb.", "mar.", "apr", "apr.", "jun", "jun.", "jul",
    "jul.", "aug", "aug.", "sep", "sep.", "sept", "sept.", "oct", "oct.", "nov", "nov.", "dec", "dec.",
}
NAME_ENTS = {"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "FAC", "GPE", "LOC", "NORP"}
PRONOUN_ONE = {"another", "who", "that", "which", "way", "thing", "day", "time", "'s", "’s"}
RANGE_JOIN = {"-", "–", "to", "and", "through", "—"}
HYPHENS = {"-", "–"}


@dataclass
class _Num:
    """A number found in the token stream: token bounds, value and any scale/unit glued to it."""

    start: int
    end: int
    value: float
    sign: str = ""
    unit: str | None = None  # unit glued to the digits ("100km")
    upper: float | None = None
    scaled: bool = False
    currency: str | None = None  # currency symbol glued to the digits ("USD10", "$US5")
    approx: str | None = None  # bound written in the token ("~25")


def _token_number(tok: Token) -> _Num | None:
    """A number written in one token ('10,000', '2.8bn', '100km', '+0.2', '15-22', 'USD10', '1/16')."""
    text = tok.text
    m = RANGE_TOKEN.match(text)
    if m:
        lo, hi = float(m.group(1).replace(",", "")), float(m.group(2).replace(",", ""))
        if hi > lo:
            return _Num(tok.i, tok.i + 1, lo, upper=hi, unit=m.group(3) or None)
    m = FRACTION.match(text)
    if m and 0 < int(m.group(1)) < int(m.group(2)) and (tok.ent_type_ != "DATE" or "⁄" in text):
        return _Num(tok.i, tok.i + 1, int(m.group(1)) / int(m.group(2)))
    m = NUM.match(text)
    if not m:
        return None
    cur, sign, suffix = m.group("cur"), m.group("sign") or "", m.group("suf")
    if cur and cur.lower() in BARE_PREFIX:
        if not (tok.i > 0 and tok.doc[tok.i - 1].text == "$"):
            return None
        cur = cur + "$"
    value = float(m.group("num").replace(",", ""))
    if suffix[-2:].lower() in ("'s", "’s", "′s"):
        suffix = suffix[:-2]  # "2022's": a possessive, not a unit
    low = suffix.lower()
    if low in ORDINAL_SUFFIX or low in TIME_SUFFIX:
        return None
    num = _Num(tok.i, tok.i + 1, value, "-" if sign == "minus-" else sign, approx="~" if m.group("approx") else None)
    if cur:
        num.currency = GLUED_CURRENCY.get(cur.lower(), cur)
    if suffix == "M" or low in SUFFIX_SCALES and low not in ("m", "b") or (low in ("m", "b") and (cur or _currency_before(tok))):
        num.value, num.scaled = value * SUFFIX_SCALES[low], True
    elif suffix:
        num.unit = suffix
    return num


def _currency_before(tok: Token) -> bool:
    """True when a currency symbol directly precedes this token."""
    return tok.i > 0 and tok.doc[tok.i - 1].text.lower() in CURRENCY_SYMBOLS


def _plural_scale(doc: Doc, i: int) -> _Num | None:
    """'hundreds of', 'tens of thousands of', 'dozens of' as a range of one order of magnitude."""
    j, value = i, 1.0
    while j + 1 < len(doc) and doc[j].lower_ in PLURAL_SCALES and doc[j + 1].lower_ == "of":
        value *= PLURAL_SCALES[doc[j].lower_]
        j += 2
    if j == i:
        return None
    upper = value * (10.0 if doc[i].lower_ != "dozens" else 10.0)
    return _Num(i, j, value, upper=upper, scaled=True)


def _fraction_words(doc: Doc, i: int, words: list[str], j: int) -> _Num | None:
    """'two-thirds', 'a third of', 'half of' as a fraction."""
    k = j + 1 if j < len(doc) and doc[j].text in HYPHENS else j
    if k < len(doc) and doc[k].lower_ in FRACTION_WORDS and words and words[-1] not in SCALES:
        whole = parse_words(words) if words != ["a"] else 1.0
        if whole and (words[0] in ("a", "one") and k + 1 < len(doc) and doc[k + 1].lower_ == "of" or whole > 1 and doc[k].lower_.endswith("s")):
            return _Num(i, k + 1, whole / FRACTION_WORDS[doc[k].lower_])
    return None


def _word_number(doc: Doc, i: int) -> _Num | None:
    """A number written in words starting at token i ('two million', 'a dozen', 'twenty-five')."""
    plural = _plural_scale(doc, i)
    if plural is not None:
        return plural
    low0 = doc[i].lower_
    if low0 == "half" and i + 1 < len(doc) and doc[i + 1].lower_ == "of" and not (i > 0 and doc[i - 1].lower_ in ("a", "and", "one")):
        return _Num(i, i + 1, 0.5)
    words: list[str] = []
    j = i
    if low0 in ("a", "an", "one") and i + 1 < len(doc) and doc[i + 1].lower_ in FRACTION_WORDS:
        return _fraction_words(doc, i, ["a"], i + 1)
    if low0 in ("a", "an") and i + 1 < len(doc) and (doc[i + 1].lower_ in SCALES or doc[i + 1].lower_ == "dozen"):
        words.append(low0)
        j += 1
    while j < len(doc):
        low = doc[j].lower_
        parts = low.split("-")
        if low in WORDS or low in SCALES or (len(parts) == 2 and all(p in WORDS for p in parts)):
            words.extend(parts)
            j += 1
        elif low == "and" and words and j + 1 < len(doc) and doc[j + 1].lower_ in WORDS and words[-1] in SCALES:
            j += 1
        else:
            break
    if not words or words in (["a"], ["an"]) or all(w in SCALES for w in words):
        return None
    frac = _fraction_words(doc, i, words, j)
    if frac is not None:
        return frac
    value = parse_words(words)
    if value is None:
        return None
    if j + 2 < len(doc) and doc[j].lower_ == "out" and doc[j + 1].lower_ == "of":
        whole = _number_at(doc, j + 2)
        if whole is not None and whole.value > value:
            return _Num(i, whole.end, value / whole.value)
    if words == ["one"] and _pronoun_one(doc, i):
        return None
    return _Num(i, j, value, scaled=any(w in SCALES for w in words))


def _pronoun_one(doc: Doc, i: int) -> bool:
    """'one' used as a pronoun ('one of them', 'no one') rather than a count."""
    tok = doc[i]
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    prev = doc[i - 1].lower_ if i > 0 else ""
    if nxt in PRONOUN_ONE or prev in ("no", "any", "every", "the", "this", "that", "someone", "each"):
        return True
    return nxt != "of" and tok.dep_ not in ("nummod", "quantmod", "compound")


def _scale_after(doc: Doc, num: _Num) -> None:
    """Apply scale words after digits ('55.5 billion', '2.8 bn', '4 hundred million')."""
    if num.scaled or num.unit:
        return
    j = num.end
    while j < len(doc):
        low = doc[j].lower_
        if low in SCALES:
            factor = SCALES[low]
        elif low in SUFFIX_SCALES and (low not in ("m", "b", "m.") or num.currency or _currency_before(doc[num.start])):
            factor = SUFFIX_SCALES[low]
        elif doc[j].text == "M":
            factor = 1e6
        else:
            break
        num.value *= factor
        if num.upper is not None:
            num.upper *= factor
        j += 1
        num.end, num.scaled = j, True


def _skip(doc: Doc, num: _Num, ranged: bool = False, has_unit: bool = False) -> bool:
    """True for years, days of month, clock times, ordinals and numbers inside names or addresses."""
    tok = doc[num.start]
    prev = doc[num.start - 1] if num.start > 0 else None
    nxt = doc[num.end] if num.end < len(doc) else None
    nxt_low = nxt.lower_ if nxt is not None else ""
    prev_low = prev.lower_ if prev is not None else ""
    unit_next = has_unit or _unit_follows(doc, num.end)
    measure_next = has_unit or (nxt is not None and (nxt_low in UNITS or nxt_low in CURRENCY_WORDS))
    plain_int = re.fullmatch(r"\d+(?:['’′]s)?", tok.text) is not None and num.end == num.start + 1
    if tok.ent_type_ == "ORDINAL" and tok.is_alpha:
        return True
    if nxt_low in TIME_AFTER or (nxt is not None and nxt.text == ":") or ":" in tok.text:
        return True
    if prev_low in MONTHS or nxt_low in MONTHS or (nxt_low == "of" and num.end + 1 < len(doc) and doc[num.end + 1].lower_ in MONTHS):
        return True
    if plain_int and 1000 <= int(re.sub(r"\D.*", "", tok.text)) < 2200 and not unit_next and num.currency is None:
        return True
    if plain_int and not unit_next and nxt is not None and nxt.tag_ == "NNP" and nxt.text[:1].isupper() and nxt.ent_type_ != "NORP":
        return True
    if nxt is not None and nxt.text in HYPHENS and not nxt.whitespace_ and not tok.whitespace_ and num.end + 1 < len(doc):
        other = doc[num.end + 1]
        if re.fullmatch(r"\d+", other.text) and re.fullmatch(r"\d+", tok.text) and int(other.text) <= int(tok.text):
            return True  # a score ("89-89", "2-0")
    if prev is not None and prev.text in HYPHENS and not prev.whitespace_ and num.start > 1:
        first = doc[num.start - 2]
        if not first.whitespace_ and re.fullmatch(r"\d+", first.text) and re.fullmatch(r"\d+", tok.text) and int(tok.text) <= int(first.text):
            return True
    if tok.ent_type_ in NAME_ENTS - {"NORP"} and not measure_next and num.unit is None:
        return True
    if plain_int and not measure_next and prev is not None and not prev.like_num and not prev.is_stop and prev.text not in ",.;:()" and (
        any(c.isupper() for c in prev.text) or prev_low in NAMED_NUMBER_BEFORE
    ):
        return True
    if prev is not None and prev.text in HYPHENS and not prev.whitespace_ and num.start > 1:
        before = doc[num.start - 2]
        if not before.whitespace_ and before.is_alpha and before.text[:1].isupper():
            return True
    if num.sign == "-" and prev is not None and prev.is_alpha and not prev.whitespace_ == "" and prev.text[:1].isupper() and prev.text.isupper():
        return True
    if tok.ent_type_ == "TIME" and not unit_next:
        return True
    if plain_int and not ranged and tok.ent_type_ == "DATE" and _date_words(tok):
        return True
    return _street(doc, num.end)


def _date_words(tok: Token) -> bool:
    """True when the DATE entity around a token names a month or weekday."""
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return any(t.lower_ in MONTHS or t.lower_.endswith("day") and t.is_title for t in ent)
    return False


def _street(doc: Doc, j: int) -> bool:
    """True when capitalized words and a street word follow ('575 Wilbraham Road')."""
    for k in range(j, min(j + 4, len(doc))):
        if doc[k].lower_ in STREET and k > j:
            return True
        if not (doc[k].text[:1].isupper() or re.fullmatch(r"\d+(?:st|nd|rd|th)", doc[k].lower_)):
            return False
    return False


def _unit_follows(doc: Doc, j: int) -> bool:
    """True when a unit, percent sign or plural noun follows position j."""
    if j >= len(doc):
        return False
    tok = doc[j]
    return tok.lower_ in UNITS or tok.lower_ in CURRENCY_WORDS or tok.tag_ == "NNS" or tok.text == "%"


def _match_unit(doc: Doc, j: int) -> tuple[str, int] | None:
    """The longest known unit starting at token j (hyphen skipped): (surface, end token)."""
    if j < len(doc) and doc[j].text in HYPHENS:
        j += 1
    if j >= len(doc) or (doc[j].lower_ not in _UNIT_PREFIXES and doc[j].lower_ not in CURRENCY_WORDS):
        return None  # every unit's surface starts with its first token's text
    for n in range(MAX_UNIT_WORDS, 0, -1):
        if j + n > len(doc):
            continue
        span = doc[j : j + n]
        surface = span.text.lower()
        if surface in UNITS or (n == 1 and surface in CURRENCY_WORDS):
            return surface, j + n
    return None


def _per(doc: Doc, j: int) -> tuple[str, int] | None:
    """A rate after a unit ('per share', 'a day', 'per hour')."""
    k = j + 1 if j < len(doc) and doc[j].text in HYPHENS else j
    if k + 1 < len(doc) and doc[k].lower_ in ("per", "a", "an") and doc[k + 1].tag_ in ("NN", "NNS"):
        if doc[k].lower_ != "per" and doc[k + 1].lower_ not in UNITS:
            return None
        end = k + 2
        if end < len(doc) and doc[end].text in HYPHENS:
            return None
        return doc[k : end].text, end
    return None


def _count_noun(doc: Doc, num: _Num, after: int) -> Token | None:
    """The noun a bare number counts ('10,000 North Korean soldiers' -> soldiers)."""
    last = doc[after - 1]
    cands = [last.head] if last.dep_ in ("nummod", "quantmod", "compound", "amod") else []
    if after < len(doc) and doc[after].tag_ in ("NNS", "NN", "NNPS"):
        cands.append(doc[after])
    for head in cands:
        if head.i >= after and head.tag_ in ("NNS", "NN", "NNPS") and head.i - after <= 4 and head.is_alpha:
            between = doc[after : head.i]
            if all(t.dep_ in ("amod", "compound", "nmod", "punct") or t.tag_ in ("JJ", "NNP", "HYPH") for t in between):
                return head
    return None


_UNIT_PREFIXES = {u[:k] for u in UNITS for k in range(1, len(u) + 1)}
_APPROX_LAST = {key[-1] for key in APPROX}
_APPROX_AFTER_FIRST = {key[0] for key in APPROX_AFTER}


def _approx(doc: Doc, start: int, end: int) -> tuple[str, int, int]:
    """The bound the words around a number express, and the widened token bounds."""
    if (start == 0 or doc[start - 1].lower_ not in _APPROX_LAST) and (end >= len(doc) or doc[end].lower_ not in _APPROX_AFTER_FIRST):
        return "=", start, end  # no bound word touches the number
    for n in (3, 2, 1):
        if start - n < 0:
            continue
        key = tuple(t.lower_ for t in doc[start - n : start])
        if key in APPROX:
            return APPROX[key], start - n, end
    for n in (2, 1):
        key = tuple(t.lower_ for t in doc[end : end + n])
        if len(key) == n and key in APPROX_AFTER:
            return APPROX_AFTER[key], start, end + n
    return "=", start, end


def _range_partner(doc: Doc, num: _Num, j: int, start: int) -> tuple[_Num, int] | None:
    """A second number closing a range ('10 to 12', 'between 10 and 12', '$1m-$2m'), with its start token."""
    if j >= len(doc) or doc[j].lower_ not in RANGE_JOIN | {"or"} or num.upper is not None:
        return None
    if doc[j].lower_ == "and" and not (start > 0 and doc[start - 1].lower_ == "between"):
        return None
    if doc[j].lower_ == "or" and (j > num.end or not _unit_follows(doc, j + 2)):
        return None
    k = j + 1
    if k < len(doc) and doc[k].lower_ in CURRENCY_SYMBOLS:
        k += 1
    other = _number_at(doc, k)
    if other is None or other.upper is not None:
        return None
    _scale_after(doc, other)
    return other, k


def _number_at(doc: Doc, i: int) -> _Num | None:
    """A number (digits or words) starting at token i."""
    if i >= len(doc):
        return None
    return _token_number(doc[i]) or _word_number(doc, i)


def _currency(doc: Doc, start: int) -> tuple[str, int] | None:
    """A currency symbol or code right before a number, with its token index."""
    i = start - 1
    if i >= 0 and doc[i].lower_ in CURRENCY_SYMBOLS:
        if doc[i].text == "$" and i > 0 and doc[i - 1].text in ("US", "A", "C", "HK", "NZ", "S", "R"):
            return (doc[i - 1].text + "$").lower(), i - 1
        return doc[i].lower_, i
    return None


def _unit_at(doc: Doc, num: _Num) -> tuple[str | None, str | None, float, int, int]:
    """An explicit unit of a number: (unit, base, factor, first token, token after)."""
    start, end = num.start, num.end
    if num.currency:
        glued = num.currency.lower()
        if start > 0 and doc[start - 1].text == "$" and glued.endswith("$"):
            start -= 1
        return num.currency, CURRENCY_SYMBOLS.get(glued, glued.upper()), 1.0, start, end
    cur = _currency(doc, start)
    if cur:
        text = doc[cur[1] : num.start].text
        return text, CURRENCY_SYMBOLS[cur[0]], 1.0, cur[1], end
    if num.unit and num.unit.lower() in UNITS:
        unit, base, factor = UNITS[num.unit.lower()]
        return unit, base, factor, start, end
    if num.unit and num.unit.lower() in GLUED_UNITS:
        unit, base, factor = GLUED_UNITS[num.unit.lower()]
        return unit, base, factor, start, end
    found = _match_unit(doc, end)
    if found:
        surface, end = found
        if surface in UNITS:
            unit, base, factor = UNITS[surface]
            return unit, base, factor, start, end
        return surface, CURRENCY_WORDS[surface], 0.01 if surface in CENTS else 1.0, start, end
    return None, None, 1.0, start, end


def _close_range(doc: Doc, num: _Num, unit: str | None, start: int, end: int) -> tuple[float, int, str | None] | None:
    """Upper bound, end token and unit when a range follows; units on both sides must agree."""
    partner = _range_partner(doc, num, end, start)
    if partner is None:
        return None
    other, k = partner
    o_unit, _, _, o_start, o_end = _unit_at(doc, other)
    if unit is not None and o_unit is not None and _unit_info(o_unit)[1:] != _unit_info(unit)[1:]:
        return None
    if unit is not None and o_unit is None and end > num.end:
        return None
    lo = num.value
    if not num.scaled and other.scaled and lo < other.value:
        base = _token_number(doc[other.start])
        if base is not None and base.value and lo * (other.value / base.value) < other.value:
            lo *= other.value / base.value
    if other.value <= lo:
        return None
    num.value = lo
    return other.value, o_end, o_unit or unit


def _build(doc: Doc, num: _Num) -> tuple[Quantity, int] | None:
    """Turn a located number into a Quantity and the token index after it."""
    _scale_after(doc, num)
    unit, base, factor, start, end = _unit_at(doc, num)
    upper = num.upper
    closed = _close_range(doc, num, unit, start, end) if upper is None else None
    if upper is None and _skip(doc, num, ranged=closed is not None, has_unit=unit is not None):
        return None
    if _street(doc, (closed[1] if closed else num.end)):
        return None
    if closed:
        upper, end, r_unit = closed
        if unit is None and r_unit is not None:
            unit, base, factor = _unit_info(r_unit)
    count = None
    if unit is None:
        count = _count_noun(doc, num, end)
        if count is not None:
            unit, base, end = count.lower_, singular(count.text), count.i + 1
    elif base not in CURRENCY_SYMBOLS.values() and (rate := _per(doc, end)):
        unit, base, end = f"{unit} {rate[0].lower()}", f"{base}/{rate[0].split()[-1].lower()}", rate[1]
    if start > 0 and doc[start - 1].lower_ == "minus":
        start, num.sign = start - 1, "-"
    value = -num.value if num.sign in ("-", "−") else num.value
    approx, start, end = _approx(doc, start, end)
    if num.approx and approx == "=":
        approx = num.approx
    if upper is not None and start > 0 and doc[start - 1].lower_ in ("between", "from"):
        start -= 1
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    anchor = count if count is not None else doc[end - 1]
    q = Quantity(
        span=(s, e), text=text_of(doc)[s:e], value=value, unit=unit,
        normalized_value=value * factor if base else None, normalized_unit=base,
        approx=approx, upper=upper,
        measured=measured_phrase(doc, anchor, start, num.end if count is not None else end, count is not None),
    )
    return q, end


def _unit_info(unit: str) -> tuple[str, str | None, float]:
    """Unit, base and factor for a unit seen after the second number of a range."""
    low = unit.lower().replace(" ", "")
    if low in UNITS:
        return UNITS[low]
    if low in CURRENCY_SYMBOLS:
        return unit, CURRENCY_SYMBOLS[low], 1.0
    if low in CURRENCY_WORDS:
        return unit, CURRENCY_WORDS[low], 0.01 if low in CENTS else 1.0
    return unit, None, 1.0


def _may_start(text: str) -> bool:
    """False for a token no number can start at: `_token_number` needs a digit, `_word_number`
    one of its words (a superset is fine: `_number_at` still decides)."""
    low = text.lower()
    if any(c.isdigit() for c in text) or low in WORDS or low in SCALES or low in PLURAL_SCALES or low in _WORD_STARTS:
        return True
    parts = low.split("-")
    return len(parts) == 2 and all(p in WORDS for p in parts)


_WORD_STARTS = {"half", "a", "an", "one"}
_MAY_START: dict[int, bool] = {}  # by the token's ORTH hash
_MAY_START_MAX = 500_000


def _starts(doc: Doc) -> list[int]:
    """Token indices where a number may start, in order (`_may_start`, memoized per word form)."""
    memo = _MAY_START
    if len(memo) > _MAY_START_MAX:
        memo.clear()
    strings = doc.vocab.strings
    out = []
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        may = memo.get(orth)
        if may is None:
            may = memo[orth] = _may_start(strings[orth])
        if may:
            out.append(i)
    return out


def quantities(doc: Doc) -> tuple[Quantity, ...]:
    """Every quantity in a parsed article, in text order."""
    out: list[Quantity] = []
    starts = _starts(doc)  # elsewhere `_number_at` finds nothing
    i = k = 0
    while True:
        k = bisect_left(starts, i, k)
        if k == len(starts):
            break
        i = starts[k]
        num = _number_at(doc, i)
        if num is None:
            i += 1
            continue
        built = _build(doc, num)
        if built is None:
            i = max(num.end, i + 1)
            continue
        out.append(built[0])
        i = max(built[1], i + 1)
    return tuple(out)
