from newstrace.report.diff import tokenize, word_diff


def test_tokens_rejoin_to_text():
    text = "We were  lucky, the wind's\n dropped."
    assert "".join(tokenize(text)) == text


def test_inserted_words_are_marked():
    ops = word_diff("We were lucky the wind dropped,", "We were very lucky that the wind dropped,")
    assert [d["text"].strip() for d in ops if d["op"] == "insert"] == ["very", "that"]
    assert not [d for d in ops if d["op"] == "delete"]
    assert "".join(d["text"] for d in ops if d["op"] != "delete") == "We were very lucky that the wind dropped,"


def test_replacement_is_delete_then_insert_and_rebuilds_both_sides():
    a, b = "The cost was 4 million euros.", "The cost was 5 million euros."
    ops = word_diff(a, b)
    assert "".join(d["text"] for d in ops if d["op"] != "insert") == a
    assert "".join(d["text"] for d in ops if d["op"] != "delete") == b
    assert any(d["op"] == "delete" for d in ops) and any(d["op"] == "insert" for d in ops)


def test_identical_and_curly_quotes_are_equal():
    assert word_diff("it’s fine", "it's fine") == [{"op": "equal", "text": "it's fine"}]
    assert word_diff("", "") == []
