"""report.html opened from a file:// URL in chromium: what a reader sees and can do."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

FIRST_SENTENCE = "A fire destroyed a textile warehouse in Port Elsby on Monday night, officials said."


def test_citation_opens_article_with_cited_sentence_highlighted(page, report_file):
    p = page.page
    p.goto(report_file)
    p.click("#story-s1 .summary a.cite >> nth=0")
    dialog = p.locator("#nt-article")
    assert dialog.is_visible()
    assert p.locator("#nt-article-title").inner_text() == "Fire destroys warehouse in Port Elsby"
    mark = p.locator("#nt-article-text mark.nt-hl")
    assert mark.inner_text() == FIRST_SENTENCE and mark.is_visible()
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    page.shot("report-citation")
    p.keyboard.press("Escape")
    assert not dialog.is_visible()


def test_citation_deep_in_text_is_scrolled_into_view(page, report_file):
    p = page.page
    p.set_viewport_size({"width": 700, "height": 420})
    p.goto(report_file)
    p.click("#story-s1 .conflicts a.cite[data-article='a4'] >> nth=0")
    mark = p.locator("#nt-article-text mark.nt-hl")
    assert mark.inner_text() == "More than 50 firefighters"
    box, view = mark.bounding_box(), p.viewport_size
    assert 0 <= box["y"] and box["y"] + box["height"] <= view["height"]
    # the rest of the cited sentence is shaded around the short citation
    rest = p.locator("#nt-article-text mark.nt-sent").all_inner_texts()
    assert rest == [" were called to the Calder Textiles site, a spokesperson for the fire service said."]


def test_conflicts_shown_first_with_variants_and_severity(page, report_file):
    p = page.page
    p.goto(report_file)
    first = p.locator("#story-s1 .conflict").first
    assert first.locator(".badge").inner_text().lower() == "high"
    assert first.locator(".variant .value").all_inner_texts() == [
        "42 firefighters", "Around 40 firefighters", "More than 50 firefighters"]
    conflicts_y = p.locator("#story-s1 .conflicts").bounding_box()["y"]
    assert conflicts_y < p.locator("#story-s1 .facts").bounding_box()["y"]
    assert p.locator(".top .has-conflicts b").inner_text() == "4"
    page.shot("report-full", full=True)


def _column(p, col: int) -> list[str]:
    return p.locator(f"#story-s1 .facts-table tbody tr td:nth-child({col})").all_inner_texts()


def test_facts_table_sorts_on_header_click(page, report_file):
    p = page.page
    p.goto(report_file)
    assert _column(p, 2) == ["2", "2", "1", "1"]
    p.click("#story-s1 .facts-table th:nth-child(1) button")
    statements = _column(p, 1)
    assert statements == sorted(statements, key=str.lower) and statements[0].startswith("A fire")
    p.click("#story-s1 .facts-table th:nth-child(1) button")
    assert _column(p, 1) == list(reversed(statements))
    p.click("#story-s1 .facts-table th:nth-child(3) button")
    assert _column(p, 3) == ["4", "3", "3", "1"]
    assert p.locator("#story-s1 .facts-table th:nth-child(3)").get_attribute("aria-sort") == "descending"


def test_quote_diff_marks_inserted_words(page, report_file):
    p = page.page
    p.goto(report_file)
    inserted = p.locator("#story-s1 .quote blockquote.diff ins")
    assert [t.strip() for t in inserted.all_inner_texts()] == ["very", "that"]
    assert inserted.first.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"


def test_compare_side_by_side_highlights_aligned_passages(page, report_file):
    p = page.page
    p.goto(report_file)
    p.click("#story-s1 button.compare >> nth=0")
    assert p.locator("#nt-compare").is_visible()
    a = p.locator("#nt-compare-a mark.ev")
    b = p.locator("#nt-compare-b mark.ev")
    assert a.count() == 3 and b.count() == 3
    assert a.nth(1).inner_text() == b.nth(1).inner_text()
    a.nth(1).hover()
    assert "on" in (b.nth(1).get_attribute("class") or "")
    page.shot("report-compare")


def test_graph_node_opens_article(page, report_file):
    p = page.page
    p.goto(report_file)
    assert p.locator("#story-s1 svg.nt-graph path.nt-edge").count() == 2
    p.click("#story-s1 svg.nt-graph g.nt-node[data-article='a4']")
    assert p.locator("#nt-article-title").inner_text() == "Night of smoke in Port Elsby"


def test_hostile_content_inert_and_nothing_fetched(page, report_file):
    p = page.page
    p.goto(report_file)
    p.click("#story-s2 .summary a.cite >> nth=0")  # opens the hostile article
    assert p.locator("#nt-article-text mark.nt-hl").inner_text() == "<script>window.__pwned=1</script>"
    assert "<img src=x" in p.locator("#nt-article-meta").inner_text()
    assert p.locator("#nt-article-meta a").count() == 0  # javascript: URL never becomes a link
    p.click("#nt-article [data-close]")
    p.click("#story-s2 button.compare")
    assert p.evaluate("typeof window.__pwned") == "undefined"
    assert p.locator("img").count() == 0
    assert all(u.startswith(("file://", "data:")) for u in page.requests), page.requests
    assert not page.errors, page.errors  # includes CSP violations of the page's own policy
