"""report.html of the real example corpus (full pipeline) behaves in chromium like the hand-written one."""

from __future__ import annotations

import pytest

from tests.serve.test_upload_pipeline import _pipeline_ready

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(not _pipeline_ready(), reason="provenance/corroborate stages not importable yet")]


def test_real_report_citations_and_counts(page, example_report, tmp_path):
    from newstrace.report.html import render_html
    from newstrace.report.markdown import render_markdown

    assert render_markdown(example_report).startswith("# newstrace report")
    path = tmp_path / "report.html"
    path.write_text(render_html(example_report), encoding="utf-8")
    texts = {a["id"]: a["text"] for a in example_report["articles"]}
    p = page.page
    p.goto(path.as_uri())
    conflicts = sum(len(s.get("conflicts") or []) for s in example_report["stories"])
    assert p.locator(".top .counts li").nth(3).inner_text().startswith(str(conflicts))
    cites = p.locator(".story a.cite[data-start]")
    for i in range(min(cites.count(), 8)):
        cite = cites.nth(i)
        aid, start, end = (cite.get_attribute(k) for k in ("data-article", "data-start", "data-end"))
        cite.scroll_into_view_if_needed()
        cite.click()
        mark = p.locator("#nt-article-text mark.nt-hl")
        assert mark.is_visible() and mark.inner_text() == texts[aid][int(start):int(end)].strip() or \
            mark.text_content() == texts[aid][int(start):int(end)]
        p.keyboard.press("Escape")
    assert p.evaluate("typeof window.__pwned") == "undefined"
    assert not page.errors, page.errors
    page.shot("example-report")
