"""The web app over a real SQLite store: pages, API, search, upload wiring."""

from __future__ import annotations

import json

from newstrace.store import open_store


def test_index_lists_stories_with_counts(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '<a href="/stories/s1">Warehouse fire in Port Elsby</a>' in r.text
    assert 'data-key="3">3</td>' in r.text  # conflicts column of story s1
    assert 'action="/upload"' in r.text and "Problems" in r.text


def test_story_page_reuses_report_sections(client):
    html = client.get("/stories/s1").text
    for marker in ('class="block summary"', 'class="block conflicts"', "facts-table", "<ins>very </ins>",
                   '<svg class="nt-graph"', "timeline-list", "data-compare-a=", 'id="nt-data"'):
        assert marker in html
    assert '<script src="/static/report.js"></script>' in html
    # citations fall back to the article page with the span when scripts are off
    assert 'href="/articles/a1?s=0&amp;e=83"' in html


def test_story_data_block_holds_only_its_articles(client):
    html = client.get("/stories/s2").text
    data = json.loads(html.split('id="nt-data">', 1)[1].split("</script>", 1)[0])
    assert set(data["articles"]) == {"a5", "a6"}
    assert data["articles"]["a5"]["url"] is None  # javascript: URL dropped


def test_article_page_highlights_annotations_and_cited_span(client, sample_text):
    html = client.get("/articles/a1", params={"s": 84, "e": 159}).text
    assert '<mark class="ent" title="GPE">Port Elsby</mark>' in html
    assert 'class="nt-hl"' in html and 'id="hl"' in html
    assert "derived from this article" in html  # a1 is the original of a2 and a3
    assert sample_text("a1")[84:159] == "Fire chief Maria Tenor said 42 firefighters fought the blaze for six hours."


def test_unknown_and_malformed_ids_are_404(client):
    for url in ("/stories/nope", "/articles/zzz", "/articles/..%2F..%2Fetc%2Fpasswd", "/api/articles/%00",
                "/static/app.py", "/static/..%2Fapp.py", "/static/%2e%2e/app.py"):
        r = client.get(url)
        assert r.status_code == 404, url
    assert client.get("/api/stories/nope").json() == {"detail": "no such story"}


def test_search_page_and_api(client):
    r = client.get("/api/search", params={"q": "lucky wind"})
    ids = [x["id"] for x in r.json()["results"]]
    assert set(ids) == {"a1", "a2", "a3"}
    html = client.get("/search", params={"q": "smoke"}).text
    assert "<mark>smoke</mark>" in html and "/articles/a4" in html
    # FTS syntax in user input is treated as words, not as a query language
    assert client.get("/api/search", params={"q": 'NEAR( "x" OR title:*'}).status_code == 200


def test_api_routes_and_openapi(client):
    stories = client.get("/api/stories").json()
    assert [s["id"] for s in stories] == ["s1", "s2"] and stories[0]["counts"]["origins"] == 2
    story = client.get("/api/stories/s1").json()
    assert len(story["conflicts"]) == 3 and {lk["b"] for lk in story["links"]} == {"a2", "a3"}
    art = client.get("/api/articles/a3").json()
    assert art["story"] == "s1" and art["analysed"] is True
    assert client.get("/api/report").json()["schema"] == "newstrace.report/1"
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/stories", "/api/stories/{sid}", "/api/articles/{aid}", "/api/search", "/api/report"} <= set(paths)
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404


def test_article_added_but_not_analysed_is_served_from_store(db_path, client):
    from newstrace.model import Article

    store = open_store(db_path)
    store.add_articles([Article(id="fresh1", text="Just arrived <b>text</b>.", source="x.txt", title="Fresh")])
    store.close()
    r = client.get("/api/articles/fresh1").json()
    assert r["analysed"] is False and r["title"] == "Fresh"
    assert "Just arrived &lt;b&gt;text&lt;/b&gt;." in client.get("/articles/fresh1").text


def test_new_report_is_picked_up(db_path, client):
    client.app.state.backend.cache.invalidate()
    assert len(client.get("/api/stories").json()) == 2
    store = open_store(db_path)
    report = json.loads(store.get_report())
    report["stories"] = report["stories"][:1]
    store.put_report(json.dumps(report))
    store.close()
    client.app.state.backend.cache.invalidate()
    assert [s["id"] for s in client.get("/api/stories").json()] == ["s1"]
    assert client.get("/stories/s2").status_code == 404


def test_upload_ingests_and_reanalyses(client, db_path, monkeypatch):
    import newstrace.pipeline as pipeline

    calls = []

    def fake_analyze(store):
        calls.append(store.count())
        report = json.loads(store.get_report())
        report["stories"][0]["title"] = "Re-analysed"
        store.put_report(json.dumps(report))
        return report

    monkeypatch.setattr(pipeline, "analyze_store", fake_analyze)
    body = b"Ferry pier delayed\n\nThe harbour council said on Friday that the pier extension is delayed until May."
    r = client.post("/upload", files=[("files", ("../../evil name.txt", body, "text/plain"))], follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/?added=1&")
    assert calls == [7]  # the real ingest stored the 7th article before analysis ran
    assert "Re-analysed" in client.get("/").text
    saved = list(client.app.state.backend.uploads.iterdir())
    assert len(saved) == 1 and saved[0].name.endswith("-evil_name.txt")
    assert "Added 1 new article(s)" in client.get(r.headers["location"]).text


def test_upload_failure_is_reported_not_raised(client, monkeypatch):
    import newstrace.pipeline as pipeline

    def broken(store):
        raise RuntimeError("boom <script>")

    monkeypatch.setattr(pipeline, "analyze_store", broken)
    r = client.post("/upload", files=[("files", ("a.txt", b"Some text here.", "text/plain"))])
    assert r.status_code == 200 and "Adding the files failed" in r.text and "boom" not in r.text
