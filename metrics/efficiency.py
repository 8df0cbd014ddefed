"""Efficiency metrics, scored on every sample (failed ones included) from what the
runner measured (MetricContext.latency_s, .failed)."""
from __future__ import annotations

from typing import Sequence

from benchmark.schema import Example
from benchmark.scoring import MetricContext, Scored, metric


@metric("latency_s", area="efficiency", higher_is_better=False, bounds=(0.0, None))
def latency_s(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Mean generation latency per example in seconds (cached samples keep the latency they were generated with)."""
    lat = list(ctx.latency_s if ctx.latency_s is not None else [0.0] * len(texts))
    return Scored([{"v": float(x)} for x in lat], [float(x) for x in lat])


@metric("failure_rate", area="efficiency", higher_is_better=False, bounds=(0.0, 1.0))
def failure_rate(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Share of examples whose generation failed (the error is in samples.jsonl)."""
    failed = [float(f) for f in (ctx.failed if ctx.failed is not None else [False] * len(texts))]
    return Scored([{"v": f} for f in failed], failed)
