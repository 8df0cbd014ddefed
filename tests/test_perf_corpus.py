"""`rxbench perf`'s default-metrics corpus hands variant metrics their twins the way the runner does."""
from benchmark.perf import default_corpus
from benchmark.scoring import get_metric


def test_default_corpus_keys_variants_by_perturbation_name():
    # the corpus once passed {"variants": ...} as the mapping itself, so fairness.* timed a run without twins
    wanted = set(get_metric("fairness.sentiment").variants)
    examples, texts, ctx = default_corpus(6, ["fairness.sentiment"])
    assert wanted and set(ctx.variants) == wanted
    assert all(len(v) == len(examples) == 6 for v in ctx.variants.values())
    assert any(v is not None for twins in ctx.variants.values() for v in twins)
