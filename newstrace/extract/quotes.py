"""Direct and indirect quotes with their cue and speaker, resolved to a canonical entity where possible."""

from __future__ import annotations

import re

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from newstrace.model import Entity, Quote, Span

from .nlp import text_of

from .attrib_nouns import noun_report
from .cues import CUE_WORDS, PREP_CONTENT, PREP_VERBS, DIRECTIVE, GROUP_PRONOUNS, INTENT_NOUNS, NOUN_CUES, NOMINAL, NOMINAL_PREPS, OBJECT_PREPS, PARENTHETICAL, PERSON_PRONOUNS, REPORTING
from .quotemarks import MARKS, quoted_spans

__all__ = ["quotes"]

SUBJECTS = ("nsubj", "nsubjpass")
DASHES = {"—", "―", "–", "-"}
MIN_UNCUED_WORDS = 4
SPEAKER_STOP = {"relcl", "appos", "punct", "acl", "cc", "conj", "advcl"}
NAME_LABELS = ("PERSON",)
GROUP_LABELS = ("ORG", "GPE", "NORP", "LOC", "FAC")
TRANSCRIPT = re.compile(r"^[ \t\u00a0\"“]*([A-Z][A-Z.'\- ]{1,28}[A-Z]):[ \t\u00a0]+([^\n]+)", re.MULTILINE)
PRONOUN_OBJECTS = {"it", "this", "that", "them", "him", "her", "me", "us", "you", "so"}
HEADLINE = re.compile(r"^[ \t\u00a0]*([A-Z][\w.’'\- ]{1,40}?):[ \t\u00a0]+([^\n]{12,})", re.MULTILINE)
STAGE = re.compile(r"^\([^()]*\)[.,]?$")
EMBEDDED = re.compile(r"(?<![\w-])that$", re.IGNORECASE)  # a quotation inside a 'that'-clause is reported speech
SENTENCE_BREAK = re.compile(r"[a-z0-9][.!?][\"”’']? +[A-Z]")
TITLE_SMALL = {"of", "the", "a", "an", "and", "to", "in", "on", "for", "at", "by", "or", "with", "how", "is"}
RELATIVE = {"who", "that", "which", "whom"}
FIRST_PERSON = {"i", "we", "you", "me", "us"}
GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
GENDER_WORDS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}


class _Context:
    """Per-document lookups: entities by position and the speakers seen so far."""

    def __init__(self, doc: Doc, ents: tuple[Entity, ...]) -> None:
        self.doc = doc
        self.ents = ents
        self.speakers: list[tuple[int, str, str, Span]] = []  # (char pos, name, label, span)
        self.genders: dict[str, str] = _genders(doc, ents)

    def entity_in(self, span: Span, labels: tuple[str, ...]) -> Entity | None:
        """The last entity of these labels inside a span."""
        found = [e for e in self.ents if e.label in labels and span[0] <= e.span[0] and e.span[1] <= span[1]]
        return found[-1] if found else None

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
    for e in ents:
        if e.label != "PERSON":
            continue
        before = text[max(0, e.span[0] - 6) : e.span[0]].lower()
        if "mr." in before or "mr " in before:
            out[e.canonical] = "m"
        elif any(t in before for t in ("mrs.", "ms.", "mrs ", "ms ")):
            out[e.canonical] = "f"
        else:
            votes.setdefault(e.canonical, set()).update(_pronoun_genders(doc, text, e, ents))
    for name, found in votes.items():
        if name not in out and len(found) == 1:
            out[name] = found.pop()
    return out


def _pronoun_genders(doc: Doc, text: str, e: Entity, ents: tuple[Entity, ...]) -> set[str]:
    """Genders of the personal pronouns after a mention, in a sentence where no other person is named."""
    span = doc.char_span(e.span[0], e.span[1], alignment_mode="expand")
    if span is None or not len(span):
        return set()
    lo, hi = _sent_bounds(span[0])
    end = doc[hi - 1].idx + len(doc[hi - 1])
    if any(o.label == "PERSON" and o.canonical != e.canonical and doc[lo].idx <= o.span[0] < end for o in ents):
        return set()
    return {GENDER_WORDS[t.lower_] for t in doc[span.end : hi] if t.lower_ in GENDER_WORDS}


