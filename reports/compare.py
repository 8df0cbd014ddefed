"""Candidate vs baseline: comparability checks, paired tests per (suite, metric),
verdicts and the examples whose scores changed most.

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

from tabulate import tabulate

from benchmark import stats
from benchmark.redact import redact
from benchmark.registry import METRICS
from benchmark.results import read_run, read_samples
from benchmark.scoring import MetricDef, get_metric
from reports.leaderboard import arrow, fmt, fmt_ci, md_text

VERDICTS = ("better", "worse", "changed", "no significant change")  # "changed": a descriptive metric moved


class NotComparable(ValueError):
    """The two runs cannot be compared; the message lists every difference."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("runs are not comparable:\n  " + "\n  ".join(self.problems))


def comparability(base: dict, cand: dict, suites: Iterable[str] | None = None, metrics: Iterable[str] | None = None) -> list[str]:
    """Every difference that makes a paired comparison of the two runs meaningless,
    restricted to the given suites / metrics (default: those both runs have)."""
    problems = [f"{key}: baseline {base.get(key)!r}, candidate {cand.get(key)!r}"
                for key in ("split", "limit", "seed") if base.get(key) != cand.get(key)]
    suites = [s for s in (suites if suites is not None else base["suites"]) if s in base["suites"] and s in cand["suites"]]
    for s in suites:
        b, c = base["suites"][s], cand["suites"][s]
        for key in ("version", "hash"):
            if b.get(key) != c.get(key):
                what = "content hash" if key == "hash" else key
                problems.append(f"suite {s}: {what} baseline {b.get(key)!r}, candidate {c.get(key)!r}")
    names = [m for m in (metrics if metrics is not None else base["metrics"]) if m in base["metrics"] and m in cand["metrics"]]
    for m in names:
        sb, sc = base["metrics"][m]["signature"], cand["metrics"][m]["signature"]
        if sb != sc:
            problems.append(f"metric {m}: signature baseline {sb!r}, candidate {sc!r}")
    return problems


def registry_drift(run: dict, metrics: Iterable[str] | None = None) -> list[str]:
    """Metrics whose registered signature differs from the one the run was scored with."""
    out = []
    for m in (metrics if metrics is not None else run["metrics"]):
        if m not in run["metrics"]:
            continue
        have = run["metrics"][m]["signature"]
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
    base: dict  # {"value", "n", "ci"} as in run.json
    cand: dict
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
    base: dict
    cand: dict
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
    common_s = [s for s in (base["suites"] if suites is None else suites) if s in base["suites"] and s in cand["suites"]]
    common_m = [m for m in (base["metrics"] if metrics is None else metrics) if m in base["metrics"] and m in cand["metrics"]]
    bs, cs = _by_suite(read_samples(base_dir)), _by_suite(read_samples(cand_dir))
    problems = comparability(base, cand, common_s, common_m) + sample_problems(bs, cs, common_s)
    problems += [f"baseline {x}" for x in registry_drift(base, common_m)] + [f"candidate {x}" for x in registry_drift(cand, common_m)]
    if problems:
        raise NotComparable(problems)
    only = [f"suite {s} only in {'baseline' if s in base['suites'] else 'candidate'}"
            for s in list(base["suites"]) + list(cand["suites"]) if (s in base["suites"]) != (s in cand["suites"])]
    only += [f"metric {m} only in {'baseline' if m in base['metrics'] else 'candidate'}"
             for m in list(base["metrics"]) + list(cand["metrics"]) if (m in base["metrics"]) != (m in cand["metrics"])]
    defs = {m: get_metric(m) for m in common_m}
    rows, aligned = [], {}
    for s in common_s:
        pairs = [(bs[s][i], cs[s][i]) for i in bs.get(s, {})]
        aligned[s] = pairs
        for m in common_m:
            row = _compare_metric(defs[m], s, base, cand, pairs, n_boot or base.get("n_boot") or stats.N_BOOT)
            if row:
                rows.append(row)
    return RunComparison(base, cand, base_dir, cand_dir, tuple(rows), aligned, tuple(dict.fromkeys(only)))


