"""Perturbations: registry, tags, byte-for-byte determinism, exact behaviour on hand-built
examples, hostile inputs."""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import unicodedata
from dataclasses import replace

import pytest

from benchmark.registry import PERTURBATIONS
from benchmark.schema import Example, Item, Reason, Signals, User
from benchmark.seeding import rng as rng_for
from benchmark.suite import Suite, load_suite
from benchmark.suite import perturbation_names as names
from suites.perturb import paraphrase
from suites.perturb.paraphrase import SYNONYMS
from suites.perturb.structure import DISTRACTOR_HISTORY, truncate_words

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEX = {
    "tier": {"budget": ("cheap", "low-cost"), "luxury": ("upscale",)},
    "amenities": {"pool": ("swimming pool",), "spa": ("spa",), "gym": ("fitness centre",)},
    "pets": {"pet-friendly": ("pets allowed",)},
}
ROBUSTNESS = [n for n in names("invariance") if n != "traditional"] + names("directional")  # traditional: Chinese only (test_zh_suites)


def hotel(i: int = 0, **kw) -> Example:
    base = Example(
        id=f"h-{i:03d}", domain="hotels",
        user=User(f"u{i}", {"pref_amenities": ["pool", "gym"], "age_group": "25-34"},
                  "Prefers a pool and a gym. Enjoys quiet, beautiful places. Travels often for work and leisure.",
                  ("Cedar Court Hotel", "Maple House Inn", "Lakeside Lodge", "Amber Hall")),
        item=Item(f"i{i}", "Pool House Hotel", {"tier": "luxury", "amenities": ["pool", "spa"], "pets": False, "price": 240},
                  "Pool House Hotel. Upscale rooms with a swimming pool and a spa. Great staff. Pets are not allowed here at all."),
        signals=Signals(0.8, (Reason("amenities", "pool"), Reason("tier", "luxury"))),
        references=("Pool House Hotel has a swimming pool.",),
        tags={"split": "test"},
    )
    return replace(base, **kw)


def suite_of(*examples: Example) -> Suite:
    return Suite("hotels", "1", tuple(examples), "structured", LEX)


def dump(s: Suite) -> str:
    return json.dumps([e.to_dict() for e in s.examples], ensure_ascii=False)


def test_registry_lists_every_robustness_perturbation_with_its_kind():
    inv, directional = names("invariance"), names("directional")
    assert inv == sorted(inv) and {"case", "distractor", "drop-optional", "shuffle", "synonym", "traditional", "truncate", "typo", "unicode"} <= set(inv)
    assert {"cf-drop", "cf-swap"} <= set(directional) and not set(inv) & set(directional)
    assert not {"swap-gender", "resample", "plant"} & set(inv + directional)  # fairness swaps, resampling, attacks: not robustness tests
    for n in ROBUSTNESS:
        assert PERTURBATIONS.entry(n).help.startswith(f"[{PERTURBATIONS.entry(n).info['direction']}]")


@pytest.mark.parametrize("name", ROBUSTNESS)
def test_variants_are_tagged_and_deterministic(name):
    s = suite_of(*(hotel(i) for i in range(5)))
    out = PERTURBATIONS.create(name)(s, seed=3)
    assert out.name == f"hotels+{name}" and len(out.examples) == 5
    for parent, v in zip(s.examples, out.examples):
        assert v.id == f"{parent.id}~{name}" and v.split == "test" and v.references == parent.references
        assert v.tags["parent"] == parent.id and v.tags["perturbation"] == name
        assert v.tags["kind"] == PERTURBATIONS.entry(name).info["direction"]
        assert v != parent
    assert dump(out) == dump(PERTURBATIONS.create(name)(s, seed=3))
    # a variant depends on its own example only: the same variant when perturbed alone (shards, limits)
    alone = PERTURBATIONS.create(name)(suite_of(s.examples[2]), seed=3)
    assert alone.examples[0].to_dict() == out.examples[2].to_dict()


def test_seed_changes_random_choices():
    s = suite_of(*(hotel(i) for i in range(5)))
    a, b = (dump(PERTURBATIONS.create("typo")(s, seed=k)) for k in (0, 1))
    assert a != b
    assert rng_for("typo", 0, "x").random() == rng_for("typo", 0, "x").random() != rng_for("typo", 1, "x").random()


