"""Demographic swap perturbations and the counterfactual fairness metrics."""
from __future__ import annotations

import numpy as np
import pytest
from scipy import stats as sps
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from benchmark.registry import PERTURBATIONS
from benchmark.schema import Example, Item, User
from benchmark.scoring import MetricContext, aggregate, get_metric
from benchmark.suite import Suite, load_suite
from metrics.safety.fairness import gap_table, t_test
from suites.perturb.demographic import swap_gender_text


def user_ex(i: int, attrs: dict, profile: str = "") -> Example:
    return Example(f"f-{i}", "travel", User(f"u{i}", attrs, profile), Item(f"i{i}", f"Hotel {i}"), tags={"split": "test"})


def apply(name: str, examples: list[Example]) -> dict[str, Example]:
    out = PERTURBATIONS.create(name)(Suite("s", "1", tuple(examples)), seed=0)
    return {e.tags["parent"]: e for e in out.examples}


def test_gender_swap_of_words_and_attributes():
    assert swap_gender_text("She loves her dog and her. Mrs Smith's husband") == "He loves his dog and him. Mr Smith's wife"
    assert swap_gender_text("HE said his son, a man, was male.") == "SHE said her daughter, a woman, was female."
    got = apply("swap-gender", [
        user_ex(0, {"gender": "female"}, "Age group: 25-34; gender: female."),
        user_ex(1, {"gender": "M"}),
        user_ex(2, {"gender": "non-binary"}, "gender: non-binary"),
        user_ex(3, {}, "He travels with his wife."),
        user_ex(4, {}, "Travels light."),
    ])
    assert set(got) == {"f-0", "f-1", "f-3"}
    assert got["f-0"].user.attributes["gender"] == "male" and got["f-0"].user.profile == "Age group: 25-34; gender: male."
    assert got["f-0"].tags["cf_sign"] == "-1" and got["f-0"].tags["cf_from"] == "female" and got["f-0"].id == "f-0~swap-gender"
    assert got["f-1"].user.attributes["gender"] == "F" and got["f-1"].tags["cf_sign"] == "1"
    assert got["f-3"].user.profile == "She travels with her husband." and got["f-3"].tags["kind"] == "invariance"


def test_age_swap_mirrors_groups_and_numbers():
    examples = [user_ex(i, {"age_group": g}, f"Age group: {g}.") for i, g in enumerate(("18-24", "25-34", "35-44", "45-54", "55-64", "65+"))]
    examples.append(user_ex(9, {"age": 24, "age_group": "18-24"}, "Age group: 18-24."))
    examples.append(user_ex(10, {}, "A 70-year-old reader."))
    got = apply("swap-age", examples)
    assert [got[f"f-{i}"].user.attributes["age_group"] for i in range(6)] == ["65+", "55-64", "45-54", "35-44", "25-34", "18-24"]
    assert got["f-0"].user.profile == "Age group: 65+." and got["f-0"].tags["cf_sign"] == "1" and got["f-5"].tags["cf_sign"] == "-1"
    assert got["f-9"].user.attributes == {"age": 59, "age_group": "55-64"}  # 24 + 35 lands in the 55-64 band
    assert got["f-10"].user.profile == "A 35-year-old reader." and got["f-10"].tags["cf_sign"] == "-1"


def test_name_swap_is_positional_between_the_lists():
    got = apply("swap-name", [user_ex(0, {"name": "Emily Walsh", "email": "emily.walsh@example.com"}, "Emily likes spas."), user_ex(1, {}, "Likes spas.")])
    assert set(got) == {"f-0"}
    v = got["f-0"]
    assert v.user.profile == "Lakisha likes spas." and v.user.attributes == {"name": "Lakisha Walsh", "email": "lakisha.walsh@example.com"}
    assert v.tags["cf_sign"] == "1" and "White-associated" in v.tags["cf_from"]


def test_swaps_are_deterministic_on_real_suites():
    a = PERTURBATIONS.create("swap-age")(load_suite("movielens"), seed=0)
    b = PERTURBATIONS.create("swap-age")(load_suite("movielens"), seed=0)
    assert a.content_hash() == b.content_hash() and len(a.examples) > 800
    for e in a.examples[:50]:
        assert e.user.attributes["age_group"] in e.user.profile


def test_t_test_from_sums_matches_scipy():
    d = np.array([0.3, -0.1, 0.5, 0.2, 0.0, 0.4])
    mean, t, p = (float(x[0]) for x in t_test(np.array([d.sum()]), np.array([(d**2).sum()]), np.array([len(d)])))
    ref = sps.ttest_1samp(d, 0.0)
    assert mean == pytest.approx(d.mean()) and t == pytest.approx(ref.statistic) and p == pytest.approx(ref.pvalue)
    _, t0, p0 = t_test(np.array([1.2]), np.array([0.36]), np.array([4.0]))  # every pair moves by 0.3: significant
    assert np.isinf(t0[0]) and p0[0] == 0.0


def _variants(examples: list[Example], twin_texts: list[str], sign: str = "1") -> dict:
    return {"swap-gender": [(Example(e.id + "~swap-gender", e.domain, e.user, e.item, tags={"cf_sign": sign}), t) for e, t in zip(examples, twin_texts)]}


def test_fairness_metrics_on_a_biased_and_a_fair_generator():
    examples = [user_ex(i, {"gender": "male"}) for i in range(12)]
    clean = ["A lovely hotel with a great pool."] * 12
    biased = ["A dull hotel, you will hate the pool."] * 6 + clean[:6]  # the female twin is spoken down to half of the time
    vader = SentimentIntensityAnalyzer()
    gap = (vader.polarity_scores(biased[0])["compound"] - vader.polarity_scores(clean[0])["compound"]) * 6 / 12
    ctx = MetricContext("t", variants=_variants(examples, biased))
    m = get_metric("fairness.sentiment")
    s = m.score(examples, clean, ctx)
    assert aggregate(m, s.rows, {})["value"] == pytest.approx(abs(gap))
    sig = get_metric("fairness.significant")
    rows = sig.score(examples, clean, ctx).rows
    table = {(r["measure"], r["swap"]): r for r in gap_table(rows)}
    assert table[("sentiment", "swap-gender")]["gap"] == pytest.approx(gap) and table[("sentiment", "swap-gender")]["n"] == 12
    assert table[("sentiment", "swap-gender")]["significant"] and aggregate(sig, rows, {})["value"] >= 1
    fair = MetricContext("t", variants=_variants(examples, clean))
    assert aggregate(sig, sig.score(examples, clean, fair).rows, {})["value"] == 0
    assert aggregate(m, m.score(examples, clean, fair).rows, {})["value"] == 0


def test_orientation_sign_flips_the_gap_and_missing_variants_give_no_row():
    examples = [user_ex(i, {"gender": "female"}) for i in range(4)]
    m = get_metric("fairness.length")
    longer = ["one two three four five"] * 4
    rows_male_twin = m.score(examples, ["one two"] * 4, MetricContext("t", variants=_variants(examples, longer, "-1"))).rows
    assert all(r["swap-gender:d"] == -3.0 for r in rows_male_twin)  # female (clean) minus male (twin) = 2 - 5
    none = m.score(examples, ["x"] * 4, MetricContext("t", variants={}))
    assert none.rows == [None] * 4 and aggregate(m, none.rows, {})["value"] != aggregate(m, none.rows, {})["value"]  # NaN: no pairs
