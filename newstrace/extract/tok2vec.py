"""The small pipeline's tok2vec networks run as one flat numpy pass per batch, with the same floats.

thinc runs spaCy's `Tok2Vec.v2` (`MultiHashEmbed.v2` + `MaxoutWindowEncoder.v2`) layer by
layer through lists, ragged arrays and a padded flat array, with a scalar maxout and gather
loop and a layer norm that computes each mean twice: about as much CPU again as its matrix
products. `Tok2VecForward` does the same float operations in the same order (hash, gather
onto zeros, the same `gemm` calls, layer norm's numpy reductions, the same padding between
docs) with numpy's vector loops and nothing copied per doc; with `TOKENS_ONLY_LAST` off its
output equals `model.predict`'s bit for bit (checked in the tests), with it on (the default)
the last layer skips the padding rows nobody reads, which moves some floats by ~1e-6.
"""

from __future__ import annotations

import numpy
from spacy.tokens import Doc
from thinc.api import Model

__all__ = ["Tok2VecForward", "forward_for", "maxout"]

# The last layer computes the tokens' rows only (~18 % fewer rows in its matrix product).
# OpenBLAS's sums depend on a row's place in the matrix, so ~7 % of that layer's floats move
# by ~1e-6 (as with any batch composition); False keeps thinc's floats bit for bit.
TOKENS_ONLY_LAST = True
_COUNT = numpy.intp  # layer norm divides its sums by an intp count, as numpy's mean and var do


class _Maxout:
    """A thinc `Maxout` layer with its weight rows grouped by piece."""

    def __init__(self, layer: Model, ops) -> None:
        """Keep the (nO * nP, nI) weights (the layout `gemm` is called with: permuted rows give other floats)."""
        W, b = layer.get_param("W"), layer.get_param("b")
        self.nO, self.nP = W.shape[0], W.shape[1]
        self.W = W.reshape((self.nO * self.nP, W.shape[2]))
        self.b = b.reshape((self.nO * self.nP,))
        self.ops = ops

    def __call__(self, X: numpy.ndarray) -> numpy.ndarray:
        """Best piece per output, as `ops.maxout` over `gemm(X, W.T) + b`."""
        Y = self.ops.gemm(X, self.W, trans2=True)
        Y += self.b
        return maxout(Y.reshape((Y.shape[0], self.nO, self.nP)))


class _LayerNorm:
    """A thinc `LayerNorm` layer."""

    def __init__(self, layer: Model) -> None:
        """Keep the gain and bias."""
        self.G, self.b = layer.get_param("G"), layer.get_param("b")

    def __call__(self, X: numpy.ndarray) -> numpy.ndarray:
        """`(X - mean) * (var + 1e-8) ** -0.5 * G + b`, the mean and deviations computed once."""
        n = _COUNT(X.shape[1])
        mu = numpy.add.reduce(X, axis=1, keepdims=True)
        numpy.true_divide(mu, n, out=mu, casting="unsafe")
        dev = X - mu
        var = numpy.add.reduce(numpy.square(dev), axis=1, keepdims=True)
        numpy.true_divide(var, n, out=var, casting="unsafe")
        var += 1e-08
        dev *= var ** (-1.0 / 2.0)
        dev *= self.G
        dev += self.b
        return dev


def _layers(model: Model, name: str) -> list[Model]:
    """The model's sublayers called `name`, in order."""
    return [n for n in model.walk() if n.name == name]


class Tok2VecForward:
    """One spaCy `Tok2Vec.v2` model's forward pass on a batch of docs, as a flat array."""

    def __init__(self, model: Model) -> None:
        """Read the embedding tables, seeds and layers; raise ValueError for other architectures."""
        features = _layers(model, "extract_features")
        if len(features) != 1:
            raise ValueError("no feature extractor: a listener or another architecture")
        (features,) = features
        self.columns = features.attrs["columns"]
        embeds = _layers(model, "hashembed")
        maxouts, norms = _layers(model, "maxout"), _layers(model, "layernorm")
        windows = _layers(model, "expand_window")
        if len(embeds) != len(self.columns) or len(maxouts) != len(norms) or len(windows) != len(maxouts) - 1:
            raise ValueError("not a MultiHashEmbed + MaxoutWindowEncoder tok2vec")
        if any(w.attrs["window_size"] != 1 for w in windows) or sorted(e.attrs["column"] for e in embeds) != list(range(len(embeds))):
            raise ValueError("only window size 1 and one embedding per column")
        embeds.sort(key=lambda e: e.attrs["column"])
        wrappers = [n for n in model.walk() if n.name.startswith("with_array(residual(")]
        if len(wrappers) != 1:
            raise ValueError("no with_array around the encoder")
        self.pad = wrappers[0].attrs["pad"]  # rows of zeros around each doc in the encoder's flat array
        ops = model.ops
        self.ops = ops
        self.tables = [(e.get_param("E"), e.attrs["seed"]) for e in embeds]
        self.no_zeros = all(numpy.all(table != 0) for table, _ in self.tables)
        self.width = self.tables[0][0].shape[1]
        self.mix = (_Maxout(maxouts[0], ops), _LayerNorm(norms[0]))
        self.encode = [(_Maxout(m, ops), _LayerNorm(n)) for m, n in zip(maxouts[1:], norms[1:])]

    def __call__(self, docs: list[Doc]) -> numpy.ndarray:
        """The (tokens of all docs, width) output, docs in order: `list2array(model.predict(docs))`."""
        lengths = [len(d) for d in docs]
        total = sum(lengths)
        if not total:
            return numpy.zeros((0, self.width), dtype="float32")
        ids = numpy.concatenate([d.to_array(self.columns) for d in docs if len(d)]).astype("uint64")
        ids = ids.reshape((total, len(self.columns)))
        X = _blocked(total, lambda a, b: self._embed(ids[a:b]), *self.mix)
        rows = self._rows(lengths)
        flat = numpy.zeros((total + self.pad * (len(rows) + 1), self.width), dtype="float32")
        index = numpy.concatenate(rows)
        flat[index] = X
        last = len(self.encode) - 1
        for k, (maxout, norm) in enumerate(self.encode):
            if k == last and TOKENS_ONLY_LAST:  # nothing reads the last layer's padding rows
                return _blocked(total, lambda a, b: _window_at(flat, index[a:b]), maxout, norm, flat[index])
            flat = _blocked(len(flat), lambda a, b: _window_rows(flat, a, b), maxout, norm, flat)
        return flat[index]

    def _embed(self, ids: numpy.ndarray) -> numpy.ndarray:
        """Each column's hashed embedding (four rows summed onto zeros, as `gather_add`), side by side."""
        out = numpy.empty((ids.shape[0], self.width * len(self.tables)), dtype="float32")
        for c, (table, seed) in enumerate(self.tables):
            keys = self.ops.hash(numpy.ascontiguousarray(ids[:, c]), seed) % table.shape[0]
            block = out[:, c * self.width : (c + 1) * self.width]
            if self.no_zeros:  # 0 + x is x for every x but -0.0: start from the first row
                numpy.add(table.take(keys[:, 0], axis=0), table.take(keys[:, 1], axis=0), out=block)
                rest = range(2, keys.shape[1])
            else:
                block[...] = 0
                rest = range(keys.shape[1])
            for k in rest:
                block += table.take(keys[:, k], axis=0)
        return out

    def _rows(self, lengths: list[int]) -> list[numpy.ndarray]:
        """Row indices of each non-empty doc's tokens in the padded flat array."""
        rows, at = [], self.pad
        for n in lengths:
            if n:
                rows.append(numpy.arange(at, at + n))
                at += n + self.pad
        return rows