def _sent_bounds(tok: Token) -> tuple[int, int]:
    """Token bounds [lo, hi) of a token's sentence, clipped at line breaks (spaCy's sentences may cross them)."""
    doc = tok.doc
    try:
        lo, hi = tok.sent.start, tok.sent.end
    except ValueError:  # no sentence boundaries at all (an unparsed doc): lines stand for sentences
        lo, hi = 0, len(doc)
    start, end = lo, hi
    for t in doc[start : tok.i]:
        if "\n" in t.text or "\n" in t.whitespace_:
            lo = t.i + 1
    for t in doc[tok.i : end]:
        if "\n" in t.text or "\n" in t.whitespace_:
            hi = t.i + (0 if "\n" in t.text else 1)
            break
    return lo, max(hi, tok.i + 1)


def _span_of(tokens: list[Token]) -> Span:
    """Character span covering tokens."""
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _subject(verb: Token) -> Token | None:
    """The subject of a reporting verb, through conjunctions and open complements."""
    node = verb
    for _ in range(3):
        for child in node.children:
            if child.dep_ in SUBJECTS:
                return child
        if node.dep_ in ("conj", "xcomp", "advcl", "ccomp") and node.head.i != node.i:
            node = node.head
        else:
            return None
    return None


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
    return _span_of([doc[lo], doc[hi]])


def _speaker(ctx: _Context, subj: Token | None, at: int) -> tuple[str | None, Span | None]:
    """Resolve a subject to (canonical speaker, speaker span)."""
    if subj is None:
        return None, None
    if subj.lower_ in RELATIVE and subj.head.dep_ == "relcl" and subj.head.head.tag_.startswith("NN"):
        name, _ = _speaker(ctx, subj.head.head, at)  # 'officials, who said ...': the antecedent speaks
        return name, _span_of([subj])
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
    full = {e.canonical for e in ctx.ents if e.label == "PERSON" and e.canonical.split()[-1] == last and " " in e.canonical}
    if last[:1].isupper() and len(full) == 1:
        return full.pop(), span  # a surname the tagger did not mark ('Stone said')
    return text, span


def _label(ctx: _Context, name: str, span: Span) -> str:
    """The entity label a resolved speaker carries (PERSON when a person's name, else GROUP-ish)."""
    ent = ctx.entity_in(span, NAME_LABELS)
    if ent is not None or any(e.canonical == name and e.label == "PERSON" for e in ctx.ents):
        return "PERSON"
    ent = ctx.entity_in(span, GROUP_LABELS)
    return ent.label if ent is not None else "OTHER"


def _is_cue(tok: Token) -> bool:
    """A reporting verb used as a verb."""
    return (tok.lower_ in REPORTING or tok.lower_ in NOMINAL or tok.lower_ in PREP_VERBS) and tok.tag_.startswith("VB")


def _cue_for(doc: Doc, span: Span, quoted: list[Span]) -> Token | None:
    """The reporting verb that introduces a direct quote: nearest outside any quote in its sentence.

    A short quote (a phrase in running text) takes a cue only right next to it.
    """
    inner = doc.char_span(span[0], span[1], alignment_mode="expand")
    if inner is None or not len(inner):
        return None
    outside = lambda t: _is_cue(t) and not any(s <= t.idx < e for s, e in quoted)  # noqa: E731
    after = [t for t in doc[inner.end : _sent_bounds(inner[-1])[1]] if outside(t)]
    before = [t for t in doc[_sent_bounds(inner[0])[0] : inner.start] if outside(t)]
    near_after = after[0] if after and after[0].i - inner.end <= 4 else None
    near_before = before[-1] if before and inner.start - before[-1].i <= 4 else None
    if len(text_of(doc)[span[0] : span[1]].split()) < MIN_UNCUED_WORDS:
        return near_after or near_before
    return near_after or (before[-1] if before else None) or (after[0] if after else None)


