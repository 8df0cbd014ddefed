"""Score any per-sample metric on labelled sets and measure how well it flags the bad cases.

For each requested metric and each set it is meant for (the set's target
patterns), the metric scores every (example, output) as the runner would
(same MetricContext, same applicability rules, grouped by the suite a sample
comes from) and its per-sample values are compared with the labels: ROC AUC
with a bootstrap CI, recall at 5% FPR, and accuracy / recall / FPR at the
metric's threshold (declared in `@metric(threshold=...)`, else 0.5 when every
value is 0 or 1, else none). Two baselines get the same treatment: token-F1
overlap of the output with the inputs (low overlap flagged, or high overlap
for sets whose bad outputs copy the inputs: leaks, obeyed injections) and a
constant that never flags (AUC 0.5).

Slices: a slice with both classes is scored on its own; a slice with only bad
(or only good) cases is scored against all good (or all bad) cases of the set,
so "offensive but not hateful" reads as the false-positive rate on swearing.
"""
from __future__ import annotations

import fnmatch
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from benchmark.lang import has_han
from benchmark.runner import applicable
from benchmark.scoring import MetricContext, MetricDef
from benchmark.seeding import np_rng
from benchmark.suite import Suite, load_suite
from metrics.text import tokens
from validation import measures
from validation.report import ALL, Measure, MetricInfo, SetInfo, ValidityReport
from validation.sets import LabelledSet, Sample

Log = Callable[[str], None]


class NotPerSample(ValueError):
    """The metric gives no per-sample verdict on one output (corpus-only, or compares variants)."""


def _word_tokens(text: str) -> list[str]:
    """Word tokens; a Chinese token becomes its characters (an English tokeniser glues a whole clause)."""
    return [c for t in tokens(text) for c in (t if has_han(t) else (t,)) if c.isalnum() or has_han(c)]


def token_f1(output: str, source: str, tokenize: Callable[[str], Sequence[str]] = _word_tokens) -> float:
    """SQuAD-style bag-of-tokens F1 between the output and the inputs (the overlap baseline every validation compares with)."""
    a, b = Counter(tokenize(output)), Counter(tokenize(source))
    common = sum((a & b).values())
    return 0.0 if not common else 2 * common / (sum(a.values()) + sum(b.values()))  # = 2PR / (P + R), one rounding


def check_per_sample(m: MetricDef) -> None:
    if m.variants:
        raise NotPerSample(f"compares outputs on {len(m.variants)} perturbed input(s) ({m.variants[0]}, ...); no verdict on one output")
    if m.area == "efficiency":
        raise NotPerSample("measures the generator's run, not an output")


def _suite_for(spec: str | None, set_name: str, samples: Sequence[Sample]) -> Suite:
    if spec is not None:
        return load_suite(spec)
    examples = tuple({s.example.id: s.example for s in samples}.values())
    kind = "structured" if any(e.item.attributes or e.user.attributes for e in examples) else "freetext"
    return Suite(set_name, "validation", examples, kind)


def metric_values(m: MetricDef, lset: LabelledSet, seed: int) -> np.ndarray:
    """The metric's per-sample value for every sample of the set (NaN: no value / does not apply)."""
    out = np.full(len(lset.samples), np.nan)
    groups: dict[str | None, list[int]] = {}
    for i, s in enumerate(lset.samples):
        groups.setdefault(s.suite, []).append(i)
    for spec, idx in groups.items():
        suite = _suite_for(spec, lset.name, [lset.samples[i] for i in idx])
        if not applicable([m], suite):
            continue
        n = len(idx)
        ctx = MetricContext(suite.name, suite.features, dict(suite.lexicon), seed, latency_s=[0.0] * n, failed=[False] * n)
        scored = m.score([lset.samples[i].example for i in idx], [lset.samples[i].output for i in idx], ctx)
        if scored.values is None:
            raise NotPerSample("gives no per-sample values")
        out[idx] = [np.nan if v is None else float(v) for v in scored.values]
    return out


def resolve_threshold(m: MetricDef, values: np.ndarray) -> tuple[float | None, str]:
    if m.threshold is not None:
        return float(m.threshold), "declared"
    finite = values[np.isfinite(values)]
    if finite.size and np.isin(finite, (0.0, 1.0)).all():
        return 0.5, "binary values"
    return None, "none"


