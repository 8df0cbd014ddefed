import numpy as np
import pytest

from benchmark import stats
from benchmark.scoring import MetricDef, StatRows, Sums, mean_reducer


def mean_metric() -> MetricDef:
    return MetricDef("m", lambda *a: None, mean_reducer, True, frozenset(), "overlap", "1", "mean")


def unique_ratio(s: Sums) -> np.ndarray:
    """USR-like corpus metric: distinct keys present / rows."""
    return (s.prefix("h:") > 0).sum(axis=1) / s.n


def test_weighted_reduce_equals_explicit_resample():
    rng = np.random.default_rng(0)
    vals = rng.normal(size=50)
    rows = [{"v": float(x)} for x in vals]
    idx = rng.integers(0, 50, size=50)
    w = np.bincount(idx, minlength=50)[None, :].astype(float)
    got = StatRows(rows).values(mean_metric(), {}, w)[0]
    assert got == pytest.approx(vals[idx].mean())
    # a corpus metric: unique ratio of the resampled multiset
    hashes = ["a", "a", "b", "c", "c", "c"]
    m = MetricDef("u", lambda *a: None, unique_ratio, True, frozenset(), "explainability", "1", "u")
    w = np.array([[2, 0, 0, 1, 3, 0]], float)  # picks a,a,c,c,c,c... -> {a, c}: 2 distinct / 6 rows
    assert StatRows([{f"h:{h}": 1} for h in hashes]).values(m, {}, w)[0] == pytest.approx(2 / 6)


def test_none_rows_are_not_counted():
    out = stats.summarize(mean_metric(), [{"v": 1.0}, None, {"v": 3.0}], {}, seed=1, n_boot=200)
    assert out["value"] == 2.0 and out["n"] == 2
    assert stats.summarize(mean_metric(), [None, None], {}, seed=1)["n"] == 0


def test_bootstrap_ci_matches_normal_theory_and_is_seeded():
    rng = np.random.default_rng(1)
    vals = rng.normal(10, 2, size=4000)
    rows = [{"v": float(x)} for x in vals]
    a = stats.summarize(mean_metric(), rows, {}, seed=7)
    b = stats.summarize(mean_metric(), rows, {}, seed=7)
    assert a == b
    half = (a["ci"][1] - a["ci"][0]) / 2
    assert half == pytest.approx(1.96 * vals.std() / np.sqrt(len(vals)), rel=0.15)
    assert a["ci"][0] < a["value"] < a["ci"][1]


def test_paired_identical_runs_show_no_difference():
    rows = [{"v": float(x)} for x in np.random.default_rng(2).normal(size=300)]
    p = stats.paired_test(mean_metric(), rows, rows, {}, seed=0, n_boot=500, n_perm=500)
    assert p.delta == 0 and p.p_bootstrap == 1.0 and p.p_randomization == 1.0


def test_paired_detects_shift_and_randomization_p_is_exact():
    # 8 samples, candidate better by exactly 1 on each: only "swap none" and "swap all"
    # reach |delta| >= 1, so the exact randomization p-value is 2/256.
    base = [{"v": 0.0}] * 8
    cand = [{"v": 1.0}] * 8
    p = stats.paired_test(mean_metric(), base, cand, {}, seed=3, n_boot=1000, n_perm=20000)
    assert p.delta == 1.0
    assert p.p_randomization == pytest.approx(2 / 256, abs=0.003)
    rng = np.random.default_rng(4)
    x = rng.normal(size=500)
    y = x + 0.3 + rng.normal(scale=0.5, size=500)
    p = stats.paired_test(mean_metric(), [{"v": v} for v in x], [{"v": v} for v in y], {}, seed=5)
    assert p.p_bootstrap < 0.01 and p.p_randomization < 0.01
    assert p.delta_ci[0] < p.delta < p.delta_ci[1] and p.delta_ci[0] > 0.2


def test_ci_of_set_metric_contains_observed_value():
    m = MetricDef("u", lambda *a: None, unique_ratio, True, frozenset(), "explainability", "1", "u")
    rows = [{f"h:{i % 3000}": 1} for i in range(10000)]
    out = stats.summarize(m, rows, {}, seed=1)
    assert out["value"] == pytest.approx(0.3)
    assert out["ci"][0] < 0.3 < out["ci"][1]


def test_half_sampling_for_set_metrics():
    m = MetricDef("u", lambda *a: None, unique_ratio, True, frozenset(), "explainability", "1", "u", resample="half")
    all_unique = stats.summarize(m, [{f"h:{i}": 1} for i in range(500)], {}, seed=1)
    assert all_unique["value"] == 1.0 and all_unique["ci"] == [1.0, 1.0]
    # for a mean, half-samples without replacement have the full-sample variance
    mean_half = MetricDef("m", lambda *a: None, mean_reducer, True, frozenset(), "overlap", "1", "m", resample="half")
    vals = np.random.default_rng(3).normal(0, 1, size=4000)
    out = stats.summarize(mean_half, [{"v": float(x)} for x in vals], {}, seed=2)
    assert (out["ci"][1] - out["ci"][0]) / 2 == pytest.approx(1.96 / np.sqrt(4000), rel=0.15)
    w = stats._resample_weights(np.random.default_rng(0), 7, 5, "half")
    assert (w.sum(axis=1) == 3).all() and set(np.unique(w)) <= {0.0, 1.0}
