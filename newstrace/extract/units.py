"""Number words, scales, approximation cues and units with their base-unit conversions."""

from __future__ import annotations

__all__ = [
    "WORDS", "SCALES", "SUFFIX_SCALES", "CURRENCY_SYMBOLS", "CURRENCY_WORDS", "UNITS", "APPROX",
    "APPROX_AFTER", "parse_words", "singular",
]

WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12,
}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Letters glued to digits ("2.8bn", "5k") or standing alone after a currency amount ("$3 m").
SUFFIX_SCALES = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "bln": 1e9, "tn": 1e12,
    "trn": 1e12, "m.": 1e6, "bn.": 1e9,
}
CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "usd": "USD", "a$": "AUD", "au$": "AUD", "aud": "AUD", "c$": "CAD",
    "ca$": "CAD", "cad": "CAD", "hk$": "HKD", "hkd": "HKD", "nz$": "NZD", "s$": "SGD", "r$": "BRL",
    "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "₹": "INR",
    "inr": "INR", "₽": "RUB", "rub": "RUB", "₪": "ILS", "₩": "KRW", "₴": "UAH", "rm": "MYR",
    "chf": "CHF", "cny": "CNY", "rmb": "CNY",
}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "rupee": "INR",
    "rupees": "INR", "shekel": "ILS", "shekels": "ILS", "ringgit": "MYR", "won": "KRW",
    "hryvnia": "UAH", "hryvnias": "UAH", "hryvnia's": "UAH", "peso": "MXN", "pesos": "MXN",
    "franc": "CHF", "francs": "CHF", "cent": "USD", "cents": "USD", "usd": "USD", "eur": "EUR",
}
CENTS = {"cent", "cents"}

# surface form -> (display unit, base unit, factor to base)
_U: dict[str, tuple[str, str, float]] = {}


def _add(forms: str, name: str, base: str, factor: float) -> None:
    """Register the space-separated surface forms of one unit."""
    for f in forms.split("|"):
        _U[f] = (name, base, factor)


_add("km|kms|kilometre|kilometres|kilometer|kilometers|kilometre-long|kilometer-long", "km", "km", 1.0)
_add("mile|miles|mi", "mile", "km", 1.609344)
_add("nautical mile|nautical miles|nm", "nautical mile", "km", 1.852)
_add("m|metre|metres|meter|meters", "m", "m", 1.0)
_add("cm|centimetre|centimetres|centimeter|centimeters", "cm", "m", 0.01)
_add("mm|millimetre|millimetres|millimeter|millimeters", "mm", "m", 0.001)
_add("ft|foot|feet|′", "foot", "m", 0.3048)
_add("yard|yards|yd|yds", "yard", "m", 0.9144)
_add("inch|inches|in.|″|\"", "inch", "m", 0.0254)
_add("kg|kgs|kilogram|kilograms|kilo|kilos", "kg", "kg", 1.0)
_add("g|gram|grams", "g", "kg", 0.001)
_add("mg|milligram|milligrams", "mg", "kg", 1e-6)
_add("tonne|tonnes|metric ton|metric tons|t", "tonne", "kg", 1000.0)
_add("ton|tons", "ton", "kg", 907.18474)
_add("lb|lbs|pound-mass", "lb", "kg", 0.45359237)
_add("ounce|ounces|oz", "ounce", "kg", 0.028349523)
_add("km/h|kph|km/hr|kmh|kilometres per hour|kilometers per hour", "km/h", "km/h", 1.0)
_add("mph|miles per hour|miles an hour", "mph", "km/h", 1.609344)
_add("knot|knots", "knot", "km/h", 1.852)
_add("square kilometres|square kilometers|sq km|km2|square kilometre|square kilometer", "km2", "km2", 1.0)
_add("square miles|square mile|sq mi", "square mile", "km2", 2.589988)
_add("hectare|hectares|ha", "hectare", "km2", 0.01)
_add("acre|acres", "acre", "km2", 0.0040468564)
_add("square feet|square foot|sq ft", "square foot", "m2", 0.09290304)
_add("square metres|square meters|square metre|square meter|sq m|m2", "m2", "m2", 1.0)
_add("litre|litres|liter|liters|l", "litre", "l", 1.0)
_add("gallon|gallons", "gallon", "l", 3.785411784)
_add("barrel|barrels|bbl", "barrel", "l", 158.987295)
_add("second|seconds|sec|secs", "second", "day", 1 / 86400)
_add("minute|minutes|min|mins", "minute", "day", 1 / 1440)
_add("hour|hours|hr|hrs", "hour", "day", 1 / 24)
_add("day|days", "day", "day", 1.0)
_add("week|weeks", "week", "day", 7.0)
_add("month|months", "month", "day", 30.436875)
_add("year|years|yr|yrs", "year", "day", 365.25)
_add("decade|decades", "decade", "day", 3652.5)
_add("%|percent|per cent|pct|percentage", "%", "%", 1.0)
_add("percentage point|percentage points|points|point|pts|basis points|basis point", "point", "point", 1.0)
_add("w|watt|watts", "watt", "kW", 0.001)
_add("kw|kilowatt|kilowatts", "kW", "kW", 1.0)
_add("mw|megawatt|megawatts", "MW", "kW", 1e3)
_add("gw|gigawatt|gigawatts", "GW", "kW", 1e6)
_add("hp|horsepower|bhp", "horsepower", "kW", 0.745699872)
_add("kwh|kilowatt-hours|kilowatt hours", "kWh", "kWh", 1.0)
_add("mwh|megawatt-hours|megawatt hours", "MWh", "kWh", 1e3)
_add("degrees|degree|°", "degree", "degree", 1.0)
_add("°c|celsius|degrees celsius|degrees c", "°C", "°C", 1.0)
_add("°f|fahrenheit|degrees fahrenheit|degrees f", "°F", "°F", 1.0)
_add("hz|hertz", "Hz", "Hz", 1.0)
_add("khz|kilohertz", "kHz", "Hz", 1e3)
_add("rpm", "rpm", "rpm", 1.0)
_add("ppm", "ppm", "ppm", 1.0)
_add("ppb", "ppb", "ppb", 1.0)
_add("mpg", "mpg", "mpg", 1.0)
_add("gb|gigabyte|gigabytes", "GB", "GB", 1.0)
_add("tb|terabyte|terabytes", "TB", "GB", 1e3)
_add("mb|megabyte|megabytes", "MB", "GB", 1e-3)
_add("ghz", "GHz", "Hz", 1e9)
_add("mhz", "MHz", "Hz", 1e6)
_add("kt|kiloton|kilotons|kilotonne|kilotonnes", "kiloton", "kiloton", 1.0)
_add("megaton|megatons", "megaton", "kiloton", 1e3)
_add("mah", "mAh", "mAh", 1.0)
UNITS = _U
MAX_UNIT_WORDS = 3

