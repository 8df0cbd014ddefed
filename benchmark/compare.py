"""Candidate vs baseline: comparability checks, paired tests per (suite, metric),
verdicts and the examples whose scores changed most (the analysis that both the
reports and the release gates read; reports.compare renders it).

Two runs are compared only when they scored the same examples of the same suite
content with the same metric signatures, and when this rxbench still reduces
those metrics the way the runs were scored (the paired tests re-reduce the
per-sample statistics with the registered metric). Anything else is refused
with a message that names every difference.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from benchmark import stats
from benchmark.record import Run, ScoreSummary
from benchmark.registry import METRICS
from benchmark.results import read_run, read_samples
from benchmark.scoring import MetricDef, get_metric

VERDICTS = ("better", "worse", "changed", "no significant change")  # "changed": a descriptive metric moved


class NotComparable(ValueError):
    """The two runs cannot be compared; the message lists every difference."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("runs are not comparable:\n  " + "\n  ".join(self.problems))


def comparability(base: Run, cand: Run, suites: Iterable[str] | None = None, metrics: Iterable[str] | None = None) -> list[str]:
    """Every difference that makes a paired comparison of the two runs meaningless,
    restricted to the given suites / metrics (default: those both runs have)."""
    problems = [f"{key}: baseline {getattr(base, key)!r}, candidate {getattr(cand, key)!r}"
                for key in ("split", "limit", "seed") if getattr(base, key) != getattr(cand, key)]
    suites = [s for s in (suites if suites is not None else base.suites) if s in base.suites and s in cand.suites]
    for s in suites:
        b, c = base.suites[s], cand.suites[s]
        for key in ("version", "hash"):
            if getattr(b, key) != getattr(c, key):
                what = "content hash" if key == "hash" else key
                problems.append(f"suite {s}: {what} baseline {getattr(b, key)!r}, candidate {getattr(c, key)!r}")
    names = [m for m in (metrics if metrics is not None else base.metrics) if m in base.metrics and m in cand.metrics]
    for m in names:
        sb, sc = base.metrics[m].signature, cand.metrics[m].signature
        if sb != sc:
            problems.append(f"metric {m}: signature baseline {sb!r}, candidate {sc!r}")
    return problems


def registry_drift(run: Run, metrics: Iterable[str] | None = None) -> list[str]:
    """Metrics whose registered signature differs from the one the run was scored with."""
    out = []
    for m in (metrics if metrics is not None else run.metrics):
        if m not in run.metrics:
            continue
        have = run.metrics[m].signature
        if m not in METRICS:
            out.append(f"metric {m}: scored as {have!r}, no longer registered in this rxbench")
        elif get_metric(m).signature != have:
            out.append(f"metric {m}: scored as {have!r}, this rxbench has {get_metric(m).signature!r}")
    return out


def sample_problems(base_samples: dict, cand_samples: dict, suites: Iterable[str]) -> list[str]:
    out = []
    for s in suites:
        b, c = set(base_samples.get(s, {})), set(cand_samples.get(s, {}))
        if b != c:
            out.append(f"suite {s}: the runs cover different examples (baseline {len(b)}, candidate {len(c)}, "
                       f"{len(b & c)} shared); run both with the same --split / --limit / --shard")
    return out


@dataclass(frozen=True)
class MetricComparison:
    suite: str
    metric: str
    area: str
    higher_is_better: bool | None  # None: descriptive
    base: ScoreSummary
    cand: ScoreSummary
    paired: stats.Paired | None
    note: str = ""  # why there is no paired test

    @property
    def p(self) -> float | None:
        """The larger of the paired-bootstrap and randomization p-values: a change is
        called significant only when both tests agree."""
        return max(self.paired.p_bootstrap, self.paired.p_randomization) if self.paired else None

    @property
    def worsening(self) -> float | None:
        """How much worse the candidate is, in the metric's units (negative: better; None: no direction)."""
        if not self.paired or self.higher_is_better is None:
            return None
        return -self.paired.delta if self.higher_is_better else self.paired.delta

    def significant(self, alpha: float = stats.ALPHA) -> bool:
        """The (1 - alpha) paired-bootstrap CI of the delta excludes 0 (the interval the reports print)."""
        return bool(self.paired and self.paired.delta != 0 and self.paired.excludes_zero(alpha))

    def verdict(self, alpha: float = stats.ALPHA) -> str:
        if not self.significant(alpha):
            return "no significant change"
        if self.higher_is_better is None:
            return "changed"
        return "worse" if (self.worsening or 0) > 0 else "better"


@dataclass(frozen=True)
class Change:
    """One example whose per-sample score moved: texts side by side."""

    suite: str
    metric: str
    id: str
    base_score: float
    cand_score: float
    base_text: str
    cand_text: str
    base_error: str | None
    cand_error: str | None

    @property
    def delta(self) -> float:
        return self.cand_score - self.base_score


