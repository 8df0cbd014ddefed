"""One gate session: resolve the candidate (run it if it is a generator spec),
compare it with the baseline once, and answer every rule from that comparison."""
from __future__ import annotations

import os
import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from benchmark.compare import NotComparable, RunComparison, compare_runs
from benchmark.gates import DEFAULT_BASELINE, REBASELINE
from benchmark.gates.gatefile import GateFile, Rule, check_bound, check_regression, check_validity
from benchmark.record import Run
from benchmark.results import read_run


def suite_name(run: Run, spec: str) -> str | None:
    """The run's name for a suite spec (`xrec:PATH` may be named differently)."""
    if spec in run.suites:
        return spec
    return next((name for name, info in run.suites.items() if info.spec == spec), None)


def is_run_dir(text: str) -> bool:
    return (Path(text) / "run.json").is_file()


def run_candidate(spec: str, gates: GateFile, base: Run, out: Path, cache: Path, log: Callable[[str], None]) -> Path:
    """Run a generator spec on the gated suites with the baseline's split / limit / seed."""
    from benchmark.runner import RunSpec, run

    names = {s: suite_name(base, s) for s in gates.suites}
    specs = tuple((base.suites[n].spec if n else "") or s for s, n in names.items())
    run(RunSpec(specs, spec, gates.metrics, base.split, base.limit, base.seed, n_boot=base.n_boot), out, cache, log=log)
    return out


def regenerate_hint(base_dir: Path, base: Run | None) -> str:
    if base_dir.resolve() == DEFAULT_BASELINE.resolve():
        return f"regenerate with: {REBASELINE}  (or: make rebaseline), then commit {DEFAULT_BASELINE.name}/"
    if not base:
        return "pass a run directory written by `rxbench run` as --baseline"
    args = ["rxbench", "run", "--suite", ",".join(i.spec or n for n, i in base.suites.items()), "--generator",
            base.generator.spec, "--split", base.split, "--seed", str(base.seed), "--out", str(base_dir)]
    if base.limit:
        args[8:8] = ["--limit", str(base.limit)]
    return "re-run the baseline model with this rxbench: " + shlex.join(args)


@dataclass
class GateSession:
    gates: GateFile
    baseline_dir: Path
    candidate: str  # what the user passed
    candidate_dir: Path | None = None
    base: Run | None = None
    cand: Run | None = None
    comparison: RunComparison | None = None
    refusal: str | None = None  # why no gate can be decided (every gate fails with it)

    def hint(self) -> str:
        return regenerate_hint(self.baseline_dir, self.base)

    def evaluate(self, rule: Rule) -> tuple[bool, str]:
        if rule.kind == "min_validity":  # about the metric, not the runs
            return check_validity(rule, self.gates.validity)
        if self.refusal:
            return False, f"{rule.id}: {self.refusal}"
        assert self.base is not None and self.cand is not None and self.comparison is not None
        bname, cname = suite_name(self.base, rule.suite), suite_name(self.cand, rule.suite)
        if cname is None:
            why = self.cand.skipped.get(rule.suite, "the candidate run has no such suite")
            return False, f"{rule.id}: suite {rule.suite} not scored in the candidate: {why}"
        cand = self.cand.suites[cname].scores.get(rule.metric)
        err = self.cand.suites[cname].metric_errors.get(rule.metric)
        if err:
            return False, f"{rule.id}: metric {rule.metric} failed on the candidate: {err}"
        if rule.metric not in self.cand.metrics:
            return False, f"{rule.id}: the candidate run did not compute {rule.metric}"
        if cand is None:
            return False, f"{rule.id}: {rule.metric} does not apply to suite {rule.suite} (needs {sorted(_needs(rule.metric))}); fix the gate file"
        base = self.base.suites[bname].scores.get(rule.metric) if bname else None
        if rule.kind != "max_regression":
            return check_bound(rule, cand, base)
        if bname is None or base is None:
            missing = f"suite {rule.suite}" if bname is None else f"metric {rule.metric} on suite {rule.suite}"
            return False, f"{rule.id}: baseline is stale: it has no scores for {missing}; {self.hint()}"
        row = self.comparison.get(bname, rule.metric)
        assert row is not None, f"{rule.id}: both runs scored it but the comparison has no row"
        return check_regression(rule, row)


def _needs(metric: str) -> frozenset[str]:
    from benchmark.scoring import get_metric

    return get_metric(metric).needs


def open_session(gates: GateFile, baseline: str | Path, candidate: str, workdir: Path, log: Callable[[str], None] = print) -> GateSession:
    """Never raises for run problems: they become the session's refusal message."""
    session = GateSession(gates, Path(baseline), candidate)
    try:
        session.base = read_run(session.baseline_dir)
    except (FileNotFoundError, ValueError) as exc:
        session.refusal = f"cannot read the baseline: {exc}; {session.hint()}"
        return session
    generated = not is_run_dir(candidate)
    if generated and Path(candidate).is_dir():
        session.refusal = f"candidate {candidate}: a directory without run.json (expected a run directory written by `rxbench run`)"
        return session
    if generated:
        cache = Path(os.environ.get("RXBENCH_CACHE") or workdir / "cache.sqlite")
        log(f"rxbench gates: running candidate {candidate!r} on {', '.join(gates.suites)} into {workdir / 'candidate'}")
        try:
            session.candidate_dir = run_candidate(candidate, gates, session.base, workdir / "candidate", cache, log)
        except (KeyError, ValueError, OSError) as exc:
            session.refusal = f"cannot run candidate {candidate!r}: {exc} (pass a run directory or a generator spec)"
            return session
    else:
        session.candidate_dir = Path(candidate)
    session.cand = read_run(session.candidate_dir)
    names = [n for s in gates.suites if (n := suite_name(session.base, s))]
    try:
        session.comparison = compare_runs(session.baseline_dir, session.candidate_dir, names, list(gates.metrics))
    except NotComparable as exc:
        stale = generated or any(p.startswith("baseline metric") for p in exc.problems)
        head = "baseline is stale" if stale else "candidate and baseline runs are not comparable"
        session.refusal = f"{head}: " + "; ".join(exc.problems) + f"; {session.hint()}"
    return session
