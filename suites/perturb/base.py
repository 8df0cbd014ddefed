"""The perturbation base (HELM's `Perturbation`): one frozen class per perturbation, one loop.

A perturbation is a frozen dataclass whose fields are its parameters, with a
name, a kind (its family: noise, paraphrase, structure, counterfactual,
demographic, resample, safety), a version and a direction ("invariance": the
explanation should keep its meaning; "directional": it should follow the
change). It only says how one example changes (`apply`); `Perturbation.__call__`
is the one place that walks the suite, seeds a generator per example from
(name, seed, example id), leaves out examples it cannot change, and writes the
variant's id (`<parent id>~<label>`) and tags ({"parent", "perturbation",
"kind"}, chained when the parent is itself a variant). A variant depends on its
own example and the whole suite (lexicon, age groups), never on which other
examples are varied (`only=`), the shard or the process.

`@perturbation` on the class makes it a frozen dataclass and registers it in
PERTURBATIONS with its kind, direction, version and default parameters in the
entry's `info`; a module in `suites/perturb/` is imported (and so registered) by
the package itself, so adding a perturbation is one file and one class.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, fields, replace
from typing import Any, ClassVar, Collection, TypeVar, dataclass_transform

from benchmark import seeding
from benchmark.registry import PERTURBATIONS, summary
from benchmark.schema import Example
from benchmark.suite import Suite

KINDS = ("noise", "paraphrase", "structure", "counterfactual", "demographic", "resample", "safety")
DIRECTIONS = ("invariance", "directional")


@dataclass(frozen=True)
class Perturbation:
    """Base class: subclasses set `name` and `kind`, declare their parameters as fields and implement `apply`."""

    name: ClassVar[str]
    kind: ClassVar[str]
    version: ClassVar[str] = "1"
    direction: ClassVar[str] = "invariance"
    takes_arg: ClassVar[bool] = False  # `name:ARG` specs: `from_arg` builds the instance

    @classmethod
    def from_arg(cls, arg: str) -> Perturbation:
        raise TypeError(f"perturbation {cls.name!r} takes no argument")

    @property
    def params(self) -> dict[str, Any]:
        """The parameters (the dataclass fields) by name."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def label(self) -> str:
        """What the variant's tag and the perturbed suite's name call this perturbation."""
        return self.name

    @property
    def id_suffix(self) -> str:
        return self.label

    def apply(self, example: Example, rng: random.Random, suite: Suite) -> Example | None:
        """The changed example, or None (or the example itself) when this one cannot change."""
        raise NotImplementedError

    def rng(self, seed: int, example_id: str) -> random.Random:
        """The one source of randomness of a variant: sha256 of (name, seed, example id)."""
        return seeding.rng(self.name, seed, example_id)

    def variant_tags(self, parent: Example) -> dict[str, str]:
        prev = parent.tags.get("perturbation")
        return {"parent": parent.id, "perturbation": f"{prev}+{self.label}" if prev else self.label,
                "kind": "directional" if "directional" in (self.direction, parent.tags.get("kind")) else "invariance"}

    def __call__(self, suite: Suite, seed: int = 0, only: Collection[str] | None = None) -> Suite:
        """The variants of the suite's examples (of those in `only`, when given) that change."""
        out = []
        for ex in suite.examples:
            if only is not None and ex.id not in only:
                continue
            v = self.apply(ex, self.rng(seed, ex.id), suite)
            if v is None or v == ex:
                continue
            out.append(replace(v, id=f"{ex.id}~{self.id_suffix}", tags={**v.tags, **self.variant_tags(ex)}))
        desc = f"{suite.description} [+{self.label}: {self.direction}, seed {seed}]".strip()
        return replace(suite, name=f"{suite.name}+{self.label}", examples=tuple(out), description=desc)


P = TypeVar("P", bound=Perturbation)


@dataclass_transform(frozen_default=True)  # so that type checkers see the fields as constructor arguments
def perturbation(cls: type[P]) -> type[P]:
    """Make `cls` a frozen dataclass and register it under `cls.name` (info: kind, direction, version, params)."""
    cls = dataclass(frozen=True)(cls)
    if cls.kind not in KINDS or cls.direction not in DIRECTIONS:
        raise ValueError(f"perturbation {cls.name!r}: kind {cls.kind!r} not in {KINDS} or direction {cls.direction!r} not in {DIRECTIONS}")
    if cls.takes_arg and len(fields(cls)) != 1:
        raise TypeError(f"perturbation {cls.name!r} takes an argument: it must have exactly one parameter, the one `from_arg` sets")
    info = {"kind": cls.kind, "direction": cls.direction, "version": cls.version, "params": cls().params}
    factory = cls.from_arg if cls.takes_arg else cls
    PERTURBATIONS.register(cls.name, help=f"[{cls.direction}] {summary(cls.__doc__)}", takes_arg=cls.takes_arg, **info)(factory)
    return cls

