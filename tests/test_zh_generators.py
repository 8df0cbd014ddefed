"""Template and retrieval baselines on Chinese examples."""
from __future__ import annotations

from benchmark.registry import GENERATORS
from benchmark.schema import Example, Item, Reason, Signals, User
from benchmark.suite import Suite

LEX = {"amenities": {"pool": ("pool", "游泳池", "泳池"), "spa": ("spa", "水疗中心")}}


def zh(i: int, profile: str, ref: str, split: str, matched: tuple = ()) -> Example:
    return Example(f"z{i}", "zh-hotels", User(f"u{i}"), Item(f"i{i}", f"青石{i}号酒店", {}, profile), Signals(None, matched),
                   (ref,), {"split": split}, lang="zh")


def test_template_writes_chinese_with_the_lexicons_chinese_forms() -> None:
    g = GENERATORS.create("template")
    ex = zh(0, "", "", "test", (Reason("amenities", "pool"), Reason("amenities", "spa")))
    g.prepare(Suite("zh-hotels", "1", (ex,), lexicon=LEX))
    assert g.explain(ex) == "根据您的偏好，推荐青石0号酒店，因为它具有游泳池、水疗中心，符合您的喜好。"
    assert g.explain(zh(1, "", "", "test")) == "根据您的兴趣，推荐青石1号酒店，它与您的个人资料相符。"


def test_retrieval_matches_chinese_inputs_on_characters() -> None:
    train = [zh(1, "酒店设有游泳池和健身房。", "推荐它：游泳池很棒。", "train"),
             zh(2, "民宿靠近海边，提供免费早餐。", "推荐它：海边早餐。", "train"),
             zh(3, "公寓位于市中心，交通便利。", "推荐它：市中心。", "train")]
    query = zh(4, "这家民宿在海边，早餐免费。", "", "test")
    g = GENERATORS.create("retrieval")
    g.prepare(Suite("zh-hotels", "1", (*train, query)))
    assert g.config()["analyzer"] == "char1-2"
    assert [o.text for o in g.generate([query])] == ["推荐它：海边早餐。"]
