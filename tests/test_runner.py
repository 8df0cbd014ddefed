import json
import os
import signal
import subprocess
import sys
import time

import pytest

import tests.helpers  # noqa: F401  (registers unit-tiny, unit-flaky, unit-slow)
from benchmark.cli import main
from benchmark.merge import merge_runs
from benchmark.record import ScoreSummary
from benchmark.results import read_run, read_samples
from benchmark.runner import RunSpec, run
from tests.conftest import REPO


def spec(**kw):
    base = dict(suites=("unit-tiny",), generator="template", metrics=("default",), n_boot=200)
    base.update(kw)
    return RunSpec(**base)


def test_run_writes_scores_samples_and_metadata(tmp_path):
    out = run(spec(), tmp_path / "r", tmp_path / "c.sqlite", log=lambda m: None)
    assert out.suites["unit-tiny"].n == 16
    samples = list(read_samples(tmp_path / "r"))
    assert [s["id"] for s in samples] == [f"tiny-{i:03d}" for i in range(24, 40)]
    assert samples[0]["text"] == "We recommend Hotel 24 because it offers parking, which matches your preferences."
    assert out.suites["unit-tiny"].scores["failure_rate"] == ScoreSummary(0.0, 16, (0.0, 0.0))
    assert out.suites["unit-tiny"].fingerprint.startswith("template:")
    assert out.environment["packages"]["sacrebleu"]
    assert read_run(tmp_path / "r").to_json() == json.loads((tmp_path / "r" / "run.json").read_text())
    assert read_run(tmp_path / "r") == out


def test_failing_examples_are_recorded_and_run_goes_on(tmp_path):
    out = run(spec(generator="unit-flaky", split="all"), tmp_path / "r", tmp_path / "c.sqlite", log=lambda m: None)
    f = out.suites["unit-tiny"].failures
    assert f.count == 8 and f.n == 40 and "boom" in f.first_errors[0]
    assert out.suites["unit-tiny"].scores["failure_rate"].value == pytest.approx(8 / 40)
    samples = {s["id"]: s for s in read_samples(tmp_path / "r")}
    assert samples["tiny-005"]["error"] == "RuntimeError: boom" and samples["tiny-006"]["error"] is None
    text_metrics = [m for m, i in out.metrics.items() if i.area != "efficiency" and m in samples["tiny-006"]["stats"]]
    for m in text_metrics:  # failed samples are not scored by text metrics
        assert samples["tiny-005"]["stats"][m] is None


def test_rerun_uses_cache_and_matches(tmp_path):
    a = run(spec(), tmp_path / "a", tmp_path / "c.sqlite", log=lambda m: None)
    b = run(spec(), tmp_path / "b", tmp_path / "c.sqlite", log=lambda m: None)
    assert a.suites["unit-tiny"].efficiency.generated == 16
    assert b.suites["unit-tiny"].efficiency.generated == 0 and b.suites["unit-tiny"].efficiency.cached == 16
    assert a.scores() == b.scores()


def test_shards_merge_to_the_unsharded_run(tmp_path):
    full = run(spec(split="all"), tmp_path / "full", tmp_path / "c.sqlite", log=lambda m: None)
    dirs = []
    for k in (1, 2, 3):
        run(spec(split="all", shard=(k, 3)), tmp_path / f"s{k}", tmp_path / "c.sqlite", log=lambda m: None)
        dirs.append(tmp_path / f"s{k}")
    merged = merge_runs(dirs, tmp_path / "m")
    assert merged.scores() == full.scores()
    assert merged.to_json()["suites"] == full.to_json()["suites"]  # n and per-language counts summed
    strip = lambda s: {k: v for k, v in s.items() if k not in ("latency_s", "cached")}  # noqa: E731
    assert [strip(s) for s in read_samples(tmp_path / "m")] == [strip(s) for s in read_samples(tmp_path / "full")]
    with pytest.raises(ValueError, match="do not cover"):
        merge_runs(dirs[:2], tmp_path / "m2")


def test_cli_errors_are_clear(tmp_path, capsys):
    assert main(["run", "--suite", "nope", "--generator", "template", "--out", str(tmp_path)]) == 2
    assert "unknown suite 'nope'" in capsys.readouterr().err
    assert main(["run", "--suite", "unit-tiny", "--generator", "file:" + str(tmp_path / "x.jsonl"), "--out", str(tmp_path)]) == 2
    assert "no such file" in capsys.readouterr().err


