"""Run one generator over suites: select examples, generate (cached, resumable),
score, and write run.json + samples.jsonl."""
from __future__ import annotations

import fnmatch
import time
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np
from tqdm import tqdm

from benchmark import stats
from benchmark.cache import GenerationCache
from benchmark.generator import Generator, generate_isolated
from benchmark.record import Efficiency, Failures, GeneratorRecord, MetricRecord, Run, ScoreSummary, SuiteRecord
from benchmark.redact import redact, shown
from benchmark.registry import GENERATORS, METRICS, PERTURBATIONS
from benchmark.results import environment, write_run
from benchmark.schema import Example, Explanation
from benchmark.score_cache import with_score_cache
from benchmark.scoring import MetricContext, MetricDef, Row, get_metric
from benchmark.suite import Suite, load_suite

NEEDS: dict[str, Callable[[Suite], bool]] = {
    "references": lambda s: s.has_references,
    "features": lambda s: s.kind == "structured" and bool(s.features),
    "structured": lambda s: s.kind == "structured",
    "freetext": lambda s: s.kind == "freetext",
}


@dataclass(frozen=True)
class RunSpec:
    suites: tuple[str, ...]
    generator: str
    metrics: tuple[str, ...] = ("default",)
    split: str = "test"
    limit: int | None = None
    seed: int = 0
    shard: tuple[int, int] | None = None  # (k, n): the k-th of n shards, 1-based
    n_boot: int = stats.N_BOOT
    label: str | None = None  # the generator's row name in leaderboards

    def __post_init__(self) -> None:
        """Refuse a spec that would measure nothing or the same thing twice, before any generation."""
        if not self.suites:
            raise ValueError("no suite given (--suite names none); e.g. --suite travel")
        if not self.metrics:
            raise ValueError("no metric given (--metrics names none); e.g. --metrics default")
        dup = sorted({s for s in self.suites if self.suites.count(s) > 1})
        if dup:
            raise ValueError(f"suite(s) {', '.join(dup)} given twice; every sample would be scored twice")
        if self.limit is not None and (isinstance(self.limit, bool) or not isinstance(self.limit, int) or self.limit < 1):
            raise ValueError(f"limit must be a positive integer, got {self.limit!r}")
        if isinstance(self.n_boot, bool) or not isinstance(self.n_boot, int) or self.n_boot < 1:
            raise ValueError(f"n_boot must be a positive integer, got {self.n_boot!r}")


def parse_shard(text: str) -> tuple[int, int]:
    k, _, n = text.partition("/")
    try:
        ki, ni = int(k), int(n)
    except ValueError:
        raise ValueError(f"--shard wants K/N (e.g. 2/4), got {text!r}") from None
    if not 1 <= ki <= ni:
        raise ValueError(f"--shard {text}: need 1 <= K <= N")
    return ki, ni


def resolve_metrics(names: Sequence[str]) -> list[MetricDef]:
    """Names, shell patterns (`peter.*`) or `default` (every metric registered as default);
    a leading `-` drops what the rest matches (`default,-fairness.*`)."""
    chosen: list[str] = []
    for raw in names:
        drop = raw.startswith("-")
        name = raw[1:] if drop else raw
        if name == "default":
            matches = [e.name for e in METRICS.entries() if e.info.get("default", True)]
        elif any(c in name for c in "*?["):
            matches = fnmatch.filter(METRICS.names(), name)
        else:
            METRICS.entry(name)  # raises with the known names
            matches = [name]
        if not matches:
            raise ValueError(f"metric pattern {name!r} matches nothing; known: {', '.join(METRICS.names())}")
        chosen = [m for m in chosen if m not in matches] if drop else chosen + [m for m in matches if m not in chosen]
    if not chosen:
        raise ValueError(f"--metrics {','.join(names)} leaves no metric to compute")
    defs = [get_metric(n) for n in chosen]
    for d in defs:
        unknown = d.needs - NEEDS.keys()
        if unknown:
            raise ValueError(f"metric {d.name} needs {sorted(unknown)}, which no suite provides")
    return defs


