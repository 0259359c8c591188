"""Debian's chromium through Playwright, the sample report as a file, and the app served on a free port."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "out" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} missing: `make browser-deps` installs Debian's chromium")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watched:
    """A page plus what it logged: console errors (CSP violations show here) and every request URL."""

    def __init__(self, page):
        self.page, self.errors, self.requests = page, [], []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

    def shot(self, name: str, full: bool = False) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Watched(ctx.new_page())
    ctx.close()


@pytest.fixture(scope="session")
def report_file(tmp_path_factory) -> str:
    from newstrace.report.html import render_html

    report = json.loads((ROOT / "tests" / "fixtures" / "sample_report.json").read_text(encoding="utf-8"))
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    return path.as_uri()


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> str:
    import uvicorn
    from tests.serve.sample_db import make_db

    from newstrace.serve import create_app

    db = make_db(tmp_path_factory.mktemp("served") / "serve.db")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def sample_text():
    report = json.loads((ROOT / "tests" / "fixtures" / "sample_report.json").read_text(encoding="utf-8"))
    return {a["id"]: a["text"] for a in report["articles"]}.__getitem__
