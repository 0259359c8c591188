"""Read-through evaluation of corroboration on BASIL: three outlets' independent reports of one event.

    .venv/bin/python benchmarks/eval_corroborate_basil.py --data ../shared/data/basil-dev [--events 20] [--out conflicts.md]
        [--store /tmp/basil-embeddings.db]

BASIL has no gold conflicts, so this prints what a fact-checker would read: per
event, facts backed by 2 and 3 outlets, and every flagged conflict with its
variants, written to --out for judging by hand (see docs/quality.md).
--store keeps sentence embeddings in a SQLite store between runs (the pipeline's
own cache, `embed_cached`); the results are the same with or without it.
"""

from __future__ import annotations

import argparse
import ast
import json
import time
from collections import Counter
from pathlib import Path

from newstrace.corroborate import analyze_story
from newstrace.extract import annotate, canonicalize
from newstrace.model import Article, Origin


def _text(raw: str | list) -> str:
    """Body paragraphs (stored as a Python-literal list of sentence lists) joined into one text."""
    paras = ast.literal_eval(raw) if isinstance(raw, str) else raw
    return "\n".join(" ".join(p) if isinstance(p, list) else str(p) for p in paras)


def load_events(data: Path, limit: int) -> list[list[Article]]:
    """The first `limit` complete triplets, each a list of three articles."""
    by_event: dict[str, list[Article]] = {}
    for path in sorted((data / "articles").glob("*/*.json")):
        d = json.loads(path.read_text())
        art = Article(id=f"{d['source']}-{d['uuid'][:8]}", text=_text(d["body-paragraphs"]), source=str(path),
                      title=d.get("title"), outlet=d["source"], published=d.get("date"))
        by_event.setdefault(d["triplet-uuid"], []).append(art)
    return [arts for arts in by_event.values() if len(arts) == 3][:limit]


def _variant(v: dict) -> str:
    """One conflict variant as '"value" (outlets)'."""
    return f"\u201c{v['value']}\u201d ({', '.join(a.split('-')[0] for a in v['articles'])})"


def _embedder(store_path: str | None):
    """Embeddings through a store's cache when one is given, else None (analyze_story's own embedder)."""
    if not store_path:
        return None
    from newstrace.embed import embed_cached
    from newstrace.store import open_store

    store = open_store(store_path)
    return lambda texts: embed_cached(texts, store)


def main() -> None:
    """Analyze each event with every article as its own origin; summarize and write the conflicts to read."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--events", type=int, default=20)
    ap.add_argument("--out", type=Path, default=Path("basil-conflicts.md"))
    ap.add_argument("--store", help="SQLite file caching embeddings between runs")
    args = ap.parse_args()
    embed = _embedder(args.store)
    events = load_events(args.data, args.events)
    kinds: Counter[str] = Counter()
    support: Counter[int] = Counter()
    lines, t0, seconds = [], time.perf_counter(), 0.0
    for n, arts in enumerate(events, 1):
        arts = canonicalize(annotate(arts))
        t = time.perf_counter()
        r = analyze_story(arts, [], [Origin(a.id, (a.id,), a.id, a.outlet) for a in arts], embed=embed)
        seconds += time.perf_counter() - t
        support.update(f["independent_support"] for f in r["facts"])
        lines.append(f"## {n}. {arts[0].title}\n")
        for c in r["conflicts"]:
            kinds[c["kind"]] += 1
            lines.append(f"- **{c['kind']}** ({c['severity']}) {c['subject'][:120]!r}: "
                         + " against ".join(_variant(v) for v in c["variants"]))
        lines.append("")
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"events={len(events)} articles={3 * len(events)} total={time.perf_counter() - t0:.1f}s "
          f"analyze_story={seconds:.1f}s")
    print("facts by independent support:", dict(sorted(support.items())))
    print("conflicts by kind:", dict(kinds), f"-> {args.out}")


if __name__ == "__main__":
    main()
