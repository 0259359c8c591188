"""The sentence-cached parse: exact text, the same annotations for a repeated sentence, pieces cover the text."""

from __future__ import annotations

from newstrace.extract import annotate
from newstrace.extract import nlp as nlp_mod
from newstrace.model import Article

A = (
    "The defence ministry said that about 4,500 troops had been moved to Kellan on Monday.\n\n"
    '"We are doing everything we can," Lena Ortiz told reporters.  Residents described long queues.'
)
B = (
    "Officials in Eastmoor estimated the damage at 20 percent.\n\n"
    "The defence ministry said that about 4,500 troops had been moved to Kellan on Monday.\n\n"
    "Lena Ortiz, who leads the response, warned that up to 12 km of road could stay closed."
)


def test_docs_keep_the_exact_text_and_pieces_cover_it(nlp):
    nlp_mod.clear_cache()
    texts = [A, B, "", "   \n", "One sentence without a full stop"]
    docs = list(nlp_mod.parse(texts, batch_size=2))
    assert [d.text for d in docs] == texts
    for t in (A, B):
        ps = nlp_mod.pieces(nlp.get_pipe("senter")(nlp.make_doc(t)))
        assert "".join(ps) == t and len(ps) >= 3


def test_repeated_sentence_is_read_the_same_in_both_articles():
    nlp_mod.clear_cache()
    a, b = annotate([Article(id="a", text=A, source="x"), Article(id="b", text=B, source="y")])
    off = B.index("The defence")
    qa = [(q.span, q.value, q.unit) for q in a.quantities if q.span[0] < A.index("\n")]
    qb = [((q.span[0] - off, q.span[1] - off), q.value, q.unit) for q in b.quantities if off <= q.span[0] < B.index("\n", off)]
    assert qa == qb and qa and qa[0][1] == 4500
    assert any(e.text == "Lena Ortiz" and e.label == "PERSON" for e in a.entities)
    assert any(q.speaker == "Lena Ortiz" for q in a.quotes)
    for art in (a, b):
        for item in (*art.sentences, *art.entities, *art.quantities, *art.quotes, *art.dates):
            s, e = item.span
            assert art.text[s:e] == item.text


def test_cache_and_dedup_do_not_change_results():
    arts = [Article(id="a", text=A, source="x"), Article(id="b", text=B, source="y")]
    nlp_mod.clear_cache()
    cached = annotate(arts)
    again = annotate(arts)  # served from the cache kept across calls
    nlp_mod.DEDUP = False
    try:
        plain = annotate(arts)
    finally:
        nlp_mod.DEDUP = True
    assert cached == again == plain


def test_process_pool_gives_the_same_articles_in_order():
    arts = [Article(id=str(i), text=t, source="x") for i, t in enumerate([A, B, B, A])]
    nlp_mod.clear_cache()
    one = annotate(arts, batch_size=1, n_process=1)
    two = annotate(arts, batch_size=1, n_process=2)
    assert [a.id for a in two] == ["0", "1", "2", "3"]
    assert one == two
