import sqlite3
from dataclasses import replace

import pytest

import tests.helpers  # noqa: F401  (registers unit-tiny)
from benchmark import score_cache
from benchmark.registry import SUITES
from benchmark.results import read_samples
from benchmark.runner import RunSpec, run
from benchmark.score_cache import with_score_cache
from benchmark.scoring import MetricContext, MetricDef, Scored, mean_reducer


def counting_metric(calls: list, variants: tuple[str, ...] = (), fail: bool = False) -> MetricDef:
    """A metric that scores the length of each text and records every real computation."""
    def fn(examples, texts, ctx):
        calls.append(list(texts))
        if fail:
            raise RuntimeError("metric broke")
        return Scored([{"v": float(len(t))} for t in texts], [float(len(t)) for t in texts], {"k": 2.0}, [{"t": t} for t in texts])

    return MetricDef("unit.len", fn, mean_reducer, None, frozenset(), "fluency", "1", "length", {}, variants=variants)


@pytest.fixture
def batch():
    suite = SUITES.create("unit-tiny")
    examples = list(suite.split("test"))[:3]
    twins = {"typo": [(examples[0], "twin a"), None, (examples[2], "twin c")]}
    ctx = MetricContext(suite.name, suite.features, dict(suite.lexicon), 0, variants=twins, latency_s=[0.1, 0.2, 0.3],
                        failed=[False] * 3, whole_suite=suite)
    return examples, ["one", "three", "fifteen"], ctx


def test_same_inputs_are_scored_once_and_the_stored_result_is_returned_unchanged(tmp_path, batch):
    examples, texts, ctx = batch
    calls: list = []
    first = with_score_cache([counting_metric(calls)], tmp_path / "c.sqlite")[0].score(examples, texts, ctx)
    again = with_score_cache([counting_metric(calls)], tmp_path / "c.sqlite")[0].score(examples, texts, ctx)
    assert calls == [texts]
    assert again == first == Scored([{"v": 3.0}, {"v": 5.0}, {"v": 7.0}], [3.0, 5.0, 7.0], {"k": 2.0}, [{"t": "one"}, {"t": "three"}, {"t": "fifteen"}])


def test_a_changed_text_example_twin_or_code_recomputes(tmp_path, batch, monkeypatch):
    examples, texts, ctx = batch
    calls: list = []
    m = with_score_cache([counting_metric(calls, variants=("typo",))], tmp_path / "c.sqlite")[0]
    m.score(examples, texts, ctx)
    m.score(examples, ["one", "three", "sixteen"], ctx)  # another text
    assert m.score(examples[::-1], texts, ctx).rows == [{"v": 3.0}, {"v": 5.0}, {"v": 7.0}]  # other examples
    assert len(calls) == 3
    twins = {"typo": [(examples[0], "twin A"), None, (examples[2], "twin c")]}
    m.score(examples, texts, replace(ctx, variants=twins))
    assert len(calls) == 4
    m.score(examples, texts, replace(ctx, seed=1))  # another seed
    assert len(calls) == 5
    monkeypatch.setattr(score_cache, "code_digest", lambda: "edited metric code")
    m.score(examples, texts, ctx)
    assert len(calls) == 6
    m.score(examples, texts, ctx)
    assert len(calls) == 6


def test_a_twin_the_metric_does_not_compare_does_not_matter(tmp_path, batch):
    examples, texts, ctx = batch
    calls: list = []
    m = with_score_cache([counting_metric(calls)], tmp_path / "c.sqlite")[0]
    m.score(examples, texts, ctx)
    m.score(examples, texts, replace(ctx, variants={"typo": [None] * 3}))
    assert len(calls) == 1


def test_a_failing_metric_is_not_cached(tmp_path, batch):
    examples, texts, ctx = batch
    calls: list = []
    m = with_score_cache([counting_metric(calls, fail=True)], tmp_path / "c.sqlite")[0]
    for _ in range(2):
        with pytest.raises(RuntimeError, match="metric broke"):
            m.score(examples, texts, ctx)
    assert len(calls) == 2
    assert sqlite3.connect(tmp_path / "c.sqlite").execute("SELECT COUNT(*) FROM scores").fetchone() == (0,)


