"""The served app in chromium: navigation, citations, article highlights, search, no script injection."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_index_to_story_to_cited_sentence(page, server):
    p = page.page
    p.goto(server + "/")
    assert p.locator(".stories-table tbody tr").count() == 2
    page.shot("app-index", full=True)
    p.click("text=Warehouse fire in Port Elsby")
    p.wait_for_url("**/stories/s1")
    assert p.locator(".conflict").count() == 3
    p.click("#story-s1 .summary a.cite >> nth=1")  # [4] Port Radio
    mark = p.locator("#nt-article-text mark.nt-hl")
    assert mark.is_visible()
    assert mark.inner_text() == "Residents of Port Elsby watched a warehouse burn through Sunday night."
    page.shot("app-story-citation")
    assert not page.errors, page.errors  # no CSP violations, no script errors
    assert all(u.startswith(server) or u.startswith("data:") for u in page.requests), page.requests


def test_story_page_sorting_and_compare(page, server):
    p = page.page
    p.goto(server + "/stories/s1")
    p.click(".facts-table th:nth-child(1) button")
    first = p.locator(".facts-table tbody tr td:nth-child(1)").first.inner_text()
    assert first.startswith("A fire destroyed")
    p.click("button.compare >> nth=1")
    assert p.locator("#nt-compare-b mark.ev").inner_text().startswith("Around 40 firefighters")
    page.shot("app-compare")
    assert not page.errors, page.errors


def test_article_page_without_script_fallback_highlights_span(page, server, sample_text):
    p = page.page
    sentence = "Around 40 firefighters battled the flames for six hours, fire chief Maria Tenor said."
    start = sample_text("a3").index(sentence)
    p.goto(server + f"/articles/a3?s={start}&e={start + len(sentence)}")
    hl = p.locator("#hl")
    assert hl.is_visible()
    assert "".join(p.locator("#article-text mark.nt-hl").all_inner_texts()) == sentence
    assert p.locator("#article-text mark.ent", has_text="Calder Textiles").count() == 1
    assert p.locator("#article-text mark.q").first.get_attribute("title").startswith("direct quote")
    p.click("text=Fire destroys warehouse in Port Elsby")
    p.wait_for_url("**/articles/a1")
    page.shot("app-article", full=True)
    assert not page.errors, page.errors


def test_search_from_header(page, server):
    p = page.page
    p.goto(server + "/")
    p.fill("input[name=q]", "smoke inhalation")
    p.press("input[name=q]", "Enter")
    p.wait_for_url("**/search?q=smoke+inhalation")
    assert p.locator(".results li").count() == 1
    assert p.locator(".snippet mark").first.inner_text().lower() == "smoke"


@pytest.mark.parametrize("path", ["/", "/stories/s2", "/articles/a5", "/search?q=pwned", "/articles/a5?s=129&e=162"])
def test_injected_script_never_runs(page, server, path):
    p = page.page
    p.goto(server + path)
    if path == "/stories/s2":
        p.click("#story-s2 .summary a.cite >> nth=0")
        p.click("#nt-article [data-close]")
        p.click("button.compare")
    assert p.evaluate("typeof window.__pwned") == "undefined"
    assert p.locator("img").count() == 0
    assert "<script>window.__pwned=1</script>" in p.locator("body").inner_text()
    assert not page.errors, page.errors


def test_upload_form_shows_busy_state(page, server):
    p = page.page
    p.goto(server + "/")
    assert not p.locator(".upload .busy").is_visible()
    held = []
    p.route("**/upload", lambda route: held.append(route))  # hold the request: we only look at the page meanwhile
    p.set_input_files("input[type=file]", files=[{"name": "a.txt", "mimeType": "text/plain", "buffer": b"Some text."}])
    state = p.evaluate("""() => {
        document.querySelector('.upload form').requestSubmit();  // a click would wait for the held navigation
        const b = document.querySelector('.upload button[type=submit]');
        const busy = document.querySelector('.upload .busy');
        return {disabled: b.disabled, label: b.textContent, shown: busy.offsetParent !== null};
    }""")
    assert state == {"disabled": True, "label": "Adding and re-analysing…", "shown": True}
    for route in held:
        route.fulfill(status=204, body="")


def test_upload_from_the_page_passes_origin_checks(page, server, monkeypatch, tmp_path):
    import newstrace.pipeline as pipeline

    seen = []
    monkeypatch.setattr(pipeline, "analyze_store", lambda store: seen.append(store.count()) or {})
    p = page.page
    p.goto(server + "/")
    note = tmp_path / "harbour-note.txt"
    note.write_text("Pier works delayed\n\nThe harbour council said the pier works are delayed until May.\n")
    p.set_input_files("input[type=file]", str(note))
    p.click(".upload button[type=submit]")
    p.wait_for_url(lambda url: "added=" in url)
    assert p.locator(".flash.ok").inner_text().startswith("Added 1 new article(s)")
    assert seen and not page.errors, page.errors
