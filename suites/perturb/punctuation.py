"""Punctuation noise (invariance): dropped pauses and doubled sentence ends, as hurried typing leaves them."""
from __future__ import annotations

import random
import re

from benchmark.schema import Example
from benchmark.suite import Suite
from suites.perturb.base import Perturbation, perturbation
from suites.perturb.edits import profiles

_PAUSE = ",;:，；：、"  # dropped: the clause boundary stays readable without them
_MARK = re.compile(r"[,;:，；：、.!?。！？](?![.!?。！？])")  # a sentence end counts once ("..." is one mark)


def punctuation_noise(text: str, rng: random.Random, p: float) -> str:
    """Each punctuation mark with probability p (at least one when there is any): a pause
    (, ; : and Chinese ，；：、) dropped, a sentence end (. ! ? 。！？) doubled."""
    spots = [m.start() for m in _MARK.finditer(text)]
    if not spots:
        return text
    chosen = set(i for i in spots if rng.random() < p) or {rng.choice(spots)}
    return "".join(("" if c in _PAUSE else c + c) if i in chosen else c for i, c in enumerate(text))


@perturbation
class Punctuation(Perturbation):
    """Punctuation noise in the profiles: about one mark in three changed, pauses (, ; : ，、) dropped
    and sentence ends (. ! ? 。！？) doubled."""

    name = "punctuation"
    kind = "noise"
    p: float = 0.3

    def apply(self, example: Example, rng: random.Random, suite: Suite) -> Example:
        return profiles(lambda t, r: punctuation_noise(t, r, self.p), example, rng)
