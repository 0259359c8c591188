"""Quantity extraction against NewsQuant: value and value+bound P/R/F1, with CQE and quantulum3 as references.

`python -m newstrace.eval quantities --data /path/to/newsquant-dev [--no-references]`

A prediction matches a gold quantity of the same sentence when its value (and, for
ranges, both bounds) agree within 0.1 %; matching is one-to-one. "value+approx" also
requires the bound: gold `~` = ours `~`, `>` = `>=`, `<` = `<=`; gold `=`, `up` and
`down` (direction of a change, not a bound) count as `=`. The same rules score every
system. References run in this process: CQE 2.0.3 (`pip install --no-deps cqe==2.0.3
fuzzywuzzy==0.18.0 ordered-set==4.1.0 spacy-download==1.1.0`; it needs an en_US.UTF-8
locale, compiled into a cache folder with `localedef` when the system lacks one) and
quantulum3 (its bundled classifier no longer unpickles under scikit-learn 1.9, so it is
retrained here from the training data quantulum3 ships).
"""

from __future__ import annotations

import argparse
import json
import locale
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from newstrace.eval import prf

__all__ = ["main", "load_gold", "score", "ours"]

Item = tuple[float, float | None, str]  # value, upper, bound
BOUND = {"=": "=", "up": "=", "down": "=", "~": "~", ">": ">=", "<": "<=", ">=": ">=", "<=": "<="}
RANGE = re.compile(r"^\s*(-?[\d.]+(?:[eE][+-]?\d+)?)\s*-\s*(-?[\d.]+(?:[eE][+-]?\d+)?)\s*$")


def _parse_value(text: str) -> tuple[float, float | None] | None:
    """A gold value string: '12', '-5.0', '1.99E-29' or a range '252.0-287.0'."""
    try:
        return float(text), None
    except ValueError:
        m = RANGE.match(text)
        return (float(m.group(1)), float(m.group(2))) if m else None


def load_gold(data: Path) -> list[tuple[str, list[Item]]]:
    """Sentences with their gold quantities from newsquant.json."""
    path = data / "newsquant.json" if data.is_dir() else data
    out = []
    for row in json.loads(path.read_text(encoding="utf-8")):
        items = []
        for q in row["quantities"]:
            v = _parse_value(q["value"])
            if v is not None:
                items.append((v[0], v[1], BOUND.get(q["change"], "=")))
        out.append((row["text"], items))
    return out


def _same(a: float, b: float) -> bool:
    """Values agree within 0.1 %."""
    return math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-9)


def _match(g: Item, p: Item) -> bool:
    """Gold and predicted values agree (ranges: both bounds, in either order)."""
    if g[1] is None:
        return p[1] is None and _same(g[0], p[0])
    if p[1] is None:
        return False
    return (_same(g[0], p[0]) and _same(g[1], p[1])) or (_same(g[0], p[1]) and _same(g[1], p[0]))


def score(gold: list[list[Item]], pred: list[list[Item]]) -> dict[str, tuple[float, float, float]]:
    """P/R/F1 for value and value+bound over all sentences (greedy one-to-one matching)."""
    tp_v = tp_b = n_pred = n_gold = 0
    for g_items, p_items in zip(gold, pred):
        n_pred += len(p_items)
        n_gold += len(g_items)
        used: set[int] = set()
        for g in g_items:
            cands = [j for j, p in enumerate(p_items) if j not in used and _match(g, p)]
            if not cands:
                continue
            best = next((j for j in cands if p_items[j][2] == g[2]), cands[0])
            used.add(best)
            tp_v += 1
            tp_b += p_items[best][2] == g[2]
    return {"value": prf(tp_v, n_pred, n_gold), "value+approx": prf(tp_b, n_pred, n_gold)}


def ours(texts: list[str]) -> list[list[Item]]:
    """newstrace's quantities per sentence."""
    from newstrace.extract.nlp import parse
    from newstrace.extract.quantities import quantities

    return [[(q.value, q.upper, q.approx) for q in quantities(doc)] for doc in parse(texts, batch_size=64)]


