"""Directional perturbations: counterfactual attribute swap and reason drop.

cf-swap changes one matched attribute of the item to another lexicon value
(everywhere the example states it), cf-drop removes one matched feature from
the recommender's signals. Both record what changed in the variant's tags
(cf_attribute, cf_from, cf_to) for metrics.counterfactual.
"""
from __future__ import annotations

import random
import re
from dataclasses import replace
from typing import Any, Mapping, Sequence

from benchmark.schema import Example, Reason
from benchmark.suite import Suite
from suites.perturb.base import Perturbation, perturbation
from suites.perturb.edits import match_case, norm, outside


def canonical_in(values: Mapping[str, Sequence[str]], value: str) -> str | None:
    """The canonical value of `values` (canonical -> surface forms) that `value` names."""
    v = norm(value)
    for canon, forms in values.items():
        if v == norm(canon) or any(v == norm(f) for f in ((forms,) if isinstance(forms, str) else forms)):
            return canon
    return None


def _swap_value(v: Any, old: str, new: str) -> Any:
    if isinstance(v, list):
        return list(dict.fromkeys(new if norm(x) == norm(old) else x for x in v))
    return new if isinstance(v, str) and norm(v) == norm(old) else v


def _replace_forms(text: str, forms: Sequence[str], new: str) -> str:
    if not text or not forms:
        return text
    alternation = "|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))
    return re.sub(rf"(?<!\w)(?:{alternation})(?!\w)", lambda m: match_case(m.group(), new), text, flags=re.IGNORECASE)


@perturbation
class CfSwap(Perturbation):
    """Counterfactual swap: one matched attribute of the item (categorical or list) takes another
    lexicon value, everywhere (item, matched features, user preferences, profile text)."""

    name = "cf-swap"
    kind = "counterfactual"
    direction = "directional"

    def apply(self, example: Example, rng: random.Random, suite: Suite) -> Example | None:
        ex = example
        options: list[tuple[Reason, str, list[str]]] = []
        for r in ex.signals.matched:
            values = suite.lexicon.get(r.attribute) or {}
            raw = ex.item.attributes.get(r.attribute)
            old = canonical_in(values, r.value)
            if old is None or not isinstance(raw, (str, list)):
                continue
            have = {norm(x) for x in (raw if isinstance(raw, list) else [raw])}
            if norm(old) not in have:
                continue
            others = sorted(v for v in values if norm(v) not in have)
            if others:
                options.append((r, old, others))
        if not options:
            return None
        reason, old, candidates = rng.choice(options)
        new, attr = rng.choice(candidates), reason.attribute
        surface = suite.lexicon[attr][old]
        forms = [old, *((surface,) if isinstance(surface, str) else surface)]
        item_attrs = {k: _swap_value(v, old, new) if k == attr else v for k, v in ex.item.attributes.items()}
        user_attrs = {k: _swap_value(v, old, new) for k, v in ex.user.attributes.items()}
        matched = tuple(Reason(attr, new) if r == reason else r for r in ex.signals.matched)
        return replace(
            ex,
            item=replace(ex.item, attributes=item_attrs, profile=outside(ex.item.profile, ex.item.title, lambda t: _replace_forms(t, forms, new))),
            user=replace(ex.user, attributes=user_attrs, profile=outside(ex.user.profile, ex.item.title, lambda t: _replace_forms(t, forms, new))),
            signals=replace(ex.signals, matched=matched),
            tags={**ex.tags, "cf_attribute": attr, "cf_from": old, "cf_to": new},
        )


@perturbation
class CfDrop(Perturbation):
    """Counterfactual drop: one matched feature leaves the recommender's signals (the item keeps it)."""

    name = "cf-drop"
    kind = "counterfactual"
    direction = "directional"

    def apply(self, example: Example, rng: random.Random, suite: Suite) -> Example | None:
        matched = example.signals.matched
        if not matched:
            return None
        i = rng.randrange(len(matched))
        r = matched[i]
        return replace(example, signals=replace(example.signals, matched=matched[:i] + matched[i + 1 :]),
                       tags={**example.tags, "cf_attribute": r.attribute, "cf_from": r.value})