def test_a_cached_rerun_writes_the_same_samples_and_scores(tmp_path):
    spec = RunSpec(("unit-tiny",), "template", ("default",), n_boot=200)
    a = run(spec, tmp_path / "a", tmp_path / "c.sqlite", log=lambda m: None)
    stored = sqlite3.connect(tmp_path / "c.sqlite").execute("SELECT COUNT(DISTINCT metric) FROM scores").fetchone()[0]
    assert stored == len(a.suites["unit-tiny"].scores)
    b = run(spec, tmp_path / "b", tmp_path / "c.sqlite", log=lambda m: None)
    assert a.suites["unit-tiny"].scores == b.suites["unit-tiny"].scores and a.suites["unit-tiny"].const == b.suites["unit-tiny"].const
    strip = lambda s: {k: v for k, v in s.items() if k != "cached"}  # noqa: E731
    assert [strip(s) for s in read_samples(tmp_path / "a")] == [strip(s) for s in read_samples(tmp_path / "b")]


def test_a_text_with_a_lone_surrogate_is_scored_and_cached(tmp_path, batch):
    examples, _, ctx = batch
    calls: list = []
    texts = ["bad \ud800 text", "two", "three"]
    for _ in range(2):
        scored = with_score_cache([counting_metric(calls)], tmp_path / "c.sqlite")[0].score(examples, texts, ctx)
    assert len(calls) == 1 and scored.details[0] == {"t": "bad \ud800 text"}


def test_other_options_recompute(tmp_path, batch):
    """An option is part of the metric's signature, so a metric built with another one is not served the old result."""
    examples, texts, ctx = batch
    calls: list = []
    base = counting_metric(calls)
    for options in ({"max_len": 5}, {"max_len": 6}, {"max_len": 5}):
        with_score_cache([replace(base, options=options)], tmp_path / "c.sqlite")[0].score(examples, texts, ctx)
    assert len(calls) == 2


RERUN = """
import json, sqlite3, sys
from pathlib import Path
from benchmark.runner import RunSpec, run
out, cache = Path(sys.argv[1]), Path(sys.argv[2])
spec = RunSpec(("finance", "zh-finance"), "template", ("fmr", "distinct1", "cf.*", "robust.fmr"), limit=3, n_boot=50)
result = run(spec, out, cache, log=lambda m: None)
db = sqlite3.connect(cache)
print(json.dumps({"scores": db.execute("SELECT COUNT(*) FROM scores").fetchone()[0],
                  "generations": db.execute("SELECT COUNT(*) FROM generations").fetchone()[0],
                  "summaries": {s: {m: v.to_json() for m, v in r.scores.items()} for s, r in result.suites.items()}}))
"""


def test_a_rerun_in_another_process_hits_every_score(tmp_path):
    """The keys do not depend on the process: a second process with another string-hash seed (set
    iteration order) computes no metric and generates no twin, and its scores equal the first run's,
    which computed them (the template row of the demo, with the twins of cf.* and robust.*)."""
    import json
    import os
    import subprocess
    import sys

    def once(hash_seed: str, out: str) -> dict:
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run([sys.executable, "-c", RERUN, str(tmp_path / out), str(tmp_path / "c.sqlite")],
                              env=env, capture_output=True, text=True, check=True)
        return json.loads(done.stdout.strip().splitlines()[-1])

    first, second = once("1", "a"), once("2", "b")
    assert first["scores"] > 0 and first["generations"] > 6  # the 6 outputs and their twins
    assert (second["scores"], second["generations"]) == (first["scores"], first["generations"])
    assert second["summaries"] == first["summaries"]
    strip = lambda s: {k: v for k, v in s.items() if k != "cached"}  # noqa: E731
    assert [strip(s) for s in read_samples(tmp_path / "a")] == [strip(s) for s in read_samples(tmp_path / "b")]


def test_the_code_digest_covers_code_and_data_but_not_tests_documents_or_gates(tmp_path):
    """Editing a metric or its data recomputes; a test, a model card or a gate rebaseline does not."""
    from pathlib import Path

    from benchmark.score_cache import scored_by_runs

    root = Path(tmp_path)
    read = ["metrics/overlap.py", "metrics/data/wordnet_relations.json", "metrics/safety/models/toxicity-minilm.npz",
            "suites/domains/travel.py", "benchmark/runner.py"]
    unread = ["benchmark/gates/baseline/run.json", "benchmark/gates/gates.yaml", "benchmark/conftest.py",
              "benchmark/gates/test_gates.py", "metrics/safety/models/MODEL_CARD.md", "metrics/__pycache__/overlap.cpython-311.pyc"]
    assert [scored_by_runs(root / f, root) for f in read] == [True] * 5
    assert [scored_by_runs(root / f, root) for f in unread] == [False] * 6