def _dash_speaker(ctx: _Context, span: Span) -> tuple[Span, Entity] | None:
    """A dash after a closing mark followed by a name ('” ― Jane Doe')."""
    text = text_of(ctx.doc)
    i = span[1]
    while i < len(text) and i < span[1] + 4 and text[i] in "”\"» \u00a0":
        i += 1
    if i < len(text) and text[i] in DASHES:
        for e in ctx.ents:
            if i < e.span[0] <= i + 3 and e.label in NAME_LABELS + GROUP_LABELS:
                return (i, i + 1), e
    return None


def _attribute(ctx: _Context, span: Span, quoted: list[Span]) -> tuple[Span | None, str | None, Span | None]:
    """Cue span, speaker and speaker span of one quoted piece, from a dash or a reporting verb."""
    dash = _dash_speaker(ctx, span)
    if dash is not None:
        return dash[0], dash[1].canonical, dash[1].span
    cue = _cue_for(ctx.doc, span, quoted)
    if cue is None:
        return None, None, None
    speaker, sp_span = _speaker(ctx, _subject(cue), span[0])
    return (cue.idx, cue.idx + len(cue)), speaker, sp_span


def _chains(pieces: list[tuple[Span, bool]]) -> list[list[Span]]:
    """Group quoted pieces into quotes (a piece that continues joins the next)."""
    chains: list[list[Span]] = []
    carry = False
    for span, cont in pieces:
        if carry:
            chains[-1].append(span)
        else:
            chains.append([span])
        carry = cont
    return chains


def _partial(text: str, span: Span) -> bool:
    """A quoted phrase inside the writer's own sentence ('called it “a disaster”'), not a quotation of its own."""
    first = next((c for c in text[span[0] : span[1]] if c.isalpha()), "")
    before = text[max(0, span[0] - 40) : span[0]].rstrip(" \u00a0\"“”„«»'‘")
    if EMBEDDED.search(before):
        return True  # 'she knows that “…”': a quotation inside a reported clause
    if not first.islower():
        return False
    return not before.endswith((",", ":", "\n")) and bool(before)


