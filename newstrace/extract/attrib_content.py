"""What a cue reports: its complement clause, the clause around or before it, or its object."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newstrace.model import Span

from .attrib_tokens import SUBJECTS, is_cue, sent_bounds, span_of, subject_of
from .cues import DIRECTIVE, NOMINAL, NOMINAL_PREPS, OBJECT_PREPS, PARENTHETICAL, PREP_CONTENT, PREP_VERBS, REPORTING
from .nlp import text_of
from .quotemarks import MARKS

__all__ = ["complement", "according", "reportedly", "that_clause", "clause_span", "open_quote", "parenthetical_sentence"]

MAX_RUN = 600  # characters a report may run on past its sentence to close its quotation
SAY = {"say", "says", "said", "saying"}
SAID_OBJECTS = {"yes", "no", "so", "nothing", "same"}  # what 'say' reports as an object ('said yes', 'said the same')
SEE_AS = {"see", "sees", "saw", "seen", "seeing", "consider", "considers", "considered", "considering"}  # judged 'as'
COPULAS = {"is", "was", "are", "were", "be", "been", "'s", "’s"}
NO_SOURCE = {"it", "this", "that", "which", "what", "there"}  # 'it is clear that …' names no source
PRONOUN_OBJECTS = {"it", "this", "that", "them", "him", "her", "me", "us", "you", "so"}


def clause_span(doc: Doc, head: Token) -> Span | None:
    """A clause's subtree as a span, without edge punctuation, quotation marks or a trailing ', doing ...'."""
    lo, hi = head.left_edge.i, head.right_edge.i
    for t in doc[head.i + 1 : hi + 1]:
        if t.tag_ == "VBG" and doc[t.i - 1].text == "," and t.lower_ != "including" and t.head.i <= head.i:
            hi = t.i - 1
            break
    for c in head.rights:  # '… said he had pneumonia [and called it common]': a second report of the same speaker
        if c.dep_ == "conj" and is_cue(c) and c.lower_ in REPORTING and not any(k.dep_ in SUBJECTS for k in c.children) and c.left_edge.i > head.i:
            hi = min(hi, c.left_edge.i - 1)
            while hi > lo and (doc[hi].dep_ == "cc" or doc[hi].is_punct):
                hi -= 1
    while lo <= hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return span_of([doc[lo], doc[hi]]) if hi >= lo else None


def according(doc: Doc, tok: Token) -> tuple[Span, Token] | None:
    """'according to X, ...': the clause it qualifies and X."""
    if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    s_lo, s_hi = sent_bounds(tok)
    lo, hi = tok.left_edge.i, max(tok.right_edge.i, to.right_edge.i)
    left = [t for t in doc[s_lo:lo] if not t.is_punct and not t.is_space]
    right = [t for t in doc[hi + 1 : s_hi] if not t.is_punct and not t.is_space]
    part = right if len(right) >= len(left) else left
    if len(part) < 3:
        return None
    if len(left) >= 3 and len(right) >= 3 and lo > 0 and doc[lo - 1].text == "," and doc[hi + 1].text == "," and doc[hi + 2].tag_ != "VBG":
        part = left + right  # '<content>, according to X, <more content>'
    return span_of([part[0], part[-1]]), pobj


def reportedly(doc: Doc, tok: Token) -> tuple[Span, None] | None:
    """'The FBI is reportedly making arrangements …': the clause the adverb hedges, from an unnamed source."""
    if tok.lower_ != "reportedly" or tok.dep_ != "advmod" or not tok.head.tag_.startswith("VB"):
        return None
    verb = tok.head
    lo, hi = verb.left_edge.i, verb.right_edge.i
    for c in verb.rights:  # the hedged clause ends before a following subordinate clause
        if c.dep_ in ("advcl", "punct") and c.i > verb.i and c.left_edge.i > lo:
            hi = min(hi, c.left_edge.i - 1)
    while lo < hi and (doc[lo].is_punct or doc[lo].i == tok.i):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return (span_of([doc[lo], doc[hi]]), None) if hi - lo >= 2 else None


def that_clause(doc: Doc, tok: Token) -> tuple[Span, Token | None, Token] | None:
    """'[that] …' as the complement of a predicate the cue lexicon lacks ('is convinced that …',
    'made clear that …', 'which means that …'): the clause, its source (the predicate's subject) and the predicate as cue."""
    if tok.lower_ != "that" or tok.dep_ != "mark" or tok.head.dep_ not in ("ccomp", "acl"):
        return None
    pred = tok.head.head
    if tok.head.dep_ == "acl" and not pred.tag_.startswith("NN"):
        return None
    if is_cue(pred) or pred.i > tok.i:
        return None
    span = clause_span(doc, tok.head)
    if span is None or span[0] > tok.idx:
        return None
    subj = subject_of(pred) if not pred.tag_.startswith("NN") else next((c for c in pred.children if c.dep_ == "poss"), None)
    if subj is None and pred.dep_ in ("acomp", "attr", "oprd") and pred.head.i != pred.i:
        subj = subject_of(pred.head)  # 'Okafor is [convinced] that …'
    if pred.lower_ in COPULAS:  # 'It is clear that …': the adjective is the cue
        pred = next((c for c in pred.children if c.dep_ in ("acomp", "attr") and c.i < tok.i), pred)
    return span, None if subj is None or subj.lower_ in NO_SOURCE else subj, pred


