"""Rewrite detection on rewrites-dev: rewrite recall, link precision, independent reports wrongly merged.

``python -m newstrace.eval rewrites --data PATH [--cache DB] [--fit [--negatives STORIES]] [--calibrate --mrpc P --stsb P]``
runs the provenance stage over the whole corpus (candidate generation as for any
large input), then scores its origins against ``gold.json``. ``--fit`` refits the
rewrite model with grouped 5-fold cross-validation and reports the out-of-fold
figures; ``--negatives`` adds the same-story pairs of a story corpus (BASIL: three
outlets' own full-length reports of each event) as independent pairs to training
and reports how many of them each threshold links; ``--calibrate`` measures the
sentence-similarity threshold on MRPC / STS-B.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path

import numpy as np
import xxhash

from ..components import components
from ..model import Article

__all__ = ["main", "load", "score", "calibrate", "precision_ceiling"]

_FEATURES = ("soft_body", "words", "pairs2", "ordered", "mono", "novel_min", "novel_max", "fact_agree", "aligned")


def load(data: Path) -> tuple[list[Article], dict]:
    """Articles and gold of a rewrites corpus folder."""
    arts = []
    with open(data / "articles.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            _TEXTS[r["id"]] = r["text"]
            arts.append(Article(id=r["id"], text=r["text"], source=str(data), title=r.get("title"), outlet=r.get("outlet")))
    return arts, json.loads((data / "gold.json").read_text(encoding="utf-8"))


def score(origins, links, gold: dict) -> dict:
    """Rewrite recall, link precision and independent-merged share from origins and links."""
    where = {a: o.id for o in origins for a in o.articles}
    groups = gold["groups"]
    pairs = [(g, a) for a, g in groups.items() if a != g and g in where]
    recall = np.mean([where[g] == where[a] for g, a in pairs]) if pairs else float("nan")
    prec = np.mean([groups.get(l.a) == groups.get(l.b) for l in links]) if links else float("nan")
    ind = gold["independent"]
    merged = np.mean([where[a] == where[b] for a, b in ind]) if ind else float("nan")
    same = _duplicate_groups(gold)
    adj = np.mean([same.get(groups.get(l.a)) == same.get(groups.get(l.b)) for l in links]) if links else float("nan")
    return {"rewrite_recall": round(float(recall), 3), "link_precision": round(float(prec), 3),
            "link_precision_duplicate_originals_merged": round(float(adj), 3),
            "independent_merged": round(float(merged), 3), "links": len(links)}


_TEXTS: dict[str, str] = {}


def precision_ceiling(gold: dict) -> float:
    """Literal link precision of a flawless system: one that links every pair within a gold group
    and, as it must, every pair within a family of groups whose originals are the same page (an
    exact copy is a link), and nothing else. Below 1.0 when gold files one page under several groups."""
    from collections import Counter

    same = _duplicate_groups(gold)
    size = Counter(gold["groups"].values())
    fam = Counter()
    for g, n in size.items():
        fam[same.get(g, g)] += n
    within = sum(n * (n - 1) // 2 for n in size.values())
    return round(within / max(sum(n * (n - 1) // 2 for n in fam.values()), 1), 3)


def _duplicate_groups(gold: dict, contained: float = 0.9) -> dict[str, str]:
    """Gold groups whose originals are the same page mapped to one name: one original's word
    5-grams at least ``contained`` inside another's (identical pages, or one page with extra
    boilerplate around the same article)."""
    groups = sorted(set(gold["groups"].values()))
    grams = {}
    for g in groups:
        w = re.findall(r"\w+", _TEXTS.get(g, g).lower())
        grams[g] = set(zip(w, w[1:], w[2:], w[3:], w[4:]))
    edges: list[tuple[str, str]] = []
    index: dict[tuple, set[str]] = {}
    for g in groups:
        for x in grams[g]:
            index.setdefault(x, set()).add(g)
    for g in groups:
        counts: dict[str, int] = {}
        for x in grams[g]:
            for h in index[x]:
                if h != g:
                    counts[h] = counts.get(h, 0) + 1
        for h, c in counts.items():
            if c >= contained * max(min(len(grams[g]), len(grams[h])), 1):
                edges.append((g, h))
    return {g: members[0] for members in components(edges, groups) for g in members}


def _family(article_id: str, groups: dict) -> str:
    """Cross-validation group: the gold group, or the event for independent reports (ids share a stem)."""
    g = groups.get(article_id, article_id)
    return re.split(r"[-_]", g)[0]


def _fit_cv(vs, pairs, feats, gold, negatives=None, folds: int = 5) -> tuple[np.ndarray, np.ndarray, dict]:
    """Grouped k-fold logistic fit: out-of-fold rewrite probabilities (rewrites corpus, then the extra
    negative pairs) and the full-data model. ``negatives`` is ``(feats, families)`` of pairs known to be
    independent reports; they join every training fold but their own."""
    groups = gold["groups"]
    X = np.array([[getattr(f, k) for k in _FEATURES] for f in feats])
    ids = [(vs[i].article.id, vs[j].article.id) for i, j in pairs]
    y = np.array([groups.get(a) == groups.get(b) for a, b in ids], dtype=int)
    # duplicated pages under different gold groups are verbatim copies, not evidence about rewriting
    train = np.array([bool(max(f.verb_a, f.verb_b) < 0.5 or yy) for f, yy in zip(feats, y)])
    fam = np.array([xxhash.xxh32_intdigest(_family(a, groups).encode()) % folds for a, _ in ids])
    nf, nfam = negatives or ([], [])
    Xn = np.array([[getattr(f, k) for k in _FEATURES] for f in nf]).reshape(len(nf), len(_FEATURES))
    ntrain = np.array([max(f.verb_a, f.verb_b) < 0.5 for f in nf], dtype=bool)
    nfold = np.array([xxhash.xxh32_intdigest(g.encode()) % folds for g in nfam], dtype=int)
    oof, noof = np.zeros(len(y)), np.zeros(len(nf))
    for k in range(folds):
        tr, te, ntr = (fam != k) & train, fam == k, (nfold != k) & ntrain
        m = _logistic(np.vstack([X[tr], Xn[ntr]]), np.concatenate([y[tr], np.zeros(ntr.sum(), int)]))
        oof[te] = m.predict_proba(X[te])[:, 1]
        if (nfold == k).any():
            noof[nfold == k] = m.predict_proba(Xn[nfold == k])[:, 1]
    m = _logistic(np.vstack([X[train], Xn[ntrain]]), np.concatenate([y[train], np.zeros(ntrain.sum(), int)]))
    model = {"weights": dict(zip(_FEATURES, np.round(m.coef_[0], 2).tolist())), "bias": round(float(m.intercept_[0]), 2)}
    return oof, noof, model


def _logistic(X: np.ndarray, y: np.ndarray):
    """The rewrite model's form: class-balanced logistic regression."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=10, max_iter=2000, class_weight="balanced").fit(X, y)


