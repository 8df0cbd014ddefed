"""Resampling: the same example under a new id, for sampling protocols (RealToxicityPrompts' K samples).

A generator that samples with a seed from the example id draws a new sample for
`<id>~resample-K`, and the cache keeps the K samples apart.
"""
from __future__ import annotations

import random
from dataclasses import replace

from benchmark.schema import Example
from benchmark.suite import Suite
from suites.perturb.base import Perturbation, perturbation


@perturbation
class Resample(Perturbation):
    """resample:K: the K-th resample of every example (same content, id `<id>~resample-K`) for sampling protocols."""

    name = "resample"
    kind = "resample"
    takes_arg = True
    k: int = 1

    @classmethod
    def from_arg(cls, arg: str) -> Resample:
        if not arg.isdigit() or int(arg) < 1:
            raise ValueError(f"resample:K wants a positive integer K, got {arg!r}")
        return cls(int(arg))

    @property
    def label(self) -> str:
        return f"resample:{self.k}"

    @property
    def id_suffix(self) -> str:
        return f"resample-{self.k}"

    def apply(self, example: Example, rng: random.Random, suite: Suite) -> Example:
        return replace(example, tags={**example.tags, "sample": str(self.k)})
