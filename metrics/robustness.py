"""Invariance: does the explanation keep its meaning when the input is perturbed in a way
that should not matter (typos, casing, unicode noise, synonyms, order, distractors,
dropped optional fields, truncation)?

One metric per invariance perturbation, `inv.<name>`: per sample the
similarity of the clean and the perturbed explanation (1.0 when they are the
same text up to case and spacing), so the leaderboard shows every
perturbation as its own column. `inv.worst` is HELM's robustness view: per
sample the worst similarity over all invariance perturbations, averaged.
How faithfulness or overlap metrics move under a perturbation is read from a
run over `suite+perturbation` by reports.robustness (deltas, worst case, the
out-of-domain gap); nothing is re-scored there.

The similarity backend is in each signature: all-MiniLM-L6-v2 (cosine of
its embeddings) when the packaged model is installed, else lexical (cosine
of hashed stem bags). Known limits: high similarity is not
equal meaning (a flipped "budget"/"luxury" in a copied sentence stays
similar); a generator whose clean output is already wrong can be perfectly
invariant; examples a perturbation cannot change get no row.

These metrics are not in the default set: each perturbation costs one more
generation pass. Ask for them with `--metrics default 'inv.*'`.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from benchmark.schema import Example
from benchmark.scoring import MetricContext, Scored, alias, metric
from benchmark.suite import perturbation_names
from metrics.similarity import default_backend, pair_similarity

BACKEND = default_backend()


def similarities(texts: Sequence[str], variants: Sequence, backend: str) -> list[float | None]:
    """Similarity of each clean text with its variant's text (None where there is no variant)."""
    idx = [i for i, v in enumerate(variants) if v is not None]
    sims = pair_similarity([texts[i] for i in idx], [variants[i][1] for i in idx], backend) if idx else np.zeros(0)
    out: list[float | None] = [None] * len(texts)
    for i, s in zip(idx, sims):
        out[i] = float(s)
    return out


def _scored(values: Sequence[float | None]) -> Scored:
    return Scored([None if v is None else {"v": v} for v in values], list(values))


INVARIANCE = tuple(perturbation_names("invariance"))


@metric("inv.typo", area="robustness", bounds=(-1.0, 1.0), variants=lambda perturbation: (perturbation,), default=False)
def invariance(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, perturbation: str = "typo", model: str = BACKEND) -> Scored:
    """Invariance to `perturbation`: mean similarity of the clean and the perturbed explanation.

    Per sample the cosine under `model`; 1.0 for the same text. The perturbation's
    version and parameters are in the signature.
    """
    return _scored(similarities(texts, ctx.variants_of(perturbation, len(texts)), model))


@metric("inv.worst", area="robustness", bounds=(-1.0, 1.0), variants=lambda over: over, default=False)
def worst(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, model: str = BACKEND, over: tuple[str, ...] = INVARIANCE) -> Scored:
    """Worst-case invariance (HELM): per sample the lowest clean-vs-perturbed similarity over every invariance
    perturbation that changed it, averaged.

    No row for an example no perturbation could change. Known limits: as the
    inv.* metrics; the worst case grows with the number of perturbations, so
    compare it only between runs with the same signature.
    """
    per = [similarities(texts, ctx.variants_of(p, len(texts)), model) for p in over]
    vals: list[float | None] = []
    for i in range(len(texts)):
        got = [x for col in per if (x := col[i]) is not None]
        vals.append(float(np.min(got)) if got else None)
    return _scored(vals)


for _name in INVARIANCE:
    if _name != "typo":
        alias(f"inv.{_name}", "inv.typo", perturbation=_name)
