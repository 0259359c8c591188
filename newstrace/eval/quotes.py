"""Quote and attribution extraction against PolNeAR: content and speaker P/R/F1, direct and indirect.

`python -m newstrace.eval quotes --data /path/to/polnear-dev [--split dev|train|all] [--limit N]`

Gold: brat `Attribution` events (Source, Cue, Content). A predicted quote matches a gold
content span when they overlap by at least half of each; matching is one-to-one. A
matched pair counts for the speaker when the predicted speaker span overlaps the gold
Source span. Direct pieces interrupted by their cue ('“…,” she said. “…”') are joined
into one content first, as PolNeAR annotates them. "direct" is the subset whose gold content starts with a quotation mark
(double, single or the doubled apostrophe '' some papers print; and predictions of kind
"direct"); "indirect" the rest. PolNeAR also annotates beliefs,
intentions and non-verbal cues as attributions, so recall is bounded well below 1 for
any quote extractor. Where an article has several annotators' files, the first (by
name) is used.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from newstrace.eval import prf

__all__ = ["main", "load", "score", "GoldAttribution"]

Span = tuple[int, int]
QUOTE_MARKS = "\"“”„«»‘'"  # ' also covers the doubled apostrophe ('') some papers print for a double quote


@dataclass(frozen=True)
class GoldAttribution:
    """One gold attribution: content span, source span (if any), direct or not."""

    content: Span
    source: Span | None
    direct: bool


def _spans(field: str) -> Span:
    """First start to last end of a brat offset field ('10 20;25 30')."""
    nums = [int(x) for x in re.split(r"[ ;]", field) if x]
    return nums[0], nums[-1]


def _parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    """Attributions of one brat file."""
    spans: dict[str, tuple[str, Span]] = {}
    events = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _spans(offsets))
        elif parts[0].startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content is None:
            continue
        source = spans.get(ev.get("Source", ""))
        s, e = content[1]
        direct = text[s:e].lstrip()[:1] in QUOTE_MARKS
        out.append(GoldAttribution(content[1], source[1] if source else None, direct))
    return out


def load(data: Path, split: str = "dev", limit: int | None = None) -> list[tuple[str, str, list[GoldAttribution]]]:
    """(name, text, gold) for each article of the split(s), one annotator per article."""
    splits = ["dev", "train"] if split == "all" else [split]
    out = []
    for sp in splits:
        folder = data / sp
        seen = set()
        for ann_path in sorted((folder / "attributions").glob("*.ann")):
            stem = re.sub(r"_[0-9a-f]{4}$", "", ann_path.stem)
            text_path = folder / "text" / f"{stem}.txt"
            if stem in seen or not text_path.exists():
                continue
            seen.add(stem)
            text = text_path.read_text(encoding="utf-8")
            out.append((stem, text, _parse_ann(ann_path.read_text(encoding="utf-8"), text)))
    return out[:limit] if limit else out


def _overlap(a: Span, b: Span) -> bool:
    """Overlap of at least half of each span."""
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * (a[1] - a[0]) and inter >= 0.5 * (b[1] - b[0])


def _touch(a: Span | None, b: Span | None) -> bool:
    """Any overlap between two spans."""
    return a is not None and b is not None and min(a[1], b[1]) > max(a[0], b[0])


def score(gold: list[list[GoldAttribution]], pred: list[list[tuple[Span, Span | None, str]]]) -> dict[str, dict]:
    """Content and speaker P/R/F1 overall, for direct quotes and for indirect ones."""
    counts = {k: [0, 0, 0, 0, 0, 0] for k in ("all", "direct", "indirect")}  # tp, npred, ngold, tp_spk, npred_spk, ngold_spk
    for g_items, p_items in zip(gold, pred):
        for key in counts:
            gs = [g for g in g_items if key == "all" or g.direct == (key == "direct")]
            ps = [p for p in p_items if key == "all" or (p[2] == "direct") == (key == "direct")]
            c = counts[key]
            c[1] += len(ps)
            c[2] += len(gs)
            c[4] += sum(1 for p in ps if p[1] is not None)
            c[5] += sum(1 for g in gs if g.source is not None)
            used: set[int] = set()
            for g in gs:
                j = next((j for j, p in enumerate(ps) if j not in used and _overlap(g.content, p[0])), None)
                if j is None:
                    continue
                used.add(j)
                c[0] += 1
                c[3] += _touch(g.source, ps[j][1])
    return {k: {"content": prf(c[0], c[1], c[2]), "speaker": prf(c[3], c[4], c[5]), "gold": c[2], "pred": c[1]} for k, c in counts.items()}


def _merge_pieces(quotes: list, text: str) -> list[tuple[Span, Span | None, str]]:
    """Join direct pieces interrupted by their cue ('“…,” she said. “…”'): PolNeAR annotates them as one content.

    The later piece joins when it has the same speaker and no cue of its own (or the same one),
    the earlier piece's cue lies in the gap, and whatever else was found in the gap stays there.
    """
    out: list[list] = []
    for q in quotes:
        k = len(out) - 1
        while q.kind == "direct" and k >= 0 and out[k][2] != "direct":
            k -= 1  # past indirect reports, which must lie inside the gap ('said Jane Doe, who backed X, “…”')
        prev = out[k] if k >= 0 else None
        if prev and q.kind == "direct" == prev[2] and q.speaker is not None and q.speaker == prev[4]:
            gap = (prev[0][1], q.span[0])
            cue = prev[3]
            inside = all(gap[0] <= o[0][0] and o[0][1] <= gap[1] for o in out[k + 1 :])
            own = q.cue_span is None or q.cue_span == cue
            tail = text[gap[0] : gap[1]].rstrip(" \u00a0" + QUOTE_MARKS + "’")
            opens = not tail.strip() or tail[-1] in ".,:;!?—–-" or tail.split()[-1] in ("and", "but")
            own = own and opens  # the next piece opens after the cue clause ('she said, but “…”'), not mid-sentence
            if inside and own and 0 <= gap[1] - gap[0] < 300 and "\n" not in text[gap[0] : gap[1]] and cue and gap[0] <= cue[0] < gap[1]:
                prev[0] = (prev[0][0], q.span[1])
                continue
        out.append([q.span, q.speaker_span, q.kind, q.cue_span, q.speaker])
    return [(s, sp, k) for s, sp, k, _, _ in out]


def predict(texts: list[str]) -> list[list[tuple[Span, Span | None, str]]]:
    """newstrace's quotes per article as (content span, speaker span, kind)."""
    from newstrace.extract import annotate
    from newstrace.model import Article

    arts = annotate([Article(id=str(i), text=t, source="polnear") for i, t in enumerate(texts)])
    return [_merge_pieces(list(a.quotes), a.text) for a in arts]


def main(argv: list[str]) -> int:
    """Print PolNeAR content and speaker P/R/F1 (all, direct, indirect)."""
    ap = argparse.ArgumentParser(prog="python -m newstrace.eval quotes")
    ap.add_argument("--data", type=Path, required=True, help="polnear-dev folder (with dev/ and train/)")
    ap.add_argument("--split", choices=["dev", "train", "all"], default="dev")
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    args = ap.parse_args(argv)
    rows = load(args.data, args.split, args.limit)
    t0 = time.perf_counter()
    pred = predict([t for _, t, _ in rows])
    s = score([g for _, _, g in rows], pred)
    print(f"PolNeAR {args.split}: {len(rows)} articles, {s['all']['gold']} gold attributions, {time.perf_counter() - t0:.1f} s")
    print("| subset | gold | pred | content P | content R | content F1 | speaker P | speaker R | speaker F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for key in ("all", "direct", "indirect"):
        c, sp = s[key]["content"], s[key]["speaker"]
        print(f"| {key} | {s[key]['gold']} | {s[key]['pred']} | {c[0]:.3f} | {c[1]:.3f} | {c[2]:.3f} | {sp[0]:.3f} | {sp[1]:.3f} | {sp[2]:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
