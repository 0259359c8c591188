"""Hostile article content, foreign origins and oversized uploads against the web app."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from newstrace.serve import create_app

URLS = ["/", "/stories/s1", "/stories/s2", "/articles/a5", "/search?q=pier", "/api/stories", "/api/report",
        "/static/report.js", "/openapi.json", "/healthz", "/nope", "/articles/zz"]


@pytest.mark.parametrize("url", URLS)
def test_every_response_carries_security_headers(client, url):
    r = client.get(url)
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("url", ["/", "/stories/s2", "/articles/a5", "/search?q=pwned"])
def test_hostile_text_never_becomes_markup(client, url):
    html = client.get(url).text
    assert "<script>window" not in html and "<img" not in html and "onerror=\"" not in html
    assert "javascript:" not in html.lower()
    assert not re.search(r"<script(?![^>]*\b(src=\"/static/|type=\"application/json\"))", html)


def test_no_inline_script_anywhere(client):
    for url in ("/", "/stories/s1", "/articles/a1", "/search?q=fire"):
        for tag, body in re.findall(r"(<script[^>]*>)(.*?)</script>", client.get(url).text, re.S):
            assert 'src="/static/' in tag or 'type="application/json"' in tag
            assert "<" not in body


def test_foreign_host_refused(db_path):
    with TestClient(create_app(db_path), base_url="http://evil.example") as c:
        assert c.get("/").status_code == 421
    with TestClient(create_app(db_path), base_url="http://localhost:8000") as c:
        assert c.get("/").status_code == 200


def test_cross_site_post_refused(client):
    files = [("files", ("a.txt", b"text", "text/plain"))]
    assert client.post("/upload", files=files, headers={"Origin": "http://evil.example"}).status_code == 403
    assert client.post("/upload", files=files, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert client.post("/upload", files=files, headers={"Origin": "null"}).status_code == 403


def test_oversized_upload_is_413(db_path, monkeypatch):
    import newstrace.pipeline as pipeline

    monkeypatch.setattr(pipeline, "analyze_store", lambda store: pytest.fail("analysis must not run"))
    with TestClient(create_app(db_path, max_upload_bytes=1000), base_url="http://127.0.0.1") as c:
        r = c.post("/upload", files=[("files", ("big.txt", b"x" * 5000, "text/plain"))])
        assert r.status_code == 413

        def chunks():  # no Content-Length: the body is counted as it arrives
            for _ in range(10):
                yield b"y" * 500

        r = c.post("/upload", content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"})
        assert r.status_code == 413
        assert r.headers["x-content-type-options"] == "nosniff"


def test_head_answers_like_get(client):
    r = client.head("/stories/s1")
    assert r.status_code == 200 and r.headers["content-security-policy"]