def applicable(metrics: Sequence[MetricDef], suite: Suite) -> list[MetricDef]:
    """The metrics whose needs (references, features, ...) the suite meets."""
    return [m for m in metrics if all(NEEDS[n](suite) for n in m.needs)]


def select(suite: Suite, spec: RunSpec) -> list[tuple[int, Example]]:
    """The (index, example) pairs this run covers: split, then limit, then shard."""
    chosen = list(enumerate(suite.split(spec.split)))
    if spec.limit is not None:
        chosen = chosen[: spec.limit]
    if spec.shard:
        k, n = spec.shard
        chosen = [(i, e) for i, e in chosen if i % n == k - 1]
    return chosen


def generate_cached(gen: Generator, examples: Sequence[Example], cache: GenerationCache, desc: str) -> tuple[list[Explanation], list[bool]]:
    """Outputs for all examples: cache hits first, the rest generated batch by batch and
    committed to the cache after every batch (a killed run resumes here)."""
    fp = gen.fingerprint()
    hashes = [e.content_hash() for e in examples]
    hits = cache.get_many(fp, hashes)
    outputs: dict[int, Explanation] = {}
    for i, (e, h) in enumerate(zip(examples, hashes)):
        if h in hits:
            text, lat, meta = hits[h]
            outputs[i] = Explanation(e.id, text, gen.name, lat, None, meta)
    todo = [i for i in range(len(examples)) if i not in outputs]
    bs = max(1, int(getattr(gen, "batch_size", 16)))
    with tqdm(total=len(todo), desc=desc, unit="ex", disable=None, leave=False) as bar:
        for start in range(0, len(todo), bs):
            idx = todo[start : start + bs]
            batch = [examples[i] for i in idx]
            outs = generate_isolated(gen, batch)
            cache.put_many(fp, [(hashes[i], o) for i, o in zip(idx, outs)])
            outputs.update(zip(idx, outs))
            bar.update(len(idx))
    fresh = set(todo)
    cached = [i not in fresh for i in range(len(examples))]
    return [outputs[i] for i in range(len(examples))], cached


@dataclass(frozen=True, eq=False)
class Same:
    """A key part that is equal only to the very same object (a Suite holds dicts and is not hashable)."""

    obj: Any

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Same) and other.obj is self.obj


@lru_cache(maxsize=1024)
def perturbed(name: str, suite: Same, seed: int, only: frozenset[str]) -> tuple[Example, ...]:
    """The variants a perturbation makes of the `only` examples of a suite, built once per
    process: every generator row of a bench compares against the same twins (a variant is a
    pure function of these arguments, and Examples are frozen). The cache holds the suite,
    so its id is not reused while the entry lives."""
    return PERTURBATIONS.create(name)(suite.obj, seed=seed, only=only).examples


def generate_variants(
    gen: Generator, suite: Suite, examples: Sequence[Example], names: Sequence[str], seed: int, cache: GenerationCache,
    log: Callable[[str], None] = print,
) -> tuple[dict[str, list[tuple[Example, str] | None]], int]:
    """For each perturbation a metric compares against: the variant of every example
    (None where the perturbation has nothing to change) and the generator's text for it;
    and how many of those twin generations were not cached (they cost generator time).

    The perturbation sees the whole suite and varies only the chosen examples
    (`only`): a variant that uses suite context (the age groups a swap mirrors
    between, a distractor) must not depend on the shard, split or --limit, or
    shards would not merge exactly."""
    out: dict[str, list[tuple[Example, str] | None]] = {}
    wanted = frozenset(e.id for e in examples)
    fresh = 0
    for name in names:
        variants = perturbed(name, Same(suite), seed, wanted)
        by_parent = {v.tags.get("parent", v.id): v for v in variants}
        todo = [by_parent[e.id] for e in examples if e.id in by_parent]
        hits = len(cache.get_many(gen.fingerprint(), [v.content_hash() for v in todo]))
        log(f"  {suite.name}+{name}: {len(todo)} twin inputs for variant metrics ({hits} cached, {len(todo) - hits} to generate)")
        texts, cached = generate_cached(gen, todo, cache, f"{gen.name} on {suite.name}+{name}")
        fresh += sum(not c for c in cached)
        got = {v.tags.get("parent", v.id): (v, t) for v, t in zip(todo, texts)}
        out[name] = [(got[e.id][0], got[e.id][1].text) if e.id in got and got[e.id][1].ok else None for e in examples]
    return out, fresh


