"""The command line: thin commands that parse arguments and call one importable function each.

Exit codes: 0 everything was processed; 1 some inputs failed (the rest were processed);
2 usage error (bad arguments, unusable database).
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from . import __version__
from .errors import NewstraceError
from .model import Problem

__all__ = ["app", "main"]

app = typer.Typer(
    help="newstrace: which news reports are copies or rewrites of which, what they report, "
    "how many independent origins back each fact, and where they disagree.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()

DB_HELP = "SQLite database file (created if missing)."
QUIET_HELP = "Print nothing but errors."


def _version(value: bool) -> None:
    """Print the version and stop."""
    if value:
        out.print(f"newstrace {__version__}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version.")) -> None:
    """Analyse sets of news articles: copies, origins, facts and conflicts."""


@contextmanager
def _progress(quiet: bool) -> Iterator:
    """A rich progress display, or a silent sink with --quiet or when stderr is not a terminal."""
    if quiet or not err.is_terminal:
        yield lambda task, done, total: None
        return
    bars = Progress(SpinnerColumn(), TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True)
    tasks: dict[str, int] = {}

    def update(task: str, done: int, total: int | None) -> None:
        if task not in tasks:
            tasks[task] = bars.add_task(task, total=total)
        bars.update(tasks[task], completed=done, total=total)

    with bars:
        yield update


def _report_problem(problem: Problem) -> None:
    """One line on stderr per bad input: the file (and record) and the reason."""
    label = "warning" if problem.level == "warning" else "error"
    err.print(f"[bold {'yellow' if label == 'warning' else 'red'}]{label}[/]: {escape(problem.source)}: {escape(problem.error)}",
              highlight=False, markup=True)


def _open(db: Path):
    """Open the store, turning an unusable database into a usage error."""
    from .store import open_store

    try:
        return open_store(db)
    except NewstraceError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        raise typer.Exit(2) from exc


@app.command()
def ingest(
    paths: List[Path] = typer.Argument(..., help="Files or folders: txt, html, jsonl/json, csv, RSS/Atom, WARC, or gzip of these."),
    db: Path = typer.Option(Path("newstrace.db"), "--db", help=DB_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    """Read articles into the store (re-ingesting the same input adds nothing)."""
    from .pipeline import ingest_paths

    store = _open(db)
    with _progress(quiet) as progress:
        stats = ingest_paths(paths, store, progress, _report_problem)
    if not quiet:
        out.print(f"{stats.new} new article(s), {stats.seen} already stored, {len(stats.problems)} problem(s); "
                  f"{store.count()} in {db}", highlight=False)
    raise typer.Exit(1 if stats.failed else 0)


@app.command()
def analyze(
    paths: List[Path] = typer.Argument(None, help="Files or folders to ingest first (optional: the store may already hold articles)."),
    db: Path = typer.Option(Path("newstrace.db"), "--db", help=DB_HELP),
    out_dir: Path = typer.Option(Path("newstrace-report"), "--out", "-o", help="Folder for report.json, report.md and report.html."),
    engine: str = typer.Option("local", "--engine", help="local (one process) or spark."),
    master: str = typer.Option("local[2]", "--master", help="Spark master URL (with --engine spark)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help=QUIET_HELP),
) -> None:
    """Ingest, then find stories, copies, origins, facts and conflicts; write the reports."""
    if engine not in {"local", "spark"}:
        err.print(f"error: --engine must be 'local' or 'spark', not {engine!r}")
        raise typer.Exit(2)
    if engine == "spark":
        from .engines.spark import run_spark

        summary = run_spark([str(p) for p in paths or []], out_dir, master=master)
        if not quiet:
            out.print(summary)
        raise typer.Exit(0)
    from .pipeline import analyze_paths
    from .report import write_reports

    store = _open(db)
    with _progress(quiet) as progress:
        report, stats = analyze_paths(paths or [], store, progress, _report_problem)
    written = write_reports(report, out_dir)
    if not quiet:
        _summary(report, written)
    raise typer.Exit(1 if stats.failed else 0)


def _summary(report: dict, written: list[Path]) -> None:
    """A short terminal summary: per story, articles, independent origins, conflicts."""
    from rich.table import Table

    from .report.views import article_name

    outlets = {a["id"]: article_name(a) for a in report["articles"]}
    table = Table(title=f"{len(report['articles'])} articles, {len(report['stories'])} stories", title_justify="left")
    for col in ("story", "articles", "origins", "facts", "conflicts"):
        table.add_column(col, justify="left" if col == "story" else "right")
    for s in report["stories"]:
        table.add_row(s["title"][:70], str(len(s["articles"])), str(len(s["origins"])), str(len(s["facts"])), str(len(s["conflicts"])))
    out.print(table)
    for s in report["stories"][:3]:
        for c in s["conflicts"][:5]:
            variants = " vs ".join(f"{escape(str(v['value']))} ({escape(', '.join(sorted({outlets.get(a) or a for a in v['articles']})))})"
                                   for v in c["variants"])
            subject = escape(c["subject"] if len(c["subject"]) <= 60 else c["subject"][:57].rstrip() + "...")
            out.print(f"  [bold]{c['kind']}[/] {subject}: {variants}", highlight=False, markup=True)
    if report["problems"]:
        out.print(f"{len(report['problems'])} problem(s): see report.json 'problems'")
    out.print("Reports: " + ", ".join(str(p) for p in written), highlight=False)


@app.command()
def serve(
    db: Path = typer.Option(Path("newstrace.db"), "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (local only by default)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
) -> None:
    """Browse stories, conflicts, provenance and articles in a local web app."""
    from .serve.app import run

    _open(db).close()
    run(str(db), host=host, port=port)


def main() -> None:
    """Console entry point; usage errors exit 2 (click's convention)."""
    try:
        app()
    except NewstraceError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
