"""Story clustering evaluation on BASIL (gold: triplet-uuid) and ECB+ (gold: the folder).

``python -m newstrace.eval stories --data /work/shared/data/basil-dev`` prints B-cubed
precision, recall, F1 and ARI for batch and incremental (batch-by-batch) clustering,
and F1 around the chosen merge threshold to show how sensitive it is.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
import sys
import time
from collections import Counter
from dataclasses import replace as dc_replace
from pathlib import Path
from typing import Sequence

import numpy as np

from ..model import Article
from ..stories import Params, Weights
from ..stories.incremental import cluster_articles, lead_embeddings

__all__ = ["main", "load_corpus", "bcubed", "ari", "evaluate"]


_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MDY = re.compile(r"\b([A-Za-z]{3})[A-Za-z]*\.? ?-? ?(\d{1,2})(?:st|nd|rd|th)?,? ?-? ?((?:19|20)\d\d)\b")
_DMY = re.compile(r"\b(\d{1,2}) ([A-Za-z]{3})[A-Za-z]* ((?:19|20)\d\d)\b")
_NUM = re.compile(r"\b(\d{1,2}) ?/ ?(\d{1,2}) ?/ ?((?:19|20)\d\d)\b")


def _iso(raw: str | None) -> str | None:
    """An ISO date from a free-form date line ("Posted July 20, 2009", "12 / 19 / 2005 3 : 36 PM"), else None."""
    if not raw:
        return None
    for rx, order in ((_MDY, "mdy"), (_DMY, "dmy"), (_NUM, "mdy")):
        m = rx.search(raw)
        if not m:
            continue
        parts = dict(zip(order, m.groups()))
        month = _MONTHS.get(parts["m"][:3].lower()) if not parts["m"].isdigit() else int(parts["m"])
        try:
            return date(int(parts["y"]), month or 0, int(parts["d"])).isoformat()
        except ValueError:
            continue
    return None


def _basil(root: Path) -> tuple[list[Article], dict[str, str]]:
    """BASIL articles (title + body paragraphs) with their triplet as gold story."""
    arts, gold = [], {}
    for f in sorted((root / "articles").glob("*/*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        text = "\n\n".join(" ".join(p) for p in d["body-paragraphs"])
        arts.append(Article(id=f.stem, text=text, source=str(f), title=d.get("title"),
                            outlet=d.get("source"), published=d.get("date")))
        gold[f.stem] = d["triplet-uuid"]
    return arts, gold


def _ecbplus(root: Path) -> tuple[list[Article], dict[str, str]]:
    """ECB+ news-please records (title + text) with their folder as gold story."""
    arts, gold = [], {}
    for f in sorted(root.glob("*/*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        aid = f"{f.parent.name}/{f.stem}"
        arts.append(Article(id=aid, text=d.get("text") or "", source=str(f), title=d.get("title"),
                            published=_iso(d.get("date_publish"))))
        gold[aid] = f.parent.name
    return arts, gold


def load_corpus(path: str | Path) -> tuple[list[Article], dict[str, str]]:
    """Articles and gold story per article id; the format is detected from the folder layout."""
    root = Path(path)
    if (root / "articles").is_dir():
        return _basil(root)
    if any(root.glob("*/*.json")):
        return _ecbplus(root)
    raise SystemExit(f"{root}: expected BASIL (articles/YEAR/*.json) or ECB+ (<topic>/*.json)")


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a predicted clustering against gold."""
    both = Counter((pred[i], gold[i]) for i in gold)
    p_size, g_size = Counter(pred[i] for i in gold), Counter(gold.values())
    prec = sum(n * n / p_size[p] for (p, _), n in both.items()) / len(gold)
    rec = sum(n * n / g_size[g] for (_, g), n in both.items()) / len(gold)
    return prec, rec, 2 * prec * rec / (prec + rec)


def ari(pred: dict[str, str], gold: dict[str, str]) -> float:
    """Adjusted Rand index."""
    from sklearn.metrics import adjusted_rand_score

    ids = sorted(gold)
    return float(adjusted_rand_score([gold[i] for i in ids], [pred[i] for i in ids]))


def _labels(clusters) -> dict[str, str]:
    """Article id -> cluster label."""
    return {m: str(k) for k, c in enumerate(clusters) for m in c.members}


