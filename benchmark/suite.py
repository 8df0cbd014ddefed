"""Suites: named, versioned sets of Examples with splits and a content hash.

A suite spec is a registered name with an optional argument and optional
perturbations: `travel`, `xrec:PATH`, `travel+typo`, `xrec:PATH+shuffle+typo`.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Mapping

from benchmark.registry import PERTURBATIONS, SUITES, UnknownName
from benchmark.schema import Example, InputError

SPLITS = ("train", "valid", "test")

Lexicon = Mapping[str, Mapping[str, tuple[str, ...]]]  # attribute -> canonical value -> surface forms


def freeze_lexicon(lexicon: Lexicon) -> tuple:
    """(attribute, canonical, sorted surface forms incl. the canonical) triples, sorted: a hashable cache key
    (here, beside the Lexicon type, because perturbations and metrics both read lexicons)."""
    out = []
    for attr, values in (lexicon or {}).items():
        for canon, forms in (values or {}).items():
            fs = (forms,) if isinstance(forms, str) else tuple(forms or ())
            out.append((str(attr), str(canon), tuple(sorted({str(canon), *map(str, fs)}))))
    return tuple(sorted(out))


ROBUSTNESS_KINDS = frozenset({"noise", "paraphrase", "structure", "counterfactual"})  # the robustness tests (inv.*, robust.*, cf.*)


def perturbation_names(direction: str) -> list[str]:
    """The registered robustness perturbations of one direction ("invariance" or "directional"), sorted
    (the demographic swaps, resampling and planted attacks are not robustness tests)."""
    return [e.name for e in PERTURBATIONS.entries() if e.info.get("direction") == direction and e.info.get("kind") in ROBUSTNESS_KINDS]


@dataclass(frozen=True)
class Suite:
    name: str
    version: str
    examples: tuple[Example, ...]  # every split, in a fixed order
    kind: str = "structured"  # "structured" (typed attributes, matched features) or "freetext"
    lexicon: Lexicon = field(default_factory=dict)
    description: str = ""

    def split(self, name: str) -> tuple[Example, ...]:
        if name == "all":
            return self.examples
        if name not in SPLITS:
            raise ValueError(f"unknown split {name!r}; use one of {', '.join(SPLITS)} or all")
        return tuple(e for e in self.examples if e.split == name)

    @cached_property
    def features(self) -> frozenset[str]:
        """The feature vocabulary (PETER's feature set): every lexicon value, plus every
        value a recommender matched, lower-cased."""
        vocab = {v.lower() for values in self.lexicon.values() for v in values}
        vocab |= {r.value.lower() for e in self.examples for r in e.signals.matched}
        return frozenset(vocab)

    @cached_property
    def has_references(self) -> bool:
        return any(e.references for e in self.examples)

    @cached_property
    def _hashes(self) -> dict[str, str]:
        return {}

    def content_hash(self, split: str = "all") -> str:
        """Remembered per split: a run asks for it per generator, training per model, and
        hashing thousands of examples is most of a fully cached re-run's work otherwise."""
        if split not in self._hashes:
            h = hashlib.sha256(f"{self.name}|{self.version}".encode())
            for e in self.split(split):
                h.update(e.content_hash().encode())
            self._hashes[split] = h.hexdigest()[:16]
        return self._hashes[split]

    def with_examples(self, examples: tuple[Example, ...], name: str | None = None) -> "Suite":
        return replace(self, examples=examples, name=name or self.name)


def load_suite(spec: str) -> Suite:
    """Resolve a suite spec, applying `+perturbation` parts left to right.

    A `+` belongs to the spec only when what follows is a registered perturbation,
    so paths containing `+` still work. A perturbation is a callable
    `(suite, seed, only=None) -> Suite` (`only`: ids of the examples to vary, context
    from the whole suite) whose examples carry tags {"parent": original id,
    "perturbation": name}; it is deterministic given (seed, example id).
    """
    parts = spec.split("+")
    perturbs: list[str] = []
    while len(parts) > 1 and parts[-1].split(":")[0] in PERTURBATIONS:
        perturbs.insert(0, parts.pop())
    try:
        suite: Suite = SUITES.create("+".join(parts))
    except (UnknownName, InputError) as exc:
        if len(parts) == 1:
            raise
        raise UnknownName(f"suite {spec!r}: unknown perturbation {parts[-1]!r}; known: {', '.join(PERTURBATIONS.names())} "
                          f"(`rxbench perturbations` describes them)" + (f"; as a file: {exc}" if isinstance(exc, InputError) else "")) from None
    for p in perturbs:
        suite = PERTURBATIONS.create(p)(suite, seed=0)
    return suite
