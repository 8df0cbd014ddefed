"""The contract every registered perturbation keeps (no pinned list: whatever PERTURBATIONS holds)."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from benchmark.registry import PERTURBATIONS
from benchmark.suite import Suite, load_suite
from suites.perturb.base import DIRECTIONS, KINDS, Perturbation


def _spec(name: str) -> str:
    """`name`, or `name:ARG` with the default of its one parameter for perturbations that take an argument."""
    e = PERTURBATIONS.entry(name)
    return f"{name}:{next(iter(e.info['params'].values()))}" if e.takes_arg else name


@pytest.fixture(scope="module")
def suite() -> Suite:
    """English and Chinese generated examples, MovieLens users (ages, genders) and planted names: every family finds something."""
    travel, zh, ml, pii = (load_suite(s) for s in ("travel", "zh-travel", "movielens", "safety-pii:travel"))
    return travel.with_examples(travel.examples[:12] + zh.examples[:8] + ml.examples[:12] + pii.examples[:6])


def dump(examples) -> str:
    return json.dumps([e.to_dict() for e in examples], ensure_ascii=False, sort_keys=True)


@pytest.mark.parametrize("name", PERTURBATIONS.names())
def test_registry_entry_carries_kind_version_and_json_params(name):
    e = PERTURBATIONS.entry(name)
    p = PERTURBATIONS.create(_spec(name))
    assert isinstance(p, Perturbation) and p.name == name
    assert e.info["kind"] in KINDS and e.info["direction"] in DIRECTIONS
    assert isinstance(e.info["version"], str) and e.info["version"] == p.version
    assert json.loads(json.dumps(e.info["params"])) == e.info["params"] == p.params
    assert e.help.startswith(f"[{e.info['direction']}] ") and len(e.help) > 20


@pytest.mark.parametrize("name", PERTURBATIONS.names())
def test_variants_come_from_the_one_loop(name, suite):
    p = PERTURBATIONS.create(_spec(name))
    before = dump(suite.examples)
    out = p(suite, seed=5)
    assert dump(suite.examples) == before  # the original examples are not mutated
    assert out.examples, f"{name} varies none of the contract suite's {len(suite.examples)} examples"
    assert dump(out.examples) == dump(p(suite, seed=5).examples)  # deterministic for a seed
    parents = {e.id: e for e in suite.examples}
    for v in out.examples:
        parent = parents[v.id.rsplit("~", 1)[0]]
        assert v.id == f"{parent.id}~{p.id_suffix}"
        assert p.variant_tags(parent).items() <= v.tags.items()
        # what apply returns with the per-example generator is the variant, and it differs from the original
        raw = p.apply(parent, p.rng(5, parent.id), suite)
        assert raw is not None and raw != parent
        assert replace(raw, id=v.id, tags=v.tags) == v


@pytest.mark.parametrize("name", PERTURBATIONS.names())
def test_only_restricts_what_varies_and_nothing_else(name, suite):
    p = PERTURBATIONS.create(_spec(name))
    full = {v.id: v for v in p(suite, seed=2).examples}
    some = {e.id for e in suite.examples[::3]}
    alone = p(suite, seed=2, only=some).examples
    assert {v.id.rsplit("~", 1)[0] for v in alone} <= some
    assert all(full[v.id] == v for v in alone)  # a twin depends on its example and the suite alone
    assert len(alone) == sum(1 for i in full if i.rsplit("~", 1)[0] in some)


def test_the_seed_reaches_the_random_perturbations(suite):
    """Some registered perturbation draws at random, and for it another seed gives other variants."""
    differs = [n for n in PERTURBATIONS.names()
               if dump(PERTURBATIONS.create(_spec(n))(suite, seed=0).examples) != dump(PERTURBATIONS.create(_spec(n))(suite, seed=1).examples)]
    assert differs
    for n in differs:
        assert PERTURBATIONS.create(_spec(n)).rng(0, "x").random() != PERTURBATIONS.create(_spec(n)).rng(1, "x").random()
