"""Regenerate the committed baseline run from the gate file's `baseline` section.

    python -m benchmark.gates.rebaseline [--gates FILE] [--out DIR]

Run it (and commit the result) whenever a gated metric's signature or a gated
suite's content changes: the gate tests refuse a stale baseline.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from benchmark.gates import DEFAULT_BASELINE, DEFAULT_GATES
from benchmark.gates.gatefile import GateFile, load_gates
from benchmark.record import Run
from benchmark.results import read_run
from benchmark.runner import RunSpec, run

MAX_BYTES = 2_000_000
SAME = ("metrics", "suites", "scores", "split", "limit", "seed", "n_boot", "generator")


def _essence(result: Run) -> dict:
    """What the gates compare; latencies and the environment change on every run."""
    run_json = result.to_json()
    return {k: run_json.get(k) for k in SAME}


def rebaseline(gates: GateFile, out: Path, force: bool = False, log=print) -> bool:
    """Run the baseline generator; write it to `out` unless only latencies or the
    environment changed (no churn in the committed files). True when written."""
    b = gates.baseline
    spec = RunSpec(gates.suites, b["generator"], gates.metrics, b["split"], b["limit"], b["seed"], n_boot=b["n_boot"])
    with tempfile.TemporaryDirectory(prefix="rxbench-rebaseline-") as tmp:
        run(spec, Path(tmp) / "run", Path(tmp) / "cache.sqlite", log=log)
        if not force and (out / "run.json").is_file() and _essence(read_run(out)) == _essence(read_run(Path(tmp) / "run")):
            return False
        out.mkdir(parents=True, exist_ok=True)
        for name in ("run.json", "samples.jsonl"):
            shutil.copyfile(Path(tmp) / "run" / name, out / name)
    return True


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmark.gates.rebaseline", description=__doc__.split("\n\n")[0])
    p.add_argument("--gates", default=str(DEFAULT_GATES), help="gate file (default: %(default)s)")
    p.add_argument("--out", default=str(DEFAULT_BASELINE), help="baseline run directory (default: %(default)s)")
    p.add_argument("--force", action="store_true", help="write even when only latencies / the environment changed")
    a = p.parse_args(argv)
    gates = load_gates(a.gates)
    out = Path(a.out)
    print(f"rebaseline: {gates.baseline['generator']} on {', '.join(gates.suites)} -> {out}")
    if not rebaseline(gates, out, a.force):
        print(f"{out} is up to date (same signatures, suite hashes and scores); nothing written")
        return 0
    size = sum(f.stat().st_size for f in out.iterdir() if f.is_file())
    print(f"wrote {out}/run.json and samples.jsonl ({size / 1e6:.2f} MB)")
    if size > MAX_BYTES:
        print(f"warning: the baseline is over {MAX_BYTES / 1e6:.0f} MB; lower `baseline.limit` in {a.gates}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
