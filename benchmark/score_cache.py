"""Metric results cached beside the generations (same SQLite file, table `scores`).

A re-run whose generations are all cached would otherwise spend nearly all its
time recomputing the same metrics on the same texts (MiniLM embeddings, claim
checks, toxicity models): the demo's metrics take minutes, its cached re-run
should take seconds. A metric's `Scored` is reused only when everything it can
depend on is unchanged: its signature (name, version, options), the source of
rxbench's metric, suite and benchmark code and the installed package versions
(a changed metric or model package recomputes), the suite's content (suite-level
statistics such as IDF see the whole suite), the seed, and per example its
content hash, the text scored, whether it failed, its latency and the twins
(perturbed inputs and their texts) of the perturbations the metric compares.
A metric that raises is not cached (it is retried on the next run).
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from dataclasses import replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Sequence

from benchmark.schema import Example
from benchmark.scoring import MetricContext, MetricDef, Scored

_SCHEMA = "CREATE TABLE IF NOT EXISTS scores (key TEXT PRIMARY KEY, metric TEXT NOT NULL, scored TEXT NOT NULL, created REAL NOT NULL)"
CODE_DIRS = ("benchmark", "metrics", "suites")  # the code and data a metric's value can depend on
NOT_CODE = ("benchmark/gates",)  # the release gates' config, baseline run and tests: never read by a run


def scored_by_runs(f: Path, root: Path) -> bool:
    """Whether a file under CODE_DIRS can change a score: not bytecode or a cache, not a test
    or a document, not the gates' baseline. A merge that only rebaselines the gates or edits
    tests or a model card (the usual integration commit) would otherwise recompute every
    cached score of the next re-run (its first row also loads the metric models)."""
    rel = f.relative_to(root)
    if "__pycache__" in rel.parts or f.suffix in (".pyc", ".sqlite", ".md") or rel.as_posix().startswith(NOT_CODE):
        return False
    return not (f.name == "conftest.py" or (f.name.startswith("test_") and f.suffix == ".py"))


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Hash of rxbench's metric-relevant source and data files and of every installed
    distribution's name and version: any change recomputes every cached score."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for d in CODE_DIRS:
        for f in sorted((root / d).rglob("*")):
            if f.is_file() and scored_by_runs(f, root):
                h.update(f"{f.relative_to(root)}\0".encode())
                h.update(hashlib.sha256(f.read_bytes()).digest())
    for dist in sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()):
        h.update(dist.encode() + b"\n")
    return h.hexdigest()


def score_key(m: MetricDef, examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> str:
    """Everything the metric's result can depend on, hashed (see the module docstring)."""
    suite = ctx.whole_suite
    twins = {
        name: [None if t is None else (t[0].content_hash(), t[1]) for t in ctx.variants.get(name, [])]
        for name in m.variants
    }
    blob = {
        "metric": m.signature, "code": code_digest(), "seed": ctx.seed, "suite": ctx.suite,
        "suite_hash": suite.content_hash() if suite is not None else None,
        "features": sorted(ctx.features), "lexicon": {k: dict(v) for k, v in ctx.lexicon.items()},
        "examples": [e.content_hash() for e in examples], "texts": list(texts),
        "failed": list(ctx.failed or []), "latency_s": list(ctx.latency_s or []), "twins": twins,
    }
    text = json.dumps(blob, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()  # a hostile text may hold a lone surrogate


def _plain(obj: Any) -> Any:
    """numpy scalars as Python numbers, for JSON."""
    return obj.item() if hasattr(obj, "item") else str(obj)


class ScoreCache:
    """The `scores` table of a generation cache file; one short connection per access."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60)
        if not self._ready:
            db.execute(_SCHEMA)
            db.commit()
            self._ready = True
        return db

    def get(self, key: str) -> Scored | None:
        db = self._connect()
        try:
            row = db.execute("SELECT scored FROM scores WHERE key=?", (key,)).fetchone()
        finally:
            db.close()
        return Scored(**json.loads(row[0])) if row else None

    def put(self, key: str, metric: str, scored: Scored) -> None:
        blob = json.dumps({"rows": scored.rows, "values": scored.values, "const": scored.const, "details": scored.details}, default=_plain)
        db = self._connect()
        try:
            with db:
                db.execute("INSERT OR REPLACE INTO scores VALUES (?,?,?,?)", (key, metric, blob, time.time()))
        finally:
            db.close()


def with_score_cache(metrics: Sequence[MetricDef], cache_path: Path) -> list[MetricDef]:
    """The metrics, each computing through the score cache in `cache_path` (the run's
    generation cache): a hit returns the stored result without running the metric."""
    store = ScoreCache(cache_path)

    def cached(m: MetricDef) -> MetricDef:
        def fn(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
            key = score_key(m, examples, texts, ctx)
            hit = store.get(key)
            if hit is not None and len(hit.rows) == len(texts):
                return hit
            scored = m.fn(examples, texts, ctx)
            if len(scored.rows) == len(texts):  # a malformed result is left for MetricDef.score to reject
                store.put(key, m.name, scored)
            return scored

        return replace(m, fn=fn)

    return [cached(m) for m in metrics]
