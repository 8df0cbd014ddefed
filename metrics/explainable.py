"""Explainable-recommendation metrics (PETER, Li et al. 2021): USR, FMR, FCR, DIV, DIST-n.

All of them are set or count statistics, so each row holds the sample's
distinct keys (token-sequence hash, detected canonical features, n-grams) and
the reducers count columns: shards merge and bootstrap resamples reduce
without any pair loop. Texts are seen through `metrics.text.tokens`: Chinese
as jieba words (so Distinct-n counts word n-grams in both languages), and
features are matched on Han characters (`metrics.text.han_split`).
Feature detection differs from PETER's `feature_detect` (an output token counts
when it is one of the single-word features): rxbench matches multi-word phrases
and every lexicon surface form / synonym of a feature, and words of the item's
own title count as mentions (a title "Lakeside Spa Hotel" mentions "spa").
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from benchmark.schema import Example
from benchmark.scoring import MetricContext, Scored, Sums, alias, metric
from metrics.text import TOKENIZER, contains, digest, han_split, match_key, matcher_for, stat_key, tokens

TOK = {"tok": TOKENIZER}  # the tokenizer (and jieba version) every metric here reads texts through


def _columns_present(s: Sums, prefix: str) -> np.ndarray:
    """Per resample: how many distinct keys with this prefix occur at least once."""
    return (s.prefix(prefix) > 0).sum(axis=1).astype(float)


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), np.nan)


def _usr_reduce(s: Sums) -> np.ndarray:
    return _ratio(_columns_present(s, "h:"), s.n)


@metric("usr", area="explainability", reduce=_usr_reduce, resample="half", bounds=(0.0, 1.0), identity=TOK)
def usr(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Unique sentence ratio: |distinct token sequences| / N outputs (PETER's USR).

    Row: {"h:<12-hex blake2b of the token sequence>": 1}; the reducer counts the
    distinct hashes among the selected rows.
    """
    return Scored([{"h:" + digest(" ".join(tokens(t))): 1} for t in texts])


def _feature_sets(texts: Sequence[str], ctx: MetricContext) -> list[set[str]]:
    m = matcher_for(ctx)
    return [m.detect(tokens(t)) for t in texts]


def _feature_rows(sets: list[set[str]]) -> list[dict[str, float]]:
    return [{stat_key("f", f): 1 for f in fs} for fs in sets]


@metric("fmr", area="explainability", needs={"features"}, bounds=(0.0, 1.0), identity=TOK)
def fmr(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Feature matching ratio: mean of 1[output mentions >= 1 of the example's matched features].

    A feature counts as mentioned through its canonical value or any lexicon
    surface form (ctx.lexicon). With exactly one matched feature per
    example this is PETER's FMR; examples without matched features get no row.
    """
    m = matcher_for(ctx)
    rows: list[dict[str, float] | None] = []
    for ex, text in zip(examples, texts):
        wanted = [v for r in ex.signals.matched if (v := match_key(r.value))]
        if not wanted:
            rows.append(None)
            continue
        toks = han_split(tokens(text))
        canon = {c for v in wanted for c in m.canonical(v)}
        hit = bool(canon & m.detect(toks)) or any(v not in m.surface and contains(toks, v.split(" ")) for v in wanted)
        rows.append({"v": float(hit)})
    return Scored(rows, [None if r is None else r["v"] for r in rows])


def _fcr_reduce(s: Sums) -> np.ndarray:
    n_features = float(s.const.get("n_features", 0))
    return _ratio(_columns_present(s, "f"), np.full(len(s.n), n_features))


@metric("fcr", area="explainability", needs={"features"}, reduce=_fcr_reduce, resample="half", bounds=(0.0, 1.0), identity=TOK)
def fcr(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Feature coverage ratio: |canonical features detected in any output| / |canonical feature vocabulary|.

    Synonyms and inflected surface forms map to their canonical value, so
    "pool" and "swimming pool" cover one feature; const n_features is the
    number of canonical values in ctx.features + lexicon.
    """
    rows = _feature_rows(_feature_sets(texts, ctx))
    return Scored(rows, const={"n_features": float(len(matcher_for(ctx).vocabulary))})


def _div_reduce(s: Sums) -> np.ndarray:
    counts = s.prefix("f")
    shared_pairs = (counts * (counts - 1) / 2).sum(axis=1)
    return _ratio(shared_pairs, s.n * (s.n - 1) / 2)


@metric("div", area="explainability", higher_is_better=False, needs={"features"}, reduce=_div_reduce, resample="half", bounds=(0.0, None), identity=TOK)
def div(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Feature diversity (lower is better): mean |F_i & F_j| over all pairs of outputs = sum_f C(n_f, 2) / C(N, 2).

    n_f = number of outputs mentioning canonical feature f; equal to PETER's
    pair loop, computed in O(total features) from the column sums.
    """
    return Scored(_feature_rows(_feature_sets(texts, ctx)))


def _distinct_reduce(s: Sums) -> np.ndarray:
    return _ratio(_columns_present(s, "g"), s["n"])


@metric("distinct1", area="explainability", reduce=_distinct_reduce, resample="half", bounds=(0.0, 1.0), identity=TOK)
def distinct(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, n: int = 1) -> Scored:
    """Distinct-n: |distinct n-grams over all outputs| / |n-grams over all outputs|.

    Row: the sample's distinct n-grams as keys (hashed when long) and its n-gram count n.
    """
    rows: list[dict[str, float]] = []
    values: list[float | None] = []
    for text in texts:
        toks = tokens(text)
        grams = set(zip(*(toks[i:] for i in range(n))))
        total = max(len(toks) - n + 1, 0)
        rows.append({"n": float(total), **{stat_key("g", " ".join(g)): 1 for g in grams}})
        values.append(len(grams) / total if total else None)
    return Scored(rows, values)


alias("distinct2", "distinct1", n=2)
