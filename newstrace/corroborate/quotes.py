"""Quotes: each speaker's matching quotes across articles, word diffs, and misquote/attribution conflicts."""

from __future__ import annotations

import difflib
import re
from itertools import combinations
from dataclasses import dataclass, field

import numpy as np

from newstrace.components import components
from newstrace.corroborate.polarity import negated_words
from newstrace.corroborate.text import stem
from newstrace.corroborate.context import StoryContext, ref
from newstrace.corroborate.names import same_first_name
from newstrace.extract.quotemarks import quoted_spans
from newstrace.model import Quote, replace

__all__ = ["QuoteMention", "build_quotes", "word_diff", "tokens"]

SAME_QUOTE = 0.6  # token-sequence similarity for two wordings of one quote
SAME_MEANING = 0.8  # embedding cosine for two wordings of one speaker's quote
SPEAKER_REACH = 120  # characters between a quote and its named speaker for a misattribution claim
EXCERPT_CONTEXT = 3  # differing lead-ins of this many words on both sides are context, not a changed word
MIN_CONTAINED = 3  # a shorter quote inside a longer one is the same quote when it has this many words
MIN_EMBEDDED = 4  # words a quotation inside a reported statement needs to count as a direct quote (not a scare quote)
_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*|[^\w\s]")
_BRACKETED = re.compile(r"\[[^\]]*\]|\([^)]*\)")
_CONTRACTIONS = {"it's": "it is", "that's": "that is", "there's": "there is", "what's": "what is", "he's": "he is",
                 "she's": "she is", "i'm": "i am", "you're": "you are", "we're": "we are", "they're": "they are",
                 "i've": "i have", "we've": "we have", "they've": "they have", "you've": "you have",
                 "i'll": "i will", "we'll": "we will", "they'll": "they will", "you'll": "you will",
                 "i'd": "i would", "we'd": "we would", "don't": "do not", "doesn't": "does not", "didn't": "did not",
                 "can't": "cannot", "won't": "will not", "isn't": "is not", "aren't": "are not", "wasn't": "was not",
                 "weren't": "were not", "haven't": "have not", "hasn't": "has not", "wouldn't": "would not",
                 "shouldn't": "should not", "couldn't": "could not", "let's": "let us"}
_FUNCTION = {"a", "an", "the", "will", "would", "is", "are", "was", "were", "be", "to", "of", "and", "that",
             "this", "these", "those", "it", "its", "has", "have", "had", "do", "does", "did", "in", "on"}


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """One direct quote in one article, with its embedding."""

    article: str
    quote: Quote
    words: tuple[str, ...]
    vec: np.ndarray = field(compare=False, repr=False, default=None)
    named: bool = False  # the speaker is a named person or organisation of the article


def tokens(text: str) -> list[str]:
    """Word and punctuation tokens."""
    return _TOKEN.findall(text)


