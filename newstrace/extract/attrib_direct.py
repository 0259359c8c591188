"""The cue and speaker of a direct quote: a reporting verb near the quotation, or the bare
'<speaker> <verb>' clause that follows it ('“…?” Hannity pressed.', '“…,” she elaborated, “…”')."""

from __future__ import annotations

import numpy
from spacy.attrs import LOWER, TAG
from spacy.tokens import Doc, Span as TokenSpan, Token

from newstrace.model import Span

from .attrib_tokens import sent_bounds, subject_of
from .cues import NOMINAL, PREP_VERBS, REPORTING
from .nlp import text_of
from .quotemarks import MARKS

__all__ = ["cue_for", "quote_tokens", "bare_clause"]

MIN_UNCUED_WORDS = 4
NEAR = 4  # tokens between a quotation and a cue that belongs to it
# Tag classes (the pipeline has no attribute ruler, so no coarse POS): noun-phrase words and heads.
NP_TAGS = {"NNP", "NNPS", "NN", "NNS", "PRP", "DT", "JJ", "JJR", "JJS", "CD", "PRP$", "HYPH"}
NP_HEADS = {"NNP", "NNPS", "NN", "NNS", "PRP"}
NAMES = {"NNP", "NNPS", "NN", "NNS"}
NOT_SPEECH = {"is", "was", "are", "were", "be", "been", "has", "had", "have", "does", "did", "do", "'s", "’s", "'re", "’re"}
SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who"}
CLAUSE_END = {".", ",", ";", ":", "!", "?", "—", "–"}
MOVERS = {"RP", "RB"}  # 'went on', 'shot back', 'said later'
MAX_NP = 6


def quote_tokens(doc: Doc, span: Span) -> TokenSpan | None:
    """The tokens of a quoted span, or None when it covers none."""
    inner = doc.char_span(span[0], span[1], alignment_mode="expand")
    return inner if inner is not None and len(inner) else None


def _mark(t: Token) -> bool:
    """A quotation mark token (curly, straight or the doubled apostrophe)."""
    return t.text in MARKS or t.text in ("''", "``")


def _reach(doc: Doc, inner: TokenSpan) -> tuple[int, int]:
    """Where a cue after the quotation may lie: to its sentence end, and (second value) the end of
    the next sentence when the parser split right after the closing mark ('“…?” Hale asked.')."""
    hi = sent_bounds(inner[-1])[1]
    j = inner.end
    while j < hi and (doc[j].is_punct or doc[j].is_space):
        j += 1
    if j < hi or hi >= len(doc) or "\n" in doc[hi - 1].whitespace_ or "\n" in doc[hi].text:
        return hi, hi
    return hi, min(sent_bounds(doc[hi])[1], hi + NEAR + 2)


def _first_np(doc: Doc, lo: int, hi: int) -> Token | None:
    """The head of the noun phrase starting at lo (its last noun before anything else)."""
    head = None
    for t in doc[lo : min(hi, lo + MAX_NP)]:
        if t.tag_ not in NP_TAGS and not (t.text.endswith(".") and t.is_title):
            break
        if t.tag_ in NP_HEADS:
            head = t
        if t.tag_ == "PRP":
            break
    if head is not None and head.tag_ == "PRP" and head.lower_ not in SUBJECT_PRONOUNS:
        return None
    return head


def _skip_marks(doc: Doc, j: int, hi: int) -> int:
    """The first token from j that is not a closing mark or comma."""
    while j < hi and (_mark(doc[j]) or doc[j].text == ","):
        j += 1
    return j


def _verbish(t: Token) -> bool:
    """A finite verb that may be a verb of saying ('pressed', 'beamed'; a reporting word the tagger read as a noun)."""
    if t.lower_ in NOT_SPEECH or t.tag_ == "MD":
        return False
    return t.tag_ in ("VBD", "VBZ", "VBP") or (t.lower_ in REPORTING and t.tag_ in ("NNS", "NN"))


def _ends_clause(doc: Doc, j: int) -> bool:
    """True when token j closes a short clause: punctuation, an opening mark, a line or the text end."""
    if j >= len(doc):
        return True
    t = doc[j]
    return t.text in CLAUSE_END or _mark(t) or "\n" in t.text or "\n" in doc[j - 1].whitespace_


def bare_clause(doc: Doc, inner: TokenSpan) -> tuple[Token, Token] | None:
    """'“…,” she elaborated.' / '“…!” beamed Donald Hartley.': the verb and subject of a short clause that
    follows the closing mark and holds nothing else (any verb there is one of saying)."""
    end = min(len(doc), inner.end + 3 + MAX_NP + 4)
    j = _skip_marks(doc, inner.end, end)
    if j == inner.end or j >= end:
        return None
    subj = _first_np(doc, j, end)
    if subj is not None:
        v = subj.i + 1
        if v < end and _verbish(doc[v]):
            k = v + 1
            while k < end and k <= v + 2 and doc[k].tag_ in MOVERS:
                k += 1
            if _ends_clause(doc, k):
                return doc[v], subj
        return None
    if _verbish(doc[j]) and doc[j].tag_.startswith("VB"):
        subj = _first_np(doc, j + 1, end)
        if subj is not None and subj.tag_ in NAMES and (subj.i + 1 >= len(doc) or not doc[subj.i + 1].tag_.startswith("VB")):
            return doc[j], subj
    return None


