"""The fast paths of extraction give what spaCy's own paths give: OpenBLAS products, transitions stepped
from Python, and the process split (copies kept together, this process taking a share)."""

from __future__ import annotations

import pytest
from thinc.api import NumpyOps

from newstrace import extract
from newstrace.extract import annotate
from newstrace.extract import nlp as nlp_mod
from newstrace.model import Article

TEXTS = [
    'The defence ministry said on Monday that about 4,500 troops had moved to Kellan. "We are ready," '
    "Gen. Lena Ortiz told reporters in Harbor City.\n\nThe U.S. pledged $2.5 billion, up from $900 million in 2021.",
    "Residents of Eastmoor described long queues. Omar Reyes, who leads the response, warned that up to "
    "12 km of road could stay closed until March, according to the regional council.",
    "",
]


def _annotations(docs):
    """Every token's tag, dependency, head, sentence start and entity tag."""
    return [[(t.tag_, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_) for t in d] for d in docs]


def _with(monkeypatch: pytest.MonkeyPatch, greedy: bool, ops) -> list:
    """Annotations of TEXTS parsed with this transition loop and these thinc ops."""
    nlp = nlp_mod.load_nlp()
    monkeypatch.setattr(nlp_mod, "GREEDY_IN_PYTHON", greedy)
    for _, pipe in nlp.components:
        for node in pipe.model.walk():
            node.ops = ops
    nlp_mod.clear_cache()
    try:
        return _annotations(nlp_mod.parse(TEXTS))
    finally:
        for _, pipe in nlp.components:
            for node in pipe.model.walk():
                node.ops = nlp_mod.OPS
        nlp_mod.clear_cache()


def test_python_transitions_and_openblas_parse_as_spacy_does(monkeypatch):
    spacy_own = _with(monkeypatch, False, NumpyOps())  # spaCy's C loop, blis products
    fast = _with(monkeypatch, True, nlp_mod.OPS)
    assert fast == spacy_own
    assert any(t[5] == "PERSON" for d in fast for t in d) and any(t[1] == "nsubj" for d in fast for t in d)


def test_pipeline_layers_use_the_openblas_ops(nlp):
    assert all(node.ops is nlp_mod.OPS for _, pipe in nlp.components for node in pipe.model.walk())
    assert nlp_mod.OPS.use_blis is False


def test_share_keeps_copies_together_and_balances_work():
    a = "Troops moved to Kellan on Monday. The council met. Officials counted 40 homes."
    b = "Talks resumed in Port Dunmore. Clara Voss said they would go on. Nobody was hurt."
    groups = extract._share([a, b, a, b, a + " A new sentence.", b], 2)
    assert sorted(i for g in groups for i in g) == list(range(6))
    assert {0, 2, 4} in [set(g) for g in groups] and {1, 3, 5} in [set(g) for g in groups]


def test_pool_from_sixteen_articles_matches_one_process(monkeypatch):
    arts = [Article(id=str(i), text=TEXTS[i % 2] + f" Item {i}.", source="x") for i in range(16)]
    calls = []
    real = extract._annotate_pool
    monkeypatch.setattr(extract, "_annotate_pool", lambda *a: calls.append(len(a[0])) or real(*a))
    nlp_mod.clear_cache()
    one = annotate(arts, n_process=1)
    two = annotate(arts, n_process=2)
    assert calls == [16]
    assert two == one and [a.id for a in two] == [str(i) for i in range(16)]


MORE = [
    "Lena Ortiz met Omar Reyes of the United Nations in Port Dunmore on Nov. 18, 2024.\n\n",
    "  Harbor City  \n",  # whitespace tokens, an entity between them
    "Talks with the European Union resumed. Clara Voss said so. Paris",  # an entity on the last token
    "",
]


def test_numpy_steps_give_spacys_parses_and_entities(monkeypatch):
    nlp = nlp_mod.load_nlp()
    out = []
    for numpy_steps in (False, True):
        monkeypatch.setattr(nlp_mod, "NUMPY_STEPS", numpy_steps)
        docs = nlp_mod._parse_pieces(nlp, TEXTS + MORE, batch_size=3)
        out.append((_annotations(docs), [[(e.start, e.end, e.label_) for e in d.ents] for d in docs]))
    assert out[0] == out[1]
    assert ("Paris" in [t for d in nlp_mod._parse_pieces(nlp, MORE[2:3], 4) for t in map(str, d.ents)])


def test_flat_tok2vec_gives_thincs_floats(nlp, monkeypatch):
    import numpy

    from newstrace.extract import tok2vec
    from newstrace.extract.tok2vec import Tok2VecForward, forward_for

    monkeypatch.setattr(tok2vec, "TOKENS_ONLY_LAST", False)
    docs = [nlp.make_doc(t) for t in TEXTS + MORE]
    ner_tok2vec = nlp.get_pipe("ner").model.get_ref("tok2vec").layers[0]
    senter_tok2vec = nlp.get_pipe("senter").model.layers[0]  # width 16, depth 2: padding 2
    monkeypatch.setattr(tok2vec, "BLOCK", 24)  # several row blocks per product
    with nlp_mod._BLAS.limit(limits=1, user_api="blas"):  # as `parse` runs them (threads split rows otherwise)
        for model in (nlp.get_pipe("tok2vec").model, ner_tok2vec, senter_tok2vec):
            assert numpy.array_equal(Tok2VecForward(model)(docs), numpy.concatenate(model.predict(docs)))
    assert forward_for(nlp.get_pipe("parser").model.get_ref("tok2vec").layers[0]) is None  # a listener
    assert Tok2VecForward(ner_tok2vec)([nlp.make_doc("")]).shape == (0, 96)


def test_flat_tok2vec_and_spacys_path_annotate_alike(monkeypatch):
    nlp = nlp_mod.load_nlp()
    out = []
    for fast in (False, True):
        monkeypatch.setattr(nlp_mod, "FAST_TOK2VEC", fast)
        out.append(_annotations(nlp_mod._parse_pieces(nlp, TEXTS + MORE, batch_size=4)))
    assert out[0] == out[1]


def test_pieces_sorted_by_length_come_back_in_order(monkeypatch):
    nlp = nlp_mod.load_nlp()
    texts = ["A much longer piece of text about troops moving to Kellan on Monday.", "Short.", "", "Mid length one."]
    out = []
    for sort in (False, True):
        monkeypatch.setattr(nlp_mod, "SORT_PIECES", sort)
        docs = nlp_mod._parse_pieces(nlp, texts, batch_size=2)
        assert [d.text for d in docs] == texts
        out.append(_annotations(docs))
    assert out[0] == out[1]


def test_flat_tok2vec_last_layer_on_tokens_only_stays_within_float_noise(nlp):
    import numpy

    from newstrace.extract.tok2vec import Tok2VecForward

    docs = [nlp.make_doc(t) for t in TEXTS + MORE]
    model = nlp.get_pipe("tok2vec").model
    assert numpy.allclose(Tok2VecForward(model)(docs), numpy.concatenate(model.predict(docs)), atol=1e-4)


def test_flat_senter_cuts_the_same_pieces(monkeypatch):
    nlp = nlp_mod.load_nlp()
    texts = TEXTS + MORE + ["Mr. Stone arrived. He said so.\n\nThen he left"]
    out = []
    for fast in (False, True):
        monkeypatch.setattr(nlp_mod, "FAST_TOK2VEC", fast)
        docs = nlp_mod._sentence_starts(nlp, [nlp.make_doc(t) for t in texts], batch_size=2)
        out.append([nlp_mod.pieces(d) for d in docs])
    assert out[0] == out[1] and len(out[1][0]) >= 3
