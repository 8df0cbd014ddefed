"""PETER compatibility profile: BLEU and ROUGE computed the way lileipisces/PETER does.

PETER (utils.py) scores lower-cased, pre-tokenised text with
- `bleu.compute_bleu` (TF-NMT): corpus BLEU, no smoothing, brevity penalty
  exp(1 - 1/ratio) with ratio = sum hyp len / sum of each sample's SHORTEST
  reference length, precision of an order = 0 when it has no n-grams;
- `rouge.rouge` (google/seq2seq): per sample ROUGE-N on n-gram SETS
  (f = 2pr / (p + r + 1e-8)) and ROUGE-L with beta = P/R
  (`_f_p_r_lcs`), then the mean over samples; all scores x100.

Tokens: `metrics.text.tokens` (NFKC, lower-cased, punctuation split off as
its own token, as in PETER's pre-tokenised data), i.e. whitespace tokens of
text normalised that way.

Length rules (PETER's protocol, `max_len:15` in the signature): references
and outputs are cut to their first 15 tokens before scoring. PETER builds
each reference with `sentence_format(text, seq_len=15)` (`[bos] + text[:15] +
[eos]`) and reads it back with `ids2tokens`, which stops at `<eos>`; it
generates `--words 15` tokens per output. Without the cut, long free-text
explanations (XRec's are 40-80 tokens) score far below PETER's published
numbers. Not reproduced: PETER maps words outside its 20,000-word training
vocabulary to `<unk>` (a vocabulary rxbench does not have). Multi-reference (PETER has one): BLEU merges the
references as compute_bleu does; ROUGE takes the best reference per sample.
Where the reference code divides by zero (empty hypothesis or reference)
the score is 0.
"""
from __future__ import annotations

from collections import Counter
from functools import lru_cache, partial
from typing import Callable, Sequence

import numpy as np
from rapidfuzz.distance import LCSseq

from benchmark.schema import Example
from benchmark.scoring import MetricContext, Scored, ScoreFn, Sums, alias, metric
from metrics.overlap import MAX_ORDER, references
from metrics.text import TOKENIZER, tokens

MAX_LEN = 15  # PETER's seq_len / --words: tokens kept of every reference and output


def peter_tokens(text: str, max_len: int = MAX_LEN) -> tuple[str, ...]:
    """PETER's view of a text: its tokens, cut to the first `max_len`."""
    return tokens(text)[:max_len]


def compute_bleu(hyp_len: np.ndarray, ref_len: np.ndarray, matches: np.ndarray, possible: np.ndarray) -> np.ndarray:
    """TF-NMT compute_bleu (smooth=False) for every row of (B x order) match / possible matrices."""
    with np.errstate(invalid="ignore", divide="ignore"):
        prec = np.where(possible > 0, matches / np.where(possible > 0, possible, 1), 0.0)
        positive = np.logical_and.reduce(prec > 0, axis=1)  # every order has a match
        geo = np.where(positive, np.exp(np.log(np.where(positive[:, None], prec, 1.0)).mean(axis=1)), 0.0)
        ratio = hyp_len / ref_len  # geo > 0 implies hyp_len > 0; ref_len 0 gives inf, i.e. bp 1
        bp = np.where(ratio > 1.0, 1.0, np.exp(1 - 1.0 / ratio))
        return np.where(geo > 0, geo * bp, 0.0)


def _ngram_counts(t: Sequence[str]) -> Counter:
    """All n-grams of orders 1..MAX_ORDER (= 4) with their counts (compute_bleu's _get_ngrams)."""
    return Counter([*zip(t), *zip(t, t[1:]), *zip(t, t[1:], t[2:]), *zip(t, t[1:], t[2:], t[3:])])


def _bleu_row(hyp: Sequence[str], refs: Sequence[Sequence[str]]) -> dict[str, float]:
    """compute_bleu's per-sample counts at order 4 (lower orders are a subset of the keys)."""
    merged = _ngram_counts(refs[0])
    for ref in refs[1:]:
        merged |= _ngram_counts(ref)  # compute_bleu's `merged |= ...`: max count over references
    matches = [0] * MAX_ORDER
    for gram, count in _ngram_counts(hyp).items():
        if gram in merged:
            matches[len(gram) - 1] += min(count, merged[gram])
    row = {"hyp": float(len(hyp)), "ref": float(min(len(r) for r in refs))}
    for n in range(1, MAX_ORDER + 1):
        row[f"m{n}"] = float(matches[n - 1])
        row[f"t{n}"] = float(max(len(hyp) - n + 1, 0))
    return row


@lru_cache(maxsize=2)
def _bleu_rows(hyps: tuple[str, ...], refs: tuple[tuple[str, ...], ...], max_len: int) -> list[dict[str, float]]:
    """Shared by peter.bleu1 and peter.bleu4 (one pass per batch)."""
    return [_bleu_row(peter_tokens(h, max_len), [peter_tokens(r, max_len) for r in rs]) for h, rs in zip(hyps, refs)]


