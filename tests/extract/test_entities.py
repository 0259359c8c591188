"""Entities and canonical names, within an article and across a story."""

from __future__ import annotations

from newstrace.model import Article


def test_titles_stripped_and_surname_resolved(annotate_text):
    art = annotate_text(
        "US President Joe Biden approved the transfer on Sunday. "
        "Biden said the decision followed months of debate."
    )
    people = {e.text: e.canonical for e in art.entities if e.label == "PERSON"}
    assert people.get("Biden") == "Joe Biden"
    assert all(c == "Joe Biden" for c in people.values())


def test_canonical_name_strips_roles():
    from newstrace.extract.entities import canonical_name

    assert canonical_name("President Joe Biden", "PERSON") == "Joe Biden"
    assert canonical_name("US President Joe Biden's", "PERSON") == "Joe Biden"
    assert canonical_name("Kremlin spokesperson Dmitry Peskov", "PERSON") == "Dmitry Peskov"
    assert canonical_name("the U.S.", "GPE") == "United States"


def test_canonicalize_across_articles(annotate_text):
    from newstrace.extract import canonicalize

    a = annotate_text("President Joe Biden spoke to reporters in Dover on Friday.")
    b = annotate_text("Biden later left Dover for the capital.")
    b = Article(**{**{f: getattr(b, f) for f in b.__slots__}, "id": "b"})
    out = canonicalize([a, b])
    names = [e.canonical for art in out for e in art.entities if e.label == "PERSON"]
    assert names and set(names) == {"Joe Biden"}


def test_ambiguous_surname_left_alone():
    from newstrace.extract.entities import resolve_surnames

    names = [("Anna Reyes", "PERSON"), ("Tomas Reyes", "PERSON"), ("Reyes", "PERSON"), ("Karl Lind", "PERSON"), ("Lind", "PERSON")]
    assert resolve_surnames(names) == {"Lind": "Karl Lind"}
