"""The run format on disk: DIR/run.json (metadata + aggregates) and DIR/samples.jsonl
(one line per example: text, error, latency, per-sample scores and statistics).

run.json:
  generator {spec, name, fingerprint}; seed; split; limit; shard; environment
  suites[suite] = {spec, hash, version, kind, domain, n}
  metrics[name] = {signature, area, higher_is_better, description}
  scores[suite][metric] = {value, n, ci: [lo, hi]}
  const[suite][metric] = corpus constants the metric's reduce needs
  failures[suite] = {count, n, first_errors}; metric_errors[suite][metric] = message
  efficiency[suite] = {generated, cached, wall_s, throughput_per_s (generated per wall second),
    latency_p50_s, latency_p95_s (of this run's own generations), prompt_tokens, completion_tokens}
  generator.identity[suite] = what a served model reported (openai:), when the generator reports one
"""
from __future__ import annotations

import json
import math
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any, Iterator

RUN_FORMAT = 1
PACKAGES = ("rxbench", "numpy", "torch", "transformers", "peft", "sacrebleu", "rouge-score", "bert-score", "evaluate", "scikit-learn")


def environment() -> dict:
    versions = {}
    for p in PACKAGES:
        try:
            versions[p] = metadata.version(p)
        except metadata.PackageNotFoundError:
            versions[p] = None
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=Path(__file__).parent, timeout=10
        ).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        commit = None
    return {"python": platform.python_version(), "packages": versions, "git_commit": commit}


def _clean(obj: Any) -> Any:
    """JSON has no NaN: write it as null."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    return obj


def write_run(out: Path, run: dict, samples: list[dict]) -> None:
    """Write atomically (tmp file then rename) so a killed run never leaves half a file."""
    out.mkdir(parents=True, exist_ok=True)
    tmp = out / "samples.jsonl.tmp"
    with tmp.open("w", encoding="utf-8") as fh:
        for s in samples:
            fh.write(json.dumps(_clean(s), ensure_ascii=False, sort_keys=True) + "\n")
    tmp.replace(out / "samples.jsonl")
    tmp = out / "run.json.tmp"
    tmp.write_text(json.dumps(_clean(run), indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out / "run.json")


def read_run(path: str | Path) -> dict:
    path = Path(path)
    f = path / "run.json" if path.is_dir() else path
    if not f.is_file():
        raise FileNotFoundError(f"{f}: no run.json (expected a run directory written by `rxbench run`)")
    run = json.loads(f.read_text(encoding="utf-8"))
    if run.get("format") != RUN_FORMAT:
        raise ValueError(f"{f}: run format {run.get('format')!r}, this rxbench reads {RUN_FORMAT}")
    return run


def read_samples(path: str | Path) -> Iterator[dict]:
    path = Path(path)
    f = path / "samples.jsonl" if path.is_dir() else path
    with f.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)
