"""Direct and indirect quotes, cues and speakers."""

from __future__ import annotations


def _quotes(annotate_text, text: str):
    art = annotate_text(text)
    return art, list(art.quotes)


def _cue(art, q) -> str | None:
    return art.text[q.cue_span[0] : q.cue_span[1]] if q.cue_span else None


def test_direct_quote_with_trailing_cue_and_pronoun(annotate_text):
    art, qs = _quotes(
        annotate_text,
        'Mayor Clara Voss visited the shelter on Friday. "We will rebuild every home," she told reporters.',
    )
    (q,) = qs
    assert (q.kind, q.text, _cue(art, q), q.speaker) == ("direct", "We will rebuild every home,", "told", "Clara Voss")
    assert art.text[q.speaker_span[0] : q.speaker_span[1]] == "she"


def test_curly_quotes_split_by_cue_share_speaker(annotate_text):
    art, qs = _quotes(annotate_text, "“The water came fast,” said Omar Reyes, a farmer, “and it took everything.”")
    assert [q.text for q in qs] == ["The water came fast,", "and it took everything."]
    assert {q.speaker for q in qs} == {"Omar Reyes"}
    assert {_cue(art, q) for q in qs} == {"said"}


def test_quote_across_paragraphs(annotate_text):
    text = (
        "“The first wave reached the harbour before dawn.\n\n"
        "“By noon the second had flooded the market,” said Lena Ortiz."
    )
    art, qs = _quotes(annotate_text, text)
    assert [q.text for q in qs] == [
        "The first wave reached the harbour before dawn.",
        "By noon the second had flooded the market,",
    ]
    assert all(q.speaker == "Lena Ortiz" for q in qs)


def test_nested_quote_stays_inside(annotate_text):
    art, qs = _quotes(annotate_text, "“They kept shouting ‘stay inside’ all night,” said Ana Berg.")
    assert [q.text for q in qs] == ["They kept shouting ‘stay inside’ all night,"]


def test_indirect_said_that_with_title_stripped(annotate_text):
    art, qs = _quotes(
        annotate_text,
        "Kremlin spokesperson Dmitry Peskov said that the new rules would take effect next month.",
    )
    (q,) = qs
    assert q.kind == "indirect"
    assert q.text == "that the new rules would take effect next month"
    assert q.speaker == "Dmitry Peskov"
    assert art.text[q.speaker_span[0] : q.speaker_span[1]] == "Kremlin spokesperson Dmitry Peskov"


def test_according_to(annotate_text):
    art, qs = _quotes(annotate_text, "According to the health ministry, 40 people were treated overnight.")
    (q,) = qs
    assert (q.kind, q.text, q.speaker) == ("indirect", "40 people were treated overnight", "health ministry")
    assert _cue(art, q) == "According to"


def test_warned_and_told_reporters(annotate_text):
    art, qs = _quotes(
        annotate_text,
        "Governor Ray Miller warned that the dam could fail. He told reporters the town had been evacuated.",
    )
    assert [(q.text, q.speaker) for q in qs] == [
        ("that the dam could fail", "Ray Miller"),
        ("the town had been evacuated", "Ray Miller"),
    ]
    assert [_cue(art, q) for q in qs] == ["warned", "told"]


def test_pronoun_resolves_to_compatible_person(annotate_text):
    art, qs = _quotes(
        annotate_text,
        "Ms. Dana Hart met Mr. Paul Stone at the port. Stone said the ships were late. "
        "She said the cranes had failed.",
    )
    assert [q.speaker for q in qs] == ["Paul Stone", "Dana Hart"]


def test_scare_quotes_are_not_quotes(annotate_text):
    _, qs = _quotes(annotate_text, "The committee called the plan a “dead end” in its report.")
    assert all(q.kind != "direct" for q in qs)


