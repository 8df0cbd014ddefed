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
