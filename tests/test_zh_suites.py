"""The Chinese generated suites: same labels as the English ones, Chinese and varied references that
the faithfulness metrics read as faithful (a self-consistency check of the Chinese lexicon)."""
from __future__ import annotations

import pytest

from benchmark.scoring import MetricContext, aggregate, get_metric
from benchmark.suite import load_suite
from suites.domains import ALL

ZH = ("zh-ecommerce", "zh-travel", "zh-news", "zh-finance", "zh-education")


@pytest.mark.parametrize("name", ZH)
def test_same_labels_and_sizes_as_the_english_domain(name: str) -> None:
    zh, en = ALL[name], ALL[name.removeprefix("zh-")]
    assert zh.lang == "zh" and zh.sizes == en.sizes
    assert {a: set(v) for a, v in zh.lexicon.items()} == {a: set(v) for a, v in en.lexicon.items()}
    assert all(forms[0] == canon for values in zh.lexicon.values() for canon, forms in values.items())


def test_references_are_chinese_varied_and_faithful() -> None:
    suite = load_suite("zh-travel")
    test = suite.split("test")[:200]
    assert {e.lang for e in suite.examples} == {"zh"} and {e.language for e in test} == {"zh"}
    assert len({e.meta["reference_template"] for e in test}) >= 15  # not one template
    assert "游泳池" in suite.lexicon["amenities"]["pool"]
    ctx = MetricContext(suite.name, suite.features, suite.lexicon)
    texts = [e.references[0] for e in test]
    for name, want in (("faith.halluc", 0.0), ("faith.reason_recall", 1.0), ("fmr", 1.0)):
        m = get_metric(name)
        assert aggregate(m, m.score(test, texts, ctx).rows, {})["value"] == want, name
    wrong = [t.replace("。", "，而且靠近市中心。", 1) for t, e in zip(texts, test) if e.item.attributes["setting"] != "city centre"]
    m = get_metric("faith.halluc")
    assert aggregate(m, m.score([e for e in test if e.item.attributes["setting"] != "city centre"], wrong, ctx).rows, {})["value"] == 1.0


def test_english_suites_do_not_declare_a_language() -> None:
    assert load_suite("travel").examples[0].lang is None and "lang" not in load_suite("travel").examples[0].to_dict()


def test_chinese_perturbations() -> None:
    import random

    from suites.perturb import zh as perturb_zh

    rng = random.Random(0)
    assert perturb_zh.typo("在", rng) == "再" and perturb_zh.typo("abc", rng) == "abc"
    text = "价格：平价，适合初学者。"
    typo = perturb_zh.typo(text, random.Random(1))
    assert typo != text and len(typo) == len(text)
    assert all(a == b or b in perturb_zh.CONFUSABLE[a] for a, b in zip(text, typo))
    assert perturb_zh.traditional("推荐这门课程，价格实惠") == "推薦這門課程，價格實惠"
    assert perturb_zh.width_noise("Python课程，5周。", random.Random(3)) in ("Python课程,5周.", "Ｐｙｔｈｏｎ课程，５周。")
    zh = load_suite("zh-education").with_examples(load_suite("zh-education").examples[:20])
    from benchmark.registry import PERTURBATIONS

    for name in ("typo", "unicode", "traditional", "shuffle", "distractor"):
        out = PERTURBATIONS.create(name)(zh, seed=0)
        assert len(out.examples) == 20, name
        assert all(v.references == e.references and v.item.title == e.item.title for v, e in zip(out.examples, zh.examples)), name
    assert "學科：" in PERTURBATIONS.create("traditional")(zh, seed=0).examples[0].item.profile
    assert PERTURBATIONS.create("traditional")(load_suite("travel").with_examples(load_suite("travel").examples[:5]), seed=0).examples == ()