def _governing_verb(doc: Doc, inner: TokenSpan) -> Token | None:
    """A verb right after the closing mark that the parser gives the quotation as its complement
    ('“…,” Brandt fumed on Tuesday.', '“…,” read the statement.'): whatever the verb, it introduces the quote."""
    for t in doc[inner.end : min(len(doc), inner.end + NEAR + 3)]:
        if "\n" in t.text or (t.i > inner.end + 1 and _mark(t) and t.tag_ == "``"):
            return None
        if t.tag_.startswith("VB") and t.lower_ not in NOT_SPEECH and t.tag_ != "MD":
            if any(c.dep_ in ("ccomp", "parataxis") and inner.start <= c.i < inner.end for c in t.children):
                return t
    return None


def _subject(doc: Doc, cue: Token, inner: TokenSpan) -> Token | None:
    """The cue's subject, never a word inside the quotation; else the noun phrase between the
    quotation and a later cue ('“…,” Mr. Daniloff, now 81, said'), or right after an inverted one."""
    subj = subject_of(cue)
    if subj is not None and not (inner.start <= subj.i < inner.end):
        return subj
    if cue.i >= inner.end:
        j = _skip_marks(doc, inner.end, cue.i)
        found = _first_np(doc, j, cue.i) if j < cue.i else _first_np(doc, cue.i + 1, len(doc))
        return found
    return None


def _subordinate(cue: Token) -> bool:
    """A cue inside a subordinate or participle clause ('“…,” Vela sings to the mayor before asking her')
    reports within that clause, not the quotation before it."""
    return cue.dep_ in ("pcomp", "acl", "relcl") or (cue.dep_ == "advcl" and cue.tag_ == "VBG")


def _cues(doc: Doc, lo: int, hi: int, quoted: list[Span]) -> list[Token]:
    """Cue words (`is_cue`) in tokens [lo, hi) outside every quotation, read from a per-doc mask."""
    mask = doc.user_data.get(_MASK_KEY)
    if mask is None or len(mask) != len(doc):
        mask = doc.user_data[_MASK_KEY] = _cue_mask(doc)
    found = [doc[i] for i in (numpy.flatnonzero(mask[lo:hi]) + lo).tolist()]
    return [t for t in found if not any(s <= t.idx < e for s, e in quoted)]


def _cue_mask(doc: Doc) -> numpy.ndarray:
    """True for each token `is_cue` accepts (a cue word tagged as a verb)."""
    global _CUE_WORD_HASHES
    if _CUE_WORD_HASHES is None:
        _CUE_WORD_HASHES = numpy.array(sorted(doc.vocab.strings.add(w) for w in VERB_CUES), dtype="uint64")
    arr = doc.to_array([LOWER, TAG]) if len(doc) else numpy.zeros((0, 2), dtype="uint64")
    verb_tags = numpy.array([doc.vocab.strings.add(t) for t in ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")], dtype="uint64")
    return numpy.isin(arr[:, 0], _CUE_WORD_HASHES) & numpy.isin(arr[:, 1], verb_tags)


_MASK_KEY = "newstrace.cue_mask"
_CUE_WORD_HASHES: numpy.ndarray | None = None
VERB_CUES = REPORTING | NOMINAL | PREP_VERBS  # what `is_cue` accepts, tagged as a verb


def cue_for(doc: Doc, span: Span, quoted: list[Span]) -> tuple[Token | None, Token | None]:
    """The reporting verb that introduces a direct quote and its subject.

    The nearest cue outside any quote in the quotation's sentence, verbs of saying before other
    cues; a short quote (a phrase in running text) takes a cue only right next to it. A bare
    '<speaker> <verb>' clause right after the closing mark, or a verb there that the parser gives
    the quotation as its complement, counts as a cue.
    """
    inner = quote_tokens(doc, span)
    if inner is None:
        return None, None
    hi, reach = _reach(doc, inner)
    lo = sent_bounds(inner[0])[0]
    short = len(text_of(doc)[span[0] : span[1]].split()) < MIN_UNCUED_WORDS
    all_after = _cues(doc, inner.end, hi, quoted)
    all_after += [t for t in _cues(doc, hi, reach, quoted) if t.i - inner.end <= NEAR + 1 and not any(c.dep_ == "ccomp" for c in t.children)]
    all_before = _cues(doc, lo, inner.start, quoted)
    bare: tuple[Token, Token] | None | bool = False  # computed once, when first needed
    for speech_only in (True, False):
        after = [t for t in all_after if t.lower_ in REPORTING] if speech_only else all_after
        before = [t for t in all_before if t.lower_ in REPORTING] if speech_only else all_before
        if after and after[0].i - inner.end <= NEAR:
            return after[0], _subject(doc, after[0], inner)
        if bare is False:
            bare = bare_clause(doc, inner)
            governing = _governing_verb(doc, inner) if bare is None else None
        if bare is not None:
            return bare
        if governing is not None:
            return governing, _subject(doc, governing, inner)
        near_before = before[-1] if before and inner.start - before[-1].i <= NEAR else None
        far_after = after[0] if after and not _subordinate(after[0]) else None
        cue = near_before if short else (before[-1] if before else None) or far_after
        if cue is not None:
            return cue, _subject(doc, cue, inner)
    return None, None