def _title(piece: str) -> bool:
    """A short title-cased piece in quotation marks is a name ('“Morning Show”', '“Collapse: How Societies Fail”')."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", piece)]
    content = [w for w in words if w.lower() not in TITLE_SMALL]
    if re.search(r"[.!?] +[A-Z]", piece):
        return False  # two sentences ('The Donald. Big Daddy.') are speech, not a name
    return 0 < len(content) <= 7 and len(words) <= 12 and all(w[0].isupper() for w in content) and not piece.rstrip().endswith(("?", "!"))


def _transcript(ctx: _Context) -> list[Quote]:
    """Transcript lines ('PENCE: Well, look, ...'): the label is the speaker."""
    text = text_of(ctx.doc)
    out = []
    found = list(TRANSCRIPT.finditer(text))
    labels = [m.group(1).strip() for m in found]
    for m, label in zip(found, labels):
        person = next((e.canonical for e in ctx.ents if e.label == "PERSON" and e.canonical.split()[-1].upper() == label.split()[-1].upper()), None)
        if person is None and labels.count(label) < 2:
            continue  # a one-off 'CLARIFICATION:' or 'UPDATE:' is a note, not a speaker's turn
        speaker = person or label.title()
        s, e = m.start(2), m.end(2)
        while e > s and text[e - 1] in " \u00a0\"”":
            e -= 1
        out.append(Quote(span=(s, e), text=text[s:e], kind="direct", cue_span=(m.end(1), m.end(1) + 1), speaker=speaker, speaker_span=(m.start(1), m.end(1))))
    for m in HEADLINE.finditer(text):
        if any(_overlap_len((m.start(2), m.end(2)), q.span) for q in out):
            continue
        ent = ctx.entity_in((m.start(1), m.end(1)), NAME_LABELS) or ctx.entity_in((m.start(1), m.end(1)), GROUP_LABELS)
        title = m.start() == len(text) - len(text.lstrip()) and len(m.group(1).split()) <= 2
        if (ent is None and not title) or len(m.group(1).split()) > 5:
            continue  # the article's own title may name its source without an entity ('Poll: …')
        if m.group(2)[:1] in MARKS:
            continue  # 'Scott added: "…"' is a direct quote, read as one below
        if (ent is None or ent.label not in NAME_LABELS) and SENTENCE_BREAK.search(m.group(2)):
            continue  # a section heading ('Veto Power Impedes Peace Efforts: ...') over a paragraph
        s, e = m.start(2), m.end(2)
        while e > s and text[e - 1] in " \u00a0":
            e -= 1
        speaker = ent.canonical if ent is not None else m.group(1).strip()
        out.append(Quote(span=(s, e), text=text[s:e], kind="indirect", cue_span=(m.end(1), m.end(1) + 1), speaker=speaker, speaker_span=(m.start(1), m.end(1))))
    return out


def _direct(ctx: _Context) -> list[Quote]:
    """Direct quotes with cue and speaker; short uncued quotes and quoted phrases in running text are dropped."""
    out = _transcript(ctx)
    lines = [q.span for q in out]
    text = text_of(ctx.doc)
    pieces = [(sp, cont) for sp, cont in quoted_spans(text) if not any(_overlap_len(sp, ln) for ln in lines)]
    quoted = [span for span, _ in pieces]
    for chain in _chains(pieces):
        prev = out[-1] if out else None
        resumed = _resumes_quote(text, prev, chain[0])
        if len(chain) == 1 and not resumed and (_partial(text, chain[0]) or _title(text[chain[0][0] : chain[0][1]])):
            continue
        chain = [sp for sp in chain if not STAGE.match(text[sp[0] : sp[1]])]  # '(CROSSTALK.)', '(APPLAUSE)'
        if not chain:
            continue
        found = [_attribute(ctx, span, quoted) for span in chain]
        best = next((f for f in found if f[1]), next((f for f in found if f[0]), (None, None, None)))
        cue_span, speaker, sp_span = best
        if prev is not None and prev.speaker and (resumed or (cue_span is not None and cue_span == prev.cue_span)):
            cue_span, speaker, sp_span = prev.cue_span, prev.speaker, prev.speaker_span  # one cue, one speaker
        if cue_span is None and speaker is None:
            if prev and prev.cue_span and prev.span[1] <= prev.cue_span[0] < chain[0][0] and "\n" not in text[prev.span[1] : chain[0][0]]:
                cue_span, speaker, sp_span = prev.cue_span, prev.speaker, prev.speaker_span  # '“…,” she said. “…”'
            elif sum(len(text[s:e].split()) for s, e in chain) < MIN_UNCUED_WORDS:
                continue
            elif prev and chain[0][0] - prev.span[1] < 400 and prev.speaker:
                speaker, sp_span = prev.speaker, prev.speaker_span
        for s, e in chain:
            out.append(Quote(span=(s, e), text=text[s:e], kind="direct", cue_span=cue_span, speaker=speaker, speaker_span=sp_span))
        if speaker and sp_span:
            ctx.speakers.append((chain[0][0], speaker, _label(ctx, speaker, sp_span), sp_span))
    return sorted(out, key=lambda q: q.span)


def _resumes_quote(text: str, prev: Quote | None, span: Span) -> bool:
    """'“We will walk away,” he said, “the only place …”': a lower-case piece that finishes the sentence
    a direct quote broke off with a comma, across nothing but its cue clause."""
    if prev is None or prev.kind != "direct" or prev.cue_span is None or not prev.text.rstrip().endswith(","):
        return False
    gap = text[prev.span[1] : span[0]]
    first = next((c for c in text[span[0] : span[1]] if c.isalpha()), "")
    return first.islower() and prev.span[1] <= prev.cue_span[0] < span[0] and len(gap) <= 50 and "\n" not in gap and "." not in gap


def _clause_span(doc: Doc, head: Token) -> Span | None:
    """A clause's subtree as a span, without edge punctuation, quotation marks or a trailing ', doing ...'."""
    lo, hi = head.left_edge.i, head.right_edge.i
    for t in doc[head.i + 1 : hi + 1]:
        if t.tag_ == "VBG" and doc[t.i - 1].text == "," and t.lower_ != "including" and t.head.i <= head.i:
            hi = t.i - 1
            break
    for c in head.rights:  # '… said he had pneumonia [and called it common]': a second report of the same speaker
        if c.dep_ == "conj" and _is_cue(c) and not any(k.dep_ in SUBJECTS for k in c.children) and c.left_edge.i > head.i:
            hi = min(hi, c.left_edge.i - 1)
            while hi > lo and (doc[hi].dep_ == "cc" or doc[hi].is_punct):
                hi -= 1
    while lo <= hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return _span_of([doc[lo], doc[hi]]) if hi >= lo else None