def test_parenthetical_cue_reports_the_whole_sentence(annotate_text):
    art, qs = _quotes(annotate_text, "The new bridge, the engineer said, will carry twice the traffic of the old one.")
    (q,) = qs
    assert q.text == "The new bridge, the engineer said, will carry twice the traffic of the old one"
    assert _cue(art, q) == "said" and q.speaker == "the engineer"


def test_quoted_titles_are_not_quotes(annotate_text):
    _, qs = _quotes(annotate_text, "She told “Morning Report Weekly” that she would run again.")
    assert all(q.kind != "direct" for q in qs)


def test_doubled_apostrophe_quotes_across_a_cue(annotate_text):
    art, qs = _quotes(annotate_text, "''The levee held,'' said Ada Crane, a county engineer. ''We were lucky this time.''")
    assert [q.text for q in qs if q.kind == "direct"] == ["The levee held,", "We were lucky this time."]
    assert {q.speaker for q in qs if q.kind == "direct"} == {"Ada Crane"}


def test_single_quoted_sentence_outside_double_quotes(annotate_text):
    art, qs = _quotes(annotate_text, "Tom Reyes said: ‘We don’t know when the power will return.’")
    (q,) = [q for q in qs if q.kind == "direct"]
    assert q.text == "We don’t know when the power will return."
    assert q.speaker == "Tom Reyes"


def test_apostrophes_are_not_single_quotes():
    from newstrace.extract.quotemarks import quoted_spans

    text = "The players' union won't meet before the '90s reunion, its chair said."
    assert quoted_spans(text) == []


def test_second_opening_mark_restarts_a_stray_quote():
    from newstrace.extract.quotemarks import quoted_spans

    text = '"The crowd walked onto the field, chanting “Home! Home!”'
    assert [text[s:e] for (s, e), _ in quoted_spans(text)] == ["Home! Home!"]


def test_nested_double_quote_with_two_closers_stays_inside():
    from newstrace.extract.quotemarks import quoted_spans

    text = '"I read the question: “Do you trust the board?” Most said no," Lee said.'
    assert [text[s:e] for (s, e), _ in quoted_spans(text)] == ["I read the question: “Do you trust the board?” Most said no,"]


def test_judged_object_keeps_its_reason(annotate_text):
    art, qs = _quotes(annotate_text, "Senator Ana Ruiz blamed the contractors for the delays at the harbour.")
    (q,) = qs
    assert q.text == "the contractors for the delays at the harbour"
    assert (_cue(art, q), q.speaker) == ("blamed", "Ana Ruiz")


def test_stance_verb_reports_its_object(annotate_text):
    art, qs = _quotes(annotate_text, "Mayor Ines Roth cited the flood report as proof of the need for new walls.")
    (q,) = qs
    assert _cue(art, q) == "cited" and q.text.startswith("the flood report")


def test_claim_that_noun_cue(annotate_text):
    art, qs = _quotes(annotate_text, "Reporters checked Ivo Brandt's claim that the tunnel had been inspected twice.")
    (q,) = qs
    assert q.text == "that the tunnel had been inspected twice"
    assert _cue(art, q) == "claim" and q.speaker == "Ivo Brandt"


def test_cue_right_before_a_quote_introduces_it(annotate_text):
    art, qs = _quotes(annotate_text, 'Asked about the cost of the repairs, Chief Leo Marsh said, "Not going to go into that."')
    direct = [q for q in qs if q.kind == "direct"]
    assert [q.text for q in direct] == ["Not going to go into that."]
    assert direct[0].speaker == "Leo Marsh"
    assert not any(q.kind == "indirect" and "Not going" in q.text for q in qs)


def test_cue_inserted_mid_sentence_reports_whole_sentence(annotate_text):
    art, qs = _quotes(annotate_text, "The lowest fifth paid 2 percent, the agency said in a report, and the top fifth paid 30 percent.")
    (q,) = qs
    assert q.text == "The lowest fifth paid 2 percent, the agency said in a report, and the top fifth paid 30 percent"


