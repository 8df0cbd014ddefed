"""Markdown leaderboard: generators x suites x metrics, best per column marked.

Reports only read run.json files; they never recompute a score.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from tabulate import tabulate

from benchmark.results import read_run

AREA_ORDER = ("overlap", "explainability", "informativeness", "personalization", "fluency", "faithfulness", "robustness", "safety", "efficiency")
# preferred headline metrics (terminal summary, HTML overview: the first one of each area that has values)
# Per area a metric that saying nothing cannot win: robustness is quality under perturbation (robust.*),
# never invariance (inv.*, which a constant output wins); faithfulness is stating the recommender's reasons
# correctly (faith.reason_recall), not avoiding errors (faith.halluc, which an empty output wins).
HEADLINE = ("bleu4", "rougeL", "fmr", "usr", "info.item_recall", "pers.user_acc1", "pers.user_recall", "repetition",
            "faith.reason_recall", "robust.fmr", "robust.bleu4", "toxicity.frac", "failure_rate")


def expand_run_dirs(paths: Sequence[str | Path]) -> list[Path]:
    """Run directories as given; a directory that holds no run.json but run
    directories (e.g. one per model version) stands for those, in name order."""
    out: list[Path] = []
    for p in map(Path, paths):
        subs = sorted(d for d in p.iterdir() if (d / "run.json").is_file()) if p.is_dir() and not (p / "run.json").exists() else []
        out += subs or [p]
    return out


def _unique_labels(runs: list[dict], dirs: Sequence[Path]) -> tuple[dict, ...]:
    """Rows are keyed by label: two runs with one label (model versions) get their directory name appended."""
    labels = [r["generator"]["label"] for r in runs]
    out = []
    for r, d, lbl in zip(runs, dirs, labels):
        if labels.count(lbl) > 1:
            r = {**r, "generator": {**r["generator"], "label": f"{lbl} @ {d.name or d}"}}
        out.append(r)
    return tuple(out)


@dataclass(frozen=True)
class Board:
    runs: tuple[dict, ...]
    dirs: tuple[Path, ...] = ()  # where each run's samples.jsonl lives (drill-down)

    @classmethod
    def load(cls, dirs: Sequence[str | Path]) -> "Board":
        paths = expand_run_dirs(dirs)
        return cls(_unique_labels([read_run(d) for d in paths], paths), tuple(paths))

    def suites(self) -> list[str]:
        seen: dict[str, None] = {}
        for r in self.runs:
            seen.update(dict.fromkeys(r["scores"]))
        return list(seen)

    def metrics(self) -> dict[str, dict]:
        """metric -> info, ordered by area then name."""
        info: dict[str, dict] = {}
        for r in self.runs:
            for k, v in r["metrics"].items():
                info.setdefault(k, v)
        return dict(sorted(info.items(), key=lambda kv: (area_rank(kv[1]["area"]), kv[0])))

    def rows(self, suite: str) -> list[tuple[str, dict]]:
        return [(r["generator"]["label"], r["scores"][suite]) for r in self.runs if suite in r["scores"]]

    def mismatches(self, suite: str) -> dict[str, str]:
        """label -> why its row on this suite is not comparable with the reference rows (as
        `compare` refuses such pairs): another split, --limit, shard, example count or suite
        content. The reference is the most common setting, ties to the one with most examples."""
        runs = [r for r in self.runs if suite in r["scores"]]
        settings = {r["generator"]["label"]: _setting(r, suite) for r in runs}
        ref = max(settings.values(), key=lambda s: (list(settings.values()).count(s), s["n"]))
        return {lbl: ", ".join(f"{k} {s[k]!r} vs {ref[k]!r}" for k in s if s[k] != ref[k]) for lbl, s in settings.items() if s != ref}

    def ranked_rows(self, suite: str) -> list[tuple[str, dict]]:
        """The rows that may be marked best: those comparable with the reference setting."""
        off = self.mismatches(suite)
        return [(lbl, s) for lbl, s in self.rows(suite) if lbl not in off]


def _setting(run: dict, suite: str) -> dict:
    info = run["suites"][suite]
    return {"n": info["n"], "split": run.get("split"), "limit": run.get("limit"), "shard": run.get("shard"), "content hash": info.get("hash")}


def area_rank(area: str) -> int:
    return AREA_ORDER.index(area) if area in AREA_ORDER else len(AREA_ORDER)


def md_text(text: str, limit: int = 300) -> str:
    """Model or data text inside a Markdown table: HTML-escaped (Markdown passes raw
    HTML through), one line, pipes escaped, long text cut with a note."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[:limit] + f"… ({len(text) - limit} more characters)"
    return html.escape(text).replace("|", "\\|")


