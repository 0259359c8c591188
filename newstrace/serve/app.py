"""`newstrace serve`: a local web app over one database (stories, articles, search, upload, JSON API)."""

from __future__ import annotations

import json
import re
import secrets
import tempfile
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..model import to_dict
from ..report.html import asset
from ..report.views import story_links
from ..store import open_store
from . import pages
from .search import search as fts_search
from .security import LOCAL_HOSTS, MAX_UPLOAD_BYTES, SecurityMiddleware
from .state import ReportCache, Snapshot

__all__ = ["create_app", "run", "ID_PATTERN"]

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}")
STATIC = {  # the only files /static serves: name -> (path, media type)
    "report.css": (None, "text/css; charset=utf-8"),
    "report.js": (None, "text/javascript; charset=utf-8"),
    "app.css": (pages.HERE / "static" / "app.css", "text/css; charset=utf-8"),
    "app.js": (pages.HERE / "static" / "app.js", "text/javascript; charset=utf-8"),
}


def _check_id(value: str) -> str:
    """Ids come from content hashes; anything else is not ours (and never reaches a path or query)."""
    if not ID_PATTERN.fullmatch(value):
        raise HTTPException(404, "no such item")
    return value


def _static_body(name: str) -> bytes:
    """Asset bytes from the package directory only."""
    path, _ = STATIC[name]
    return asset(name).encode() if path is None else path.read_bytes()


class _Backend:
    """The store behind the app: one shared connection for reads, a fresh one per upload."""

    def __init__(self, db_path: str):
        self.db_path = db_path
        self.store = open_store(db_path)
        self.read_lock = threading.Lock()
        self.write_lock = threading.Lock()
        self.cache = ReportCache(self.load_report)
        base = Path(tempfile.mkdtemp(prefix="newstrace-uploads-")) if db_path == ":memory:" else Path(db_path + ".uploads")
        self.uploads = base

    def load_report(self) -> str | None:
        """The stored report text."""
        with self.read_lock:
            return self.store.get_report()

    def search(self, query: str, limit: int = 50) -> list[dict]:
        """FTS5 matches."""
        with self.read_lock:
            return fts_search(self.store, query, limit)

    def stored_article(self, aid: str) -> dict | None:
        """An article the report does not hold yet (added but not analysed)."""
        with self.read_lock:
            found = list(self.store.articles([aid]))
        return to_dict(found[0]) if found else None

    def ingest(self, files: list[tuple[str, bytes]]) -> dict[str, Any]:
        """Save uploads beside the database, ingest them and re-analyse everything."""
        from ..pipeline import analyze_store, ingest_paths

        with self.write_lock:
            self.uploads.mkdir(parents=True, exist_ok=True)
            paths = []
            for name, data in files:
                path = self.uploads / f"{secrets.token_hex(4)}-{_safe_name(name)}"
                path.write_bytes(data)
                paths.append(path)
            store = self.store if self.db_path == ":memory:" else open_store(self.db_path)
            try:
                stats = ingest_paths(paths, store)
                analyze_store(store)
            finally:
                if store is not self.store:
                    store.close()
            self.cache.invalidate()
            return {"new": stats.new, "seen": stats.seen, "problems": len(stats.problems)}


def _safe_name(name: str) -> str:
    """A file name with no directories and no odd characters (extension kept for format detection)."""
    base = re.sub(r"[^A-Za-z0-9._-]", "_", Path(name or "upload").name).lstrip(".")[-100:]
    return base or "upload"


def _flash(request: Request) -> dict | None:
    """The message after an upload, rebuilt from integer query parameters only."""
    q = request.query_params
    if "added" not in q:
        return None
    if q.get("error"):
        return {"kind": "error", "text": "Adding the files failed; see the server log. Nothing was lost."}
    nums = {k: int(q.get(k, "0")) if q.get(k, "0").isdigit() else 0 for k in ("added", "seen", "problems")}
    return {"kind": "ok", "text": f"Added {nums['added']} new article(s), {nums['seen']} already stored, "
                                  f"{nums['problems']} problem(s). The analysis below is up to date."}


def create_app(db_path: str, allowed_hosts: set[str] | None | str = "local",
               max_upload_bytes: int = MAX_UPLOAD_BYTES) -> FastAPI:
    """The FastAPI app over the database at db_path (allowed_hosts=None accepts any Host)."""
    backend = _Backend(db_path)
    app = FastAPI(title="newstrace", version="1", docs_url=None, redoc_url=None, openapi_url="/openapi.json",
                  description="Stories, provenance, facts and conflicts from one newstrace database.")
    app.state.backend = backend
    hosts = LOCAL_HOSTS if allowed_hosts == "local" else allowed_hosts
    app.add_middleware(SecurityMiddleware, allowed_hosts=hosts, max_body=max_upload_bytes)
    _pages(app, backend, max_upload_bytes)
    _api(app, backend)
    _errors(app)
    return app


def _snap(backend: _Backend) -> Snapshot:
    return backend.cache.current()


def _article_or_404(backend: _Backend, aid: str) -> tuple[dict, bool]:
    """The analysed article, else the stored one, else 404."""
    snap = _snap(backend)
    if aid in snap.articles:
        return snap.articles[aid], True
    stored = backend.stored_article(aid)
    if stored is None:
        raise HTTPException(404, "no such article")
    return stored, False


