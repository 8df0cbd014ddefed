"""Robustness as quality under perturbation (HELM): a quality metric scored on the
outputs for perturbed inputs, judged against the clean example's ground truth.

`robust.<m>` is the worst case over the clean input and every invariance
perturbation (typo, case, unicode, synonym, shuffle, distractor, dropped
optional fields, truncation): per sample the lowest value for a mean metric
(HELM's per-instance worst case), the lowest per-perturbation corpus value for
a corpus metric (BLEU). `robust.<m>.drop` is the clean value minus that worst
case: a diagnostic, since an output that says nothing drops nothing.
A constant or input-insensitive output cannot win `robust.<m>`: it scores its
(low) clean quality on every perturbation. `inv.*` (does the text stay the
same?) remain as diagnostics.

The runner generates the perturbed outputs through the same cache as a run
over `suite+perturbation` (ctx.variants); an example a perturbation
cannot change counts with its clean output. Not in the default set (one more
generation pass per perturbation): ask for `robust.*`.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from benchmark.schema import Example
from benchmark.scoring import MetricContext, MetricDef, Scored, ScoreFn, Sums, alias, get_metric, mean_reducer, metric
from benchmark.suite import perturbation_names

PERTURBATIONS = tuple(perturbation_names("invariance"))
BASES = {"fmr": "fmr", "reason_recall": "faith.reason_recall", "content_support": "faith.content_support", "bleu4": "bleu4"}
CLEAN = "clean"


def _worlds(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, over: Sequence[str]) -> dict[str, list[str]]:
    """The output text of every example in the clean world and under each perturbation."""
    variants = ctx.variants
    out = {CLEAN: list(texts)}
    for p in over:
        got = variants.get(p) or [None] * len(texts)
        out[p] = [t if v is None else v[1] for t, v in zip(texts, got)]
    return out


def _sign(base: MetricDef) -> float:
    return 1.0 if base.higher_is_better else -1.0


def _score(base: MetricDef, examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, over: Sequence[str]) -> Scored:
    worlds = {w: base.score(examples, t, ctx) for w, t in _worlds(examples, texts, ctx, over).items()}
    rows: list[dict[str, float] | None] = []
    values: list[float | None] = []
    sign = _sign(base)
    for i in range(len(texts)):
        clean = worlds[CLEAN].rows[i]
        if clean is None:
            rows.append(None)
            values.append(None)
            continue
        if base.reduce is mean_reducer:  # per-instance worst case
            got = [row["v"] for r in worlds.values() if (row := r.rows[i]) is not None]
            worst = min(got, key=lambda v: sign * v)
            rows.append({"v": worst, "c": clean["v"]})
            values.append(worst)
        else:  # corpus metric: every world's statistics, reduced per world
            rows.append({f"{w}|{k}": x for w, r in worlds.items() for k, x in (r.rows[i] or {}).items()})
            values.append(None)
    return Scored(rows, values, worlds[CLEAN].const)


def _world_values(base: MetricDef, s: Sums, over: Sequence[str]) -> dict[str, np.ndarray]:
    out = {}
    for w in (CLEAN, *over):
        cols = [(k.split("|", 1)[1], i) for k, i in s.index.items() if k.startswith(w + "|")]
        mat = s.matrix[:, [i for _, i in cols]] if cols else np.zeros((s.matrix.shape[0], 0))
        out[w] = np.asarray(base.reduce(Sums(mat, [k for k, _ in cols], s.n, s.const)), float) * base.scale
    return out


def _worst(base: MetricDef, s: Sums, over: Sequence[str]) -> np.ndarray:
    if base.reduce is mean_reducer:
        return mean_reducer(s) * base.scale
    vals = np.vstack(list(_world_values(base, s, over).values()))
    return vals.min(axis=0) if base.higher_is_better else vals.max(axis=0)


def _robust_reduce(s: Sums, base: str, over: Sequence[str], drop: bool) -> np.ndarray:
    """The worst case over the worlds, or (drop) the clean value minus it, oriented so that more is a larger drop."""
    m = get_metric(base)
    worst = _worst(m, s, over)
    if not drop:
        return worst
    if m.reduce is mean_reducer:
        with np.errstate(invalid="ignore", divide="ignore"):
            clean = np.where(s.n > 0, s["c"] / np.maximum(s.n, 1), np.nan) * m.scale
    else:
        clean = _world_values(m, s, over)[CLEAN]
    return _sign(m) * (clean - worst)


def _drop_bounds(base: MetricDef) -> tuple[float | None, float | None]:
    lo, hi = base.bounds
    return (0.0, None if lo is None or hi is None else hi - lo)


@metric("robust.fmr", area="robustness", reduce=_robust_reduce, default=False, variants=lambda over: over,
        needs=lambda base: get_metric(base).needs,
        higher_is_better=lambda base, drop: False if drop else get_metric(base).higher_is_better,
        bounds=lambda base, drop: _drop_bounds(get_metric(base)) if drop else get_metric(base).bounds,
        identity=lambda base: {"base_signature": get_metric(base).signature.replace("|", ";")})
def robust(base: str = "fmr", over: tuple[str, ...] = PERTURBATIONS, drop: bool = False) -> ScoreFn:
    """Robust `base`: its worst case (per-sample lowest value for a mean metric, lowest per-perturbation corpus
    value for a corpus metric) over the clean input and every perturbation in `over`, scored against the clean
    example. With drop=True: the clean value minus that worst case (a diagnostic: an output that says nothing
    drops nothing).
    """
    m = get_metric(base)

    def score(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
        scored = _score(m, examples, texts, ctx, over)
        if not drop:
            return scored
        vals = [None if r is None or "c" not in r else _sign(m) * (r["c"] - r["v"]) for r in scored.rows]
        return Scored(scored.rows, vals, scored.const)

    return score


for _short, _base in BASES.items():
    if _short != "fmr":
        alias(f"robust.{_short}", "robust.fmr", base=_base)
    alias(f"robust.{_short}.drop", "robust.fmr", base=_base, drop=True)
