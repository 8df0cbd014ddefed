"""The validity report: its typed records, validity.json and validity.md.

Reports and gates read validity.json through `read_validity`; this module imports
nothing of rxbench so that reading a report never pulls in the metrics.
"""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tabulate import tabulate

FORMAT = "rxbench-validity/1"
ALL = "all"  # the slice name of a whole set
BASELINES = ("baseline.token_f1", "baseline.constant")


@dataclass(frozen=True)
class Measure:
    """One score (metric or baseline) on one slice of one labelled set."""

    metric: str
    set: str
    slice: str
    auc: float | None
    auc_ci: tuple[float, float] | None
    recall_at_5fpr: float | None
    accuracy: float | None  # these three at the metric's own threshold (None: it has none)
    recall: float | None
    fpr: float | None
    threshold: float | None
    n_pos: int
    n_neg: int
    coverage: float  # share of the slice's samples the metric gave a value

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Measure:
        ci = d.get("auc_ci")
        return cls(**{**d, "auc_ci": tuple(ci) if ci else None})


@dataclass(frozen=True)
class MetricInfo:
    signature: str
    higher_is_better: bool
    threshold: float | None
    threshold_source: str  # "declared" | "binary values" (0/1 per sample: 0.5) | "none"


@dataclass(frozen=True)
class SetInfo:
    n: int
    n_pos: int
    n_neg: int
    slices: tuple[str, ...]
    targets: tuple[str, ...]  # metric patterns the set is meant for (empty: every metric)
    data: dict[str, str]  # what the set was read from -> sha256 (or suite content hash)
    note: str = ""
    bad_copies_input: bool = False  # the token-F1 baseline flags high overlap on this set


@dataclass
class ValidityReport:
    seed: int
    n_boot: int
    limit: int | None
    sets: dict[str, SetInfo] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # set -> why (e.g. its data is absent)
    metrics: dict[str, MetricInfo] = field(default_factory=dict)
    not_validated: dict[str, str] = field(default_factory=dict)  # metric -> why
    results: list[Measure] = field(default_factory=list)
    baselines: list[Measure] = field(default_factory=list)
    format: str = FORMAT

    def to_dict(self) -> dict[str, Any]:
        return _finite(asdict(self))

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ValidityReport:
        if d.get("format") != FORMAT:
            raise ValueError(f"not an rxbench validity report (format {d.get('format')!r}, expected {FORMAT!r})")
        return cls(
            seed=d["seed"], n_boot=d["n_boot"], limit=d.get("limit"),
            sets={k: SetInfo(**{**v, "slices": tuple(v["slices"]), "targets": tuple(v["targets"])}) for k, v in d["sets"].items()},
            skipped=dict(d.get("skipped", {})), metrics={k: MetricInfo(**v) for k, v in d["metrics"].items()},
            not_validated=dict(d.get("not_validated", {})),
            results=[Measure.from_dict(m) for m in d["results"]], baselines=[Measure.from_dict(m) for m in d["baselines"]],
        )

    def find(self, metric: str, set_name: str, slice_name: str = ALL) -> Measure | None:
        return next((m for m in self.results + self.baselines if (m.metric, m.set, m.slice) == (metric, set_name, slice_name)), None)

    def _whole_sets(self, metric: str) -> list[Measure]:
        return [m for m in self.results if m.metric == metric and m.slice == ALL and m.auc is not None]

    def best(self, metric: str) -> Measure | None:
        """The metric's highest whole-set AUC over the sets it was measured on."""
        rows = self._whole_sets(metric)
        return max(rows, key=lambda m: (m.auc, m.set)) if rows else None

    def worst(self, metric: str) -> Measure | None:
        """The metric's lowest whole-set AUC: what a user can count on when their outputs are
        unlike the set where it is best (HELM-style worst case)."""
        rows = self._whole_sets(metric)
        return min(rows, key=lambda m: (m.auc, m.set)) if rows else None


def _finite(obj: Any) -> Any:
    """JSON has no NaN: undefined numbers become null."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_finite(v) for v in obj]
    return obj


def read_validity(path: str | Path) -> ValidityReport:
    """Load validity.json (a directory stands for the validity.json inside it)."""
    path = Path(path)
    if path.is_dir():
        path = path / "validity.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no validity report (write one with `rxbench validate --out DIR`)")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    try:
        return ValidityReport.from_dict(raw)
    except (KeyError, TypeError) as exc:
        raise ValueError(f"{path}: malformed validity report ({type(exc).__name__}: {exc})") from None


def _f(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def _ci(ci: tuple[float, float] | None) -> str:
    return "" if ci is None else f" [{ci[0]:.2f}, {ci[1]:.2f}]"


def _slice_cell(m: Measure | None) -> str:
    if m is None:
        return "–"
    return _f(m.auc) + ("" if m.threshold is None else f" (R {_f(m.recall)}, FPR {_f(m.fpr)})")


def markdown(rep: ValidityReport) -> str:
    """Per set: the whole-set table (metrics, then baselines), then each metric's AUC per slice."""
    intro = (f"ROC AUC (95% bootstrap CI, {rep.n_boot} resamples, seed {rep.seed}) of each metric at flagging the bad cases "
             "(1 = perfect, 0.5 = chance); recall at 5% false positives; accuracy / recall / FPR at the metric's own threshold. "
             "A sample the metric gives no value counts as not flagged; coverage is the share it scored. "
             "baseline.token_f1 flags low overlap with the inputs (high overlap on pii / injection sets, whose bad outputs copy "
             "the inputs); baseline.constant never flags.")
    out = ["# rxbench validity report", "", intro, ""]
    for name, info in rep.sets.items():
        out += [f"## {name}", "", f"{info.n} samples ({info.n_pos} bad, {info.n_neg} good)" + (f". {info.note}" if info.note else ""), ""]
        rows = [m for m in rep.results + rep.baselines if m.set == name and m.slice == ALL]
        body = [[m.metric, _f(m.auc) + _ci(m.auc_ci), _f(m.recall_at_5fpr), _f(m.accuracy), _f(m.recall), _f(m.fpr),
                 "–" if m.threshold is None else f"{m.threshold:g}", f"{m.coverage:.2f}", f"{m.n_pos}/{m.n_neg}"] for m in rows]
        out += [tabulate(body, headers=["metric", "AUC [CI]", "R@5%FPR", "acc", "recall", "FPR", "thr", "coverage", "bad/good"],
                         tablefmt="github", disable_numparse=True), ""]
        slices = [s for s in info.slices if s != ALL]
        if slices:
            by = {(m.metric, m.slice): m for m in rep.results + rep.baselines if m.set == name}
            names = list(dict.fromkeys(m.metric for m in rows))
            grid = [[n] + [_slice_cell(by.get((n, s))) for s in slices] for n in names]
            out += [("AUC per slice, with recall / FPR at the metric's threshold (a slice with only bad or only good cases "
                     "is scored against the other class of the whole set):"), "",
                    tabulate(grid, headers=["metric", *slices], tablefmt="github", disable_numparse=True), ""]
    if rep.skipped:
        out += ["## Skipped sets", ""] + [f"- {k}: {v}" for k, v in rep.skipped.items()] + [""]
    if rep.not_validated:
        out += ["## Metrics not validated", ""] + [f"- {k}: {v}" for k, v in rep.not_validated.items()] + [""]
    return "\n".join(out)


def write_report(rep: ValidityReport, out: Path) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    js, md = out / "validity.json", out / "validity.md"
    js.write_text(json.dumps(rep.to_dict(), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    md.write_text(markdown(rep), encoding="utf-8")
    return js, md
