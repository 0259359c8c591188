"""The scalable pieces: shingle hashing, MinHash, LSH parameters, candidate pairs, alignment."""

from __future__ import annotations

import random

import numpy as np
import pytest

from newstrace.provenance import candidate_pairs, hash_words, optimal_param, shingle_hashes, signatures
from newstrace.provenance.align import align_passages, tokens
from newstrace.provenance.minhash import estimate_jaccard
from newstrace.provenance.paraphrase import align_sentences, split_sentences


def words(rng: random.Random, n: int) -> list[str]:
    vocab = [f"{a}{b}{c}" for a in "bdfgklmnprst" for b in "aeiou" for c in ["n", "r", "s", "th", "x", "l"]]
    return [rng.choice(vocab) for _ in range(n)]


def test_word_hashes_fold_case_and_split_on_punctuation():
    b = hash_words(["Hello, WORLD! hello world", "", "world"])
    h = b.hashes
    assert list(b.offsets) == [0, 4, 4, 5]
    assert h[0] == h[2] and h[1] == h[3] == h[4] and h[0] != h[1]


def test_shingles_stay_inside_each_text():
    b = shingle_hashes(hash_words(["a b c d", "e f", "g h i"]), 3)
    assert list(np.diff(b.offsets)) == [2, 1, 1]


def test_minhash_estimates_jaccard():
    rng = random.Random(3)
    base = words(rng, 600)
    other = base[:300] + words(rng, 300)
    sh = shingle_hashes(hash_words([" ".join(base), " ".join(other)]), 3)
    sets = [set(sh.hashes[sh.offsets[i] : sh.offsets[i + 1]].tolist()) for i in range(2)]
    true = len(sets[0] & sets[1]) / len(sets[0] | sets[1])
    est = estimate_jaccard(signatures(sh, 256), np.array([[0, 1]]))[0]
    assert abs(est - true) < 0.1


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8])
def test_lsh_parameters_match_datasketch(threshold):
    from datasketch.lsh import _optimal_param

    assert optimal_param(threshold, 128) == _optimal_param(threshold, 128, 0.5, 0.5)


def test_candidate_pairs_find_copies_and_skip_unrelated():
    rng = random.Random(7)
    bases = [words(rng, 450) for _ in range(40)]
    texts = [" ".join(b) for b in bases]
    edited = list(bases[1])
    for i in rng.sample(range(len(edited)), 60):
        edited[i] = rng.choice(["zork", "quib", "flen"]) + str(i)
    texts += [texts[0], " ".join(edited), " ".join(bases[2][:220] + words(rng, 230))]
    found = {tuple(p) for p in candidate_pairs(texts).pairs.tolist()}
    assert {(0, 40), (1, 41), (2, 42)} <= found
    assert not [p for p in found if p[1] < 40]


def test_passages_tolerate_small_edits():
    rng = random.Random(5)
    a = words(rng, 200)
    b = words(rng, 30) + a[50:90] + ["changed"] + a[91:150] + words(rng, 20)
    ps = align_passages(tokens(" ".join(a)), tokens(" ".join(b)))
    assert len(ps) == 1
    p = ps[0]
    assert (p.a0, p.a1) == (50, 150) and (p.b0, p.b1) == (30, 130)


def test_sentence_alignment_is_monotone_and_one_to_one():
    sim = np.array([[0.9, 0.1, 0.8], [0.2, 0.3, 0.85], [0.1, 0.95, 0.1]])
    al = align_sentences(sim, 0.7)
    assert al.pairs in (((0, 0), (1, 2)), ((0, 0), (2, 1)))
    assert al.unordered == 3
    rows = [i for i, _ in al.pairs]
    cols = [j for _, j in al.pairs]
    assert rows == sorted(rows) and cols == sorted(cols)


def test_fallback_splitter_spans():
    text = "First one here. Dr. Smith spoke at 3 p.m. on Monday!\n\nA new paragraph without end"
    for s in split_sentences(text):
        assert text[s.span[0] : s.span[1]] == s.text
    assert len(split_sentences(text)) >= 3
