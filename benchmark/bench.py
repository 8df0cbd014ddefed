"""Run a whole benchmark config: fine-tune what it lists, run every generator,
write the leaderboard and print it."""
from __future__ import annotations

import time
from pathlib import Path

from benchmark.config import BenchConfig, slug
from benchmark.redact import shown
from benchmark.registry import GENERATORS
from benchmark.runner import RunSpec, load_suites, resolve_metrics, run
from reports.html import write_html
from reports.leaderboard import HEADLINE, Board, terminal_summary, write_markdown


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


def run_bench(cfg: BenchConfig, cache: Path) -> list[Path]:
    specs = plan(cfg)
    if cfg.train:
        from baselines.lm.train import train_model

        for i, t in enumerate(cfg.train, 1):
            print(f"[train {i}/{len(cfg.train)}] {t['name']}: {t.get('base', 'tiny')} on {', '.join(t['suites'])}")
            opts = {k: v for k, v in t.items() if k not in ("name", "suites", "base", "out")}
            train_model(list(t["suites"]), t.get("base", "tiny"), Path(t["out"]), seed=cfg.seed, **opts)
    dirs = []
    for i, (g, spec) in enumerate(zip(cfg.generators, specs), 1):
        out = cfg.out / "runs" / slug(g.label)
        print(f"[run {i}/{len(cfg.generators)}] {shown(g.label)} ({shown(g.spec)})")
        t0 = time.perf_counter()
        run(spec, out, cache)
        print(f"  ({time.perf_counter() - t0:.0f}s)")
        dirs.append(out)
    headline = cfg.headline or HEADLINE
    md = write_markdown(dirs, cfg.out, headline=headline)
    html = write_html(dirs, cfg.out, headline=headline)
    board = Board.load(dirs)
    print(terminal_summary(board, headline))
    print(f"\nleaderboard: {md}\nHTML leaderboard: {html}\nruns: {cfg.out / 'runs'}")
    return dirs
