"""Release gates: each rule is one test; a few-point regression on one suite and
metric fails exactly that gate; noise-level and within-margin changes pass;
stale or incomparable baselines are refused with what differs."""
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from benchmark.compare import compare_runs, registry_drift
from benchmark.gates import DEFAULT_BASELINE, DEFAULT_GATES, REBASELINE
from benchmark.gates.gatefile import GateFileError, load_gates
from benchmark.gates.rebaseline import rebaseline
from benchmark.gates.session import regenerate_hint
from benchmark.results import read_run
from tests.conftest import REPO
from tests.runkit import make_run, rewrite_run, shift

pytest_plugins = ["pytester"]

GATES = """
alpha: 0.05
suites: [unit-tiny, travel]
metrics:
  rougeL: {max_regression: 1.0}
  rouge1: {max_regression: 1.0, suites: [travel]}
  fmr: {min: 0.5, max_regression: 0.02}
  failure_rate: {max: 0.01}
"""
RULE_IDS = {"unit-tiny/rougeL/max_regression", "travel/rougeL/max_regression", "travel/rouge1/max_regression",
            "unit-tiny/fmr/min", "unit-tiny/fmr/max_regression", "travel/fmr/min", "travel/fmr/max_regression",
            "unit-tiny/failure_rate/max", "travel/failure_rate/max"}


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    d = tmp_path_factory.mktemp("gates")
    (d / "gates.yaml").write_text(GATES)
    base = make_run(d / "base", suites=("unit-tiny", "travel"), split="test", limit=60, metrics=("rougeL", "rouge1", "fmr", "failure_rate"), n_boot=1000)
    noise = np.random.default_rng(11).normal(0, 2.0, size=1000)
    edits = [
        shift("travel", "rougeL", lambda s: -3.0),  # a 3-point regression: must fail
        shift("travel", "rouge1", lambda s: -0.5),  # significant but within the allowed 1 point: passes
        shift("unit-tiny", "rougeL", lambda s: float(noise[s["index"]])),  # noise of sd 2 points: passes
    ]
    cand = rewrite_run(base, d / "cand", lambda s: [e(s) for e in edits])
    return d, base, cand


def run_gates(pytester, *args):
    """`pytest benchmark/gates ...` in-process; returns {rule id: (outcome, message)}."""
    rec = pytester.inline_run(str(REPO / "benchmark" / "gates"), *args)  # unit-tiny is registered by tests.runkit
    out = {}
    for rep in rec.getreports("pytest_runtest_logreport"):
        if rep.when == "call" or rep.outcome != "passed":
            out[rep.nodeid.split("[", 1)[1][:-1]] = (rep.outcome, str(rep.longrepr or ""))
    return out


def test_a_regression_on_one_suite_and_metric_fails_exactly_that_gate(setup, pytester):
    d, base, cand = setup
    junit = d / "junit.xml"
    res = run_gates(pytester, "--baseline", str(base), "--candidate", str(cand), "--gates", str(d / "gates.yaml"), f"--junitxml={junit}")
    assert set(res) == RULE_IDS
    assert {k for k, (o, _) in res.items() if o != "passed"} == {"travel/rougeL/max_regression"}
    msg = res["travel/rougeL/max_regression"][1]
    b = read_run(base).suites["travel"].scores["rougeL"].value
    assert "regression beyond the allowed 1" in msg and "delta -3 (95% CI [" in msg and "p < 0.001" in msg
    assert f"baseline {b:.2f}" in msg and f"candidate {b - 3:.2f}" in msg and "60 paired samples" in msg
    cases = {c.get("name"): c for c in ET.parse(junit).getroot().iter("testcase")}
    assert {n for n, c in cases.items() if c.find("failure") is not None} == {"test_gate[travel/rougeL/max_regression]"}
    assert len(cases) == len(RULE_IDS)


def test_noise_is_not_significant_and_a_small_regression_is_within_the_margin(setup):
    d, base, cand = setup
    cmp = compare_runs(base, cand)
    noisy, small = cmp.get("unit-tiny", "rougeL"), cmp.get("travel", "rouge1")
    assert noisy.paired.delta != 0 and noisy.p > 0.05 and noisy.verdict() == "no significant change"
    assert small.paired.delta == pytest.approx(-0.5) and small.p < 0.01 and small.worsening < 1.0