def evaluate(arts: Sequence[Article], emb: np.ndarray, gold: dict[str, str], params: Params,
             weights: Weights, batches: int = 1) -> dict:
    """Cluster (all at once, or in publication-ordered batches resuming from the stories so far) and score."""
    order = sorted(range(len(arts)), key=lambda i: (arts[i].published or "~", arts[i].id))
    clusters: list = []
    for part in np.array_split(np.array(order), batches):
        idx = part.tolist()
        clusters = cluster_articles([arts[i] for i in idx], clusters, params, weights, emb=emb[idx])
    pred = _labels(clusters)
    p, r, f = bcubed(pred, gold)
    return {"precision": p, "recall": r, "f1": f, "ari": ari(pred, gold), "stories": len(clusters)}


def _annotate(arts: list[Article], store=None) -> list[Article]:
    """Entities from the extraction stage when it is available (else the clusterer's own cues), cached in a store if given."""
    try:
        from ..pipeline import annotate_cached
    except ImportError:
        print("(newstrace.extract.annotate not available: using capitalized-token cues)", file=sys.stderr)
        return arts
    return list(annotate_cached(arts, store))


def _halves(gold: dict[str, str]) -> dict[str, set[str]]:
    """Articles of odd- and of even-numbered topics (ECB+ folders "<n>ecb", "<n>ecbplus"): a change should hold on both."""
    num = {i: re.match(r"\d+", g) for i, g in gold.items()}
    if not all(num.values()):
        return {}
    return {h: {i for i, m in num.items() if int(m.group()) % 2 == r} for h, r in (("odd", 1), ("even", 0))}


def _subset(arts: Sequence[Article], emb: np.ndarray, gold: dict[str, str], keep: set[str]):
    """The articles (with their embeddings and gold) whose ids are kept."""
    idx = [i for i, a in enumerate(arts) if a.id in keep]
    return [arts[i] for i in idx], emb[idx], {arts[i].id: gold[arts[i].id] for i in idx}


def _row(name: str, m: dict) -> str:
    """One table row."""
    return f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['ari']:.3f} | {m['stories']} |"


def main(argv: list[str] | None = None) -> int:
    """Print batch, incremental and threshold-sensitivity scores for one corpus."""
    ap = argparse.ArgumentParser(prog="python -m newstrace.eval stories", description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, help="basil-dev or ecbplus-dev folder")
    ap.add_argument("--threshold", type=float, default=Params().threshold)
    ap.add_argument("--batches", type=int, default=5, help="batches for the incremental run")
    ap.add_argument("--no-annotate", action="store_true", help="skip the extraction stage (use token cues)")
    ap.add_argument("--store", help="SQLite store caching annotations and embeddings between runs (e.g. /tmp/stories/cache.sqlite)")
    ap.add_argument("--sweep", type=float, nargs="*", default=[-0.06, -0.04, -0.02, 0.02, 0.04, 0.06],
                    help="threshold offsets to report around the chosen one")
    args = ap.parse_args(argv)
    arts, gold = load_corpus(args.data)
    t0 = time.perf_counter()
    store = None
    if args.store:
        from ..store import open_store

        store = open_store(args.store)
    if not args.no_annotate:
        arts = _annotate(arts, store)
    emb = lead_embeddings(arts, store)
    params, weights = dc_replace(Params(), threshold=args.threshold), Weights()
    print(f"{args.data}: {len(arts)} articles, {len(set(gold.values()))} gold stories "
          f"(features {time.perf_counter() - t0:.1f}s)")
    print("| mode | B3 P | B3 R | B3 F1 | ARI | stories |\n|---|---|---|---|---|---|")
    print(_row(f"batch (t={params.threshold:.2f})", evaluate(arts, emb, gold, params, weights)))
    print(_row(f"incremental, {args.batches} batches", evaluate(arts, emb, gold, params, weights, args.batches)))
    for half, keep in _halves(gold).items():
        print(_row(f"batch, {half} topics", evaluate(*_subset(arts, emb, gold, keep), params, weights)))
    for off in args.sweep:
        p = dc_replace(params, threshold=round(params.threshold + off, 3))
        print(_row(f"batch t={p.threshold:.2f}", evaluate(arts, emb, gold, p, weights)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
