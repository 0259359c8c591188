"""Who speaks: speaker phrases, their canonical names, and 'he'/'she' resolved to the nearest named subject."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Token

from newstrace.model import Entity, Span

from .attrib_tokens import SUBJECTS, sent_bounds, span_of
from .cues import GROUP_PRONOUNS, PERSON_PRONOUNS
from .nlp import text_of
from .quotemarks import quoted_spans

__all__ = ["Context", "NAME_LABELS", "GROUP_LABELS", "RELATIVE", "speaker_of", "label_of", "note_subjects"]

SPEAKER_STOP = {"relcl", "appos", "punct", "acl", "cc", "conj", "advcl"}
NAME_LABELS = ("PERSON",)
GROUP_LABELS = ("ORG", "GPE", "NORP", "LOC", "FAC")
RELATIVE = {"who", "that", "which", "whom"}
FIRST_PERSON = {"i", "we", "you", "me", "us"}
GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
GENDER_WORDS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


class Context:
    """Per-document lookups: entities by position and the speakers seen so far."""

    def __init__(self, doc: Doc, ents: tuple[Entity, ...]) -> None:
        self.doc = doc
        self.ents = ents
        self.speakers: list[tuple[int, str, str, Span]] = []  # (char pos, name, label, span)
        self.genders: dict[str, str] = _genders(doc, ents)
        self._full: dict[str, set[str]] | None = None
        self._persons: set[str] | None = None
        self._starts: list[int] | None = None
        self._pieces: list[tuple[Span, bool]] | None = None
        self._by_start: list[int] = []

    def quoted_pieces(self) -> list[tuple[Span, bool]]:
        """`quoted_spans` of the doc's text, computed once per doc."""
        if self._pieces is None:
            self._pieces = quoted_spans(text_of(self.doc))
        return self._pieces

    def full_names(self) -> dict[str, set[str]]:
        """PERSON names of more than one word by their last word (built on first use)."""
        if self._full is None:
            self._full = {}
            for e in self.ents:
                if e.label == "PERSON" and " " in e.canonical and e.canonical.split():
                    self._full.setdefault(e.canonical.split()[-1], set()).add(e.canonical)
        return self._full

    def person_names(self) -> set[str]:
        """Canonical names of the PERSON mentions (built on first use)."""
        if self._persons is None:
            self._persons = {e.canonical for e in self.ents if e.label == "PERSON"}
        return self._persons

    def entity_in(self, span: Span, labels: tuple[str, ...]) -> Entity | None:
        """The last entity of these labels inside a span (entities looked up by start, not scanned)."""
        if self._starts is None:
            self._by_start = sorted(range(len(self.ents)), key=lambda k: (self.ents[k].span[0], k))
            self._starts = [self.ents[k].span[0] for k in self._by_start]
        inside = self._by_start[bisect_left(self._starts, span[0]) : bisect_right(self._starts, span[1])]
        found = [k for k in inside if self.ents[k].label in labels and self.ents[k].span[1] <= span[1]]
        return self.ents[max(found)] if found else None

    def before(self, pos: int, labels: tuple[str, ...], gender: str | None = None) -> tuple[str, Span] | None:
        """The nearest earlier speaker, else entity, of these labels (and compatible gender when known)."""
        for at, name, label, span in sorted(self.speakers, key=lambda x: -x[0]):
            if at < pos and label in labels and (gender is None or self.genders.get(name, gender) == gender):
                return name, span
        for e in reversed(self.ents):
            if e.span[1] <= pos and e.label in labels and (gender is None or self.genders.get(e.canonical, gender) == gender):
                return e.canonical, e.span
        return None


def _genders(doc: Doc, ents: tuple[Entity, ...]) -> dict[str, str]:
    """Genders of person names that the text gives away: a title right before a mention ('Mr.', 'Ms.'),
    else the pronouns that follow a mention in a sentence naming no other person, when they all agree."""
    text = text_of(doc)
    out: dict[str, str] = {}
    votes: dict[str, set[str]] = {}
    persons = sorted((o.span[0], o.canonical) for o in ents if o.label == "PERSON")
    for e in ents:
        if e.label != "PERSON":
            continue
        before = text[max(0, e.span[0] - 6) : e.span[0]].lower()
        if "mr." in before or "mr " in before:
            out[e.canonical] = "m"
        elif any(t in before for t in ("mrs.", "ms.", "mrs ", "ms ")):
            out[e.canonical] = "f"
        else:
            votes.setdefault(e.canonical, set()).update(_pronoun_genders(doc, e, persons))
    for name, found in votes.items():
        if name not in out and len(found) == 1:
            out[name] = found.pop()
    return out


