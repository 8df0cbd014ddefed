"""Self-contained HTML reports: the leaderboard (plain or history mode) and the
candidate-vs-baseline comparison.

Jinja2 with autoescape on renders every piece of model or data text; the only
markup inserted unescaped is matplotlib's SVG (whose writer escapes text) and
our own script and style. A Content-Security-Policy meta tag allows exactly that
script (by hash) and no network at all, so the file works offline and a text
that slipped through escaping still could not run or fetch anything.
"""
from __future__ import annotations

import base64
import hashlib
import math
from pathlib import Path
from typing import Any, Mapping, Sequence

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from benchmark import stats
from benchmark.compare import RunComparison
from benchmark.numbers import fmt, fmt_ci
from benchmark.record import MetricRecord, Run, ScoreSummary
from benchmark.redact import no_bidi, redact
from benchmark.registry import summary
from benchmark.results import read_samples
from benchmark.schema import Example
from benchmark.suite import load_suite
from reports import plots, robustness
from reports.compare import markdown as comparison_markdown
from reports.compare import summary_rows
from reports.leaderboard import HEADLINE, Board, areas, arrow, best_labels, headline_metric
from validation.report import ValidityReport, read_validity

TEMPLATES = Path(__file__).parent / "templates"
MAX_TEXT = 1000  # characters of one sample's text shown in a drill-down cell
KEY_SCORES = 4  # per-sample scores shown by default when no headline metric applies (the picker shows the rest)
PLOT_FIRST = ("leakage", "injection", "manipulation")  # safety outcomes always plotted, after the headline


def _finalize(value: Any) -> Any:
    """Every `{{ }}` value: bidi controls in data text become visible marks (markup is ours)."""
    return no_bidi(value) if isinstance(value, str) and not isinstance(value, Markup) else value


_ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True, finalize=_finalize)


def clip(text: Any, limit: int = MAX_TEXT) -> str:
    text = "" if text is None else str(text)
    return text if len(text) <= limit else text[:limit] + f"… ({len(text) - limit} more characters)"


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else None


def _sortkey(value: Any) -> str:
    v = _number(value)
    return "" if v is None else repr(v)


_ENV.filters["sortkey"] = _sortkey


