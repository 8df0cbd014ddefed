"""sacrebleu BLEU and rouge-score ROUGE through rxbench's sufficient-statistics rows."""
from __future__ import annotations

import json
import math
import random
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
import sacrebleu
from rouge_score import rouge_scorer
from sacrebleu.metrics import BLEU

from benchmark.scoring import MetricContext, StatRows, aggregate, get_metric
from metrics.hf import to_examples
from metrics.overlap import bleu_formula

CTX = MetricContext("test")


def score(name, examples, texts):
    m = get_metric(name)
    scored = m.score(examples, texts, CTX)
    return m, scored, aggregate(m, scored.rows, scored.const)


@lru_cache(maxsize=1)
def _load(folder: Path) -> dict[str, list[dict]]:
    out = {}
    for domain in ("amazon", "google"):
        with (folder / f"{domain}.jsonl").open(encoding="utf-8") as fh:
            out[domain] = [json.loads(line) for line in fh if line.strip()]
    return out


@pytest.fixture
def xrec(xrec_dir: Path) -> dict[str, list[dict]]:
    return _load(xrec_dir)


def test_bleu_hand_computed():
    # hyp "the cat sat on the mat" vs ref "the cat is on the mat": 6 vs 6 tokens,
    # unigram matches the x2, cat, on, mat = 5 of 6 -> BLEU-1 = 100 * 5/6, bp = 1.
    ex = to_examples(1, ["the cat is on the mat"])
    assert score("bleu1", ex, ["the cat sat on the mat"])[2]["value"] == pytest.approx(100 * 5 / 6)
    # "a b c d" vs "a b c e": p1 = 3/4, p2 = 2/3, p3 = 1/2, p4 = 0/1 -> exp smoothing 1/(2*1);
    # BLEU-4 = (75 * 66.67 * 50 * 50) ** (1/4) = 59.46, bp = 1.
    ex = to_examples(1, ["a b c e"])
    assert score("bleu4", ex, ["a b c d"])[2]["value"] == pytest.approx((75 * (200 / 3) * 50 * 50) ** 0.25)
    # brevity: "the cat" vs a 6-token reference -> p1 = 1, bp = exp(1 - 6/2) = e^-2.
    ex = to_examples(1, ["the cat is on the mat"])
    assert score("bleu1", ex, ["the cat"])[2]["value"] == pytest.approx(100 * math.exp(-2))


def test_bleu_equals_sacrebleu_on_real_xrec(xrec):
    for domain, all_recs in xrec.items():
        recs = all_recs[:1000]
        hyps = [r["xrec_output"] for r in recs]
        refs = [r["explanation"] for r in recs]
        ex = to_examples(len(recs), refs)
        for name, order in (("bleu1", 1), ("bleu4", 4)):
            expected = BLEU(max_ngram_order=order).corpus_score(hyps, [refs]).score
            assert score(name, ex, hyps)[2]["value"] == pytest.approx(expected, rel=1e-12, abs=1e-12), (domain, name)
        assert score("bleu4", ex, hyps)[2]["n"] == len(recs)


def test_bleu_multi_reference_and_missing_references(xrec):
    recs = xrec["google"][:400]
    rng = random.Random("multi-ref")
    refs: list[list[str]] = []
    for i, r in enumerate(recs):
        k = i % 4  # 0..3 references; 0 -> the sample has no reference
        extra = [recs[rng.randrange(len(recs))]["explanation"] for _ in range(k - 1)]
        refs.append(([r["explanation"]] + extra)[:k])
    refs[5] = ["   ", ""]  # blank references are no references
    hyps = [r["xrec_output"] for r in recs]
    ex = to_examples(len(recs), refs)
    keep = [i for i, r in enumerate(refs) if any(x.strip() for x in r)]
    width = max(len(refs[i]) for i in keep)
    streams = [[refs[i][j] if j < len(refs[i]) else None for i in keep] for j in range(width)]
    for name, order in (("bleu1", 1), ("bleu4", 4)):
        m, scored, agg = score(name, ex, hyps)
        assert [i for i, r in enumerate(scored.rows) if r is not None] == keep
        assert all(scored.values[i] is None for i in range(len(recs)) if i not in keep)
        expected = BLEU(max_ngram_order=order).corpus_score([hyps[i] for i in keep], streams).score
        assert agg["value"] == pytest.approx(expected, rel=1e-12)
        assert agg["n"] == len(keep)


def test_bleu_sentence_values_are_sacrebleu_sentence_bleu(xrec):
    recs = xrec["amazon"][:50]
    ex = to_examples(len(recs), [r["explanation"] for r in recs])
    _, scored, _ = score("bleu4", ex, [r["xrec_output"] for r in recs])
    for r, v in zip(recs, scored.values):
        assert v == pytest.approx(sacrebleu.sentence_bleu(r["xrec_output"], [r["explanation"]]).score, rel=1e-12)


