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
    compare: [[gemma, gemma-lora]]                     # paired tests of row labels, in the closing note
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
import yaml


class ConfigError(ValueError):
    pass


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
    compare: tuple[tuple[str, str], ...] = ()  # (baseline label, candidate label)


def _optional_present(spec: str) -> bool:
    """An optional suite is used when the file its spec names exists."""
    _, _, arg = spec.partition(":")
    return bool(arg) and Path(arg.split("+")[0]).exists()


def load_config(path: str | Path, extra_suites: tuple[str, ...] = ()) -> BenchConfig:
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    known = {"name", "out", "suites", "optional_suites", "generators", "metrics", "split", "limit", "seed", "train", "headline", "cache", "models", "compare"}
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"{path}: unknown key(s) {sorted(unknown)}; known: {sorted(known)}")
    for key in ("name", "suites", "generators"):
        if key not in raw:
            raise ConfigError(f"{path}: missing required key '{key}'")
    out = Path(raw.get("out", f"out/{raw['name']}"))
    models = Path(raw["models"]) if raw.get("models") else out / "models"
    gens = []
    for i, g in enumerate(raw["generators"]):
        if isinstance(g, str):
            g = {"spec": g}
        if not isinstance(g, dict) or "spec" not in g:
            raise ConfigError(f"{path}: generators[{i}]: expected a spec string or {{spec, label}}")
        unknown_g = set(g) - {"spec", "label", "limit", "suites", "metrics"}
        if unknown_g:
            raise ConfigError(f"{path}: generators[{i}]: unknown key(s) {sorted(unknown_g)}")
        spec = str(g["spec"]).replace("{models}", str(models))
        gens.append(GeneratorEntry(
            spec, str(g.get("label", g["spec"])), g.get("limit"),
            tuple(g["suites"]) if "suites" in g else None, tuple(g["metrics"]) if "metrics" in g else None,
        ))
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
    return BenchConfig(
        name=str(raw["name"]), out=out, suites=tuple(suites), generators=tuple(gens),
        metrics=tuple(raw.get("metrics", ["default"])), split=str(raw.get("split", "test")),
        limit=raw.get("limit"), seed=int(raw.get("seed", 0)), train=tuple(train),
        headline=tuple(raw.get("headline", ())), cache=Path(raw["cache"]) if raw.get("cache") else None,
        compare=tuple(compare),
    )
