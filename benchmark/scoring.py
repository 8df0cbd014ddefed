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

import inspect
import os
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse

from benchmark.registry import METRICS, PERTURBATIONS, summary
from benchmark.schema import Example, sha256_json

if TYPE_CHECKING:
    from benchmark.suite import Suite

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
    fn: Callable[..., Scored]  # the built scoring callable: fn(examples, texts, ctx) -> Scored
    reduce: Reducer
    higher_is_better: bool | None  # None: descriptive (length), no better direction
    needs: frozenset[str]
    area: str
    version: str
    description: str
    options: Mapping[str, Any] = field(default_factory=dict)  # the signature's options: bound arguments + identity
    scale: float = 1.0  # multiply the reduced value (e.g. x100 for the PETER profile)
    variants: tuple[str, ...] = ()  # perturbations whose outputs the runner must generate for this metric
    resample: str = "bootstrap"  # "half" for set-based corpus metrics (see benchmark.stats)
    bounds: tuple[float | None, float | None] = (None, None)  # the metric's range; CIs are clipped to it
    threshold: float | None = None  # per-sample value from which an output counts as flagged (rxbench validate)
    build: Builder | None = None  # how @metric built it: its arguments, and a rebuild with others (`with_options`)

    @property
    def signature(self) -> str:
        """sacrebleu-style signature: two scores compare only when signatures match.
        Options, then the reducer and the resampling scheme, all derived from the definition."""
        opts = "".join(f"|{k}:{option_text(v)}" for k, v in sorted(self.options.items()))
        return f"{self.name}|v:{self.version}{opts}|reduce:{reducer_name(self.reduce)}|resample:{self.resample}"

    def with_options(self, **changes: Any) -> "MetricDef":
        """The same metric built with other arguments (e.g. `model=LEXICAL` in tests and perf runs)."""
        if self.build is None:
            raise TypeError(f"metric {self.name} was not built by @metric and cannot change its options")
        return self.build(**changes)

    def score(self, examples: Sequence[Example], texts: Sequence[str], ctx: "MetricContext") -> Scored:
        scored = self.fn(examples, texts, ctx)
        if len(scored.rows) != len(texts):
            raise RuntimeError(f"metric {self.name} returned {len(scored.rows)} rows for {len(texts)} texts")
        return scored


Variant = tuple[Example, str] | None  # (perturbed example, the generator's text for it), None: no variant


@dataclass(frozen=True)
class MetricContext:
    """What a metric may know besides the batch: the whole suite's feature vocabulary
    (so that shards detect the same features), the run seed, and what the runner
    measured or generated for the batch (aligned with its examples; empty when a
    metric is called by hand)."""

    suite: str
    features: frozenset[str] = frozenset()
    lexicon: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)
    seed: int = 0
    variants: Mapping[str, Sequence[Variant]] = field(default_factory=dict)  # perturbation -> per example
    latency_s: Sequence[float] | None = None  # per example, of its generation
    failed: Sequence[bool] | None = None  # per example: its generation failed
    whole_suite: Suite | None = None  # the whole suite, not the shard (IDF, distractors)

    def variants_of(self, perturbation: str, n: int) -> list[Variant]:
        """The variants a perturbation made of the n examples (all None when it was not run)."""
        got = self.variants.get(perturbation)
        return list(got) if got is not None else [None] * n


ScoreFn = Callable[[Sequence[Example], Sequence[str], MetricContext], Scored]
_SCORING_PARAMS = ("examples", "texts", "ctx")
_DERIVED = ("higher_is_better", "needs", "variants", "bounds", "identity")  # may be functions of the arguments


@dataclass(frozen=True)
class EnvDefault:
    """An argument default read from an environment variable when the metric is built
    (e.g. the fluency LM): the signature records the value actually used."""

    var: str
    fallback: str

    def resolve(self) -> str:
        return os.environ.get(self.var, "").strip() or self.fallback


def env_default(var: str, fallback: str) -> Any:
    """`lm: str = env_default("RXBENCH_FLUENCY_LM", "gemma")`: typed as the argument it stands for."""
    return EnvDefault(var, fallback)


def reducer_name(reduce: Callable) -> str:
    f = reduce.func if isinstance(reduce, partial) else reduce
    return getattr(f, "__name__", type(f).__name__).strip("_")


def _canonical(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, (tuple, list)):
        return [_canonical(v) for v in value]
    return value if value is None or isinstance(value, (bool, int, float, str)) else repr(value)


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (bool, int, float, str))