def test_bleu_reduce_is_vectorised_over_resamples():
    refs = ["the cat is on the mat", "a dog barks at night", "rain again today", "we like the blue sea"]
    hyps = ["the cat sat on the mat", "the dog barks", "sunny today", "we like blue seas"]
    ex = to_examples(4, refs)
    m = get_metric("bleu4")
    scored = m.score(ex, hyps, CTX)
    weights = np.array([[1, 1, 1, 1], [1, 0, 1, 0], [2, 0, 0, 1], [0, 3, 0, 0]], float)
    got = StatRows(scored.rows).values(m, scored.const, weights)
    for w, value in zip(weights, got):
        idx = [i for i, c in enumerate(w) for _ in range(int(c))]
        expected = sacrebleu.corpus_bleu([hyps[i] for i in idx], [[refs[i] for i in idx]]).score
        assert value == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("smooth", ["none", "floor", "add-k", "exp"])
@pytest.mark.parametrize("effective", [False, True])
def test_bleu_formula_matches_sacrebleu_compute_bleu(smooth, effective):
    rng = np.random.default_rng(7)
    for _ in range(300):
        total = np.sort(rng.integers(0, 6, size=4))[::-1].copy()  # totals never grow with the order
        correct = np.minimum(total, rng.integers(0, 4, size=4))
        sys_len, ref_len = int(total[0]), int(rng.integers(0, 8))
        expected = BLEU.compute_bleu(list(correct), list(total), sys_len, ref_len, smooth, None, effective, 4).score
        got = bleu_formula(np.array([sys_len]), np.array([ref_len]), correct[None], total[None], smooth, effective_order=effective)
        assert got[0] == pytest.approx(expected, rel=1e-12, abs=1e-12), (correct, total, sys_len, ref_len)


def test_rouge_hand_computed_and_stemmed():
    ex = to_examples(1, ["the cat is on the mat"])
    hyp = ["the cat sat on the mat"]
    # ROUGE-1: 5 of 6 unigrams shared both ways -> F = 5/6; ROUGE-2: bigrams "the cat", "on the",
    # "the mat" shared of 5 each -> 3/5; ROUGE-L: LCS "the cat on the mat" = 5 -> 5/6.  x100.
    assert score("rouge1", ex, hyp)[2]["value"] == pytest.approx(100 * 5 / 6)
    assert score("rouge2", ex, hyp)[2]["value"] == pytest.approx(60.0)
    assert score("rougeL", ex, hyp)[2]["value"] == pytest.approx(100 * 5 / 6)
    # use_stemmer=True: "running dogs" and "run dog" share both stems.
    assert score("rouge1", to_examples(1, ["run dog"]), ["running dogs"])[2]["value"] == pytest.approx(100.0)
    # multi-reference: the best reference by F counts.
    ex = to_examples(1, [["nothing alike here", "the cat is on the mat"]])
    assert score("rouge2", ex, hyp)[2]["value"] == pytest.approx(60.0)
    assert "stemmer:True" in get_metric("rouge1").signature and "rouge_type:rouge1" in get_metric("rouge1").signature


def test_rouge_equals_rouge_score_on_real_xrec(xrec):
    recs = xrec["google"][:150] + xrec["amazon"][:150]
    hyps = [r["xrec_output"] for r in recs]
    refs = [r["explanation"] for r in recs]
    ex = to_examples(len(recs), refs)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    direct = [scorer.score(r, h) for h, r in zip(hyps, refs)]
    for name in ("rouge1", "rouge2", "rougeL"):
        _, scored, agg = score(name, ex, hyps)
        assert agg["value"] == pytest.approx(100 * np.mean([d[name].fmeasure for d in direct]), rel=1e-12)
        assert scored.values[0] == pytest.approx(100 * direct[0][name].fmeasure)


def test_samples_without_references_get_none_rows():
    ex = to_examples(3, [[], ["the cat is on the mat"], None])
    for name in ("bleu1", "bleu4", "rouge1", "rouge2", "rougeL"):
        _, scored, agg = score(name, ex, ["x", "the cat sat on the mat", "y"])
        assert scored.rows[0] is None and scored.rows[2] is None and scored.rows[1] is not None
        assert agg["n"] == 1
    _, scored, agg = score("bleu4", to_examples(2), ["a", "b"])
    assert scored.rows == [None, None] and agg["n"] == 0 and math.isnan(agg["value"])


def test_hostile_texts_do_not_crash():
    long = "recommended because " * 5000  # 10k tokens
    texts = ["", "   ", "日本語のテキスト 🎉", "مرحبا بالعالم", long, "\x00\u200b\ud800"]
    ex = to_examples(len(texts), ["a reference", "another one", "日本語 テキスト", "مرحبا", "recommended because of the view", "x"])
    for name in ("bleu1", "bleu4", "rouge1", "rouge2", "rougeL"):
        _, scored, agg = score(name, ex, texts)
        assert len(scored.rows) == len(texts) and agg["n"] == len(texts)
        assert 0.0 <= agg["value"] <= 100.0
