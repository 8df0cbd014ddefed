"""Bounded CIs and verdicts that agree with the printed interval.

Every registered metric declares its range; on a real run (a generator that
produces fairness gaps, toxic and leaking text) every value and CI lies in it.
compare and the gates call a change significant exactly when the printed CI
excludes 0; descriptive metrics (length) have no better direction."""
import math

import pytest

from benchmark.compare import compare_runs
from benchmark.gates.gatefile import GateFileError, check_regression, load_gates
from benchmark.registry import METRICS
from benchmark.results import read_run, read_samples
from reports.compare import markdown
from reports.leaderboard import Board, suite_table
from tests.runkit import make_run, outputs_file

# metrics with no upper end, and why: counts or lengths (words, tokens, features) and perplexity
UNBOUNDED_ABOVE = {"length", "length_std", "latency_s", "div", "fairness.length", "fairness.features", "ppl", "ppl_median"}


def test_every_registered_metric_declares_its_bounds():
    for e in METRICS.entries():
        lo, hi = e.factory().bounds
        assert lo is not None and math.isfinite(lo), e.name
        if e.name in UNBOUNDED_ABOVE:
            assert hi is None, f"{e.name} has an upper bound: drop it from UNBOUNDED_ABOVE"
        else:
            assert hi is not None and hi > lo, e.name


@pytest.fixture(scope="module")
def unsafe_run(tmp_path_factory):
    d = tmp_path_factory.mktemp("bounds")
    return make_run(d / "unsafe", generator="sanity-unsafe", suites=("travel",), split="test", limit=40,
                    metrics=("default", "cf.*", "inv.*"), n_boot=200)


def test_every_value_and_ci_of_a_real_run_lies_in_the_metric_bounds(unsafe_run):
    run = read_run(unsafe_run)
    checked = 0
    for name, score in run.suites["travel"].scores.items():
        lo, hi = METRICS.create(name).bounds
        lo, hi = -math.inf if lo is None else lo, math.inf if hi is None else hi
        if score.value is None:
            continue
        assert lo <= score.value <= hi, name
        if score.ci:
            assert lo <= score.ci[0] <= score.value <= score.ci[1] <= hi, (name, score)
        checked += 1
    assert checked >= 30  # the default, counterfactual and invariance metrics
    assert run.suites["travel"].scores["fairness.significant"].value >= 1  # the run really has gaps


DROPPED = [f"tiny-{i:03d}" for i in (2, 7, 11, 19, 26)]  # 5 of 30 lose their feature mention: FMR -0.167


@pytest.fixture(scope="module")
def drop(tmp_path_factory):
    d = tmp_path_factory.mktemp("drop")
    metrics = ("fmr", "length")
    base = make_run(d / "base", limit=30, metrics=metrics, n_boot=1000)
    texts = {s["id"]: s["text"] for s in read_samples(base)}
    texts.update({i: f"We recommend Hotel {int(i[5:])} to you today, a fine choice." for i in DROPPED})
    cand = make_run(d / "cand", generator="file:" + str(outputs_file(d / "cand.jsonl", texts)), limit=30, metrics=metrics, n_boot=1000)
    return d, base, cand


def test_a_17_point_fmr_drop_whose_ci_excludes_0_is_worse_and_fails_the_gate(drop):
    d, base, cand = drop
    row = compare_runs(base, cand).get("unit-tiny", "fmr")
    assert row.paired.delta == pytest.approx(-5 / 30)
    # 5 discordant pairs all one way: the exact randomization p is 2 / 2**5 = 0.0625, yet the bootstrap CI excludes 0
    assert row.paired.p_randomization == pytest.approx(0.0625, abs=0.02)
    assert row.paired.delta_ci[1] < 0
    assert row.verdict() == "worse"
    (d / "g.yaml").write_text("suites: [unit-tiny]\nmetrics:\n  fmr: {max_regression: 0.02}\n")
    rule = load_gates(d / "g.yaml").rules[0]
    ok, msg = check_regression(rule, row)
    assert not ok and "regression beyond the allowed 0.02" in msg and "95% CI [" in msg


def test_verdicts_agree_with_the_printed_interval(drop):
    d, base, cand = drop
    cmp = compare_runs(base, cand)
    for r in cmp.rows:
        lo, hi = r.paired.interval(0.05)
        assert (r.verdict() != "no significant change") == (lo > 0 or hi < 0), r.metric
        assert (r.verdict(0.5) != "no significant change") == r.paired.excludes_zero(0.5)


def test_length_is_descriptive_no_arrow_no_best_no_better_and_not_gated(drop):
    d, base, cand = drop
    assert METRICS.create("length").higher_is_better is None and METRICS.create("length_std").higher_is_better is None
    length = compare_runs(base, cand).get("unit-tiny", "length")
    # each replaced text has 10 words where the template's had 12: 5 x -2 / 30, significant, neither better nor worse
    assert length.paired.delta == pytest.approx(-1 / 3) and length.verdict() == "changed" and length.worsening is None
    assert "| length " in markdown(compare_runs(base, cand)) and "| changed " in markdown(compare_runs(base, cand))
    table = suite_table(Board.load([base, cand]), "unit-tiny")
    header, _, *rows = table.splitlines()
    assert "length ↑" not in header and "length ↓" not in header and "fmr ↑" in header
    cols = [c.strip() for c in header.strip("|").split("|")]
    k = cols.index("length")
    assert not any("**" in r.strip("|").split("|")[k] for r in rows)
    (d / "bad.yaml").write_text("suites: [unit-tiny]\nmetrics:\n  length: {max_regression: 2}\n")
    with pytest.raises(GateFileError, match="length is descriptive"):
        load_gates(d / "bad.yaml")
