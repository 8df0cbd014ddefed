"""PETER compatibility profile: hand-computed cases and a port of the reference code as oracle."""
from __future__ import annotations

import collections
import math
import random

import numpy as np
import pytest

from benchmark.scoring import MetricContext, StatRows, aggregate, get_metric
from metrics.hf import to_examples

CTX = MetricContext("test")


def value(name, hyps, refs):
    m = get_metric(name)
    scored = m.score(to_examples(len(hyps), refs), hyps, CTX)
    return aggregate(m, scored.rows, scored.const)["value"]


# --- hand-computed ---------------------------------------------------------------------------


def test_bleu1_hand_computed():
    # 6 vs 6 tokens, clipped unigram matches the x2, cat, on, mat = 5 -> p1 = 5/6; ratio 1 -> bp = e^0
    assert value("peter.bleu1", ["The cat sat on the mat"], ["the cat is on the mat"]) == pytest.approx(100 * 5 / 6)
    # brevity: p1 = 2/2, ratio = 2/6 -> bp = exp(1 - 3) = e^-2
    assert value("peter.bleu1", ["the cat"], ["the cat is on the mat"]) == pytest.approx(100 * math.exp(-2))
    # corpus level: lengths 2 + 2 = 4 vs 6 + 3 = 9, matches 2 + 2 of 4 -> p1 = 1, bp = exp(1 - 9/4)
    got = value("peter.bleu1", ["the cat", "a dog"], ["the cat is on the mat", "a dog barks"])
    assert got == pytest.approx(100 * math.exp(1 - 9 / 4))


def test_bleu4_no_smoothing_and_shortest_reference():
    # "a b c d" vs "a b c e": no 4-gram matches and no smoothing -> 0
    assert value("peter.bleu4", ["a b c d"], ["a b c e"]) == 0.0
    assert value("peter.bleu4", ["a b c d e"], ["a b c d e"]) == pytest.approx(100.0)
    assert value("peter.bleu4", ["a b x c d"], ["a b c d e"]) == 0.0
    # "a b x c d" vs "a b c d e" alone: p1..p4 = 4/5, 2/4, 0/3, 0/2 -> 0 without smoothing;
    # with an exact sample: m = 5+4, 4+2, 3+0, 2+0 over t = 10, 8, 6, 4, lengths 10 = 10 -> bp 1
    got = value("peter.bleu4", ["a b c d e", "a b x c d"], ["a b c d e", "a b c d e"])
    assert got == pytest.approx(100 * (9 / 10 * 6 / 8 * 3 / 6 * 2 / 4) ** 0.25)
    # multi-reference: reference length = the SHORTEST (3), so 4 / 3 > 1 -> bp = 1; "d" matches the 2nd ref
    assert value("peter.bleu1", ["a b c d"], [["a b c", "a b c d e f"]]) == pytest.approx(100.0)


def test_rouge_n_on_sets_not_counts():
    # sets {the, cat} vs {the, cat, dog}: p = 2/2, r = 2/3 -> f = 2pr/(p+r+1e-8) = 0.8
    assert value("peter.rouge1", ["the the cat"], ["the cat cat dog"]) == pytest.approx(80.0)
    # bigram sets {a b, b c, c d} vs {a b, b c, c e}: p = r = 2/3 -> f = 2/3
    assert value("peter.rouge2", ["a b c d"], ["a b c e"]) == pytest.approx(100 * 2 / 3)


def test_rouge_l_with_beta_p_over_r():
    # LCS("a b c d", "a c e") = 2: r = 2/3, p = 1/2, beta = p/r = 3/4,
    # f = (1 + beta^2) r p / (r + beta^2 p) = 1.5625 * (1/3) / (2/3 + 0.28125) = 0.549450...
    expected = 1.5625 * (1 / 3) / (2 / 3 + 0.5625 * 0.5)
    assert value("peter.rougeL", ["a b c d"], ["a c e"]) == pytest.approx(100 * expected, rel=1e-9)
    # multi-reference: best reference
    assert value("peter.rougeL", ["a b c d"], [["x y", "a c e"]]) == pytest.approx(100 * expected, rel=1e-9)