@dataclass(frozen=True)
class RunComparison:
    base: Run
    cand: Run
    base_dir: Path
    cand_dir: Path
    rows: tuple[MetricComparison, ...]
    samples: dict[str, list[tuple[dict, dict]]] = field(repr=False)  # suite -> aligned (baseline, candidate)
    only_in_one: tuple[str, ...] = ()  # suites / metrics one run lacks (not compared)

    def get(self, suite: str, metric: str) -> MetricComparison | None:
        return next((r for r in self.rows if r.suite == suite and r.metric == metric), None)

    def suites(self) -> list[str]:
        return list(dict.fromkeys(r.suite for r in self.rows))

    def top_changes(self, suite: str, metric: str, k: int) -> list[Change]:
        """The k examples whose per-sample score changed most (ties by id)."""
        out = []
        for b, c in self.samples.get(suite, []):
            vb, vc = b["scores"].get(metric), c["scores"].get(metric)
            if _finite(vb) and _finite(vc) and vb != vc:
                out.append(Change(suite, metric, b["id"], vb, vc, b["text"], c["text"], b.get("error"), c.get("error")))
        return sorted(out, key=lambda ch: (-abs(ch.delta), ch.id))[:k]


def _finite(x: Any) -> bool:
    return isinstance(x, (int, float)) and math.isfinite(x)


def _by_suite(samples: Iterable[dict]) -> dict[str, dict[str, dict]]:
    out: dict[str, dict[str, dict]] = {}
    for s in samples:
        out.setdefault(s["suite"], {})[s["id"]] = s
    return out


def compare_runs(
    base_dir: str | Path,
    cand_dir: str | Path,
    suites: Sequence[str] | None = None,
    metrics: Sequence[str] | None = None,
    n_boot: int | None = None,
) -> RunComparison:
    """Paired tests of every (suite, metric) both runs scored; raises NotComparable."""
    base_dir, cand_dir = Path(base_dir), Path(cand_dir)
    base, cand = read_run(base_dir), read_run(cand_dir)
    common_s = [s for s in (base.suites if suites is None else suites) if s in base.suites and s in cand.suites]
    common_m = [m for m in (base.metrics if metrics is None else metrics) if m in base.metrics and m in cand.metrics]
    bs, cs = _by_suite(read_samples(base_dir)), _by_suite(read_samples(cand_dir))
    problems = comparability(base, cand, common_s, common_m) + sample_problems(bs, cs, common_s)
    problems += [f"baseline {x}" for x in registry_drift(base, common_m)] + [f"candidate {x}" for x in registry_drift(cand, common_m)]
    if problems:
        raise NotComparable(problems)
    only = [f"suite {s} only in {'baseline' if s in base.suites else 'candidate'}"
            for s in list(base.suites) + list(cand.suites) if (s in base.suites) != (s in cand.suites)]
    only += [f"metric {m} only in {'baseline' if m in base.metrics else 'candidate'}"
             for m in list(base.metrics) + list(cand.metrics) if (m in base.metrics) != (m in cand.metrics)]
    defs = {m: get_metric(m) for m in common_m}
    rows, aligned = [], {}
    for s in common_s:
        pairs = [(bs[s][i], cs[s][i]) for i in bs.get(s, {})]
        aligned[s] = pairs
        for m in common_m:
            row = _compare_metric(defs[m], s, base, cand, pairs, n_boot or base.n_boot)
            if row:
                rows.append(row)
    return RunComparison(base, cand, base_dir, cand_dir, tuple(rows), aligned, tuple(dict.fromkeys(only)))


def _compare_metric(m: MetricDef, suite: str, base: Run, cand: Run, pairs: list[tuple[dict, dict]], n_boot: int) -> MetricComparison | None:
    empty = ScoreSummary(None, 0, None)
    sb, sc = base.suites[suite].scores.get(m.name), cand.suites[suite].scores.get(m.name)
    if (sb or empty).value is None and (sc or empty).value is None:
        return None  # the metric does not apply to this suite (or to none of its samples)
    b_rows = [b["stats"].get(m.name) for b, _ in pairs]
    c_rows = [c["stats"].get(m.name) for _, c in pairs]
    paired, note = None, ""
    if sb is None or sc is None:
        note = f"not scored in the {'baseline' if sb is None else 'candidate'} run"
    elif not any(x is not None and y is not None for x, y in zip(b_rows, c_rows)):
        note = "no sample is scored in both runs"
    else:
        const = base.suites[suite].const.get(m.name, {})
        paired = stats.paired_test(m, b_rows, c_rows, const, seed=(base.seed, suite), n_boot=n_boot, n_perm=n_boot)
        if not all(map(math.isfinite, (paired.baseline, paired.candidate))):
            paired, note = None, "the metric is undefined on the shared samples"
    return MetricComparison(suite, m.name, m.area, m.higher_is_better, sb or empty, sc or empty, paired, note)
