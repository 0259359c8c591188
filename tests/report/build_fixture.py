"""Writes tests/fixtures/sample_report.json: invented articles, spans computed from substrings.

Run `.venv/bin/python tests/report/build_fixture.py` after editing; the JSON is committed.
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "fixtures" / "sample_report.json"

A1 = ("A fire destroyed a textile warehouse in Port Elsby on Monday night, officials said. "
      "Fire chief Maria Tenor said 42 firefighters fought the blaze for six hours. "
      "\"We were lucky the wind dropped,\" Tenor said. "
      "No injuries were reported. "
      "The warehouse, owned by Calder Textiles, stored about 3 tonnes of cotton.")
A2 = ("(Wire North) - A fire destroyed a textile warehouse in Port Elsby on Monday night, officials said. "
      "Fire chief Maria Tenor said 42 firefighters fought the blaze for six hours. "
      "\"We were lucky the wind dropped,\" Tenor said. "
      "No injuries were reported.")
A3 = ("A blaze gutted a Port Elsby textile warehouse late on Monday, according to Wire North. "
      "Around 40 firefighters battled the flames for six hours, fire chief Maria Tenor said. "
      "\"We were very lucky that the wind dropped,\" Tenor told reporters. "
      "Calder Textiles owns the building, which held roughly 3,000 kg of cotton.")
A4 = ("Residents of Port Elsby watched a warehouse burn through Sunday night. "
      "More than 50 firefighters were called to the Calder Textiles site, a spokesperson for the fire service said. "
      "Two firefighters were treated for smoke inhalation. "
      "Neighbour Ivo Brandt said: \"The whole sky was orange.\"")
A5 = ("The harbour council voted 7 to 2 on Tuesday to extend the ferry pier. "
      "Council leader Ana Ruiz said the work will start in March. "
      "<script>window.__pwned=1</script> \"><img src=x onerror=\"window.__pwned=1\"> "
      "The project will cost 4 million euros.")
A6 = ("Harbour councillors approved the ferry pier extension on Tuesday by 6 votes to 3. "
      "Ana Ruiz, the council leader, said work would begin in March. "
      "The extension is budgeted at 4.5 million euros.")


def sp(text: str, needle: str, nth: int = 0) -> list[int]:
    """[start, end) of the nth occurrence of needle in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return [start, start + len(needle)]


def sentences(text: str) -> list[dict]:
    """Naive sentence spans, good enough for a fixture."""
    out, start = [], 0
    for i, ch in enumerate(text):
        end = i + 1
        if ch in ".!?" and (end == len(text) or text[end] == " ") and text[start:end].count('"') % 2 == 0:
            out.append({"span": [start, end], "text": text[start:end]})
            start = end + 1
    if start < len(text):
        out.append({"span": [start, len(text)], "text": text[start:]})
    return out


def item(text: str, needle: str, nth: int = 0, **extra) -> dict:
    """A span-carrying item whose text is exactly text[span]."""
    return {"span": sp(text, needle, nth), "text": needle, **extra}


def qty(text, needle, value, unit, nvalue, nunit, approx="=", measured=None):
    return item(text, needle, value=value, unit=unit, normalized={"value": nvalue, "unit": nunit},
                approx=approx, measured=measured)


def quote(text, needle, speaker, cue, kind="direct"):
    return item(text, needle, kind=kind, cue_span=sp(text, cue), speaker=speaker, speaker_span=sp(text, speaker))


def ent(text, needle, label, canonical=None, nth=0):
    return item(text, needle, nth, label=label, canonical=canonical or needle)


def article(aid, text, outlet, title, published, url, **lists) -> dict:
    base = {"id": aid, "input_id": f"inbox/{aid}.txt", "source": f"inbox/{aid}.txt", "title": title,
            "outlet": outlet, "published": published, "language": "en", "url": url, "text": text,
            "cites": [], "sentences": sentences(text), "entities": [], "quantities": [], "quotes": [], "dates": []}
    base.update(lists)
    return base