def option_text(value: Any) -> str:
    """An option as a signature shows it: a scalar as itself, a sequence of scalars joined by '+',
    a table (mapping, set, nested data) as '#' + 10 hex of the sha256 of its canonical JSON,
    so that changing any entry of a severity table or lexicon changes the signature."""
    if _scalar(value):
        return str(value)
    if isinstance(value, (tuple, list)) and all(_scalar(v) for v in value):
        return "+".join(map(str, value))
    return "#" + sha256_json(_canonical(value))[:10]


def variant_identity(names: Iterable[str]) -> str:
    """`name@version` (+ its parameters) of each perturbation the metric compares against, read
    from the PERTURBATIONS registry, so a changed perturbation changes the metric's signature.
    Specs of one perturbation with arguments (resample:1 .. resample:24) read `resample[24]@1`."""
    groups: dict[str, list[str]] = {}
    for spec in names:
        groups.setdefault(spec.partition(":")[0], []).append(spec)
    out = []
    for base, specs in groups.items():
        info = PERTURBATIONS.entry(base).info
        params = info.get("params", {})
        text = ",".join(f"{k}={option_text(v)}" for k, v in sorted(params.items())) if params else ""
        label = specs[0] if len(specs) == 1 else f"{base}[{len(specs)}]"
        out.append(f"{label}@{info.get('version', '1')}" + (f"({text})" if text else ""))
    return "+".join(out)


def _call_with(fn: Callable, args: Mapping[str, Any]) -> Any:
    """Call a function of some of the metric's arguments, by name (`lambda base: ...`)."""
    wanted = inspect.signature(fn).parameters
    return fn(**{k: v for k, v in args.items() if k in wanted})


def _bind_reducer(reduce: Reducer, args: Mapping[str, Any]) -> Reducer:
    """A reducer's keyword parameters beyond the sums take the metric's arguments of that name."""
    wanted = list(inspect.signature(reduce).parameters)[1:]
    bound = {k: args[k] for k in wanted if k in args}
    return partial(reduce, **bound) if bound else reduce


@dataclass(frozen=True)
class _Spec:
    """One @metric definition: the factory, its options' signature and the metric's metadata."""

    factory: Callable[..., ScoreFn]
    params: inspect.Signature
    meta: Mapping[str, Any]
    doc: str


@dataclass(frozen=True)
class Builder:
    """Builds a metric from its definition and arguments; `arguments` are the resolved options."""

    name: str
    spec: _Spec
    given: Mapping[str, Any]

    @property
    def arguments(self) -> dict[str, Any]:
        bound = self.spec.params.bind(**self.given)
        bound.apply_defaults()
        return {k: v.resolve() if isinstance(v, EnvDefault) else v for k, v in bound.arguments.items()}

    def _description(self, args: Mapping[str, Any]) -> str:
        """The factory's docstring, then the arguments this metric is built with."""
        shown = ", ".join(f"{k}={option_text(v)}" for k, v in args.items())
        return self.spec.doc + (f"\n\nArguments: {shown}." if shown else "")

    def __call__(self, **changes: Any) -> MetricDef:
        if changes:
            return Builder(self.name, self.spec, {**self.given, **changes})()
        args, meta = self.arguments, self.spec.meta
        derived = {k: _call_with(meta[k], args) if callable(meta[k]) else meta[k] for k in _DERIVED}
        threshold = args.get("threshold", meta["threshold"])
        variants = tuple(derived["variants"])
        identity = derived["identity"] or {}
        if set(identity) & set(args):
            raise ValueError(f"metric {self.name}: identity {sorted(set(identity) & set(args))} would hide arguments of that name")
        options = {**args, **identity}
        if threshold is not None:
            options["threshold"] = threshold
        if variants:
            options["variants"] = variant_identity(variants)
        return MetricDef(
            self.name, self.spec.factory(**args), _bind_reducer(meta["reduce"], args), derived["higher_is_better"],
            frozenset(derived["needs"]), meta["area"], meta["version"], self._description(args), options, meta["scale"], variants,
            meta["resample"], tuple(derived["bounds"]), threshold, self,
        )


def _options_of(fn: Callable) -> tuple[Callable[..., ScoreFn], inspect.Signature]:
    """The factory and its options. `fn` is either a factory (every parameter an option, returns
    the scoring callable) or, for a metric with nothing to prepare, the scoring callable itself
    `fn(examples, texts, ctx, *, option=default, ...)`, whose factory binds the options."""
    sig = inspect.signature(fn)
    params = list(sig.parameters.values())
    if tuple(p.name for p in params[:3]) != _SCORING_PARAMS:
        return fn, sig
    opts = inspect.Signature([p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in params[3:]])
    return (lambda **kw: partial(fn, **kw) if kw else fn), opts