def _pages(app: FastAPI, backend: _Backend, max_upload: int) -> None:
    """HTML routes."""

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> PlainTextResponse:
        """Liveness probe (and the benchmark's reference endpoint)."""
        return PlainTextResponse("ok")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        """No icon; answered so browsers do not log a 404."""
        return Response(status_code=204)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        """Stories with their counts, the upload form and the problems."""
        snap, flash = _snap(backend), _flash(request)
        if flash:
            return HTMLResponse(pages.render_index(snap, flash, max_upload // 2**20))
        return HTMLResponse(backend.cache.page((snap.version, "index"),
                                               lambda: pages.render_index(snap, None, max_upload // 2**20)))

    @app.get("/stories/{sid}", response_class=HTMLResponse, include_in_schema=False)
    def story(sid: str) -> HTMLResponse:
        """One story: summary, conflicts, facts, quotes, provenance, timeline, sources."""
        snap = _snap(backend)
        if _check_id(sid) not in snap.stories:
            raise HTTPException(404, "no such story")
        return HTMLResponse(backend.cache.page((snap.version, "story", sid), lambda: pages.render_story(snap, sid)))

    @app.get("/articles/{aid}", response_class=HTMLResponse, include_in_schema=False)
    def article(aid: str, s: int | None = Query(None, ge=0), e: int | None = Query(None, ge=0)) -> HTMLResponse:
        """One article with its annotations highlighted (s/e: a cited span to mark)."""
        art, analysed = _article_or_404(backend, _check_id(aid))
        hl = (s, e) if s is not None and e is not None and s < e else None
        snap = _snap(backend)
        return HTMLResponse(pages.render_article(snap, art, hl, analysed))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: str = Query("", max_length=200)) -> HTMLResponse:
        """Full-text search results with marked snippets."""
        return HTMLResponse(pages.render_search(_snap(backend), q, backend.search(q) if q.strip() else []))

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        """The app's CSS and JS, from the package directory only."""
        if name not in STATIC:
            raise HTTPException(404, "no such file")
        return Response(_static_body(name), media_type=STATIC[name][1],
                        headers={"cache-control": "no-cache"})

    @app.post("/upload", include_in_schema=False)
    async def upload(request: Request) -> Response:
        form = await request.form(max_files=500, max_fields=20)
        files = [(f.filename or "upload", await f.read()) for f in form.getlist("files") if isinstance(f, UploadFile)]
        await form.close()
        files = [(n, d) for n, d in files if d]
        if not files:
            return RedirectResponse("/?added=0&seen=0&problems=0", status_code=303)
        try:
            result = await run_in_threadpool(backend.ingest, files)
        except Exception:  # noqa: BLE001 - shown as a message, logged by uvicorn
            import logging

            logging.getLogger("newstrace.serve").exception("upload analysis failed")
            return RedirectResponse("/?added=0&error=1", status_code=303)
        return RedirectResponse(f"/?added={result['new']}&seen={result['seen']}&problems={result['problems']}",
                                status_code=303)


def _api(app: FastAPI, backend: _Backend) -> None:
    """JSON routes under /api (described at /openapi.json)."""

    def cached_json(key: tuple, build) -> Response:

        """A JSON body built once per report version."""
        snap = _snap(backend)
        body = backend.cache.page((snap.version, "api") + key,
                                  lambda: json.dumps(build(snap), ensure_ascii=False, separators=(",", ":")))
        return Response(body, media_type="application/json")

    @app.get("/api/stories", tags=["api"], summary="Stories with their counts",
             responses={200: {"content": {"application/json": {}}}})
    def api_stories() -> Response:
        """Stories with their counts (articles, outlets, origins, conflicts, facts)."""
        return cached_json(("stories",), lambda snap: snap.story_rows)

    @app.get("/api/stories/{sid}", tags=["api"], summary="One story as in report.json, with its links",
             responses={200: {"content": {"application/json": {}}}, 404: {"description": "no such story"}})
    def api_story(sid: str) -> Response:
        """One story as in report.json, plus the links among its articles."""
        if _check_id(sid) not in _snap(backend).stories:
            raise HTTPException(404, "no such story")
        return cached_json(("story", sid), lambda snap: {**snap.stories[sid],
                                                         "links": story_links(snap.report, snap.stories[sid])})

    @app.get("/api/articles/{aid}", tags=["api"], summary="One article with its annotations",
             responses={200: {"content": {"application/json": {}}}, 404: {"description": "no such article"}})
    def api_article(aid: str) -> Response:
        """One article with its annotations; `analysed` is false until the next analysis."""
        if _check_id(aid) in _snap(backend).articles:
            return cached_json(("article", aid), lambda snap: {**snap.articles[aid], "analysed": True,
                                                              "story": snap.story_of.get(aid)})
        art, _ = _article_or_404(backend, aid)
        return JSONResponse({**art, "analysed": False, "story": None})

    @app.get("/api/search", tags=["api"], summary="Full-text search over titles and texts")
    def api_search(q: str = Query(..., min_length=1, max_length=200), limit: int = Query(50, ge=1, le=200)) -> dict:
        """Articles matching every word, best first, with a snippet."""
        results = backend.search(q, limit)
        return {"query": q, "results": [{"id": r["id"], "title": r["title"],
                                         "snippet": "".join(p["text"] for p in r["snippet"])} for r in results]}

    @app.get("/api/report", tags=["api"], summary="The latest report.json")
    def api_report() -> Response:
        """The latest stored report.json."""
        raw = _snap(backend).raw
        return Response(raw or '{"stories": [], "articles": []}', media_type="application/json")


def _errors(app: FastAPI) -> None:
    """HTML error pages for pages, JSON for the API."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return HTMLResponse(pages.render_error(exc.status_code, str(exc.detail)), status_code=exc.status_code)


def run(db_path: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the app with uvicorn (local only unless host says otherwise)."""
    import uvicorn

    hosts: Any = "local"
    if host in ("0.0.0.0", "::"):
        hosts = None
    elif host not in LOCAL_HOSTS:
        hosts = set(LOCAL_HOSTS) | {host}
    uvicorn.run(create_app(db_path, allowed_hosts=hosts), host=host, port=port, log_level="info")
