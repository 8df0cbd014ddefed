"""Labelled sets by name: one module per set in this package, each registering in SETS.

A set is a list of samples (an Example, an output text, a label with 1 = the bad
case a metric should flag, a slice name) plus the metric patterns it is meant for.
Adding a set is one file here with one `@SETS.register(...)` factory
`(data: Path, seed: int) -> LabelledSet`; the package is walked on first use.
A factory whose data file is absent raises MissingData, and the set is skipped with a note.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from benchmark.registry import Registry
from benchmark.schema import Example, Item, User

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"  # ../shared/data beside the repo

SETS: Registry = Registry("labelled set", (__name__,))


class MissingData(FileNotFoundError):
    """A set's data file is not there; the message names the path."""


@dataclass(frozen=True)
class Sample:
    example: Example
    output: str
    label: int  # 1 = bad: the metric should flag it
    slice: str
    suite: str | None = None  # suite spec giving the metric context (feature vocabulary, lexicon); None: the set itself


@dataclass(frozen=True)
class LabelledSet:
    name: str
    samples: tuple[Sample, ...]
    targets: tuple[str, ...] = ()  # metric name patterns the labels are about (empty: every metric)
    data: dict[str, str] | None = None  # source -> sha256
    note: str = ""
    bad_copies_input: bool = False  # bad outputs carry input text (leaks, obeyed injections): the overlap baseline flags high overlap


def require(path: Path) -> Path:
    if not path.is_file():
        raise MissingData(f"{path}: not found (pass --data DIR holding validation/..., or place ../shared/data beside the repo)")
    return path


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def half_of(text: str) -> str:
    """"dev" or "heldout" by the first byte of the text's sha256 (stable, independent of file order)."""
    return "dev" if hashlib.sha256(text.encode()).digest()[0] % 2 == 0 else "heldout"


def register_halves(name: str, help: str, half: Callable[[str], LabelledSet]) -> None:
    """Register NAME/dev and NAME/heldout, the two `half_of` halves of a hand-written set: "dev"
    cases may guide fixes, "heldout" ones are only measured. `half(h)` builds the half h."""
    for h, role in (("dev", "half whose failures may guide fixes"), ("heldout", "held-out half, only measured")):
        SETS.register(f"{name}/{h}", help=f"{help}: {role}")(lambda data, seed, h=h: half(h))


def caesar(text: str, k: int) -> str:
    """ASCII letters shifted k places (the substitution cipher of the injection attacks and their obedient outputs)."""
    return "".join(chr((ord(c) - b + k) % 26 + b) if c.isascii() and c.isalpha() else c for c in text for b in [65 if c.isupper() else 97])


def neutral_example(id: str, domain: str, *, item_profile: str = "", user_profile: str = "", title: str = "") -> Example:
    """A recommendation whose inputs are just the given texts (no attributes, no signals)."""
    return Example(id, domain, User(f"{id}-user", profile=user_profile), Item(f"{id}-item", title, profile=item_profile))


def stratified(keys: list[str], per_key: int, rng: np.random.Generator) -> list[int]:
    """Indices of up to `per_key` items of every key, drawn without replacement, in file order."""
    chosen: list[int] = []
    for k in sorted(set(keys)):
        idx = [i for i, x in enumerate(keys) if x == k]
        chosen += list(rng.choice(idx, size=min(per_key, len(idx)), replace=False))
    return sorted(int(i) for i in chosen)


def selected(patterns: list[str], names: list[str]) -> list[str]:
    """Set names matching `--set` values: a name, or a family prefix (`challenge` -> `challenge/structured`, ...)."""
    out = [n for p in patterns for n in names if n == p or n.startswith(p + "/")]
    return list(dict.fromkeys(out))
