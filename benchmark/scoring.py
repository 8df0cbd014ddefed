"""Metrics as functions of per-sample sufficient statistics.

A metric scores a batch and returns `Scored`: for every sample a sparse row of
sufficient statistics (`{"key": count}`, or None when the metric does not
apply to that sample) and optionally a per-sample display value. The corpus
value is `reduce(column sums of the selected rows)`. That one shape gives the
per-sample log, the corpus score, shard merging, bootstrap CIs and paired
tests (resample rows, sum, reduce) without a metric knowing any statistics.

Examples of rows: a mean metric `{"v": 0.3}`; BLEU `{"m1": 5, "t1": 7, ...,
"hyp": 7, "ref": 9}`; USR `{"h:<hash of tokens>": 1}`; DIV `{"f:pool": 1}`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse

from benchmark.registry import METRICS, summary
from benchmark.schema import Example

Row = dict[str, float] | None

AREAS = ("overlap", "explainability", "informativeness", "personalization", "fluency", "faithfulness", "robustness", "safety", "efficiency")


@dataclass
class Scored:
    rows: Sequence[Row]
    values: Sequence[float | None] | None = None  # per-sample display value (None: not meaningful per sample)
    const: dict[str, float] = field(default_factory=dict)  # corpus constants, e.g. the feature vocabulary size
    details: Sequence[dict | None] | None = None  # per-sample JSON-able evidence (samples.jsonl "details"), e.g. per-claim verdicts


class Sums:
    """Column sums of the stats of B resamples (B x K), addressed by key."""

    def __init__(self, matrix: np.ndarray, keys: Sequence[str], n: np.ndarray, const: Mapping[str, float]):
        self.matrix = matrix
        self.index = {k: i for i, k in enumerate(keys)}
        self.keys = list(keys)
        self.n = n.astype(float)
        self.const = const

    def __getitem__(self, key: str) -> np.ndarray:
        i = self.index.get(key)
        return self.matrix[:, i] if i is not None else np.zeros(self.matrix.shape[0])

    def prefix(self, p: str) -> np.ndarray:
        cols = [i for k, i in self.index.items() if k.startswith(p)]
        return self.matrix[:, cols] if cols else np.zeros((self.matrix.shape[0], 0))


Reducer = Callable[[Sums], np.ndarray]


def mean_reducer(s: Sums) -> np.ndarray:
    """Mean of the per-sample value `v` over the applicable samples."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(s.n > 0, s["v"] / np.maximum(s.n, 1), np.nan)


@dataclass(frozen=True)
class MetricDef:
    name: str
    fn: Callable[..., Scored]
    reduce: Reducer
    higher_is_better: bool | None  # None: descriptive (length), no better direction
    needs: frozenset[str]
    area: str
    version: str
    description: str
    options: Mapping[str, Any] = field(default_factory=dict)
    scale: float = 1.0  # multiply the reduced value (e.g. x100 for the PETER profile)
    variants: tuple[str, ...] = ()  # perturbations whose outputs the runner must generate for this metric
    resample: str = "bootstrap"  # "half" for set-based corpus metrics (see benchmark.stats)
    bounds: tuple[float | None, float | None] = (None, None)  # the metric's range; CIs are clipped to it
    threshold: float | None = None  # per-sample value from which an output counts as flagged (rxbench validate)

    @property
    def signature(self) -> str:
        """sacrebleu-style signature: two scores compare only when signatures match."""
        opts = "|".join(f"{k}:{v}" for k, v in sorted(self.options.items()))
        return f"{self.name}|v:{self.version}" + (f"|{opts}" if opts else "")

    def score(self, examples: Sequence[Example], texts: Sequence[str], ctx: "MetricContext") -> Scored:
        scored = self.fn(examples, texts, ctx, **self.options)
        if len(scored.rows) != len(texts):
            raise RuntimeError(f"metric {self.name} returned {len(scored.rows)} rows for {len(texts)} texts")
        return scored


@dataclass(frozen=True)
class MetricContext:
    """What a metric may know besides the batch: the whole suite's feature vocabulary
    (so that shards detect the same features) and the run seed."""

    suite: str
    features: frozenset[str] = frozenset()
    lexicon: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    seed: int = 0
    extra: Mapping[str, Any] = field(default_factory=dict)