def score_suite(
    suite: Suite,
    examples: Sequence[Example],
    outputs: Sequence[Explanation],
    metrics: Sequence[MetricDef],
    seed: int,
    variants: dict[str, list[tuple[Example, str] | None]] | None = None,
) -> tuple[dict[str, list[Row]], dict[str, list], dict[str, dict], dict[str, str], dict[str, list]]:
    """Per-metric rows, display values, corpus constants, errors and per-sample details (only of
    metrics that give them). Text metrics skip failed samples (row None); efficiency metrics see
    every sample."""
    failed = [not o.ok for o in outputs]
    texts = [o.text for o in outputs]
    # the whole suite (not the chosen examples): suite-level statistics (IDF, distractors) must not depend on the shard
    ctx = MetricContext(suite.name, suite.features, dict(suite.lexicon), seed, variants or {}, [o.latency_s for o in outputs], failed, suite)
    rows, values, consts, errors, details = {}, {}, {}, {}, {}
    for m in applicable(metrics, suite):
        try:
            scored = m.score(examples, texts, ctx)
        except Exception as exc:  # a broken metric is recorded, the others still run
            errors[m.name] = f"{type(exc).__name__}: {exc}"
            continue
        r, v = list(scored.rows), list(scored.values or [None] * len(texts))
        if m.area != "efficiency":
            r = [None if f else x for x, f in zip(r, failed)]
            v = [None if f else x for x, f in zip(v, failed)]
        rows[m.name], values[m.name], consts[m.name] = r, v, dict(scored.const)
        if scored.details is not None:
            details[m.name] = [None if f else d for d, f in zip(scored.details, failed)]
    return rows, values, consts, errors, details


def aggregate_suite(metrics: dict[str, MetricDef], rows: dict[str, list[Row]], consts: dict[str, dict], seed: int, suite: str, n_boot: int) -> dict[str, ScoreSummary]:
    return {name: ScoreSummary.from_json(stats.summarize(metrics[name], r, consts[name], (seed, suite), n_boot)) for name, r in rows.items()}


def efficiency(latencies: Sequence[float], generated: int, cached: int, wall_s: float, twins: int = 0,
               prompt_tokens: int | None = None, completion_tokens: int | None = None) -> Efficiency:
    """What this run's own generations cost: latency percentiles over the successful
    ones generated now (cached samples keep their old latency in samples.jsonl, but a
    re-run does not report it as its own), wall-clock throughput (generations per
    second of the generation phase, whatever the concurrency), and the token counts
    a server reported in `usage`. `generated` counts every fresh generation, `twins`
    of them for perturbed inputs (variant metrics)."""
    lat = np.asarray(latencies, float)
    return Efficiency(
        generated=generated + twins,
        twins_generated=twins,
        cached=cached,
        wall_s=round(wall_s, 3),
        latency_p50_s=float(np.percentile(lat, 50)) if len(lat) else None,
        latency_p95_s=float(np.percentile(lat, 95)) if len(lat) else None,
        throughput_per_s=len(lat) / wall_s if len(lat) and wall_s > 0 else None,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
    )


def load_suites(specs: Sequence[str]) -> list[tuple[str, Suite]]:
    """Every suite of a run, loaded before any generation; two specs that resolve to one
    suite name (`travel` and `jsonl:x/travel.jsonl`) would merge in run.json, so refuse them."""
    loaded: list[tuple[str, Suite]] = []
    by_name: dict[str, str] = {}
    for s in specs:
        suite = load_suite(s)
        if suite.name in by_name:
            raise ValueError(f"suites {by_name[suite.name]!r} and {s!r} are both named {suite.name!r}; rename the file or drop one")
        by_name[suite.name] = s
        loaded.append((s, suite))
    return loaded


def split_counts(suite: Suite) -> str:
    """`train 20, valid 4, test 16`: what a suite offers, for a message about an empty selection."""
    counts = {sp: len(suite.split(sp)) for sp in ("train", "valid", "test")}
    return ", ".join(f"{k} {v}" for k, v in counts.items() if v) or "no examples"


