"""Confidence intervals and paired significance tests over per-sample statistics.

Everything works on row weightings of `StatRows`: a bootstrap resample is a
vector of counts per row, an approximate-randomization trial swaps the rows of
two systems; the metric's own reduce turns column sums into the corpus value,
so corpus metrics (BLEU, USR, FCR, DIV) are resampled the way sacrebleu's
significance module resamples BLEU statistics.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np

from benchmark.scoring import MetricDef, Row, StatRows, Sums
from benchmark.seeding import np_rng

N_BOOT = 1000
ALPHA = 0.05


def _resample_weights(rng: np.random.Generator, n: int, b: int, scheme: str = "bootstrap") -> np.ndarray:
    """B row weightings. "bootstrap": multinomial counts (n draws with replacement).
    "half": exactly n // 2 distinct rows (half-sampling without replacement), for
    set-based metrics (USR, Distinct-n, FCR, DIV) where a row drawn twice would count
    as a duplicate output or a self-pair. For a mean, the half-sample estimate has
    the variance of the full-sample estimate (sigma^2/(n/2) * (1 - 1/2) = sigma^2/n),
    so the spread of half-sample values estimates the spread of the corpus value."""
    if scheme == "half":
        keys = rng.random((b, n))
        kth = np.argpartition(keys, max(0, n // 2 - 1), axis=1)[:, : max(1, n // 2)]
        w = np.zeros((b, n))
        np.put_along_axis(w, kth, 1.0, axis=1)
        return w
    idx = rng.integers(0, n, size=(b, n))
    return np.bincount((idx + (np.arange(b) * n)[:, None]).ravel(), minlength=b * n).reshape(b, n).astype(float)


def _chunks(n_rows: int, total: int) -> list[int]:
    step = max(1, 2_000_000 // max(1, n_rows))
    return [min(step, total - s) for s in range(0, total, step)]


def bootstrap_values(m: MetricDef, sr: StatRows, const: Mapping[str, float], rng: np.random.Generator, n_boot: int = N_BOOT) -> np.ndarray:
    n = len(sr.mask)
    return np.concatenate([sr.values(m, const, _resample_weights(rng, n, b, m.resample)) for b in _chunks(n, n_boot)])


def _centred_ci(boots: np.ndarray, observed: float, alpha: float = ALPHA) -> tuple[float, float]:
    """Percentile interval shifted by (observed - mean of the resamples)."""
    shift = observed - float(boots.mean())
    return (float(np.percentile(boots, 100 * alpha / 2)) + shift, float(np.percentile(boots, 100 * (1 - alpha / 2))) + shift)


def summarize(m: MetricDef, rows: Sequence[Row], const: Mapping[str, float], seed: object, n_boot: int = N_BOOT) -> dict:
    """{"value", "n", "ci": [lo, hi]}: percentile bootstrap, seeded by `seed`.

    The percentiles are re-centred on the observed value (shifted by value - mean of
    the resamples): set-based corpus metrics (USR, Distinct-n, FCR) lose distinct
    items under resampling with replacement, which would push a plain percentile
    interval below the observed value. For unbiased means the shift is ~0.
    """
    sr = StatRows(rows)
    if sr.n == 0:
        return {"value": None, "n": 0, "ci": None}
    value = float(sr.values(m, const)[0])
    boots = bootstrap_values(m, sr, const, np_rng("bootstrap", seed, m.name), n_boot)
    boots = boots[np.isfinite(boots)]
    ci = None
    if len(boots) and np.isfinite(value):
        lo, hi = _centred_ci(boots, value)
        # the interval holds the observed value (re-centring can miss it by rounding
        # when the resamples barely vary) and stays inside the metric's range
        lo, hi = min(lo, value), max(hi, value)
        if m.bounds[0] is not None:
            lo = max(lo, m.bounds[0])
        if m.bounds[1] is not None:
            hi = min(hi, m.bounds[1])
        ci = [lo, hi]
    return {"value": value if np.isfinite(value) else None, "n": sr.n, "ci": ci}


@dataclass(frozen=True)
class Paired:
    baseline: float
    candidate: float
    delta: float
    delta_ci: tuple[float, float]
    p_bootstrap: float
    p_randomization: float
    n: int
    boots: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False, compare=False)  # bootstrap deltas

    def interval(self, alpha: float = ALPHA) -> tuple[float, float]:
        """The (1 - alpha) paired-bootstrap CI of the delta (the stored one at the default alpha)."""
        if alpha == ALPHA or not len(self.boots):
            return self.delta_ci
        return _centred_ci(self.boots, self.delta, alpha)

    def excludes_zero(self, alpha: float = ALPHA) -> bool:
        """The delta is significant at `alpha`: its CI lies wholly on one side of 0,
        so a verdict read from it never disagrees with the interval printed beside it."""
        lo, hi = self.interval(alpha)
        return bool(lo > 0 or hi < 0)

    @property
    def relative(self) -> float | None:
        return self.delta / abs(self.baseline) if self.baseline else None


def paired_test(
    m: MetricDef,
    base_rows: Sequence[Row],
    cand_rows: Sequence[Row],
    const: Mapping[str, float],
    seed: object = 0,
    n_boot: int = N_BOOT,
    n_perm: int = N_BOOT,
) -> Paired:
    """Candidate minus baseline on the same examples (rows aligned), with the paired
    bootstrap (sacrebleu's centred test) and approximate randomization p-values."""
    if len(base_rows) != len(cand_rows):
        raise ValueError("paired rows must be aligned")
    both = [a is not None and b is not None for a, b in zip(base_rows, cand_rows)]
    base_rows = [r for r, k in zip(base_rows, both) if k]
    cand_rows = [r for r, k in zip(cand_rows, both) if k]
    n = len(base_rows)
    if n == 0:
        raise ValueError(f"{m.name}: no sample is scored in both runs")
    keys: dict[str, int] = {}
    a, b = StatRows(base_rows, keys), StatRows(cand_rows, keys)
    va, vb = float(a.values(m, const)[0]), float(b.values(m, const)[0])
    delta = vb - va

    rng = np_rng("paired", seed, m.name)
    deltas = []
    for size in _chunks(n, n_boot):
        w = _resample_weights(rng, n, size, m.resample)
        deltas.append(b.values(m, const, w) - a.values(m, const, w))
    d = np.concatenate(deltas)
    d = d[np.isfinite(d)]
    if len(d):
        # centred test; the CI is re-centred on the observed delta as in `summarize`
        # (set metrics lose distinct items under resampling, which biases the deltas)
        p_boot = float((np.sum(np.abs(d - d.mean()) >= abs(delta)) + 1) / (len(d) + 1))
        ci = _centred_ci(d, delta)
    else:
        p_boot, ci = 1.0, (float("nan"), float("nan"))

    # approximate randomization: swap each sample's two outputs with probability 1/2
    ma, mb = a.matrix, b.matrix
    diff = (mb - ma).T
    sa, sb = np.asarray(ma.sum(0)).ravel(), np.asarray(mb.sum(0)).ravel()
    hits, trials = 0, 0
    klist = list(keys)
    for size in _chunks(n, n_perm):
        s = rng.integers(0, 2, size=(size, n)).astype(float)
        moved = np.asarray((diff @ s.T).T)
        nn = np.full(size, float(n))
        fa = np.asarray(m.reduce(Sums(sa + moved, klist, nn, const)), float) * m.scale
        fb = np.asarray(m.reduce(Sums(sb - moved, klist, nn, const)), float) * m.scale
        dd = fb - fa
        ok = np.isfinite(dd)
        hits += int(np.sum(np.abs(dd[ok]) >= abs(delta) - 1e-12))
        trials += int(ok.sum())
    p_ar = (hits + 1) / (trials + 1)
    return Paired(va, vb, delta, ci, p_boot, float(p_ar), n, d)
