"""The hand-written sample report must itself follow the published schema, spans included."""

from newstrace.report.build import check_spans, validate


def test_sample_report_is_valid(sample):
    validate(sample)
    assert check_spans(sample) == []


def test_every_reference_span_indexes_its_article(sample):
    texts = {a["id"]: a["text"] for a in sample["articles"]}
    refs = []
    for s in sample["stories"]:
        refs += [r for c in s["conflicts"] for v in c["variants"] for r in v["spans"]]
        refs += [r for q in s["quotes"] for v in q["variants"] for r in v["spans"]]
        refs += [r for x in s["summary"] for r in x["cites"]] + [r for t in s["timeline"] for r in t["spans"]]
    for r in refs:
        start, end = r["span"]
        assert 0 <= start < end <= len(texts[r["article"]])
    for link in sample["links"]:
        for e in link["evidence"]:
            assert texts[link["a"]][slice(*e["a_span"])] and texts[link["b"]][slice(*e["b_span"])]
