"""Combine shard runs into the run an unsharded invocation would have produced."""
from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Sequence

from benchmark.results import read_run, read_samples, write_run
from benchmark.runner import aggregate_suite, efficiency
from benchmark.scoring import MetricDef, get_metric

_SAME = ("seed", "n_boot", "split", "limit", "metrics")


def _suite_ids(run: dict) -> dict:
    return {name: {k: v for k, v in info.items() if k not in ("n", "lang")} for name, info in run["suites"].items()}  # per-shard counts


def merge_runs(dirs: Sequence[Path], out: Path) -> dict:
    runs = [read_run(d) for d in dirs]
    first = runs[0]
    for d, r in zip(dirs[1:], runs[1:]):
        for key in _SAME:
            if r[key] != first[key]:
                raise ValueError(f"{d}: '{key}' differs from {dirs[0]}; these are not shards of one run")
        if _suite_ids(r) != _suite_ids(first):
            raise ValueError(f"{d}: suites (names, versions or content hashes) differ from {dirs[0]}")
        if r["generator"]["fingerprint"] != first["generator"]["fingerprint"]:
            raise ValueError(f"{d}: generator fingerprint differs from {dirs[0]}")
    shards = sorted(tuple(r["shard"] or (1, 1)) for r in runs)
    total = shards[0][1]
    if shards != [(k, total) for k in range(1, total + 1)]:
        raise ValueError(f"shards {shards} do not cover 1..{total} exactly once")

    metrics: dict[str, MetricDef] = {}
    for name, info in first["metrics"].items():
        m = get_metric(name)
        if m.signature != info["signature"]:
            raise ValueError(f"metric {name}: signature now {m.signature!r}, runs have {info['signature']!r}")
        metrics[name] = m

    order = {s: i for i, s in enumerate(first["suites"])}
    samples = sorted((s for d in dirs for s in read_samples(d)), key=lambda s: (order[s["suite"]], s["index"]))
    merged = {**first, "suites": dict(first["suites"]), "shard": None, "scores": {}, "failures": {}, "efficiency": {}, "metric_errors": {}}
    for suite in first["suites"]:
        rows_s = [s for s in samples if s["suite"] == suite]
        names = [m for m in metrics if m in (rows_s[0]["stats"] if rows_s else {})]
        rows = {m: [s["stats"][m] for s in rows_s] for m in names}
        consts = {m: first["const"][suite].get(m, {}) for m in names}
        merged["scores"][suite] = aggregate_suite(metrics, rows, consts, first["seed"], suite, first["n_boot"])
        errs = [f"{s['id']}: {s['error']}" for s in rows_s if s["error"]]
        merged["failures"][suite] = {"count": len(errs), "n": len(rows_s), "first_errors": errs[:5]}
        langs: Counter[str] = Counter()
        for r in runs:
            langs.update(r["suites"][suite].get("lang", {}))
        merged["suites"][suite] = {**first["suites"][suite], "n": len(rows_s), **({"lang": dict(langs.most_common())} if langs else {})}
        for r in runs:
            if suite in r.get("metric_errors", {}):
                merged["metric_errors"].setdefault(suite, {}).update(r["metric_errors"][suite])
        effs = [r["efficiency"][suite] for r in runs if suite in r["efficiency"]]
        tokens = {k: [e[k] for e in effs if e.get(k) is not None] for k in ("prompt_tokens", "completion_tokens")}
        merged["efficiency"][suite] = efficiency(  # shards run side by side: the wall time is the slowest one's
            [s["latency_s"] for s in rows_s if not s["error"] and not s["cached"]],
            sum(e["generated"] - e.get("twins_generated", 0) for e in effs),
            sum(e["cached"] for e in effs),
            max(e["wall_s"] for e in effs),
            sum(e.get("twins_generated", 0) for e in effs),
            *(sum(v) if v else None for v in tokens.values()),
        )
    write_run(out, merged, samples)
    return merged

