"""Run a whole benchmark config: fine-tune what it lists, run every generator,
write the leaderboard and print it."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from benchmark.config import BenchConfig, ValidateStep, slug
from benchmark.redact import shown
from benchmark.registry import GENERATORS
from benchmark.runner import RunSpec, load_suites, resolve_metrics, run
from reports.html import write_html
from reports.leaderboard import HEADLINE, Board, terminal_summary, write_markdown


@contextmanager
def stage_timer() -> Iterator[None]:
    """Print a stage's wall and CPU seconds (all threads of this process): on a shared
    machine the wall time is noise, the CPU time says where the work went."""
    w0, c0 = time.perf_counter(), time.process_time()
    yield
    print(f"  ({time.perf_counter() - w0:.0f}s, CPU {time.process_time() - c0:.0f}s)")


def plan(cfg: BenchConfig) -> list[RunSpec]:
    """Every row's RunSpec, checked before any training or generation: the specs are
    valid, their suites load without name clashes, metrics resolve, generators exist."""
    specs = []
    for g in cfg.generators:
        suites = tuple(s for s in cfg.suites if g.suites is None or s.split("+")[0] in g.suites or s in g.suites)
        limit = g.limit if g.limit is not None else cfg.limit
        spec = RunSpec(suites, g.spec, g.metrics or cfg.metrics, cfg.split, limit, cfg.seed, label=g.label)
        resolve_metrics(spec.metrics)
        GENERATORS.entry(g.spec.partition(":")[0])
        specs.append(spec)
    load_suites(list(dict.fromkeys(s for spec in specs for s in spec.suites)))
    return specs


def run_bench(cfg: BenchConfig, cache: Path, execute: Callable[[RunSpec, Path, Path], object] = run) -> list[Path]:
    """Train, run every generator (`execute`: in process, or sharded on Ray), report."""
    specs = plan(cfg)
    if cfg.train:
        from dataclasses import fields, replace

        from baselines.lm.train import TrainSettings, train_model

        known = {f.name for f in fields(TrainSettings)} - {"tiny"}
        for i, t in enumerate(cfg.train, 1):
            print(f"[train {i}/{len(cfg.train)}] {t['name']}: {t.get('base', 'tiny')} on {', '.join(t['suites'])}")
            opts = {k: v for k, v in t.items() if k not in ("name", "suites", "base", "out") and k not in known}
            settings = replace(TrainSettings(), **{k: v for k, v in t.items() if k in known})
            with stage_timer():
                train_model(list(t["suites"]), t.get("base", "tiny"), Path(t["out"]), seed=cfg.seed, settings=settings, **opts)
    dirs = []
    for i, (g, spec) in enumerate(zip(cfg.generators, specs), 1):
        out = cfg.out / "runs" / slug(g.label)
        print(f"[run {i}/{len(cfg.generators)}] {shown(g.label)} ({shown(g.spec)})")
        with stage_timer():
            execute(spec, out, cache)
        dirs.append(out)
    validity = cfg.validity
    if cfg.validate is not None:
        validity = measure_validity(cfg.validate, cfg.out / "validity", cfg.seed)
    headline = cfg.headline or HEADLINE
    notes = [compare_note(cfg.out, dirs, b, c, headline) for b, c in cfg.compare]
    md = write_markdown(dirs, cfg.out, headline=headline)
    html = write_html(dirs, cfg.out, headline=headline, validity=validity)
    board = Board.load(dirs)
    print(terminal_summary(board, headline))
    for note in notes:
        print(note)
    print(f"\nleaderboard: {md}\nHTML leaderboard: {html}\nruns: {cfg.out / 'runs'}"
          + (f"\nvalidity of the metrics: {validity}" if validity else ""))
    return dirs


def measure_validity(step: ValidateStep, out: Path, seed: int) -> Path:
    """Run `rxbench validate` on the step's labelled sets into `out`; its validity.json feeds the leaderboard."""
    from validation.cli import run as validate
    from validation.sets import DEFAULT_DATA

    print(f"[validate] {', '.join(step.sets)}: how far to trust each metric")
    with stage_timer():
        rep = validate(step.sets, step.metrics, step.data or DEFAULT_DATA, out, seed=seed, n_boot=step.n_boot,
                       log=lambda line: print(line, flush=True), each_metric=False)
    print(f"  {len(rep.metrics)} metrics on {len(rep.sets)} sets ({len(rep.skipped)} skipped: data absent)")
    return out / "validity.json"


def compare_note(out: Path, dirs: list[Path], base: str, cand: str, headline: Sequence[str]) -> str:
    """Paired comparison of two rows of the config (same examples), written to
    OUT/compare/BASE-vs-CAND and summarised for the closing note: per suite and
    headline metric, both values with 95% CIs, the paired difference with its CI
    and the verdict (better / worse when that CI excludes 0)."""
    from benchmark.compare import compare_runs
    from reports.compare import summary_rows
    from reports.html import write_comparison

    run_dir = {d.name: d for d in dirs}
    cmp = compare_runs(run_dir[slug(base)], run_dir[slug(cand)])
    md, _ = write_comparison(cmp, out / "compare" / f"{slug(base)}-vs-{slug(cand)}")
    lines = [f"\nWhat {cand} changes against {base} (same examples; 95% CIs; {md}):"]
    for r in summary_rows(cmp, alpha=0.05):
        unchanged = r["delta_v"] == 0 and r["base_v"] == r["cand_v"]
        if r["metric"] in headline or (r["area"] in ("fluency", "faithfulness", "safety") and not unchanged):
            lines.append(f"  {r['suite']:<10} {r['metric'] + r['arrow']:<20} {r['base']} {r['base_ci']} -> {r['cand']} {r['cand_ci']}"
                         f"  delta {r['delta']} {r['delta_ci']}  {r['verdict']}")
    return "\n".join(lines)
