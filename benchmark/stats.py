"""Confidence intervals and paired significance tests over per-sample statistics.

Everything works on row weightings of `StatRows`: a bootstrap resample is a
vector of counts per row, an approximate-randomization trial swaps the rows of
two systems; the metric's own reduce turns column sums into the corpus value,
so corpus metrics (BLEU, USR, FCR, DIV) are resampled the way sacrebleu's
significance module resamples BLEU statistics.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from benchmark.scoring import MetricDef, Row, StatRows, Sums

N_BOOT = 1000
ALPHA = 0.05


def rng_for(*parts: object) -> np.random.Generator:
    """A generator seeded from a stable description (never Python's hash())."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def _resample_weights(rng: np.random.Generator, n: int, b: int) -> np.ndarray:
    idx = rng.integers(0, n, size=(b, n))
    return np.bincount((idx + (np.arange(b) * n)[:, None]).ravel(), minlength=b * n).reshape(b, n).astype(float)


def _chunks(n_rows: int, total: int) -> list[int]:
    step = max(1, 2_000_000 // max(1, n_rows))
    return [min(step, total - s) for s in range(0, total, step)]


def bootstrap_values(m: MetricDef, sr: StatRows, const: Mapping[str, float], rng: np.random.Generator, n_boot: int = N_BOOT) -> np.ndarray:
    n = len(sr.mask)
    return np.concatenate([sr.values(m, const, _resample_weights(rng, n, b)) for b in _chunks(n, n_boot)])


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
    boots = bootstrap_values(m, sr, const, rng_for("bootstrap", seed, m.name), n_boot)
    boots = boots[np.isfinite(boots)]
    ci = None
    if len(boots) and np.isfinite(value):
        shift = value - float(boots.mean())
        ci = [float(np.percentile(boots, 100 * ALPHA / 2)) + shift, float(np.percentile(boots, 100 * (1 - ALPHA / 2))) + shift]
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

    rng = rng_for("paired", seed, m.name)
    deltas = []
    for size in _chunks(n, n_boot):
        w = _resample_weights(rng, n, size)
        deltas.append(b.values(m, const, w) - a.values(m, const, w))
    d = np.concatenate(deltas)
    d = d[np.isfinite(d)]
    p_boot = float((np.sum(np.abs(d - d.mean()) >= abs(delta)) + 1) / (len(d) + 1))
    ci = (float(np.percentile(d, 100 * ALPHA / 2)), float(np.percentile(d, 100 * (1 - ALPHA / 2))))

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
    return Paired(va, vb, delta, ci, p_boot, float(p_ar), n)
