"""Suites: generated domains, MovieLens-100k, XRec files and native JSONL files.

Importing this package registers every suite in `benchmark.registry.SUITES`."""
from suites import generated, jsonl, movielens, xrec  # noqa: F401  (registration happens on import)