def build() -> dict:
    arts = [
        article("a1", A1, "Wire North", "Fire destroys warehouse in Port Elsby", "2026-03-03T06:10:00Z",
                "https://wirenorth.example/fire-port-elsby",
                entities=[ent(A1, "Port Elsby", "GPE"), ent(A1, "Maria Tenor", "PERSON"),
                          ent(A1, "Tenor", "PERSON", "Maria Tenor", 1), ent(A1, "Calder Textiles", "ORG")],
                quantities=[qty(A1, "42 firefighters", 42, None, 42, None, measured="firefighters"),
                            qty(A1, "about 3 tonnes", 3, "t", 3000, "kg", "~", "cotton")],
                quotes=[quote(A1, "We were lucky the wind dropped,", "Tenor", "said", )],
                dates=[item(A1, "Monday night", value="2026-03-02")]),
        article("a2", A2, "Daily Ledger", "Warehouse fire in Port Elsby", "2026-03-03T08:00:00Z",
                "https://ledger.example/news/warehouse-fire",
                cites=[{"outlet": "Wire North", "span": sp(A2, "Wire North")}],
                entities=[ent(A2, "Port Elsby", "GPE"), ent(A2, "Maria Tenor", "PERSON")],
                quantities=[qty(A2, "42 firefighters", 42, None, 42, None, measured="firefighters")],
                quotes=[quote(A2, "We were lucky the wind dropped,", "Tenor", "said")],
                dates=[item(A2, "Monday night", value="2026-03-02")]),
        article("a3", A3, "Coast Herald", "Blaze guts textile warehouse", "2026-03-03T11:30:00Z",
                "https://coastherald.example/a/blaze",
                cites=[{"outlet": "Wire North", "span": sp(A3, "Wire North")}],
                entities=[ent(A3, "Port Elsby", "GPE"), ent(A3, "Maria Tenor", "PERSON"),
                          ent(A3, "Calder Textiles", "ORG")],
                quantities=[qty(A3, "Around 40 firefighters", 40, None, 40, None, "~", "firefighters"),
                            qty(A3, "roughly 3,000 kg", 3000, "kg", 3000, "kg", "~", "cotton")],
                quotes=[quote(A3, "We were very lucky that the wind dropped,", "Tenor", "told")],
                dates=[item(A3, "late on Monday", value="2026-03-02")]),
        article("a4", A4, "Port Radio", "Night of smoke in Port Elsby", "2026-03-03T07:45:00Z",
                "http://portradio.example/smoke",
                entities=[ent(A4, "Port Elsby", "GPE"), ent(A4, "Calder Textiles", "ORG"),
                          ent(A4, "Ivo Brandt", "PERSON")],
                quantities=[qty(A4, "More than 50 firefighters", 50, None, 50, None, ">=", "firefighters"),
                            qty(A4, "Two firefighters", 2, None, 2, None, measured="injured")],
                quotes=[quote(A4, "The whole sky was orange.", "Ivo Brandt", "said")],
                dates=[item(A4, "Sunday night", value="2026-03-01")]),
        article("a5", A5, "<img src=x onerror=\"window.__pwned=1\">",
                "Pier vote <script>window.__pwned=1</script>", "2026-03-04T09:00:00Z",
                "javascript:window.__pwned=1",
                entities=[ent(A5, "Ana Ruiz", "PERSON")],
                quantities=[qty(A5, "4 million euros", 4e6, "EUR", 4e6, "EUR", measured="cost")],
                dates=[item(A5, "Tuesday", value="2026-03-03"), item(A5, "March", value="2026-03")]),
        article("a6", A6, "Harbour Gazette", "Councillors approve pier extension", "2026-03-04T10:00:00Z",
                "https://gazette.example/pier",
                entities=[ent(A6, "Ana Ruiz", "PERSON")],
                quantities=[qty(A6, "4.5 million euros", 4.5e6, "EUR", 4.5e6, "EUR", measured="cost")],
                dates=[item(A6, "Tuesday", value="2026-03-03")]),
    ]
    by = {a["id"]: a for a in arts}

    def ref(aid, needle, nth=0):
        return {"article": aid, "span": sp(by[aid]["text"], needle, nth)}

    def sup(aid, needle):
        return {"article": aid, "span": sp(by[aid]["text"], needle), "text": needle}

    shared = ["A fire destroyed a textile warehouse in Port Elsby on Monday night, officials said.",
              "Fire chief Maria Tenor said 42 firefighters fought the blaze for six hours.",
              "No injuries were reported."]
    links = [
        {"a": "a1", "b": "a2", "kind": "near_duplicate", "score": 0.93, "direction": "a->b",
         "evidence": [{"a_span": sp(A1, s), "b_span": sp(A2, s)} for s in shared]},
        {"a": "a1", "b": "a3", "kind": "rewrite", "score": 0.71, "direction": "a->b",
         "evidence": [{"a_span": sp(A1, "Fire chief Maria Tenor said 42 firefighters fought the blaze for six hours."),
                       "b_span": sp(A3, "Around 40 firefighters battled the flames for six hours, fire chief Maria Tenor said.")}]},
        {"a": "a5", "b": "a6", "kind": "shared_passages", "score": 0.34, "direction": None,
         "evidence": [{"a_span": sp(A5, "Council leader Ana Ruiz said the work will start in March."),
                       "b_span": sp(A6, "Ana Ruiz, the council leader, said work would begin in March.")}]},
    ]
    fire = {
        "id": "s1", "title": "Warehouse fire in Port Elsby", "articles": ["a1", "a2", "a3", "a4"],
        "origins": [{"id": "o1", "articles": ["a1", "a2", "a3"], "root": "a1", "label": "Wire North"},
                    {"id": "o2", "articles": ["a4"], "root": "a4", "label": "Port Radio"}],
        "facts": [
            {"id": "f1", "statement": "A fire destroyed a textile warehouse in Port Elsby.",
             "support": [sup("a1", shared[0]), sup("a2", shared[0]),
                         sup("a3", "A blaze gutted a Port Elsby textile warehouse late on Monday, according to Wire North."),
                         sup("a4", "Residents of Port Elsby watched a warehouse burn through Sunday night.")],
             "origins": ["o1", "o2"], "independent_support": 2, "unique": False},
            {"id": "f2", "statement": "Firefighters fought the blaze for six hours.",
             "support": [sup("a1", shared[1]), sup("a2", shared[1]),
                         sup("a3", "Around 40 firefighters battled the flames for six hours, fire chief Maria Tenor said.")],
             "origins": ["o1"], "independent_support": 1, "unique": False},
            {"id": "f3", "statement": "The warehouse belongs to Calder Textiles.",
             "support": [sup("a1", "The warehouse, owned by Calder Textiles, stored about 3 tonnes of cotton."),
                         sup("a3", "Calder Textiles owns the building, which held roughly 3,000 kg of cotton."),
                         sup("a4", "More than 50 firefighters were called to the Calder Textiles site, a spokesperson for the fire service said.")],
             "origins": ["o1", "o2"], "independent_support": 2, "unique": False},
            {"id": "f4", "statement": "Two firefighters were treated for smoke inhalation.",
             "support": [sup("a4", "Two firefighters were treated for smoke inhalation.")],
             "origins": ["o2"], "independent_support": 1, "unique": True},
        ],
        "conflicts": [
            {"id": "c1", "kind": "quantity", "subject": "firefighters at the scene", "severity": "high",
             "variants": [
                 {"value": "42 firefighters", "normalized": 42, "articles": ["a1", "a2"],
                  "spans": [ref("a1", "42 firefighters"), ref("a2", "42 firefighters")], "origins": ["o1"]},
                 {"value": "Around 40 firefighters", "normalized": 40, "articles": ["a3"],
                  "spans": [ref("a3", "Around 40 firefighters")], "origins": ["o1"]},
                 {"value": "More than 50 firefighters", "normalized": 50, "articles": ["a4"],
                  "spans": [ref("a4", "More than 50 firefighters")], "origins": ["o2"]}]},
            {"id": "c2", "kind": "statement", "subject": "injuries", "severity": "medium",
             "variants": [
                 {"value": "No injuries were reported.", "normalized": None, "articles": ["a1", "a2"],
                  "spans": [ref("a1", "No injuries were reported."), ref("a2", "No injuries were reported.")],
                  "origins": ["o1"]},
                 {"value": "Two firefighters were treated for smoke inhalation.", "normalized": None,
                  "articles": ["a4"], "spans": [ref("a4", "Two firefighters were treated for smoke inhalation.")],
                  "origins": ["o2"]}]},
            {"id": "c3", "kind": "date", "subject": "night of the fire", "severity": "low",
             "variants": [
                 {"value": "Monday night", "normalized": "2026-03-02", "articles": ["a1", "a3"],
                  "spans": [ref("a1", "Monday night"), ref("a3", "late on Monday")], "origins": ["o1"]},
                 {"value": "Sunday night", "normalized": "2026-03-01", "articles": ["a4"],
                  "spans": [ref("a4", "Sunday night")], "origins": ["o2"]}]},
        ],
        "quotes": [
            {"id": "q1", "speaker": "Maria Tenor", "variants": [
                {"text": "We were lucky the wind dropped,", "articles": ["a1", "a2"],
                 "spans": [ref("a1", "We were lucky the wind dropped,"), ref("a2", "We were lucky the wind dropped,")]},
                {"text": "We were very lucky that the wind dropped,", "articles": ["a3"],
                 "spans": [ref("a3", "We were very lucky that the wind dropped,")]}],
             "diff": [{"op": "equal", "text": "We were "}, {"op": "insert", "text": "very "},
                      {"op": "equal", "text": "lucky"}, {"op": "insert", "text": " that"},
                      {"op": "equal", "text": " the wind dropped,"}]},
        ],
        "summary": [
            {"text": "A fire destroyed a textile warehouse owned by Calder Textiles in Port Elsby.",
             "facts": ["f1", "f3"], "articles": ["a1", "a4"], "origins": ["o1", "o2"],
             "cites": [ref("a1", shared[0]), ref("a4", "Residents of Port Elsby watched a warehouse burn through Sunday night.")]},
            {"text": "Reports disagree on how many firefighters attended (40, 42 or more than 50).",
             "facts": ["f2"], "articles": ["a1", "a3", "a4"], "origins": ["o1", "o2"],
             "cites": [ref("a1", "42 firefighters"), ref("a3", "Around 40 firefighters"), ref("a4", "More than 50 firefighters")]},
            {"text": "Only Port Radio reports injuries: two firefighters treated for smoke inhalation.",
             "facts": ["f4"], "articles": ["a4"], "origins": ["o2"],
             "cites": [ref("a4", "Two firefighters were treated for smoke inhalation.")]},
        ],
        "timeline": [
            {"date": "2026-03-01", "text": "Fire reported on Sunday night (Port Radio).", "articles": ["a4"],
             "spans": [ref("a4", "Sunday night")]},
            {"date": "2026-03-02", "text": "Fire destroys the warehouse on Monday night.", "articles": ["a1", "a3"],
             "spans": [ref("a1", "Monday night"), ref("a3", "late on Monday")]},
        ],
    }
    pier = {
        "id": "s2", "title": "Harbour council <b>approves</b> pier", "articles": ["a5", "a6"],
        "origins": [{"id": "o3", "articles": ["a5"], "root": "a5", "label": "<i>hostile</i>"},
                    {"id": "o4", "articles": ["a6"], "root": "a6", "label": "Harbour Gazette"}],
        "facts": [{"id": "f5", "statement": "Work on the pier starts in March <script>window.__pwned=1</script>",
                   "support": [sup("a5", "Council leader Ana Ruiz said the work will start in March."),
                               sup("a6", "Ana Ruiz, the council leader, said work would begin in March.")],
                   "origins": ["o3", "o4"], "independent_support": 2, "unique": False}],
        "conflicts": [{"id": "c4", "kind": "quantity", "subject": "cost of the pier", "severity": "medium",
                       "variants": [{"value": "4 million euros", "normalized": 4e6, "articles": ["a5"],
                                     "spans": [ref("a5", "4 million euros")], "origins": ["o3"]},
                                    {"value": "4.5 million euros", "normalized": 4.5e6, "articles": ["a6"],
                                     "spans": [ref("a6", "4.5 million euros")], "origins": ["o4"]}]}],
        "quotes": [],
        "summary": [{"text": "The harbour council approved the ferry pier extension; work starts in March.",
                     "facts": ["f5"], "articles": ["a5", "a6"], "origins": ["o3", "o4"],
                     "cites": [ref("a5", "<script>window.__pwned=1</script>"),
                               ref("a6", "Ana Ruiz, the council leader, said work would begin in March.")]}],
        "timeline": [{"date": "2026-03-03", "text": "Council vote on Tuesday.", "articles": ["a5", "a6"],
                      "spans": [ref("a5", "Tuesday"), ref("a6", "Tuesday")]}],
    }
    return {"schema": "newstrace.report/1", "generated": "2026-03-05T12:00:00Z",
            "tool": {"name": "newstrace", "version": "0.1.0"}, "articles": arts, "links": links,
            "stories": [fire, pier],
            "problems": [{"source": "inbox/broken.html", "error": "no article text found after extraction"},
                         {"source": "inbox/<evil>.txt", "error": "<script>window.__pwned=1</script>"}]}


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(OUT)
