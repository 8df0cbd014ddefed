import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest

from benchmark.cli import main
from reports.html import leaderboard_html
from reports.leaderboard import Board, markdown
from reports.plots import Panel, Point, svg
from tests.runkit import HOSTILE, hostile_outputs, make_run

LABEL = "<b onmouseover=alert(1)>evil & co</b>"


class Page(HTMLParser):
    """Elements, attributes and visible text of a page, as a browser's parser sees them."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.scripts if self._in_script else self.text).append(data)


METRICS = ("bleu4", "rougeL", "fmr", "usr", "failure_rate")  # three areas keep the test fast


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    d = tmp_path_factory.mktemp("html")
    a = make_run(d / "template", metrics=METRICS)
    b = make_run(d / "hostile", generator="file:" + str(hostile_outputs(d / "h.jsonl")), label=LABEL, metrics=METRICS)
    c = make_run(d / "flaky", generator="unit-flaky", metrics=METRICS)
    return Board.load([a, b, c])


@pytest.fixture(scope="module")
def pages(board):
    """The page with the drill-down capped at 5 and at 40 samples."""
    return {cap: leaderboard_html(board, max_samples=cap) for cap in (5, 40)}


def test_hostile_text_is_escaped_and_nothing_external_is_referenced(pages):
    html = pages[40]
    page = Page(html)
    text = "".join(page.text)
    for t in HOSTILE[:3]:
        assert t in text  # visible as text
    assert LABEL in text
    assert [t for t, _ in page.tags].count("script") == 1 and not any(t in ("img", "iframe", "link", "object") for t, _ in page.tags)
    assert not any(k.startswith("on") for _, attrs in page.tags for k in attrs)  # no event handler attribute anywhere
    refs = [v for _, attrs in page.tags for k, v in attrs.items() if k in ("src", "href", "xlink:href", "action")]
    assert all(v.startswith("#") for v in refs), refs  # only in-page references (SVG clip paths)
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp


def test_areas_cis_plots_and_drilldown(board, pages):
    html = pages[5]
    page = Page(html)
    areas = {m.area for m in board.metrics().values()}
    assert sum(1 for t, _ in page.tags if t == "svg") >= len(areas)
    for a in areas:
        assert f'id="area-{a}-table"' in html
    # the flaky generator fails 8 of 40: failure_rate 0.200 with its CI, and 8 in the overview's failed column
    flaky = board.runs[2].suites["unit-tiny"].scores["failure_rate"]
    assert flaky.value == pytest.approx(0.2)
    lo, hi = flaky.ci
    assert re.search(rf'data-sort="0.2"[^>]*>0.200<span class="ci">\[{lo:.3f}, {hi:.3f}\]</span>', html)
    assert html.count("showing 5 of 40 samples (capped at 5)") == 3
    assert "RuntimeError: boom" in html  # the flaky generator's first sample failed
    assert "more characters)" not in html  # the long text is not among the first 5 shown


def test_long_texts_are_cut(pages):
    assert "… (19000 more characters)" in pages[40]


def test_history_mode_orders_versions_and_keeps_same_named_runs_apart(tmp_path):
    versions = tmp_path / "versions"
    for v, gen in (("v1", "unit-flaky"), ("v2", "template"), ("v3", "unit-slow")):
        make_run(versions / v, generator=gen, label="hotel-model", metrics=("fmr", "failure_rate", "bleu4"))
    assert main(["report", str(versions), "--out", str(tmp_path / "rep"), "--history"]) == 0
    html = (tmp_path / "rep" / "leaderboard.html").read_text()
    labels = [f"hotel-model @ {v}" for v in ("v1", "v2", "v3")]
    positions = [html.index(f"<td>{lbl}</td>") for lbl in labels]
    assert positions == sorted(positions)  # versions table in order
    assert "across versions" in html and html.count("<svg") >= 2 * 3  # value and trend plot per area
    md = (tmp_path / "rep" / "leaderboard.md").read_text()
    assert all(lbl in md for lbl in labels)


def test_plots_draw_hostile_labels_as_text():
    out = svg([Panel("fmr $x$ <i>", (Point("<script>x</script>", "travel", 0.5, [0.4, 0.6]), Point("b", "travel", None, None)))])
    assert out.startswith("<svg") and "<script>" not in out and "&lt;script&gt;" in out and "fmr $x$ &lt;i&gt;" in out
    assert svg([]) == ""
    assert out == svg([Panel("fmr $x$ <i>", (Point("<script>x</script>", "travel", 0.5, [0.4, 0.6]), Point("b", "travel", None, None)))])


def test_board_markdown_escapes_labels(board):
    md = markdown(board)
    assert "&lt;b onmouseover=alert(1)&gt;evil &amp; co&lt;/b&gt;" in md and LABEL not in md