def _ensure_en_us_locale() -> None:
    """CQE calls setlocale('en_US.UTF-8') on import; compile that locale into a cache folder if missing."""
    try:
        locale.setlocale(locale.LC_ALL, "en_US.UTF-8")
        return
    except locale.Error:
        pass
    folder = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "newstrace" / "locale"
    if not (folder / "en_US.UTF-8").exists():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["localedef", "-i", "en_US", "-f", "UTF-8", str(folder / "en_US.UTF-8")], check=False)
    os.environ["LOCPATH"] = str(folder)
    locale.setlocale(locale.LC_ALL, "en_US.UTF-8")


def cqe(texts: list[str]) -> list[list[Item]]:
    """CQE's quantities per sentence (on the same spaCy pipeline newstrace uses)."""
    _ensure_en_us_locale()
    from CQE import CQE  # noqa: N811  (the package's own name)

    from newstrace.extract.nlp import MODEL

    parser = CQE.CQE(spacy_model=MODEL)
    out = []
    for text in texts:
        items = []
        for q in parser.parse(text):
            val = q.value
            change = BOUND.get(getattr(q.change, "change", "=") or "=", "=")
            if hasattr(val, "lower"):
                items.append((float(val.lower), float(val.upper), change))
            else:
                items.append((float(val.value), None, change))
        out.append(items)
    locale.setlocale(locale.LC_ALL, "C")
    return out


def quantulum(texts: list[str]) -> list[list[Item]]:
    """quantulum3's quantities per sentence, with its classifier retrained for this scikit-learn."""
    from quantulum3 import classifier, parser

    path = Path(tempfile.gettempdir()) / "newstrace-quantulum3-clf.joblib"
    if not path.exists():
        classifier.train_classifier(store=True, output_path=str(path), n_jobs=1)
    out = []
    for text in texts:
        out.append([(float(q.value), None, "=") for q in parser.parse(text, classifier_path=str(path))])
    return out


def _run(name: str, fn: Callable[[list[str]], list[list[Item]]], texts: list[str], gold: list[list[Item]]) -> list[str]:
    """Score one system, returning table rows (or a row saying why it could not run)."""
    t0 = time.perf_counter()
    try:
        pred = fn(texts)
    except Exception as exc:  # a reference that cannot run is reported, not fatal
        return [f"| {name} | could not run: {type(exc).__name__}: {str(exc)[:80]} | | | | | | |"]
    s = score(gold, pred)
    v, b = s["value"], s["value+approx"]
    return [
        f"| {name} | {v[0]:.3f} | {v[1]:.3f} | {v[2]:.3f} | {b[0]:.3f} | {b[1]:.3f} | {b[2]:.3f} | {time.perf_counter() - t0:.1f} |"
    ]


def main(argv: list[str]) -> int:
    """Print the NewsQuant P/R/F1 table for newstrace and the reference extractors."""
    ap = argparse.ArgumentParser(prog="python -m newstrace.eval quantities")
    ap.add_argument("--data", type=Path, required=True, help="folder with newsquant.json")
    ap.add_argument("--limit", type=int, default=None, help="first N sentences only")
    ap.add_argument("--no-references", action="store_true", help="skip CQE and quantulum3")
    args = ap.parse_args(argv)
    rows = load_gold(args.data)[: args.limit]
    texts, gold = [t for t, _ in rows], [g for _, g in rows]
    print(f"NewsQuant: {len(texts)} sentences, {sum(map(len, gold))} gold quantities")
    print("| system | value P | value R | value F1 | +approx P | +approx R | +approx F1 | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    systems = [("newstrace", ours)]
    if not args.no_references:
        systems += [("CQE 2.0.3", cqe), ("quantulum3", quantulum)]
    for name, fn in systems:
        for row in _run(name, fn, texts, gold):
            print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
