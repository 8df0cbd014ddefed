"""Deterministic train / valid / test assignment for loaded data sets."""
from __future__ import annotations

import hashlib
from typing import Iterable


def hash_split(ids: Iterable[str], salt: str, fractions: tuple[float, float] = (0.8, 0.1)) -> dict[str, str]:
    """Order ids by sha256(salt:id) and cut at the given train / valid fractions.

    Exact proportions (within rounding), independent of file order and of
    PYTHONHASHSEED; the rest after train and valid is test."""
    order = sorted(set(ids), key=lambda i: hashlib.sha256(f"{salt}:{i}".encode("utf-8")).hexdigest())
    n_train = round(fractions[0] * len(order))
    n_valid = round((fractions[0] + fractions[1]) * len(order)) - n_train
    return {i: "train" if k < n_train else "valid" if k < n_train + n_valid else "test" for k, i in enumerate(order)}
