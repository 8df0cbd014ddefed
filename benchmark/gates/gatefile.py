"""The gate file (YAML) and what one rule decides.

    alpha: 0.05                 # significance level of regression rules (default 0.05)
    suites: [travel, movies]    # suite specs every metric is gated on
    baseline: {generator: template, split: test, limit: 50, seed: 0, n_boot: 1000}
    validity: out/validity/validity.json  # `rxbench validate` report (relative to this file)
    metrics:
      fmr: {min: 0.5, max_regression: 0.02}      # metric units; ↑/↓ from the metric
      failure_rate: {max: 0.01, suites: [travel]} # per-metric suites / alpha override
      toxicity.frac: {max: 0.001, min_validity: {auc: 0.8, set: davidson}}

Rules: `min` / `max` bound the candidate's corpus value; `max_regression` fails
when the candidate is worse than the baseline by more than the bound (in the
metric's units, in its bad direction) AND the paired difference is significant
(its (1 - alpha) paired-bootstrap CI, printed in the message, excludes 0). `baseline` says how `python -m benchmark.gates.rebaseline` makes
the committed baseline run; candidates given as generator specs are run with
the baseline run's split / limit / seed. `min_validity` requires the metric
itself to be trustworthy: in the validity report, its measure (auc,
recall_at_5fpr, accuracy, recall) on the named labelled set (and slice,
default all) must reach the bound, measured on the metric's current signature.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from benchmark.compare import MetricComparison
from benchmark.numbers import fmt, fmt_ci, fmt_p
from benchmark.record import ScoreSummary
from benchmark.registry import METRICS
from benchmark.scoring import get_metric
from validation.report import read_validity

RULES = ("min", "max", "max_regression")
VALIDITY_MEASURES = ("auc", "recall_at_5fpr", "accuracy", "recall")
_NUM = {"type": "number"}
_MIN_VALIDITY = {
    "type": "object",
    "additionalProperties": False,
    "required": ["set"],
    "minProperties": 2,
    "properties": {"set": {"type": "string", "minLength": 1}, "slice": {"type": "string", "minLength": 1},
                   **{m: {"type": "number", "minimum": 0, "maximum": 1} for m in VALIDITY_MEASURES}},
}
SCHEMA: dict = {
    "type": "object",
    "additionalProperties": False,
    "required": ["suites", "metrics"],
    "properties": {
        "alpha": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
        "suites": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
        "validity": {"type": "string", "minLength": 1},
        "baseline": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "generator": {"type": "string", "minLength": 1},
                "split": {"enum": ["train", "valid", "test", "all"]},
                "limit": {"type": ["integer", "null"], "minimum": 1},
                "seed": {"type": "integer"},
                "n_boot": {"type": "integer", "minimum": 100},
            },
        },
        "metrics": {
            "type": "object",
            "minProperties": 1,
            "additionalProperties": {
                "type": "object",
                "additionalProperties": False,
                "anyOf": [{"required": [r]} for r in (*RULES, "min_validity")],
                "properties": {
                    "min": _NUM, "max": _NUM, "max_regression": {"type": "number", "minimum": 0}, "min_validity": _MIN_VALIDITY,
                    "alpha": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
                    "suites": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
                },
            },
        },
    },
}
BASELINE_DEFAULTS = {"generator": "template", "split": "test", "limit": 50, "seed": 0, "n_boot": 1000}


class GateFileError(ValueError):
    """The gate file is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class Rule:
    suite: str  # suite spec, as written in the gate file
    metric: str
    kind: str  # min | max | max_regression | min_validity
    bound: float
    alpha: float
    measure: str = ""  # min_validity: auc | recall_at_5fpr | accuracy | recall
    slice: str = "all"  # min_validity: the labelled set's slice

    @property
    def id(self) -> str:
        return f"{self.suite}/{self.metric}/{self.kind}" + (f".{self.measure}" if self.measure else "")

    def describe(self) -> str:
        if self.kind == "min_validity":
            where = self.suite.removeprefix("validity:") + ("" if self.slice == "all" else f" slice {self.slice}")
            return f"{self.metric} {self.measure} on {where} >= {self.bound:g}"
        if self.kind == "max_regression":
            return f"{self.metric} may not get worse by more than {self.bound:g} (p < {self.alpha:g})"
        return f"{self.metric} {'>=' if self.kind == 'min' else '<='} {self.bound:g}"


@dataclass(frozen=True)
class GateFile:
    path: Path
    suites: tuple[str, ...]  # every suite spec any rule uses, in order
    rules: tuple[Rule, ...]
    alpha: float
    baseline: dict[str, Any]
    validity: Path | None = None  # the validity report min_validity rules read

    @property
    def metrics(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.metric for r in self.rules))