def metric(
    name: str,
    *,
    area: str,
    higher_is_better: bool | None = True,
    needs: Iterable[str] = (),
    reduce: Reducer = mean_reducer,
    version: str = "1",
    scale: float = 1.0,
    default: bool = True,
    variants: Iterable[str] = (),
    resample: str = "bootstrap",
    bounds: tuple[float | None, float | None] = (None, None),
    threshold: float | None = None,
    **options: Any,
) -> Callable:
    """Register `fn(examples, texts, ctx, **options) -> Scored` as metric `name`.

    `needs` names what a suite must have for the metric to apply:
    "references" (reference texts) or "features" (matched features / lexicon).
    `default=False` keeps a costly metric out of runs that do not name it.
    `variants` names perturbations (PERTURBATIONS registry) whose outputs the metric
    compares with the clean ones (counterfactual sensitivity, invariance, fairness):
    the runner generates them through the same cache and passes
    `ctx.extra["variants"][name]`: a list aligned with the examples of
    `(variant Example, variant text)` or None where the perturbation made no variant.
    `higher_is_better=None` marks a descriptive metric (e.g. length): reports show
    it without an arrow or a best mark and comparisons say only that it changed.
    `bounds` is the metric's range (None: unbounded on that side); CIs are clipped to it.
    `resample="half"` marks set-based corpus metrics (distinct counts, pairs) whose
    CIs come from half-samples without replacement instead of the bootstrap.
    `threshold`: the per-sample value from which an output is flagged (a rate at or
    above it, a higher-is-better score below it); `rxbench validate` reports accuracy there.
    Like any option it is passed to `fn` and recorded in the signature.
    """
    if resample not in ("bootstrap", "half"):
        raise ValueError(f"unknown resample scheme {resample!r}")
    if area not in AREAS:
        raise ValueError(f"unknown area {area!r}")

    opts = options if threshold is None else {**options, "threshold": threshold}

    def deco(fn: Callable[..., Scored]) -> Callable[..., Scored]:
        doc = (fn.__doc__ or "").strip()
        METRICS.register(name, help=summary(doc), default=default)(
            lambda: MetricDef(name, fn, reduce, higher_is_better, frozenset(needs), area, version, doc, opts, scale, tuple(variants), resample, bounds, threshold)
        )
        return fn

    return deco


def get_metric(name: str) -> MetricDef:
    return METRICS.create(name)


class StatRows:
    """Rows as an n x K sparse matrix (built once), reducible under any row weighting."""

    def __init__(self, rows: Sequence[Row], keys: dict[str, int] | None = None):
        keys = {} if keys is None else keys
        indptr, indices, data = [0], [], []
        mask = np.zeros(len(rows), dtype=bool)
        for i, row in enumerate(rows):
            if row is not None:
                mask[i] = True
                for k, v in row.items():
                    indices.append(keys.setdefault(k, len(keys)))
                    data.append(float(v))
            indptr.append(len(indices))
        self.keys = keys  # may be shared with another StatRows (paired tests need one column space)
        self.mask = mask
        self._parts = (np.asarray(data, float), np.asarray(indices, np.int64), np.asarray(indptr))

    @property
    def matrix(self) -> sparse.csr_matrix:
        return sparse.csr_matrix(self._parts, shape=(len(self.mask), len(self.keys)))

    @property
    def n(self) -> int:
        return int(self.mask.sum())

    def values(self, m: MetricDef, const: Mapping[str, float], weights: np.ndarray | None = None) -> np.ndarray:
        """Corpus value under each row weighting (B x n counts; None = every row once)."""
        mat, keys = self.matrix, list(self.keys)
        if weights is None:
            weights = np.ones((1, len(self.mask)))
        chunk = max(1, min(len(weights), 4_000_000 // max(1, len(keys))))
        out = []
        for start in range(0, len(weights), chunk):
            w = weights[start : start + chunk]
            sums = np.asarray((mat.T @ w.T).T) if keys else np.zeros((len(w), 0))
            out.append(np.asarray(m.reduce(Sums(sums, keys, w @ self.mask, const)), float) * m.scale)
        return np.concatenate(out)


def aggregate(m: MetricDef, rows: Sequence[Row], const: Mapping[str, float]) -> dict[str, Any]:
    """The corpus value and how many samples it rests on."""
    sr = StatRows(rows)
    return {"value": float(sr.values(m, const)[0]) if sr.n else float("nan"), "n": sr.n}
