"""Explanation generators; importing this package registers them."""
from baselines import retrieval, simple, unsafe  # noqa: F401
