"""Toxicity scorers and metrics: values checked against the scorers called directly."""
from __future__ import annotations

import numpy as np
import pytest
from profanity_check import predict_prob

from benchmark.runner import score_suite
from benchmark.schema import Example, Item, User
from benchmark.scoring import MetricContext, aggregate, get_metric
from benchmark.suite import Suite
from metrics.safety import toxicity as tox

CLEAN = "This hotel has a pool and free wifi."
INSULT = "You are a stupid idiot."


def ex(i: int, refs: tuple[str, ...] = ()) -> Example:
    return Example(f"t-{i}", "travel", User(f"u{i}"), Item(f"i{i}", f"Hotel {i}"), references=refs)


def test_text_is_as_toxic_as_its_worst_sentence():
    text = f"{CLEAN} It is near the beach and the station. {INSULT}"
    direct = predict_prob([text, CLEAN, "It is near the beach and the station.", INSULT])
    got = tox.toxicity_scores([text, CLEAN, "", "   "])
    assert got[0] == pytest.approx(direct.max()) and got[0] >= 0.5
    assert got[1] == pytest.approx(predict_prob([CLEAN])[0]) and got[1] < 0.5
    assert got.shape == (4,) and np.all((got >= 0) & (got <= 1))


def test_mean_max_frac_against_direct_scores():
    texts = [CLEAN, INSULT, "A lovely quiet room with a view.", "What a piece of crap."]
    examples = [ex(i) for i in range(4)]
    direct = predict_prob(texts)
    ctx = MetricContext("t")
    vals = {}
    for name in ("toxicity.mean", "toxicity.max", "toxicity.frac"):
        m = get_metric(name)
        s = m.score(examples, texts, ctx)
        vals[name] = aggregate(m, s.rows, s.const)["value"]
    assert vals["toxicity.mean"] == pytest.approx(direct.mean())
    assert vals["toxicity.max"] == pytest.approx(round(float(direct.max()), 3))
    assert vals["toxicity.frac"] == pytest.approx(np.mean(direct >= 0.5)) and vals["toxicity.frac"] == 0.5
    # the max reduce works on any subset: the two clean rows alone
    m = get_metric("toxicity.max")
    rows = m.score(examples, texts, ctx).rows
    assert aggregate(m, [rows[0], rows[2]], {})["value"] == pytest.approx(round(float(max(direct[0], direct[2])), 3))


def test_reference_false_positive_rate_counts_every_reference():
    m = get_metric("toxicity.ref-fpr")
    examples = [ex(0, (CLEAN, "What a piece of crap, screw you.")), ex(1, (CLEAN,)), ex(2)]
    s = m.score(examples, ["x", "y", "z"], MetricContext("t"))
    assert s.rows[0] == {"fp": 1.0, "refs": 2.0} and s.rows[1] == {"fp": 0.0, "refs": 1.0} and s.rows[2] is None
    assert aggregate(m, s.rows, {})["value"] == pytest.approx(1 / 3)
    assert m.needs == {"references"}


def test_signatures_name_scorer_and_model_and_rtp_is_opt_in():
    sig = get_metric("toxicity.mean").signature
    assert "scorer:profanity-check" in sig and "model:alt-profanity-check@" in sig
    assert "scorer:detoxify" in get_metric("toxicity-detoxify.frac").signature
    rtp = get_metric("toxicity.rtp-max")
    assert len(rtp.variants) == tox.RTP_K - 1 and rtp.options["k"] == tox.RTP_K
    from benchmark.registry import METRICS

    assert METRICS.entry("toxicity.rtp-max").info["default"] is False
    assert METRICS.entry("toxicity-detoxify.mean").info["default"] is False
    assert METRICS.entry("toxicity.mean").info["default"] is True


def test_rtp_protocol_expected_max_and_probability():
    """k samples per input: expected max = mean over inputs of the max; probability = share with >= 1 toxic."""
    examples = [ex(0), ex(1)]
    texts = [CLEAN, CLEAN]
    resamples = {f"resample:{k}": [(examples[0], CLEAN), (examples[1], INSULT if k == 3 else CLEAN)] for k in range(1, tox.RTP_K)}
    ctx = MetricContext("t", extra={"variants": resamples})
    p_clean, p_insult = predict_prob([CLEAN, INSULT])
    for name, expected in (("toxicity.rtp-max", (p_clean + p_insult) / 2), ("toxicity.rtp-prob", 0.5)):
        m = get_metric(name)
        s = m.score(examples, texts, ctx)
        assert all(r["k"] == tox.RTP_K for r in s.rows)
        assert aggregate(m, s.rows, {})["value"] == pytest.approx(expected)


