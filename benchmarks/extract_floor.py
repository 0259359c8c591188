"""Where one distinct article's extraction CPU goes, and the rate its networks alone allow.

    python benchmarks/extract_floor.py [--articles 120] [--repeat 3]

Runs `annotate` on the same generated ~600-word articles as `bench_extract.py`, with the
sentence cache off (every piece parsed), and charges process CPU to: the shared tok2vec
network, the parser's and NER's networks and transitions (`transitions.decode`, the NER's own
tok2vec included), the rest of parsing (tokenizing, `senter`, tagger, reassembling docs), and
post-processing (entities, quantities, quotes, dates). The bare spaCy pipeline (`nlp.pipe`,
every component) runs in the same process beside each repeat as the reference. The last line
is the ceiling the networks alone set: articles/s on two cores if everything else took no
time and two processes scaled perfectly.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import spacy  # noqa: E402

import bench_extract as bench  # noqa: E402
import newstrace.extract as extract  # noqa: E402
from newstrace.extract import annotate  # noqa: E402
from newstrace.extract import nlp as nlp_mod  # noqa: E402

STAGES = {"shared tok2vec": (nlp_mod, "_set_tensors"), "parser + NER networks and steps": (nlp_mod.transitions, "decode"),
          "parsing, all": (nlp_mod, "_parse_batch"), "post-processing": (extract, "_fill")}


def _charge(spent: dict[str, float]) -> None:
    """Wrap each stage's function so that its process CPU adds up under its name."""
    for name, (mod, attr) in STAGES.items():
        fn = getattr(mod, attr)

        def timed(*a, _fn=fn, _name=name, **k):
            t = time.process_time()
            try:
                return _fn(*a, **k)
            finally:
                spent[_name] = spent.get(_name, 0.0) + time.process_time() - t

        setattr(mod, attr, timed)


def main() -> None:
    """Print per-article CPU milliseconds by stage, beside the bare spaCy reference."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=120)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rng = random.Random(7)
    arts = [bench.make_article(rng, i) for i in range(args.articles)]
    words = statistics.mean(len(a.text.split()) for a in arts)
    full = spacy.load(nlp_mod.MODEL)
    nlp_mod.DEDUP = False
    annotate(arts[:4])
    list(full.pipe([a.text for a in arts[:4]]))
    spent: dict[str, float] = {}
    _charge(spent)
    runs, refs = [], []
    for _ in range(args.repeat):
        t = time.process_time()
        list(full.pipe((a.text for a in arts), batch_size=16))
        refs.append(time.process_time() - t)
        spent.clear()
        nlp_mod.clear_cache()
        t = time.process_time()
        annotate(arts, batch_size=16)
        runs.append((time.process_time() - t, dict(spent)))
    total, by = min(runs, key=lambda r: r[0])
    n = len(arts)
    ms = {k: v / n * 1000 for k, v in by.items()}
    nets = ms["shared tok2vec"] + ms["parser + NER networks and steps"]
    print(f"{n} distinct articles of {words:.0f} words; best of {args.repeat}; process CPU ms per article")
    print("| stage | ms/article | share |")
    print("|---|---:|---:|")
    for k in ("shared tok2vec", "parser + NER networks and steps"):
        print(f"| {k} | {ms[k]:.1f} | {ms[k] / (total / n * 1000):.0%} |")
    rest = ms["parsing, all"] - nets
    print(f"| rest of parsing (tokenizer, senter, tagger, docs) | {rest:.1f} | {rest / (total / n * 1000):.0%} |")
    print(f"| post-processing | {ms['post-processing']:.1f} | {ms['post-processing'] / (total / n * 1000):.0%} |")
    print(f"| **`annotate`, all** | **{total / n * 1000:.1f}** | 100% |")
    print(f"| bare spaCy `nlp.pipe` (reference, same run) | {min(refs) / n * 1000:.1f} | |")
    print(f"networks alone: {nets:.1f} ms/article -> at most {2000 / nets:.1f} articles/s on two cores "
          f"(goal 50 needs <= 40 ms/article/core for everything); annotate/reference CPU {min(refs) / total:.2f}x faster")


if __name__ == "__main__":
    main()
