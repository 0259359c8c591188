from newstrace.report.markdown import md_escape, render_markdown


def test_sections_and_citations(sample):
    md = render_markdown(sample)
    for heading in ("## Warehouse fire in Port Elsby", "### Summary", "### Conflicts (3)", "### Facts (4)",
                    "### Quote variants (1)", "### Provenance", "### Timeline", "### Sources", "## Problems (2)"):
        assert heading in md
    assert "- A fire destroyed a textile warehouse owned by Calder Textiles in Port Elsby. [1][4]" in md
    assert "| 42 firefighters | 42 | Wire North [1], Daily Ledger [2] | 1 |" in md
    assert "4. Port Radio: Night of smoke in Port Elsby" in md


def test_conflicts_most_severe_first(sample):
    sample["stories"][0]["conflicts"].reverse()
    md = render_markdown(sample)
    assert md.index("**HIGH**") < md.index("**MEDIUM**") < md.index("**LOW**")


def test_quote_diff_marks_added_words(sample):
    assert "“We were **very** lucky **that** the wind dropped,” [3]" in render_markdown(sample)


def test_hostile_text_is_inert(sample):
    md = render_markdown(sample)
    assert "<script" not in md and "<img" not in md and "<b>" not in md
    assert "javascript:" not in md
    assert "&lt;script>window.\\_\\_pwned=1&lt;/script>" in md


def test_escape_keeps_tables_intact():
    assert md_escape("a | b\nc") == "a \\| b c"
    assert md_escape("[x](javascript:y)") == "\\[x\\](javascript:y)"


def test_tolerates_minimal_report():
    md = render_markdown({"schema": "newstrace.report/1", "articles": [], "stories": [{"id": "s", "articles": ["zz"]}]})
    assert "## (untitled story)" in md and "_No summary._" in md and "1. unknown outlet" in md


def test_an_article_without_outlet_is_named_by_its_file():
    from newstrace.model import source_name

    arts = [{"id": "a1", "source": "/data/drop/003_harbour.txt", "outlet": None},
            {"id": "a2", "source": "feeds/wire.jsonl", "input_id": "feeds/wire.jsonl#7", "outlet": "Wire North"}]
    md = render_markdown({"schema": "newstrace.report/1", "articles": arts,
                          "stories": [{"id": "s", "articles": ["a1", "a2"]}]})
    assert "1. 003\\_harbour.txt:" in md and "2. Wire North:" in md and "a1:" not in md
    assert source_name(None, "feeds/wire.jsonl#7", "feeds/wire.jsonl") == "wire.jsonl"
    assert source_name(None, None, "C:\\drop\\x.html") == "x.html" and source_name(None) == ""
