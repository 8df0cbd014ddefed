"""lang_match by hand: an answer in the example's language scores 1, in the other language 0,
a text without letters has no row; the Han-share threshold is the metric's argument."""
from __future__ import annotations

import pytest

from benchmark.schema import Example, Item, User
from benchmark.scoring import MetricContext, aggregate, get_metric

CTX = MetricContext("lang")


def ex(i: int, lang: str | None = None, ref: str = "") -> Example:
    return Example(f"e{i}", "d", User("u"), Item("i", "Hotel"), references=(ref,) if ref else (), lang=lang)


def test_answers_in_the_examples_language_score_one() -> None:
    m = get_metric("lang_match")
    examples = [ex(0, "zh"), ex(1, "zh"), ex(2, "en"), ex(3, ref="推荐这家酒店。"), ex(4, "en")]
    texts = ["推荐这家海景酒店，风景优美。", "A quiet hotel near the sea.", "A quiet hotel near the sea.", "A quiet hotel.", "123 !!"]
    scored = m.score(examples, texts, CTX)
    # zh asked, zh given; zh asked, English given; en/en; detected zh (reference), English given; no letters: no row
    assert scored.values == [1.0, 0.0, 1.0, 0.0, None]
    assert aggregate(m, scored.rows, {})["value"] == pytest.approx(2 / 4)


def test_mixed_text_follows_the_han_share_threshold() -> None:
    # "推荐Python课程": 4 Han characters of 10 letters -> Han share 0.4
    text, zh = "推荐Python课程", ex(0, "zh")
    assert get_metric("lang_match").score([zh], [text], CTX).values == [1.0]  # 0.4 >= 0.3 (default)
    stricter = get_metric("lang_match").with_options(zh_share=0.5)
    assert stricter.score([zh], [text], CTX).values == [0.0]
    assert "zh_share:0.5" in stricter.signature and "zh_share:0.3" in get_metric("lang_match").signature