def _compare_metric(m: MetricDef, suite: str, base: dict, cand: dict, pairs: list[tuple[dict, dict]], n_boot: int) -> MetricComparison | None:
    empty = {"value": None, "n": 0, "ci": None}
    sb, sc = base["scores"][suite].get(m.name), cand["scores"][suite].get(m.name)
    if (sb or empty)["value"] is None and (sc or empty)["value"] is None:
        return None  # the metric does not apply to this suite (or to none of its samples)
    b_rows = [b["stats"].get(m.name) for b, _ in pairs]
    c_rows = [c["stats"].get(m.name) for _, c in pairs]
    paired, note = None, ""
    if sb is None or sc is None:
        note = f"not scored in the {'baseline' if sb is None else 'candidate'} run"
    elif not any(x is not None and y is not None for x, y in zip(b_rows, c_rows)):
        note = "no sample is scored in both runs"
    else:
        const = base["const"].get(suite, {}).get(m.name, {})
        paired = stats.paired_test(m, b_rows, c_rows, const, seed=(base["seed"], suite), n_boot=n_boot, n_perm=n_boot)
        if not all(map(math.isfinite, (paired.baseline, paired.candidate))):
            paired, note = None, "the metric is undefined on the shared samples"
    return MetricComparison(suite, m.name, m.area, m.higher_is_better, sb or empty, sc or empty, paired, note)


def fmt_p(p: float | None) -> str:
    return "–" if p is None else f"{p:.3f}" if p >= 0.001 else "<0.001"


def summary_rows(cmp: RunComparison, alpha: float) -> list[dict]:
    """One display row per (suite, metric): what both the Markdown and the HTML show."""
    out = []
    for r in cmp.rows:
        p = r.paired
        out.append({
            "suite": r.suite, "metric": r.metric, "area": r.area, "arrow": arrow(r.higher_is_better),
            "base": fmt(r.base.get("value")), "base_ci": fmt_ci(r.base.get("ci")),
            "cand": fmt(r.cand.get("value")), "cand_ci": fmt_ci(r.cand.get("ci")),
            "delta": f"{p.delta:+.3g}" if p else "–", "delta_ci": fmt_ci(p.interval(alpha)) if p else "–",
            "p": fmt_p(r.p), "p_boot": fmt_p(p.p_bootstrap) if p else "–", "p_ar": fmt_p(p.p_randomization) if p else "–",
            "n": p.n if p else 0, "verdict": r.verdict(alpha) if p else r.note,
            "base_v": r.base.get("value"), "cand_v": r.cand.get("value"), "delta_v": p.delta if p else None, "p_v": r.p,
        })
    return out


def markdown(cmp: RunComparison, alpha: float = stats.ALPHA, top: int = 5) -> str:
    b, c = redact(cmp.base["generator"]["label"]), redact(cmp.cand["generator"]["label"])
    out = [f"# rxbench comparison: {md_text(c or '')} vs {md_text(b or '')}", "",
           f"Baseline {md_text(str(cmp.base_dir))}, candidate {md_text(str(cmp.cand_dir))}. Delta = candidate − baseline with its {1 - alpha:.0%} paired-bootstrap CI; "
           f"verdict: better / worse when that CI excludes 0 (alpha = {alpha}); p = the larger of the paired-bootstrap and "
           "approximate-randomization p-values, shown for reference.", ""]
    if cmp.only_in_one:
        out += ["Not compared: " + "; ".join(map(md_text, cmp.only_in_one)), ""]
    rows = summary_rows(cmp, alpha)
    for suite in cmp.suites():
        out += [f"## {md_text(suite)}", ""]
        body = [[f"{md_text(r['metric'])} {r['arrow']}", f"{r['base']} {r['base_ci']}", f"{r['cand']} {r['cand_ci']}",
                 f"{r['delta']} {r['delta_ci']}", r["p"], r["n"], r["verdict"]] for r in rows if r["suite"] == suite]
        out.append(tabulate(body, headers=["metric", "baseline", "candidate", "delta", "p", "n", "verdict"], tablefmt="github", disable_numparse=True))
        for r in (x for x in cmp.rows if x.suite == suite):
            changes = cmp.top_changes(suite, r.metric, top)
            if changes:
                out += ["", f"### {md_text(suite)} / {md_text(r.metric)}: largest per-example changes", ""]
                out.append(tabulate([[md_text(ch.id), fmt(ch.base_score), fmt(ch.cand_score), md_text(ch.base_error or ch.base_text),
                                      md_text(ch.cand_error or ch.cand_text)] for ch in changes],
                                    headers=["example", "baseline", "candidate", "baseline text", "candidate text"], tablefmt="github", disable_numparse=True))
        out.append("")
    return "\n".join(out) + "\n"


def write_comparison(cmp: RunComparison, out: Path, alpha: float = stats.ALPHA, top: int = 5) -> tuple[Path, Path]:
    from reports.html import comparison_html  # html imports this module

    out.mkdir(parents=True, exist_ok=True)
    md, html_ = out / "compare.md", out / "compare.html"
    md.write_text(markdown(cmp, alpha, top), encoding="utf-8")
    html_.write_text(comparison_html(cmp, alpha, top), encoding="utf-8")
    return md, html_
