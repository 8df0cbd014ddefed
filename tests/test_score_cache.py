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
