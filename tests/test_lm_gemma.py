"""Gemma 3 270M from the optional extra (marked `gemma`; skipped when it is not installed).

One module-scoped load: the generator and the fluency scorer share the converted
model directory in the model cache (the first conversion takes about 100 s).
"""
from __future__ import annotations

import random

import pytest

from benchmark.lm import gemma

pytestmark = [
    pytest.mark.gemma,
    pytest.mark.skipif(not gemma.available(), reason=f"Gemma extra not installed ({gemma.INSTALL_HINT})"),
]

SUITES = ("ecommerce", "travel", "movies", "news", "finance", "education")


@pytest.fixture(scope="module")
def gen():
    import baselines.lm  # noqa: F401
    from benchmark.registry import GENERATORS

    g = GENERATORS.create("gemma")
    g._load()
    return g


def test_packaged_file_is_verified_and_located() -> None:
    path = gemma.gguf_path()
    assert path.name == "gemma-3-270m-q4_k_m.gguf" and path.stat().st_size > 200_000_000
    assert gemma.expected_sha256().startswith("a5fd3b62")


def test_zero_shot_explanations(gen) -> None:
    from benchmark.suite import load_suite

    exs = load_suite("travel").split("test")[:3]
    outs = gen.generate(exs)
    for ex, o in zip(exs, outs):
        assert o.ok, o.error
        assert o.text.startswith(f"We recommend {ex.item.title} because") and len(o.text) > len(ex.item.title) + 30
        assert "\n" not in o.text and 0 < o.meta["new_tokens"] <= gen.opts.max_new_tokens


def test_gguf_spec_names_the_same_model(gen) -> None:
    from benchmark.registry import GENERATORS

    g = GENERATORS.create(f"gguf:{gemma.gguf_path()}?prompt=zeroshot&max_new_tokens=40&batch_size=8")
    assert g.fingerprint().split(":")[-1] == gen.fingerprint().split(":")[-1]


def test_fluency_prefers_real_explanations_on_every_suite(gen, xrec_dir) -> None:
    """Default fluency scorer (Gemma): the median perplexity of real references is below
    that of the same words shuffled, on every generated suite and on XRec."""
    import metrics.fluency as fl
    from benchmark.scoring import MetricContext, aggregate, get_metric
    from benchmark.suite import load_suite

    m = get_metric("ppl_median")
    assert m.options["lm"] == "gemma" and m.options["lm_id"].startswith("gemma-3-270m-q4_k_m@a5fd3b62")
    specs = [*SUITES, f"xrec:{xrec_dir / 'amazon.jsonl'}", f"xrec:{xrec_dir / 'google.jsonl'}"]
    for spec in specs:
        exs = load_suite(spec).split("test")[:4]
        real = [e.references[0] for e in exs]
        shuffled = []
        for i, t in enumerate(real):
            words = t.split()
            random.Random(i).shuffle(words)
            shuffled.append(" ".join(words))
        a = aggregate(m, m.score(exs, real, MetricContext(spec)).rows, {})["value"]
        b = aggregate(m, m.score(exs, shuffled, MetricContext(spec)).rows, {})["value"]
        assert a < b, (spec, a, b)
    assert fl.lm_spec() == "gemma"
    assert fl._load_lm("gemma")[1] is gen._model  # one copy of Gemma, shared with the generator