_BUILDERS: dict[str, tuple[Builder, bool]] = {}  # metric name -> its builder and default flag (what aliases start from)


def _register(name: str, spec: _Spec, given: Mapping[str, Any], default: bool) -> None:
    builder = Builder(name, spec, given)
    try:
        args = builder.arguments
    except TypeError as e:
        raise TypeError(f"metric {name}: {e} (every option needs a default or an alias argument)") from None
    shown = ", ".join(f"{k}={option_text(args[k])}" for k in given)
    _BUILDERS[name] = (builder, default)
    METRICS.register(name, help=summary(spec.doc) + (f" [{shown}]" if shown else ""), default=default)(builder)


def metric(
    name: str,
    *,
    area: str,
    higher_is_better: bool | None | Callable[..., bool | None] = True,
    needs: Iterable[str] | Callable[..., Iterable[str]] = (),
    reduce: Reducer | Callable[..., np.ndarray] = mean_reducer,
    version: str = "1",
    scale: float = 1.0,
    default: bool = True,
    variants: Iterable[str] | Callable[..., Iterable[str]] = (),
    resample: str = "bootstrap",
    bounds: tuple[float | None, float | None] | Callable[..., tuple[float | None, float | None]] = (None, None),
    threshold: float | None = None,
    identity: Mapping[str, Any] | Callable[..., Mapping[str, Any]] | None = None,
) -> Callable:
    """Register the metric factory `fn(**options) -> scoring callable` as metric `name`.

    The options are `fn`'s typed keyword arguments; the metric is built from their
    defaults, and `alias(other, of=name, option=value)` registers a variant built
    with other arguments. The signature records the bound arguments (a table by
    the hash of its content), `identity` (what the arguments name but do not pin:
    a library version, a model's content hash), the perturbations' name, version
    and parameters, the reducer's name and the resampling scheme: nothing typed
    by hand. `higher_is_better`, `needs`, `variants`, `bounds` and `identity` may
    be functions of some arguments (`variants=lambda perturbation: (perturbation,)`);
    a reducer's keyword parameters after the sums take the arguments of that name.

    `needs` names what a suite must have for the metric to apply:
    "references" (reference texts) or "features" (matched features / lexicon).
    `default=False` keeps a costly metric out of runs that do not name it.
    `variants` names perturbations (PERTURBATIONS registry) whose outputs the metric
    compares with the clean ones (counterfactual sensitivity, invariance, fairness):
    the runner generates them through the same cache and passes
    `ctx.variants[name]`: a list aligned with the examples of
    `(variant Example, variant text)` or None where the perturbation made no variant.
    `higher_is_better=None` marks a descriptive metric (e.g. length): reports show
    it without an arrow or a best mark and comparisons say only that it changed.
    `bounds` is the metric's range (None: unbounded on that side); CIs are clipped to it.
    `resample="half"` marks set-based corpus metrics (distinct counts, pairs) whose
    CIs come from half-samples without replacement instead of the bootstrap.
    `threshold`: the per-sample value from which an output is flagged (a rate at or
    above it, a higher-is-better score below it); `rxbench validate` reports accuracy
    there. It is recorded in the signature; an argument named `threshold` overrides it.
    """
    if resample not in ("bootstrap", "half"):
        raise ValueError(f"unknown resample scheme {resample!r}")
    if area not in AREAS:
        raise ValueError(f"unknown area {area!r}")
    meta = {"area": area, "higher_is_better": higher_is_better, "needs": needs, "reduce": reduce, "version": version, "scale": scale,
            "variants": variants, "resample": resample, "bounds": bounds, "threshold": threshold, "identity": identity}

    def deco(fn: Callable) -> Callable:
        factory, params = _options_of(fn)
        _register(name, _Spec(factory, params, meta, inspect.cleandoc(fn.__doc__ or "")), {}, default)
        return fn

    return deco


def alias(name: str, of: str, *, default: bool | None = None, **arguments: Any) -> None:
    """Register metric `name` as metric `of` built with other arguments (`alias("bleu1", "bleu4", order=1)`)."""
    base, base_default = _BUILDERS[of]
    _register(name, base.spec, {**base.given, **arguments}, base_default if default is None else default)


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
