"""benchmark.perf's `defaults` section measures what a run computes: the twins reach the metrics, and the
first landing's set is timed with the scorer it had."""
from __future__ import annotations

from benchmark.perf import LEGACY_DEFAULTS, LEGACY_OPTIONS, default_corpus
from benchmark.scoring import get_metric


def test_default_corpus_hands_the_swapped_twins_to_the_metrics():
    examples, texts, ctx = default_corpus(12, ["fairness.length"])
    assert set(ctx.variants) == {"swap-age", "swap-gender", "swap-name"}
    assert all(len(v) == 12 for v in ctx.variants.values())
    rows = get_metric("fairness.length").score(examples, texts, ctx).rows
    assert sum(r is not None for r in rows) > 0  # a sample with a twin gets a gap row


def test_first_landing_fairness_uses_profanity_check():
    fairness = [n for n in LEGACY_DEFAULTS if n.startswith("fairness.")]
    assert sorted(LEGACY_OPTIONS) == sorted(fairness) and len(fairness) == 5
    built = get_metric("fairness.toxicity").with_options(**LEGACY_OPTIONS["fairness.toxicity"])
    assert built.options["scorer"] == "profanity-check" and built.options["measure"] == "toxicity"