def load_gates(path: str | Path) -> GateFile:
    path = Path(path)
    if not path.is_file():
        raise GateFileError(f"{path}: no such gate file")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GateFileError(f"{path}: not valid YAML: {exc}") from None
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(SCHEMA).iter_errors(raw))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "<top level>"
        raise GateFileError(f"{path}: field '{where}': {error.message}")
    unknown = [m for m in raw["metrics"] if m not in METRICS]
    if unknown:
        raise GateFileError(f"{path}: unknown metric(s) {', '.join(unknown)}; known: {', '.join(METRICS.names())}")
    descriptive = [m for m, spec in raw["metrics"].items() if "max_regression" in spec and METRICS.create(m).higher_is_better is None]
    if descriptive:
        raise GateFileError(f"{path}: field 'metrics.{descriptive[0]}.max_regression': {descriptive[0]} is descriptive "
                            "(no better direction); bound it with min / max instead")
    alpha = float(raw.get("alpha", 0.05))
    rules = []
    for metric, spec in raw["metrics"].items():
        for suite in spec.get("suites", raw["suites"]):
            rules += [Rule(suite, metric, kind, float(spec[kind]), float(spec.get("alpha", alpha))) for kind in RULES if kind in spec]
        v = spec.get("min_validity", {})
        rules += [Rule(f"validity:{v['set']}", metric, "min_validity", float(v[m]), alpha, m, v.get("slice", "all")) for m in VALIDITY_MEASURES if m in v]
    suites = tuple(dict.fromkeys([*raw["suites"], *(r.suite for r in rules if r.kind != "min_validity")]))
    validity = path.parent / raw["validity"] if "validity" in raw else None
    return GateFile(path, suites, tuple(rules), alpha, {**BASELINE_DEFAULTS, **raw.get("baseline", {})}, validity)


def _score(s: ScoreSummary | None) -> str:
    s = s or ScoreSummary(None, 0)
    return f"{fmt(s.value)} {fmt_ci(s.ci)} (n={s.n})"


def _p(p: float | None) -> str:
    text = fmt_p(p)
    return f"< {text[1:]}" if text.startswith("<") else f"= {text}"


def check_bound(rule: Rule, cand: ScoreSummary | None, base: ScoreSummary | None) -> tuple[bool, str]:
    """min / max: the candidate's corpus value against the bound."""
    v = cand.value if cand is not None else None
    context = f"candidate {_score(cand)}, baseline {_score(base)}"
    if v is None or not math.isfinite(v):
        return False, f"{rule.id}: the candidate has no value for {rule.metric} ({context})"
    ok = v >= rule.bound if rule.kind == "min" else v <= rule.bound
    verb = "meets" if ok else "violates"
    return ok, f"{rule.id}: {verb} {rule.describe()}: {context}"


def check_regression(rule: Rule, row: MetricComparison) -> tuple[bool, str]:
    """max_regression: fail only when worse by more than the bound and significantly so."""
    p = row.paired
    if p is None:
        return False, f"{rule.id}: no paired comparison possible ({row.note})"
    worse = row.worsening or 0.0
    failed = worse > rule.bound and row.significant(rule.alpha)
    if failed:
        head = f"regression beyond the allowed {rule.bound:g}"
    elif worse > rule.bound:
        head = f"worse by {worse:.4g} but not significant at alpha {rule.alpha:g}"
    else:
        head = f"within the allowed regression of {rule.bound:g}"
    return not failed, (
        f"{rule.id}: {head}: baseline {_score(row.base)}, candidate {_score(row.cand)}, "
        f"delta {p.delta:+.4g} ({1 - rule.alpha:.0%} CI {fmt_ci(p.interval(rule.alpha))}; {'higher' if row.higher_is_better else 'lower'} is better), "
        f"p {_p(row.p)} (paired bootstrap {_p(p.p_bootstrap)}, approximate randomization {_p(p.p_randomization)}), "
        f"{p.n} paired samples"
    )


def check_validity(rule: Rule, report: Path | None) -> tuple[bool, str]:
    """min_validity: the metric's measured validity (from `rxbench validate`) against the bound."""
    set_name = rule.suite.removeprefix("validity:")
    how = f"write it with `rxbench validate --set {set_name} --out DIR`"
    if report is None:
        return False, f"{rule.id}: no validity report: name one with `validity: PATH` in the gate file ({how})"
    try:
        rep = read_validity(report)
    except (FileNotFoundError, ValueError) as exc:
        return False, f"{rule.id}: {exc}"
    found = rep.find(rule.metric, set_name, rule.slice)
    value = getattr(found, rule.measure, None) if found else None
    if found is None or value is None:
        return False, f"{rule.id}: {report} has no {rule.measure} for {rule.metric} on {set_name} (slice {rule.slice}); {how}"
    measured, current = rep.metrics[rule.metric].signature, get_metric(rule.metric).signature
    if measured != current:
        return False, f"{rule.id}: {report} measured {measured}, but the gated metric is now {current}; re-run rxbench validate"
    ok = value >= rule.bound
    ci = f" (95% CI {fmt_ci(found.auc_ci)})" if rule.measure == "auc" else ""
    return ok, (f"{rule.id}: {'meets' if ok else 'violates'} {rule.describe()}: measured {value:.3f}{ci} "
                f"on {found.n_pos} bad / {found.n_neg} good cases, coverage {found.coverage:.2f}")