def test_generator_spec_candidate_runs_with_the_baseline_settings(setup, pytester, monkeypatch):
    d, base, _ = setup
    for k, v in (("RXBENCH_BASELINE", base), ("RXBENCH_CANDIDATE", "sanity-constant"), ("RXBENCH_GATES", d / "gates.yaml"),
                 ("RXBENCH_GATES_REPORT", d / "report")):
        monkeypatch.setenv(k, str(v))
    res = run_gates(pytester)
    failed = {k for k, (o, _) in res.items() if o != "passed"}
    # a constant sentence mentions no feature and shares few words with the references
    assert {"unit-tiny/fmr/min", "travel/fmr/min", "unit-tiny/fmr/max_regression", "travel/fmr/max_regression",
            "travel/rougeL/max_regression", "travel/rouge1/max_regression", "unit-tiny/rougeL/max_regression"} == failed
    assert "violates fmr >= 0.5: candidate 0.000" in res["travel/fmr/min"][1]
    assert "60 paired samples" in res["travel/fmr/max_regression"][1]  # the baseline's --limit 60 on the test split
    assert (d / "report" / "compare.html").is_file() and "sanity-constant" in (d / "report" / "compare.md").read_text()


def test_stale_baseline_is_refused_with_what_differs(setup, pytester, tmp_path):
    d, base, _ = setup
    stale = rewrite_run(base, tmp_path / "stale", lambda s: None)
    run = json.loads((stale / "run.json").read_text())
    sig = run["metrics"]["fmr"]["signature"]
    run["metrics"]["fmr"]["signature"] = old = sig.replace("|v:", "|v:0")
    (stale / "run.json").write_text(json.dumps(run))
    res = run_gates(pytester, "--baseline", str(stale), "--candidate", "template", "--gates", str(d / "gates.yaml"))
    assert set(res) == RULE_IDS and all(o == "failed" for o, _ in res.values())
    msg = res["travel/rouge1/max_regression"][1]
    assert "baseline is stale" in msg and f"scored as '{old}', this rxbench has '{sig}'" in msg
    assert "rxbench run --suite travel,unit-tiny --generator template --split test --limit 60 --seed 0" in msg


def test_incomparable_candidate_run_is_refused(setup, pytester, tmp_path):
    d, base, cand = setup
    other = rewrite_run(cand, tmp_path / "other", lambda s: None)
    run = json.loads((other / "run.json").read_text())
    run["suites"]["travel"]["hash"] = "feedfeedfeedfeed"
    (other / "run.json").write_text(json.dumps(run))
    res = run_gates(pytester, "--baseline", str(base), "--candidate", str(other), "--gates", str(d / "gates.yaml"))
    msg = res["unit-tiny/fmr/min"][1]
    assert all(o == "failed" for o, _ in res.values())
    assert "candidate and baseline runs are not comparable" in msg and "candidate 'feedfeedfeedfeed'" in msg


def test_gate_file_errors_name_the_field(tmp_path):
    bad = tmp_path / "g.yaml"
    bad.write_text("suites: [travel]\nmetrics:\n  fmr: {max_regression: -1}\n")
    with pytest.raises(GateFileError, match="field 'metrics.fmr.max_regression'"):
        load_gates(bad)
    bad.write_text("suites: [travel]\nmetrics:\n  nope: {max: 1}\n")
    with pytest.raises(GateFileError, match="unknown metric.*nope"):
        load_gates(bad)
    bad.write_text("suites: [travel]\nmetrics:\n  fmr: {alpha: 0.1}\n")
    with pytest.raises(GateFileError, match="field 'metrics.fmr'"):
        load_gates(bad)
    with pytest.raises(GateFileError, match="no such gate file"):
        load_gates(tmp_path / "missing.yaml")


def test_committed_baseline_is_small_has_current_signatures_and_covers_the_example_gates():
    """(Suite content changes are caught by `pytest benchmark/` itself: the candidate it
    runs carries the current suite hashes.)"""
    gates = load_gates(DEFAULT_GATES)
    base = read_run(DEFAULT_BASELINE)
    assert sum(f.stat().st_size for f in Path(DEFAULT_BASELINE).iterdir()) < 2_000_000
    assert registry_drift(base, gates.metrics) == [], f"baseline is stale: regenerate with {REBASELINE}"
    for spec in gates.suites:
        assert set(gates.metrics) <= set(base.suites[spec].scores), f"regenerate with {REBASELINE}"
    assert base.generator.spec == gates.baseline["generator"] and base.limit == gates.baseline["limit"]
    assert REBASELINE in regenerate_hint(DEFAULT_BASELINE, base)


def test_rebaseline_writes_the_gate_files_baseline_and_skips_latency_only_changes(tmp_path):
    (tmp_path / "g.yaml").write_text("suites: [unit-tiny]\nbaseline: {limit: 12, split: all}\nmetrics:\n  fmr: {max_regression: 0.02}\n")
    gates, out = load_gates(tmp_path / "g.yaml"), tmp_path / "baseline"
    assert rebaseline(gates, out, log=lambda m: None)
    run = read_run(out)
    assert (run.generator.spec, run.split, run.limit, list(run.metrics)) == ("template", "all", 12, ["fmr"])
    assert run.suites["unit-tiny"].n == 12 and run.suites["unit-tiny"].scores["fmr"].value == 1.0
    assert not rebaseline(gates, out, log=lambda m: None)  # same signatures, hashes and scores: no churn
    assert rebaseline(gates, out, force=True, log=lambda m: None)
