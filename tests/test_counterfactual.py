"""Counterfactual sensitivity: hand-built variants, and the real runner on generated suites
(the template follows every change, the constant generator none)."""
from __future__ import annotations

import math
from dataclasses import replace

import pytest

from benchmark.runner import RunSpec, run
from benchmark.schema import Example, Item, Reason, Signals, User
from benchmark.scoring import MetricContext, aggregate, get_metric

LEX = {"amenities": {"pool": ("swimming pool",), "spa": (), "gym": ()}, "tier": {"budget": (), "luxury": ("upscale",)}}
EX = Example("h-1", "hotels", User("u"), Item("i", "Pool Villa", {"amenities": ["pool", "spa"], "tier": "luxury"}),
             Signals(0.9, (Reason("amenities", "pool"), Reason("tier", "luxury"))))
SWAPPED = replace(EX, id="h-1~cf-swap", item=replace(EX.item, attributes={"amenities": ["gym", "spa"], "tier": "luxury"}),
                  signals=Signals(0.9, (Reason("amenities", "gym"), Reason("tier", "luxury"))),
                  tags={"cf_attribute": "amenities", "cf_from": "pool", "cf_to": "gym"})
DROPPED = replace(EX, id="h-1~cf-drop", signals=Signals(0.9, (Reason("tier", "luxury"),)), tags={"cf_attribute": "amenities", "cf_from": "pool"})


def _score(name: str, clean: list[str], variants: list) -> tuple[list, float]:
    ctx = MetricContext("hotels", frozenset(), LEX, 0, {get_metric(name).variants[0]: variants})
    m = get_metric(name)
    scored = m.score([EX] * len(clean), clean, ctx)
    return scored.values, aggregate(m, scored.rows, scored.const)["value"]


def test_swap_follows_only_when_the_new_value_replaces_the_old():
    clean = ["Pool Villa has a swimming pool and a spa."] * 5 + ["Pool Villa has a spa.", "anything"]
    variants = [
        (SWAPPED, "Pool Villa has a gym and a spa."),  # follows
        (SWAPPED, "Pool Villa has a swimming pool and a spa."),  # ignored the change
        (SWAPPED, "Pool Villa has a gym, a pool and a spa."),  # states both: the old value survived
        (SWAPPED, "Pool Villa has no pool but a gym."),  # old value only negated: follows
        None,  # no variant: no row
        (SWAPPED, "Pool Villa has a gym and a spa."),  # the clean text never stated the old value
        (SWAPPED, "Pool Villa has a gym."),
    ]
    values, v = _score("cf.swap", clean, variants)
    assert values == [1.0, 0.0, 0.0, 1.0, None, 0.0, 0.0] and v == pytest.approx(2 / 6)


def test_drop_follows_when_the_dropped_reason_disappears():
    clean = ["Upscale, with a swimming pool.", "Upscale, with a swimming pool.", "Upscale.", "Upscale, with a pool."]
    variants = [(DROPPED, "Upscale."), (DROPPED, "Upscale, with a pool."), (DROPPED, "Upscale."), None]
    values, v = _score("cf.drop", clean, variants)
    assert values == [1.0, 0.0, 0.0, None] and v == pytest.approx(1 / 3)


def test_without_variants_nothing_is_scored():
    m = get_metric("cf.swap")
    scored = m.score([EX], ["text"], MetricContext("hotels", frozenset(), LEX))
    assert scored.rows == [None] and math.isnan(aggregate(m, scored.rows, scored.const)["value"])
    assert m.variants == ("cf-swap",) and get_metric("cf.drop").variants == ("cf-drop",)


@pytest.fixture(scope="module")
def cf_scores(tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("cf")
    scores = {}
    for g in ("template", "sanity-constant", "sanity-invent", "retrieval"):
        spec = RunSpec(("travel", "education"), g, ("cf.*",), "test", 40)
        scores[g] = run(spec, out / g, out / "cache.sqlite", log=lambda m: None).scores()
    return scores


@pytest.mark.parametrize("suite", ["travel", "education"])
def test_runner_ranks_generators_on_counterfactual_sensitivity(cf_scores, suite):
    for m in ("cf.swap", "cf.drop"):
        vals = {g: s[suite][m] for g, s in cf_scores.items() if suite in s}  # retrieval skips a domain without a train split
        assert vals["template"].value == 1.0 and vals["template"].n >= 30, (m, vals["template"])
        assert vals["sanity-constant"].value == 0.0  # ignores its inputs: last
        assert vals["sanity-invent"].value <= 0.1
        if "retrieval" in vals:
            assert vals["retrieval"].value < 0.5  # copies another item's explanation
