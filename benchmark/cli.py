"""The `rxbench` command line."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from benchmark.redact import shown
from benchmark.registry import GENERATORS, METRICS, PERTURBATIONS, SUITES, UnknownName
from benchmark.schema import EXAMPLE_SCHEMA, InputError


def default_cache() -> Path:
    return Path(os.environ.get("RXBENCH_CACHE", ".rxbench/cache.sqlite"))


def _csv(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in text.split(",") if s.strip())


def positive_int(text: str) -> int:
    """argparse type: an integer >= 1 (a limit or a resample count of 0 or less measures nothing)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"want a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"want a positive integer, got {value}")
    return value


def cmd_run(a: argparse.Namespace) -> int:
    from benchmark.runner import RunSpec, nothing_measured, parse_shard

    spec = RunSpec(
        suites=_csv(a.suite), generator=a.generator, metrics=_csv(a.metrics), split=a.split, limit=a.limit,
        seed=a.seed, shard=parse_shard(a.shard) if a.shard else None, n_boot=a.n_boot, label=a.label,
    )
    print(f"rxbench run: {shown(spec.generator)} on {', '.join(map(shown, spec.suites))} ({spec.split} split)")
    result = executor(a)(spec, Path(a.out), Path(a.cache))
    failed, _ = result.total_failures()
    print(f"wrote {Path(a.out) / 'run.json'} and samples.jsonl; {failed} failed generations")
    why = nothing_measured(result)
    if why:
        print(f"rxbench: error: {shown(why)}", file=sys.stderr)
        return 1
    from reports.leaderboard import HEADLINE, Board, terminal_summary

    print(terminal_summary(Board.load([a.out]), HEADLINE))
    return 0


def executor(a: argparse.Namespace):
    """`run(spec, out, cache)` of the chosen executor: in this process, or one Ray task per shard."""
    from benchmark.runner import run

    ray_args = {"--shards": a.shards, "--ray-address": a.ray_address, "--endpoints": getattr(a, "endpoints", None)}
    if a.executor != "ray":
        given = [k for k, v in ray_args.items() if v]
        if given:
            raise ValueError(f"{', '.join(given)} only apply with --executor ray")
        return run
    if not a.shards:
        raise ValueError("--executor ray needs --shards N (e.g. the number of worker CPUs or endpoints)")
    from functools import partial

    from benchmark.ray_exec import run_on_ray

    return partial(run_on_ray, shards=a.shards, endpoints=_csv(ray_args["--endpoints"] or ""), address=a.ray_address)


def add_executor_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--executor", default="local", choices=["local", "ray"], help="local: this process; ray: one Ray task per shard, merged (pip install 'rxbench[ray]')")
    p.add_argument("--shards", type=positive_int, help="with --executor ray: split every run into N shards")
    p.add_argument("--ray-address", help="with --executor ray: the cluster's head, HOST:6379 (default: a local Ray on this machine)")


def cmd_merge(a: argparse.Namespace) -> int:
    from benchmark.merge import merge_runs

    merge_runs([Path(d) for d in a.runs], Path(a.out))
    print(f"merged {len(a.runs)} shard runs into {a.out}")
    return 0


def cmd_report(a: argparse.Namespace) -> int:
    from reports.html import write_html
    from reports.leaderboard import write_markdown

    prefer = {"headline": _csv(a.headline)} if a.headline else {}
    md = write_markdown(a.runs, Path(a.out), history=a.history, **prefer)
    html = write_html(a.runs, Path(a.out), history=a.history, max_samples=a.max_samples, validity=a.validity, **prefer)
    print(f"wrote {md}\nwrote {html}")
    return 0


def cmd_compare(a: argparse.Namespace) -> int:
    from benchmark.compare import VERDICTS, compare_runs
    from reports.html import write_comparison

    cmp = compare_runs(a.baseline, a.candidate, n_boot=a.n_boot)
    md, html = write_comparison(cmp, Path(a.out), alpha=a.alpha, top=a.top)
    counts = {v: sum(r.verdict(a.alpha) == v for r in cmp.rows if r.paired) for v in VERDICTS}
    print(", ".join(f"{n} {v}" for v, n in counts.items()) + f" (alpha {a.alpha})")
    print(f"wrote {md}\nwrote {html}")
    return 0


def cmd_bench(a: argparse.Namespace) -> int:
    from benchmark.bench import run_bench
    from benchmark.config import load_config

    cfg = load_config(a.config, extra_suites=tuple(f"xrec:{p}" for p in a.xrec))
    t0 = time.perf_counter()
    run_bench(cfg, Path(a.cache) if a.cache else (cfg.cache or default_cache()), executor(a))
    print(f"done in {time.perf_counter() - t0:.0f}s (CPU {time.process_time():.0f}s)")
    return 0


def cmd_list(registry, a: argparse.Namespace) -> int:
    for e in registry.entries():
        arg = ":ARG" if e.takes_arg else ""
        extra = ""
        if registry is METRICS:
            m = e.factory()
            extra = f" [{m.area}, {'descriptive' if m.higher_is_better is None else ('higher' if m.higher_is_better else 'lower') + ' is better'}{', not default' if not e.info.get('default', True) else ''}]"
        print(f"{e.name + arg:<28} {e.help}{extra}")
    return 0


