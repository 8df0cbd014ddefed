"""Reference-overlap metrics: sacrebleu BLEU-1/4 and rouge-score ROUGE-1/2/L.

BLEU rows are sacrebleu's own per-sentence sufficient statistics (hypothesis
length, closest reference length, clipped n-gram matches and totals per
order); the reducer is sacrebleu's `BLEU.compute_bleu` vectorised over
resamples, so the corpus value equals `sacrebleu.corpus_bleu(...).score`.
ROUGE rows hold the sample's F-measure (max over its references).

Both libraries are called once per batch for all orders / ROUGE types: bleu1
reuses bleu4's statistics (the order-1 columns are identical), rouge2 and
rougeL reuse rouge1's scorer pass (small LRU caches keyed by the batch).
References that are empty or whitespace-only are dropped; a sample with no
reference left gets row None.

Chinese: BLEU tokenises each sample with sacrebleu's tokenizer for that
sample's language (`Example.language`: declared, else detected): `zh` (every
Han character a token, the rest as 13a) for Chinese, `13a` otherwise. A
Chinese suite's corpus BLEU therefore equals `sacrebleu.corpus_bleu(...,
tokenize="zh")`; a batch mixing languages sums each sample's statistics under
its own tokenizer (what a per-language split of the corpus would count).
ROUGE uses `HanTokenizer`: rouge-score's own tokenizer (lower-case [a-z0-9]
runs, Porter stems) on non-Han text plus one token per Han character.
Characters, not jieba words, because ROUGE counts overlap: a word split
differently in hypothesis and reference (jieba is context-sensitive) would
lose the whole word's overlap, and Chinese ROUGE is conventionally reported on
characters, the same unit as sacrebleu's `zh` BLEU.
"""
from __future__ import annotations

from functools import lru_cache
from importlib.metadata import version
from typing import Sequence

import numpy as np
import sacrebleu
from rouge_score import rouge_scorer, tokenizers
from sacrebleu.metrics.bleu import BLEU

from benchmark.lang import han_parts, has_han
from benchmark.schema import Example
from benchmark.scoring import MetricContext, Scored, ScoreFn, Sums, alias, metric

MAX_ORDER = 4
_SMOOTH_DEFAULTS = BLEU.SMOOTH_DEFAULTS
_MIN_LOG = -9999999999.0  # sacrebleu.utils.my_log(0)


