"""Chinese text through the metrics: values computed by hand or by sacrebleu's own `zh` tokenizer."""
from __future__ import annotations

import pytest
import sacrebleu
from sacrebleu.metrics.bleu import BLEU

from benchmark.schema import Example, Item, Reason, Signals, User
from benchmark.scoring import MetricContext, aggregate, get_metric
from metrics.text import han_split, tokens

CTX = MetricContext("zh-test")


def ex(ref: str | None, i: int = 0, attrs: dict | None = None, profile: str = "", matched: tuple = ()) -> Example:
    return Example(f"e{i}", "zh", User(f"u{i}"), Item(f"i{i}", "海景酒店", attrs or {}, profile), Signals(None, matched), (ref,) if ref else ())


def corpus(name: str, examples: list[Example], texts: list[str], ctx: MetricContext = CTX) -> float:
    m = get_metric(name)
    return aggregate(m, m.score(examples, texts, ctx).rows, {})["value"]


REFS = ["根据您的兴趣和预算，推荐青岛和三亚，这两个城市风景优美，旅游设施完善。",
        "根据您的学习需求和历史成绩，推荐这门Python课程，内容浅显易懂，适合初学者。",
        "推荐这只A股股票，具有稳定的增长潜力和较低的风险。"]
HYPS = ["推荐青岛和三亚，风景优美，设施完善。", "这门Python课程适合初学者，内容易懂。", "这只股票风险较低，增长稳定。"]


def test_bleu_on_chinese_equals_sacrebleu_zh() -> None:
    examples = [ex(r, i) for i, r in enumerate(REFS)]
    assert [e.language for e in examples] == ["zh"] * 3
    want4 = sacrebleu.corpus_bleu(HYPS, [REFS], tokenize="zh").score
    want1 = BLEU(tokenize="zh", max_ngram_order=1).corpus_score(HYPS, [REFS]).score
    assert corpus("bleu4", examples, HYPS) == pytest.approx(want4, abs=1e-9) and want4 > 5
    assert corpus("bleu1", examples, HYPS) == pytest.approx(want1, abs=1e-9)
    assert sacrebleu.corpus_bleu(HYPS, [REFS], tokenize="13a").score < 1  # what the 13a tokenizer gave before
    assert "tok_zh:zh" in get_metric("bleu4").signature


def test_bleu_mixed_batch_uses_each_samples_tokenizer() -> None:
    en_ref, en_hyp = "The hotel has a pool and a spa.", "The hotel has a pool."
    examples = [ex(REFS[0], 0), ex(en_ref, 1)]
    zh = BLEU(tokenize="zh")._extract_corpus_statistics([HYPS[0]], [[REFS[0]]])[0]
    en = BLEU(tokenize="13a")._extract_corpus_statistics([en_hyp], [[en_ref]])[0]
    rows = get_metric("bleu4").score(examples, [HYPS[0], en_hyp], CTX).rows
    assert [rows[0].get("hyp"), rows[1].get("hyp")] == [zh[0], en[0]]  # 17 characters + punctuation; 6 words


def test_rouge_counts_han_characters_by_hand() -> None:
    # 推荐青岛酒店 / 推荐三亚酒店: 4 of 6 characters shared, LCS 推荐酒店 = 4, bigrams 推荐 酒店 = 2 of 5
    e = [ex("推荐三亚酒店")]
    assert corpus("rouge1", e, ["推荐青岛酒店"]) == pytest.approx(100 * 4 / 6)
    assert corpus("rougeL", e, ["推荐青岛酒店"]) == pytest.approx(100 * 4 / 6)
    assert corpus("rouge2", e, ["推荐青岛酒店"]) == pytest.approx(100 * 2 / 5)
    # mixed: [python 课 程 很 好] vs [python 课 程]: P 3/5, R 1 -> F 0.75
    assert corpus("rouge1", [ex("Python课程")], ["Python课程很好"]) == pytest.approx(75.0)
    # English is rouge-score's own tokenisation (stemmed): unchanged
    assert corpus("rouge1", [ex("The pools are open.")], ["the pool is open"]) == pytest.approx(100 * 2 * (3 / 4 * 3 / 4) / (3 / 4 + 3 / 4))


