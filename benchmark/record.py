"""The run record: what one `rxbench run` measured, typed.

In memory a run is row-major (`Run.suites[name]` holds everything about one suite:
its identity, scores, failures, cost); on disk run.json keeps its column-major
layout (`scores[suite]`, `failures[suite]`, ...), described by docs/run.schema.json.
`to_json()` writes exactly the keys run.json always had, so existing readers and
files keep working; `from_json()` reads every `format` this code knows (today: 1),
checks it against the schema and says which field is wrong.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import jsonschema

from benchmark.stats import N_BOOT

RUN_FORMAT = 1
SCHEMA_PATH = Path(__file__).resolve().parent.parent / "docs" / "run.schema.json"


@lru_cache(maxsize=1)
def run_schema() -> dict:
    """docs/run.schema.json, the run.json contract (read once)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class ScoreSummary:
    """One metric on one suite: the corpus value, the samples it rests on, its CI."""

    value: float | None
    n: int
    ci: tuple[float, float] | None = None

    def to_json(self) -> dict:
        return {"value": self.value, "n": self.n, "ci": list(self.ci) if self.ci is not None else None}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> ScoreSummary:
        ci = d.get("ci")
        return cls(d.get("value"), int(d.get("n", 0)), (ci[0], ci[1]) if ci is not None else None)


Scores = dict[str, ScoreSummary]  # metric -> its summary on one suite


@dataclass(frozen=True)
class MetricRecord:
    """How a metric was computed: two runs' values compare only when signatures match."""

    signature: str
    area: str
    higher_is_better: bool | None
    description: str

    def to_json(self) -> dict:
        return {"signature": self.signature, "area": self.area, "higher_is_better": self.higher_is_better, "description": self.description}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> MetricRecord:
        return cls(d["signature"], d.get("area", ""), d.get("higher_is_better"), d.get("description", ""))


@dataclass(frozen=True)
class Failures:
    """Generations of a suite that failed: how many of n, and the first messages."""

    count: int
    n: int
    first_errors: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"count": self.count, "n": self.n, "first_errors": list(self.first_errors)}

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Failures:
        return cls(int(d["count"]), int(d["n"]), tuple(d.get("first_errors", ())))


@dataclass(frozen=True)
class Efficiency:
    """What this run's own generations of a suite cost (see benchmark.runner.efficiency)."""

    generated: int
    cached: int
    wall_s: float
    twins_generated: int = 0
    latency_p50_s: float | None = None
    latency_p95_s: float | None = None
    throughput_per_s: float | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None

    def to_json(self) -> dict:
        return {
            "generated": self.generated, "twins_generated": self.twins_generated, "cached": self.cached, "wall_s": self.wall_s,
            "latency_p50_s": self.latency_p50_s, "latency_p95_s": self.latency_p95_s, "throughput_per_s": self.throughput_per_s,
            "prompt_tokens": self.prompt_tokens, "completion_tokens": self.completion_tokens,
        }

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Efficiency:
        return cls(**{k: d[k] for k in cls.__dataclass_fields__ if k in d})


@dataclass
class SuiteRecord:
    """Everything a run knows about one suite it measured."""

    spec: str
    hash: str
    version: str
    kind: str
    domain: str | None
    n: int
    lang: dict[str, int] | None = None  # language -> examples, most common first (None: not recorded)
    fingerprint: str | None = None  # the generator's fingerprint on this suite
    identity: dict | None = None  # what a served model reported (openai:), when the generator reports one
    scores: Scores = field(default_factory=dict)
    const: dict[str, dict[str, float]] = field(default_factory=dict)  # corpus constants each metric's reduce needs
    failures: Failures | None = None
    metric_errors: dict[str, str] = field(default_factory=dict)
    efficiency: Efficiency | None = None

    @property
    def failed(self) -> int:
        """Generations of this suite that failed."""
        return self.failures.count if self.failures is not None else 0

    def info_json(self) -> dict:
        """The suite's `suites[name]` entry of run.json (its identity and size)."""
        out = {"spec": self.spec, "hash": self.hash, "version": self.version, "kind": self.kind, "domain": self.domain, "n": self.n}
        return out if self.lang is None else {**out, "lang": dict(self.lang)}

    def identifies(self) -> dict:
        """What must match between shards of one run: the suite without its per-shard counts."""
        return {k: v for k, v in self.info_json().items() if k not in ("n", "lang")}


