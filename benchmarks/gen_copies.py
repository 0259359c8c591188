"""Generate a synthetic news-like corpus with known copies, for the near-duplicate benchmark.

Base articles (400-600 words) are sentences of words drawn from a Zipf-distributed
vocabulary of invented words, with a little bigram structure (each word prefers a
few followers), so frequent phrases recur across unrelated articles as in news.
Copies of random bases are added, one kind each:
  verbatim   - same body with a new headline or dateline
  sentences  - 1-3 sentences dropped and 1-2 new ones added
  words      - 5-20% of words replaced, inserted or deleted
  partial    - the first or second half reused in an otherwise new article
Writes JSONL lines {"id", "text", "kind", "source"} (source: the base id, or null).

    python benchmarks/gen_copies.py --n 100000 --out /tmp/copies.jsonl
"""

from __future__ import annotations

import argparse
import json

import numpy as np

KINDS = ("verbatim", "sentences", "words", "partial")
SYLLABLES = [c + v for c in "bdfghklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]


def vocabulary(rng: np.random.Generator, size: int) -> list[str]:
    """Invented words of 1-4 syllables."""
    words: set[str] = set()
    while len(words) < size:
        k = int(rng.integers(1, 5))
        words.add("".join(SYLLABLES[i] for i in rng.integers(0, len(SYLLABLES), k)))
    return sorted(words)


class Generator:
    """Sentences from a Zipf vocabulary with sticky bigrams."""

    def __init__(self, seed: int, vocab_size: int = 40000) -> None:
        self.rng = np.random.default_rng(seed)
        self.vocab = self.rng.permutation(np.array(vocabulary(self.rng, vocab_size)))
        p = 1.0 / np.arange(1, vocab_size + 1) ** 1.05
        self.cdf = np.cumsum(p / p.sum())
        self.follow = self.draw(vocab_size * 3).reshape(vocab_size, 3)

    def draw(self, n: int) -> np.ndarray:
        """n word indices from the Zipf distribution."""
        return np.minimum(np.searchsorted(self.cdf, self.rng.random(n)), self.vocab.size - 1)

    def sentence(self) -> str:
        """One sentence of 8-30 words, capitalised, ending with a full stop."""
        n = int(self.rng.integers(8, 31))
        idx = self.draw(n)
        sticky = self.rng.random(n) < 0.3
        for i in np.flatnonzero(sticky[1:]) + 1:
            idx[i] = self.follow[idx[i - 1], self.rng.integers(0, 3)]
        words = self.vocab[idx]
        return " ".join(words).capitalize() + "."

    def article(self) -> list[str]:
        """Sentences adding up to 400-600 words."""
        target, out, count = int(self.rng.integers(400, 601)), [], 0
        while count < target:
            s = self.sentence()
            out.append(s)
            count += s.count(" ") + 1
        return out


def copy_of(g: Generator, base: list[str], kind: str) -> str:
    """A derived text of one kind."""
    rng = g.rng
    if kind == "verbatim":
        head = g.sentence()[:-1] if rng.random() < 0.5 else "PORT " + g.vocab[rng.integers(0, 500)].upper() + " -"
        return head + "\n\n" + " ".join(base)
    if kind == "sentences":
        sents = list(base)
        for _ in range(int(rng.integers(1, 4))):
            sents.pop(int(rng.integers(0, len(sents))))
        for _ in range(int(rng.integers(1, 3))):
            sents.insert(int(rng.integers(0, len(sents) + 1)), g.sentence())
        return " ".join(sents)
    if kind == "words":
        words = " ".join(base).split()
        rate = rng.uniform(0.05, 0.20)
        out = []
        for w, r, op in zip(words, rng.random(len(words)), rng.integers(0, 3, len(words))):
            if r >= rate:
                out.append(w)
            elif op == 0:
                out.append(g.vocab[rng.integers(0, g.vocab.size)])
            elif op == 1:
                out.extend((w, g.vocab[rng.integers(0, g.vocab.size)]))
        return " ".join(out)
    half = len(base) // 2
    reused = base[:half] if rng.random() < 0.5 else base[half:]
    fresh = g.article()[: len(base) - len(reused)]
    return " ".join(reused + fresh if rng.random() < 0.5 else fresh + reused)


def generate(n: int, copy_share: float = 0.3, seed: int = 13):
    """Yield n records: bases first in each block, copies of earlier bases after."""
    g = Generator(seed)
    bases: list[list[str]] = []
    for i in range(n):
        if bases and g.rng.random() < copy_share:
            src = int(g.rng.integers(0, len(bases)))
            kind = KINDS[i % len(KINDS)]
            yield {"id": f"c{i}", "text": copy_of(g, bases[src], kind), "kind": kind, "source": f"b{src}"}
        else:
            sents = g.article()
            yield {"id": f"b{len(bases)}", "text": " ".join(sents), "kind": "base", "source": None}
            bases.append(sents)


def main() -> None:
    """Write the corpus."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    with open(args.out, "w", encoding="utf-8") as fh:
        for rec in generate(args.n, seed=args.seed):
            fh.write(json.dumps(rec) + "\n")


if __name__ == "__main__":
    main()
