"""Every supported input format becomes articles with the metadata users rely on."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from newstrace.ingest import read_paths
from newstrace.model import Article, Problem

BODY = ("The Corran river burst its banks on Thursday, flooding the lower town. "
        "Mayor Ines Patel said 40 families had left their homes.\n\nRescue crews worked through the night.")


def _articles(*paths: Path) -> list[Article]:
    items = list(read_paths(paths))
    assert not [p for p in items if isinstance(p, Problem)], items
    return [a for a in items if isinstance(a, Article)]


def test_txt_first_line_is_title(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("River floods lower town\n\n" + BODY)
    [a] = _articles(tmp_path / "a.txt")
    assert a.title == "River floods lower town"
    assert a.text.startswith("The Corran river")
    assert a.language == "en"
    assert a.source.endswith("a.txt")


def test_txt_without_title_keeps_first_sentence(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    [a] = _articles(tmp_path / "a.txt")
    assert a.title is None and a.text.startswith("The Corran river burst")


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    html = f"""<!doctype html><html><head><title>Flood | Corran Echo</title>
    <meta name="author" content="Sam Quill"><meta property="article:published_time" content="2025-03-06T09:30:00Z">
    <meta property="og:site_name" content="Corran Echo"></head><body><nav>Home | Sport | Weather</nav>
    <article><h1>River floods lower town</h1>{''.join(f'<p>{p}</p>' for p in BODY.split(chr(10)*2))}</article>
    <footer>Subscribe to our newsletter</footer></body></html>"""
    (tmp_path / "page.html").write_text(html)
    [a] = _articles(tmp_path / "page.html")
    assert a.outlet == "Corran Echo" and a.author == "Sam Quill"
    assert a.published.startswith("2025-03-06")
    assert "Rescue crews worked" in a.text and "newsletter" not in a.text and "Sport" not in a.text


def test_records_jsonl_json_csv(tmp_path: Path) -> None:
    rec = {"id": "x1", "title": "Flood", "url": "https://www.corran-echo.example/flood", "published": "2025-03-06", "text": BODY}
    (tmp_path / "r.jsonl").write_text(json.dumps(rec) + "\n" + json.dumps({**rec, "id": "x2", "text": BODY + " More."}) + "\n")
    (tmp_path / "r.json").write_text(json.dumps([{**rec, "id": "j1", "outlet": "Echo"}]))
    (tmp_path / "r.csv").write_text('id,title,outlet,text\nc1,Flood,Echo,"' + BODY.replace('"', '""') + '"\n')
    arts = _articles(tmp_path / "r.jsonl", tmp_path / "r.json", tmp_path / "r.csv")
    assert [a.input_id for a in arts] == ["x1", "x2", "j1", "c1"]
    assert arts[0].outlet == "corran-echo.example" and arts[0].published == "2025-03-06"
    assert arts[0].source.endswith("r.jsonl#1") and arts[1].source.endswith("r.jsonl#2")


def test_rss_and_atom_feeds(tmp_path: Path) -> None:
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Corran Echo</title><link>https://corran-echo.example</link>
    <item><title>Flood</title><link>https://corran-echo.example/1</link><pubDate>Thu, 06 Mar 2025 09:30:00 GMT</pubDate>
    <description>{BODY}</description></item></channel></rss>"""
    atom = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Post</title>
    <entry><title>Flood two</title><id>urn:1</id><updated>2025-03-07T10:00:00Z</updated>
    <content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"""
    (tmp_path / "f.rss").write_text(rss)
    (tmp_path / "g.xml").write_text(atom)
    a, b = _articles(tmp_path / "f.rss", tmp_path / "g.xml")
    assert a.title == "Flood" and a.outlet == "Corran Echo" and a.published == "2025-03-06T09:30:00"
    assert b.title == "Flood two" and "Rescue crews" in b.text and "<p>" not in b.text


def _warc(path: Path, pages: list[str], gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for i, page in enumerate(pages):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
            rec = writer.create_warc_record(f"https://echo.example/{i}", "response",
                                            payload=io.BytesIO(page.encode()), http_headers=headers)
            writer.write_record(rec)


def _page(title: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>"


def test_warc_and_warc_gz(tmp_path: Path) -> None:
    _warc(tmp_path / "a.warc", [_page("One"), _page("Two")], gz=False)
    _warc(tmp_path / "b.warc.gz", [_page("Three")], gz=True)
    arts = _articles(tmp_path / "a.warc", tmp_path / "b.warc.gz")
    assert [a.title for a in arts] == ["One", "Two", "Three"]
    assert arts[0].url == "https://echo.example/0" and arts[0].outlet == "echo.example"


def test_gzip_of_any_format_and_folders(tmp_path: Path) -> None:
    sub = tmp_path / "deep" / "er"
    sub.mkdir(parents=True)
    with gzip.open(sub / "a.txt.gz", "wt") as fh:
        fh.write("Gzipped title\n\n" + BODY)
    with gzip.open(tmp_path / "r.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"text": BODY + " Third."}) + "\n")
    arts = _articles(tmp_path)
    assert sorted(a.title or "" for a in arts) == ["", "Gzipped title"]


def test_metadata_from_text_and_cites(tmp_path: Path) -> None:
    text = ("Flood hits Corran\n\nBy Ada Moor | The Corran Echo | March 6, 2025 09:30 UTC\n\n"
            "CORRAN, March 6 (Westwind Press) - The river rose two metres overnight, according to the Valley Post. "
            "Officials told Radio Corran that 40 families left.")
    (tmp_path / "a.txt").write_text(text)
    [a] = _articles(tmp_path / "a.txt")
    assert a.outlet == "The Corran Echo"
    assert a.published == "2025-03-06T09:30:00"
    assert [c.outlet for c in a.cites] == ["Westwind Press", "Valley Post", "Radio Corran"]
    for c in a.cites:
        assert a.text[c.span[0]:c.span[1]] == c.outlet


def test_ids_are_stable_and_content_based(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("T\n\n" + BODY)
    (tmp_path / "b.txt").write_text("T\n\n" + BODY)
    (tmp_path / "c.txt").write_text("T\n\n" + BODY + " Extra.")
    a, b, c = _articles(tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt")
    assert a.id == b.id != c.id
    assert _articles(tmp_path / "a.txt")[0].id == a.id