def test_preposition_verb_reports_its_object(annotate_text):
    art, qs = _quotes(annotate_text, "Judge Nora Quill complained about the noise from the construction site.")
    (q,) = qs
    assert q.text == "the noise from the construction site" and q.speaker == "Nora Quill"


def test_pronoun_prefers_nearest_named_subject(annotate_text):
    art, qs = _quotes(
        annotate_text,
        "Senator Maria Lopez said at a rally with Mayor John Reed that the city was safe. “We will not be afraid,” she said.",
    )
    assert [q.speaker for q in qs] == ["Maria Lopez", "Maria Lopez"]


def test_stage_directions_and_one_off_labels_are_not_quotes(annotate_text):
    text = (
        "WALLACE: Will she attend the debate?\n\nPENCE: She will not attend.\n\n\"(CROSSTALK.)\n\n"
        "WALLACE: Thank you, governor.\n\nCLARIFICATION: An earlier version misstated the date."
    )
    art, qs = _quotes(annotate_text, text)
    assert "(CROSSTALK.)" not in [q.text for q in qs]
    assert not any(q.speaker and q.speaker.upper() == "CLARIFICATION" for q in qs)


def test_may_attribute_covers_marks_and_cues():
    from newstrace.extract.cues import may_attribute

    assert may_attribute("Officials said the dam held.")
    assert may_attribute("“We will rebuild.”") and may_attribute("''We will rebuild.''")
    assert may_attribute("According to the ministry, two died.") and may_attribute("Her claim was false.")
    assert may_attribute("PENCE: Well, look.") and may_attribute("― Jane Doe")
    assert not may_attribute("The river rose again on Monday.")
    assert not may_attribute("The ferry won't run on Monday.")


def test_quotes_without_a_parse():
    from newstrace.extract.nlp import load_nlp
    from newstrace.extract.quotes import quotes

    doc = load_nlp().make_doc('"We will rebuild every home," the mayor told reporters.')
    assert [q.text for q in quotes(doc, ())] == ["We will rebuild every home,"]


def test_stance_noun_reports_its_prepositional_object(annotate_text):
    art, qs = _quotes(annotate_text, "The union repeated its criticism of the new shift rules at the plant.")
    (q,) = qs
    assert q.text.startswith("the new shift rules") and _cue(art, q) == "criticism"


def test_second_report_in_a_conjunction_is_its_own(annotate_text):
    art, qs = _quotes(annotate_text, "Governor Rita Vance said she had caught pneumonia twice and called it a common ailment.")
    texts = [q.text for q in qs]
    assert "she had caught pneumonia twice" in texts
    assert any(t.startswith("it a common ailment") for t in texts)


def test_title_names_its_source(annotate_text):
    art, qs = _quotes(annotate_text, "Survey: Most Riders Want Later Trains\n\nThe transit board will meet on Monday.")
    (q,) = qs
    assert q.text == "Most Riders Want Later Trains" and q.speaker == "Survey"


def test_relative_clause_cue_reports_what_follows(annotate_text):
    art, qs = _quotes(annotate_text, "Critics pointed to the donations, which the auditor said were tied to favors from the council.")
    assert any(q.text == "were tied to favors from the council" and _cue(art, q) == "said" for q in qs)


def test_told_someone_to_do_something(annotate_text):
    art, qs = _quotes(annotate_text, "Mayor Lena Ortiz told her staff to close the bridge before noon.")
    (q,) = qs
    assert q.text == "her staff to close the bridge before noon" and _cue(art, q) == "told"


def test_lowercase_piece_finishing_a_broken_quote(annotate_text):
    art, qs = _quotes(annotate_text, "“We will rebuild the school,” said Rosa Diaz, “and the library after it.”")
    assert [q.text for q in qs] == ["We will rebuild the school,", "and the library after it."]
    assert {q.speaker for q in qs} == {"Rosa Diaz"}


