"""The Ray executor on a local Ray with 2 workers: the merged run equals the sequential
(unsharded, in-process) run, a shard that fails once is retried, a shard that always
fails is named in the error, nothing is merged, and a re-run resumes from the kept shards."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from benchmark.ray_exec import ShardFailed, available, connect, run_on_ray, run_shard, shard_specs
from benchmark.results import read_run, read_samples
from benchmark.runner import RunSpec, run
from tests.openai_server import ChatServer, echo_item

if os.environ.get("CI") and not available():
    pytest.fail("CI is set but Ray is not installed: `make test` installs the ray extra", pytrace=False)
ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'rxbench[ray]'); `make test` installs it")

SPEC = RunSpec(("travel", "ecommerce"), "sanity-unsafe", ("bleu4", "rouge1", "fmr", "usr", "div", "fairness.length"), "test", 10, 0, n_boot=200)
QUIET = lambda msg: None  # noqa: E731


@pytest.fixture(scope="module")
def local_ray():
    tmp = tempfile.mkdtemp(prefix="rxray-", dir="/tmp")  # short: Ray's socket paths must stay under 108 bytes
    connect(num_cpus=2, temp_dir=tmp)
    assert ray.cluster_resources()["CPU"] == 2
    yield
    ray.shutdown()
    shutil.rmtree(tmp, ignore_errors=True)


def comparable(out: Path) -> tuple[dict, list[dict]]:
    """Scores and samples without what differs between any two runs (wall-clock latency, cache hits);
    samples by (suite, index): a merge lists suites in run.json's (sorted) order, a run in --suite order."""
    samples = [{k: v for k, v in s.items() if k not in ("latency_s", "cached")} for s in read_samples(out)]
    samples.sort(key=lambda s: (s["suite"], s["index"]))
    return read_run(out).scores(), samples


@pytest.fixture(scope="module")
def sequential(tmp_path_factory) -> tuple[dict, list[dict]]:
    out = tmp_path_factory.mktemp("seq")
    run(SPEC, out / "run", out / "c.sqlite", log=QUIET)
    return comparable(out / "run")


def fails_once_on_shard_2(spec: RunSpec, cache: str, cwd: str) -> dict[str, str]:
    marker = Path(cache).parent / f"failed-{spec.shard[0]}"
    if spec.shard[0] == 2 and not marker.exists():
        marker.touch()
        raise RuntimeError("injected: worker lost its connection")
    return run_shard(spec, cache, cwd)


def always_fails_on_shard_2(spec: RunSpec, cache: str, cwd: str) -> dict[str, str]:
    if spec.shard[0] == 2:
        raise RuntimeError("shard two is broken")
    return run_shard(spec, cache, cwd)


def counts_calls(spec: RunSpec, cache: str, cwd: str) -> dict[str, str]:
    (Path(cache).parent / f"ran-{spec.shard[0]}").touch()
    return run_shard(spec, cache, cwd)


def test_merged_ray_run_equals_the_sequential_run(local_ray, sequential, tmp_path):
    merged = run_on_ray(SPEC, tmp_path / "out", tmp_path / "c.sqlite", shards=3, log=QUIET)  # 3 shards on 2 workers
    assert comparable(tmp_path / "out") == sequential
    assert merged.shard is None and merged.suites["travel"].n == 10
    assert sequential[0]["travel"]["fairness.length"].value > 0  # twins answered differently: a gap that a wrong merge would change
    assert sorted(p.name for p in (tmp_path / "out" / "shards").iterdir().__next__().iterdir()) == ["1-of-3", "2-of-3", "3-of-3"]


def test_a_shard_that_fails_once_is_retried_and_the_result_is_unchanged(local_ray, sequential, tmp_path):
    run_on_ray(SPEC, tmp_path / "out", tmp_path / "c.sqlite", shards=2, max_retries=1, task=fails_once_on_shard_2, log=QUIET)
    assert (tmp_path / "failed-2").exists()  # the first attempt did fail
    assert comparable(tmp_path / "out") == sequential


