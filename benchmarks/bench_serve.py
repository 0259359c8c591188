"""Requests per second of `newstrace serve` on a story page, against /healthz in the same run.

The server runs in its own process (uvicorn, one worker) on 127.0.0.1; the client is stdlib
http.client with keep-alive connections in threads. Every run is bounded by --requests.

    .venv/bin/python benchmarks/bench_serve.py --requests 3000 --concurrency 8 --scale 10
"""

from __future__ import annotations

import argparse
import copy
import http.client
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "sample_report.json"


def scaled_report(scale: int) -> dict:
    """The sample report with story s1's articles cloned `scale` times (same texts, new ids, linked to a1)."""
    report = json.loads(FIXTURE.read_text(encoding="utf-8"))
    story = report["stories"][0]
    originals = [a for a in report["articles"] if a["id"] in story["articles"]]
    base_links = [lk for lk in report["links"] if lk["a"] in story["articles"]]
    for k in range(1, scale):
        clones = {}
        for a in originals:
            c = copy.deepcopy(a)
            c["id"] = f"{a['id']}c{k}"
            c["outlet"] = f"{a['outlet']} {k}"
            clones[a["id"]] = c["id"]
            report["articles"].append(c)
            story["articles"].append(c["id"])
        story["origins"][0]["articles"] += [clones[a] for a in ("a1", "a2", "a3")]
        story["origins"][1]["articles"].append(clones["a4"])
        for lk in base_links:
            report["links"].append({**lk, "b": clones[lk["b"]]})
        for fact in story["facts"]:
            fact["support"] += [{**s, "article": clones[s["article"]]} for s in list(fact["support"])
                                if s["article"] in clones]
    return report


def make_db(path: Path, scale: int) -> str:
    """A SQLite store holding the scaled report and its articles."""
    sys.path.insert(0, str(ROOT))
    from newstrace.model import Article
    from newstrace.store import open_store

    report = scaled_report(scale)
    store = open_store(str(path))
    store.add_articles([Article(id=a["id"], text=a["text"], source=a["source"], title=a["title"],
                                outlet=a["outlet"]) for a in report["articles"]])
    store.put_report(json.dumps(report, ensure_ascii=False))
    store.close()
    return str(path)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int) -> subprocess.Popen:
    """uvicorn in a child process, waited for until /healthz answers."""
    code = ("import uvicorn; from newstrace.serve import create_app; "
            f"uvicorn.run(create_app({db!r}), host='127.0.0.1', port={port}, log_level='warning', access_log=False)")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=str(ROOT))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start in 30 s")


def hammer(port: int, path: str, total: int, concurrency: int) -> dict:
    """`total` GETs of `path` over `concurrency` keep-alive connections; rps, latency, errors."""
    lock, counter, errors, lat = threading.Lock(), [0], [0], []

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine = []
        while True:
            with lock:
                if counter[0] >= total:
                    break
                counter[0] += 1
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
            except OSError:
                ok = False
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            mine.append(time.perf_counter() - t0)
            if not ok:
                with lock:
                    errors[0] += 1
        with lock:
            lat.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat.sort()
    return {"path": path, "requests": total, "errors": errors[0], "seconds": round(wall, 3),
            "rps": round(total / wall, 1), "p50_ms": round(lat[len(lat) // 2] * 1000, 2),
            "p99_ms": round(lat[int(len(lat) * 0.99) - 1] * 1000, 2)}


def first_render_ms(port: int, path: str) -> float:
    """Latency of the first (uncached) request of a page."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    t0 = time.perf_counter()
    conn.request("GET", path)
    resp = conn.getresponse()
    size = len(resp.read())
    assert resp.status == 200, resp.status
    return round((time.perf_counter() - t0) * 1000, 1), size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=3000, help="requests per endpoint (bound)")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--scale", type=int, default=10, help="story s1 gets 4 x scale articles")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = make_db(Path(tmp) / "bench.db", args.scale)
        port = free_port()
        proc = start_server(db, port)
        try:
            cold_ms, size = first_render_ms(port, "/stories/s1")
            hammer(port, "/healthz", min(200, args.requests), args.concurrency)  # warm-up
            ref = hammer(port, "/healthz", args.requests, args.concurrency)
            story = hammer(port, "/stories/s1", args.requests, args.concurrency)
            api = hammer(port, "/api/stories/s1", args.requests, args.concurrency)
        finally:
            proc.terminate()
            proc.wait(10)
    result = {"story_articles": 4 * args.scale, "story_page_bytes": size, "first_render_ms": cold_ms,
              "healthz": ref, "story": story, "api_story": api,
              "story_vs_healthz": round(story["rps"] / ref["rps"], 3),
              "api_vs_healthz": round(api["rps"] / ref["rps"], 3)}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