def test_empty_hypothesis_and_missing_references():
    for name in ("peter.bleu1", "peter.bleu4", "peter.rouge1", "peter.rouge2", "peter.rougeL"):
        assert value(name, [""], ["the cat"]) == 0.0
        m = get_metric(name)
        scored = m.score(to_examples(2, [[], ["a b"]]), ["a b", "a b"], CTX)
        assert scored.rows[0] is None and scored.values[0] is None and scored.values[1] is not None


# --- oracle: the reference code's arithmetic, ported literally ---------------------------------


def _ngrams(seg, max_order):
    c = collections.Counter()
    for order in range(1, max_order + 1):
        for i in range(len(seg) - order + 1):
            c[tuple(seg[i : i + order])] += 1
    return c


def tf_compute_bleu(reference_corpus, translation_corpus, max_order):
    """tensorflow/nmt bleu.compute_bleu, smooth=False."""
    matches, possible = [0] * max_order, [0] * max_order
    ref_len = hyp_len = 0
    for refs, hyp in zip(reference_corpus, translation_corpus):
        ref_len += min(len(r) for r in refs)
        hyp_len += len(hyp)
        merged = collections.Counter()
        for r in refs:
            merged |= _ngrams(r, max_order)
        for g, c in (_ngrams(hyp, max_order) & merged).items():
            matches[len(g) - 1] += c
        for order in range(1, max_order + 1):
            if len(hyp) - order + 1 > 0:
                possible[order - 1] += len(hyp) - order + 1
    prec = [matches[i] / possible[i] if possible[i] > 0 else 0.0 for i in range(max_order)]
    geo = math.exp(sum(math.log(p) / max_order for p in prec)) if min(prec) > 0 else 0
    ratio = hyp_len / ref_len
    return geo * (1.0 if ratio > 1.0 else math.exp(1 - 1.0 / ratio))


def seq2seq_rouge(hyp, ref):
    """google/seq2seq rouge_n (n = 1, 2) and rouge_l_sentence_level F."""
    out = []
    for n in (1, 2):
        h = {tuple(hyp[i : i + n]) for i in range(len(hyp) - n + 1)}
        r = {tuple(ref[i : i + n]) for i in range(len(ref) - n + 1)}
        p = len(h & r) / len(h) if h else 0.0
        rc = len(h & r) / len(r) if r else 0.0
        out.append(2.0 * ((p * rc) / (p + rc + 1e-8)))
    table = [[0] * (len(ref) + 1) for _ in range(len(hyp) + 1)]
    for i in range(1, len(hyp) + 1):
        for j in range(1, len(ref) + 1):
            table[i][j] = table[i - 1][j - 1] + 1 if hyp[i - 1] == ref[j - 1] else max(table[i - 1][j], table[i][j - 1])
    llcs = table[-1][-1]
    r_lcs, p_lcs = llcs / len(ref), llcs / len(hyp)
    beta = p_lcs / (r_lcs + 1e-12)
    out.append((1 + beta**2) * r_lcs * p_lcs / (r_lcs + beta**2 * p_lcs + 1e-12))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_equals_reference_code_on_random_corpora(seed):
    rng = random.Random(f"peter:{seed}")
    words = "the a room staff pool clean great location breakfast good , .".split()
    hyps = [rng.choices(words, k=rng.randint(1, 14)) for _ in range(60)]
    refs = [rng.choices(words, k=rng.randint(1, 14)) for _ in range(60)]
    hyp_text, ref_text = [" ".join(h) for h in hyps], [" ".join(r) for r in refs]
    for order in (1, 4):
        expected = 100 * tf_compute_bleu([[r] for r in refs], hyps, order)
        assert value(f"peter.bleu{order}", hyp_text, ref_text) == pytest.approx(expected, rel=1e-12, abs=1e-12)
    oracle = np.array([seq2seq_rouge(h, r) for h, r in zip(hyps, refs)]).mean(axis=0) * 100
    got = [value(n, hyp_text, ref_text) for n in ("peter.rouge1", "peter.rouge2", "peter.rougeL")]
    assert got == pytest.approx(list(oracle), rel=1e-12)


