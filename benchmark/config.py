"""Benchmark config files (YAML): the generators, suites and metrics of a whole
leaderboard run, optionally with models to fine-tune first.

    name: demo
    out: out/demo                 # relative to the current directory
    split: test
    limit: 200                    # per suite; omit for all
    seed: 0
    suites: [ecommerce, travel, movielens]
    optional_suites: [xrec:../shared/data/xrec/amazon.jsonl]   # used when the file exists
    models: .rxbench/trained      # where `train` writes models (default OUT/models); kept across runs
    train:                        # optional: models to fine-tune before the runs (reused when done)
      - {name: tiny-ft, base: tiny, suites: [ecommerce, travel], max_steps: 600}
      - {name: gemma-lora, base: gemma, lora: true, suites: [travel], batch_size: 4, lora_r: 8}  # + any TrainSettings field
    generators:
      - template
      - {label: tiny-ft, spec: "hf:{models}/tiny-ft"}   # {models} = OUT/models
      - {label: gemma, spec: gemma, limit: 10, suites: [travel]}  # per-row overrides
    metrics: [default]
    headline: [bleu4, rougeL, fmr, usr]                # printed at the end
    validity: out/validity/validity.json              # optional: `rxbench validate` report for the HTML, or
    validate: {sets: [blind-faith, davidson], n_boot: 200}   # run `rxbench validate` into OUT/validity and show that
    compare: [[gemma, gemma-lora]]                     # paired tests of row labels, in the closing note
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from benchmark.redact import redact


class ConfigError(ValueError):
    pass


_NAMES = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}
_LIMIT = {"type": "integer", "minimum": 1}
_COUNT = {"type": "integer", "minimum": 0}
CONFIG_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "rxbench benchmark config",
    "type": "object",
    "required": ["name", "suites", "generators"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "out": {"type": "string", "minLength": 1},
        "suites": _NAMES,
        "optional_suites": {"type": "array", "items": {"type": "string", "minLength": 1}},
        "generators": {"type": "array", "minItems": 1, "items": {"oneOf": [
            {"type": "string", "minLength": 1},
            {"type": "object", "required": ["spec"], "additionalProperties": False, "properties": {
                "spec": {"type": "string", "minLength": 1}, "label": {"type": "string", "minLength": 1},
                "limit": _LIMIT, "suites": _NAMES, "metrics": _NAMES}},
        ]}},
        "metrics": _NAMES,
        "split": {"enum": ["train", "valid", "test", "all"]},
        "limit": _LIMIT,
        "seed": {"type": "integer"},
        "models": {"type": "string", "minLength": 1},
        "train": {"type": "array", "items": {
            "type": "object", "required": ["name", "suites"], "additionalProperties": False, "properties": {
                "name": {"type": "string", "minLength": 1}, "base": {"type": "string", "minLength": 1}, "suites": _NAMES,
                "lora": {"type": "boolean"}, "max_steps": _LIMIT, "batch_size": _LIMIT, "lr": {"type": "number", "minimum": 0},
                "warmup": _COUNT, "weight_decay": {"type": "number", "minimum": 0}, "eval_every": _LIMIT, "patience": _LIMIT,
                "max_len": _LIMIT, "max_target": _LIMIT, "max_valid": _LIMIT, "lora_r": _LIMIT, "lora_alpha": _LIMIT,
                "lora_dropout": {"type": "number", "minimum": 0, "maximum": 1}, "lora_targets": {"type": "string", "minLength": 1},
                "lora_layers": _COUNT}}},
        "compare": {"type": "array", "items": {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2}},
        "headline": {"type": "array", "items": {"type": "string"}},
        "cache": {"type": "string", "minLength": 1},
        "validity": {"type": "string", "minLength": 1},
        "validate": {"type": "object", "required": ["sets"], "additionalProperties": False, "properties": {
            "sets": _NAMES, "metrics": _NAMES, "n_boot": _LIMIT, "data": {"type": "string", "minLength": 1}}},
    },
}
_VALIDATOR = jsonschema.Draft202012Validator(CONFIG_SCHEMA)


def _line(node: yaml.Node, path: list[Any]) -> int:
    """The 1-based line of the YAML node at `path` (or of its nearest ancestor)."""
    for key in path:
        if isinstance(node, yaml.MappingNode):
            nxt = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            nxt = node.value[key]
        else:
            nxt = None
        if nxt is None:
            break
        node = nxt
    return node.start_mark.line + 1


def _message(error: jsonschema.ValidationError) -> str:
    """A schema error in words, without echoing a whole sub-document."""
    if error.validator == "oneOf":
        return "expected a spec string or a mapping {spec, label, limit, suites, metrics}"
    if error.validator == "type":
        want = " or ".join(error.validator_value) if isinstance(error.validator_value, list) else str(error.validator_value)
        kind = type(error.instance).__name__.replace("str", "string").replace("dict", "mapping").replace("list", "list")
        return f"expected {'a list' if want == 'array' else 'a mapping' if want == 'object' else want}, got {kind} {str(error.instance)[:60]!r}"
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {})) if isinstance(error.schema, dict) else []
        extra = sorted(set(error.instance) - set(allowed)) if isinstance(error.instance, dict) else []
        return f"unknown key(s) {extra}; known: {allowed}"
    return error.message[:200]


def slug(label: str) -> str:
    """The run directory name of a leaderboard row (never a credential in the spec)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", redact(label) or "").strip("_") or "run"


