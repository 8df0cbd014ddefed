"""How well one score separates labelled bad cases from good ones.

Scores are oriented first (higher = more suspicious), so that one set of
functions serves "lower is better" rates and "higher is better" supports alike.
ROC AUC and the ROC curve come from scikit-learn; the AUC's bootstrap CI
resamples positives and negatives separately (so every resample has both
classes) and reads the AUC of each resample as scipy's Mann-Whitney U / (n+ n-),
which is the same quantity as roc_auc_score, computed for all resamples at once.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import mannwhitneyu
from sklearn.metrics import roc_auc_score, roc_curve

MAX_FPR = 0.05


@dataclass(frozen=True)
class Separation:
    """One score's separation of one labelled slice (None where undefined)."""

    auc: float | None
    auc_ci: tuple[float, float] | None
    recall_at_5fpr: float | None
    accuracy: float | None
    recall: float | None
    fpr: float | None
    n_pos: int
    n_neg: int


def orient(values: np.ndarray, higher_is_better: bool) -> np.ndarray:
    """Higher = flagged: a hallucination rate as is, a support score negated. NaN (no row) stays NaN."""
    return -values if higher_is_better else values.copy()


def fill_unflagged(oriented: np.ndarray) -> np.ndarray:
    """A sample the metric gives no value counts as not flagged: below every real score."""
    finite = oriented[np.isfinite(oriented)]
    floor = (finite.min() if finite.size else 0.0) - 1.0
    return np.where(np.isfinite(oriented), oriented, floor)


def flags(values: np.ndarray, threshold: float, higher_is_better: bool) -> np.ndarray:
    """The metric's own verdict: a rate at or above its threshold, a support below it; no value = not flagged."""
    with np.errstate(invalid="ignore"):
        hit = values < threshold if higher_is_better else values >= threshold
    return hit & np.isfinite(values)


def auc_ci(y: np.ndarray, score: np.ndarray, rng: np.random.Generator, n_boot: int, level: float = 0.95) -> tuple[float, float]:
    """Percentile CI of the ROC AUC under a bootstrap stratified by label."""
    pos, neg = score[y == 1], score[y == 0]
    bp = pos[rng.integers(0, len(pos), size=(n_boot, len(pos)))]
    bn = neg[rng.integers(0, len(neg), size=(n_boot, len(neg)))]
    aucs = mannwhitneyu(bp, bn, axis=1, method="asymptotic", use_continuity=False).statistic / (len(pos) * len(neg))
    lo, hi = np.quantile(aucs, [(1 - level) / 2, (1 + level) / 2])
    return float(lo), float(hi)


def recall_at_fpr(y: np.ndarray, score: np.ndarray, max_fpr: float = MAX_FPR) -> float:
    """The largest true-positive rate among the score's thresholds whose false-positive rate is <= max_fpr."""
    fpr, tpr, _ = roc_curve(y, score)
    return float(tpr[fpr <= max_fpr + 1e-12].max())


def separation(y: np.ndarray, score: np.ndarray, flagged: np.ndarray | None, rng: np.random.Generator, n_boot: int) -> Separation:
    """AUC (+CI) and recall at 5% FPR of an oriented, NaN-free score; accuracy / recall / FPR of `flagged` when given."""
    y = np.asarray(y, int)
    n_pos, n_neg = int(y.sum()), int(len(y) - y.sum())
    both = n_pos > 0 and n_neg > 0
    auc = float(roc_auc_score(y, score)) if both else None
    ci = auc_ci(y, score, rng, n_boot) if both and n_boot > 0 else None
    r5 = recall_at_fpr(y, score) if both else None
    acc = rec = fpr = None
    if flagged is not None and len(y):
        acc = float(np.mean(flagged == (y == 1)))
        rec = float(flagged[y == 1].mean()) if n_pos else None
        fpr = float(flagged[y == 0].mean()) if n_neg else None
    return Separation(auc, ci, r5, acc, rec, fpr, n_pos, n_neg)
