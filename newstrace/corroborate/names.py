"""Whether two written forms of a first name can name one person ("Dick" / "Richard", "R." / "Rosa")."""

from __future__ import annotations

__all__ = ["same_first_name"]

# Common English short forms that begin with another letter than their full name ("Alex" / "Alexander"
# needs no entry). Each line: the full name, then forms that stand for it.
_FORMS = """
richard dick rick rich
robert bob bobby rob
william bill billy will
james jim jimmy jamie
michael mike mickey
joseph joe joey
thomas tom tommy
john jack johnny
edward ed ted teddy ned
charles chuck charlie
margaret peggy maggie meg
elizabeth liz beth betsy betty lisa
katherine kate kathy katie
catherine cathy kate katie
theodore ted teddy
henry hank harry
anthony tony
francis frank
lawrence larry
patricia pat patty trish
rebecca becky
susan sue
jennifer jen jenny
deborah deb debbie
"""
_FULL: dict[str, set[str]] = {}
for _line in _FORMS.strip().splitlines():
    _full, *_short = _line.split()
    for _s in _short:
        _FULL.setdefault(_s, set()).add(_full)


def same_first_name(a: str, b: str) -> bool:
    """Forms that may name one person: the same initial (an initial, "Dan" / "Daniel", and pet names
    no table lists, as "Bibi" / "Benjamin") or a known short form ("Bob" / "Robert"). Two relatives
    whose names share the initial are taken for one person: the price of not splitting one person
    in two. Case and periods ignored."""
    a, b = a.strip(".").lower(), b.strip(".").lower()
    if not a or not b:
        return False
    if a[0] == b[0]:
        return True
    fa, fb = _FULL.get(a, set()) | {a}, _FULL.get(b, set()) | {b}
    return bool(fa & fb)
