"""`rxbench validate`: measure how far each per-sample metric can be trusted, on labelled sets."""
from __future__ import annotations

import argparse
import fnmatch
from collections.abc import Sequence
from pathlib import Path

from benchmark.registry import METRICS
from benchmark.runner import resolve_metrics
from benchmark.scoring import MetricDef, get_metric
from validation.engine import Log, validate
from validation.report import ValidityReport, write_report
from validation.sets import DEFAULT_DATA, SETS, LabelledSet, MissingData, selected

DEFAULT_METRICS = ("faith.*", "semsim_input", "toxicity.*", "toxicity-*", "profanity.*", "leakage*", "pii*", "injection*", "manipulation*")


def default_metrics() -> list[MetricDef]:
    """Every registered faithfulness and safety metric the default patterns match (patterns matching nothing are fine)."""
    names = METRICS.names()
    return [get_metric(n) for n in dict.fromkeys(n for p in DEFAULT_METRICS for n in fnmatch.filter(names, p))]


def load_sets(names: Sequence[str], data: Path, seed: int, log: Log = print) -> tuple[list[LabelledSet], dict[str, str]]:
    """The named sets (a family name selects all its members, `user:PATH` a file); absent data skips a set with a note."""
    known = [n for n in SETS.names() if n != "user"]
    specs = [p for p in names if ":" in p] + selected([p for p in names if ":" not in p], known)
    unknown = [p for p in names if ":" not in p and not selected([p], known)]
    if unknown:
        raise ValueError(f"unknown labelled set(s) {', '.join(unknown)}; known: {', '.join(known)}, user:PATH")
    sets, skipped = [], {}
    for spec in specs:
        try:
            sets.append(SETS.create(spec, data=data, seed=seed))
        except MissingData as exc:
            skipped[spec] = str(exc)
            log(f"  skip {spec}: {exc}")
    return sets, skipped


def run(names: Sequence[str], metric_patterns: Sequence[str] | None, data: Path, out: Path, *, limit: int | None = None,
        seed: int = 0, n_boot: int = 1000, log: Log = print, each_metric: bool = True) -> ValidityReport:
    metrics = resolve_metrics(metric_patterns) if metric_patterns else default_metrics()
    sets, skipped = load_sets(names or [n for n in SETS.names() if n != "user"], data, seed, log)
    rep = validate(sets, metrics, seed=seed, n_boot=n_boot, limit=limit, skipped=skipped, log=log, each_metric=each_metric)
    write_report(rep, out)
    return rep


def cmd_validate(a: argparse.Namespace) -> int:
    patterns = [p.strip() for p in a.metrics.split(",") if p.strip()] if a.metrics else None
    rep = run(a.set, patterns, Path(a.data), Path(a.out), limit=a.limit, seed=a.seed, n_boot=a.n_boot)
    print(f"validated {len(rep.metrics)} metrics on {len(rep.sets)} sets ({len(rep.skipped)} skipped); "
          f"wrote {Path(a.out) / 'validity.json'} and validity.md")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser("validate", help="meta-evaluate the per-sample metrics on labelled sets (validity.json + validity.md)")
    v.add_argument("--set", action="append", default=[], help="labelled set, family (challenge) or user:PATH; repeatable (default: every set)")
    v.add_argument("--metrics", help=f"metric names or patterns, comma-separated (default: {','.join(DEFAULT_METRICS)})")
    v.add_argument("--data", default=str(DEFAULT_DATA), help="folder holding validation/ and xrec/ (default: %(default)s)")
    v.add_argument("--limit", type=int, help="at most N samples per set, drawn with the seed")
    v.add_argument("--seed", type=int, default=0)
    v.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples of each AUC's CI (default: %(default)s)")
    v.add_argument("--out", required=True)
    v.set_defaults(fn=cmd_validate)