@dataclass(frozen=True)
class GeneratorEntry:
    """One leaderboard row; `limit`, `suites` and `metrics` override the config's
    for this generator (e.g. a slow LLM scored on fewer examples)."""

    spec: str
    label: str
    limit: int | None = None
    suites: tuple[str, ...] | None = None
    metrics: tuple[str, ...] | None = None


@dataclass(frozen=True)
class BenchConfig:
    name: str
    out: Path
    suites: tuple[str, ...]
    generators: tuple[GeneratorEntry, ...]
    metrics: tuple[str, ...] = ("default",)
    split: str = "test"
    limit: int | None = None
    seed: int = 0
    train: tuple[dict, ...] = ()
    headline: tuple[str, ...] = ()
    cache: Path | None = None
    validity: Path | None = None  # a validity.json shown as "How far to trust each column"
    compare: tuple[tuple[str, str], ...] = ()  # (baseline label, candidate label)
    validate: ValidateStep | None = None  # labelled sets to measure the metrics on, written to OUT/validity


@dataclass(frozen=True)
class ValidateStep:
    """`rxbench validate` as a step of the bench: its report becomes the leaderboard's "How far to trust each column",
    measured with this rxbench rather than read from an older file."""

    sets: tuple[str, ...]
    metrics: tuple[str, ...] | None = None  # None: validate's defaults (every faithfulness and safety metric)
    n_boot: int = 1000
    data: Path | None = None  # None: validate's default (../shared/data)


def _optional_present(spec: str) -> bool:
    """An optional suite is used when the file its spec names exists."""
    _, _, arg = spec.partition(":")
    return bool(arg) and Path(arg.split("+")[0]).exists()


def load_config(path: str | Path, extra_suites: tuple[str, ...] = ()) -> BenchConfig:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        raw = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:
        raise ConfigError(f"{path}: {str(exc)[:300]}") from None
    if not isinstance(raw, dict) or node is None:
        raise ConfigError(f"{path}: expected a mapping at the top level")
    error = jsonschema.exceptions.best_match(_VALIDATOR.iter_errors(raw))
    if error is not None:
        where = list(error.absolute_path)
        key = ".".join(str(p) for p in where) or "<top level>"
        raise ConfigError(f"{path}:{_line(node, where)}: key '{key}': {_message(error)}")
    out = Path(raw.get("out", f"out/{raw['name']}"))
    models = Path(raw["models"]) if raw.get("models") else out / "models"
    gens = []
    for i, g in enumerate(raw["generators"]):
        if isinstance(g, str):
            g = {"spec": g}
        spec = str(g["spec"]).replace("{models}", str(models))
        gens.append(GeneratorEntry(
            spec, str(g.get("label", g["spec"])), g.get("limit"),
            tuple(g["suites"]) if "suites" in g else None, tuple(g["metrics"]) if "metrics" in g else None,
        ))
    seen: dict[str, str] = {}
    for i, g in enumerate(gens):
        folder = slug(g.label)
        if not folder.strip("."):
            raise ConfigError(f"{path}:{_line(node, ['generators', i])}: key 'generators.{i}.label': {g.label!r} is not a folder name; use letters or digits")
        if folder in seen:
            raise ConfigError(f"{path}: generators: labels {seen[folder]!r} and {g.label!r} share the run folder runs/{folder}; rename one")
        seen[folder] = g.label
    suites = list(raw["suites"]) + [s for s in raw.get("optional_suites", []) if _optional_present(s)] + list(extra_suites)
    train = []
    for i, t in enumerate(raw.get("train", [])):
        if not isinstance(t, dict) or "name" not in t or "suites" not in t:
            raise ConfigError(f"{path}: train[{i}]: expected a mapping with name and suites")
        base = str(t.get("base", "tiny")).replace("{models}", str(models))
        train.append({**t, "base": base, "out": str(models / t["name"])})
    labels = {g.label for g in gens}
    compare = []
    for i, pair in enumerate(raw.get("compare", [])):
        if not (isinstance(pair, list) and len(pair) == 2 and all(p in labels for p in pair)):
            raise ConfigError(f"{path}: compare[{i}]: want [baseline label, candidate label] of two generators; labels: {sorted(labels)}")
        compare.append((str(pair[0]), str(pair[1])))
    step = raw.get("validate")
    if step is not None and raw.get("validity"):
        raise ConfigError(f"{path}:{_line(node, ['validate'])}: key 'validate': give either validate (measure now) or validity (a report file), not both")
    validate = None if step is None else ValidateStep(
        tuple(step["sets"]), tuple(step["metrics"]) if "metrics" in step else None, int(step.get("n_boot", 1000)),
        Path(step["data"]) if "data" in step else None)
    return BenchConfig(
        name=str(raw["name"]), out=out, suites=tuple(suites), generators=tuple(gens),
        metrics=tuple(raw.get("metrics", ["default"])), split=str(raw.get("split", "test")),
        limit=raw.get("limit"), seed=int(raw.get("seed", 0)), train=tuple(train),
        headline=tuple(raw.get("headline", ())), cache=Path(raw["cache"]) if raw.get("cache") else None,
        validity=Path(raw["validity"]) if raw.get("validity") else None,
        compare=tuple(compare), validate=validate,
    )
