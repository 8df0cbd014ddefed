"""Invariance metrics and the robustness report (deltas, worst case, out-of-domain gap)."""
from __future__ import annotations

import re

import numpy as np
import pytest

from benchmark.record import GeneratorRecord, MetricRecord, Run, ScoreSummary, SuiteRecord
from benchmark.runner import RunSpec, run
from benchmark.schema import Example, Item, User
from benchmark.scoring import MetricContext, aggregate, get_metric
from benchmark.suite import perturbation_names as names
from metrics.similarity import LEXICAL, default_backend, pair_similarity
from reports import robustness as report

EX = Example("e-1", "d", User("u"), Item("i", "T"))


def lexical(name: str):
    return get_metric(name).with_options(model=LEXICAL)


def test_lexical_similarity_hand_computed():
    sims = pair_similarity(["pool spa", "Pool  SPA", "", "", "pool spa gym"], ["pool gym", "pool spa", "", "pool", "pool"], LEXICAL)
    # stems as L2-normalised binary bags: {pool,spa}.{pool,gym} = 1/2; same text (case, spaces) = 1; one side empty = 0
    assert sims == pytest.approx([0.5, 1.0, 1.0, 0.0, 1 / np.sqrt(3)])


def test_invariance_metric_per_sample_and_worst_case():
    texts = ["pool spa", "pool spa", "pool spa"]
    v = {
        "typo": [(EX, "pool gym"), None, (EX, "pool spa")],
        "shuffle": [(EX, "spa pool"), (EX, "gym"), None],
    }
    ctx = MetricContext("d", variants=v)
    typo = lexical("inv.typo").score([EX] * 3, texts, ctx)
    assert typo.values == [pytest.approx(0.5), None, 1.0]
    m = get_metric("inv.worst").with_options(model=LEXICAL, over=("typo", "shuffle"))
    worst = m.score([EX] * 3, texts, ctx)
    assert worst.values == [pytest.approx(0.5), 0.0, 1.0]  # min over the perturbations that made a variant
    assert aggregate(m, worst.rows, {})["value"] == pytest.approx(0.5)


def test_one_metric_per_invariance_perturbation_and_none_by_default():
    for p in names("invariance"):
        m = get_metric(f"inv.{p}")
        assert m.variants == (p,) and m.area == "robustness" and m.options["model"] == default_backend()
    worst = get_metric("inv.worst")
    assert set(worst.variants) == set(names("invariance")) and worst.options["over"] == tuple(names("invariance"))
    from benchmark.registry import METRICS

    assert not any(e.info.get("default", True) for e in METRICS.entries() if e.name.startswith("inv."))


def test_runner_invariance_of_deterministic_and_id_seeded_generators(tmp_path):
    vals = {}
    for g in ("template", "sanity-constant", "sanity-invent"):
        spec = RunSpec(("travel",), g, ("inv.typo", "inv.shuffle", "inv.worst"), "test", 12)
        vals[g] = run(spec, tmp_path / g, tmp_path / "cache.sqlite", log=lambda m: None).suites["travel"].scores
    for m in ("inv.typo", "inv.shuffle", "inv.worst"):
        assert vals["sanity-constant"][m].value == 1.0 and vals["sanity-constant"][m].n == 12
        assert vals["template"][m].value >= 0.99  # depends on matched features only (shuffle reorders them)
        assert vals["sanity-invent"][m].value < 0.9  # its random picks are seeded by the (variant) id
    assert vals["sanity-invent"]["inv.worst"].value <= vals["sanity-invent"]["inv.typo"].value


def _run(label: str, scores: dict[str, dict[str, float]], domains: dict[str, str], kinds: dict[str, str] | None = None) -> Run:
    info = {"faith.halluc": MetricRecord("faith.halluc|v:1", "faithfulness", False, ""),
            "bleu4": MetricRecord("bleu4|v:1", "overlap", True, ""),
            "latency": MetricRecord("latency|v:1", "efficiency", False, "")}
    suites = {s: SuiteRecord(s, "0" * 16, "1", (kinds or {}).get(s, "structured"), d, 10,
                             scores={m: ScoreSummary(v, 10) for m, v in scores[s].items()}) for s, d in domains.items()}
    return Run(GeneratorRecord(label, label, label), 0, 10, "test", None, None, {}, info, suites)


RUN = _run("gen", {
    "travel": {"faith.halluc": 0.10, "bleu4": 20.0, "latency": 1.0},
    "travel+typo": {"faith.halluc": 0.15, "bleu4": 18.0, "latency": 9.0},
    "travel+shuffle": {"faith.halluc": 0.30, "bleu4": 19.5},
    "travel+typo+shuffle": {"faith.halluc": 0.40, "bleu4": 10.0},
    "movies": {"faith.halluc": 0.20, "bleu4": 30.0},
    "finance": {"faith.halluc": 0.50, "bleu4": 5.0},
    "education": {"faith.halluc": 0.30, "bleu4": None},
    "xrec-amazon": {"bleu4": 1.0},
}, {"travel": "travel", "travel+typo": "travel", "travel+shuffle": "travel", "travel+typo+shuffle": "travel", "movies": "movies",
    "finance": "finance", "education": "education", "xrec-amazon": "amazon"}, {"xrec-amazon": "freetext"})


def test_deltas_and_worst_case_follow_each_metrics_direction():
    d = report.deltas(RUN)
    assert set(d) == {"travel"} and set(d["travel"]) == {"typo", "shuffle", "typo+shuffle"}
    assert d["travel"]["typo"] == {"faith.halluc": pytest.approx(0.05), "bleu4": pytest.approx(-2.0)}  # latency: efficiency, skipped
    w = report.worst_case(RUN)["travel"]
    assert w["faith.halluc"] == ("typo+shuffle", pytest.approx(0.30))  # lower is better: the largest increase
    assert w["bleu4"] == ("typo+shuffle", pytest.approx(-10.0))
    only = report.worst_case(RUN, only=["bleu4"])["travel"]
    assert set(only) == {"bleu4"}


def test_out_of_domain_gap():
    g = report.ood_gap(RUN)
    # held-out finance/education vs in-domain travel/movies (same kind; xrec is free text)
    assert g["faith.halluc"] == {"held_out": pytest.approx(0.4), "in_domain": pytest.approx(0.15), "gap": pytest.approx(0.25)}
    assert g["bleu4"]["held_out"] == 5.0 and g["bleu4"]["gap"] == pytest.approx(-20.0)  # missing education value skipped
    assert report.ood_gap(RUN, in_domain=["movies"])["faith.halluc"]["in_domain"] == pytest.approx(0.2)
    assert report.ood_gap(RUN, held_out=["nowhere"]) == {}


def test_markdown_from_real_runs(tmp_path):
    dirs = []
    for g in ("template", "sanity-invent"):
        spec = RunSpec(("travel", "travel+unicode", "finance"), g, ("faith.halluc", "faith.reason_recall"), "test", 15)
        run(spec, tmp_path / g, tmp_path / "cache.sqlite", log=lambda m: None)
        dirs.append(tmp_path / g)
    md = report.markdown(dirs)
    assert "### travel: perturbed minus clean" in md and "**worst**" in md
    assert re.search(r"^\| template +\| unicode +\| \+0\.000 +\| \+0\.000 +\|$", md, re.M)
    assert "### Out-of-domain gap: held-out (finance, education) minus in-domain" in md
    r = __import__("benchmark.results", fromlist=["read_run"]).read_run(dirs[0])
    assert report.deltas(r)["travel"]["unicode"]["faith.halluc"] == 0.0  # the template ignores profile noise
    assert report.main([str(d) for d in dirs]) == 0
