"""Fluency: perplexity under a reference language model, repetition, length.

`ppl` / `ppl_median` score each explanation on its own (no prompt) under a
reference LM: per-token NLL of the text after a start token, perplexity =
exp(mean NLL). The LM is the metric option `lm`: `gemma` (default; the
packaged Gemma 3 270M, optional extra rxbench[gemma]), `hf:DIR`, `gguf:FILE`;
set it with $RXBENCH_FLUENCY_LM. Its identity (name and content hash) is in
the signature, so perplexities under different LMs never compare.

The median is not a sum, so each sample's row is a one-hot histogram bin of
its log-perplexity (0.01-nat bins, i.e. 1% of perplexity) and the reducer
reads the median off the cumulative counts, vectorised over bootstrap rows.
"""
from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from benchmark.lang import ZH_SHARE, han_share
from benchmark.lm import gemma
from benchmark.lm.loading import ModelRef, parse_ref, ref_digest, shared, threads_for
from benchmark.schema import Example, sha256_json
from benchmark.scoring import MetricContext, Scored, Sums, alias, env_default, mean_reducer, metric
from metrics.text import TOKENIZER, han_split, tokens

LM_ENV = "RXBENCH_FLUENCY_LM"
BIN = 0.01  # nats of log-perplexity per histogram bin
MAX_TOKENS = 256  # tokens of an explanation scored (a longer text is cut)
LOGITS_BUDGET = 64_000_000  # batch * length * vocab floats per forward pass (~256 MB)
DEFAULT_LM = env_default(LM_ENV, "gemma")


def lm_spec() -> str:
    return DEFAULT_LM.resolve()


def _ref(spec: str) -> ModelRef:
    """The ModelRef a reference-LM spec names (Gemma needs the optional extra)."""
    if spec == "gemma":
        return ModelRef(gemma.gguf_path())
    kind, sep, arg = spec.partition(":")
    return parse_ref(arg if sep and kind in ("hf", "gguf") else spec)


def lm_identity(spec: str) -> str:
    """`name@sha12` of the reference LM, without loading it (Gemma: the package's
    published sha256; a local model: its content hash)."""
    if spec == "gemma":
        if not gemma.available():
            return "gemma-3-270m-q4_k_m(not installed)"
        return f"gemma-3-270m-q4_k_m@{gemma.expected_sha256()[:12]}"
    try:
        ref = _ref(spec)
    except FileNotFoundError:
        return f"{spec}(missing)"
    return f"{ref.label()}@{ref_digest(ref)[:12]}"


def _load_lm(spec: str) -> tuple[Any, Any]:
    """(tokenizer, model), shared with a generator that loaded the same model."""
    return shared(_ref(spec))


def _ids(tok: Any, text: str, max_tokens: int) -> list[int]:
    start = tok.bos_token_id if tok.bos_token_id is not None else tok.eos_token_id
    return [start] + tok(text, add_special_tokens=False).input_ids[:max_tokens]


def log_perplexities(texts: Sequence[str], spec: str, max_tokens: int = MAX_TOKENS) -> list[float | None]:
    """Mean per-token NLL (nats) of each text under the LM; None for a text with no tokens.
    Batches are formed by length and sized so the logits stay within LOGITS_BUDGET."""
    import torch

    tok, model = _load_lm(spec)
    seqs = [_ids(tok, t, max_tokens) if t.strip() else [] for t in texts]
    out: list[float | None] = [None] * len(texts)
    order = sorted((i for i, s in enumerate(seqs) if len(s) > 1), key=lambda i: len(seqs[i]))
    vocab = model.config.get_text_config().vocab_size
    pad = tok.pad_token_id if tok.pad_token_id is not None else 0
    start = 0
    with torch.inference_mode(), threads_for(model):
        while start < len(order):
            width = len(seqs[order[start]])
            size = 1
            while start + size < len(order) and (size + 1) * len(seqs[order[start + size]]) * vocab <= LOGITS_BUDGET and size < 64:
                size += 1
            idx = order[start : start + size]
            width = max(len(seqs[i]) for i in idx)
            ids = torch.full((len(idx), width), pad, dtype=torch.long)
            mask = torch.zeros((len(idx), width), dtype=torch.long)
            for r, i in enumerate(idx):
                ids[r, : len(seqs[i])] = torch.tensor(seqs[i])
                mask[r, : len(seqs[i])] = 1
            logits = model(input_ids=ids, attention_mask=mask).logits[:, :-1].float()
            nll = torch.nn.functional.cross_entropy(logits.transpose(1, 2), ids[:, 1:], reduction="none")
            nll = (nll * mask[:, 1:]).sum(1) / mask[:, 1:].sum(1)
            for r, i in enumerate(idx):
                out[i] = float(nll[r])
            start += size
    return out


_MEMO: dict[str, list[float | None]] = {}


def _scored_lp(texts: Sequence[str], lm: str, max_tokens: int) -> list[float | None]:
    """log-perplexities, memoised for the last batch so ppl and ppl_median share one pass."""
    key = sha256_json([lm, max_tokens, list(texts)])
    if key not in _MEMO:
        _MEMO.clear()
        _MEMO[key] = log_perplexities(texts, lm, max_tokens)
    return _MEMO[key]


