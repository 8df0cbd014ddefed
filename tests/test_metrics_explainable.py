"""USR, FMR, FCR, DIV, Distinct-n and the feature detection they share."""
from __future__ import annotations

import math
import random

import numpy as np
import pytest

from benchmark.perf import peter_div, peter_usr
from benchmark.scoring import MetricContext, StatRows, aggregate, get_metric
from benchmark.suite import Suite
from metrics.hf import to_examples
from metrics.text import matcher, stat_key, tokens

LEXICON = {
    "amenity": {"pool": ("swimming pool", "pools"), "wifi": ("wi-fi", "internet"), "spa": ()},
    "extra": {"gym": ("fitness center",), "pool table": ()},
}
CTX = MetricContext("test", frozenset({"pool", "wifi", "spa", "gym", "pool table"}), LEXICON)


def score(name, texts, ctx=CTX, matched=None):
    m = get_metric(name)
    ex = to_examples(len(texts), matched=matched)
    scored = m.score(ex, texts, ctx)
    return scored, aggregate(m, scored.rows, scored.const)


def test_tokens_normalise_case_width_and_punctuation():
    assert tokens("Great POOL, nice Ｗｉ-Ｆｉ!") == ("great", "pool", ",", "nice", "wi", "-", "fi", "!")
    assert tokens("") == () and tokens(" \n\t ") == ()


def test_detection_maps_synonyms_to_canonical_and_prefers_longest_phrase():
    m = matcher(CTX.features, LEXICON)
    assert m.detect(tokens("Two swimming pools and fast Wi-Fi.")) == {"pool", "wifi"}
    assert m.detect(tokens("A pool table in the lobby")) == {"pool table"}  # not "pool" as well
    assert m.detect(tokens("the fitness center, the spa")) == {"gym", "spa"}
    assert m.detect(tokens("nothing relevant")) == set()
    assert m.vocabulary == {"pool", "wifi", "spa", "gym", "pool table"}


def test_usr_hand_computed():
    # token sequences: (good pool .) twice (case and spacing differ), (great spa), () -> 3 distinct of 4
    scored, agg = score("usr", ["Good pool.", "good  pool .", "Great spa", ""])
    assert agg["value"] == pytest.approx(0.75) and agg["n"] == 4
    assert all(len(k) == 14 for r in scored.rows for k in r)  # "h:" + 12 hex chars


def test_distinct_hand_computed():
    texts = ["great pool and spa", "great pool", ""]
    # unigrams: 4 + 2 + 0 = 6 total, distinct {great, pool, and, spa} = 4
    # bigrams: (great pool, pool and, and spa) + (great pool) = 4 total, 3 distinct
    s1, a1 = score("distinct1", texts)
    s2, a2 = score("distinct2", texts)
    assert a1["value"] == pytest.approx(4 / 6) and a2["value"] == pytest.approx(3 / 4)
    assert s1.values == [1.0, 1.0, None] and s2.values == [1.0, 1.0, None]
    assert math.isnan(score("distinct2", ["one", ""])[1]["value"])  # no bigram at all


def test_fmr_uses_matched_features_and_their_surface_forms():
    texts = ["It has two swimming pools.", "Fast Wi-Fi everywhere", "Lovely spa", "A gym", "no features"]
    matched = [["pool"], ["WiFi"], ["gym", "spa"], ["rooftop bar"], []]
    # 1: "swimming pools" -> pool; 2: "wi-fi" -> wifi (matched value case-insensitive);
    # 3: spa is one of two matched features -> 1; 4: "rooftop bar" not mentioned -> 0; 5: no row
    scored, agg = score("fmr", texts, matched=matched)
    assert [r and r["v"] for r in scored.rows] == [1.0, 1.0, 1.0, 0.0, None]
    assert agg["value"] == pytest.approx(3 / 4) and agg["n"] == 4
    # a matched value outside the vocabulary is still found in the text
    assert score("fmr", ["great rooftop bar"], matched=[["Rooftop Bar"]])[1]["value"] == 1.0


def test_fcr_counts_canonical_features_only():
    # detected: {pool} via "pools", {wifi} via "internet", {pool} again -> 2 of 5 canonical values;
    # surface forms in the vocabulary ("pools") do not grow the denominator.
    ctx = MetricContext("t", CTX.features | {"pools", "internet"}, LEXICON)
    scored, agg = score("fcr", ["pools!", "internet access", "a pool"], ctx)
    assert scored.const == {"n_features": 5.0}
    assert agg["value"] == pytest.approx(2 / 5)


