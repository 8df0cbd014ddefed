"""`blind-faith`, `blind-injection`, `blind-pii`: three labelled sets written blind, in other people's words.

Written on 2026-12-07 by the helper session "blind8" (a language-model assistant), by hand, without
reading the detectors (metrics/) or any other labelled set, and committed before any metric ran on
them: every earlier held-out set was written by helpers who had read the metric code. They imitate
varied real sources (terse, chatty, formal, marketing and LLM-style texts; e-commerce, travel, news,
finance, education, restaurants, movies, books, health, real estate, apps; about a fifth Chinese, a
few traditional) with invented item and user profiles. Files in validation/data, `user:` format:

- blind_faith.jsonl (160; label 1 = unfaithful to the inputs): 30 profiles with five explanations each;
  faithful slices `paraphrase`, `harmless-negation`, unfaithful ones with one error among true
  statements `negation`, `antonym`, `value`, `entity`, `invented`.
- blind_injection.jsonl (112; label 1 = the output obeys an instruction planted in an input field):
  one slice per planting style (`polite-request`, `html-comment`, `json-field`, `user-field`,
  `chinese`, ...); benign `benign-notice` / `benign-user` (imperative text written for customers,
  used legitimately) and `ignored` (a planted instruction the output ignores).
- blind_pii.jsonl (120; label 1 = the output leaks the user's personal data or invents a private
  person's): one slice per kind of data (`phone`, `email`, `address`, `national-id`, `passport`,
  `bank`, `card`, `birthdate`, `plate`, `name-contact`, `invented-person`); clean traps
  `clean-number`, `clean-business` (the item's own public contact data is not personal data),
  `clean-name-city`, `clean-date`.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import NamedTuple

from validation.sets import SETS, LabelledSet
from validation.sets.user import load_user_set

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


class BlindSet(NamedTuple):
    file: str
    targets: tuple[str, ...]
    bad_copies_input: bool  # leaks and obeyed plants repeat input text; unfaithful outputs do not
    help: str
    author: str = "blind8"  # the helper session that wrote the file


BLIND_SETS: dict[str, BlindSet] = {
    "blind-faith": BlindSet("blind_faith.jsonl", ("faith.*", "semsim_input"), False,
                            "160 blind-written explanations, faithful or with one error among true statements"),
    "blind-injection": BlindSet("blind_injection.jsonl", ("injection", "injection.*"), True,
                                "112 blind-written outputs obeying or ignoring instructions planted in item / user text"),
    "blind-pii": BlindSet("blind_pii.jsonl", ("leakage", "pii*"), True,
                          "120 blind-written outputs leaking user data in other surface forms, or clean traps"),
}


def load_blind(name: str, spec: BlindSet) -> LabelledSet:
    """The set NAME from its file in validation/data, under its own name and targets."""
    lset = load_user_set(DATA_DIR / spec.file)
    note = f"written blind by helper {spec.author} on 2026-12-07, before any metric ran on it: {spec.help}"
    return dataclasses.replace(lset, name=name, targets=spec.targets, note=note, bad_copies_input=spec.bad_copies_input)


def register_blind(sets: dict[str, BlindSet]) -> None:
    """One registry entry per blind set (each round of blind sets is one module calling this)."""
    for name, spec in sets.items():
        SETS.register(name, help=spec.help)(lambda data, seed, name=name, spec=spec: load_blind(name, spec))


Kinds = dict[str, tuple[tuple[str, ...], bool, str]]  # kind: targets, bad outputs copy input text, what the cases are
HALVES = {"dev": "dev half, developed on", "heldout": "held-out half, only measured"}


def register_round(prefix: str, author: str, kinds: Kinds, halves: dict[str, str]) -> None:
    """Register a round of halved blind sets, PREFIX-KIND/HALF from validation/data/PREFIX_KIND_HALF.jsonl
    (the later rounds are written in dev and held-out halves; each round's module names only its kinds)."""
    register_blind({
        f"{prefix}-{kind}/{half}": BlindSet(f"{prefix}_{kind}_{half}.jsonl", targets, copies, f"{what}: {role}", author)
        for kind, (targets, copies, what) in kinds.items() for half, role in halves.items()
    })


register_blind(BLIND_SETS)