def negative_pairs(path: Path, store=None) -> tuple[list, list[str], list[bool]]:
    """Pairs of one story of a story corpus (BASIL, ECB+): different outlets' own reports of one event,
    used as extra independent pairs. Returns their features, story ids and whether the hard rules link them."""
    from itertools import combinations

    from ..provenance import decide, pair_features, views
    from .stories import load_corpus

    arts, story = load_corpus(path)
    vs = views(arts, store)
    by: dict[str, list] = {}
    for v in vs:
        by.setdefault(story[v.article.id], []).append(v)
    feats, fams, hard = [], [], []
    for g, members in sorted(by.items()):
        for a, b in combinations(members, 2):
            f = pair_features(a, b)
            feats.append(f)
            fams.append(g)
            link = decide(a, b, f)
            hard.append(link is not None and link.kind != "rewrite")
    return feats, fams, hard


def calibrate(mrpc: Path, stsb: Path | None, limit: int = 1000) -> dict:
    """Best-F1 cosine threshold on MRPC (first ``limit`` pairs) and Spearman on STS-B news dev."""
    from scipy.stats import spearmanr

    from ..embed import embed

    rows = list(csv.reader(open(mrpc, encoding="utf-8-sig"), delimiter="\t", quoting=csv.QUOTE_NONE))[1 : limit + 1]
    a, b = embed([r[3] for r in rows]), embed([r[4] for r in rows])
    cos, y = (a * b).sum(1), np.array([int(r[0]) for r in rows])
    best = max((_f1(cos >= t, y), t) for t in np.arange(0.5, 0.95, 0.01))
    out = {"mrpc_pairs": len(rows), "mrpc_best_f1": round(best[0], 3), "mrpc_threshold": round(float(best[1]), 2),
           "mrpc_acc_at_threshold": round(float(((cos >= best[1]) == y).mean()), 3)}
    if stsb:
        srows = [r for r in csv.reader(open(stsb, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE) if len(r) >= 7]
        sa, sb = embed([r[5] for r in srows]), embed([r[6] for r in srows])
        out["stsb_pairs"] = len(srows)
        out["stsb_spearman"] = round(float(spearmanr((sa * sb).sum(1), [float(r[4]) for r in srows]).statistic), 3)
    return out


def _f1(pred: np.ndarray, y: np.ndarray) -> float:
    """F1 of boolean predictions."""
    tp = float((pred & (y == 1)).sum())
    return 2 * tp / max(float(pred.sum() + (y == 1).sum()), 1.0)


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print a JSON summary."""
    from ..provenance import build_origins, candidate_indices, decide, pair_features, views
    from ..provenance import links as links_mod

    ap = argparse.ArgumentParser(prog="python -m newstrace.eval rewrites")
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--cache", help="SQLite store used as embedding cache (speeds up reruns)")
    ap.add_argument("--fit", action="store_true", help="refit the rewrite model with grouped 5-fold CV")
    ap.add_argument("--negatives", type=Path, help="story corpus (BASIL) whose same-story pairs train and test as independent")
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--mrpc", type=Path)
    ap.add_argument("--stsb", type=Path)
    args = ap.parse_args(argv)
    out: dict = {}
    if args.calibrate and args.mrpc:
        out["sentence_calibration"] = calibrate(args.mrpc, args.stsb)
    from ..store import open_store

    store = open_store(args.cache) if args.cache else None
    arts, gold = load(args.data)
    t0 = time.time()
    vs = views(arts, store)
    pairs = candidate_indices(vs)
    feats = [pair_features(vs[i], vs[j]) for i, j in pairs]
    links = [l for (i, j), f in zip(pairs, feats) if (l := decide(vs[i], vs[j], f))]
    out["articles"], out["candidate_pairs"], out["seconds"] = len(arts), len(pairs), round(time.time() - t0, 1)
    out["shipped_model"] = score(build_origins(arts, links), links, gold)
    out["link_precision_ceiling"] = precision_ceiling(gold)
    if args.fit:
        neg = negative_pairs(args.negatives, store) if args.negatives else None
        oof, noof, model = _fit_cv(vs, pairs, feats, gold, neg and neg[:2])
        out["refit_model"] = model
        if neg:
            out["negatives"] = {"pairs": len(noof), "shipped_model_linked": sum(
                h or links_mod.rewrite_probability(f) >= links_mod.REWRITE_THRESHOLD for f, h in zip(neg[0], neg[2]))}
        for th in (0.8, 0.9, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99):
            cv_links = []
            for (i, j), f, p in zip(pairs, feats, oof):
                l = decide(vs[i], vs[j], f)
                if l is not None and (l.kind != "rewrite" or p >= th):
                    cv_links.append(l)
                elif l is None and p >= th:
                    cv_links.append(links_mod.Link(vs[i].article.id, vs[j].article.id, "rewrite", float(p)))
            out[f"cv_threshold_{th}"] = score(build_origins(arts, cv_links), cv_links, gold)
            if neg:
                out[f"cv_threshold_{th}"]["negatives_linked"] = int(sum(h or p >= th for h, p in zip(neg[2], noof)))
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
