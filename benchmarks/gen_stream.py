"""Synthetic news stream for benchmarks: events with shared entities, several outlets per event, copies among them.

Every event has a kind, a place, a person, an organisation, a count, a date and a dozen
words of its own; each report mixes sentence templates with sentences of
background words (skewed to frequent ones) and the event's words, and about a
third of the reports are near-verbatim copies (a few words changed) of another report
of the same event. Names are made-up syllable strings; nothing is downloaded.

    python benchmarks/gen_stream.py --n 100000 --out /tmp/stream.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

__all__ = ["articles", "main"]

_SYL = "ka lo mi ra ven tor sel an bri dun mar ost pel qui ros tam ul vor wen zel har nim".split()
_KINDS = {
    "flood": ("floods", "rescuers", "residents were evacuated", "the river burst its banks"),
    "fire": ("fire", "firefighters", "homes were destroyed", "the blaze spread overnight"),
    "strike": ("strike", "union leaders", "services were halted", "talks broke down"),
    "election": ("election", "officials", "turnout was high", "ballots were counted"),
    "crash": ("crash", "investigators", "the line was closed", "the train left the rails"),
    "quake": ("earthquake", "seismologists", "buildings collapsed", "the ground shook for a minute"),
}
_TEMPLATES = [
    "{place} was hit by a {noun} on {day}, {officials} said.",
    "At least {count} people were affected after {what} in {place}.",
    "{person}, a spokesperson for {org}, said {count} people needed help.",
    "{officials} in {place} said {result} and more work was planned.",
    "The {noun} near {place} began early on {day} and {result}.",
    "{org} said it would publish a full report on the {noun} in {place}.",
    "Local media reported that {what}, and {result}.",
    "{person} told reporters that the response in {place} had been quick.",
    "Neighbours described the scene in {place} as chaotic after {what}.",
    "Officials from {org} met {person} on {day} to discuss the {noun}.",
]
_OUTLETS = [f"{a.capitalize()}{b} {c}" for a in _SYL[:8] for b in _SYL[8:12] for c in ("Times", "Post", "Herald")]


_VOCAB = [a + b + c for a in _SYL for b in _SYL for c in ("", "s", "ed", "ing", "er", "al")]  # 2,904 words


def _filler(rng: random.Random, topic: list[str], n: int) -> str:
    """A sentence of background words (skewed to frequent ones) mixed with the event's own words."""
    words = [rng.choice(topic) if rng.random() < 0.4 else _VOCAB[int(len(_VOCAB) * rng.random() ** 2)]
             for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _name(rng: random.Random, parts: int = 2) -> str:
    """A made-up proper name."""
    return "".join(rng.choice(_SYL) for _ in range(parts)).capitalize()


def _event(rng: random.Random, i: int, start: date, days: int) -> dict:
    """One event's facts."""
    kind = rng.choice(list(_KINDS))
    noun, officials, result, what = _KINDS[kind]
    return {"i": i, "noun": noun, "officials": officials, "result": result, "what": what,
            "place": _name(rng, 3), "person": f"{_name(rng)} {_name(rng, 3)}", "org": f"{_name(rng)} Agency",
            "count": rng.randint(3, 5000), "date": start + timedelta(days=rng.randrange(days)),
            "topic": rng.sample(_VOCAB, 20)}


def _report(rng: random.Random, ev: dict, n_sent: int) -> tuple[str, str]:
    """An independently written report of an event: title and text."""
    day = ev["date"].strftime("%A")
    sents = [t.format(day=day, **ev) for t in rng.sample(_TEMPLATES, 2)]
    sents += [_filler(rng, ev["topic"], rng.randint(8, 16)) for _ in range(n_sent - len(sents))]
    rng.shuffle(sents)
    title = f"{ev['place']} {ev['noun']}: {' '.join(rng.sample(ev['topic'], 3))}"
    return title, " ".join(sents)


def _copy(rng: random.Random, text: str) -> str:
    """A near-verbatim copy: a few words dropped or replaced."""
    words = text.split()
    for _ in range(max(1, len(words) // 25)):
        j = rng.randrange(len(words))
        words[j] = rng.choice(["reportedly", "also", "then", "", "now"])
    return " ".join(w for w in words if w)


def articles(n: int, seed: int = 7, days: int = 365, per_event: float = 5.0) -> Iterator[dict]:
    """n article records (id, title, text, outlet, published) from about n / per_event events."""
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    made, i = 0, 0
    while made < n:
        ev = _event(rng, i, start, days)
        i += 1
        k = min(n - made, max(1, int(rng.expovariate(1 / per_event))))
        written: list[tuple[str, str]] = []
        for j in range(k):
            if written and rng.random() < 0.35:
                title, text = rng.choice(written)
                title, text = title, _copy(rng, text)
            else:
                title, text = _report(rng, ev, rng.randint(5, 8))
                written.append((title, text))
            pub = ev["date"] + timedelta(days=rng.choice((0, 0, 0, 1, 2)))
            yield {"id": f"e{ev['i']}-{j}", "title": title, "text": text, "outlet": rng.choice(_OUTLETS),
                   "published": pub.isoformat(), "event": ev["i"]}
            made += 1


def main(argv: list[str] | None = None) -> int:
    """Write a JSONL stream."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    with args.out.open("w", encoding="utf-8") as f:
        for rec in articles(args.n, args.seed):
            f.write(json.dumps(rec) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
