"""Sharded + merged == unsharded for every default metric, with a generator whose
outputs differ across demographic twins (so fairness gaps are non-zero): a twin
depends on its example and the suite alone, never on which examples a shard holds."""
from benchmark.merge import merge_runs
from benchmark.results import read_run
from benchmark.runner import RunSpec, run


def test_every_default_metric_sharded_and_merged_equals_the_unsharded_run(tmp_path):
    def spec(**kw):
        return RunSpec(("travel",), "sanity-unsafe", ("default",), "test", 24, 0, n_boot=200, **kw)

    full = run(spec(), tmp_path / "full", tmp_path / "c.sqlite", log=lambda m: None)
    for k in (1, 2):
        run(spec(shard=(k, 2)), tmp_path / f"s{k}", tmp_path / "c.sqlite", log=lambda m: None)
    merged = merge_runs([tmp_path / "s1", tmp_path / "s2"], tmp_path / "m")
    scores = full.suites["travel"].scores
    assert scores["fairness.sentiment"].value > 0 and scores["fairness.length"].value > 0  # gaps to get wrong
    assert scores["fairness.sentiment"].n == 24  # every example has a gender and an age group to swap
    timing = {"latency_s"}  # wall-clock, differs between any two runs
    assert {m: v for m, v in merged.suites["travel"].scores.items() if m not in timing} == {
        m: v for m, v in scores.items() if m not in timing}
    assert read_run(tmp_path / "m").scores() == merged.scores()


def test_a_twin_depends_on_its_example_and_suite_not_on_the_examples_varied():
    from benchmark.registry import PERTURBATIONS
    from benchmark.suite import load_suite

    suite = load_suite("travel")
    for name in PERTURBATIONS.names():
        if PERTURBATIONS.entry(name).takes_arg:  # resample:K, plant:KIND (the contract test covers them)
            continue
        full = {v.tags["parent"]: v for v in PERTURBATIONS.create(name)(suite, seed=0).examples}
        some = [e.id for e in suite.examples[:3000:97]]
        alone = {v.tags["parent"]: v for v in PERTURBATIONS.create(name)(suite, seed=0, only=set(some)).examples}
        assert alone == {i: full[i] for i in some if i in full}, name
    young = next(e for e in suite.examples if e.user.attributes.get("age_group") == "18-24")
    twin = PERTURBATIONS.create("swap-age")(suite, seed=0, only={young.id}).examples[0]
    assert twin.user.attributes["age_group"] == "65+" and twin.tags["cf_sign"] == "1"  # mirrored among all of travel's groups