def _pronoun_genders(doc: Doc, e: Entity, persons: list[tuple[int, str]]) -> set[str]:
    """Genders of the personal pronouns after a mention, in a sentence where no other person is named
    (`persons`: every PERSON mention's (start, canonical name), sorted)."""
    span = doc.char_span(e.span[0], e.span[1], alignment_mode="expand")
    if span is None or not len(span):
        return set()
    lo, hi = sent_bounds(span[0])
    end = doc[hi - 1].idx + len(doc[hi - 1])
    first = bisect_left(persons, (doc[lo].idx,))
    if any(name != e.canonical for start, name in persons[first:bisect_left(persons, (end,))]):
        return set()
    return {GENDER_WORDS[t.lower_] for t in doc[span.end : hi] if t.lower_ in GENDER_WORDS}


def _phrase(subj: Token) -> Span:
    """The speaker phrase: the subject with its modifiers, cut before appositions and relative clauses."""
    lo = subj.left_edge.i
    hi = subj.i
    for child in subj.rights:
        if child.dep_ in SPEAKER_STOP:
            break
        hi = child.right_edge.i
    doc = subj.doc
    for t in doc[lo : subj.i]:
        if "\n" in t.text or "\n" in t.whitespace_ or (t.is_punct and t.text in ("—", "–", ":") and t.i < subj.i):
            lo = t.i + 1  # a dateline or heading above is not part of the speaker
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ in ("cc", "case")):
        hi -= 1
    return span_of([doc[lo], doc[hi]])


def speaker_of(ctx: Context, subj: Token | None, at: int) -> tuple[str | None, Span | None]:
    """Resolve a subject to (canonical speaker, speaker span)."""
    if subj is None:
        return None, None
    if subj.lower_ in RELATIVE and subj.head.dep_ == "relcl" and subj.head.head.tag_.startswith("NN"):
        name, _ = speaker_of(ctx, subj.head.head, at)  # 'officials, who said ...': the antecedent speaks
        return name, span_of([subj])
    span = _phrase(subj)
    text = text_of(ctx.doc)[span[0] : span[1]]
    low = text.lower()
    if low in FIRST_PERSON:
        return None, None
    if low in PERSON_PRONOUNS:
        gender = GENDER.get(low)
        prev = ctx.before(at, NAME_LABELS, gender)
        return (prev[0] if prev else text), span
    if low in GROUP_PRONOUNS:
        prev = ctx.before(at, GROUP_LABELS)
        return (prev[0] if prev else text), span
    ent = ctx.entity_in(span, NAME_LABELS) or ctx.entity_in(span, GROUP_LABELS)
    if ent is not None:
        return ent.canonical, span
    last = text.split()[-1] if text.split() else ""
    full = set(ctx.full_names().get(last, ()))
    if last[:1].isupper() and len(full) == 1:
        return full.pop(), span  # a surname the tagger did not mark ('Stone said')
    return text, span


def label_of(ctx: Context, name: str, span: Span) -> str:
    """The entity label a resolved speaker carries (PERSON when a person's name, else GROUP-ish)."""
    ent = ctx.entity_in(span, NAME_LABELS)
    if ent is not None or name in ctx.person_names():
        return "PERSON"
    ent = ctx.entity_in(span, GROUP_LABELS)
    return ent.label if ent is not None else "OTHER"


def note_subjects(ctx: Context) -> None:
    """Note every person named as a clause's subject up front, so 'he'/'she' resolves to the nearest
    earlier subject (the likeliest antecedent), not merely the nearest name ('Lopez said at a rally
    with Mayor Reed … “…,” she said')."""
    doc = ctx.doc
    quoted = [sp for sp, _ in ctx.quoted_pieces()]
    for e in ctx.ents:
        if e.label != "PERSON" or any(a <= e.span[0] < b for a, b in quoted):
            continue  # a name inside a quotation is the speaker's topic, not an antecedent for 'he said'
        span = doc.char_span(e.span[0], e.span[1], alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        while root.dep_ in ("compound", "appos") and root.head.i != root.i:
            root = root.head
        if root.dep_ in SUBJECTS:
            ctx.speakers.append((e.span[0], e.canonical, "PERSON", e.span))