def test_div_hand_computed_and_resampled():
    texts = ["pool and spa", "a pool", "spa and gym", "nothing"]
    # pairs sharing features: (0,1) pool, (0,2) spa -> 2 shared over C(4,2) = 6 pairs
    # = sum_f C(n_f, 2) / C(4, 2) with n_pool = 2, n_spa = 2, n_gym = 1 -> (1 + 1 + 0) / 6
    scored, agg = score("div", texts)
    assert agg["value"] == pytest.approx(1 / 3)
    m = get_metric("div")
    weights = np.array([[1, 1, 1, 1], [2, 0, 0, 0], [1, 1, 0, 0], [0, 0, 0, 1]], float)
    got = StatRows(scored.rows).values(m, scored.const, weights)
    # [2,0,0,0]: text 0 twice shares {pool, spa} -> 2 / 1; [1,1,0,0]: pool -> 1 / 1; one text -> no pair
    assert got[:3] == pytest.approx([1 / 3, 2.0, 1.0])
    assert math.isnan(got[3])


def test_usr_fcr_resampled_rows():
    scored, _ = score("usr", ["a b", "a b", "c"])
    got = StatRows(scored.rows).values(get_metric("usr"), scored.const, np.array([[1, 1, 0], [0, 1, 2], [3, 0, 0]], float))
    assert got == pytest.approx([0.5, 2 / 3, 1 / 3])
    scored, _ = score("fcr", ["pool", "spa", "wifi"])
    got = StatRows(scored.rows).values(get_metric("fcr"), scored.const, np.array([[1, 1, 1], [2, 0, 0], [0, 1, 1]], float))
    assert got == pytest.approx([3 / 5, 1 / 5, 2 / 5])


@pytest.mark.parametrize("seed", range(5))
def test_linear_usr_div_fcr_equal_pair_loops_on_random_data(seed):
    rng = random.Random(f"pairs:{seed}")
    vocab = [f"f{i}" for i in range(12)]
    words = vocab + ["the", "a", "is", "nice", "great"]
    pool = [" ".join(rng.choices(words, k=rng.randint(0, 6))) for _ in range(40)]
    texts = [rng.choice(pool) for _ in range(rng.randint(2, 120))]  # duplicates on purpose
    ctx = MetricContext("rand", frozenset(vocab))
    seqs = [list(tokens(t)) for t in texts]
    assert score("usr", texts, ctx)[1]["value"] == pytest.approx(peter_usr(seqs), rel=1e-12)
    assert score("div", texts, ctx)[1]["value"] == pytest.approx(peter_div(seqs, set(vocab)), rel=1e-12)
    covered = set().union(*({t for t in s if t in vocab} for s in seqs))
    assert score("fcr", texts, ctx)[1]["value"] == pytest.approx(len(covered) / len(vocab))


def test_suite_context_detects_lexicon_synonyms():
    suite = Suite("s", "1", tuple(to_examples(2, matched=[["pool"], ["gym"]])), lexicon=LEXICON)
    ctx = MetricContext(suite.name, suite.features, suite.lexicon)
    scored, agg = score("fmr", ["a swimming pool", "fitness center"], ctx, matched=[["pool"], ["gym"]])
    assert agg["value"] == 1.0


def test_keys_stay_compact_and_stable():
    assert stat_key("f", "pool") == "f:pool"
    long = stat_key("g", "a rather long n-gram of words")
    assert long.startswith("g#") and len(long) == 14 and long == stat_key("g", "a rather long n-gram of words")


@pytest.mark.parametrize("name", ["usr", "fmr", "fcr", "div", "distinct1", "distinct2"])
def test_hostile_texts_do_not_crash(name):
    texts = ["", "   ", "日本語のテキスト pool 🎉", "مرحبا wifi", "pool " * 50000, "\x00\u200b\ud800 spa"]
    matched = [["pool"], ["spa"], ["pool"], ["wifi"], ["pool"], [""]]
    scored, agg = score(name, texts, matched=matched)
    assert len(scored.rows) == len(texts)
    assert math.isfinite(agg["value"])
    # an empty vocabulary gives nan coverage, not an exception
    empty = MetricContext("empty")
    assert len(score(name, texts, empty, matched=matched)[0].rows) == len(texts)
