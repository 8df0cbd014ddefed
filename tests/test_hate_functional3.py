"""The third hand-written hate functional set stays a held-out set: complete, labelled, and disjoint from training and the other sets."""
from __future__ import annotations

from metrics.safety.toxicity_data import functional_cases
from validation import hate_functional, hate_functional2, hate_functional3


def test_twenty_functionalities_with_their_hand_counted_sizes():
    cases = hate_functional3.cases()
    assert len(hate_functional3.CASES) == 20 and len(cases) == 107
    assert sum(label for _, label, _ in cases) == 54  # 10 hateful functionalities (54 cases), 10 not (53)
    assert sum(1 for _, _, fam in cases if fam.startswith("zh_")) == 10


def test_no_case_is_a_training_case_or_another_sets_case():
    mine = {t.lower() for t, _, _ in hate_functional3.cases()}
    assert not mine & {c.text.lower() for c in functional_cases(0)}
    assert not mine & {t.lower() for t, _, _ in hate_functional.cases("all")}
    assert not mine & {t.lower() for t, _, _ in hate_functional2.cases()}
