"""A small flood story written for these tests: one original (A) with a copy (B), two independent reports (C, D)."""

from __future__ import annotations

from tests.corroborate.builders import Doc, build, origins_for

__all__ = ["flood_articles", "flood_origins"]

QUOTE = "We have never seen the water rise this fast in a single night,"


def _q(text: str, value: float, unit: str | None, nv: float | None, nu: str | None, measured: str,
       approx: str = "=") -> dict:
    """A quantity annotation."""
    return {"text": text, "value": value, "unit": unit, "normalized_value": nv, "normalized_unit": nu,
            "approx": approx, "measured": measured}


def _ents(*names: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    """Entity annotations."""
    return list(names)


HALDEN = ("Halden", "GPE", "Halden")
MARREN = ("Marren River", "LOC", "Marren River")
KORBY = ("Korby", "GPE", "Korby")


def _a(id_: str, outlet: str) -> Doc:
    """The original report (and, with another id and outlet, its verbatim copy)."""
    return Doc(
        id_, [
            "Floodwaters from the Marren River forced 10,000 residents of Halden to leave their homes on Saturday.",
            "The river crested at 6.2 metres, its highest level since records began, the regional water authority said.",
            f"\u201c{QUOTE}\u201d Mayor Ilse Brandt said.",
            "Flooded farmland stretched 12 miles from the riverbank.",
            "The dam upstream at Korby was not damaged, engineers said.",
            "A relief fund opened by the county has already raised 2 million euros.",
            "Schools in Halden will stay closed until Wednesday, the education office announced.",
        ],
        outlet=outlet, published="2025-03-02T08:00:00",
        quantities=[_q("10,000 residents", 10000, None, 10000, None, "residents"),
                    _q("6.2 metres", 6.2, "m", 6.2, "m", "crest"),
                    _q("12 miles", 12, "mi", 19312.1, "m", "farmland"),
                    _q("2 million euros", 2e6, "EUR", 2e6, "EUR", "relief fund")],
        quotes=[{"text": QUOTE, "speaker": "Ilse Brandt", "speaker_text": "Ilse Brandt"}],
        dates=[("on Saturday", "2025-03-01"), ("until Wednesday", "2025-03-05")],
        entities=_ents(MARREN, HALDEN, KORBY, ("Ilse Brandt", "PERSON", "Ilse Brandt")),
    )


def _c() -> Doc:
    """An independent report: a different head count, a converted distance, a reworded quote, a contradiction."""
    return Doc(
        "c", [
            "A total of 11,000 residents were evacuated from Halden on Saturday after the Marren River burst its banks.",
            "The Marren crested at 6.2 metres on March 1, the highest since records began, according to the water authority.",
            "\u201cWe have never seen water rise this fast in one night,\u201d Mayor Ilse Brandt told reporters.",
            "Flooded farmland stretched 19 kilometres from the riverbank.",
            "Engineers said the dam upstream at Korby was damaged by the surge.",
            "A county relief fund has raised 2 million euros so far.",
        ],
        outlet="Northern Post", published="2025-03-02T10:00:00",
        quantities=[_q("11,000 residents", 11000, None, 11000, None, "residents"),
                    _q("6.2 metres", 6.2, "m", 6.2, "m", "crest"),
                    _q("19 kilometres", 19, "km", 19000, "m", "farmland"),
                    _q("2 million euros", 2e6, "EUR", 2e6, "EUR", "relief fund")],
        quotes=[{"text": "We have never seen water rise this fast in one night,", "speaker": "Ilse Brandt"}],
        dates=[("on Saturday", "2025-03-01"), ("on March 1", "2025-03-01")],
        entities=_ents(MARREN, HALDEN, KORBY, ("Ilse Brandt", "PERSON", "Ilse Brandt"), ("Marren", "LOC", "Marren River")),
    )


def _d() -> Doc:
    """A third origin: agrees on the head count within its hedge, dates the crest differently, credits the quote to someone else."""
    return Doc(
        "d", [
            "Nearly 10,000 Halden residents left their homes on Saturday as the Marren River flooded the town.",
            "The river crested at 6.2 metres on March 8, the highest level on record, the water authority said.",
            f"\u201c{QUOTE}\u201d said deputy mayor Tom Reyes.",
            "The Coastal Times could not reach the county office for comment on Sunday evening.",
        ],
        outlet="Coastal Times", published="2025-03-03T07:00:00",
        quantities=[_q("Nearly 10,000 Halden residents", 10000, None, 10000, None, "residents", "~"),
                    _q("6.2 metres", 6.2, "m", 6.2, "m", "crest")],
        quotes=[{"text": QUOTE, "speaker": "Tom Reyes"}],
        dates=[("on Saturday", "2025-03-01"), ("on March 8", "2025-03-08"), ("on Sunday evening", "2025-03-02")],
        entities=_ents(MARREN, HALDEN, ("Tom Reyes", "PERSON", "Tom Reyes")),
    )


def flood_articles():
    """The four annotated articles."""
    return [build(_a("a", "Riverton Gazette")), build(_a("b", "Valley Wire")), build(_c()), build(_d())]


def flood_origins():
    """B copies A; C and D are independent."""
    return origins_for({"o1": ["a", "b"], "o2": ["c"], "o3": ["d"]})
