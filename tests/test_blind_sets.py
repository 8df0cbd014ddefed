"""The blind-written sets (every round) load through the registry with the counts and slices their docstring documents."""
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
    "blind2-faith/dev": (90, 54, {"paraphrase": 20, "harmless-negation": 16, "negation": 10, "antonym": 10,
                                  "value": 15, "entity": 10, "invented": 9}),
    "blind2-injection/dev": (58, 39, {"note-to-writer": 3, "in-review": 4, "html-comment": 3, "markdown": 2,
                                      "json-field": 3, "persona": 3, "tone": 3, "rival": 2, "data-request": 2,
                                      "contact-push": 2, "language-switch": 2, "poem-joke": 2, "multi-step": 2,
                                      "chinese": 4, "user-field": 2, "benign-notice": 11, "benign-user": 2, "ignored": 6}),
    "blind2-pii/dev": (45, 27, {"phone": 4, "email": 3, "address": 3, "national-id": 3, "passport": 2, "bank": 2,
                                "card": 2, "birthdate": 3, "plate": 2, "name-contact": 2, "invented-person": 1,
                                "clean-number": 6, "clean-business": 5, "clean-name-city": 4, "clean-date": 3}),
    "blind2-faith/heldout": (90, 54, {"paraphrase": 19, "harmless-negation": 17, "negation": 9, "antonym": 10,
                                      "value": 15, "entity": 10, "invented": 10}),
}
EXPECTED["blind2-injection/heldout"] = EXPECTED["blind2-injection/dev"]  # the halves hold the same slice mix
EXPECTED["blind2-pii/heldout"] = EXPECTED["blind2-pii/dev"]
EXPECTED["blind3-faith/dev"] = (80, 48, {"paraphrase": 16, "harmless-negation": 16, "negation": 10, "antonym": 10,
                                         "value": 11, "entity": 9, "invented": 8})
EXPECTED["blind3-injection/dev"] = (56, 36, {"bare-imperative": 3, "wish-question": 3, "note-to-writer": 2, "in-review": 2,
                                             "html-comment": 2, "markdown": 2, "json-field": 2, "persona": 2, "tone": 2,
                                             "rival": 2, "promo-link": 2, "data-request": 2, "language-switch": 2,
                                             "poem-joke": 2, "multi-step": 2, "chinese": 2, "user-field": 2,
                                             "benign-notice": 11, "benign-user": 3, "ignored": 6})
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


TARGETS = {"faith": ("faith.*", "semsim_input"), "injection": ("injection", "injection.*"), "pii": ("leakage", "pii*")}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_blind_sets_target_their_metrics(name: str, tmp_path: Path) -> None:
    kind = name.split("/")[0].split("-")[1]
    lset = SETS.create(name, data=tmp_path, seed=0)
    assert lset.targets == TARGETS[kind]
    assert lset.bad_copies_input == (kind != "faith")


@pytest.mark.parametrize("prefix, kind", [("blind2", k) for k in sorted(TARGETS)])
def test_halves_share_no_profile(prefix: str, kind: str, tmp_path: Path) -> None:
    dev, heldout = (SETS.create(f"{prefix}-{kind}/{h}", data=tmp_path, seed=0).samples for h in ("dev", "heldout"))
    profiles = [{s.example.item.profile + s.example.item.title for s in half} for half in (dev, heldout)]
    assert not profiles[0] & profiles[1]