def _resumes(doc: Doc, tok: Token) -> bool:
    """True when the reported sentence goes on after an inserted cue ('…, the agency said in a report, and …')."""
    hi = sent_bounds(tok)[1]
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
    lo = sent_bounds(tok)[0]
    if subj is not None and first > lo and doc[first - 1].text == "," and _resumes(doc, tok):
        whole = parenthetical_sentence(doc, tok)
        if whole is not None:
            return whole
    tokens = [t for t in doc[lo:first] if not t.is_space]
    colon = next((k for k in range(len(tokens) - 2, -1, -1) if tokens[k].text == ":" and tokens[k + 1].text in MARKS + "``"), None)
    if colon is not None:
        tokens = tokens[colon + 1 :]  # '<intro>: “…,” he said': the quotation after the colon is what he said
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in ("and", "but")):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    return span_of(tokens) if len(tokens) >= 3 and comp.i >= lo else None


def complement(doc: Doc, tok: Token) -> Span | None:
    """What a cue verb reports: its clausal complement, the clause before it, or 'urged X to Y'."""
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    # 'At his rallies, X does Y: He says [Z]': a clause after the cue is what it reports, before one the parser hung on it
    later = [c for c in comps if c.i > tok.i and not any(t.text in MARKS for t in doc[tok.i : c.i])]
    comp = later[0] if later else comps[0] if comps else None
    subj = subject_of(tok)
    if comp is None and tok.lower_ in REPORTING and tok.dep_ == "advcl" and _bare_as(tok):
        span = _as_clause(doc, tok)  # 'As the Ledger has reported, [cases … included …]'
        if span is not None:
            return span
    if comp is None and tok.dep_ == "parataxis" and tok.head.i < tok.i:
        first = min(tok.i, subj.left_edge.i) if subj is not None else tok.i
        if first > 0 and doc[first - 1].text in (",", "”", '"', "—"):
            comp = tok.head  # '<content>, she said.'
    if comp is not None:
        if comp.i < tok.i and (subj is None or subj.i > comp.i):
            return _content_first(doc, tok, comp, subj)
        span = clause_span(doc, comp)
        if span is not None and open_quote(text_of(doc), span):
            span = _to_sentence_end(doc, tok, comp)
            if span is not None and open_quote(text_of(doc), span):
                span = _to_closing_mark(text_of(doc), span)
        if span is not None and span[0] <= tok.idx < span[1] and comp.i > tok.i and _relative_gap(doc, comp, tok):
            span = (doc[tok.i + 1].idx, span[1])  # 'favors, which he said [were accompanied by leverage]'
        return span if span is not None and not (span[0] <= tok.idx < span[1]) else None
    if tok.lower_ in SAY:
        obj = next((c for c in tok.rights if c.dep_ in ("dobj", "intj", "attr") and c.i <= tok.i + 3), None)
        if obj is not None and obj.lower_ in SAID_OBJECTS:
            return _subtree_span(doc, obj)  # 'said [yes]', 'say [the same of Okafor]'
    if tok.lower_ in SEE_AS:
        span = _seen_as(doc, tok)
        if span is not None:
            return span
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
            return span_of([doc[lo], doc[hi]])
    return None


def _bare_as(tok: Token) -> bool:
    """'as X said' with nothing said in it: 'as' before the verb, no object or clause of its own."""
    kids = list(tok.children)
    return any(c.dep_ == "mark" and c.lower_ == "as" for c in kids) and not any(c.dep_ in ("dobj", "xcomp", "ccomp", "attr") for c in kids)


def _subtree_span(doc: Doc, tok: Token) -> Span:
    """A token's subtree as a span, without punctuation at its end."""
    hi = tok.right_edge.i
    while hi > tok.i and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return span_of([doc[tok.left_edge.i], doc[hi]])


def _seen_as(doc: Doc, tok: Token) -> Span | None:
    """'saw [Adeyemi as the perfect driver]', 'considers [him as a rival]': an object judged 'as' something."""
    obj = next((c for c in tok.rights if c.dep_ == "dobj"), None)
    prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "as"), None)
    if obj is None or prep is None or prep.i < obj.i:
        return None
    hi = prep.right_edge.i
    while hi > prep.i and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return span_of([doc[obj.left_edge.i], doc[hi]]) if hi > prep.i else None


def _last_word(doc: Doc, tok: Token) -> int:
    """The last token of a cue's clause that is not punctuation the parser hung on it ('noted,' / 'said.')."""
    b = tok.right_edge.i
    while b > tok.i and (doc[b].is_punct or doc[b].is_space):
        b -= 1
    return b


