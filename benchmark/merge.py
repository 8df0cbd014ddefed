"""Combine shard runs into the run an unsharded invocation would have produced."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Sequence

from benchmark.record import Failures, Run, SuiteRecord
from benchmark.results import read_run, read_samples, write_run
from benchmark.runner import aggregate_suite, efficiency
from benchmark.scoring import MetricDef, get_metric

_SAME = ("seed", "n_boot", "split", "limit")


def _check_shards(dirs: Sequence[Path], runs: Sequence[Run]) -> None:
    """Refuse runs that are not the shards of one run, each exactly once."""
    first = runs[0]
    for d, r in zip(dirs[1:], runs[1:]):
        for key in _SAME:
            if getattr(r, key) != getattr(first, key):
                raise ValueError(f"{d}: '{key}' differs from {dirs[0]}; these are not shards of one run")
        if r.metrics != first.metrics:
            raise ValueError(f"{d}: 'metrics' differs from {dirs[0]}; these are not shards of one run")
        if {n: s.identifies() for n, s in r.suites.items()} != {n: s.identifies() for n, s in first.suites.items()}:
            raise ValueError(f"{d}: suites (names, versions or content hashes) differ from {dirs[0]}")
        if {n: s.fingerprint for n, s in r.suites.items()} != {n: s.fingerprint for n, s in first.suites.items()}:
            raise ValueError(f"{d}: generator fingerprint differs from {dirs[0]}")
    shards = sorted(r.shard or (1, 1) for r in runs)
    total = shards[0][1]
    if shards != [(k, total) for k in range(1, total + 1)]:
        raise ValueError(f"shards {shards} do not cover 1..{total} exactly once")


def _metric_defs(first: Run) -> dict[str, MetricDef]:
    """The runs' metrics as this code computes them; refuses one whose signature changed."""
    metrics: dict[str, MetricDef] = {}
    for name, info in first.metrics.items():
        m = get_metric(name)
        if m.signature != info.signature:
            raise ValueError(f"metric {name}: signature now {m.signature!r}, runs have {info.signature!r}")
        metrics[name] = m
    return metrics


def _merge_suite(suite: str, runs: Sequence[Run], rows_s: list[dict], metrics: dict[str, MetricDef]) -> SuiteRecord:
    """One suite's record over all shards, from the shards' samples."""
    first = runs[0]
    names = [m for m in metrics if m in (rows_s[0]["stats"] if rows_s else {})]
    rows = {m: [s["stats"][m] for s in rows_s] for m in names}
    consts = {m: first.suites[suite].const.get(m, {}) for m in names}
    errs = [f"{s['id']}: {s['error']}" for s in rows_s if s["error"]]
    langs: Counter = Counter()
    for r in runs:
        langs.update(r.suites[suite].lang or {})
    merged = replace(first.suites[suite], n=len(rows_s), lang=dict(langs.most_common()) if langs else first.suites[suite].lang,
                     scores=aggregate_suite(metrics, rows, consts, first.seed, suite, first.n_boot),
                     failures=Failures(len(errs), len(rows_s), tuple(errs[:5])), metric_errors={})
    for r in runs:
        merged.metric_errors.update(r.suites[suite].metric_errors)
    effs = [e for e in (r.suites[suite].efficiency for r in runs) if e is not None]
    tokens = {k: [getattr(e, k) for e in effs if getattr(e, k) is not None] for k in ("prompt_tokens", "completion_tokens")}
    merged.efficiency = efficiency(  # shards run side by side: the wall time is the slowest one's
        [s["latency_s"] for s in rows_s if not s["error"] and not s["cached"]],
        sum(e.generated - e.twins_generated for e in effs),
        sum(e.cached for e in effs),
        max(e.wall_s for e in effs),
        sum(e.twins_generated for e in effs),
        *(sum(v) if v else None for v in tokens.values()),
    )
    return merged


def merge_runs(dirs: Sequence[Path], out: Path) -> Run:
    runs = [read_run(d) for d in dirs]
    _check_shards(dirs, runs)
    first = runs[0]
    metrics = _metric_defs(first)
    order = {s: i for i, s in enumerate(first.suites)}
    samples = sorted((s for d in dirs for s in read_samples(d)), key=lambda s: (order[s["suite"]], s["index"]))
    merged = replace(first, shard=None, suites={
        suite: _merge_suite(suite, runs, [s for s in samples if s["suite"] == suite], metrics) for suite in first.suites
    })
    write_run(out, merged, samples)
    return merged