def nothing_measured(result: Run) -> str | None:
    """Why a finished run measured nothing (the CLI then exits non-zero), or None."""
    fails = [r.failures for r in result.suites.values() if r.failures is not None]
    if not fails:
        reasons = "; ".join(f"{k}: {v}" for k, v in result.skipped.items())
        return f"nothing measured: every suite was skipped ({reasons})"
    failed, n = result.total_failures()
    if n and failed == n:
        first = next((e for f in fails for e in f.first_errors), "")
        return f"nothing measured: all {n} generations failed (first: {first[:200]})"
    return None


def _shown_log(log: Callable[[str], None]) -> Callable[[str], None]:
    """Suite, file and generator names reach the terminal: redacted, bidi neutralised."""
    return lambda msg: log(shown(msg))


def token_sum(metas: Sequence[Mapping[str, Any]], key: str) -> int | None:
    """Sum of a token count over generations, None when none reported it."""
    vals = [m[key] for m in metas if isinstance(m.get(key), int)]
    return sum(vals) if vals else None


def check_identity(gen: Generator, cache: GenerationCache, log: Callable[[str], None]) -> dict | None:
    """For generators that report what they talk to (`identity()`, e.g. a server's model
    and build): remember it beside the cache and warn when cached outputs of the same
    generator settings came from another identity (they are not reused: the identity
    is part of the fingerprint)."""
    ident = getattr(gen, "identity", None)
    if not callable(ident):
        return None
    current = ident()
    fp = gen.fingerprint()
    for other in cache.other_identities(fp.split("@")[0], fp, current):
        log(f"  warning: {gen.name}: the server now reports {current}; cached outputs came from {other} and are not reused")
    return current


@dataclass(frozen=True)
class Job:
    """What every per-suite step of one run shares."""

    spec: RunSpec
    gen: Generator
    metrics: tuple[MetricDef, ...]
    cache: GenerationCache
    log: Callable[[str], None]


def new_run(spec: RunSpec, gen: Generator, metrics: Sequence[MetricDef]) -> Run:
    """The record of a run before any suite is measured: its settings and metrics."""
    return Run(
        GeneratorRecord(redact(spec.generator), redact(gen.name), redact(spec.label or gen.name)),
        spec.seed, spec.n_boot, spec.split, spec.limit, spec.shard, environment(),
        {m.name: MetricRecord(m.signature, m.area, m.higher_is_better, m.description) for m in metrics},
    )


def selected_suites(spec: RunSpec, log: Callable[[str], None]) -> list[tuple[str, Suite, list[tuple[int, Example]]]]:
    """Every suite with the examples this run covers; refuses a run that would cover none."""
    selected = [(s, suite, select(suite, spec)) for s, suite in load_suites(spec.suites)]
    for _, suite, chosen in selected:
        if not chosen:
            log(f"  warning: {suite.name} has no examples in the {spec.split} split (it has {split_counts(suite)})")
    if not any(chosen for _, _, chosen in selected):
        raise ValueError(f"nothing to measure: no suite has examples in the {spec.split} split (try --split all)")
    return selected


def metrics_for(job: Job, suite: Suite, result: Run) -> list[MetricDef]:
    """The run's metrics for a suite; fixed outputs cannot react to perturbed inputs, so
    variant metrics of a precomputed generator would be vacuous and are skipped (and said so)."""
    if not getattr(job.gen, "precomputed", False):
        return list(job.metrics)
    skipped = sorted(m.name for m in job.metrics if m.variants)
    if skipped:
        result.skipped[f"{suite.name}: metrics"] = f"precomputed outputs; not scored: {', '.join(skipped)}"
    return [m for m in job.metrics if not m.variants]


def suite_record(suite_spec: str, suite: Suite, examples: Sequence[Example], outputs: Sequence[Explanation]) -> SuiteRecord:
    """The suite's identity and size, and its generation failures."""
    return SuiteRecord(
        redact(suite_spec), suite.content_hash(), suite.version, suite.kind, examples[0].domain if examples else None, len(examples),
        dict(Counter(e.language for e in examples).most_common()),  # language -> examples, most common first
        failures=Failures(sum(not o.ok for o in outputs), len(outputs), tuple(redact(f"{o.example_id}: {o.error}") for o in outputs if not o.ok)[:5]),
    )