def test_bleu_reduce_is_vectorised_over_resamples():
    hyps = ["the cat sat on the mat", "a dog barks", "the room was clean", "good"]
    refs = ["the cat is on the mat", "a dog barks loudly", "clean room", "good location"]
    m = get_metric("peter.bleu4")
    scored = m.score(to_examples(4, refs), hyps, CTX)
    weights = np.array([[1, 1, 1, 1], [3, 0, 0, 1], [0, 1, 2, 0]], float)
    got = StatRows(scored.rows).values(m, scored.const, weights)
    for w, v in zip(weights, got):
        idx = [i for i, c in enumerate(w) for _ in range(int(c))]
        expected = 100 * tf_compute_bleu([[refs[i].split()] for i in idx], [hyps[i].split() for i in idx], 4)
        assert v == pytest.approx(expected, rel=1e-12, abs=1e-12)


# --- PETER's length rules: references and outputs cut to 15 tokens -----------------------------


def test_outputs_and_references_are_cut_to_15_tokens():
    ref = " ".join(f"w{i}" for i in range(15)) + " x y z"  # 18 tokens: PETER keeps w0..w14
    hyp = " ".join(f"w{i}" for i in range(15)) + " p q r s t"  # 20 tokens: PETER generates 15
    assert value("peter.bleu4", [hyp], [ref]) == pytest.approx(100.0)  # uncut: p1 = 15/20, bp 1
    assert value("peter.rougeL", [hyp], [ref]) == pytest.approx(100.0)
    # a reference cut to 15 makes a 15-token output exact, however long the original was
    assert value("peter.bleu1", ["a b c d e f g h i j k l m n o"], ["a b c d e f g h i j k l m n o " + "z " * 40]) == pytest.approx(100.0)
    assert "max_len:15" in get_metric("peter.bleu4").signature


def _peter_protocol(text, seq_len=15):
    """PETER's reference path: sentence_format ([bos] + t[:seq_len] + [eos]) then ids2tokens (stop at eos)."""
    toks = text.lower().split()
    seq = ["<bos>"] + toks[:seq_len] + ["<eos>"] if len(toks) >= seq_len else ["<bos>"] + toks + ["<eos>"] + ["<pad>"] * (seq_len - len(toks))
    out = []
    for t in seq[1:]:
        if t == "<eos>":
            break
        out.append(t)
    return out


@pytest.mark.parametrize("seed", range(3))
def test_equals_the_reference_protocol_on_long_random_corpora(seed):
    rng = random.Random(f"peter-long:{seed}")
    words = "the a room staff pool clean great location breakfast good , .".split()
    hyp_text = [" ".join(rng.choices(words, k=rng.randint(1, 40))) for _ in range(50)]
    ref_text = [" ".join(rng.choices(words, k=rng.randint(1, 40))) for _ in range(50)]
    hyps = [_peter_protocol(h) for h in hyp_text]  # greedy decoding of --words 15 keeps at most 15 tokens
    refs = [_peter_protocol(r) for r in ref_text]
    for order in (1, 4):
        assert value(f"peter.bleu{order}", hyp_text, ref_text) == pytest.approx(100 * tf_compute_bleu([[r] for r in refs], hyps, order), rel=1e-12)
    oracle = np.array([seq2seq_rouge(h, r) for h, r in zip(hyps, refs)]).mean(axis=0) * 100
    assert [value(n, hyp_text, ref_text) for n in ("peter.rouge1", "peter.rouge2", "peter.rougeL")] == pytest.approx(list(oracle), rel=1e-12)
