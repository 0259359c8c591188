"""Evaluation of newstrace's stages on public corpora: `python -m newstrace.eval <task> --data PATH`.

Each task is a module `newstrace/eval/<task>.py` with `main(argv) -> int`; the dispatcher
finds them by name, so a new task needs no edit here.
"""

from __future__ import annotations

import importlib
import pkgutil

__all__ = ["tasks", "run", "prf"]


def tasks() -> list[str]:
    """Names of the evaluation tasks (modules of this package that define `main`)."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        found.append(info.name)
    return sorted(found)


def run(task: str, argv: list[str]) -> int:
    """Run one task's `main(argv)` and return its exit code."""
    if task not in tasks():
        raise SystemExit(f"unknown evaluation task {task!r}; expected one of: {', '.join(tasks())}")
    module = importlib.import_module(f"{__name__}.{task}")
    main = getattr(module, "main", None)
    if main is None:
        raise SystemExit(f"newstrace.eval.{task} has no main(argv) function")
    return int(main(argv) or 0)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from true positives and the predicted and gold counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