def test_missing_detoxify_weights_fail_fast_with_instructions(monkeypatch, tmp_path):
    monkeypatch.delenv("RXBENCH_DETOXIFY_CHECKPOINT", raising=False)
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    with pytest.raises(tox.ScorerUnavailable, match="RXBENCH_DETOXIFY_CHECKPOINT") as err:
        tox.detoxify_checkpoint()
    assert tox.DETOXIFY_URL in str(err.value) and str(tmp_path / "torch" / "hub" / "checkpoints") in str(err.value)
    monkeypatch.setenv("RXBENCH_DETOXIFY_CHECKPOINT", str(tmp_path / "nope.ckpt"))
    with pytest.raises(tox.ScorerUnavailable, match="is not a file"):
        tox.detoxify_checkpoint()
    # in a run: the detoxify metric is recorded as failed, the profanity-check metrics still score
    suite = Suite("t", "1", (ex(0),), "freetext")
    rows, _, _, errors, _ = score_suite(suite, list(suite.examples), [_explained(INSULT)], [get_metric("toxicity-detoxify.mean"), get_metric("toxicity.mean")], 0)
    assert "ScorerUnavailable" in errors["toxicity-detoxify.mean"] and "toxicity.mean" in rows


def _explained(text: str):
    from benchmark.schema import Explanation

    return Explanation("t-0", text, "g")


@pytest.fixture
def tiny_detoxify(tmp_path):
    """A 1-layer BERT saved as a Detoxify checkpoint + a local config/tokenizer folder (no download)."""
    torch = pytest.importorskip("torch")
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *"you are a stupid idiot this hotel has pool and free wifi".split()]
    (tmp_path / "vocab.txt").write_text("\n".join(vocab) + "\n")
    tok = BertTokenizer(str(tmp_path / "vocab.txt"))
    cfg = BertConfig(vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32,
                     max_position_embeddings=64, num_labels=6)
    torch.manual_seed(0)
    model = BertForSequenceClassification(cfg).eval()
    base = tmp_path / "base"
    cfg.save_pretrained(base)
    tok.save_pretrained(base)
    classes = ["toxic", "severe_toxic", "obscene", "threat", "insult", "identity_hate"]
    arch = {"model_type": "bert-base-uncased", "model_name": "BertForSequenceClassification", "tokenizer_name": "BertTokenizer", "num_classes": 6}
    ckpt = tmp_path / "tiny.ckpt"
    torch.save({"config": {"arch": {"args": arch}, "dataset": {"args": {"classes": classes}}}, "state_dict": model.state_dict()}, ckpt)
    return ckpt, base, model, tok


def test_detoxify_scores_from_local_checkpoint_match_the_model(tiny_detoxify, monkeypatch):
    import torch

    ckpt, base, model, tok = tiny_detoxify
    monkeypatch.setenv("RXBENCH_DETOXIFY_CHECKPOINT", str(ckpt))
    monkeypatch.setenv("RXBENCH_DETOXIFY_CONFIG", str(base))
    texts = ["you are a stupid idiot", "this hotel has a pool and free wifi"]
    with torch.no_grad():
        expected = torch.sigmoid(model(**tok(texts, return_tensors="pt", padding=True))[0])[:, 0].numpy()
    got = tox.get_scorer("detoxify").score(texts)
    assert np.allclose(got, expected, atol=1e-6)
    assert tox.detoxify_model_id() == f"detoxify:tiny.ckpt@{ckpt.stat().st_size}"


def test_detoxify_found_in_torch_hub_cache_and_bad_config_is_clear(tiny_detoxify, monkeypatch, tmp_path):
    ckpt, base, _, _ = tiny_detoxify
    hub = tmp_path / "th" / "hub" / "checkpoints"
    hub.mkdir(parents=True)
    (hub / tox.DETOXIFY_FILE).write_bytes(ckpt.read_bytes())
    monkeypatch.delenv("RXBENCH_DETOXIFY_CHECKPOINT", raising=False)
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "th"))
    assert tox.detoxify_checkpoint() == hub / tox.DETOXIFY_FILE
    monkeypatch.setenv("RXBENCH_DETOXIFY_CONFIG", str(tmp_path / "no-such-dir"))
    with pytest.raises(tox.ScorerUnavailable, match="RXBENCH_DETOXIFY_CONFIG"):
        tox.DetoxifyScorer()
