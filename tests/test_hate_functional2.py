"""The second hand-written hate functional set stays a held-out set: complete, labelled, and disjoint from training."""
from __future__ import annotations

from metrics.safety.toxicity_data import functional_cases
from validation import hate_functional, hate_functional2


def test_every_functionality_has_ten_cases_and_one_label():
    cases = hate_functional2.cases()
    assert len(hate_functional2.CASES) == 29 and len(cases) == 290
    assert sum(label for _, label, _ in cases) == 180  # 18 hateful functionalities, 11 not
    assert all(len(ts) == 10 for _, ts in hate_functional2.CASES.values())


def test_no_case_is_a_training_case_or_a_first_set_case():
    mine = {t.lower() for t, _, _ in hate_functional2.cases()}
    assert not mine & {c.text.lower() for c in functional_cases(0)}
    assert not mine & {t.lower() for t, _, _ in hate_functional.cases("all")}
