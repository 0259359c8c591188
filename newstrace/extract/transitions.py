"""Greedy decoding of the parser and NER with each step's maths done in numpy for the whole batch.

spaCy's `greedy_parse` steps every state through compiled calls that re-take the GIL on
each call (its state-method function pointers are not `noexcept`): for the NER that is
74 validity checks per token. Here the step's network maths is the same sequence of float
operations as spaCy's `ParserStepModel` (features summed in order onto zeros, bias,
maxout, the upper layer's own `predict`), so the scores are the same numbers; the parser
keeps spaCy's compiled `transition_states`, while the NER, whose states advance one token
per step in lockstep, checks validity and applies its BILUO moves with numpy arrays.
Docs with preset entities (never made by `parse`) go through spaCy's own path.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.ml.parser_model import ParserStepModel
from spacy.tokens import Doc, Span

from .tok2vec import forward_for, maxout

__all__ = ["decode"]

_NEG = numpy.float32(-numpy.inf)


class _Step:
    """The per-batch parts of a transition model: precomputed features, bias and upper layer."""

    def __init__(self, pipe, docs: list[Doc], fast_tok2vec: bool) -> None:
        """Run the pipe's tok2vec and lower layer once for the batch, as `ParserStepModel` does."""
        model = pipe.model
        lower = model.get_ref("lower")
        self.nF, self.nO, self.nP = lower.get_dim("nF"), lower.get_dim("nO"), lower.get_dim("nP")
        tokvecs = _tokvecs(model.get_ref("tok2vec"), docs, fast_tok2vec)
        cached = lower.predict(tokvecs)  # (tokens + 1, nF, nO, nP); row 0 is the padding
        self.rows = cached.reshape((cached.shape[0] * self.nF, self.nO * self.nP))
        self.bias = lower.get_param("b").reshape((self.nO * self.nP,))
        self.upper = model.get_ref("upper") if model.attrs["has_upper"] else None
        self.shim = SimpleNamespace(state2vec=SimpleNamespace(nF=self.nF))
        if self.upper is None or self.nP < 2 or model.attrs["unseen_classes"] or self.upper.name != "linear":
            raise NotImplementedError("only the maxout + upper layer model of the small pipeline")
        self.upper_W, self.upper_b = self.upper.get_param("W"), self.upper.get_param("b")
        self.features = numpy.arange(self.nF, dtype="int32")

    def scores(self, ids: numpy.ndarray) -> numpy.ndarray:
        """Action scores for states with these context token ids (-1: none), as spaCy computes them."""
        rows = (ids + 1) * self.nF + self.features
        found = self.rows.take(rows.ravel(), axis=0).reshape((ids.shape[0], self.nF, self.nO * self.nP))
        acc = found[:, 0] + numpy.float32(0.0)  # summed in feature order onto zeros, as `sum_state_features`
        for f in range(1, self.nF):
            acc += found[:, f]
        acc += self.bias
        best = maxout(acc.reshape((ids.shape[0], self.nO, self.nP)))
        out = numpy.dot(best, self.upper_W.T)  # the upper `Linear`'s own forward: `ops.gemm(X, W, trans2=True) + b`
        out += self.upper_b
        return out

    def token_ids(self, states: list) -> numpy.ndarray:
        """Context token ids of parser states, read by spaCy's own feature function."""
        return ParserStepModel.get_token_ids(self.shim, states)


def _tokvecs(chain, docs: list[Doc], fast: bool) -> numpy.ndarray:
    """The model's `tok2vec >> list2array >> linear` input layer on the batch; an own (not
    listening) tok2vec runs as `tok2vec.Tok2VecForward` when `fast` (the same floats)."""
    first, rest = chain.layers[0], chain.layers[1:]
    forward = forward_for(first) if fast else None
    if forward is None or [layer.name for layer in rest] != ["list2array", "linear"]:
        return chain.predict(docs)
    return rest[1].predict(forward(docs))


def decode(pipe, docs: list[Doc], fast_tok2vec: bool = True) -> None:
    """Parse (or tag entities in) `docs` greedily and set the annotations on them."""
    if pipe.name == "ner":
        _ner(pipe, docs, fast_tok2vec)
    else:
        pipe.set_annotations(docs, _parser_states(pipe, docs, fast_tok2vec))


