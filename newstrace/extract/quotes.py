"""Direct and indirect quotes with their cue and speaker, resolved to a canonical entity where possible."""

from __future__ import annotations

import re

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token

from newstrace.model import Entity, Quote, Span

from .attrib_content import according, complement, reportedly, that_clause
from .attrib_direct import MIN_UNCUED_WORDS, cue_for
from .attrib_nouns import noun_report
from .attrib_speakers import GROUP_LABELS, NAME_LABELS, Context, label_of, note_subjects, speaker_of
from .attrib_tokens import is_cue, overlap_len, subject_of
from .cues import CUE_WORDS
from .nlp import text_of
from .quotemarks import MARKS

__all__ = ["quotes"]

DASHES = {"—", "―", "–", "-"}
TRANSCRIPT = re.compile(r"^[ \t\u00a0\"“]*([A-Z][A-Z.'\- ]{1,28}[A-Z]):[ \t\u00a0]+([^\n]+)", re.MULTILINE)
HEADLINE = re.compile(r"^[ \t\u00a0]*([A-Z][\w.’'\- ]{1,40}?):[ \t\u00a0]+([^\n]{12,})", re.MULTILINE)
LABEL = re.compile(r"[ \t\u00a0]*([A-Z][\w.’'\- ]{1,40}?):[ \t\u00a0]*[\"“‘'«]{1,2}$")
STAGE = re.compile(r"^\([^()]*\)[.,]?$")
EMBEDDED = re.compile(r"(?<![\w-])that$", re.IGNORECASE)  # a quotation inside a 'that'-clause is reported speech
SENTENCE_BREAK = re.compile(r"[a-z0-9][.!?][\"”’']? +[A-Z]")
TITLE_SMALL = {"of", "the", "a", "an", "and", "to", "in", "on", "for", "at", "by", "or", "with", "how", "is"}


def _dash_speaker(ctx: Context, span: Span) -> tuple[Span, Entity] | None:
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


def _attribute(ctx: Context, span: Span, quoted: list[Span]) -> tuple[Span | None, str | None, Span | None]:
    """Cue span, speaker and speaker span of one quoted piece, from a dash or a reporting verb."""
    dash = _dash_speaker(ctx, span)
    if dash is not None:
        return dash[0], dash[1].canonical, dash[1].span
    cue, subj = cue_for(ctx.doc, span, quoted)
    if cue is None:
        return None, None, None
    speaker, sp_span = speaker_of(ctx, subj, span[0])
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


def _transcript(ctx: Context) -> list[Quote]:
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
        if any(overlap_len((m.start(2), m.end(2)), q.span) for q in out):
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


def _direct(ctx: Context) -> list[Quote]:
    """Direct quotes with cue and speaker; short uncued quotes and quoted phrases in running text are dropped."""
    out = _transcript(ctx)
    lines = [q.span for q in out]
    text = text_of(ctx.doc)
    pieces = [(sp, cont) for sp, cont in ctx.quoted_pieces() if not any(overlap_len(sp, ln) for ln in lines)]
    quoted = [span for span, _ in pieces]
    for chain in _chains(pieces):
        prev = out[-1] if out else None
        resumed = _resumes_quote(text, prev, chain[0])
        label = _colon_label(ctx, chain[0])
        if len(chain) == 1 and not resumed and label is None and (_partial(text, chain[0]) or _title(text[chain[0][0] : chain[0][1]])):
            continue
        chain = [sp for sp in chain if not STAGE.match(text[sp[0] : sp[1]])]  # '(CROSSTALK.)', '(APPLAUSE)'
        if not chain:
            continue
        found = [_attribute(ctx, span, quoted) for span in chain]
        best = next((f for f in found if f[1]), next((f for f in found if f[0]), (None, None, None)))
        cue_span, speaker, sp_span = best if label is None or best[1] else label
        if prev is not None and prev.speaker and (resumed or (cue_span is not None and cue_span == prev.cue_span)):
            cue_span, speaker, sp_span = prev.cue_span, prev.speaker, prev.speaker_span  # one cue, one speaker
        if cue_span is None and speaker is None:
            if prev and prev.cue_span and prev.span[1] <= prev.cue_span[0] < chain[0][0] and "\n" not in text[prev.span[1] : chain[0][0]]:
                cue_span, speaker, sp_span = prev.cue_span, prev.speaker, prev.speaker_span  # '“…,” she said. “…”'
            elif sum(len(text[s:e].split()) for s, e in chain) < MIN_UNCUED_WORDS and not _announced(text, chain[0]):
                continue
            elif prev and chain[0][0] - prev.span[1] < 400 and prev.speaker:
                speaker, sp_span = prev.speaker, prev.speaker_span
            elif len(chain) > 1:
                continue  # paragraphs quoted from another text with no one saying them (an excerpt)
        for s, e in chain:
            out.append(Quote(span=(s, e), text=text[s:e], kind="direct", cue_span=cue_span, speaker=speaker, speaker_span=sp_span))
        if speaker and sp_span:
            ctx.speakers.append((chain[0][0], speaker, label_of(ctx, speaker, sp_span), sp_span))
    return sorted(out, key=lambda q: q.span)


