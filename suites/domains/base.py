"""Vocabulary types for the generated domain suites.

A domain is data (attribute vocabularies, phrase patterns, templates) plus one
small sampler that keeps dependent attributes consistent (price tier and price,
risk level and product type). The engine in `suites.generated` does the rest, so
adding a domain is one file of vocabulary.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Callable, Literal, Mapping, Sequence

Kind = Literal["cat", "list", "bool", "num"]

_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)


def bare(form: str) -> str:
    """A surface form without its leading article: "a pool" -> "pool"."""
    return _ARTICLE.sub("", form)


@dataclass(frozen=True)
class AttrSpec:
    """One item attribute.

    `values` maps a canonical value to its surface forms. A form may carry an
    article ("a pool") so that it reads well in every phrase pattern; the lexicon
    stores it without one. A form starting with "~" is only for recognising text
    ("pools"), never written. A bool attribute has exactly one value: the phrase
    that is true of an item whose attribute is True.
    `phrases` wrap a form into a noun phrase ("{s} prices"); `profile` states the
    value (`{v}`) in the item profile (`profile_false` for a False bool); `want`
    states a preference in the user profile. Only `pref` attributes become user
    preferences / matched features, and only values in `pref_values` (default:
    all) are wanted by users: nobody asks for high fees.
    """

    name: str
    kind: Kind
    values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    phrases: tuple[str, ...] = ("{s}",)
    profile: str = ""
    profile_false: str = ""
    want: str = ""
    pref: bool = True
    pref_values: tuple[str, ...] | None = None

    @cached_property
    def value_list(self) -> tuple[str, ...]:
        return tuple(self.values)

    @cached_property
    def _gen(self) -> dict[str, tuple[str, ...]]:
        return {v: tuple(f for f in fs if not f.startswith("~")) or (v,) for v, fs in self.values.items()}

    def gen_forms(self, value: str) -> tuple[str, ...]:
        """Forms the reference writer may use."""
        return self._gen[value]

    def wanted(self) -> tuple[str, ...]:
        return self.pref_values if self.pref_values is not None else self.value_list

    def forms(self, value: str) -> tuple[str, ...]:
        """Lexicon surface forms of one canonical value (canonical first, no duplicates)."""
        out = [value]
        for f in self.values[value]:
            b = bare(f.lstrip("~"))
            if b.lower() not in (o.lower() for o in out):
                out.append(b)
        return tuple(out)

    def true_values(self, raw: Any) -> list[str]:
        """Canonical values this attribute's raw item value makes true."""
        if self.kind == "cat":
            return [raw]
        if self.kind == "list":
            return list(raw)
        if self.kind == "bool":
            return list(self.values) if raw is True else []
        return []


@dataclass(frozen=True)
class DomainSpec:
    """Everything that makes one generated domain.

    `exclusive` names the single-valued categorical attributes: two of their
    values exclude each other, so a "budget" mention for a premium item is a
    contradiction, not an extra. `demographics` lists the user attributes a
    counterfactual (fairness) perturbation may swap; they never influence the
    matched features.
    """

    name: str
    version: str
    sizes: Mapping[str, int]
    attrs: tuple[AttrSpec, ...]
    sample: Callable[[random.Random], dict[str, Any]]
    title: Callable[[random.Random, Mapping[str, Any]], str]
    nouns: tuple[str, ...]
    verbs: tuple[str, ...]
    title_attrs: tuple[str, ...] = ()  # the categorical attributes `title` reads
    templates: tuple[str, ...] = ()
    demographics: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    description: str = ""
    lang: str = "en"  # language of everything written (references, profiles, titles): "en" | "zh"

    @cached_property
    def attr(self) -> dict[str, AttrSpec]:
        return {a.name: a for a in self.attrs}

    @cached_property
    def pref_attrs(self) -> tuple[AttrSpec, ...]:
        return tuple(a for a in self.attrs if a.pref)

    @cached_property
    def exclusive(self) -> frozenset[str]:
        return frozenset(a.name for a in self.attrs if a.kind == "cat")

    @cached_property
    def lexicon(self) -> dict[str, dict[str, tuple[str, ...]]]:
        return {a.name: {v: a.forms(v) for v in a.values} for a in self.attrs if a.kind != "num"}


def pick(rng: random.Random, values: Sequence[str] | Mapping[str, Any]) -> str:
    return rng.choice(values if isinstance(values, (list, tuple)) else list(values))


def pick_some(rng: random.Random, values: Sequence[str] | Mapping[str, Any], lo: int, hi: int) -> list[str]:
    """lo..hi distinct values, kept in vocabulary order so equal draws give equal lists."""
    pool = list(values)
    chosen = set(rng.sample(pool, rng.randint(lo, min(hi, len(pool)))))
    return [v for v in pool if v in chosen]


def forms(*spec: str) -> dict[str, tuple[str, ...]]:
    """Compact vocabulary: forms("pool|a pool|~pools", "spa") -> {"pool": ("a pool", "~pools"), "spa": ("spa",)};
    the first entry of each string is the canonical value, the rest its forms."""
    out: dict[str, tuple[str, ...]] = {}
    for s in spec:
        canon, *rest = s.split("|")
        out[canon] = tuple(rest) or (canon,)
    return out


AGE_GROUPS = ("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
GENDERS = ("female", "male", "non-binary")
DEMOGRAPHICS: dict[str, tuple[str, ...]] = {"age_group": AGE_GROUPS, "gender": GENDERS}


def age_group(age: int) -> str:
    """MovieLens-style age band; ages under 18 get their own band."""
    if age < 18:
        return "under 18"
    for band, upper in zip(AGE_GROUPS, (24, 34, 44, 54, 64)):
        if age <= upper:
            return band
    return "65+"