def render(template: str, **ctx: Any) -> str:
    """Render with the sort script inlined and allowed by its CSP hash."""
    script = (TEMPLATES / "sort.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    css = (TEMPLATES / "style.css").read_text(encoding="utf-8")
    return _ENV.get_template(template).render(script=Markup(script), script_hash=f"sha256-{digest}", css=Markup(css), **ctx)


def _cell(score: ScoreSummary | None, best: bool = False) -> dict:
    v = _number(score.value) if score is not None else None
    return {"text": fmt(v), "ci": fmt_ci(score.ci if score else None, ""), "n": score.n if score else None, "sort": _sortkey(v), "best": best}


def _points(board: Board, metric: str, history: bool) -> list[plots.Point]:
    out = []
    for r in board.runs:
        for suite, rec in r.suites.items():
            s = rec.scores.get(metric)
            if s is not None and s.value is not None:
                out.append(plots.Point(suite, r.label, s.value, s.ci) if history else plots.Point(r.label, suite, s.value, s.ci))
    return out


def _samples(d: Path, cap: int) -> dict[str, dict]:
    """Per suite: the first `cap` samples and how many there are."""
    out: dict[str, dict] = {}
    if not (d / "samples.jsonl").is_file():
        return out
    for s in read_samples(d):
        entry = out.setdefault(s["suite"], {"rows": [], "total": 0})
        entry["total"] += 1
        if len(entry["rows"]) < cap:
            entry["rows"].append(s)
    return out


def _suite_examples(runs: Sequence[Run], suite: str) -> dict[str, Example]:
    """id -> Example of a suite as the runs recorded it (spec and content hash), for the
    drill-down's inputs and references; empty when it cannot be loaded here (a relative
    path from elsewhere, a changed file): the page then says so instead of guessing."""
    info = next(r.suites[suite] for r in runs if suite in r.suites)
    try:
        loaded = load_suite(info.spec)
    except (ValueError, KeyError, OSError):
        return {}
    return {e.id: e for e in loaded.examples} if loaded.content_hash() == info.hash else {}


def _inputs(ex: Example | None) -> dict | None:
    """What the generator was given, in short: user, item and the recommender's matched reasons."""
    if ex is None:
        return None

    def attrs(d: Mapping[str, Any]) -> str:
        return "; ".join(f"{k}: {', '.join(map(str, v)) if isinstance(v, (list, tuple)) else v}" for k, v in d.items())

    return {"user": clip(ex.user.profile or attrs(ex.user.attributes), 400),
            "item": clip(" | ".join(x for x in (ex.item.title, ex.item.profile or attrs(ex.item.attributes)) if x), 400),
            "matched": ", ".join(f"{r.attribute}: {r.value}" for r in ex.signals.matched),
            "references": [clip(t, 400) for t in ex.references]}


def _drilldown(board: Board, suite: str, metric_names: list[str], samples: list[dict], cap: int, key: Sequence[str]) -> dict:
    """Per example (the first `cap` ids): its inputs, the reference and every generator's text
    side by side, each with its per-sample scores; `key` scores are shown, the rest behind the picker."""
    gens = [(r, per_suite[suite]) for r, per_suite in zip(board.runs, samples) if per_suite.get(suite)]
    by_id = [{s.get("id"): s for s in entry["rows"]} for _, entry in gens]
    ids = list(dict.fromkeys(i for rows in by_id for i in rows))[:cap]
    shown = [rows[i] for rows in by_id for i in ids if i in rows]
    cols = [m for m in metric_names if any(_number((s.get("scores") or {}).get(m)) is not None for s in shown)]
    # the headlines and the attack outcomes the suite has; failures show as errors, latency is not about the text
    keyed = [m for m in (*key, *PLOT_FIRST) if m in cols and m not in ("failure_rate", "latency_s")] or cols[:KEY_SCORES]
    examples = _suite_examples([r for r, _ in gens], suite) if gens else {}

    def cell(s: dict | None) -> dict | None:
        if s is None:
            return None
        sc = s.get("scores") or {}
        return {"text": clip(s.get("text")), "error": clip(s.get("error") or ""),
                "scores": [{"metric": m, "text": fmt(_number(sc.get(m))), "key": m in keyed} for m in cols if _number(sc.get(m)) is not None]}

    return {
        "gens": [{"label": r.label, "shown": len(entry["rows"]), "total": entry["total"]} for r, entry in gens],
        "cols": [{"name": m, "key": m in keyed} for m in cols], "cap": cap, "inputs_known": bool(examples),
        "rows": [{"id": i, "inputs": _inputs(examples.get(i)), "cells": [cell(rows.get(i)) for rows in by_id]} for i in ids],
    }


def trust_rows(metrics: dict[str, MetricRecord], rep: ValidityReport) -> list[dict]:
    """Per leaderboard metric measured in the validity report: its best and its weakest whole-set AUC and where each
    was measured (the best alone flatters a metric that is right only on the project's own sets)."""
    out = []
    for name, info in metrics.items():
        best, worst = rep.best(name), rep.worst(name)
        if best is None or worst is None:
            continue
        measured = rep.metrics[name].signature
        out.append({"metric": name, "auc": fmt(best.auc), "ci": fmt_ci(best.auc_ci, ""), "recall": fmt(best.recall_at_5fpr),
                    "set": best.set, "n_pos": best.n_pos, "n_neg": best.n_neg, "coverage": fmt(best.coverage),
                    "worst_auc": fmt(worst.auc), "worst_ci": fmt_ci(worst.auc_ci, ""), "worst_recall": fmt(worst.recall_at_5fpr),
                    "worst_set": worst.set,
                    "sets": sorted({m.set for m in rep.results if m.metric == name}),
                    "stale": measured if measured != info.signature else ""})
    return out


def _ood(board: Board, metrics: list[str]) -> dict:
    """Out-of-domain gap per generator: held-out domains minus in-domain suites, headline metrics."""
    gaps = [(r.label, robustness.ood_gap(r, only=metrics)) for r in board.runs]
    cols = [m for m in metrics if any(m in g for _, g in gaps)]
    rows = [{"label": lbl, "cells": [{"gap": f"{g[m]['gap']:+.3f}", "held_out": fmt(g[m]["held_out"]), "in_domain": fmt(g[m]["in_domain"])}
                                      if m in g else None for m in cols]} for lbl, g in gaps if g]
    return {"held_out": ", ".join(robustness.HELD_OUT), "metrics": cols, "rows": rows}


def leaderboard_context(board: Board, history: bool = False, max_samples: int = 50, headline: Sequence[str] = HEADLINE,
                        validity: ValidityReport | None = None) -> dict:
    metrics = board.metrics()
    by_area = areas(board)
    suites = board.suites()
    best = {(s, m): best_labels(board.ranked_rows(s), m, metrics[m].higher_is_better) for s in suites for m in metrics}
    off = {s: board.mismatches(s) for s in suites}
    pairs = [(r, s) for r in board.runs for s in suites if s in r.suites]
    heads = {a: headline_metric(board, ms, headline) for a, ms in by_area.items()}

    def row(r: Run, s: str, names: list[str]) -> dict:
        lbl, rec = r.label, r.suites[s]
        return {"label": lbl, "suite": s, "n": rec.n, "failed": rec.failed, "flag": off[s].get(lbl, ""),
                "cells": [_cell(rec.scores.get(m), lbl in best[(s, m)]) for m in names]}

    area_ctx = []
    for a, names in by_area.items():
        # the headline first, then the attack outcomes (leakage, injection, manipulation), then the rest
        plotted = sorted(names, key=lambda m: (m != heads[a], m not in PLOT_FIRST))[: plots.MAX_PANELS]
        panels = [plots.Panel(f"{m} {arrow(metrics[m].higher_is_better)}".rstrip(), tuple(_points(board, m, False))) for m in plotted]
        trend = [plots.Panel(f"{m} {arrow(metrics[m].higher_is_better)}".rstrip(), tuple(_points(board, m, True)), lines=True) for m in plotted]
        area_ctx.append({
            "name": a, "metrics": [{"name": m, **metrics[m].to_json()} for m in names], "rows": [row(r, s, names) for r, s in pairs],
            "plot": Markup(plots.svg(panels, f"{a}: value and 95% CI per suite")),
            "trend": Markup(plots.svg(trend, f"{a}: across versions")) if history else "",
            "plotted": plotted,
        })
    samples = [_samples(d, max_samples) for d in board.dirs] if board.dirs else [{} for _ in board.runs]
    suite_ctx = []
    for s in suites:
        runs = [r for r in board.runs if s in r.suites]
        info = runs[0].suites[s]
        hashes = sorted({r.suites[s].hash for r in runs})
        suite_ctx.append({"name": s, "n": info.n, "kind": info.kind, "hashes": hashes,
                          "drill": _drilldown(board, s, list(metrics), samples, max_samples, list(heads.values()))})
    versions = [{"label": r.label, "spec": r.generator.spec, "dir": str(d),
                 "commit": r.environment.get("git_commit"), "suites": len(r.suites)}
                for r, d in zip(board.runs, board.dirs or [Path("")] * len(board.runs))]
    return {
        "ood": _ood(board, [m for a, m in heads.items() if a not in robustness.SKIP_AREAS]),
        "title": "rxbench leaderboard" + (" (history)" if history else ""), "history": history, "versions": versions,
        "areas": area_ctx, "heads": [{"area": a, "metric": m, **metrics[m].to_json()} for a, m in heads.items()],
        "overview": [row(r, s, list(heads.values())) for r, s in pairs], "suites": suite_ctx,
        "metrics": [{"name": m, **i.to_json(), "summary": summary(i.description)} for m, i in metrics.items()], "max_samples": max_samples,
        "trust": trust_rows(metrics, validity) if validity else [],
    }


def leaderboard_html(board: Board, history: bool = False, max_samples: int = 50, headline: Sequence[str] = HEADLINE,
                     validity: ValidityReport | None = None) -> str:
    return render("leaderboard.html.j2", **leaderboard_context(board, history, max_samples, headline, validity))


def write_html(dirs: Sequence[str | Path], out: Path, history: bool = False, max_samples: int = 50, headline: Sequence[str] = HEADLINE,
               validity: str | Path | None = None) -> Path:
    """`validity`: a validity.json (or its directory) from `rxbench validate`, shown as "How far to trust each column"."""
    rep = read_validity(validity) if validity else None
    out.mkdir(parents=True, exist_ok=True)
    path = out / "leaderboard.html"
    path.write_text(leaderboard_html(Board.load(dirs), history, max_samples, headline, rep), encoding="utf-8")
    return path


def comparison_html(cmp: RunComparison, alpha: float = stats.ALPHA, top: int = 5) -> str:
    changes = []
    for r in cmp.rows:
        got = cmp.top_changes(r.suite, r.metric, top)
        if got:
            changes.append({"suite": r.suite, "metric": r.metric, "rows": [
                {"id": c.id, "base": fmt(c.base_score), "cand": fmt(c.cand_score), "delta": f"{c.delta:+.3g}",
                 "base_text": clip(c.base_error or c.base_text), "cand_text": clip(c.cand_error or c.cand_text)} for c in got]})
    return render(
        "compare.html.j2", title="rxbench comparison", alpha=alpha, top=top, rows=summary_rows(cmp, alpha), changes=changes,
        base={"label": redact(cmp.base.label), "dir": str(cmp.base_dir)},
        cand={"label": redact(cmp.cand.label), "dir": str(cmp.cand_dir)}, only=list(cmp.only_in_one),
    )


def write_comparison(cmp: RunComparison, out: Path, alpha: float = stats.ALPHA, top: int = 5) -> tuple[Path, Path]:
    """compare.md and compare.html in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    md, html_ = out / "compare.md", out / "compare.html"
    md.write_text(comparison_markdown(cmp, alpha, top), encoding="utf-8")
    html_.write_text(comparison_html(cmp, alpha, top), encoding="utf-8")
    return md, html_