def cmd_env(a: argparse.Namespace) -> int:
    from benchmark.env import describe

    print(describe())
    return 0


def cmd_schema(a: argparse.Namespace) -> int:
    print(json.dumps(EXAMPLE_SCHEMA, indent=2))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rxbench", description="Evaluate natural-language recommendation explanations.")
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="run one generator over suites, write run.json + samples.jsonl")
    r.add_argument("--suite", required=True, help="suite spec(s), comma-separated: travel, xrec:PATH, travel+typo")
    r.add_argument("--generator", required=True, help="generator spec: template, retrieval, file:PATH, hf:DIR, ...")
    r.add_argument("--metrics", default="default", help="metric names or patterns, comma-separated (default: %(default)s)")
    r.add_argument("--split", default="test", choices=["train", "valid", "test", "all"])
    r.add_argument("--limit", type=positive_int, help="first N examples of the split per suite")
    r.add_argument("--seed", type=int, default=0)
    r.add_argument("--shard", help="K/N: run the K-th of N shards (merge them with `rxbench merge`)")
    r.add_argument("--n-boot", type=positive_int, default=1000, help="bootstrap resamples for CIs")
    r.add_argument("--label", help="row name in leaderboards (default: generator name)")
    r.add_argument("--cache", default=str(default_cache()), help="SQLite generation cache (default: %(default)s)")
    r.add_argument("--out", required=True)
    add_executor_args(r)
    r.add_argument("--endpoints", help="with --executor ray and an openai: generator: replica URLs, comma-separated; shard K uses the K-th (cycling)")
    r.set_defaults(fn=cmd_run)

    m = sub.add_parser("merge", help="combine shard runs into one run")
    m.add_argument("runs", nargs="+")
    m.add_argument("--out", required=True)
    m.set_defaults(fn=cmd_merge)

    rp = sub.add_parser("report", help="leaderboard.md + leaderboard.html from run directories")
    rp.add_argument("runs", nargs="+", help="run directories (a directory of run directories stands for all of them)")
    rp.add_argument("--out", required=True)
    rp.add_argument("--history", action="store_true", help="runs are versions of one model, oldest first: add trend plots")
    rp.add_argument("--max-samples", type=positive_int, default=50, help="samples shown per generator and suite in the drill-down (default: %(default)s)")
    rp.add_argument("--headline", help="metrics preferred as an area's headline in the overview, comma-separated")
    rp.add_argument("--validity", help="validity.json from `rxbench validate`: adds a 'How far to trust each column' section")
    rp.set_defaults(fn=cmd_report)

    c = sub.add_parser("compare", help="candidate vs baseline run: paired tests per suite and metric (compare.md + compare.html)")
    c.add_argument("baseline")
    c.add_argument("candidate")
    c.add_argument("--out", required=True)
    c.add_argument("--alpha", type=float, default=0.05, help="significance level of the verdicts (default: %(default)s)")
    c.add_argument("--top", type=positive_int, default=5, help="examples with the largest score change shown per metric (default: %(default)s)")
    c.add_argument("--n-boot", type=positive_int, help="bootstrap resamples / randomization trials (default: the baseline run's)")
    c.set_defaults(fn=cmd_compare)

    b = sub.add_parser("bench", help="run a benchmark config (YAML): train, run every generator, report")
    b.add_argument("config")
    b.add_argument("--xrec", action="append", default=[], help="add an XRec-shaped JSONL file as a suite (repeatable)")
    b.add_argument("--cache", help=f"SQLite generation cache (default: config's, else {default_cache()})")
    add_executor_args(b)
    b.set_defaults(fn=cmd_bench)

    for name, reg in (("suites", SUITES), ("generators", GENERATORS), ("metrics", METRICS), ("perturbations", PERTURBATIONS)):
        sp = sub.add_parser(name, help=f"list registered {name}" + (" (suffix a suite with +NAME: travel+typo)" if reg is PERTURBATIONS else ""))
        sp.set_defaults(fn=lambda a, reg=reg: cmd_list(reg, a))
    from baselines.lm.cli import add_parser as add_train

    add_train(sub)
    ev = sub.add_parser("env", help="list the RXBENCH_* environment variables, their values and meaning")
    ev.set_defaults(fn=cmd_env)

    from validation.cli import add_parser as add_validate

    add_validate(sub)
    sc = sub.add_parser("schema", help="print the JSON Schema of an Example record")
    sc.set_defaults(fn=cmd_schema)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.fn(args)
    except (InputError, UnknownName, ValueError, OSError) as exc:
        if os.environ.get("RXBENCH_DEBUG"):
            raise
        msg = f"{exc.filename}: {exc.strerror}" if isinstance(exc, OSError) and exc.filename and exc.strerror else str(exc)
        print(f"rxbench: error: {shown(msg)}", file=sys.stderr)
        return 2
    except RuntimeError as exc:  # a shard that failed on Ray (the executor module is loaded only when used)
        shard_failed = getattr(sys.modules.get("benchmark.ray_exec"), "ShardFailed", None)
        if shard_failed is None or not isinstance(exc, shard_failed):
            raise
        print(f"rxbench: error: {shown(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("rxbench: interrupted; finished batches are cached, re-run to resume", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
