"""Corroboration speed on a generated 50-article story, against embedding its sentences alone.

    .venv/bin/python benchmarks/bench_corroborate.py [--articles 50] [--origins 10] [--repeat 3]

The story is generated here from our own templates: `--origins` independent
reports, each followed by copies that reword about a third of their sentences
(as rewrites do), so sentence texts repeat the way they do in real coverage.
`--origins` equal to `--articles` gives the worst case (every sentence distinct).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from newstrace.corroborate import analyze_story
from newstrace.embed import embed, embedder
from newstrace.model import Article, DateMention, Entity, Origin, Quantity, Sentence

TOWNS = ["Arden", "Belmoor", "Calloway", "Dunmere", "Eastwick", "Falbrook", "Glenholt", "Harrowgate"]
AGENCIES = ["the fire service", "the county council", "the police", "the water board", "the health trust"]
THINGS = [("people", "evacuated from"), ("homes", "damaged in"), ("roads", "closed around"),
          ("schools", "shut in"), ("firefighters", "sent to"), ("volunteers", "working in")]
SOURCES = ["a spokesperson", "a senior official", "an eyewitness", "a council member", "a volunteer"]
DAYS = [("on Monday", "2025-05-05"), ("on Tuesday", "2025-05-06"), ("on Wednesday", "2025-05-07")]
VERBS = [("said", "reported"), ("confirmed", "stated"), ("announced", "told reporters")]
FILLER = ["Residents described scenes of confusion as crews moved from street to street.",
          "Officials urged people to avoid travel until the situation was under control.",
          "Local businesses opened their doors to offer shelter and hot drinks.",
          "The cause of the incident was still being investigated late in the evening."]


def _fact(rng: random.Random, k: int) -> tuple[str, int, str, str]:
    """One factual sentence with a counted quantity and a date; returns (text, value, measured, date)."""
    thing, rel = THINGS[k % len(THINGS)]
    town, agency = TOWNS[k % len(TOWNS)], AGENCIES[k % len(AGENCIES)]
    n = (k % 7 + 1) * 10 ** (1 + k % 3) + rng.choice([0, 0, 0, 10])
    day, iso = DAYS[k % len(DAYS)]
    verb = VERBS[k % len(VERBS)][rng.random() < 0.5]
    return f"{agency.capitalize()} {verb} that {n:,} {thing} were {rel} {town} {day}, item {k}.", n, thing, iso


def _reword(text: str, rng: random.Random) -> str:
    """A rewrite's light touch: swap a verb, or add a clause."""
    for a, b in VERBS:
        if a in text and rng.random() < 0.5:
            return text.replace(a, b, 1)
    return text[:-1] + ", according to local media."


def _annotate(aid: str, sents: list[tuple[str, int | None, str | None, str | None]], published: str) -> Article:
    """An Article with sentence, quantity, date and place annotations whose spans are exact."""
    text = " ".join(s for s, *_ in sents)
    out_s, qty, dates, ents, at = [], [], [], [], 0
    for s, n, thing, iso in sents:
        start = text.index(s, at)
        at = start + len(s)
        out_s.append(Sentence((start, at), s))
        if n is not None:
            qt = f"{n:,} {thing}"
            q0 = text.index(qt, start)
            qty.append(Quantity((q0, q0 + len(qt)), qt, float(n), None, float(n), None, "=", thing))
            day = next(d for d, v in DAYS if v == iso)
            d0 = text.index(day, start)
            dates.append(DateMention((d0, d0 + len(day)), day, iso))
        for town in TOWNS:
            if town in s:
                t0 = text.index(town, start)
                ents.append(Entity((t0, t0 + len(town)), town, "GPE", town))
    return Article(id=aid, text=text, source=aid, outlet=aid, published=published, sentences=tuple(out_s),
                   quantities=tuple(qty), dates=tuple(dates), entities=tuple(ents))


def generate(articles: int, origins: int, sentences: int = 25, seed: int = 7) -> tuple[list[Article], list[Origin]]:
    """A story of `articles` reports from `origins` independent origins."""
    rng = random.Random(seed)
    facts = [_fact(rng, k) for k in range(sentences * 3)]
    arts, groups = [], {}
    for i in range(articles):
        o = i % origins
        if i < origins:
            picked = rng.sample(facts, sentences - 3) + [(f, None, None, None) for f in rng.sample(FILLER, 3)]
            if o:  # independent reports phrase the facts themselves and name their own sources
                picked = [(_reword(s, rng)[:-1] + f", {SOURCES[(o + j) % len(SOURCES)]} told outlet {o}.", n, t, d)
                          for j, (s, n, t, d) in enumerate(picked)]
            groups[o] = picked
        else:
            picked = [(_reword(s, rng) if rng.random() < 0.33 else s, n, t, d) for s, n, t, d in groups[o]]
        arts.append(_annotate(f"a{i:03d}", picked, f"2025-05-07T{8 + i % 12:02d}:{i % 60:02d}:00"))
    origin_list = [Origin(f"o{o}", tuple(a.id for k, a in enumerate(arts) if k % origins == o)) for o in range(origins)]
    return arts, origin_list


def _time(fn) -> float:
    """Wall seconds of one call."""
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    """Time analyze_story and, as the reference, embedding the story's distinct sentences alone."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--origins", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    arts, origins = generate(args.articles, args.origins)
    texts = list(dict.fromkeys(s.text for a in arts for s in a.sentences))
    embedder()  # load the model outside the timings
    ref, full = [], []
    for _ in range(args.repeat):
        ref.append(_time(lambda: embed(texts)))
        full.append(_time(lambda: analyze_story(arts, [], origins)))
    r, f = statistics.median(ref), statistics.median(full)
    n_sent = sum(len(a.sentences) for a in arts)
    print(f"articles={args.articles} origins={args.origins} sentences={n_sent} distinct={len(texts)}")
    print(f"embed distinct sentences (reference): {r:.2f} s  median of {args.repeat}")
    print(f"analyze_story: {f:.2f} s  median of {args.repeat}  ratio to reference: {f / r:.2f}")


if __name__ == "__main__":
    main()
