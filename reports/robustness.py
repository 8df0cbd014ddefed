"""Robustness views read from run.json files (a report never re-scores):

- perturbation deltas: score on `S+p` minus score on `S`, for every suite S
  that a run scored both clean and perturbed (`travel` and `travel+typo`), per
  metric; a composed suffix (`travel+typo+shuffle`) is one perturbation
  "typo+shuffle" against the clean suite;
- worst case over perturbations (HELM): per suite and metric, the perturbation
  with the worst delta in the metric's own direction;
- out-of-domain gap: mean score over the held-out domains (finance, education)
  minus the mean over the other, in-domain suites of the same kind, per metric,
  for a generator trained on the in-domain suites.

`python -m reports.robustness RUN_DIR [RUN_DIR ...]` prints the Markdown.
"""
from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import Iterable, Sequence

from tabulate import tabulate

from benchmark.record import Run
from benchmark.results import read_run
from reports.mdtext import md_text

HELD_OUT = ("finance", "education")
SKIP_AREAS = ("efficiency", "robustness")  # latency is not a quality delta; inv.* already compare clean vs perturbed


def _value(run: Run, suite: str, metric: str) -> float | None:
    score = run.suites[suite].scores.get(metric) if suite in run.suites else None
    v = score.value if score is not None else None
    return v if isinstance(v, (int, float)) and math.isfinite(v) else None


def perturbed(run: Run) -> list[tuple[str, str, str]]:
    """(clean suite, perturbation, perturbed suite) for every perturbed suite whose clean suite is in the run."""
    names = sorted(run.suites)
    out = []
    for name in names:
        bases = [b for b in names if name.startswith(b + "+")]
        if bases:
            base = min(bases, key=len)
            out.append((base, name[len(base) + 1 :], name))
    return out


def clean_suites(run: Run) -> list[str]:
    derived = {p for _, _, p in perturbed(run)}
    return [s for s in run.suites if s not in derived]


def _metrics(run: Run, only: Sequence[str] | None) -> list[str]:
    info = run.metrics
    return [m for m in info if (only is None or m in only) and info[m].area not in SKIP_AREAS]


def deltas(run: Run, only: Sequence[str] | None = None) -> dict[str, dict[str, dict[str, float]]]:
    """suite -> perturbation -> metric -> perturbed minus clean score."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for base, pert, name in perturbed(run):
        row = {}
        for m in _metrics(run, only):
            a, b = _value(run, base, m), _value(run, name, m)
            if a is not None and b is not None:
                row[m] = b - a
        out.setdefault(base, {})[pert] = row
    return out


def worst_case(run: Run, only: Sequence[str] | None = None) -> dict[str, dict[str, tuple[str, float]]]:
    """suite -> metric -> (perturbation, delta) with the worst delta in the metric's direction."""
    info = run.metrics
    out: dict[str, dict[str, tuple[str, float]]] = {}
    for base, per in deltas(run, only).items():
        for m in {m for row in per.values() for m in row if info[m].higher_is_better is not None}:  # descriptive: no worst
            sign = 1.0 if info[m].higher_is_better else -1.0
            pert, d = min(((p, row[m]) for p, row in per.items() if m in row), key=lambda pd: (sign * pd[1], pd[0]))
            out.setdefault(base, {})[m] = (pert, d)
    return out


def ood_gap(
    run: Run, held_out: Iterable[str] = HELD_OUT, in_domain: Iterable[str] | None = None, only: Sequence[str] | None = None
) -> dict[str, dict[str, float]]:
    """metric -> {"held_out", "in_domain", "gap"}: macro means over clean suites, gap = held-out minus in-domain.

    Held-out / in-domain are matched on each suite's `domain`; by default the
    in-domain suites are all other clean suites of the held-out suites' kind."""
    held = set(held_out)
    suites = clean_suites(run)
    info = run.suites
    out_s = [s for s in suites if info[s].domain in held]
    kinds = {info[s].kind for s in out_s}
    if in_domain is None:
        in_s = [s for s in suites if s not in out_s and info[s].kind in kinds]
    else:
        wanted = set(in_domain)
        in_s = [s for s in suites if info[s].domain in wanted or s in wanted]
    result: dict[str, dict[str, float]] = {}
    for m in _metrics(run, only):
        h = [v for s in out_s if (v := _value(run, s, m)) is not None]
        i = [v for s in in_s if (v := _value(run, s, m)) is not None]
        if h and i:
            result[m] = {"held_out": sum(h) / len(h), "in_domain": sum(i) / len(i), "gap": sum(h) / len(h) - sum(i) / len(i)}
    return result


def _signed(v: float | None) -> str:
    return "–" if v is None else f"{v:+.3f}"


def _gap_cell(g: dict[str, float] | None) -> str:
    return "–" if g is None else f"{_signed(g['gap'])} ({g['held_out']:.3f} vs {g['in_domain']:.3f})"


def markdown(dirs: Sequence[str | Path], only: Sequence[str] | None = None, held_out: Iterable[str] = HELD_OUT) -> str:
    runs = [read_run(d) for d in dirs]
    out = ["## Robustness", ""]
    bases = sorted({b for r in runs for b in deltas(r, only)})
    for base in bases:
        metrics = sorted({m for r in runs for per in deltas(r, only).get(base, {}).values() for m in per})
        if not metrics:
            continue
        body = []
        for r in runs:
            label = md_text(r.label)
            per = deltas(r, only).get(base, {})
            body += [[label, md_text(p)] + [_signed(row.get(m)) for m in metrics] for p, row in sorted(per.items())]
            worst = worst_case(r, only).get(base, {})
            if per:
                body.append([label, "**worst**"] + [f"{_signed(worst[m][1])} ({worst[m][0]})" if m in worst else "–" for m in metrics])
        table = tabulate(body, headers=["generator", "perturbation", *metrics], tablefmt="github", disable_numparse=True)
        out += [f"### {md_text(base)}: perturbed minus clean", "", table, ""]
    held = tuple(held_out)
    gaps = [(md_text(r.label), ood_gap(r, held, only=only)) for r in runs]
    metrics = sorted({m for _, g in gaps for m in g})
    if metrics:
        body = [[label] + [_gap_cell(g.get(m)) for m in metrics] for label, g in gaps]
        out += [f"### Out-of-domain gap: held-out ({', '.join(held)}) minus in-domain", "",
                tabulate(body, headers=["generator", *metrics], tablefmt="github", disable_numparse=True), ""]
    if len(out) == 2:
        out.append("No run holds both a suite and a perturbed copy of it, nor held-out and in-domain suites.")
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reports.robustness", description=__doc__.split("\n")[0])
    ap.add_argument("runs", nargs="+", help="run directories (or run.json files)")
    ap.add_argument("--metric", action="append", help="only these metrics (repeatable)")
    ap.add_argument("--held-out", default=",".join(HELD_OUT), help="comma-separated held-out domains (default: %(default)s)")
    args = ap.parse_args(argv)
    print(markdown(args.runs, args.metric, [d for d in args.held_out.split(",") if d]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