def fmt(value: float | None) -> str:
    if value is None:
        return "–"
    a = abs(value)
    return f"{value:.1f}" if a >= 100 else f"{value:.2f}" if a >= 1 else f"{value:.3f}"


def fmt_ci(ci: Sequence[float | None] | None, empty: str = "–") -> str:
    return f"[{fmt(ci[0])}, {fmt(ci[1])}]" if ci and None not in ci else empty


def cell(score: dict | None, best: bool, mark: str = "**{}**") -> str:
    if not score or score.get("value") is None:
        return "–"
    text = fmt(score["value"])
    ci = score.get("ci")
    if ci:
        text += f" ±{fmt((ci[1] - ci[0]) / 2)}"
    return mark.format(text) if best else text


def arrow(higher: bool | None) -> str:
    """↑ / ↓ for the better direction; nothing for a descriptive metric (length)."""
    return "" if higher is None else "↑" if higher else "↓"


def best_labels(rows: list[tuple[str, dict]], metric: str, higher: bool | None) -> set[str]:
    if higher is None:  # descriptive: no row is best
        return set()
    vals = [(lbl, s[metric]["value"]) for lbl, s in rows if metric in s and s[metric].get("value") is not None]
    if len(vals) < 2:
        return set()
    target = max(v for _, v in vals) if higher else min(v for _, v in vals)
    return {lbl for lbl, v in vals if v == target}


def suite_table(board: Board, suite: str, fmt_: str = "github", only: Sequence[str] | None = None) -> str:
    metrics = {m: i for m, i in board.metrics().items() if any(m in s for _, s in board.rows(suite)) and (only is None or m in only)}
    rows, off = board.rows(suite), board.mismatches(suite)
    best = {m: best_labels(board.ranked_rows(suite), m, info["higher_is_better"]) for m, info in metrics.items()}
    n = {r["generator"]["label"]: r["suites"][suite]["n"] for r in board.runs if suite in r["suites"]}
    headers = ["generator", "n"] + [f"{m} {arrow(i['higher_is_better'])}".rstrip() for m, i in metrics.items()]
    markdown_ = fmt_ == "github"
    name = md_text if markdown_ else str  # Markdown passes raw HTML through; a terminal does not
    mark = "**{}**" if markdown_ else "{} *"
    body = [[name(lbl) + (" †" if lbl in off else ""), str(n[lbl])] + [cell(s.get(m), lbl in best[m], mark) for m in metrics] for lbl, s in rows]
    return tabulate(body, headers=headers, tablefmt=fmt_, disable_numparse=True)


def markdown(board: Board) -> str:
    out = ["# rxbench leaderboard", ""]
    out.append("Values are corpus scores with the half-width of their 95% bootstrap CI; **bold** is best per column "
               "(↑ higher is better, ↓ lower is better, no arrow: descriptive, no better direction). n, exact CIs and signatures are in each run.json.")
    for suite in board.suites():
        off = board.mismatches(suite)
        runs = [r for r in board.runs if suite in r["suites"]]
        ref = next(r for r in runs if r["generator"]["label"] not in off)  # the reference setting's rows
        info = ref["suites"][suite]
        out += ["", f"## {suite}", "", f"{info['n']} examples, split `{ref['split']}`, kind {info['kind']}, content hash `{info['hash']}`", ""]
        if off:
            out += ["**Rows not comparable** (†: never marked best; n per row in the table): "
                    + "; ".join(f"{md_text(lbl)}: {why}" for lbl, why in off.items()), ""]
        out.append(suite_table(board, suite))
        fails = [f"{r['generator']['label']}: {r['failures'][suite]['count']}" for r in runs if r["failures"][suite]["count"]]
        if fails:
            out += ["", "Failed generations: " + ", ".join(fails)]
    out += ["", "## Metrics", ""]
    out.append(tabulate([[m, i["area"], i["signature"], i["description"].split("\n")[0]] for m, i in board.metrics().items()],
                        headers=["metric", "area", "signature", "definition"], tablefmt="github", disable_numparse=True))
    return "\n".join(out) + "\n"


def terminal_summary(board: Board, headline: Sequence[str]) -> str:
    """Compact per-suite tables of the headline metrics, for printing at the end of a run."""
    parts = []
    for suite in board.suites():
        parts += [f"\n{suite}", suite_table(board, suite, "simple", headline)]
    return "\n".join(parts) + "\n\n(* best in its column; ± half-width of the 95% CI)"


def write_markdown(dirs: Sequence[str | Path], out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    from reports import robustness

    path = out / "leaderboard.md"
    board = Board.load(dirs)
    headline = [m for m in HEADLINE + ("faith.halluc", "faith.reason_recall") if m in board.metrics()]
    path.write_text(markdown(board) + "\n" + robustness.markdown(board.dirs, only=headline), encoding="utf-8")
    return path
