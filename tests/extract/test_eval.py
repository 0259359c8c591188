"""The evaluation dispatcher and the scoring rules, on hand-made data (no corpus needed)."""

from __future__ import annotations

from pathlib import Path


def test_tasks_are_discovered():
    from newstrace.eval import tasks

    assert {"quantities", "quotes"} <= set(tasks())


def test_quantity_score_matches_values_ranges_and_bounds():
    from newstrace.eval.quantities import score

    gold = [[(5.0, None, "="), (10.0, 12.0, "="), (7.0, None, "~")]]
    pred = [[(5.0, None, "="), (12.0, 10.0, "="), (7.0, None, "="), (99.0, None, "=")]]
    s = score(gold, pred)
    assert s["value"] == (0.75, 1.0, 2 * 0.75 / 1.75)
    assert s["value+approx"][0] == 0.5


def test_polnear_reader_and_scores(tmp_path: Path):
    from newstrace.eval.quotes import load, score

    text = 'Officials said the road was closed. "We are working on it," Ana Ruiz said.'
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "a.txt").write_text(text, encoding="utf-8")
    content1 = (text.index("the road"), text.index(" closed") + len(" closed"))
    content2 = (text.index('"We'), text.index('it,"') + 4)
    src2 = (text.index("Ana"), text.index("Ruiz") + 4)
    ann = "\n".join([
        "T1\tSource 0 9\tOfficials",
        f"T2\tContent {content1[0]} {content1[1]}\t{text[content1[0]:content1[1]]}",
        f"T3\tSource {src2[0]} {src2[1]}\tAna Ruiz",
        f"T4\tContent {content2[0]} {content2[1]}\t{text[content2[0]:content2[1]]}",
        "E1\tAttribution:T9 Content:T2 Source:T1",
        "E2\tAttribution:T8 Content:T4 Source:T3",
    ])
    (tmp_path / "dev" / "attributions" / "a_ab12.ann").write_text(ann, encoding="utf-8")
    ((name, _, gold),) = load(tmp_path, "dev")
    assert name == "a" and [g.direct for g in gold] == [False, True]
    pred = [[(content1, (0, 9), "indirect"), ((content2[0] + 1, content2[1] - 2), (0, 3), "direct")]]
    s = score([gold], pred)
    assert s["all"]["content"][2] == 1.0
    assert s["all"]["speaker"] == (0.5, 0.5, 0.5)
    assert s["direct"]["content"][2] == 1.0


def test_rewrite_precision_ceiling_counts_links_between_one_page_filed_twice():
    from newstrace.eval import rewrites as R

    page = "The council met on a wet Monday and voted to close the old bridge to lorries for good. " * 3
    R._TEXTS.update({"p1": page, "p2": page, "p3": "A different page about a school fair and a bake sale. " * 3})
    gold = {"groups": {"p1": "p1", "p1-r": "p1", "p2": "p2", "p2-r": "p2", "p3": "p3", "p3-r": "p3"}}
    # 3 true pairs; the one page filed as p1 and p2 makes 6 pairs among its 4 articles, 2 of them gold
    assert R.precision_ceiling(gold) == round(3 / 7, 3)