def suite_samples(suite: str, chosen: Sequence[tuple[int, Example]], outputs: Sequence[Explanation], cached: Sequence[bool],
                  values: dict[str, list], rows: dict[str, list[Row]], details: dict[str, list]) -> list[dict]:
    """The suite's samples.jsonl lines."""
    samples = []
    for j, ((idx, ex), o, c) in enumerate(zip(chosen, outputs, cached)):
        sample = {
            "suite": suite, "index": idx, "id": ex.id, "text": o.text, "error": redact(o.error), "latency_s": o.latency_s, "cached": c,
            "scores": {m: values[m][j] for m in values}, "stats": {m: rows[m][j] for m in rows},
        }
        found = {m: d[j] for m, d in details.items() if d[j] is not None}
        if found:
            sample["details"] = found
        samples.append(sample)
    return samples


def measure_suite(job: Job, result: Run, suite_spec: str, suite: Suite, chosen: list[tuple[int, Example]]) -> list[dict]:
    """Generate, score and record one suite into `result`; its samples.jsonl lines."""
    gen, spec, log = job.gen, job.spec, job.log
    if not gen.supports(suite):
        why = "none of its predictions' ids is in this suite" if getattr(gen, "precomputed", False) else "does not support this suite"
        result.skipped[suite.name] = f"generator {gen.name}: {why}"
        log(f"  skip {suite.name}: {gen.name} has nothing to say about it")
        return []
    examples = [e for _, e in chosen]
    gen.prepare(suite)
    identity = check_identity(gen, job.cache, log)
    t0 = time.perf_counter()
    outputs, cached = generate_cached(gen, examples, job.cache, f"{gen.name} on {suite.name}")
    wall = time.perf_counter() - t0
    metrics = metrics_for(job, suite, result)
    names = list(dict.fromkeys(v for m in applicable(metrics, suite) for v in m.variants))
    variants, twins = generate_variants(gen, suite, examples, names, spec.seed, job.cache, log) if names else ({}, 0)
    rows, values, consts, merrors, details = score_suite(suite, examples, outputs, with_score_cache(metrics, job.cache.path), spec.seed, variants)
    record = suite_record(suite_spec, suite, examples, outputs)
    record.fingerprint, record.identity = gen.fingerprint(), identity
    record.scores = aggregate_suite({m.name: m for m in job.metrics}, rows, consts, spec.seed, suite.name, spec.n_boot)
    record.const, record.metric_errors = consts, merrors
    fresh = [o for o, c in zip(outputs, cached) if not c]
    record.efficiency = efficiency(
        [o.latency_s for o in fresh if o.ok], len(fresh), sum(cached), wall, twins,
        token_sum([o.meta for o in fresh], "prompt_tokens"), token_sum([o.meta for o in fresh], "new_tokens"),
    )
    result.suites[suite.name] = record
    msg = f"  {suite.name}: {len(outputs)} examples ({sum(cached)} cached), {record.failures.count if record.failures else 0} failed"
    log(msg + "".join(f"; metric {k} failed: {v}" for k, v in merrors.items()))
    return suite_samples(suite.name, chosen, outputs, cached, values, rows, details)


def run(spec: RunSpec, out: Path, cache_path: Path, log: Callable[[str], None] = print) -> Run:
    """Measure every suite of the spec and write run.json + samples.jsonl to `out`."""
    log = _shown_log(log)
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out {out}: exists and is not a directory; choose a directory")
    gen: Generator = GENERATORS.create(spec.generator)
    metric_defs = resolve_metrics(spec.metrics)
    selected = selected_suites(spec, log)
    result = new_run(spec, gen, metric_defs)
    samples: list[dict] = []
    cache = GenerationCache(cache_path)
    try:
        job = Job(spec, gen, tuple(metric_defs), cache, log)
        for suite_spec, suite, chosen in selected:
            samples += measure_suite(job, result, suite_spec, suite, chosen)
    finally:
        cache.close()
    write_run(out, result, samples)
    return result
