"""The one way rxbench derives randomness from a stable description (never Python's `hash()`).

Every random choice (a perturbation of one example, a planted attack, a bootstrap,
a sampled generation, a distractor draw) is seeded from sha256 of its parts joined
by "|", so it depends on those parts alone: not on the process, the shard, the
order of the examples or the other examples. The constructors below differ only
in how the digest becomes a generator; each one is the stream existing data was
built on, kept so that no variant, attack or score changes.
"""
from __future__ import annotations

import hashlib
import random
from typing import Literal

import numpy as np


def digest(*parts: object) -> bytes:
    """sha256 of the parts, `str`-ed and joined by "|" (UTF-8; lone surrogates passed through)."""
    return hashlib.sha256("|".join(map(str, parts)).encode("utf-8", "surrogatepass")).digest()


def seed_int(*parts: object, nbytes: int = 8, byteorder: Literal["big", "little"] = "big") -> int:
    """An integer seed: the first `nbytes` bytes of the digest."""
    return int.from_bytes(digest(*parts)[:nbytes], byteorder)


def rng(*parts: object) -> random.Random:
    """A `random.Random` from the first 128 bits of the digest (perturbations, distractor draws)."""
    return random.Random(seed_int(*parts, nbytes=16))


def hex_rng(*parts: object) -> random.Random:
    """A `random.Random` seeded with the hex digest string (planted attacks, the random baseline,
    validation samples: the stream their data was first built on)."""
    return random.Random(digest(*parts).hex())


def np_rng(*parts: object) -> np.random.Generator:
    """A numpy generator from the first 64 bits of the digest, little-endian (bootstrap, permutation tests)."""
    return np.random.default_rng(seed_int(*parts, byteorder="little"))
