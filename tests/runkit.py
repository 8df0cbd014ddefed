"""Test-only run factory for the report and gate tests: real runs of real generators
on the hand-built `unit-tiny` suite, and copies whose per-sample statistics are
edited (then re-aggregated exactly as the runner does)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Callable, Sequence

import tests.helpers  # noqa: F401  (registers unit-tiny)
from benchmark.results import read_run, read_samples, write_run
from benchmark.runner import RunSpec, aggregate_suite, run
from benchmark.scoring import get_metric

HOSTILE = (
    '<script>window.__pwned = 1; document.title = "pwned";</script>',
    "<img src=x onerror=\"window.__pwned = 2; document.title = 'pwned'\">",
    "Ünïcödé ✓ 推荐 — ok | pipe & ampersand",
    "",
)


def make_run(out: Path, generator: str = "template", suites: Sequence[str] = ("unit-tiny",), split: str = "all",
             limit: int | None = None, metrics: Sequence[str] = ("default",), label: str | None = None, n_boot: int = 200) -> Path:
    spec = RunSpec(tuple(suites), generator, tuple(metrics), split, limit, 0, n_boot=n_boot, label=label)
    run(spec, out, out.parent / f"{out.name}-cache.sqlite", log=lambda m: None)
    return out


def outputs_file(path: Path, texts: dict[str, str]) -> Path:
    path.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()), encoding="utf-8")
    return path


def hostile_outputs(path: Path, n: int = 40) -> Path:
    """Outputs for unit-tiny: hostile markup and unicode on the first examples, a huge text, template-like text elsewhere."""
    texts = {f"tiny-{i:03d}": f"Hotel {i} has what you asked for." for i in range(n)}
    for i, t in enumerate(HOSTILE):
        texts[f"tiny-{i:03d}"] = t
    texts["tiny-030"] = "long " * 4_000
    return outputs_file(path, texts)


def rewrite_run(src: Path, dst: Path, edit: Callable[[dict], None]) -> Path:
    """Copy a run, apply `edit` to every sample dict, and re-aggregate the scores."""
    if dst.exists():
        shutil.rmtree(dst)
    r = read_run(src)
    samples = list(read_samples(src))
    for s in samples:
        edit(s)
    metrics = {m: get_metric(m) for m in r.metrics}
    for suite, rec in r.suites.items():
        rows_s = [s for s in samples if s["suite"] == suite]
        rows = {m: [s["stats"][m] for s in rows_s] for m in rec.scores}
        rec.scores = aggregate_suite(metrics, rows, rec.const, r.seed, suite, r.n_boot)
    write_run(dst, r, samples)
    return dst


def shift(suite: str, metric: str, by: Callable[[dict], float]) -> Callable[[dict], None]:
    """An edit that adds by(sample), in the metric's reported units, to a mean metric's
    per-sample value on one suite."""
    scale = get_metric(metric).scale

    def edit(s: dict) -> None:
        row = s["stats"].get(metric)
        if s["suite"] == suite and row is not None:
            d = by(s)
            row["v"] += d / scale
            s["scores"][metric] += d
    return edit
