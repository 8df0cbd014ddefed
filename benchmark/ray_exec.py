"""`rxbench run --executor ray --shards N`: every shard of a run is one Ray task, on a
cluster (`--ray-address HOST:6379`) or a local Ray on this machine, and the shard runs
are merged exactly as `rxbench merge` merges them.

Why this shape: a shard is the unit the runner already knows how to run and merge
exactly (`--shard K/N`, `benchmark.merge`), so Ray only schedules and retries
shards. A task runs its shard into a temp directory on its node and returns the
two files; the driver writes them to OUT/shards/<key>/K-of-N through a temp
directory and a rename, so a shard's output is complete or absent and no shared
filesystem is needed for outputs. The merge runs only when every shard
succeeded; a failed shard (after Ray's retries) is named in the error and the
completed ones stay, so the same command resumes (a kept shard with no failed
generation is reused). Inputs (suite and prediction files, the generation cache)
are read on the worker: relative paths resolve against the directory rxbench
was started in when it exists on the node (same checkout path), else use
absolute paths on a filesystem every node mounts.
"""
from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Callable, Sequence

from benchmark.env import SECRET
from benchmark.merge import merge_runs
from benchmark.record import Run
from benchmark.registry import GENERATORS, UnknownName
from benchmark.results import read_run
from benchmark.runner import RunSpec, nothing_measured, resolve_metrics, run
from benchmark.schema import InputError, sha256_json

INSTALL_HINT = "the Ray executor needs Ray: pip install 'rxbench[ray]'"
FILES = ("run.json", "samples.jsonl")
FORWARDED = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE")  # besides RXBENCH_* (secrets stay on the driver)
AUTH_VARS = ("RAY_AUTH_MODE", "RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH")


class ShardFailed(RuntimeError):
    """A shard failed after its retries; the run is not merged."""


@dataclass(frozen=True)
class BadInput:
    """A deterministic input error inside a shard (no retry would change it)."""

    message: str


def available() -> bool:
    try:
        import ray  # noqa: F401
    except ImportError:
        return False
    return True


def with_endpoint(generator: str, url: str) -> str:
    """The `openai:` spec sending its requests to `url` (a replica of the same deployment)."""
    from urllib.parse import quote

    from baselines.lm.openai_http import parse_spec

    kind, _, arg = generator.partition(":")
    if kind != "openai":
        raise ValueError(f"--endpoints applies to openai: generators, not {kind}:")
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"--endpoints {url!r}: want http:// or https:// URLs")
    _, _, query = parse_spec(arg)
    return f"{generator}{'&' if query else '?'}endpoint={quote(url, safe=':/')}"


def shard_specs(spec: RunSpec, shards: int, endpoints: Sequence[str] = ()) -> list[RunSpec]:
    """The N shard specs of a run; with endpoints, shard K talks to endpoints[(K-1) % len]."""
    if shards < 1:
        raise ValueError(f"--shards must be >= 1, got {shards}")
    if spec.shard is not None:
        raise ValueError("--shard and --executor ray exclude each other: the executor runs every shard")
    return [replace(spec, shard=(k, shards), generator=with_endpoint(spec.generator, endpoints[(k - 1) % len(endpoints)]) if endpoints else spec.generator)
            for k in range(1, shards + 1)]


def run_key(spec: RunSpec, shards: int) -> str:
    """Names the folder of a run's shards: kept shards are reused only by the same run."""
    return sha256_json({**asdict(replace(spec, shard=None)), "shards": shards})[:12]


def run_shard(spec: RunSpec, cache: str, cwd: str) -> dict[str, str]:
    """One shard, run on a worker into a temp directory: the text of its run.json and samples.jsonl.
    A shard that measured nothing (every generation failed) raises, so Ray retries it."""
    if Path(cwd).is_dir():
        os.chdir(cwd)
    label = f"shard {spec.shard[0]}/{spec.shard[1]}" if spec.shard else "run"
    with tempfile.TemporaryDirectory(prefix="rxbench-shard-") as tmp:
        result = run(spec, Path(tmp), Path(cache), log=lambda msg: print(f"[{label}] {msg}", flush=True))
        why = nothing_measured(result)
        if why:
            raise RuntimeError(why)
        return {f: (Path(tmp) / f).read_text(encoding="utf-8") for f in FILES}


def _attempt(task: Callable[..., dict[str, str]], spec: RunSpec, cache: str, cwd: str) -> dict[str, str] | BadInput:
    """The Ray task: bad input is returned (retrying it is pointless), anything else raises and is retried."""
    try:
        return task(spec, cache, cwd)
    except (InputError, UnknownName, ValueError) as exc:
        return BadInput(f"{type(exc).__name__}: {exc}")