def _parser_states(pipe, docs: list[Doc], fast_tok2vec: bool) -> list:
    """Final parser states: scores from numpy, moves from spaCy's compiled `transition_states`."""
    batch = pipe.moves.init_batch(docs)
    if not any(len(d) for d in docs):
        return batch
    step = _Step(pipe, docs, fast_tok2vec)
    states = [s for s in batch if not s.is_final()]
    while states:
        states = pipe.transition_states(states, step.scores(step.token_ids(states)))
    return batch


B, I, L, U, O = range(5)  # move kinds, as codes


def _moves(pipe) -> tuple[numpy.ndarray, numpy.ndarray, list[str]]:
    """Each NER action's move kind (B, I, L, U, O code) and label index (-1: none) into the labels."""
    names = [pipe.moves.get_class_name(i) for i in range(pipe.moves.n_moves)]
    labels = sorted({n[2:] for n in names if len(n) > 2})
    kind = numpy.array(["BILUO".index(n[0]) for n in names])
    label = numpy.array([labels.index(n[2:]) if len(n) > 2 else -1 for n in names])
    return kind, label, labels


def _ner(pipe, docs: list[Doc], fast_tok2vec: bool) -> None:
    """BILUO decoding of all docs in lockstep (every move consumes one token) with numpy."""
    ents: list[list[Span]] = [[] for _ in docs]
    if any(len(d) for d in docs):
        _ner_steps(pipe, docs, ents, fast_tok2vec)
    for d, es in zip(docs, ents):
        d.set_ents(es, default="outside")


def _ner_steps(pipe, docs: list[Doc], ents: list[list[Span]], fast_tok2vec: bool) -> None:
    """Step every unfinished doc one token at a time, taking its best valid move."""
    kind, label, labels = _moves(pipe)
    step = _Step(pipe, docs, fast_tok2vec)
    lengths = numpy.array([len(d) for d in docs], dtype="int64")
    offsets = numpy.concatenate([[0], numpy.cumsum(lengths)[:-1]])
    flags = numpy.concatenate([d.to_array([IS_SPACE, SENT_START]) for d in docs if len(d)]).astype("int64")
    space = flags[:, 0] == 1
    starts = numpy.append(flags[:, 1] == 1, False)  # the next token starts a sentence (none past the end)
    named = label >= 0
    b, i, l, u, o = ((kind == k) & (named | (k == O)) for k in (B, I, L, U, O))
    state = _NerState(len(docs))
    for t in range(int(lengths.max())):
        act = numpy.flatnonzero(lengths > t)
        pos = offsets[act] + t
        op = state.open[act]
        ids = numpy.stack([pos, numpy.where(op, offsets[act] + state.start[act], -1), numpy.where(op, pos - 1, -1)], axis=1)
        scores = step.scores(ids.astype("int32"))
        last = (lengths[act] - t) < 2
        nxt = starts[pos + 1] & ~last
        sp = space[pos]
        same = label[None, :] == state.label[act][:, None]
        valid = (
            b[None, :] & (~op & ~last & ~nxt & ~sp)[:, None]
            | i[None, :] & (op & ~last & ~nxt)[:, None] & same
            | l[None, :] & op[:, None] & same
            | u[None, :] & (~op & ~sp)[:, None]
            | o[None, :] & ~op[:, None]
        )
        guess = numpy.where(valid, scores, _NEG).argmax(axis=1)
        state.apply(kind[guess], label[guess], act, t)
    for (k, start, lab), end in zip(state.found, state.ends):
        ents[k].append(Span(docs[k], start, end, label=labels[lab]))


class _NerState:
    """Per doc: whether an entity is open, its label index and its first token."""

    def __init__(self, n: int) -> None:
        """No entity open in any of `n` docs."""
        self.open = numpy.zeros(n, dtype=bool)
        self.label = numpy.full(n, -1)
        self.start = numpy.zeros(n, dtype="int64")
        self.found: list[tuple[int, int, int]] = []  # (doc, first token, label index) of each entity found
        self.ends: list[int] = []  # and its end token

    def apply(self, moves: numpy.ndarray, labs: numpy.ndarray, act: numpy.ndarray, t: int) -> None:
        """Take each state's chosen move at token `t`: open an entity, close it, or make a one-token one."""
        begin, last, unit = act[moves == B], act[moves == L], moves == U
        self.open[begin], self.label[begin], self.start[begin] = True, labs[moves == B], t
        self.found.extend(zip(last.tolist(), self.start[last].tolist(), self.label[last].tolist()))
        self.open[last] = False
        self.found.extend(zip(act[unit].tolist(), [t] * int(unit.sum()), labs[unit].tolist()))
        self.ends.extend([t + 1] * (len(last) + int(unit.sum())))