def _as_clause(doc: Doc, tok: Token) -> Span | None:
    """'As X said, <clause>' / '<clause>, as X noted': the sentence outside the 'as' clause, when that is
    a comma-bounded aside of at least three words on each side it reports."""
    lo, hi = sent_bounds(tok)
    a, b = tok.left_edge.i, _last_word(doc, tok)
    while lo < a and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1  # 'But as X noted, …'
    left = [t for t in doc[lo:a] if not (t.is_punct or t.is_space)]
    right = [t for t in doc[b + 1 : hi] if not (t.is_punct or t.is_space)]
    if a > lo and doc[a - 1].text == "," and len(left) >= 3 and (b + 1 >= hi or doc[b + 1].text in (",", ".")):
        part = left + right if b + 1 < hi and doc[b + 1].text == "," and len(right) >= 3 else left
    elif a == lo or doc[a - 1].text in ('"', "“", "''"):
        part = right if b + 1 < hi and doc[b + 1].text == "," else []
    else:
        return None
    return span_of([part[0], part[-1]]) if len(part) >= 3 else None


def _relative_gap(doc: Doc, comp: Token, tok: Token) -> bool:
    """True when all of a complement before its cue is a relative pronoun ('which he said were …')."""
    before = [t for t in doc[comp.left_edge.i : tok.i] if t.head.i == comp.i]
    return len(before) == 1 and before[0].tag_ in ("WDT", "WP") and before[0].lower_ in ("which", "that", "who", "what")


def _prep_object(doc: Doc, tok: Token) -> Span | None:
    """'spoke [of the plan]', 'complained about [the sound]': the object of the preposition right after the verb."""
    prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in PREP_CONTENT and c.i <= tok.i + 2), None)
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if pobj is None or (pobj.lower_ in PRONOUN_OBJECTS and pobj.left_edge.i == pobj.right_edge.i) or pobj.ent_type_ in ("DATE", "TIME"):
        return None  # 'spoke on Monday': a date is no reported object
    lo, hi = pobj.left_edge.i, pobj.right_edge.i
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return span_of([doc[lo], doc[hi]])


def open_quote(text: str, span: Span) -> bool:
    """True when a span opens a quotation it does not close (the parser cut the clause at the mark)."""
    piece = text[span[0] : span[1] + 1]
    return piece.count("“") > piece.count("”") or piece.count('"') % 2 == 1


def _to_closing_mark(text: str, span: Span) -> Span:
    """A report whose quotation is still open at its sentence end runs on to the closing mark in the
    same paragraph ('He said Ostrander “has patience … rules. He is not only calm …”')."""
    piece = text[span[0] : span[1]]
    closer = "”" if piece.count("“") > piece.count("”") else '"'
    line_end = text.find("\n", span[1])
    line_end = len(text) if line_end == -1 else line_end
    at = text.find(closer, span[1], min(line_end, span[1] + MAX_RUN))
    return (span[0], at + 1) if at != -1 else span


def _to_sentence_end(doc: Doc, tok: Token, comp: Token) -> Span | None:
    """A reported clause after its cue, run on to the sentence end.

    The parser often cuts a clause at a quotation mark; the report runs to the end of
    the sentence unless the cue's own later modifiers (', adding ...'), a participle after
    a comma, or another reporting clause come first.
    """
    lo = comp.left_edge.i
    hi = sent_bounds(comp)[1] - 1
    for child in tok.rights:
        if child.i > comp.right_edge.i and not child.is_punct:
            hi = min(hi, child.left_edge.i - 1)
    for t in doc[comp.right_edge.i + 1 : hi + 1]:
        prev = doc[t.i - 1]
        if (t.tag_ == "VBG" and prev.text == "," and t.lower_ != "including") or (is_cue(t) and t.lower_ in REPORTING and any(c.dep_ in SUBJECTS for c in t.children)):
            hi = min(hi, t.i - 1)
            break
    while lo <= hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space or doc[hi].lower_ in ("and", "but")) and doc[hi].text not in "”\"":
        hi -= 1
    while hi >= lo and doc[hi].text in (",", ".", ";", ":"):
        hi -= 1
    return span_of([doc[lo], doc[hi]]) if hi >= lo else None


def _parenthetical(doc: Doc, tok: Token, subj: Token) -> Span | None:
    """'This campaign, he says, is different': the whole sentence is what the cue reports."""
    first = min(tok.i, subj.left_edge.i)
    last = max(tok.i, subj.right_edge.i)
    if first == 0 or doc[first - 1].text != "," or last + 1 >= len(doc) or doc[last + 1].text != ",":
        return None
    return parenthetical_sentence(doc, tok)


def parenthetical_sentence(doc: Doc, tok: Token) -> Span | None:
    """The whole (line-clipped) sentence around an inserted cue, without edge punctuation."""
    lo, hi = sent_bounds(tok)
    tokens = [t for t in doc[lo:hi] if not t.is_space]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in "”\""):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    return span_of(tokens) if len(tokens) >= 6 else None


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
    return span_of([doc[lo], doc[hi]])