def test_byte_identical_across_processes_and_hash_seeds():
    """Every perturbation of a real suite hashes the same in a fresh interpreter with another PYTHONHASHSEED."""
    code = (
        "import hashlib, json, sys; from benchmark.suite import load_suite, perturbation_names as names\n"
        "s = load_suite('travel'); s = s.with_examples(s.split('test')[:40])\n"
        "h = hashlib.sha256()\n"
        "from benchmark.registry import PERTURBATIONS\n"
        "for n in names('invariance') + names('directional'):\n"
        "    h.update(json.dumps([e.to_dict() for e in PERTURBATIONS.create(n)(s, seed=7).examples], ensure_ascii=False).encode())\n"
        "print(h.hexdigest())\n"
    )
    digests = []
    for seed in ("1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        digests.append(subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True).stdout.strip())
    assert digests[0] == digests[1] and len(digests[0]) == 64


def test_typo_case_unicode_touch_only_free_text():
    ex = hotel()
    s = suite_of(ex)
    typo = PERTURBATIONS.create("typo")(s).examples[0]
    assert (typo.item.title, typo.item.attributes, typo.signals) == (ex.item.title, ex.item.attributes, ex.signals)
    before, after = ex.user.profile.split(), typo.user.profile.split()
    assert len(before) == len(after)
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    assert changed and all(a[0] == b[0] and a[-1] == b[-1] and abs(len(a) - len(b)) <= 1 for a, b in changed)

    case = PERTURBATIONS.create("case")(s).examples[0]
    assert case.user.profile != ex.user.profile and case.user.profile.lower() == ex.user.profile.lower()
    assert [h.lower() for h in case.user.history] == [h.lower() for h in ex.user.history]

    uni = PERTURBATIONS.create("unicode")(s).examples[0]

    def canon(t: str) -> str:
        t = unicodedata.normalize("NFKC", re.sub(r"[\u00ad\u200b-\u200f]", "", t)).replace("\u2019", "'").replace("\u201d", '"')
        return " ".join(t.split())

    assert uni.item.profile != ex.item.profile and canon(uni.item.profile) == canon(ex.item.profile)
    assert canon(uni.user.profile) == canon(ex.user.profile)


def test_synonym_uses_lexicon_forms_and_protects_the_title():
    ex = hotel(item=Item("i0", "Pool House Hotel", {"amenities": ["pool"]}, "Pool House Hotel has a pool."), user=User("u0"))
    v = PERTURBATIONS.create("synonym")(suite_of(ex)).examples[0]
    assert v.item.profile == "Pool House Hotel has a swimming pool."  # the only form with the same number
    assert paraphrase("They enjoy great food.", rng_for("t", 0, "x"), p=1.0) == "They like excellent food."
    assert all(" " not in k for k in SYNONYMS)


def test_shuffle_keeps_content():
    ex = hotel()
    v = PERTURBATIONS.create("shuffle")(suite_of(ex)).examples[0]
    assert sorted(v.user.history) == sorted(ex.user.history) and set(v.signals.matched) == set(ex.signals.matched)
    assert dict(v.item.attributes).keys() == dict(ex.item.attributes).keys()
    assert sorted(v.item.attributes["amenities"]) == sorted(ex.item.attributes["amenities"])
    split = lambda t: sorted(re.split(r"(?<=[.!?])\s+", t))  # noqa: E731
    assert split(v.item.profile) == split(ex.item.profile) and split(v.user.profile) == split(ex.user.profile)
    assert (v.user.history, v.signals.matched, v.item.profile) != (ex.user.history, ex.signals.matched, ex.item.profile)


def test_distractor_drop_optional_truncate():
    ex = hotel()
    d = PERTURBATIONS.create("distractor")(suite_of(ex)).examples[0]
    added = [h for h in d.user.history if h not in ex.user.history]
    assert 1 <= len(added) <= 2 and set(added) <= set(DISTRACTOR_HISTORY)
    assert [h for h in d.user.history if h in ex.user.history] == list(ex.user.history)
    assert len(d.user.attributes) == len(ex.user.attributes) + 1 and d.user.profile.startswith(ex.user.profile)

    o = PERTURBATIONS.create("drop-optional")(suite_of(ex)).examples[0]
    assert o.user.history == () and o.signals.score is None
    assert dict(o.user.attributes) == {"pref_amenities": ["pool", "gym"]}  # holds a matched value; age_group dropped

    t = PERTURBATIONS.create("truncate")(suite_of(ex)).examples[0]
    words = ex.item.profile.split()
    assert t.item.profile == " ".join(words[: (len(words) + 1) // 2])
    assert t.user.history == ex.user.history[:2]
    assert truncate_words("one two three") == "one two three"  # short texts stay whole
    assert truncate_words(" ".join(map(str, range(20)))) == " ".join(map(str, range(10)))


def test_cf_swap_changes_one_matched_value_everywhere():
    ex = hotel(signals=Signals(0.8, (Reason("tier", "luxury"),)))
    v = PERTURBATIONS.create("cf-swap")(suite_of(ex)).examples[0]
    assert v.tags["cf_attribute"] == "tier" and v.tags["cf_from"] == "luxury" and v.tags["cf_to"] == "budget"
    assert v.item.attributes["tier"] == "budget" and v.signals.matched == (Reason("tier", "budget"),)
    assert "Upscale" not in v.item.profile and v.item.profile.startswith("Pool House Hotel. Budget rooms")
    ex2 = hotel(signals=Signals(0.8, (Reason("amenities", "pool"),)))
    v2 = PERTURBATIONS.create("cf-swap")(suite_of(ex2)).examples[0]
    assert v2.tags["cf_to"] == "gym" and v2.item.attributes["amenities"] == ["gym", "spa"]
    assert v2.item.title == "Pool House Hotel" and v2.item.profile.startswith("Pool House Hotel. Upscale rooms with a gym")
    assert v2.user.attributes["pref_amenities"] == ["gym"]  # pool -> gym, duplicates merged


def test_cf_drop_removes_exactly_one_reason():
    ex = hotel()
    v = PERTURBATIONS.create("cf-drop")(suite_of(ex)).examples[0]
    assert len(v.signals.matched) == 1 and set(v.signals.matched) < set(ex.signals.matched)
    dropped = (set(ex.signals.matched) - set(v.signals.matched)).pop()
    assert (v.tags["cf_attribute"], v.tags["cf_from"]) == (dropped.attribute, dropped.value)
    assert v.item == ex.item and v.user == ex.user


def test_unchangeable_examples_are_left_out():
    bare = Example("b-1", "hotels", User("u"), Item("i", "T"), tags={"split": "test"})
    s = suite_of(bare)
    for n in ("typo", "synonym", "truncate", "cf-swap", "cf-drop", "drop-optional"):
        assert PERTURBATIONS.create(n)(s).examples == (), n
    assert len(PERTURBATIONS.create("distractor")(s).examples) == 1  # distractors can always be added


@pytest.mark.parametrize("name", ROBUSTNESS)
def test_hostile_inputs(name):
    weird = "Ünïcödé ✓ 推荐 — שלום مرحبا e\u0301 👍🏽 \u200b\t\n  'quoted' \"x\" "
    huge = "spacious " * 50_000
    exs = [
        hotel(0, user=User("u", {}, weird, ("",)), item=Item("i", "", {"tier": "luxury", "amenities": []}, "")),
        hotel(1, item=Item("i", "Big", {"tier": "nonsense", "amenities": ["pool"]}, huge)),
        hotel(2, signals=Signals(None, (Reason("unknown_attr", "zzz"), Reason("amenities", "not-in-lexicon")))),
        hotel(3, user=User("u", {"x": True, "y": 3, "z": ["a", 1]}, "a")),
    ]
    out = PERTURBATIONS.create(name)(suite_of(*exs))
    for v in out.examples:
        Example.from_dict(v.to_dict())  # still a valid example
    assert dump(out) == dump(PERTURBATIONS.create(name)(suite_of(*exs)))


def test_suite_specs_compose():
    s = load_suite("travel+typo+shuffle")
    assert s.name == "travel+typo+shuffle"
    v = s.examples[0]
    assert v.id.endswith("~typo~shuffle") and v.tags["perturbation"] == "typo+shuffle" and v.tags["parent"].endswith("~typo")
    assert s.examples[0].split == load_suite("travel").examples[0].split
    digest = hashlib.sha256(dump(load_suite("travel+cf-swap")).encode()).hexdigest()
    assert digest == hashlib.sha256(dump(load_suite("travel+cf-swap")).encode()).hexdigest()
