"""The run format on disk: DIR/run.json (metadata + aggregates) and DIR/samples.jsonl
(one line per example: text, error, latency, per-sample scores and statistics).

run.json: see benchmark.record (Run) and its JSON Schema docs/run.schema.json.

samples.jsonl line: suite, index, id, text, error, latency_s, cached, scores[metric] (display
value), stats[metric] (sufficient statistics) and, only when a metric gives them,
details[metric] (JSON evidence for that sample, e.g. per-claim verdicts with the offending span).
"""
from __future__ import annotations

import fcntl
import json
import math
import os
import platform
import subprocess
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any, Iterator

from benchmark.record import Run
from benchmark.schema import InputError, read_jsonl

PACKAGES = ("rxbench", "numpy", "torch", "transformers", "peft", "sacrebleu", "rouge-score", "bert-score", "evaluate", "scikit-learn")


def environment() -> dict:
    versions: dict[str, str | None] = {}
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


LOCK = ".rxbench-write.lock"


def _tmp(out: Path, name: str, text_lines: Iterator[str]) -> Path:
    """A private temp file beside the target (two writers never share one)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.writelines(text_lines)
    return Path(tmp)


def write_run(out: Path, run: Run, samples: list[dict]) -> None:
    """Write the pair atomically: each file goes to a private temp file, then both are renamed
    into place while holding an exclusive lock on the directory, so a killed run never leaves
    half a file and two runs writing one `--out` never leave run.json of one beside the
    samples.jsonl of the other."""
    out.mkdir(parents=True, exist_ok=True)
    samples_tmp = _tmp(out, "samples.jsonl", (json.dumps(_clean(s), ensure_ascii=False, sort_keys=True) + "\n" for s in samples))
    run_tmp = _tmp(out, "run.json", iter([json.dumps(_clean(run.to_json()), indent=2, sort_keys=True, ensure_ascii=False) + "\n"]))
    with (out / LOCK).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        samples_tmp.replace(out / "samples.jsonl")
        run_tmp.replace(out / "run.json")


def read_run(path: str | Path) -> Run:
    """The run in a run directory (or a run.json path), typed; a broken file says what to do."""
    path = Path(path)
    f = path / "run.json" if path.is_dir() else path
    if not f.is_file():
        raise FileNotFoundError(f"{f}: no run.json (expected a run directory written by `rxbench run`)")
    try:
        data = json.loads(f.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ValueError(f"{f}: not UTF-8 text; the run is corrupted, re-run `rxbench run` to rewrite it") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{f}:{exc.lineno}: not valid JSON ({exc.msg} at column {exc.colno}); "
                         "the run is corrupted, re-run `rxbench run` to rewrite it") from None
    return Run.from_json(data, str(f))


def read_samples(path: str | Path) -> Iterator[dict]:
    path = Path(path)
    f = path / "samples.jsonl" if path.is_dir() else path
    for where, rec in read_jsonl(f):
        if not isinstance(rec, dict) or "suite" not in rec:
            raise InputError(f"{where}: not a samples.jsonl record (no 'suite'); re-run `rxbench run` to rewrite it")
        yield rec
