"""Fact novelty: the names and numbers one report has that the other lacks (invented texts)."""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS

from newstrace.model import Article
from newstrace.provenance import pair_features, views
from newstrace.provenance.align import tokens
from newstrace.provenance.features import fact_novelty, fact_words

from .texts import INDEPENDENT, ORIGINAL, REWRITE


def facts(text: str) -> frozenset[str]:
    return fact_words(text, tokens(text), STOP_WORDS)


def test_fact_words_are_names_and_numbers_not_sentence_openers():
    text = ("However, the mayor of Dunmere said 41 houses were flooded. "
            "\"Nobody expected it,\" said Ada Kiel. Rain fell for 3 days.")
    got = facts(text)
    assert {"dunmere", "41", "ada", "kiel", "3"} <= got
    assert "however" not in got and "rain" not in got and "nobody" not in got  # capitalised only as sentence openers
    assert "mayor" not in got and "houses" not in got


def test_fact_novelty_directions():
    original = facts("Officials in Brackley said on Monday that 212 homes lost power after the storm hit Wexham.")
    rewrite = facts("After the storm struck Wexham, 212 homes lost power, Brackley officials said.")
    other = facts("In Wexham, engineer Lio Tamsin said 40 poles fell and the Orrin bridge was shut until June.")
    low, high = fact_novelty(original, rewrite)
    assert low == 0.0  # the rewrite adds no name or number its original lacks
    assert high < 0.5
    low2, high2 = fact_novelty(original, other)
    assert low2 > 0.5 and high2 > 0.5  # each report carries details the other lacks
    assert fact_novelty(frozenset(), other) == (0.0, 1.0)


def test_rewrite_adds_fewer_new_facts_than_an_independent_report():
    arts = [Article(id=k, text=t, source=f"{k}.txt")
            for k, t in (("o", ORIGINAL), ("r", REWRITE), ("i", INDEPENDENT))]
    o, r, i = views(arts)
    rewrite, independent = pair_features(o, r), pair_features(o, i)
    # the invented independent report repeats the original's names and spells its numbers out, so
    # its new details show in the other direction: the original's facts it leaves out
    assert rewrite.novel_min <= independent.novel_min
    assert rewrite.novel_max < independent.novel_max
    assert 0.0 <= rewrite.novel_min <= rewrite.novel_max <= 1.0


def test_soft_body_leaves_out_the_shared_lead():
    lead = "Flood water broke through the Orrin levee near Dunmere early on Sunday, forcing hundreds from their homes."
    one = lead + (" Farmers in the valley said the river rose faster than at any time since records began."
                  " The regional council opened two school halls as shelters and asked for volunteers with boats.")
    two = lead + (" A railway bridge downstream was closed after engineers found cracks in one of its piers."
                  " Insurers said claims would be assessed once the water had receded from the town centre.")
    a, b = views([Article(id="a", text=one, source="a.txt"), Article(id="b", text=two, source="b.txt")])
    f = pair_features(a, b)
    assert f.soft_body < f.soft  # the identical lead counts in soft only


def test_fact_agreement_checks_the_details_of_aligned_sentences():
    original = ("Flood water broke through the Orrin levee near Dunmere on Sunday. "
                "Mayor Ada Kiel said 41 houses in Brackley were flooded. "
                "Engineer Lio Tamsin said repairs would take until June.")
    rewrite = ("On Sunday flood water burst the Orrin levee close to Dunmere. "
               "Some 41 homes in Brackley were flooded, Mayor Ada Kiel's office said. "
               "Repairs will last until June, according to engineer Lio Tamsin.")
    other = ("Flood water broke through a levee near Wexham on Saturday. "
             "Mayor Tom Reyes said 12 houses in Orrinford were flooded. "
             "Engineer Sam Obi said repairs would take until August.")
    o, r, i = views([Article(id=k, text=t, source=f"{k}.txt")
                     for k, t in (("o", original), ("r", rewrite), ("i", other))])
    rewritten, independent = pair_features(o, r).fact_agree, pair_features(o, i).fact_agree
    assert rewritten > 0.9  # "Kiel's" is Kiel: each sentence keeps its names and numbers
    assert independent < 0.3  # the closest sentences tell the same kind of event with other details


def test_aligned_counts_a_run_of_sentences_not_a_short_match():
    lead_a = ("Flood water broke through the Orrin levee near Dunmere on Sunday. "
              "Mayor Ada Kiel said 41 houses were flooded.")
    lead_b = ("On Sunday flood water burst the Orrin levee close to Dunmere. "
              "Some 41 homes were flooded, Mayor Ada Kiel said.")
    a, b, o, r = views([Article(id=k, text=t, source=f"{k}.txt")
                        for k, t in (("a", lead_a), ("b", lead_b), ("o", ORIGINAL), ("r", REWRITE))])
    short, long = pair_features(a, b), pair_features(o, r)
    assert short.ordered > 0.9  # both sentences of the short pair align, in order
    assert short.aligned == len(short.sents.pairs) / (2 + 6)  # but that is two sentences of evidence
    assert long.aligned > short.aligned  # the rewrite keeps a longer run of its original's sentences


def test_quote_mask_reads_paragraphs_and_a_quote_cut_off_at_a_line_end():
    from newstrace.provenance.align import quote_mask

    text = ('The harbour master said "the tide came early" on Friday.\n\n'
            '"We will keep the gates shut until the pumps are back, and nobody\n\n'
            'Crews worked through the night. A “curly” word closes the piece.')
    t = tokens(text)
    quoted = [w for w, q in zip(t.words, quote_mask(text, t)) if q]
    # the second paragraph's quote is never closed: it runs to its line end, not to the next mark
    assert quoted == ["the", "tide", "came", "early", "we", "will", "keep", "the", "gates", "shut",
                      "until", "the", "pumps", "are", "back", "and", "nobody", "curly"]


def test_a_shared_statement_is_not_a_shared_passage():
    statement = ("We have told the board that the review of the contracts is no longer a routine audit "
                 "and that every payment made since March will be examined by outside accountants")
    a = Article(id="a", source="a.txt", text=("The Tollan port authority widened its inquiry on Tuesday, its spokesperson said.\n\n"
                              f'"{statement}," Mara Velt said in a statement.'))
    b = Article(id="b", source="b.txt", text=("Auditors will comb through years of payments at the Tollan docks after a vote that "
                              "surprised the union.\n\n"
                              f'"{statement}... the spokesperson wrote, without naming the firms involved.'))
    va, vb = views([a, b])
    f = pair_features(va, vb)
    assert f.passages  # the statement is found as shared text
    assert f.verb_a == 0.0 and f.verb_b == 0.0  # but it is a quote on both sides, so nothing copied
