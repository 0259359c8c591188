"""Extraction speed on generated ~600-word news articles, against a bare spaCy run in the same process.

    .venv/bin/python benchmarks/bench_extract.py [--articles 120] [--repeat 2] [--n-process 1 2] [--no-old-paths]

Articles are assembled from our own template sentences (numbers, quotes, dates and
names vary per article; about 29 % of the sentences of 48 articles repeat one seen
before, the templates without a number). The reference is `nlp.pipe` over the same
texts with the installed pipeline's full default components and nothing done with the
docs; the ratio is newstrace's throughput over the reference's, so machine noise
largely cancels (each run is paired with a reference run timed right before it). A
first row times the extract/0.3 path: whole articles through `nlp.pipe`, then the
same post-processing; the next three re-time extract/0.4's networks (thinc's default blis
gemm, spaCy's own transition loop, one process) on each workload, and one row extract/0.5's
networks at the start of the second speed round (OpenBLAS, spaCy's step model stepped from
Python, thinc's tok2vec) on distinct text, so "before" and "after" share one run (those rows
use today's post-processing, whose speed-ups cannot be switched off). The last two columns count CPU seconds (this process and the pool's
workers): articles per CPU-second move far less than wall-clock rates when other jobs
share the cores. `annotate` parses each distinct sentence once per call (and keeps a
cache across calls, cleared before every timed run here), so three workloads are run:
  template  - the articles above
  distinct  - the same articles with sentence de-duplication switched off: every
              sentence parsed, the cost of text with no repeated sentence at all
  story     - the same number of articles written as copies and rewrites of
              articles/5 origins (paragraphs dropped, replaced and reordered), as the
              articles of one news event are (536 of the 1,692 sentences of 48
              articles distinct; bench_corroborate has 474 of 1,250)
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time

import spacy
from thinc.api import NumpyOps

from newstrace.extract import _fill, annotate
from newstrace.extract import nlp as nlp_mod
from newstrace.extract.nlp import MODEL, OPS, clear_cache, load_nlp
from newstrace.model import Article

NAMES = ["Lena Ortiz", "Omar Reyes", "Clara Voss", "Paul Stone", "Dana Hart", "Ivan Petrov", "Maya Lind"]
PLACES = ["Harbor City", "Eastmoor", "the northern province", "Kellan", "the river valley", "Port Dunmore"]
GROUPS = ["the defence ministry", "the regional council", "the coast guard", "the United Nations", "the army"]
UNITS = ["troops", "drones", "people", "homes", "vehicles", "tonnes of grain"]
DAYS = ["on Monday", "on Tuesday", "on Nov. 18", "last week", "late on Friday", "at 5 p.m. on Sunday"]
TEMPLATES = [
    "{group} said that about {n:,} {unit} had been moved to {place} {day}.",
    '"We are doing everything we can," {name} told reporters in {place}. "The next days will be hard."',
    "According to {group}, more than {n:,} {unit} were affected, up from {m:,} a week earlier.",
    "{name}, who leads the response, warned that up to {k} km of road could stay closed until March.",
    "The U.S. pledged ${b}.{d} billion in aid, while Mr. {last} said the first deliveries would arrive {day}.",
    "Residents of {place} described long queues at the few shops that stayed open.",
    "Officials estimated the damage at roughly {p} percent of the district's housing, {name} said.",
    "{name} added that between {k} and {k2} teams were working around the clock near {place}.",
    "Satellite images reviewed by independent analysts showed new positions some {k} miles from the border.",
    "The talks, first held in 2021, resumed {day} after a pause of nearly two months.",
]


def make_article(rng: random.Random, i: int, words: int = 600) -> Article:
    """One generated article of about `words` words, in paragraphs of three sentences."""
    sents: list[str] = []
    while sum(len(s.split()) for s in sents) < words:
        name = rng.choice(NAMES)
        sents.append(rng.choice(TEMPLATES).format(
            group=rng.choice(GROUPS), n=rng.randrange(100, 90000), m=rng.randrange(50, 900),
            unit=rng.choice(UNITS), place=rng.choice(PLACES), day=rng.choice(DAYS), name=name,
            last=name.split()[-1], k=rng.randrange(3, 40), k2=rng.randrange(41, 90), b=rng.randrange(1, 90),
            d=rng.randrange(0, 9), p=rng.randrange(5, 60),
        ))
    paras = [" ".join(sents[j : j + 3]) for j in range(0, len(sents), 3)]
    text = "\n\n".join(p[0].upper() + p[1:] for p in paras)
    return Article(id=f"a{i}", text=text, source="bench", published="2024-11-20T08:00:00Z")


def make_story(rng: random.Random, n: int) -> list[Article]:
    """`n` articles of one event: copies and rewrites of n/5 origins."""
    origins = [make_article(rng, 10_000 + i) for i in range(max(1, n // 5))]
    out = []
    for i in range(n):
        base = rng.choice(origins).text.split("\n\n")
        fresh = make_article(rng, 20_000 + i, words=200).text.split("\n\n")
        paras = [p for p in base if rng.random() > 0.1]  # some paragraphs dropped
        for _ in range(rng.randrange(4, 9)):  # some rewritten: fresh sentences in their place
            paras[rng.randrange(len(paras))] = rng.choice(fresh)
        if rng.random() < 0.5:
            j = rng.randrange(len(paras))
            paras.insert(0, paras.pop(j))
        out.append(Article(id=f"s{i}", text="\n\n".join(paras), source="bench", published="2024-11-20T08:00:00Z"))
    return out


def _cpu() -> float:
    """CPU seconds of this process and its finished children (the pool's workers)."""
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + kids.ru_utime + kids.ru_stime


def _seconds(fn) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `fn`, the sentence cache cleared first."""
    clear_cache()
    t0, c0 = time.perf_counter(), _cpu()
    fn()
    return time.perf_counter() - t0, _cpu() - c0


def _set_mode(mode: str) -> None:
    """Run extraction's networks as extract/0.4 did ("0.4": blis products, spaCy's own transition
    loop), as extract/0.5 did at the start of the second speed round ("0.5": OpenBLAS, spaCy's step
    model stepped from Python, thinc's tok2vec), or as now ("now": numpy steps, flat tok2vec)."""
    ops = blis_ops() if mode == "0.4" else OPS
    for _, pipe in load_nlp().components:
        for node in pipe.model.walk():
            node.ops = ops
    nlp_mod.GREEDY_IN_PYTHON = mode != "0.4"
    nlp_mod.NUMPY_STEPS = nlp_mod.FAST_TOK2VEC = mode == "now"


_BLIS: list = []


def blis_ops():
    """thinc's default ops (blis gemm), made once."""
    if not _BLIS:
        _BLIS.append(NumpyOps())
    return _BLIS[0]


def _whole_doc(arts: list[Article], batch_size: int) -> list[Article]:
    """The extract/0.3 path: `nlp.pipe` over whole articles, then the same post-processing."""
    return [_fill(a, d) for a, d in zip(arts, load_nlp().pipe((a.text for a in arts), batch_size=batch_size))]


def main() -> None:
    """Print a Markdown table of throughput and the ratio to the bare spaCy reference.

    Each run is timed right after a reference run, `repeat` times; the ratio is the
    median of those pairs' words/s ratios (the load of this shared machine drifts
    within minutes, so only a reference timed beside the run compares), the rates are
    the best of the runs.
    """
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=120)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--n-process", type=int, nargs="+", default=[1])
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--no-old-paths", action="store_true", help="time only today's `annotate` rows (each still beside a reference)")
    args = ap.parse_args()
    rng = random.Random(7)
    arts = [make_article(rng, i) for i in range(args.articles)]
    texts = [a.text for a in arts]
    words = statistics.mean(len(t.split()) for t in texts)
    story = make_story(random.Random(11), args.articles)
    swords = statistics.mean(len(a.text.split()) for a in story)
    full = spacy.load(MODEL)
    load_nlp()
    annotate(arts[:4])  # warm caches (dateparser, spaCy) outside the timings
    list(full.pipe(texts[:4]))

    def ref() -> tuple[float, float]:
        return _seconds(lambda: list(full.pipe(texts, batch_size=args.batch_size)))

    runs = [("extract/0.3 path: whole-doc `nlp.pipe` + post-processing, template", arts, words, True, 1, True, "0.4")]
    runs += [(f"extract/0.4 (blis gemm, spaCy's transition loop), {k}, n_process=1", d, w, dd, 1, False, "0.4") for k, d, w, dd in
             (("template", arts, words, True), ("distinct", arts, words, False), ("story", story, swords, True))]
    runs += [("extract/0.5 networks (thinc tok2vec, spaCy's step model from Python), distinct, n_process=1", arts, words, False, 1, False, "0.5")]
    if args.no_old_paths:
        runs = []
    for n in args.n_process:
        runs += [
            (f"`annotate`, template, n_process={n}", arts, words, True, n, False, "now"),
            (f"`annotate`, distinct (no de-duplication), n_process={n}", arts, words, False, n, False, "now"),
            (f"`annotate`, story, n_process={n}", story, swords, True, n, False, "now"),
        ]
    print(f"{len(arts)} articles, {words:.0f} words each on average (story: {swords:.0f}); {args.repeat} pairs per run")
    print("| run | articles/s | words/s | reference articles/s | vs reference (words/s, median of pairs) | articles per CPU-s | reference per CPU-s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, docs, w, dedup, n, whole, mode in runs:
        nlp_mod.DEDUP = dedup
        _set_mode(mode)
        fn = (lambda: _whole_doc(docs, args.batch_size)) if whole else (lambda: annotate(docs, batch_size=args.batch_size, n_process=n))
        pairs = [(ref(), _seconds(fn)) for _ in range(args.repeat)]
        nlp_mod.DEDUP = True
        _set_mode("now")
        rate = len(docs) / min(t for _, (t, _) in pairs)
        ref_rate = len(texts) / min(r for (r, _), _ in pairs)
        ratio = statistics.median((len(docs) * w / t) / (len(texts) * words / r) for (r, _), (t, _) in pairs)
        cpu_rate = len(docs) / min(c for _, (_, c) in pairs)
        ref_cpu = len(texts) / min(c for (_, c), _ in pairs)
        print(f"| {label} | {rate:.1f} | {rate * w:,.0f} | {ref_rate:.1f} | {ratio:.2f} | {cpu_rate:.1f} | {ref_cpu:.1f} |", flush=True)


if __name__ == "__main__":
    main()