@dataclass(frozen=True)
class GeneratorRecord:
    spec: str
    name: str
    label: str


@dataclass
class Run:
    """One run: settings, environment and per-suite records (see the module docstring)."""

    generator: GeneratorRecord
    seed: int
    n_boot: int
    split: str
    limit: int | None
    shard: tuple[int, int] | None
    environment: dict
    metrics: dict[str, MetricRecord]
    suites: dict[str, SuiteRecord] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # suite (or "suite: metrics") -> why it was not measured
    format: int = RUN_FORMAT

    @property
    def label(self) -> str:
        return self.generator.label

    def scores(self) -> dict[str, Scores]:
        """suite -> metric -> summary (run.json's `scores`, typed)."""
        return {s: r.scores for s, r in self.suites.items()}

    def total_failures(self) -> tuple[int, int]:
        """(failed generations, generations) over every measured suite."""
        fails = [s.failures for s in self.suites.values() if s.failures is not None]
        return sum(f.count for f in fails), sum(f.n for f in fails)

    def to_json(self) -> dict:
        """The run.json object (column-major, the layout run.json has always had)."""
        gen: dict[str, Any] = {"spec": self.generator.spec, "name": self.generator.name, "label": self.generator.label,
                               "fingerprint": {s: r.fingerprint for s, r in self.suites.items() if r.fingerprint is not None}}
        identity = {s: r.identity for s, r in self.suites.items() if r.identity is not None}
        if identity:
            gen["identity"] = identity
        return {
            "format": self.format,
            "generator": gen,
            "seed": self.seed,
            "n_boot": self.n_boot,
            "split": self.split,
            "limit": self.limit,
            "shard": list(self.shard) if self.shard else None,
            "environment": self.environment,
            "suites": {s: r.info_json() for s, r in self.suites.items()},
            "metrics": {m: r.to_json() for m, r in self.metrics.items()},
            "scores": {s: {m: v.to_json() for m, v in scores.items()} for s, scores in self.scores().items()},
            "const": {s: r.const for s, r in self.suites.items()},
            "failures": {s: r.failures.to_json() for s, r in self.suites.items() if r.failures is not None},
            "metric_errors": {s: dict(r.metric_errors) for s, r in self.suites.items() if r.metric_errors},
            "efficiency": {s: r.efficiency.to_json() for s, r in self.suites.items() if r.efficiency is not None},
            "skipped": dict(self.skipped),
        }

    @classmethod
    def from_json(cls, d: Any, where: str = "run.json") -> Run:
        """A run from its JSON object; a wrong field raises ValueError naming it."""
        if not isinstance(d, dict) or not isinstance(d.get("scores"), dict):
            raise ValueError(f"{where}: not an rxbench run.json (no scores); re-run `rxbench run` to rewrite it")
        if d.get("format") != RUN_FORMAT:
            raise ValueError(f"{where}: run format {d.get('format')!r}, this rxbench reads {RUN_FORMAT}")
        error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(run_schema()).iter_errors(d))
        if error is not None:
            path = "/".join(str(p) for p in error.absolute_path) or "(top level)"
            raise ValueError(f"{where}: field {path}: {error.message}; re-run `rxbench run` to rewrite it")
        gen = d["generator"]
        suites = {}
        for name, info in d["suites"].items():
            suites[name] = SuiteRecord(
                info["spec"], info["hash"], info["version"], info["kind"], info.get("domain"), info["n"], info.get("lang"),
                gen.get("fingerprint", {}).get(name), gen.get("identity", {}).get(name),
                {m: ScoreSummary.from_json(v) for m, v in d["scores"].get(name, {}).items()},
                dict(d.get("const", {}).get(name, {})),
                Failures.from_json(d["failures"][name]) if name in d.get("failures", {}) else None,
                dict(d.get("metric_errors", {}).get(name, {})),
                Efficiency.from_json(d["efficiency"][name]) if name in d.get("efficiency", {}) else None,
            )
        shard = d.get("shard")
        return cls(
            GeneratorRecord(gen.get("spec", gen["name"]), gen["name"], gen.get("label", gen["name"])),
            d["seed"], d.get("n_boot") or N_BOOT, d["split"], d.get("limit"), (shard[0], shard[1]) if shard else None,
            d.get("environment", {}), {m: MetricRecord.from_json(v) for m, v in d["metrics"].items()},
            suites, dict(d.get("skipped", {})),
        )
