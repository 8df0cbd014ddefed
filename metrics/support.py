"""faith.support_score: learned meaning-level faithfulness of an explanation to its inputs.

Why learned: the rule judge (metrics.claims) is exact on the error kinds it was
written for (negation, antonyms, values, names) but ranks human-labelled
responses only a little better than word overlap: annotators weigh how much of
a text is new and specific, whether its words come in the inputs' combinations,
and whether it states anything at all. A logistic regression over
metrics.support_features (the rule judge's verdicts, specificity-weighted lexical
support, word-pair and trigram support, MiniLM clause alignment, user-side-only
words, repetition) weighs these together. It was trained here
(validation.train_support) on generated twins and the development half of
Q²'s topics only; see metrics/models/SUPPORT_MODEL_CARD.md.

Per claim (samples.jsonl "details"): a clause the rules find contradicted, or
unsupported for a specific reason (a new number, an unheld quality word), keeps
the rules' label, kind and span; any other clause is judged by the same head
reading the clause alone: unsupported below 0.5 (span: the rule's span, else
its most specific word the inputs lack), else supported. Texts are read
detokenized (metrics.support_features.detokenize), so claims and spans are
quoted from that form ("i'm not sure, but 45,700" for "i ' m not sure , but 45 , 700").
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from benchmark.schema import Example
from benchmark.scoring import MetricContext, Scored, metric
from metrics import claims
from metrics.claims import Verdict, specificity
from metrics.grounding import FRAME, evidence
from metrics.negation import words
from metrics.similarity import LEXICAL, default_backend, stem
from metrics.support_features import NAMES, detokenize, features

ARTIFACT = Path(__file__).resolve().parent / "models" / "support-lr.npz"
THRESHOLD = 0.5  # P(faithful) below: unfaithful (sample) / unsupported (claim)


@dataclass(frozen=True)
class Head:
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    meta: dict


@lru_cache(maxsize=1)
def head(path: Path = ARTIFACT) -> Head:
    """The shipped logistic regression; its feature names must be metrics.support_features.NAMES."""
    with np.load(path) as z:
        meta = json.loads(str(z["meta"]))
        if tuple(meta["features"]) != NAMES:
            raise ValueError(f"{path}: trained on features {meta['features']}, this code computes {list(NAMES)}; retrain (validation.train_support)")
        return Head(z["mean"], z["scale"], z["coef"], float(z["intercept"]), meta)


def faithful_probability(x: np.ndarray, h: Head | None = None) -> np.ndarray:
    """P(faithful) for feature rows: the head predicts the unfaithful class, so one minus its sigmoid."""
    h = h or head()
    z = ((x - h.mean) / h.scale) @ h.coef + h.intercept
    return 1.0 / (1.0 + np.exp(z))


def judged(examples: Sequence[Example], texts: Sequence[str], backend: str) -> tuple[Sequence[str], list[list[Verdict]], np.ndarray]:
    """(texts as judged, the rule judge's verdicts, feature rows): what the head reads, here and in
    validation.train_support. Texts are detokenized first; an unchanged batch stays the same list,
    so faith.claim_score of the batch shares the rule judge's verdicts (metrics.claims.verdicts)."""
    clean = [detokenize(t) for t in texts]
    texts = texts if clean == list(texts) else clean
    vs = claims.verdicts(examples, texts, LEXICAL)
    return texts, vs, features(examples, texts, vs, backend) if texts else np.zeros((0, len(NAMES)))


def _lacking(ex: Example, claim: str) -> str | None:
    """The claim's most specific content word whose stem the inputs lack (the offending span of an unsupported claim)."""
    have = evidence(ex).stems
    lacking = [w for w in words(claim) if w.text.isalpha() and (s := stem(w.text)) not in FRAME and s not in have and w.text not in ENGLISH_STOP_WORDS]
    best = max(lacking, key=lambda w: specificity(w.text), default=None)
    return None if best is None else claim[best.start : best.end]


def claim_verdicts(examples: Sequence[Example], verdicts: Sequence[Sequence[Verdict]], backend: str) -> list[list[dict]]:
    """Per-claim rows: the rule judge's contradictions kept, every other claim labelled by the head on the claim alone."""
    flat = [(ex, v) for ex, vs in zip(examples, verdicts) for v in vs]
    p = [float(q) for q in faithful_probability(features([e for e, _ in flat], [v.claim for _, v in flat], [[v] for _, v in flat], backend))] if flat else []
    rows = iter(_claim_row(ex, v, q) for (ex, v), q in zip(flat, p))
    return [[next(rows) for _ in vs] for vs in verdicts]


def _claim_row(ex: Example, v: Verdict, p: float) -> dict:
    if v.label == "contradicted" or v.kind in ("number", "quality"):  # the rules' specific findings stand
        return {**v.as_dict(), "p": round(p, 3)}
    if p >= THRESHOLD:
        return {"claim": v.claim, "label": "supported", "kind": None, "span": None, "p": round(p, 3)}
    span = v.span if v.label == "unsupported" and v.span != v.claim else _lacking(ex, v.claim) or v.claim
    return {"claim": v.claim, "label": "unsupported", "kind": v.kind if v.label == "unsupported" else None, "span": span, "p": round(p, 3)}


@metric("faith.support_score", area="faithfulness", bounds=(0.0, 1.0), threshold=THRESHOLD, default=False,
        identity={"head": hashlib.sha256(ARTIFACT.read_bytes()).hexdigest()[:12]})  # a retrained head is another metric
def support_score(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, model: str = default_backend()) -> Scored:
    """Learned faithfulness (0-1): the probability that the inputs support everything the explanation states; judge at 0.5.

    A logistic regression (metrics/models/support-lr.npz, trained in
    validation.train_support on generated twins and half of Q²'s topics) over the
    rule judge's verdicts, specificity-weighted word support, word-pair support and
    MiniLM clause alignment (metrics.support_features). Per-claim labels
    (supported / contradicted / unsupported), kinds and offending spans in the
    sample details. Known limits: a claim that recombines true words falsely keeps
    a fair score; trained on English; the head expects MiniLM features (the
    lexical fallback backend runs but was not validated). Not in the default set:
    it runs MiniLM over every clause and input (about 0.1 CPU s per explanation
    on a cold cache); ask for it by name.
    """
    texts, vs, x = judged(examples, texts, model)
    p = faithful_probability(x)
    per_claim = claim_verdicts(examples, vs, model)
    vals = [None if not t.strip() else float(q) for t, q in zip(texts, p)]
    return Scored([None if x is None else {"v": x} for x in vals], vals, details=[{"claims": c} if c else None for c in per_claim])
