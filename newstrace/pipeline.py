"""The local engine: ingest into the store, then extract, cluster stories, and analyse each story.

Stages run in order; each reads what earlier stages produced and adds its part:

    ingest ─▶ store ─▶ extract ─▶ stories ─▶ provenance ─▶ corroborate ─▶ report
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .model import Article, Link, Origin, Problem, Story
from .store import Store

__all__ = [
    "IngestStats", "StoryResult", "ingest_paths", "annotate_cached", "analyze_story_articles",
    "analyze_store", "analyze_paths", "story_title",
]

Progress = Callable[[str, int, int | None], None]  # (task, done, total)
BATCH = 500


@dataclass(slots=True)
class IngestStats:
    """What one ingest did: new articles, already-stored ones, and problems."""

    new: int = 0
    seen: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when some input was lost (warnings do not count)."""
        return any(p.level == "error" for p in self.problems)


@dataclass(frozen=True, slots=True)
class StoryResult:
    """One analysed story: the record, its links, and its articles with story-wide entity names."""

    story: Story
    links: list[Link]
    articles: list[Article]


def _noop(task: str, done: int, total: int | None) -> None:
    """Progress sink that shows nothing."""


def ingest_paths(paths: Sequence[str | Path], store: Store, progress: Progress = _noop,
                 on_problem: Callable[[Problem], None] | None = None) -> IngestStats:
    """Read every input into the store, one transaction per batch, so a killed run can simply be rerun."""
    from .ingest import read_paths

    stats = IngestStats()
    batch: list[Article] = []
    seen_ids: set[str] = set()

    def flush() -> None:
        new = store.add_articles(batch)
        stats.new += new
        stats.seen += len(batch) - new
        batch.clear()
        progress("ingest", stats.new + stats.seen, None)

    for item in read_paths(paths):
        if isinstance(item, Problem):
            stats.problems.append(item)
            store.add_problems([item])
            if on_problem:
                on_problem(item)
        elif item.id in seen_ids:
            stats.seen += 1
        else:
            seen_ids.add(item.id)
            batch.append(item)
            if len(batch) >= BATCH:
                flush()
    if batch:
        flush()
    return stats


def annotate_cached(articles: Sequence[Article], store: Store | None, progress: Progress = _noop) -> list[Article]:
    """Extraction results, computed once per article and extractor version and cached in the store."""
    from .extract import EXTRACTOR_VERSION, annotate

    cached = store.get_annotations([a.id for a in articles], EXTRACTOR_VERSION) if store else {}
    todo = [a for a in articles if a.id not in cached]
    for i in range(0, len(todo), BATCH):
        batch = todo[i : i + BATCH]
        done = annotate(batch, n_process=_processes(len(batch)))
        if store:
            store.put_annotations(done, EXTRACTOR_VERSION)
        cached.update((a.id, a) for a in done)
        progress("extract", min(i + BATCH, len(todo)), len(todo))
    return [cached[a.id] for a in articles]


def _processes(n: int) -> int:
    """Two processes from 16 articles (a fork costs next to no CPU, and this process annotates a share itself); one below."""
    return 2 if n >= 16 and (os.cpu_count() or 1) >= 2 else 1


def story_title(articles: Sequence[Article], origins: Sequence[Origin] = ()) -> str:
    """A story is titled by the original of its most-copied origin, else by its earliest headline."""
    by_id = {a.id: a for a in articles}
    ranked = sorted(origins, key=lambda o: -len(o.articles))
    if ranked and len(ranked[0].articles) > 1 and ranked[0].root in by_id and by_id[ranked[0].root].title:
        return by_id[ranked[0].root].title
    dated = sorted(articles, key=lambda a: (a.published is None, a.published or "", a.id))
    for a in dated:
        if a.title:
            return a.title
    return " ".join(dated[0].text.split()[:12]) if dated else ""


def analyze_story_articles(articles: Sequence[Article], store: Store | None = None,
                           story_id: str | None = None) -> StoryResult:
    """Provenance and corroboration for the articles of one story (annotated by extract)."""
    from .corroborate import analyze_story
    from .embed import embed_cached
    from .extract import canonicalize
    from .ingest.normalize import content_id
    from .provenance import analyze as provenance

    articles = canonicalize(list(articles))
    links, origins = provenance(articles, store)
    parts = analyze_story(articles, links, origins, embed=lambda texts: embed_cached(texts, store))
    sid = story_id or "s" + content_id(" ".join(sorted(a.id for a in articles)))[:11]
    story = Story(
        id=sid, title=story_title(articles, origins), articles=tuple(a.id for a in articles), origins=tuple(origins),
        **{k: tuple(parts.get(k, ())) for k in ("facts", "conflicts", "quotes", "summary", "timeline")},
    )
    return StoryResult(story, list(links), articles)


def analyze_store(store: Store, progress: Progress = _noop) -> dict:
    """Analyse every stored article: stories, then each story; store and return report.json as a dict."""
    from .report.build import build_report
    from .stories import cluster

    articles = annotate_cached(list(store.articles()), store, progress)
    by_id = {a.id: a for a in articles}
    groups = cluster(articles, store)
    results: list[StoryResult] = []
    for n, (sid, ids) in enumerate(groups, 1):
        results.append(analyze_story_articles([by_id[i] for i in ids if i in by_id], store, sid))
        progress("stories", n, len(groups))
    store.set_stories([(r.story.id, r.story.title, list(r.story.articles)) for r in results])
    final = {a.id: a for r in results for a in r.articles}
    report = build_report(
        articles=[final.get(a.id, a) for a in articles],
        links=[link for r in results for link in r.links],
        stories=[r.story for r in results],
        problems=store.problems(),
    )
    store.put_report(json.dumps(report, ensure_ascii=False))
    return report


def analyze_paths(paths: Iterable[str | Path], store: Store, progress: Progress = _noop,
                  on_problem: Callable[[Problem], None] | None = None) -> tuple[dict, IngestStats]:
    """Ingest the paths, then analyse the whole store."""
    stats = ingest_paths(list(paths), store, progress, on_problem)
    return analyze_store(store, progress), stats