def connect(address: str | None = None, num_cpus: int | None = None, temp_dir: str | None = None) -> None:
    """Join the cluster at `address`, or start a local Ray (`num_cpus` workers, no dashboard,
    a per-process auth token in the environment rather than ~/.ray); reuse one already up."""
    import ray

    if ray.is_initialized():
        return
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # offline: no usage reports
    if address:
        env = {k: v for k, v in os.environ.items() if (k.startswith("RXBENCH_") or k in FORWARDED) and k not in SECRET}
        ray.init(address=address, runtime_env={"env_vars": env}, log_to_driver=True)
        return
    if not any(os.environ.get(k) for k in AUTH_VARS):
        os.environ["RAY_AUTH_TOKEN"] = secrets.token_hex(32)  # Ray then turns token auth on itself
    ray.init(num_cpus=num_cpus, include_dashboard=False, _temp_dir=temp_dir or os.environ.get("RAY_TMPDIR"), log_to_driver=True)


def _error(exc: BaseException) -> str:
    cause = getattr(exc, "cause", None)  # RayTaskError wraps the task's own exception
    err = cause if isinstance(cause, BaseException) else exc
    return f"{type(err).__name__}: {str(err).strip().splitlines()[0] if str(err).strip() else ''}"[:300]


def _store(files: dict[str, str], final: Path) -> None:
    """Write a shard's files into a temp directory beside `final`, then rename it into place."""
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
    for name, text in files.items():
        (tmp / name).write_text(text, encoding="utf-8")
    if final.exists():
        shutil.rmtree(final)
    tmp.rename(final)


def reusable(shard_dir: Path) -> bool:
    """A kept shard is reused when it is complete and none of its generations failed."""
    if not all((shard_dir / f).is_file() for f in FILES):
        return False
    try:
        return read_run(shard_dir).total_failures()[0] == 0
    except ValueError:
        return False


def run_on_ray(
    spec: RunSpec, out: Path, cache: Path, shards: int, endpoints: Sequence[str] = (), address: str | None = None,
    max_retries: int = 2, task: Callable[..., dict[str, str]] = run_shard, log: Callable[[str], None] = print,
) -> Run:
    """Run every shard as a Ray task (retried up to `max_retries` times), keep each finished
    shard under OUT/shards/, and merge them into OUT only when all succeeded."""
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out {out}: exists and is not a directory; choose a directory")
    specs = shard_specs(spec, shards, endpoints)
    resolve_metrics(spec.metrics)  # fail on a typo here, not in N tasks
    GENERATORS.entry(spec.generator.partition(":")[0])
    if not available():
        raise ValueError(INSTALL_HINT)
    import ray

    home = out / "shards" / run_key(spec, shards)
    numbered = dict(enumerate(specs, 1))  # shard k's spec (shard_specs makes them in order)
    dirs = {k: home / f"{k}-of-{shards}" for k in numbered}
    todo = [k for k in numbered if not reusable(dirs[k])]
    if len(todo) < shards:
        log(f"  reusing {shards - len(todo)} finished shard(s) in {home}")
    if todo:
        connect(address, num_cpus=min(shards, os.cpu_count() or 1))
        remote = ray.remote(_attempt).options(num_cpus=1, max_retries=max_retries, retry_exceptions=True)
        cwd = os.getcwd()
        pending = {remote.remote(task, numbered[k], str(cache), cwd): k for k in todo}
        failed: dict[int, str] = {}
        while pending:
            try:
                ready, _ = ray.wait(list(pending), num_returns=1)
            except KeyboardInterrupt:  # do not leave shards running on the cluster; finished ones are kept
                for ref in pending:
                    ray.cancel(ref, force=True)
                raise
            k = pending.pop(ready[0])
            try:
                got: Any = ray.get(ready[0])
            except Exception as exc:  # the task's exception after its retries, or a lost worker/node
                failed[k] = f"failed after {max_retries + 1} attempts: {_error(exc)}"
                continue
            if isinstance(got, BadInput):
                failed[k] = got.message
                continue
            _store(got, dirs[k])
            log(f"  shard {k}/{shards} done")
        if failed:
            kept = [k for k in dirs if (dirs[k] / "run.json").is_file()]
            raise ShardFailed(
                "; ".join(f"shard {k}/{shards}: {msg}" for k, msg in sorted(failed.items()))
                + f". Not merged; {len(kept)} finished shard(s) kept in {home}: re-run the same command to resume")
    return merge_runs([dirs[k] for k in sorted(dirs)], out)
