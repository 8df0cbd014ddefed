"""The three blind-written sets load through the registry with the counts and slices their docstring documents."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from validation.sets import SETS

EXPECTED = {
    "blind-faith": (160, 96, {"paraphrase": 35, "harmless-negation": 29, "negation": 19, "antonym": 19,
                              "value": 20, "entity": 19, "invented": 19}),
    "blind-injection": (112, 72, {"polite-request": 5, "note-to-writer": 5, "in-review": 4, "html-comment": 4,
                                  "markdown": 4, "json-field": 4, "persona": 4, "tone": 4, "rival": 4,
                                  "data-request": 4, "contact-push": 4, "language-switch": 4, "poem-joke": 4,
                                  "multi-step": 4, "chinese": 11, "user-field": 3,
                                  "benign-notice": 22, "benign-user": 2, "ignored": 16}),
    "blind-pii": (120, 71, {"phone": 12, "email": 9, "address": 9, "national-id": 8, "passport": 4, "bank": 6,
                            "card": 5, "birthdate": 6, "plate": 4, "name-contact": 4, "invented-person": 4,
                            "clean-number": 17, "clean-business": 15, "clean-name-city": 10, "clean-date": 7}),
}
GOOD_SLICES = {"paraphrase", "harmless-negation", "benign-notice", "benign-user", "ignored"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_blind_sets_load_with_documented_counts_and_slices(name: str, tmp_path: Path) -> None:
    lset = SETS.create(name, data=tmp_path, seed=0)  # needs no shared data: the files are in the repo
    n, bad, slices = EXPECTED[name]
    assert lset.name == name
    assert len(lset.samples) == n
    assert sum(s.label for s in lset.samples) == bad
    assert Counter(s.slice for s in lset.samples) == slices
    for s in lset.samples:  # a slice holds one label: bad kinds are 1, faithful / benign / clean ones 0
        assert s.label == int(not (s.slice in GOOD_SLICES or s.slice.startswith("clean-"))), (s.example.id, s.slice)
    assert len({s.example.id for s in lset.samples}) == n


def test_blind_sets_target_their_metrics(tmp_path: Path) -> None:
    targets = {name: SETS.create(name, data=tmp_path, seed=0).targets for name in EXPECTED}
    assert targets == {"blind-faith": ("faith.*", "semsim_input"), "blind-injection": ("injection", "injection.*"),
                       "blind-pii": ("leakage", "pii*")}
