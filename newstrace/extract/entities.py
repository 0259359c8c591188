"""Named entities with spans and canonical names (titles stripped, surnames resolved per article)."""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from newstrace.model import Entity

from .nlp import text_of

__all__ = ["LABELS", "TITLE_WORDS", "entities", "canonical_name", "resolve_surnames"]

LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "DATE", "FAC"}
# Words that precede a person's name as a role, never part of it.
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "secretary", "general", "gen.", "gen", "mr.", "mr",
    "mrs.", "mrs", "ms.", "ms", "dr.", "dr", "sen.", "senator", "rep.", "representative", "gov.",
    "governor", "king", "queen", "prince", "princess", "pope", "chancellor", "spokesperson",
    "spokesman", "spokeswoman", "lt.", "col.", "colonel", "lieutenant", "sgt.", "sergeant",
    "capt.", "captain", "maj.", "major", "adm.", "admiral", "commander", "cmdr.", "judge",
    "justice", "chief", "mayor", "ambassador", "envoy", "leader", "chairman", "chairwoman",
    "chair", "ceo", "director", "deputy", "foreign", "defense", "defence", "interior", "state",
    "former", "late", "presidential", "candidate", "nominee", "sir", "dame", "lord", "lady",
    "prof.", "professor", "rev.", "reverend", "sheikh", "emir", "sultan", "crown", "premier",
    "attorney", "speaker", "senior", "official", "officials", "u.s.", "us", "u.k.", "uk",
    "russian", "ukrainian", "american", "british", "chinese", "french", "german", "israeli",
    "kremlin", "white", "house", "pentagon", "press", "the", "then", "democratic", "republican",
}
GPE_ALIASES = {
    "us": "United States", "u.s.": "United States", "usa": "United States", "u.s.a.": "United States",
    "united states": "United States", "the united states": "United States", "america": "United States",
    "united states of america": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom",
    "britain": "United Kingdom", "great britain": "United Kingdom", "united kingdom": "United Kingdom",
    "the united kingdom": "United Kingdom", "un": "United Nations", "u.n.": "United Nations",
    "eu": "European Union", "e.u.": "European Union", "russian federation": "Russia",
}
# Social and messaging platforms: where statements are published, never who makes them. The small
# pipeline often tags them PERSON ('wrote on Twitter'), and 'she said' would then resolve to one.
PLATFORMS = {
    "twitter", "x", "facebook", "instagram", "telegram", "tiktok", "youtube", "whatsapp", "weibo", "wechat",
    "truth social", "threads", "bluesky", "linkedin", "reddit", "substack", "vk", "vkontakte", "snapchat",
}
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
SPACES = re.compile(r"\s+")


def canonical_name(text: str, label: str) -> str:
    """A mention's name without titles, articles and possessives ('US President Joe Biden's' -> 'Joe Biden')."""
    name = SPACES.sub(" ", POSSESSIVE.sub("", text.strip())).strip(" ,;:\"'“”")
    if name.endswith(".") and name.count(".") == 1:
        name = name[:-1]
    words = name.split(" ")
    if label == "PERSON":
        while len(words) > 1 and words[0].lower() in TITLE_WORDS:
            words = words[1:]
        name = " ".join(words)
    elif words and words[0].lower() == "the" and len(words) > 1:
        name = " ".join(words[1:])
    if label in ("GPE", "ORG", "LOC", "NORP"):
        name = GPE_ALIASES.get(name.lower(), name)
    return name or text


def _trimmed(ent: SpacySpan) -> tuple[int, int] | None:
    """Token bounds of an entity without a leading 'the' or a trailing possessive/punctuation."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return (start, end) if end > start else None


def resolve_surnames(names: list[tuple[str, str]]) -> dict[str, str]:
    """Map each one-word PERSON name to the one full name ending with it, when exactly one does."""
    full: dict[str, set[str]] = {}
    for name, label in names:
        parts = name.split(" ")
        if label == "PERSON" and len(parts) > 1:
            full.setdefault(parts[-1].lower(), set()).add(name)
    out = {}
    for name, label in names:
        if label == "PERSON" and " " not in name:
            cands = full.get(name.lower(), set())
            if len(cands) == 1:
                out[name] = next(iter(cands))
    return out


def _relabel_surnames(found: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """A one-word ORG/GPE that is the surname of exactly one person named in the article is that person."""
    full: dict[str, set[str]] = {}
    for _, _, lab, c in found:
        if lab == "PERSON" and " " in c:
            full.setdefault(c.split(" ")[-1], set()).add(c)
    return [
        (s, e, "PERSON", c) if lab in ("ORG", "GPE", "NORP", "LOC") and " " not in c and len(full.get(c, ())) == 1 else (s, e, lab, c)
        for s, e, lab, c in found
    ]


def entities(doc: Doc) -> tuple[Entity, ...]:
    """Entities of the kinds newstrace reports, each with a per-article canonical name."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        bounds = _trimmed(ent)
        if bounds is None:
            continue
        span = doc[bounds[0] : bounds[1]]
        s, e = span.start_char, span.end_char
        found.append((s, e, ent.label_, canonical_name(text_of(doc)[s:e], ent.label_)))
    found = [(s, e, "ORG", c) if lab == "PERSON" and c.lower() in PLATFORMS else (s, e, lab, c) for s, e, lab, c in found]
    found = _relabel_surnames(found)
    surnames = resolve_surnames([(c, lab) for _, _, lab, c in found])
    return tuple(
        Entity(span=(s, e), text=text_of(doc)[s:e], label=lab, canonical=surnames.get(c, c) if lab == "PERSON" else c)
        for s, e, lab, c in found
    )
