import json

import pytest

from benchmark.cli import main
from benchmark.compare import NotComparable, compare_runs
from benchmark.results import read_run, read_samples
from reports.compare import markdown
from tests.runkit import hostile_outputs, make_run, outputs_file, rewrite_run

METRICS = ("bleu4", "rougeL", "fmr", "usr", "div", "failure_rate")
DROPPED = [f"tiny-{i:03d}" for i in (1, 4, 9, 12, 17, 22, 27, 33)]  # 8 of 40 lose their feature mention


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    d = tmp_path_factory.mktemp("cmp")
    base = make_run(d / "base", metrics=METRICS)
    texts = {s["id"]: s["text"] for s in read_samples(base)}
    texts.update({i: f"We recommend Hotel {int(i[5:])}." for i in DROPPED})
    cand = make_run(d / "cand", generator="file:" + str(outputs_file(d / "cand.jsonl", texts)), metrics=METRICS)
    return d, base, cand


def test_identical_runs_show_no_change(runs):
    d, base, _ = runs
    cmp = compare_runs(base, base)
    assert cmp.rows and not cmp.only_in_one
    for r in cmp.rows:
        assert r.paired.delta == 0 and r.p == 1.0 and r.verdict() == "no significant change", r.metric


def test_dropped_feature_mentions_are_a_significant_fmr_regression(runs):
    d, base, cand = runs
    cmp = compare_runs(base, cand, n_boot=2000)
    fmr = cmp.get("unit-tiny", "fmr")
    assert fmr.paired.baseline == 1.0 and fmr.paired.candidate == pytest.approx(32 / 40)
    assert fmr.paired.delta == pytest.approx(-0.2) and fmr.worsening == pytest.approx(0.2)
    # 8 discordant pairs, all in one direction: the exact randomization p-value is 2 / 2**8
    assert fmr.paired.p_randomization == pytest.approx(2 / 256, abs=0.006)
    assert fmr.verdict(0.05) == "worse"  # the verdict follows the paired-bootstrap CI, which excludes 0
    assert fmr.paired.delta_ci[0] < -0.2 < fmr.paired.delta_ci[1] < 0
    assert {c.id for c in cmp.top_changes("unit-tiny", "fmr", 20)} == set(DROPPED)
    top = cmp.top_changes("unit-tiny", "fmr", 3)
    assert [c.id for c in top] == DROPPED[:3] and all(c.delta == -1 for c in top)  # ties ordered by id
    assert top[0].cand_text == "We recommend Hotel 1."
    # corpus metrics: the paired test re-reduces exactly what the runner reported
    bleu = cmp.get("unit-tiny", "bleu4")
    assert bleu.paired.baseline == pytest.approx(read_run(base).suites["unit-tiny"].scores["bleu4"].value)
    assert bleu.paired.candidate == pytest.approx(read_run(cand).suites["unit-tiny"].scores["bleu4"].value)
    assert cmp.get("unit-tiny", "failure_rate").verdict() == "no significant change"


def test_runs_over_other_examples_or_suite_content_are_refused(runs, tmp_path):
    d, base, _ = runs
    short = make_run(tmp_path / "short", limit=20, metrics=METRICS)
    with pytest.raises(NotComparable) as e:
        compare_runs(base, short)
    assert "limit: baseline None, candidate 20" in str(e.value)
    assert "suite unit-tiny: the runs cover different examples (baseline 40, candidate 20, 20 shared)" in str(e.value)

    def rehash(r):
        r["suites"]["unit-tiny"]["hash"] = "0000000000000000"
    other = rewrite_run(base, tmp_path / "other", lambda s: None)
    run = json.loads((other / "run.json").read_text())
    good = run["suites"]["unit-tiny"]["hash"]
    rehash(run)
    (other / "run.json").write_text(json.dumps(run))
    with pytest.raises(NotComparable, match=f"suite unit-tiny: content hash baseline '{good}', candidate '0000000000000000'"):
        compare_runs(base, other)


def test_signature_changes_are_refused_with_both_signatures(runs, tmp_path):
    d, base, cand = runs
    old = tmp_path / "old"
    rewrite_run(cand, old, lambda s: None)
    run = json.loads((old / "run.json").read_text())
    sig = run["metrics"]["fmr"]["signature"]
    run["metrics"]["fmr"]["signature"] = sig.replace("fmr|v:", "fmr|v:0")
    (old / "run.json").write_text(json.dumps(run))
    with pytest.raises(NotComparable) as e:
        compare_runs(base, old)
    msg = str(e.value)
    assert f"metric fmr: signature baseline '{sig}', candidate '{sig.replace('fmr|v:', 'fmr|v:0')}'" in msg
    assert f"candidate metric fmr: scored as '{sig.replace('fmr|v:', 'fmr|v:0')}', this rxbench has '{sig}'" in msg
    assert "bleu4" not in msg  # only what differs


def test_cli_compare_writes_escaped_markdown_and_html(runs, tmp_path, capsys):
    d, base, _ = runs
    hostile = make_run(tmp_path / "hostile", generator="file:" + str(hostile_outputs(tmp_path / "h.jsonl")), metrics=METRICS)
    assert main(["compare", str(base), str(hostile), "--out", str(tmp_path / "rep"), "--n-boot", "300", "--top", "40"]) == 0
    out = capsys.readouterr().out
    assert "worse" in out and "compare.html" in out
    md = (tmp_path / "rep" / "compare.md").read_text()
    page = (tmp_path / "rep" / "compare.html").read_text()
    assert "| fmr ↑" in md and "&lt;script&gt;window.__pwned" in md and "<script>window" not in md
    assert "pipe &amp; ampersand" in md and "ok \\| pipe" in md  # a pipe in the text cannot break the table
    assert "&lt;img src=x onerror=" in page and "<img" not in page and page.count("<script>") == 1
    assert "more characters)" in md  # the 100k-character output is cut
    assert main(["compare", str(base), str(make_run(tmp_path / "s", limit=5, metrics=METRICS)), "--out", str(tmp_path / "x")]) == 2
    assert "runs are not comparable" in capsys.readouterr().err


def test_markdown_lists_what_was_not_compared(runs, tmp_path):
    d, base, _ = runs
    two = make_run(tmp_path / "two", suites=("unit-tiny", "travel"), limit=10, metrics=("fmr", "bleu4"))
    one = make_run(tmp_path / "one", limit=10, metrics=("fmr", "rougeL"))
    cmp = compare_runs(one, two)
    assert [(r.suite, r.metric) for r in cmp.rows] == [("unit-tiny", "fmr")]
    assert set(cmp.only_in_one) == {"suite travel only in candidate", "metric rougeL only in baseline", "metric bleu4 only in candidate"}
    assert "Not compared: " in markdown(cmp)