def references(examples: Sequence[Example], texts: Sequence[str]) -> tuple[list[int], tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """(indices of samples with >= 1 non-blank reference, their hypotheses, their references)."""
    idx, hyps, refs = [], [], []
    for i, (ex, text) in enumerate(zip(examples, texts)):
        r = tuple(x for x in ex.references if x and x.strip())
        if r:
            idx.append(i)
            hyps.append(text or "")
            refs.append(r)
    return idx, tuple(hyps), tuple(refs)


def bleu_formula(
    sys_len: np.ndarray,
    ref_len: np.ndarray,
    correct: np.ndarray,
    total: np.ndarray,
    smooth: str = "exp",
    smooth_value: float | None = None,
    effective_order: bool = False,
) -> np.ndarray:
    """sacrebleu's `BLEU.compute_bleu` for every row of (B x order) match / total matrices."""
    order = correct.shape[1]
    k = _SMOOTH_DEFAULTS[smooth] if smooth_value is None else smooth_value
    no_match = ~(correct > 0).any(axis=1)  # sacrebleu returns 0 before smoothing (#141)
    c, t = correct.astype(float), total.astype(float)
    if smooth == "add-k":
        c[:, 1:] += k
        t[:, 1:] += k
    alive = np.cumprod(t > 0, axis=1).astype(bool)  # sacrebleu stops at the first order without n-grams
    zero = (c == 0) & alive
    safe_t = np.where(t > 0, t, 1.0)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        prec = 100.0 * c / safe_t
        if smooth == "exp":
            prec = np.where(zero, 100.0 / (2.0 ** np.cumsum(zero, axis=1) * safe_t), prec)
        elif smooth == "floor" and k is not None:  # k is None only for the "exp" and "none" defaults
            prec = np.where(zero, 100.0 * k / safe_t, prec)
        else:
            prec = np.where(zero, 0.0, prec)
        prec = np.where(alive, prec, 0.0)
        logs = np.where(prec > 0, np.log(np.where(prec > 0, prec, 1.0)), _MIN_LOG)
        eff = np.maximum(alive.sum(axis=1), 1) if effective_order else np.full(len(c), order)
        used = np.arange(order)[None, :] < eff[:, None]
        log_sum = np.zeros(len(c))
        for n in range(order):  # left-to-right like Python's sum(): bit-identical to sacrebleu
            log_sum = log_sum + np.where(used[:, n], logs[:, n], 0.0)
        short = (sys_len < ref_len) & (sys_len > 0)
        bp = np.where(sys_len < ref_len, 0.0, 1.0)
        bp = np.where(short, np.exp(1 - ref_len / np.where(sys_len > 0, sys_len, 1)), bp)
        return np.where(no_match, 0.0, bp * np.exp(log_sum / eff))


def _bleu_keys(order: int) -> tuple[str, ...]:
    return ("hyp", "ref", *(f"m{n}" for n in range(1, order + 1)), *(f"t{n}" for n in range(1, order + 1)))


@lru_cache(maxsize=2)
def _sacrebleu_stats(hyps: tuple[str, ...], refs: tuple[tuple[str, ...], ...], tok: str, lowercase: bool) -> np.ndarray:
    """sacrebleu's per-sentence stats at order 4: [hyp_len, ref_len, c1..c4, t1..t4] per row."""
    if not hyps:
        return np.zeros((0, 2 + 2 * MAX_ORDER))
    width = max(len(r) for r in refs)
    streams = [[r[j] if j < len(r) else None for r in refs] for j in range(width)]
    bleu = BLEU(tokenize=tok, lowercase=lowercase, max_ngram_order=MAX_ORDER, force=True)
    return np.asarray(bleu._extract_corpus_statistics(list(hyps), streams), dtype=float)  # type: ignore[arg-type]  # sacrebleu takes None for a missing reference (its stubs say str)


def _bleu_reduce(s: Sums, order: int, smooth: str) -> np.ndarray:
    correct = np.stack([s[f"m{n}"] for n in range(1, order + 1)], axis=1)
    total = np.stack([s[f"t{n}"] for n in range(1, order + 1)], axis=1)
    return bleu_formula(s["hyp"], s["ref"], correct, total, smooth)


def _stats_by_language(examples: Sequence[Example], idx: list[int], hyps: tuple[str, ...], refs: tuple[tuple[str, ...], ...], toks: dict[str, str], lowercase: bool) -> np.ndarray:
    """sacrebleu statistics of every sample under its language's tokenizer, in sample order."""
    langs = [examples[i].language for i in idx]
    out = np.zeros((len(idx), 2 + 2 * MAX_ORDER))
    for lang in sorted(set(langs)):
        rows = [j for j, g in enumerate(langs) if g == lang]
        if len(rows) == len(idx):
            return _sacrebleu_stats(hyps, refs, toks.get(lang, toks["en"]), lowercase)
        out[rows] = _sacrebleu_stats(tuple(hyps[j] for j in rows), tuple(refs[j] for j in rows), toks.get(lang, toks["en"]), lowercase)
    return out


@metric("bleu4", area="overlap", needs={"references"}, reduce=_bleu_reduce, bounds=(0.0, 100.0), identity={"sacrebleu": sacrebleu.__version__})
def bleu(order: int = MAX_ORDER, smooth: str = "exp", tok: str = "13a", tok_zh: str = "zh", lowercase: bool = False) -> ScoreFn:
    """BLEU (sacrebleu corpus BLEU up to n-gram order `order`, 0-100).

    Rows are sacrebleu's sentence statistics; multi-reference uses the closest reference length and
    max-count clipping over references. Per-sample value: sentence BLEU (effective order).
    Tokenizer per sample language: tok (English and other) or tok_zh (Chinese).
    """
    if not 1 <= order <= MAX_ORDER:
        raise ValueError(f"bleu order must be 1..{MAX_ORDER}, got {order}")
    cols = [0, 1, *range(2, 2 + order), *range(2 + MAX_ORDER, 2 + MAX_ORDER + order)]
    keys = _bleu_keys(order)

    def score(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
        idx, hyps, refs = references(examples, texts)
        stats = _stats_by_language(examples, idx, hyps, refs, {"en": tok, "zh": tok_zh}, lowercase)[:, cols]
        sent = bleu_formula(stats[:, 0], stats[:, 1], stats[:, 2 : 2 + order], stats[:, 2 + order :], smooth, effective_order=True)
        rows: list[dict[str, float] | None] = [None] * len(texts)
        values: list[float | None] = [None] * len(texts)
        for i, st, v in zip(idx, stats.tolist(), sent.tolist()):
            rows[i] = {k: x for k, x in zip(keys, st) if x}
            values[i] = v
        return Scored(rows, values)

    return score


alias("bleu1", "bleu4", order=1)

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL")


class HanTokenizer(tokenizers.Tokenizer):
    """rouge-score's DefaultTokenizer, plus one token per Han character (which it would drop).
    Text without Han characters tokenises exactly as rouge-score's default."""

    def __init__(self, use_stemmer: bool):
        self._default = tokenizers.DefaultTokenizer(use_stemmer=use_stemmer)

    def tokenize(self, text: str) -> list[str]:
        if not has_han(text):
            return self._default.tokenize(text)
        return [t for part in han_parts(text) for t in ([part] if has_han(part) else self._default.tokenize(part))]


@lru_cache(maxsize=2)
def _rouge_scorer(stemmer: bool) -> rouge_scorer.RougeScorer:
    return rouge_scorer.RougeScorer(list(ROUGE_TYPES), tokenizer=HanTokenizer(stemmer))


@lru_cache(maxsize=2)
def _rouge_f(hyps: tuple[str, ...], refs: tuple[tuple[str, ...], ...], stemmer: bool) -> dict[str, list[float]]:
    """F-measure per sample and ROUGE type, best reference per type (RougeScorer.score_multi)."""
    scorer = _rouge_scorer(stemmer)
    out: dict[str, list[float]] = {t: [] for t in ROUGE_TYPES}
    for hyp, ref in zip(hyps, refs):
        scores = scorer.score_multi(ref, hyp)
        for t in ROUGE_TYPES:
            out[t].append(scores[t].fmeasure)
    return out


@metric("rouge1", area="overlap", needs={"references"}, scale=100.0, bounds=(0.0, 100.0), identity={"rouge-score": version("rouge-score")})
def rouge(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, rouge_type: str = "rouge1", stemmer: bool = True) -> Scored:
    """ROUGE F-measure of type `rouge_type` (rouge-score, Porter stemmer), mean over samples, x100.

    Multi-reference: the best reference by F (RougeScorer.score_multi). Tokens: rouge-score's
    [a-z0-9] runs plus one per Han character (HanTokenizer); other non-Latin scripts score 0.
    """
    if rouge_type not in ROUGE_TYPES:
        raise ValueError(f"unknown ROUGE type {rouge_type!r}; known: {', '.join(ROUGE_TYPES)}")
    idx, hyps, refs = references(examples, texts)
    f = _rouge_f(hyps, refs, stemmer)[rouge_type]
    rows: list[dict[str, float] | None] = [None] * len(texts)
    values: list[float | None] = [None] * len(texts)
    for i, v in zip(idx, f):
        rows[i], values[i] = {"v": v}, 100.0 * v
    return Scored(rows, values)


alias("rouge2", "rouge1", rouge_type="rouge2")
alias("rougeL", "rouge1", rouge_type="rougeL")