def test_quotation_inside_a_that_clause_is_reported_speech(annotate_text):
    art, qs = _quotes(annotate_text, "Mayor Ines Roth says she knows that “the river always wins in the end.”")
    assert not any(q.kind == "direct" for q in qs)
    assert any(q.kind == "indirect" and "the river always wins" in q.text for q in qs)


def test_unattributed_multi_paragraph_excerpt_is_not_a_quote(annotate_text):
    text = (
        "The weather service issued its outlook on Monday.\n\n"
        "\"Rain will spread east through the morning and turn heavy by the afternoon.\n\n"
        "\"Winds will ease overnight as the front moves offshore.\""
    )
    _, qs = _quotes(annotate_text, text)
    assert not any(q.kind == "direct" for q in qs)


def test_a_platform_is_where_a_statement_appears_not_who_speaks(annotate_text):
    art, qs = _quotes(annotate_text, 'The mayor wrote on Twitter that the bridge was safe. "We checked it twice," she said on Monday.')
    assert [e.label for e in art.entities if e.text == "Twitter"] == ["ORG"]
    assert [q.speaker for q in qs] == ["The mayor", "she"]  # no named antecedent: 'she' stays unresolved


def test_bare_speaker_verb_clause_after_a_quote_is_its_cue(annotate_text):
    art, qs = _quotes(annotate_text, "Senator Dana Whitfield spoke on Monday. “The way I see it,” she elaborated, “nobody ever asked the farmers.”")
    assert [(q.text, _cue(art, q), q.speaker) for q in qs] == [
        ("The way I see it,", "elaborated", "Dana Whitfield"),
        ("nobody ever asked the farmers.", "elaborated", "Dana Whitfield"),
    ]


def test_cue_in_the_sentence_split_after_a_question(annotate_text):
    art, qs = _quotes(annotate_text, "“Isn’t that sort of a bribe?” Marcus Hale asked. “I think it is a bribe.”")
    assert [(_cue(art, q), q.speaker) for q in qs] == [("asked", "Marcus Hale"), ("asked", "Marcus Hale")]


def test_clause_after_the_cue_is_reported_not_one_hung_before_it(annotate_text):
    text = "At her meetings, Vela Korren tells members not to trust the survey and cites the turnout as an example: She says pollsters undercount her members, just to weaken her."
    art, qs = _quotes(annotate_text, text)
    said = [q for q in qs if _cue(art, q) == "says"]
    assert [q.text for q in said] == ["pollsters undercount her members, just to weaken her"]


def test_as_someone_reported_reports_the_rest_of_the_sentence(annotate_text):
    art, qs = _quotes(annotate_text, "As the Daily Ledger reported on Tuesday, the council will close three libraries next year.")
    assert [(q.text, _cue(art, q)) for q in qs] == [("the council will close three libraries next year", "reported")]


def test_report_with_an_open_quotation_runs_to_its_closing_mark(annotate_text):
    text = "He said Ostrander “has the patience to fight for those rules. He is not only calm, he is eager to negotiate.” The meeting ended at noon."
    art, qs = _quotes(annotate_text, text)
    said = [q for q in qs if _cue(art, q) == "said"]
    assert len(said) == 1 and said[0].text.startswith("Ostrander “has the patience") and said[0].text.endswith("eager to negotiate.”")


def test_intention_verb_joined_to_a_reported_clause_stays_in_it(annotate_text):
    art, qs = _quotes(annotate_text, "Raj Singh said he was alarmed by the images and wanted to see a rally for himself.")
    said = [q for q in qs if _cue(art, q) == "said"]
    assert [q.text for q in said] == ["he was alarmed by the images and wanted to see a rally for himself"]


def test_markup_attribute_values_are_not_quotes():
    from newstrace.extract.quotemarks import quoted_spans

    text = '<tweet id="672149874046083072" author="@someone" datetime="2016-06-29">We said "we will win this fight" today</tweet>.'
    assert [text[a:b] for (a, b), _ in quoted_spans(text)] == ["we will win this fight"]