def _according(doc: Doc, tok: Token) -> tuple[Span, Token] | None:
    """'according to X, ...': the clause it qualifies and X."""
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    s_lo, s_hi = _sent_bounds(tok)
    lo, hi = tok.left_edge.i, max(tok.right_edge.i, to.right_edge.i)
    left = [t for t in doc[s_lo:lo] if not t.is_punct and not t.is_space]
    right = [t for t in doc[hi + 1 : s_hi] if not t.is_punct and not t.is_space]
    part = right if len(right) >= len(left) else left
    if len(part) < 3:
        return None
    if len(left) >= 3 and len(right) >= 3 and lo > 0 and doc[lo - 1].text == "," and doc[hi + 1].text == "," and doc[hi + 2].tag_ != "VBG":
        part = left + right  # '<content>, according to X, <more content>'
    return _span_of([part[0], part[-1]]), pobj


def _overlaps(a: Span, b: Span) -> bool:
    """True when two spans share at least half of the shorter one."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _resumes(doc: Doc, tok: Token) -> bool:
    """True when the reported sentence goes on after an inserted cue ('…, the agency said in a report, and …')."""
    hi = _sent_bounds(tok)[1]
    for t in doc[tok.i + 1 : min(hi, tok.i + 10)]:
        if t.text == ",":
            rest = [r for r in doc[t.i + 1 : hi] if not (r.is_punct or r.is_space)]
            nxt = doc[t.i + 1] if t.i + 1 < hi else None
            return len(rest) >= 3 and nxt is not None and nxt.tag_ != "VBG" and nxt.text not in MARKS and nxt.lower_ != "according"
        if t.tag_.startswith("VB") or t.text in MARKS or t.is_punct:
            return False
    return False


def _content_first(doc: Doc, tok: Token, comp: Token, subj: Token | None) -> Span | None:
    """'<content>, the source added.': everything in the sentence before the cue and its subject
    (the whole sentence when it resumes after the cue: '<content>, she said, <more content>')."""
    first = min(tok.i, subj.left_edge.i) if subj is not None else tok.i
    lo = _sent_bounds(tok)[0]
    if subj is not None and first > lo and doc[first - 1].text == "," and _resumes(doc, tok):
        whole = _parenthetical_sentence(doc, tok)
        if whole is not None:
            return whole
    tokens = [t for t in doc[lo:first] if not t.is_space]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in ("and", "but")):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    return _span_of(tokens) if len(tokens) >= 3 and comp.i >= lo else None


def _complement(doc: Doc, tok: Token) -> Span | None:
    """What a cue verb reports: its clausal complement, the clause before it, or 'urged X to Y'."""
    comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    subj = _subject(tok)
    if comp is None and tok.dep_ == "parataxis" and tok.head.i < tok.i:
        first = min(tok.i, subj.left_edge.i) if subj is not None else tok.i
        if first > 0 and doc[first - 1].text in (",", "”", '"', "—"):
            comp = tok.head  # '<content>, she said.'
    if comp is not None:
        if comp.i < tok.i and (subj is None or subj.i > comp.i):
            return _content_first(doc, tok, comp, subj)
        span = _clause_span(doc, comp)
        if span is not None and _open_quote(text_of(doc), span):
            span = _to_sentence_end(doc, tok, comp)
        if span is not None and span[0] <= tok.idx < span[1] and comp.i > tok.i and _relative_gap(doc, comp, tok):
            span = (doc[tok.i + 1].idx, span[1])  # 'favors, which he said [were accompanied by leverage]'
        return span if span is not None and not (span[0] <= tok.idx < span[1]) else None
    if tok.lower_ in PREP_VERBS:
        span = _prep_object(doc, tok)
        if span is not None:
            return span
    if tok.lower_ in NOMINAL:
        span = _nominal(doc, tok)
        if span is not None:
            return span
    if subj is not None and tok.lower_ in PARENTHETICAL:
        first = min(tok.i, subj.left_edge.i)
        after = tok.right_edge.i + 1
        if first > 0 and doc[first - 1].text == "," and (after >= len(doc) or doc[after].text in (".", "!", "?") or "\n" in doc[after].text):
            return _content_first(doc, tok, tok, subj)  # '<fragment>, experts say.'
        span = _parenthetical(doc, tok, subj)
        if span is not None:
            return span
    if tok.lower_ in DIRECTIVE:
        xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
        if xcomp is not None:
            obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i < xcomp.i), None)
            lo = obj.left_edge.i if obj is not None else xcomp.left_edge.i
            hi = xcomp.right_edge.i
            while hi > lo and doc[hi].is_punct:
                hi -= 1
            return _span_of([doc[lo], doc[hi]])
    return None


def _relative_gap(doc: Doc, comp: Token, tok: Token) -> bool:
    """True when all of a complement before its cue is a relative pronoun ('which he said were …')."""
    before = [t for t in doc[comp.left_edge.i : tok.i] if t.head.i == comp.i]
    return len(before) == 1 and before[0].tag_ in ("WDT", "WP") and before[0].lower_ in ("which", "that", "who", "what")


def _prep_object(doc: Doc, tok: Token) -> Span | None:
    """'spoke [of the plan]', 'complained about [the sound]': the object of the preposition right after the verb."""
    prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in PREP_CONTENT and c.i <= tok.i + 2), None)
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if pobj is None or (pobj.lower_ in PRONOUN_OBJECTS and pobj.left_edge.i == pobj.right_edge.i):
        return None
    lo, hi = pobj.left_edge.i, pobj.right_edge.i
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return _span_of([doc[lo], doc[hi]])


def _open_quote(text: str, span: Span) -> bool:
    """True when a span opens a quotation it does not close (the parser cut the clause at the mark)."""
    piece = text[span[0] : span[1] + 1]
    return piece.count("“") > piece.count("”") or piece.count('"') % 2 == 1


def _to_sentence_end(doc: Doc, tok: Token, comp: Token) -> Span | None:
    """A reported clause after its cue, run on to the sentence end.

    The parser often cuts a clause at a quotation mark; the report runs to the end of
    the sentence unless the cue's own later modifiers (', adding ...'), a participle after
    a comma, or another reporting clause come first.
    """
    lo = comp.left_edge.i
    hi = _sent_bounds(comp)[1] - 1
    for child in tok.rights:
        if child.i > comp.right_edge.i and not child.is_punct:
            hi = min(hi, child.left_edge.i - 1)
    for t in doc[comp.right_edge.i + 1 : hi + 1]:
        prev = doc[t.i - 1]
        if (t.tag_ == "VBG" and prev.text == "," and t.lower_ != "including") or (_is_cue(t) and t.lower_ in REPORTING and any(c.dep_ in SUBJECTS for c in t.children)):
            hi = min(hi, t.i - 1)
            break
    while lo <= hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space or doc[hi].lower_ in ("and", "but")) and doc[hi].text not in "”\"":
        hi -= 1
    while hi >= lo and doc[hi].text in (",", ".", ";", ":"):
        hi -= 1
    return _span_of([doc[lo], doc[hi]]) if hi >= lo else None


def _parenthetical(doc: Doc, tok: Token, subj: Token) -> Span | None:
    """'This campaign, he says, is different': the whole sentence is what the cue reports."""
    first = min(tok.i, subj.left_edge.i)
    last = max(tok.i, subj.right_edge.i)
    if first == 0 or doc[first - 1].text != "," or last + 1 >= len(doc) or doc[last + 1].text != ",":
        return None
    return _parenthetical_sentence(doc, tok)


def _parenthetical_sentence(doc: Doc, tok: Token) -> Span | None:
    """The whole (line-clipped) sentence around an inserted cue, without edge punctuation."""
    lo, hi = _sent_bounds(tok)
    tokens = [t for t in doc[lo:hi] if not t.is_space]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in "”\""):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    return _span_of(tokens) if len(tokens) >= 6 else None


def _nominal(doc: Doc, tok: Token) -> Span | None:
    """The object side of a stance verb: 'criticized [the plan]', 'called [it a disaster]', 'called for [X]'."""
    parts = [c for c in tok.rights if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp", "attr") and c.ent_type_ not in ("DATE", "TIME")]
    if not parts:
        prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in NOMINAL_PREPS and c.i == tok.i + 1), None)
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        parts = [pobj] if pobj is not None else []
    if not parts:
        return None
    lo = min(p.left_edge.i for p in parts)
    hi = max(p.right_edge.i for p in parts)
    last = max(parts, key=lambda p: p.i)
    run = _to_sentence_end(doc, tok, last)
    if run is not None and last.dep_ != "prep":
        hi = max(hi, min(tok.right_edge.i, doc.char_span(run[0], run[1], alignment_mode="expand").end - 1))
    for prep in tok.rights:  # 'blamed [workers for the losses]', 'dismissed [Estonia as a suburb]'
        if prep.dep_ == "prep" and prep.lower_ in OBJECT_PREPS and prep.i == hi + 1 and parts[0].dep_ == "dobj":
            hi = prep.right_edge.i
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    if doc[lo].lower_ in PRONOUN_OBJECTS and hi == lo:
        return None
    return _span_of([doc[lo], doc[hi]])


def _indirect(ctx: _Context, direct: list[Quote]) -> tuple[list[Quote], list[Quote]]:
    """Indirect quotes from reporting verbs' complements; fills direct quotes' missing cues.

    A direct quote that is the reported content takes the verb as its cue; short quoted
    phrases inside a longer reported clause are dropped in favour of the clause.
    """
    doc = ctx.doc
    text = text_of(doc)
    out: list[Quote] = []
    direct = list(direct)
    absorbed: set[int] = set()
    lowers = doc.to_array(LOWER)
    for i in numpy.flatnonzero(numpy.isin(lowers, _cue_hashes(doc))).tolist():  # only cue words can start one
        tok = doc[i]
        found = None
        if _is_cue(tok):
            span = _complement(doc, tok)
            if span is not None:
                found = (span, tok, _subject(tok))
        else:
            acc = _according(doc, tok) or noun_report(doc, tok)
            if acc is not None:
                found = (acc[0], tok, acc[1])
        if found is None:
            continue
        span, cue, subj = found
        lead = _quote_after(text, cue, direct)
        if lead is not None:  # 'O'Neill said, "Not going …"': the cue introduces that direct quote
            if direct[lead].speaker is None and subj is not None:
                speaker, sp_span = _speaker(ctx, subj, direct[lead].span[0])
                direct[lead] = Quote(direct[lead].span, direct[lead].text, "direct", (cue.idx, cue.idx + len(cue)), speaker, sp_span)
            continue
        span = _clip_to_line(text, span, cue.idx)
        if span is None:
            continue
        size = span[1] - span[0]
        inside = [k for k, q in enumerate(direct) if _overlap_len(q.span, span) > 0]
        same = [k for k in inside if _overlap_len(direct[k].span, span) >= 0.5 * size]
        speaker, sp_span = _speaker(ctx, subj, span[0])
        cue_span = (cue.idx, cue.idx + len(cue)) if cue.lower_ != "according" else (cue.idx, doc[cue.i + 1].idx + 2)
        if same:
            for k in same:
                if direct[k].speaker is None and speaker:
                    direct[k] = Quote(direct[k].span, direct[k].text, "direct", cue_span, speaker, sp_span)
            continue
        absorbed.update(k for k in inside if direct[k].span[0] >= span[0] and direct[k].span[1] <= span[1] + 2)
        if any(_overlaps(q.span, span) and q.span[1] - q.span[0] >= size for q in out):
            continue
        out.append(Quote(span=span, text=text[span[0] : span[1]], kind="indirect", cue_span=cue_span, speaker=speaker, speaker_span=sp_span))
        if speaker and sp_span:
            ctx.speakers.append((span[0], speaker, _label(ctx, speaker, sp_span), sp_span))
    return [q for k, q in enumerate(direct) if k not in absorbed], out


def _quote_after(text: str, cue: Token, direct: list[Quote]) -> int | None:
    """Index of the direct quote that opens right after a cue and its comma or colon, if any."""
    i = cue.idx + len(cue)
    while i < len(text) and text[i] in " ,:\u00a0":
        i += 1
    j = i
    while j < len(text) and j < i + 2 and text[j] in MARKS:
        j += 1
    if j == i:
        return None
    return next((k for k, q in enumerate(direct) if j <= q.span[0] <= j + 1), None)


def _cue_hashes(doc: Doc) -> numpy.ndarray:
    """Hashes of the lower-cased words `_is_cue` or `_according` can accept."""
    global _CUE_HASHES
    if _CUE_HASHES is None:
        _CUE_HASHES = numpy.array(sorted(doc.vocab.strings.add(w) for w in CUE_WORDS), dtype="uint64")
    return _CUE_HASHES


_CUE_HASHES: numpy.ndarray | None = None


def _clip_to_line(text: str, span: Span, at: int) -> Span | None:
    """A reported span cut to the line (paragraph) of its cue, trimmed; None when nothing is left."""
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    hi = len(text) if hi == -1 else hi
    s, e = max(span[0], lo), min(span[1], hi)
    while s < e and text[s] in " \t\u00a0":
        s += 1
    while e > s and text[e - 1] in " \t\u00a0":
        e -= 1
    return (s, e) if e - s > 1 else None


def _overlap_len(a: Span, b: Span) -> int:
    """Characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _named_subjects(ctx: _Context) -> None:
    """Note every person named as a clause's subject up front, so 'he'/'she' resolves to the nearest
    earlier subject (the likeliest antecedent), not merely the nearest name ('Lopez said at a rally
    with Mayor Reed … “…,” she said')."""
    doc = ctx.doc
    quoted = [sp for sp, _ in quoted_spans(text_of(doc))]
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


def quotes(doc: Doc, ents: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Direct and indirect quotes of a parsed article, in text order."""
    ctx = _Context(doc, ents)
    _named_subjects(ctx)
    direct = _direct(ctx)
    direct, indirect = _indirect(ctx, direct)
    return tuple(sorted(direct + indirect, key=lambda q: q.span))
