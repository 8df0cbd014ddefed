"""Explanation generators; importing this package registers them."""
from baselines import lm, retrieval, simple, unsafe  # noqa: F401