def test_usr_distinct_length_on_chinese_by_hand() -> None:
    texts = ["推荐这门Python课程", "推荐这门Python课程。", "这门课程适合初学者"]
    assert tokens(texts[0]) == ("推荐", "这门", "python", "课程")
    assert tokens(texts[2]) == ("这门", "课程", "适合", "初学者")
    n = [None] * 3
    assert corpus("usr", n, texts) == pytest.approx(3 / 3)  # the full stop makes the second differ
    assert corpus("usr", n, [texts[0], texts[0], texts[2]]) == pytest.approx(2 / 3)
    # unigrams: 4 + 5 (with 。) + 4 = 13; distinct 推荐 这门 python 课程 。 适合 初学者 = 7
    assert corpus("distinct1", n, texts) == pytest.approx(7 / 13)
    # bigrams: 3 + 4 + 3 = 10; distinct: 推荐这门 这门python python课程 课程。 这门课程 课程适合 适合初学者 = 7
    assert corpus("distinct2", n, texts) == pytest.approx(7 / 10)
    m = get_metric("length")
    assert m.score(n, texts, CTX).values == [7, 7, 9]  # 6 Han + "python"; 9 Han
    assert corpus("repetition", [None], ["推荐 推荐 推荐 推荐 推荐"]) == pytest.approx(1 - 1 / 3)


def test_han_split_keeps_latin_runs() -> None:
    assert han_split(("a股", "python", "课程")) == ("a", "股", "python", "课", "程")


LEX = {"amenities": {"pool": ("pool", "游泳池", "泳池"), "metro": ("metro", "地铁站", "靠近地铁站"), "breakfast": ("breakfast", "免费早餐")}}


def test_chinese_hallucination_is_flagged_paraphrase_is_not() -> None:
    ctx = MetricContext("zh-test", frozenset({"pool", "metro", "breakfast"}), LEX)
    item = {"amenities": ["pool", "breakfast"]}
    e = [ex(None, i, item) for i in range(4)]
    texts = ["这家酒店靠近地铁站，还有游泳池。", "酒店设有泳池，并提供免费早餐。", "这家酒店没有游泳池。", "这家酒店不仅有泳池，还提供免费早餐。"]
    h = get_metric("faith.halluc").score(e, texts, ctx).values
    c = get_metric("faith.contradiction").score(e, texts, ctx).values
    assert h == [1.0, 0.0, 1.0, 0.0] and c == [0.0, 0.0, 1.0, 0.0]  # invented metro; faithful paraphrase; negated pool; 不仅 does not negate
    fmr = get_metric("fmr").score([ex(None, 0, item, matched=(Reason("amenities", "pool"),))], ["酒店设有泳池"], ctx).values
    assert fmr == [1.0]


def test_chinese_content_support_by_hand() -> None:
    e = [ex(None, 0, profile="酒店提供免费早餐和游泳池")] * 2
    vals = get_metric("faith.content_support").score(e, ["推荐这家酒店，提供免费早餐", "推荐这家酒店，靠近地铁站"], CTX).values
    assert vals == [pytest.approx(1.0), pytest.approx(1 / 3)]  # 酒店 免费 早餐 / 酒店 vs 靠近 地铁站
    assert get_metric("faith.entity_halluc").score(e[:1], ["推荐这门Python课程"], CTX).values == [1.0]  # Python: not in the inputs


def test_xrec_shaped_chinese_file_scores_on_cjk_tokens(tmp_path) -> None:
    import json

    from benchmark.suite import load_suite

    rows = [{"uid": str(i), "iid": str(100 + i), "title": "青岛海景酒店", "user_summary": "喜欢海边", "item_summary": "海边酒店，含早餐",
             "explanation": r, "xrec_output": h} for i, (r, h) in enumerate(zip(REFS * 4, HYPS * 4))]
    path = tmp_path / "zh.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    examples = list(load_suite(f"xrec:{path}").examples)
    texts = [e.meta["xrec_output"] for e in examples]
    refs = [e.references[0] for e in examples]
    assert corpus("bleu4", examples, texts) == pytest.approx(sacrebleu.corpus_bleu(texts, [refs], tokenize="zh").score, abs=1e-9)
    assert corpus("rouge1", examples, texts) > 30 and corpus("length", examples, texts) > 10  # not dropped: 3 "words" before
