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
from typing import Any, Sequence

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from benchmark import stats
from benchmark.results import read_samples
from reports import plots
from reports.compare import RunComparison, summary_rows
from benchmark.redact import no_bidi
from benchmark.registry import summary
from reports.leaderboard import HEADLINE, Board, areas, best_labels, fmt, fmt_ci, headline_metric

TEMPLATES = Path(__file__).parent / "templates"
MAX_TEXT = 1000  # characters of one sample's text shown in a drill-down cell


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


def _cell(score: dict | None, best: bool = False) -> dict:
    score = score or {}
    v = _number(score.get("value"))
    return {"text": fmt(v), "ci": fmt_ci(score.get("ci"), ""), "n": score.get("n", 0), "sort": _sortkey(v), "best": best}


def _points(board: Board, metric: str, history: bool) -> list[plots.Point]:
    out = []
    for r in board.runs:
        for suite, scores in r["scores"].items():
            s = scores.get(metric) or {}
            if s.get("value") is not None:
                lbl = r["generator"]["label"]
                out.append(plots.Point(suite, lbl, s["value"], s.get("ci")) if history else plots.Point(lbl, suite, s["value"], s.get("ci")))
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


def _drilldown(board: Board, suite: str, metric_names: list[str], samples: list[dict], cap: int) -> list[dict]:
    out = []
    for r, per_suite in zip(board.runs, samples):
        entry = per_suite.get(suite)
        if not entry:
            continue
        scores = [s.get("scores") or {} for s in entry["rows"]]
        cols = [m for m in metric_names if any(_number(sc.get(m)) is not None for sc in scores)]
        rows = [{"id": s.get("id"), "text": clip(s.get("text")), "error": clip(s.get("error") or ""),
                 "scores": [_cell({"value": sc.get(m)}) for m in cols]} for s, sc in zip(entry["rows"], scores)]
        out.append({"label": r["generator"]["label"], "cols": cols, "rows": rows, "total": entry["total"], "cap": cap})
    return out


def leaderboard_context(board: Board, history: bool = False, max_samples: int = 50, headline: Sequence[str] = HEADLINE) -> dict:
    metrics = board.metrics()
    by_area = areas(board)
    suites = board.suites()
    best = {(s, m): best_labels(board.rows(s), m, metrics[m]["higher_is_better"]) for s in suites for m in metrics}
    pairs = [(r, s) for r in board.runs for s in suites if s in r["scores"]]
    heads = {a: headline_metric(board, ms, headline) for a, ms in by_area.items()}

    def row(r: dict, s: str, names: list[str]) -> dict:
        lbl = r["generator"]["label"]
        return {"label": lbl, "suite": s, "n": r["suites"][s]["n"], "failed": r["failures"].get(s, {}).get("count", 0),
                "cells": [_cell(r["scores"][s].get(m), lbl in best[(s, m)]) for m in names]}

    area_ctx = []
    for a, names in by_area.items():
        plotted = sorted(names, key=lambda m: m != heads[a])[: plots.MAX_PANELS]  # the headline first
        panels = [plots.Panel(f"{m} {'↑' if metrics[m]['higher_is_better'] else '↓'}", tuple(_points(board, m, False))) for m in plotted]
        trend = [plots.Panel(f"{m} {'↑' if metrics[m]['higher_is_better'] else '↓'}", tuple(_points(board, m, True)), lines=True) for m in plotted]
        area_ctx.append({
            "name": a, "metrics": [{"name": m, **metrics[m]} for m in names], "rows": [row(r, s, names) for r, s in pairs],
            "plot": Markup(plots.svg(panels, f"{a}: value and 95% CI per suite")),
            "trend": Markup(plots.svg(trend, f"{a}: across versions")) if history else "",
            "plotted": plotted,
        })
    samples = [_samples(d, max_samples) for d in board.dirs] if board.dirs else [{} for _ in board.runs]
    suite_ctx = []
    for s in suites:
        runs = [r for r in board.runs if s in r["suites"]]
        info = runs[0]["suites"][s]
        hashes = sorted({r["suites"][s]["hash"] for r in runs})
        suite_ctx.append({"name": s, "n": info["n"], "kind": info.get("kind"), "hashes": hashes,
                          "drill": _drilldown(board, s, list(metrics), samples, max_samples)})
    versions = [{"label": r["generator"]["label"], "spec": r["generator"].get("spec"), "dir": str(d),
                 "commit": (r.get("environment") or {}).get("git_commit"), "suites": len(r["suites"])}
                for r, d in zip(board.runs, board.dirs or [Path("")] * len(board.runs))]
    return {
        "title": "rxbench leaderboard" + (" (history)" if history else ""), "history": history, "versions": versions,
        "areas": area_ctx, "heads": [{"area": a, "metric": m, **metrics[m]} for a, m in heads.items()],
        "overview": [row(r, s, list(heads.values())) for r, s in pairs], "suites": suite_ctx,
        "metrics": [{"name": m, **i, "summary": summary(i["description"])} for m, i in metrics.items()], "max_samples": max_samples,
    }


def leaderboard_html(board: Board, history: bool = False, max_samples: int = 50, headline: Sequence[str] = HEADLINE) -> str:
    return render("leaderboard.html.j2", **leaderboard_context(board, history, max_samples, headline))


def write_html(dirs: Sequence[str | Path], out: Path, history: bool = False, max_samples: int = 50, headline: Sequence[str] = HEADLINE) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "leaderboard.html"
    path.write_text(leaderboard_html(Board.load(dirs), history, max_samples, headline), encoding="utf-8")
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
        base={"label": cmp.base["generator"]["label"], "dir": str(cmp.base_dir)},
        cand={"label": cmp.cand["generator"]["label"], "dir": str(cmp.cand_dir)}, only=list(cmp.only_in_one),
    )
