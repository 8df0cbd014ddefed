"""Run a whole benchmark config: fine-tune what it lists, run every generator,
write the leaderboard and print it."""
from __future__ import annotations

import time
from pathlib import Path

from benchmark.config import BenchConfig, slug
from benchmark.redact import shown
from benchmark.runner import RunSpec, run
from reports.html import write_html
from reports.leaderboard import HEADLINE, Board, terminal_summary, write_markdown


def run_bench(cfg: BenchConfig, cache: Path) -> list[Path]:
    if cfg.train:
        from baselines.lm.train import train_model

        for i, t in enumerate(cfg.train, 1):
            print(f"[train {i}/{len(cfg.train)}] {t['name']}: {t.get('base', 'tiny')} on {', '.join(t['suites'])}")
            opts = {k: v for k, v in t.items() if k not in ("name", "suites", "base", "out")}
            train_model(list(t["suites"]), t.get("base", "tiny"), Path(t["out"]), seed=cfg.seed, **opts)
    dirs = []
    for i, g in enumerate(cfg.generators, 1):
        out = cfg.out / "runs" / slug(g.label)
        print(f"[run {i}/{len(cfg.generators)}] {shown(g.label)} ({shown(g.spec)})")
        suites = tuple(s for s in cfg.suites if g.suites is None or s.split("+")[0] in g.suites or s in g.suites)
        limit = g.limit if g.limit is not None else cfg.limit
        spec = RunSpec(suites, g.spec, g.metrics or cfg.metrics, cfg.split, limit, cfg.seed, label=g.label)
        t0 = time.perf_counter()
        run(spec, out, cache)
        print(f"  ({time.perf_counter() - t0:.0f}s)")
        dirs.append(out)
    headline = cfg.headline or HEADLINE
    md = write_markdown(dirs, cfg.out, headline=headline)
    html = write_html(dirs, cfg.out, headline=headline, validity=cfg.validity)
    board = Board.load(dirs)
    print(terminal_summary(board, headline))
    print(f"\nleaderboard: {md}\nHTML leaderboard: {html}\nruns: {cfg.out / 'runs'}")
    return dirs