# Words before a number (lowercased, as tuples) and the bound they express.
APPROX = {
    ("about",): "~", ("around",): "~", ("nearly",): "~", ("almost",): "~", ("close", "to"): "~",
    ("some",): "~", ("roughly",): "~", ("approximately",): "~", ("an", "estimated"): "~",
    ("estimated",): "~", ("approx.",): "~", ("circa",): "~", ("~",): "~", ("≈",): "~", ("about", "a"): "~",
    ("some", "of"): "~", ("an", "approximate"): "~", ("approximate",): "~", ("almost", "a"): "~",
    ("nearly", "a"): "~", ("roughly", "a"): "~", ("around", "a"): "~",
    ("up", "to"): "<=", ("at", "most"): "<=", ("no", "more", "than"): "<=", ("fewer", "than"): "<=",
    ("less", "than"): "<=", ("under",): "<=", ("below",): "<=", ("not", "more", "than"): "<=",
    ("a", "maximum", "of"): "<=", ("maximum", "of"): "<=",
    ("lower", "than"): "<=",
    ("more", "than"): ">=", ("over",): ">=", ("at", "least"): ">=", ("upwards", "of"): ">=",
    ("above",): ">=", ("in", "excess", "of"): ">=", ("exceeding",): ">=", ("no", "less", "than"): ">=",
    ("no", "fewer", "than"): ">=", ("greater", "than"): ">=", ("higher", "than"): ">=",
    ("a", "minimum", "of"): ">=", ("minimum", "of"): ">=", ("well", "over"): ">=",
    ("more", "then"): ">=", ("over", "than"): ">=", ("beyond",): ">=",
}
APPROX_AFTER = {("or", "more"): ">=", ("plus",): ">=", ("+",): ">=", ("or", "so"): "~", ("-plus",): ">=", ("or", "less"): "<="}
IRREGULAR = {"people": "person", "children": "child", "men": "man", "women": "woman", "feet": "foot", "troops": "troop"}


def parse_words(words: list[str]) -> float | None:
    """Value of a run of number words ('two million', 'a dozen', 'three hundred fifty')."""
    total, current, seen = 0.0, 0.0, False
    for w in words:
        w = w.lower()
        if w in ("a", "an"):
            current = max(current, 1.0)
        elif w in WORDS:
            current += WORDS[w] if w != "dozen" else 0
            if w == "dozen":
                current = max(current, 1.0) * 12
            seen = True
        elif w == "hundred":
            current = max(current, 1.0) * 100
            seen = True
        elif w in SCALES:
            total += max(current, 1.0) * SCALES[w]
            current, seen = 0.0, True
        elif w == "and":
            continue
        else:
            return None
    return total + current if seen else None


def singular(noun: str) -> str:
    """A crude singular for count units ('soldiers' -> 'soldier'), enough to compare counts."""
    low = noun.lower()
    if low in IRREGULAR:
        return IRREGULAR[low]
    if low.endswith("ies") and len(low) > 4:
        return low[:-3] + "y"
    if low.endswith(("sses", "shes", "ches", "xes")):
        return low[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low