def test_reportedly_attributes_its_clause_to_an_unnamed_source(annotate_text):
    art, qs = _quotes(annotate_text, "The agency is reportedly preparing new rules for drones, as it nears the end of its review.")
    assert [(q.text, _cue(art, q), q.speaker) for q in qs] == [("The agency is reportedly preparing new rules for drones", "reportedly", None)]


def test_verb_governing_the_quotation_is_its_cue(annotate_text):
    text = "“If they wanted a deal, I think they would have called the union first,” Brandt fumed on Tuesday. “That would have shown good faith.”"
    art, qs = _quotes(annotate_text, text)
    assert [(_cue(art, q), q.speaker) for q in qs] == [("fumed", "Brandt"), ("fumed", "Brandt")]


def test_that_clause_of_a_predicate_outside_the_lexicon(annotate_text):
    art, qs = _quotes(annotate_text, "Lena Okafor is convinced that the ferry company will be a comeback story. It is clear that the market disagrees.")
    found = {(q.text, _cue(art, q), q.speaker) for q in qs}
    assert ("that the ferry company will be a comeback story", "convinced", "Lena Okafor") in found
    assert ("that the market disagrees", "clear", None) in found


def test_that_clause_of_a_noun_outside_the_lexicon(annotate_text):
    art, qs = _quotes(annotate_text, "There is a growing consensus that the recovery will not happen quickly.")
    assert [(q.text, _cue(art, q)) for q in qs] == [("that the recovery will not happen quickly", "consensus")]


def test_as_clause_with_its_comma_and_a_leading_conjunction(annotate_text):
    art, qs = _quotes(annotate_text, "But as a local reporter noted, he did not even fill the hall to the back rows.")
    assert [(q.text, _cue(art, q)) for q in qs] == [("he did not even fill the hall to the back rows", "noted")]


def test_object_seen_as_something_is_reported(annotate_text):
    art, qs = _quotes(annotate_text, "The board saw Adeyemi as the perfect driver for the company.")
    assert [(q.text, _cue(art, q)) for q in qs] == [("Adeyemi as the perfect driver for the company", "saw")]


def test_quotation_after_a_colon_is_what_the_later_cue_reports(annotate_text):
    text = "Marlow asserted that the town had lost its character: “Easthaven is no longer Easthaven,” he claimed."
    art, qs = _quotes(annotate_text, text)
    direct = [q for q in qs if q.kind == "direct"]
    assert [(q.text, _cue(art, q)) for q in direct] == [("Easthaven is no longer Easthaven,", "claimed")]


def test_title_cased_quotation_after_a_name_and_colon_is_a_quote(annotate_text):
    art, qs = _quotes(annotate_text, "Whitfield: ‘We Are Going To Take This All The Way To The Capital.’\n\nDana Whitfield spoke in Norvik on Monday.")
    direct = [q for q in qs if q.kind == "direct"]
    assert [(q.text, q.speaker) for q in direct] == [("We Are Going To Take This All The Way To The Capital.", "Dana Whitfield")]


def test_intention_noun_reports_its_to_clause(annotate_text):
    art, qs = _quotes(annotate_text, "His promise to build a bridge over the river was about more than traffic.")
    assert [(q.text, _cue(art, q)) for q in qs] == [("to build a bridge over the river", "promise")]


def test_say_reports_yes_and_the_same(annotate_text):
    art, qs = _quotes(annotate_text, "Asked if the plan was legal, 46 percent of voters said yes. Most voters said the same of Okafor.")
    said = [q.text for q in qs if _cue(art, q) == "said"]
    assert said == ["yes", "the same of Okafor"]


def test_short_utterance_announced_by_a_colon_is_a_quote(annotate_text):
    art, qs = _quotes(annotate_text, "The strikers on the picket line had one message: “We stay.”")
    assert [(q.kind, q.text) for q in qs if q.kind == "direct"] == [("direct", "We stay.")]