def median_reducer(s: Sums) -> np.ndarray:
    """exp(median log-perplexity) from the `b:<bin>` histogram columns, per bootstrap row.
    Even n: the mean of the two middle bins' centres."""
    cols = sorted((int(k[2:]), i) for k, i in s.index.items() if k.startswith("b:"))
    if not cols:
        return np.full(s.matrix.shape[0], np.nan)
    bins = np.array([b for b, _ in cols], dtype=float)
    cum = np.cumsum(s.matrix[:, [i for _, i in cols]], axis=1)
    n = s.n
    lo = bins[np.argmax(cum >= np.floor((n + 1) / 2)[:, None], axis=1)]
    hi = bins[np.argmax(cum >= (np.floor(n / 2) + 1)[:, None], axis=1)]
    return np.where(n > 0, np.exp((lo + hi + 1) / 2 * BIN), np.nan)


def _ppl_reduce(s: Sums, stat: str) -> np.ndarray:
    return median_reducer(s) if stat == "median" else mean_reducer(s)


@metric("ppl", area="fluency", higher_is_better=False, reduce=_ppl_reduce, bounds=(1.0, None), default=False,
        identity=lambda lm: {"lm_id": lm_identity(lm)})
def ppl(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, lm: str = DEFAULT_LM, stat: str = "mean",
        max_tokens: int = MAX_TOKENS) -> Scored:
    """Perplexity of each explanation under the reference LM (lower = more fluent); corpus: the mean of the
    per-sample values, or with stat="median" their median (robust to a few degenerate outputs), to 1%.

    Each text is scored on its own, cut to its first `max_tokens` tokens.
    """
    if stat not in ("mean", "median"):
        raise ValueError(f"ppl stat must be mean or median, got {stat!r}")
    lps = _scored_lp(texts, lm, max_tokens)
    rows: list[dict[str, float] | None] = [None if lp is None else {"v": math.exp(lp)} if stat == "mean" else {f"b:{math.floor(lp / BIN)}": 1} for lp in lps]
    return Scored(rows, [None if lp is None else math.exp(lp) for lp in lps])


alias("ppl_median", "ppl", stat="median")


def _words(text: str) -> list[str]:
    """Word tokens (punctuation dropped); Chinese as jieba words."""
    return [t for t in tokens(text) if t[0].isalnum() or t[0] == "_"]


def _length(text: str) -> int:
    """Words, except that Chinese counts characters (the usual unit of Chinese text length):
    "推荐这门Python课程" is 6 Han characters + 1 word = 7."""
    return len(han_split(_words(text)))


@metric("repetition", area="fluency", bounds=(0.0, 1.0), higher_is_better=False, identity={"tok": TOKENIZER})
def repetition(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, n: int = 3) -> Scored:
    """Repeated n-gram rate: per explanation 1 - distinct/total word n-grams (seq-rep-n of Welleck et al. 2020), mean over explanations with at least one n-gram."""
    rows: list[dict | None] = []
    for t in texts:
        w = _words(t)
        grams = [tuple(w[i : i + n]) for i in range(len(w) - n + 1)]
        rows.append({"v": 1 - len(set(grams)) / len(grams)} if grams else None)
    return Scored(rows, [r["v"] if r else None for r in rows])


@metric("length", area="fluency", higher_is_better=None, bounds=(0.0, None), identity={"tok": TOKENIZER})
def length(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Mean explanation length in words, Chinese in characters (punctuation not counted). Descriptive: the arrow only marks the longest."""
    lens = [_length(t) for t in texts]
    return Scored([{"v": n} for n in lens], [float(n) for n in lens])


def std_reducer(s: Sums) -> np.ndarray:
    """Population standard deviation from the sums of v and v^2."""
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = s["v"] / s.n
        return np.where(s.n > 0, np.sqrt(np.maximum(s["v2"] / s.n - mean**2, 0.0)), np.nan)


@metric("length_std", area="fluency", higher_is_better=None, reduce=std_reducer, bounds=(0.0, None), identity={"tok": TOKENIZER})
def length_std(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Standard deviation of the explanation length (as `length`); 0 = every explanation equally long (a template's tell)."""
    lens = [_length(t) for t in texts]
    return Scored([{"v": n, "v2": n * n} for n in lens], [float(n) for n in lens])


@metric("lang_match", area="fluency", bounds=(0.0, 1.0))
def lang_match(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, zh_share: float = ZH_SHARE) -> Scored:
    """Language match: share of explanations written in their example's language (declared, else detected from
    the references), a text counting as Chinese when Han characters are at least `zh_share` of its letters.

    Catches a generator that answers a Chinese request in English (or the reverse). No row for a text without
    letters (nothing to judge; `length` shows empty outputs). Known limit: two languages only (en, zh).
    """
    rows: list[dict[str, float] | None] = []
    for ex, text in zip(examples, texts):
        if not any(c.isalpha() for c in text or ""):
            rows.append(None)
            continue
        rows.append({"v": float(("zh" if han_share(text) >= zh_share else "en") == ex.language)})
    return Scored(rows, [None if r is None else r["v"] for r in rows])