def _words(text: str) -> tuple[str, ...]:
    """Lower-cased words with contractions expanded; punctuation, case and editors' [insertions] do not count."""
    text = _BRACKETED.sub(" ", text.replace("\u2019", "'"))
    out: list[str] = []
    for t in tokens(text):
        if t[0].isalnum() or t[0] == "_":
            out += _CONTRACTIONS.get(t.lower(), t.lower()).split()
    return tuple(out)


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    """Whether short is a contiguous excerpt of long."""
    n = len(short)
    return n >= MIN_CONTAINED and any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _similar(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two wordings of one quote: same words, an excerpt, or a close token sequence."""
    if a == b:
        return True
    if min(len(a), len(b)) < 2:
        return False
    if _contains(a, b) or _contains(b, a):
        return True
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SAME_QUOTE


def embedded_quotes(q: Quote) -> list[Quote]:
    """Quotations inside an indirect report ("said that the 'missiles will speak for themselves'") as
    direct quotes of its speaker: the words are the speaker's even when the sentence around them is not."""
    if q.kind != "indirect":
        return []
    out = []
    for (s, e), _ in quoted_spans(q.text):
        inner = q.text[s:e].strip()
        if len(_words(inner)) >= MIN_EMBEDDED:
            lo = q.span[0] + s + q.text[s:e].index(inner)
            out.append(replace(q, span=(lo, lo + len(inner)), text=inner, kind="direct"))
    return out


def _direct(quotes) -> list[tuple[Quote, bool]]:
    """An article unit's direct quotes, with those embedded in its indirect reports (flagged True)."""
    return [(x, q.kind != "direct") for q in quotes for x in ([q] if q.kind == "direct" else embedded_quotes(q))]


def _mentions(ctx: StoryContext) -> list[QuoteMention]:
    """Direct quotes of the story in story order, each distinct wording embedded once.

    A quotation embedded in an indirect report joins the comparison of wordings, but its
    speaker (that of the sentence around it, found less surely) never supports a misattribution.
    """
    found = [(u.article, _canonical(ctx, u.article, q), inside) for u in ctx.units for q, inside in _direct(u.quotes)
             if _words(q.text)]
    uniq = list(dict.fromkeys(q.text for _, q, _ in found))
    vecs = np.asarray(ctx.embed(uniq)) if uniq else np.zeros((0, 384), np.float32)
    pos = {t: i for i, t in enumerate(uniq)}
    return [QuoteMention(a, q, _words(q.text), vecs[pos[q.text]], not inside and _named(ctx, a, q))
            for a, q, inside in found]


def _named(ctx: StoryContext, article: str, q: Quote) -> bool:
    """Whether the speaker is a person or organisation the article names, and not someone the quote talks about."""
    names = {e.canonical for e in ctx.articles[article].entities if e.label in ("PERSON", "ORG") and e.canonical}
    if not q.speaker or q.speaker not in names or not q.speaker_span:
        return False
    gap = max(q.speaker_span[0] - q.span[1], q.span[0] - q.speaker_span[1], 0)
    # a speaker found far from the quote was carried over from earlier text: too unsure to accuse anyone
    return gap <= SPEAKER_REACH and q.speaker.split()[-1].lower() not in _words(q.text)


def _canonical(ctx: StoryContext, article: str, q: Quote) -> Quote:
    """The quote with its speaker's story-wide canonical name ("Marwick" -> "Ilse Marwick") when an entity covers it."""
    if not q.speaker_span:
        return q
    s, e = q.speaker_span
    for ent in ctx.articles[article].entities:
        if ent.label == "PERSON" and ent.canonical and ent.span[0] < e and s < ent.span[1]:
            return replace(q, speaker=ent.canonical)
    return q


def _same_quote(a: QuoteMention, b: QuoteMention) -> bool:
    """Close wording, or one speaker saying the same thing in other words."""
    if _similar(a.words, b.words):
        return True
    same_speaker = a.quote.speaker and a.quote.speaker == b.quote.speaker
    return bool(same_speaker) and min(len(a.words), len(b.words)) >= MIN_CONTAINED \
        and float(a.vec @ b.vec) >= SAME_MEANING


def _cluster(ms: list[QuoteMention]) -> list[list[QuoteMention]]:
    """Group mentions of one quote; speakers that differ stay together so misattribution shows."""
    groups: list[list[QuoteMention]] = []
    for m in ms:
        home = next((g for g in groups if any(_same_quote(m, x) for x in g)
                     and _speakers_fit(g, m)), None)
        if home is None:
            groups.append([m])
        else:
            home.append(m)
    return groups


def _speakers_fit(group: list[QuoteMention], m: QuoteMention) -> bool:
    """Short quotes join only under the same speaker; longer ones may expose a different speaker."""
    if len(m.words) >= 6:
        return True
    sp = {x.quote.speaker for x in group if x.quote.speaker}
    return not sp or not m.quote.speaker or m.quote.speaker in sp


def word_diff(a: str, b: str) -> list[dict]:
    """Word-level diff from a to b as equal/delete/insert runs."""
    ta, tb = tokens(a), tokens(b)
    ops = []
    sm = difflib.SequenceMatcher(None, [t.lower() for t in ta], [t.lower() for t in tb], autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            ops.append({"op": "equal", "text": " ".join(ta[i1:i2])})
            continue
        if i2 > i1:
            ops.append({"op": "delete", "text": " ".join(ta[i1:i2])})
        if j2 > j1:
            ops.append({"op": "insert", "text": " ".join(tb[j1:j2])})
    return ops


def _variants(ctx: StoryContext, group: list[QuoteMention]) -> list[dict]:
    """Distinct wordings, the most widely and earliest reported first."""
    by_words: dict[tuple[str, ...], list[QuoteMention]] = {}
    for m in group:
        by_words.setdefault(m.words, []).append(m)
    rank = {aid: i for i, aid in enumerate(ctx.order)}
    out = []
    for ms in by_words.values():
        arts = ctx.sort_articles([m.article for m in ms])
        out.append({"text": ms[0].quote.text, "articles": arts, "origins": ctx.origins_of(arts),
                    "spans": [ref(m.article, m.quote.span) for m in ms], "_words": ms[0].words,
                    "_speakers": sorted({m.quote.speaker for m in ms if m.quote.speaker})})
    out.sort(key=lambda v: (-len(v["origins"]), -len(v["articles"]), rank[v["articles"][0]]))
    return out


def _misquote_severity(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    """None for an excerpt or two overlapping excerpts of one statement; else how much the wording changes meaning."""
    if a == b or _contains(a, b) or _contains(b, a):
        return None
    ops = _compared(a, b)
    changed = [(list(a[i1:i2]), list(b[j1:j2])) for tag, i1, i2, j1, j2 in ops if tag != "equal"]
    if not changed:
        return None
    sa, sb = a[ops[0][1] : ops[-1][2]], b[ops[0][3] : ops[-1][4]]
    if bool(negated_words(" ".join(sa))) != bool(negated_words(" ".join(sb))):
        return "high"
    return "medium" if any(w not in _FUNCTION for w in _content_changes(changed)) else "low"


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two wordings share a run of words: two different excerpts of one speech are not two wordings of one."""
    m = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return m.size >= MIN_CONTAINED


def _compared(a: tuple[str, ...], b: tuple[str, ...]) -> list[tuple]:
    """Diff ops less the ends that are excerpting: quoting more or less of a statement is not misquoting."""
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    while ops and _edge(ops[0]):
        ops.pop(0)
    while ops and _edge(ops[-1]):
        ops.pop()
    return ops


def _edge(op: tuple) -> bool:
    """Words only one side has, or different stretches of context on both (two overlapping excerpts)."""
    tag, i1, i2, j1, j2 = op
    return tag in ("insert", "delete") or (tag == "replace" and min(i2 - i1, j2 - j1) >= EXCERPT_CONTEXT)


def _content_changes(changed: list[tuple[list[str], list[str]]]) -> list[str]:
    """Changed words, less abbreviations and inflections of each other ("Sen."/"Senator", "pew"/"pews")."""
    out = []
    for dele, ins in changed:
        for w in dele + ins:
            others = ins if w in dele else dele
            if not any(o != w and (_abbreviates(o, w) or stem(o) == stem(w)) for o in others):
                out.append(w)
    return out


def _abbreviates(x: str, y: str) -> bool:
    """One word is a leading abbreviation of the other."""
    short, long = sorted((x, y), key=len)
    return len(short) >= 2 and long.startswith(short)


def _maximal(variants: list[dict]) -> list[dict]:
    """Variants that are not an excerpt of another variant (excerpts are faithful by definition)."""
    return [v for v in variants if not any(w is not v and _contains(w["_words"], v["_words"]) for w in variants)]


def _conflicts(ctx: StoryContext, speaker: str | None, variants: list[dict], group: list[QuoteMention]) -> list[dict]:
    """A misquote conflict when wordings differ beyond excerpting; attribution when speakers differ."""
    out = []
    top = _maximal(variants)
    sevs = [s for a, b in combinations(top, 2)
            if _overlap(a["_words"], b["_words"]) and (s := _misquote_severity(a["_words"], b["_words"]))]
    origins = {o for v in variants for o in v["origins"]}
    if sevs and len(origins) > 1:
        sev = "high" if "high" in sevs else "medium" if "medium" in sevs else "low"
        out.append({"kind": "quote", "subject": speaker or "unattributed quote", "severity": sev,
                    "variants": [_conflict_variant(v, v["text"]) for v in variants]})
    by_speaker: dict[str, list[QuoteMention]] = {}
    for m in group:
        if m.named:  # "he", "a young man" or a misparsed speaker is no attribution to compare
            by_speaker.setdefault(m.quote.speaker, []).append(m)
    by_speaker = _one_per_person(ctx, by_speaker)
    if len(by_speaker) > 1:
        vs = sorted((_speaker_variant(ctx, sp, ms) for sp, ms in by_speaker.items()),
                    key=lambda v: (-len(v["origins"]), -len(v["articles"]), v["value"]))
        if len({o for v in vs for o in v["origins"]}) > 1:
            # medium, not high: speaker resolution is the least reliable thing extraction does
            out.append({"kind": "attribution", "subject": variants[0]["text"], "severity": "medium", "variants": vs})
    return out


def _same_person(persons: list[set[str]], a: str, b: str) -> bool:
    """Two outlets' names for one person: one surname, and either a bare surname that only one full name of the
    story ends with ("Berg" / "Tom Berg") or two full names whose first names agree ("Dick Berg" / "Richard J.
    Berg") and that no article uses side by side. "Ana Ruiz" and "Luis Ruiz" stay two people, in one article
    or in two (relatives quoted by different outlets: crediting one's words to the other is the conflict).
    ``persons``: each article's lower-cased PERSON names."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    last = a.split()[-1]
    if last != b.split()[-1]:
        return False
    if " " not in a or " " not in b:
        full = {n for names in persons for n in names if " " in n and n.split()[-1] == last}
        return len(full) <= 1
    if not same_first_name(a.split()[0], b.split()[0]):
        return False
    return not any(a in names and b in names for names in persons)


def _one_per_person(ctx: StoryContext, by_speaker: dict[str, list[QuoteMention]]) -> dict[str, list[QuoteMention]]:
    """Speaker groups with each person's name forms joined under the form most mentions use."""
    names = list(by_speaker)
    if len(names) < 2:
        return by_speaker
    persons = [{e.canonical.lower() for e in art.entities if e.label == "PERSON"} for art in ctx.articles.values()]
    out: dict[str, list[QuoteMention]] = {}
    for part in components(((a, b) for a, b in combinations(names, 2) if _same_person(persons, a, b)), names):
        ms = [m for name in part for m in by_speaker[name]]
        out[max(part, key=lambda n: (len(by_speaker[n]), len(n)))] = ms
    return out


def _conflict_variant(v: dict, value: str) -> dict:
    """A conflict variant from a quote variant."""
    return {"value": value, "normalized": " ".join(v["_words"]), "articles": v["articles"],
            "spans": v["spans"], "origins": v["origins"]}


def _speaker_variant(ctx: StoryContext, speaker: str, ms: list[QuoteMention]) -> dict:
    """The quote as credited to one speaker: the speaker's name spans (or the quote's) as evidence."""
    arts = ctx.sort_articles([m.article for m in ms])
    spans = [ref(m.article, m.quote.speaker_span or m.quote.span) for m in ms]
    return {"value": speaker, "normalized": speaker, "articles": arts, "spans": spans, "origins": ctx.origins_of(arts)}


def build_quotes(ctx: StoryContext) -> tuple[list[dict], list[dict]]:
    """Quote groups for the report and the conflicts they reveal."""
    quotes, conflicts = [], []
    for n, group in enumerate(_cluster(_mentions(ctx)), start=1):
        variants = _variants(ctx, group)
        speakers = [m.quote.speaker for m in group if m.quote.speaker]
        speaker = max(sorted(set(speakers)), key=speakers.count) if speakers else None
        conflicts += _conflicts(ctx, speaker, variants, group)
        first = variants[0]["text"]
        quotes.append({"id": f"q{n}", "speaker": speaker,
                       "variants": [{k: v[k] for k in ("text", "articles", "origins", "spans")} for v in variants],
                       "diff": [word_diff(first, v["text"]) for v in variants[1:]]})
    return quotes, conflicts