def slice_indices(lset: LabelledSet) -> dict[str, np.ndarray]:
    """Slice -> sample indices it is measured on (one-class slices borrow the set's other class)."""
    labels = np.array([s.label for s in lset.samples])
    names = np.array([s.slice for s in lset.samples])
    out = {ALL: np.arange(len(labels))}
    for name in sorted(set(names.tolist())):
        own = names == name
        has_pos, has_neg = (labels[own] == 1).any(), (labels[own] == 0).any()
        extra = (labels == 1) if not has_pos else (labels == 0) if not has_neg else np.zeros_like(own)
        out[name] = np.flatnonzero(own | extra)
    return out


def measure_all(name: str, lset: LabelledSet, values: np.ndarray, higher_is_better: bool, threshold: float | None,
                slices: dict[str, np.ndarray], seed: int, n_boot: int) -> list[Measure]:
    """One Measure per slice of the set for one score."""
    y = np.array([s.label for s in lset.samples])
    score = measures.fill_unflagged(measures.orient(values, higher_is_better))
    flagged = measures.flags(values, threshold, higher_is_better) if threshold is not None else None
    out = []
    for sl, idx in slices.items():
        sep = measures.separation(y[idx], score[idx], None if flagged is None else flagged[idx], np_rng("validity", seed, name, lset.name, sl), n_boot)
        cov = float(np.isfinite(values[idx]).mean()) if len(idx) else 0.0
        out.append(Measure(name, lset.name, sl, sep.auc, sep.auc_ci, sep.recall_at_5fpr, sep.accuracy, sep.recall, sep.fpr,
                           threshold, sep.n_pos, sep.n_neg, cov))
    return out


def subsample(lset: LabelledSet, limit: int | None, seed: int) -> LabelledSet:
    """At most `limit` samples, drawn without replacement (seeded), in set order."""
    if limit is None or len(lset.samples) <= limit:
        return lset
    keep = np.sort(np_rng("validity-limit", seed, lset.name).choice(len(lset.samples), size=limit, replace=False))
    return replace(lset, samples=tuple(lset.samples[i] for i in keep))


def targets(lset: LabelledSet, metrics: Sequence[MetricDef]) -> list[MetricDef]:
    return [m for m in metrics if not lset.targets or any(fnmatch.fnmatchcase(m.name, p) for p in lset.targets)]


def validate(sets: Sequence[LabelledSet], metrics: Sequence[MetricDef], *, seed: int = 0, n_boot: int = 1000,
             limit: int | None = None, skipped: dict[str, str] | None = None, log: Log = print,
             each_metric: bool = True) -> ValidityReport:
    """`log` gets a line per set, and per metric too when `each_metric`."""
    rep = ValidityReport(seed=seed, n_boot=n_boot, limit=limit, skipped=dict(skipped or {}))
    for full in sets:
        lset = subsample(full, limit, seed)
        labels = [s.label for s in lset.samples]
        slices = slice_indices(lset)
        aimed = targets(lset, metrics)
        log(f"  {lset.name}: {len(labels)} cases, {len(aimed)} metrics")
        rep.sets[lset.name] = SetInfo(len(labels), sum(labels), len(labels) - sum(labels), tuple(slices), lset.targets,
                                     dict(lset.data or {}), lset.note, lset.bad_copies_input)
        for m in aimed:
            if m.name in rep.not_validated:
                continue
            if m.higher_is_better is None:  # descriptive (e.g. length): no direction that flags a bad output
                rep.not_validated[f"{m.name} on {lset.name}"] = "descriptive metric (no better direction)"
                continue
            if each_metric:
                log(f"    {m.name}")
            try:
                check_per_sample(m)
                values = metric_values(m, lset, seed)
            except NotPerSample as exc:
                rep.not_validated[m.name] = str(exc)
                continue
            except Exception as exc:  # noqa: BLE001 -- a broken metric is reported, the others still run
                rep.not_validated[f"{m.name} on {lset.name}"] = f"{type(exc).__name__}: {exc}"
                continue
            if not np.isfinite(values).any():
                rep.not_validated[f"{m.name} on {lset.name}"] = "gives no value on any sample (does not apply)"
                continue
            thr, source = resolve_threshold(m, values)
            rep.metrics.setdefault(m.name, MetricInfo(m.signature, m.higher_is_better, thr, source))
            rep.results += measure_all(m.name, lset, values, m.higher_is_better, thr, slices, seed, n_boot)
        f1 = np.array([token_f1(s.output, s.example.input_text()) for s in lset.samples])
        rep.baselines += measure_all("baseline.token_f1", lset, f1, not lset.bad_copies_input, None, slices, seed, n_boot)
        rep.baselines += measure_all("baseline.constant", lset, np.zeros(len(labels)), False, 0.5, slices, seed, n_boot)
    return rep