def test_a_shard_that_always_fails_is_named_nothing_is_merged_and_a_rerun_resumes(local_ray, sequential, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ShardFailed, match=r"shard 2/2: failed after 2 attempts: RuntimeError: shard two is broken\. Not merged; 1 finished"):
        run_on_ray(SPEC, out, tmp_path / "c.sqlite", shards=2, max_retries=1, task=always_fails_on_shard_2, log=QUIET)
    assert not (out / "run.json").exists() and not (out / "samples.jsonl").exists()
    (home,) = (out / "shards").iterdir()
    assert sorted(p.name for p in home.iterdir()) == ["1-of-2"]  # complete or absent: no temp directory left
    assert sorted(p.name for p in (home / "1-of-2").iterdir()) == ["run.json", "samples.jsonl"]

    run_on_ray(SPEC, out, tmp_path / "c.sqlite", shards=2, max_retries=1, task=counts_calls, log=QUIET)
    assert not (tmp_path / "ran-1").exists() and (tmp_path / "ran-2").exists()  # only the failed shard ran again
    assert comparable(out) == sequential


def test_openai_shards_spread_over_endpoints_and_merge_to_the_single_endpoint_run(local_ray, tmp_path):
    with ChatServer(echo_item) as one, ChatServer(echo_item) as two:
        spec = RunSpec(("travel",), f"openai:{one.base_url}#local?max_retries=0", ("bleu4", "usr"), "test", 6, 0, n_boot=200)
        run(spec, tmp_path / "seq", tmp_path / "seq.sqlite", log=QUIET)
        served_alone = one.served
        run_on_ray(spec, tmp_path / "out", tmp_path / "c.sqlite", shards=2, endpoints=(one.base_url, two.base_url), log=QUIET)
        assert one.served - served_alone >= 3 and two.served >= 3  # each replica answered its shard (+ an identity probe)
    assert comparable(tmp_path / "out") == comparable(tmp_path / "seq")


def test_shard_k_uses_the_kth_endpoint_cycling():
    specs = shard_specs(RunSpec(("travel",), "openai:http://h/v1#m?mode=completions"), 3, ("http://a:8000/v1", "http://b:8000/v1"))
    assert [s.generator for s in specs] == [
        "openai:http://h/v1#m?mode=completions&endpoint=http://a:8000/v1",
        "openai:http://h/v1#m?mode=completions&endpoint=http://b:8000/v1",
        "openai:http://h/v1#m?mode=completions&endpoint=http://a:8000/v1",
    ]
    assert [s.shard for s in specs] == [(1, 3), (2, 3), (3, 3)]
    with pytest.raises(ValueError, match="openai: generators, not template:"):
        shard_specs(RunSpec(("travel",), "template"), 2, ("http://a/v1",))


def test_cli_names_the_shards_whose_every_generation_failed_and_exits_1(local_ray, tmp_path, capsys):
    from benchmark.cli import main

    dead = "openai:http://127.0.0.1:9/v1#m?max_retries=0&timeout=2"  # port 9 (discard): connection refused
    rc = main(["run", "--suite", "travel", "--generator", dead, "--metrics", "bleu4", "--limit", "2", "--cache", str(tmp_path / "c.sqlite"),
               "--out", str(tmp_path / "out"), "--executor", "ray", "--shards", "2"])
    err = capsys.readouterr().err
    assert rc == 1
    assert "shard 1/2: failed after 3 attempts: RuntimeError: nothing measured: all 1 generations failed" in err
    assert "shard 2/2: failed after 3 attempts" in err and "0 finished shard(s) kept" in err
    assert not (tmp_path / "out" / "run.json").exists()


def test_bench_rows_run_on_ray_equal_the_rows_run_in_process(local_ray, tmp_path):
    from functools import partial

    from benchmark.bench import run_bench
    from benchmark.config import load_config

    def bench(out: str, execute) -> Path:
        cfg = tmp_path / f"{out}.yaml"
        cfg.write_text(f"name: t\nout: {tmp_path / out}\nlimit: 6\nsuites: [travel]\nmetrics: [bleu4, usr]\ngenerators: [template]\n", encoding="utf-8")
        (run_dir,) = run_bench(load_config(str(cfg)), tmp_path / f"{out}.sqlite", execute)
        return run_dir

    on_ray = bench("ray", partial(run_on_ray, shards=2, log=QUIET))
    assert read_run(on_ray).shard is None and (on_ray / "shards").is_dir()
    assert comparable(on_ray) == comparable(bench("local", run))
