"""The contract every registered metric keeps, whatever registered it (no pinned list).

On a small fixed suite (generated travel examples with references, features and a
lexicon; template outputs, and for variant metrics the template's outputs on the
perturbed twins the runner would generate): one row per text, the same rows on a
second call, JSON-able rows and details, two shards whose rows concatenated reduce
to the whole's value, a value and CI inside the declared bounds, a signature that is
stable and changes when any one argument of the metric's factory changes.
Skipped (with the reason): metrics whose model is not available offline."""
from __future__ import annotations

import json
import math
from dataclasses import replace
from functools import lru_cache
from typing import Any

import pytest

from benchmark.cache import GenerationCache
from benchmark.registry import GENERATORS, METRICS, SUITES
from benchmark.runner import generate_variants, score_suite
from benchmark.schema import Example
from benchmark.scoring import Builder, MetricDef, StatRows, get_metric
from benchmark.stats import summarize

N = 6  # examples: two shards of 3, every one with references and matched features
NAMES = METRICS.names()


def _unavailable(m: MetricDef) -> str | None:
    """Why a metric cannot run offline here (None: it can)."""
    model = str(m.options.get("model", ""))
    if "@missing" in model or "(missing)" in model:
        return f"{m.name}: model {model} is not installed (e.g. the detoxify checkpoint is not downloaded offline)"
    lm = str(m.options.get("lm_id", ""))
    if "not installed" in lm or "(missing)" in lm:
        return f"{m.name}: reference LM {lm}"
    return None


@lru_cache(maxsize=1)
def _fixture(tmp: str) -> tuple[Any, list[Example], list]:
    full = SUITES.create("travel")
    examples = [e for e in full.examples if e.references and e.signals.matched][:N]
    suite = replace(full, examples=tuple(examples))  # suite-level statistics (IDF, distractor pools) over these only: fast
    gen = GENERATORS.create("template")
    outputs = gen.generate(examples)
    return suite, examples, outputs


@lru_cache(maxsize=None)
def _variants(tmp: str, names: tuple[str, ...]) -> dict:
    suite, examples, _ = _fixture(tmp)
    got, _ = generate_variants(GENERATORS.create("template"), suite, examples, names, 0, GenerationCache(f"{tmp}/cache.sqlite"), lambda m: None)
    return got


def _score(m: MetricDef, tmp: str, part: slice = slice(None)) -> tuple[list, list, dict, list | None]:
    suite, examples, outputs = _fixture(tmp)
    variants = {k: v[part] for k, v in _variants(tmp, m.variants).items()} if m.variants else None
    rows, values, consts, errors, details = score_suite(suite, examples[part], outputs[part], [m], 0, variants)
    assert not errors, errors
    if m.name not in rows:  # the suite lacks what the metric needs
        pytest.skip(f"{m.name} does not apply to the fixture suite (needs {sorted(m.needs)})")
    return rows[m.name], values[m.name], consts[m.name], details.get(m.name)


@pytest.fixture(scope="module")
def tmp(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("contract"))


def _metric(name: str) -> MetricDef:
    m = get_metric(name)
    why = _unavailable(m)
    if why:
        pytest.skip(why)
    return m


def _close(a: float | None, b: float | None, rel: float = 1e-9) -> bool:
    if a is None or b is None or math.isnan(a) or math.isnan(b):
        return (a is None or math.isnan(a)) == (b is None or math.isnan(b))
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)


def _same_rows(a: list, b: list) -> bool:
    """Same keys; values equal up to 1e-5 relative: a model's batched float32 forward pass pads a shard's
    texts differently from the whole's, which moves a perplexity in its 6th digit (376.3602 vs 376.3615 seen)."""
    return len(a) == len(b) and all(
        (x is None) == (y is None) and (x is None or (x.keys() == y.keys() and all(_close(x[k], y[k], 1e-5) for k in x))) for x, y in zip(a, b)
    )


@pytest.mark.parametrize("name", NAMES)
def test_rows_determinism_json_shards_and_bounds(name: str, tmp: str) -> None:
    m = _metric(name)
    rows, values, const, details = _score(m, tmp)
    _, examples, _ = _fixture(tmp)
    assert len(rows) == len(values) == len(examples)
    assert _score(m, tmp) == (rows, values, const, details), "a second call gives other rows"
    json.dumps({"rows": rows, "details": details}, allow_nan=False)
    half = len(examples) // 2
    first, second = _score(m, tmp, slice(None, half)), _score(m, tmp, slice(half, None))
    assert _same_rows(first[0] + second[0], rows), "a shard's rows differ from the same samples' rows in the whole"
    whole = StatRows(rows)
    if whole.n:
        merged = StatRows(first[0] + second[0]).values(m, {**first[2], **second[2]})[0]
        assert _close(float(merged), float(whole.values(m, const)[0]), 1e-5)
        s = summarize(m, rows, const, "contract", n_boot=50)
        lo, hi = m.bounds
        for v in [s["value"], *(s["ci"] or [])]:
            if v is not None and math.isfinite(v):
                assert (lo is None or v >= lo - 1e-9) and (hi is None or v <= hi + 1e-9), (s, m.bounds)


def _other(value: Any, siblings: list[Any]) -> Any:
    """A different valid value for an argument: another metric's value when there is one, else one derived by type."""
    for s in siblings:
        if s != value:
            return s
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value - 1 if value > 1 else value + 1
    if isinstance(value, float):
        return value / 2
    if isinstance(value, str):
        return value + "-other"
    if isinstance(value, tuple):
        return value[:-1]
    if isinstance(value, frozenset):
        return value - {sorted(value)[0]}
    if isinstance(value, dict):
        first = next(iter(value))
        return {**value, first: value[first] + 0.1}
    raise AssertionError(f"no alternative for {value!r}")


@lru_cache(maxsize=1)
def _builders() -> list[Builder]:
    return [b for b in (get_metric(n).build for n in NAMES) if b is not None]


@pytest.mark.parametrize("name", NAMES)
def test_signature_is_stable_and_follows_every_argument(name: str) -> None:
    m = get_metric(name)
    assert m.signature == get_metric(name).signature
    assert m.build is not None, f"{name} is not built by @metric"
    args = m.build.arguments
    twins = _builders()
    for key, value in args.items():
        # values other metrics give an argument of this name (aliases of the same factory first) are known to be valid
        siblings = [b.arguments[key] for b in sorted(twins, key=lambda b: b.spec is not m.build.spec) if key in b.arguments]
        changed = m.with_options(**{key: _other(value, siblings)})
        assert changed.signature != m.signature, f"{name}: changing {key} leaves the signature {m.signature}"