def _colon_label(ctx: Context, span: Span) -> tuple[Span, str, Span] | None:
    """'Whitfield: ‘We Are Going All The Way …’': a quotation opening a line after a name and a colon is that
    name's quote, title-cased or not (cue span, speaker, speaker span)."""
    text = text_of(ctx.doc)
    start = text.rfind("\n", 0, span[0]) + 1
    m = LABEL.match(text, start, span[0])
    if m is None:
        return None
    ent = ctx.entity_in((m.start(1), m.end(1)), NAME_LABELS) or ctx.entity_in((m.start(1), m.end(1)), GROUP_LABELS)
    if ent is None:
        return None
    return (m.end(1), m.end(1) + 1), ent.canonical, (m.start(1), m.end(1))


def _announced(text: str, span: Span) -> bool:
    """A short whole utterance announced by a colon ('had one message: “We stay.”')."""
    before = text[max(0, span[0] - 4) : span[0]].rstrip(" \u00a0" + MARKS)
    piece = text[span[0] : span[1]].rstrip()
    return before.endswith(":") and piece[:1].isupper() and piece.endswith((".", "!", "?"))


def _resumes_quote(text: str, prev: Quote | None, span: Span) -> bool:
    """'“We will walk away,” he said, “the only place …”': a lower-case piece that finishes the sentence
    a direct quote broke off with a comma, across nothing but its cue clause."""
    if prev is None or prev.kind != "direct" or prev.cue_span is None or not prev.text.rstrip().endswith(","):
        return False
    gap = text[prev.span[1] : span[0]]
    first = next((c for c in text[span[0] : span[1]] if c.isalpha()), "")
    return first.islower() and prev.span[1] <= prev.cue_span[0] < span[0] and len(gap) <= 50 and "\n" not in gap and "." not in gap


def _overlaps(a: Span, b: Span) -> bool:
    """True when two spans share at least half of the shorter one."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _indirect(ctx: Context, direct: list[Quote]) -> tuple[list[Quote], list[Quote]]:
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
        if is_cue(tok):
            span = complement(doc, tok)
            if span is not None:
                found = (span, tok, subject_of(tok))
        else:
            acc = according(doc, tok) or noun_report(doc, tok) or reportedly(doc, tok)
            if acc is not None:
                found = (acc[0], tok, acc[1])
            else:
                found = _that_found(doc, tok)
        if found is None:
            continue
        span, cue, subj = found
        lead = _quote_after(text, cue, direct)
        if lead is not None:  # 'O'Neill said, "Not going …"': the cue introduces that direct quote
            if direct[lead].speaker is None and subj is not None:
                speaker, sp_span = speaker_of(ctx, subj, direct[lead].span[0])
                direct[lead] = Quote(direct[lead].span, direct[lead].text, "direct", (cue.idx, cue.idx + len(cue)), speaker, sp_span)
            continue
        span = _clip_to_line(text, span, cue.idx)
        if span is None:
            continue
        size = span[1] - span[0]
        inside = [k for k, q in enumerate(direct) if overlap_len(q.span, span) > 0]
        same = [k for k in inside if overlap_len(direct[k].span, span) >= 0.5 * size]
        speaker, sp_span = speaker_of(ctx, subj, span[0])
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
            ctx.speakers.append((span[0], speaker, label_of(ctx, speaker, sp_span), sp_span))
    return [q for k, q in enumerate(direct) if k not in absorbed], out


def _that_found(doc: Doc, tok: Token) -> tuple[Span, Token, Token | None] | None:
    """A 'that'-clause of a predicate outside the lexicon as (span, cue, subject)."""
    found = that_clause(doc, tok)
    return None if found is None else (found[0], found[2], found[1])


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
    """Hashes of the lower-cased words `is_cue` or `according` can accept."""
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


def quotes(doc: Doc, ents: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Direct and indirect quotes of a parsed article, in text order."""
    ctx = Context(doc, ents)
    note_subjects(ctx)
    direct = _direct(ctx)
    direct, indirect = _indirect(ctx, direct)
    return tuple(sorted(direct + indirect, key=lambda q: q.span))
