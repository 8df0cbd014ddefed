"""Punctuation noise: hand-computed edits, and the registered perturbation changes punctuation only."""
from __future__ import annotations

import random
import re

from benchmark.registry import PERTURBATIONS
from benchmark.schema import Example, Item, User
from benchmark.suite import Suite
from suites.perturb.punctuation import punctuation_noise


def test_every_mark_at_p_one():
    rng = random.Random(0)
    assert punctuation_noise("Great pool, quiet rooms. Loved it!", rng, 1.0) == "Great pool quiet rooms.. Loved it!!"
    assert punctuation_noise("Wait... ok; fine", rng, 1.0) == "Wait.... ok fine"  # an ellipsis is one sentence end
    assert punctuation_noise("房间干净，早餐丰富、安静。", rng, 1.0) == "房间干净早餐丰富安静。。"


def test_at_least_one_mark_and_none_without_marks():
    assert punctuation_noise("a, b", random.Random(5), 0.0) == "a b"  # the only mark changes even at p=0
    assert punctuation_noise("no marks here", random.Random(5), 1.0) == "no marks here"


def test_registered_variant_changes_punctuation_only():
    ex = Example("h-1", "hotels", User("u", {}, "Quiet, clean rooms; friendly staff."), Item("i", "Inn, Ltd.", {}, "Pool: open daily. Breakfast!"))
    bare = Example("h-2", "hotels", User("u", {}, "no marks"), Item("i", "T", {}, "none here"))
    out = PERTURBATIONS.create("punctuation")(Suite("s", "1", (ex, bare)), seed=0).examples
    assert [v.id for v in out] == ["h-1~punctuation"]  # nothing to change in h-2: no variant
    v = out[0]
    strip = lambda t: re.sub(r"[,;:.!]", "", t)
    assert (strip(v.user.profile), strip(v.item.profile)) == (strip(ex.user.profile), strip(ex.item.profile))
    assert (v.user.profile, v.item.profile) != (ex.user.profile, ex.item.profile) and v.item.title == "Inn, Ltd."