def maxout(pieces: numpy.ndarray) -> numpy.ndarray:
    """The largest of each row's pieces, (rows, nO, nP) -> (rows, nO), as `ops.maxout` (numpy's
    `max(axis=2)` over so short an axis is ~30x slower than elementwise maxima)."""
    if pieces.shape[2] == 1:
        return pieces[:, :, 0].copy()
    best = numpy.maximum(pieces[:, :, 0], pieces[:, :, 1])
    for p in range(2, pieces.shape[2]):
        numpy.maximum(best, pieces[:, :, p], out=best)
    return best


# Rows per product. OpenBLAS's sums depend on a row's place in its 24-row tiles, so blocks of
# a multiple of 24 rows (and no one-row block) give one product's floats (tested).
BLOCK = 768


def _blocked(n: int, inputs, maxout: _Maxout, norm: _LayerNorm, residual: numpy.ndarray | None = None) -> numpy.ndarray:
    """`norm(maxout(inputs(0, n)))` (plus `residual`) computed BLOCK rows at a time, so each
    block's elementwise passes stay in the core's cache; the same floats as one pass."""
    out = numpy.empty((n, norm.G.shape[0]), dtype="float32")
    bounds = [*range(0, n, BLOCK), n]
    if len(bounds) > 2 and bounds[-1] - bounds[-2] == 1:
        del bounds[-2]  # a one-row product is a matrix-vector product in numpy: other floats
    for a, b in zip(bounds, bounds[1:]):
        y = norm(maxout(inputs(a, b)))
        if residual is not None:
            numpy.add(residual[a:b], y, out=out[a:b])
        else:
            out[a:b] = y
    return out


def _window_rows(X: numpy.ndarray, a: int, b: int) -> numpy.ndarray:
    """Rows a..b of `_window(X)`."""
    w = X.shape[1]
    out = numpy.empty((b - a, 3, w), dtype=X.dtype)
    out[:, 1] = X[a:b]
    if a:
        out[:, 0] = X[a - 1 : b - 1]
    else:
        out[0, 0] = 0
        out[1:, 0] = X[: b - 1]
    if b < len(X):
        out[:, 2] = X[a + 1 : b + 1]
    else:
        out[-1, 2] = 0
        out[:-1, 2] = X[a + 1 : b]
    return out.reshape((b - a, 3 * w))


def _window_at(X: numpy.ndarray, rows: numpy.ndarray) -> numpy.ndarray:
    """`_window(X)[rows]` for rows with a row on either side (token rows between padding)."""
    w = X.shape[1]
    out = numpy.empty((len(rows), 3, w), dtype=X.dtype)
    out[:, 0] = X[rows - 1]
    out[:, 1] = X[rows]
    out[:, 2] = X[rows + 1]
    return out.reshape((len(rows), 3 * w))


def _window(X: numpy.ndarray) -> numpy.ndarray:
    """Each row with its neighbours before and after (zeros past the ends), as `ops.seq2col(X, 1)`."""
    n, w = X.shape
    out = numpy.empty((n, 3, w), dtype=X.dtype)
    out[:, 1] = X
    out[1:, 0] = X[:-1]
    out[0, 0] = 0
    out[:-1, 2] = X[1:]
    out[-1, 2] = 0
    return out.reshape((n, 3 * w))


_FORWARDS: dict[int, Tok2VecForward | None] = {}


def forward_for(model: Model) -> Tok2VecForward | None:
    """The fast forward for this tok2vec model (built once), or None if its architecture differs."""
    key = id(model)
    if key not in _FORWARDS:
        try:
            _FORWARDS[key] = Tok2VecForward(model)
        except ValueError:
            _FORWARDS[key] = None
    return _FORWARDS[key]
