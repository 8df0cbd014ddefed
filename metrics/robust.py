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
over `suite+perturbation` (ctx.extra["variants"]); an example a perturbation
cannot change counts with its clean output. Not in the default set (one more
generation pass per perturbation): ask for `robust.*`.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from benchmark.schema import Example
from benchmark.scoring import MetricContext, MetricDef, Scored, Sums, get_metric, mean_reducer, metric
from suites.perturb import names as perturbation_names

PERTURBATIONS = tuple(perturbation_names("invariance"))
BASES = {"fmr": "fmr", "reason_recall": "faith.reason_recall", "content_support": "faith.content_support", "bleu4": "bleu4"}
CLEAN = "clean"


def _worlds(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> dict[str, list[str]]:
    """The output text of every example in the clean world and under each perturbation."""
    variants = ctx.extra.get("variants") or {}
    out = {CLEAN: list(texts)}
    for p in PERTURBATIONS:
        got = variants.get(p) or [None] * len(texts)
        out[p] = [t if v is None else v[1] for t, v in zip(texts, got)]
    return out


def _sign(base: MetricDef) -> float:
    return 1.0 if base.higher_is_better else -1.0


def _score(base: MetricDef, examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    worlds = {w: base.score(examples, t, ctx) for w, t in _worlds(examples, texts, ctx).items()}
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


def _world_values(base: MetricDef, s: Sums) -> dict[str, np.ndarray]:
    out = {}
    for w in (CLEAN, *PERTURBATIONS):
        cols = [(k.split("|", 1)[1], i) for k, i in s.index.items() if k.startswith(w + "|")]
        mat = s.matrix[:, [i for _, i in cols]] if cols else np.zeros((s.matrix.shape[0], 0))
        out[w] = np.asarray(base.reduce(Sums(mat, [k for k, _ in cols], s.n, s.const)), float) * base.scale
    return out


def _worst(base: MetricDef, s: Sums) -> np.ndarray:
    if base.reduce is mean_reducer:
        return mean_reducer(s) * base.scale
    vals = np.vstack(list(_world_values(base, s).values()))
    return vals.min(axis=0) if base.higher_is_better else vals.max(axis=0)


def _drop(base: MetricDef, s: Sums) -> np.ndarray:
    if base.reduce is mean_reducer:
        with np.errstate(invalid="ignore", divide="ignore"):
            clean = np.where(s.n > 0, s["c"] / np.maximum(s.n, 1), np.nan) * base.scale
    else:
        clean = _world_values(base, s)[CLEAN]
    return _sign(base) * (clean - _worst(base, s))


def _register(short: str, base_name: str) -> None:
    base = get_metric(base_name)
    opts = {"base": base.signature.replace("|", ";"), "over": "+".join(PERTURBATIONS), "truth": "clean"}

    def fn(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, **_: str) -> Scored:
        return _score(base, examples, texts, ctx)

    worst_kind = "per-sample lowest value" if base.reduce is mean_reducer else "lowest per-perturbation corpus value"
    fn.__doc__ = (f"Robust {base_name}: worst case ({worst_kind}) over the clean input and every invariance perturbation, "
                  f"scored against the clean example.\n\n{__doc__.split(chr(10) + chr(10))[1]}")
    common: dict[str, Any] = dict(area="robustness", needs=base.needs, variants=PERTURBATIONS, default=False, **opts)
    metric(f"robust.{short}", higher_is_better=base.higher_is_better, reduce=lambda s: _worst(base, s), bounds=base.bounds, **common)(fn)

    def drop(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, **_: str) -> Scored:
        scored = _score(base, examples, texts, ctx)
        vals = [None if r is None or "c" not in r else _sign(base) * (r["c"] - r["v"]) for r in scored.rows]
        return Scored(scored.rows, vals, scored.const)

    drop.__doc__ = (f"Drop of {base_name} under perturbation: clean value minus robust.{short} (diagnostic: an output "
                    "that says nothing drops nothing).")
    lo, hi = base.bounds
    span = None if lo is None or hi is None else hi - lo
    metric(f"robust.{short}.drop", higher_is_better=False, reduce=lambda s: _drop(base, s), bounds=(0.0, span), **common)(drop)


for _short, _base in BASES.items():
    _register(_short, _base)
