import base64
import hashlib
import re
from html.parser import HTMLParser

from newstrace.report.html import render_html


class _Collect(HTMLParser):
    """Every start tag with its attributes, plus inline script bodies."""

    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self._in = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in = dict(attrs).get("type", "js") if tag == "script" else None

    def handle_data(self, data):
        if self._in is not None:
            self.scripts.append((self._in, data))

    def handle_endtag(self, tag):
        self._in = None


def _parse(html):
    p = _Collect()
    p.feed(html)
    return p


def test_self_contained_no_network(sample):
    html = render_html(sample)
    tags = _parse(html).tags
    assert not [t for t, a in tags if t in ("link", "img", "iframe", "object", "embed")]
    assert not [a for t, a in tags if t == "script" and "src" in a]
    assert not [a for t, a in tags if "src" in a or "srcset" in a]
    css = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    assert "url(" not in css and "@import" not in css


def test_csp_meta_allows_exactly_the_inline_blocks(sample):
    html = render_html(sample)
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    for body in (script, style):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp


def test_hostile_content_escaped(sample):
    html = render_html(sample)
    p = _parse(html)
    executable = [body for kind, body in p.scripts if kind == "js"]
    assert len(executable) == 1 and "__pwned" not in executable[0]
    assert not [a for t, a in p.tags if any(k.startswith("on") for k in a)]
    assert not [t for t, a in p.tags if t == "img"]
    assert not [a for t, a in p.tags if t == "a" and a.get("href", "").lower().startswith("javascript")]
    data = [body for kind, body in p.scripts if kind == "application/json"][0]
    assert "<" not in data and "\\u003cscript" in data


def test_sections_present(sample):
    html = render_html(sample)
    for marker in ('class="block summary"', 'class="block conflicts"', 'class="nt-sortable facts-table"',
                   "<ins>very </ins>", '<svg class="nt-graph"', 'class="timeline-list"', "data-compare-a=",
                   'id="problems"', 'id="nt-article"'):
        assert marker in html
    assert html.index('class="block conflicts"') < html.index('class="block facts"')
    assert re.search(r'<li><b>4</b> independent origins</li>', html)


def test_citation_points_at_exact_span(sample):
    html = render_html(sample)
    m = re.search(r'class="cite" href="#src-s1-1" data-article="a1" data-start="(\d+)" data-end="(\d+)"', html)
    text = sample["articles"][0]["text"]
    assert text[int(m.group(1)):int(m.group(2))].startswith("A fire destroyed")


def test_graph_has_typed_directed_edges(sample):
    html = render_html(sample)
    assert html.count('class="nt-edge nt-edge-near_duplicate"') == 1
    assert re.search(r'nt-edge-rewrite"[^>]*marker-end="url\(#nt-arrow-rewrite\)"', html)
    assert not re.search(r'nt-edge-shared_passages"[^>]*marker-end', html)


def test_partial_report_renders():
    html = render_html({"articles": [], "stories": [{"id": "x", "articles": ["missing"],
                                                     "links": [], "facts": [{"statement": "s"}]}]})
    assert "(untitled story)" in html and "No summary was produced" in html


def test_one_marker_per_article_in_source_order(sample):
    story = sample["stories"][0]
    a1, a4 = story["summary"][0]["cites"]
    story["summary"][0]["cites"] = [a4, a1, dict(a1, span=[0, 5])]
    html = render_html(sample)
    item = re.search(r"<li>A fire destroyed.*?</li>", html, re.S).group(0)
    assert re.findall(r">\[(\d)\]</a>", item) == ["1", "4"]