def _cli(tmp_path, out, env):
    code = "import tests.helpers, sys; from benchmark.cli import main; sys.exit(main(sys.argv[1:]))"
    args = ["run", "--suite", "unit-tiny", "--generator", "unit-slow", "--split", "all", "--n-boot", "50", "--metrics", "bleu4,usr,failure_rate",
            "--cache", str(tmp_path / "c.sqlite"), "--out", str(out)]
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_killed_run_resumes_without_loss_or_duplicates(tmp_path):
    env = {**os.environ, "RXBENCH_TEST_DELAY": "0.05"}
    proc = _cli(tmp_path, tmp_path / "killed", env)
    import sqlite3

    deadline = time.time() + 60
    done = 0
    while time.time() < deadline and done < 10:  # wait until some batches are committed
        time.sleep(0.1)
        if (tmp_path / "c.sqlite").exists():
            try:
                done = sqlite3.connect(tmp_path / "c.sqlite").execute("SELECT COUNT(*) FROM generations").fetchone()[0]
            except sqlite3.OperationalError:
                pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 10 <= done < 40 and not (tmp_path / "killed" / "run.json").exists()
    proc = _cli(tmp_path, tmp_path / "resumed", {**env, "RXBENCH_TEST_DELAY": "0"})
    assert proc.wait() == 0, proc.stderr.read().decode()
    run_ = read_run(tmp_path / "resumed")
    eff = run_.suites["unit-tiny"].efficiency
    committed = sqlite3.connect(tmp_path / "c.sqlite").execute("SELECT COUNT(*) FROM generations").fetchone()[0]
    assert committed == 40 and eff.cached >= done and eff.generated + eff.cached == 40
    ids = [s["id"] for s in read_samples(tmp_path / "resumed")]
    assert ids == [f"tiny-{i:03d}" for i in range(40)]
    assert all(s["text"] == f"Hotel {int(s['id'][5:])} offers a {s['text'].split(' a ')[-1]}" for s in read_samples(tmp_path / "resumed"))


def test_precomputed_outputs_skip_variant_metrics(tmp_path):
    outs = tmp_path / "outs.jsonl"
    outs.write_text("".join(json.dumps({"id": f"tiny-{i:03d}", "text": f"Hotel {i} has a pool."}) + "\n" for i in range(40)))
    out = run(spec(generator=f"file:{outs}", metrics=("fmr", "cf.drop")), tmp_path / "r", tmp_path / "c.sqlite", log=lambda m: None)
    assert set(out.suites["unit-tiny"].scores) == {"fmr"}
    assert "cf.drop" in out.skipped["unit-tiny: metrics"]
    live = run(spec(metrics=("fmr", "cf.drop")), tmp_path / "t", tmp_path / "c.sqlite", log=lambda m: None)
    assert live.suites["unit-tiny"].scores["cf.drop"].n > 0


def test_the_twins_of_a_suite_are_built_once_per_process(monkeypatch, tmp_path):
    """Every generator row compares against the same perturbed inputs: a second row (another
    generator) reuses the variants the first built, and they equal a fresh build."""
    from benchmark import runner
    from benchmark.cache import GenerationCache
    from benchmark.registry import GENERATORS, PERTURBATIONS, SUITES

    suite = SUITES.create("unit-tiny")
    examples = list(suite.split("test"))[:4]
    built: list[str] = []
    create = PERTURBATIONS.create
    monkeypatch.setattr(PERTURBATIONS, "create", lambda name, **kw: built.append(name) or create(name, **kw))
    runner.perturbed.cache_clear()
    cache = GenerationCache(tmp_path / "c.sqlite")
    for gen in ("template", "sanity-constant"):
        got, _ = runner.generate_variants(GENERATORS.create(gen), suite, examples, ["typo", "shuffle"], 0, cache, log=lambda m: None)
    assert built == ["typo", "shuffle"]
    fresh = create("typo")(suite, seed=0, only={e.id for e in examples}).examples
    assert [v for v, _ in got["typo"]] == list(fresh) and len(fresh) == 4
    assert [t for _, t in got["typo"]] == ["This is a great choice that we think you will really enjoy."] * 4