def _bleu_reduce(s: Sums, order: int) -> np.ndarray:
    m = np.stack([s[f"m{n}"] for n in range(1, order + 1)], axis=1)
    t = np.stack([s[f"t{n}"] for n in range(1, order + 1)], axis=1)
    return compute_bleu(s["hyp"], s["ref"], m, t)


def _per_sample(examples: Sequence[Example], texts: Sequence[str], score: Callable, max_len: int) -> list[dict[str, float] | None]:
    """Rows from `score(hyp_tokens, [ref_tokens]) -> row` for the samples with references, None elsewhere."""
    idx, hyps, refs = references(examples, texts)
    rows: list[dict[str, float] | None] = [None] * len(texts)
    for i, hyp, rs in zip(idx, hyps, refs):
        rows[i] = score(peter_tokens(hyp, max_len), [peter_tokens(r, max_len) for r in rs])
    return rows


@metric("peter.bleu4", area="overlap", needs={"references"}, reduce=_bleu_reduce, scale=100.0, bounds=(0.0, 100.0), default=False, identity={"tok": TOKENIZER})
def bleu(order: int = MAX_ORDER, max_len: int = MAX_LEN) -> ScoreFn:
    """PETER BLEU: TF-NMT corpus BLEU up to order `order`, no smoothing, brevity penalty, x100.

    Rows: hypothesis length, shortest reference length, clipped matches m_n and possible
    matches t_n = max(len - n + 1, 0) per order; texts cut to their first `max_len` tokens.
    """
    if not 1 <= order <= MAX_ORDER:
        raise ValueError(f"peter.bleu order must be 1..{MAX_ORDER}, got {order}")
    keys = ("hyp", "ref", *(f"m{n}" for n in range(1, order + 1)), *(f"t{n}" for n in range(1, order + 1)))

    def score(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
        idx, hyps, refs = references(examples, texts)
        rows: list[dict[str, float] | None] = [None] * len(texts)
        values: list[float | None] = [None] * len(texts)
        if idx:  # sentence BLEU = the corpus formula on one row
            mat = np.array([[r[k] for k in keys] for r in _bleu_rows(hyps, refs, max_len)])
            sent = _bleu_reduce(Sums(mat, keys, np.ones(len(idx)), {}), order)
            for i, row, v in zip(idx, mat.tolist(), sent.tolist()):
                rows[i], values[i] = {k: x for k, x in zip(keys, row) if x}, 100.0 * v
        return Scored(rows, values)

    return score


alias("peter.bleu1", "peter.bleu4", order=1)


def _ngram_set(toks: Sequence[str], n: int) -> set[tuple[str, ...]]:
    return set(zip(*(toks[i:] for i in range(n))))


def rouge_n(hyp: Sequence[str], ref: Sequence[str], n: int) -> float:
    """google/seq2seq rouge_n F: overlap of n-gram sets, f = 2pr / (p + r + 1e-8)."""
    h, r = _ngram_set(hyp, n), _ngram_set(ref, n)
    overlap = len(h & r)
    p = overlap / len(h) if h else 0.0
    rec = overlap / len(r) if r else 0.0
    return 2.0 * ((p * rec) / (p + rec + 1e-8))


def rouge_l(hyp: Sequence[str], ref: Sequence[str]) -> float:
    """google/seq2seq rouge_l_sentence_level F (`_f_p_r_lcs`, beta = P/R); LCS by rapidfuzz."""
    if not hyp or not ref:
        return 0.0
    llcs = LCSseq.similarity(hyp, ref)
    r_lcs, p_lcs = llcs / len(ref), llcs / len(hyp)
    beta = p_lcs / (r_lcs + 1e-12)
    num = (1 + beta**2) * r_lcs * p_lcs
    denom = r_lcs + (beta**2) * p_lcs
    return num / (denom + 1e-12)


ROUGE: dict[str, Callable[[Sequence[str], Sequence[str]], float]] = {"rouge1": partial(rouge_n, n=1), "rouge2": partial(rouge_n, n=2), "rougeL": rouge_l}


@metric("peter.rouge1", area="overlap", needs={"references"}, scale=100.0, bounds=(0.0, 100.0), default=False, identity={"tok": TOKENIZER})
def rouge(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, kind: str = "rouge1", max_len: int = MAX_LEN) -> Scored:
    """PETER ROUGE F (google/seq2seq rouge.py as PETER calls it): rouge1 / rouge2 on n-gram sets,
    rougeL with beta = P/R; mean over samples, x100. Texts cut to their first `max_len` tokens."""
    fn = ROUGE[kind]
    rows = _per_sample(examples, texts, lambda h, rs: {"v": max(fn(h, r) for r in rs)}, max_len)
    return Scored(rows, [None if r is None else 100.0 * r["v"] for r in rows])


alias("peter.rouge2", "peter.rouge1", kind="rouge2")
alias("peter.rougeL", "peter.rouge1", kind="rougeL")
