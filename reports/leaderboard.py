"""Markdown leaderboard: generators x suites x metrics, best per column marked.

Reports only read run.json files; they never recompute a score.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from tabulate import tabulate

from benchmark.numbers import fmt
from benchmark.record import MetricRecord, Run, Scores, ScoreSummary
from benchmark.redact import no_bidi, redact
from benchmark.registry import summary
from benchmark.results import read_run
from benchmark.scoring import AREAS
from reports import robustness
from reports.mdtext import md_text

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


def _relabel(r: Run, label: str) -> Run:
    """The run under another label; the spec redacted again (runs written by an older rxbench may carry a key in a URL)."""
    return replace(r, generator=replace(r.generator, label=label, spec=redact(r.generator.spec)))


def _unique_labels(runs: list[Run], dirs: Sequence[Path]) -> tuple[Run, ...]:
    """Rows are keyed by label: two runs with one label (model versions) get their directory name appended."""
    labels = [redact(r.label) for r in runs]
    return tuple(_relabel(r, f"{lbl} @ {d.name or d}" if labels.count(lbl) > 1 else lbl) for r, d, lbl in zip(runs, dirs, labels))


@dataclass(frozen=True)
class Board:
    runs: tuple[Run, ...]
    dirs: tuple[Path, ...] = ()  # where each run's samples.jsonl lives (drill-down)

    @classmethod
    def load(cls, dirs: Sequence[str | Path]) -> "Board":
        paths = expand_run_dirs(dirs)
        return cls(_unique_labels([read_run(d) for d in paths], paths), tuple(paths))

    def suites(self) -> list[str]:
        seen: dict[str, None] = {}
        for r in self.runs:
            seen.update(dict.fromkeys(r.suites))
        return list(seen)

    def metrics(self) -> dict[str, MetricRecord]:
        """metric -> info, ordered by area then name."""
        info: dict[str, MetricRecord] = {}
        for r in self.runs:
            for k, v in r.metrics.items():
                info.setdefault(k, v)
        return dict(sorted(info.items(), key=lambda kv: (area_rank(kv[1].area), kv[0])))

    def rows(self, suite: str) -> list[tuple[str, Scores]]:
        return [(r.label, r.suites[suite].scores) for r in self.runs if suite in r.suites]

    def mismatches(self, suite: str) -> dict[str, str]:
        """label -> why its row on this suite is not comparable with the reference rows (as
        `compare` refuses such pairs): another split, --limit, shard, example count or suite
        content. The reference is the most common setting, ties to the one with most examples."""
        runs = [r for r in self.runs if suite in r.suites]
        settings = {r.label: _setting(r, suite) for r in runs}
        ref = max(settings.values(), key=lambda s: (list(settings.values()).count(s), s["n"]))
        return {lbl: ", ".join(f"{k} {s[k]!r} vs {ref[k]!r}" for k in s if s[k] != ref[k]) for lbl, s in settings.items() if s != ref}

    def ranked_rows(self, suite: str) -> list[tuple[str, Scores]]:
        """The rows that may be marked best: those comparable with the reference setting."""
        off = self.mismatches(suite)
        return [(lbl, s) for lbl, s in self.rows(suite) if lbl not in off]


def _setting(run: Run, suite: str) -> dict:
    info = run.suites[suite]
    return {"n": info.n, "split": run.split, "limit": run.limit, "shard": list(run.shard) if run.shard else None, "content hash": info.hash}


def area_rank(area: str) -> int:
    return AREAS.index(area) if area in AREAS else len(AREAS)


def cell(score: ScoreSummary | None, best: bool, mark: str = "**{}**") -> str:
    if score is None or score.value is None:
        return "–"
    text = fmt(score.value)
    ci = score.ci
    if ci:
        text += f" ±{fmt((ci[1] - ci[0]) / 2)}"
    return mark.format(text) if best else text


def arrow(higher: bool | None) -> str:
    """↑ / ↓ for the better direction; nothing for a descriptive metric (length)."""
    return "" if higher is None else "↑" if higher else "↓"


def best_labels(rows: list[tuple[str, Scores]], metric: str, higher: bool | None) -> set[str]:
    if higher is None:  # descriptive: no row is best
        return set()
    vals = [(lbl, v) for lbl, s in rows if metric in s and (v := s[metric].value) is not None]
    if len(vals) < 2:
        return set()
    target = max(v for _, v in vals) if higher else min(v for _, v in vals)
    return {lbl for lbl, v in vals if v == target}


def suite_table(board: Board, suite: str, fmt_: str = "github", only: Sequence[str] | None = None) -> str:
    metrics = {m: i for m, i in board.metrics().items() if any(m in s for _, s in board.rows(suite)) and (only is None or m in only)}
    rows, off = board.rows(suite), board.mismatches(suite)
    best = {m: best_labels(board.ranked_rows(suite), m, info.higher_is_better) for m, info in metrics.items()}
    n = {r.label: r.suites[suite].n for r in board.runs if suite in r.suites}
    headers = ["generator", "n"] + [f"{m} {arrow(i.higher_is_better)}".rstrip() for m, i in metrics.items()]
    markdown_ = fmt_ == "github"
    name = md_text if markdown_ else no_bidi  # Markdown passes raw HTML through; a terminal does not
    mark = "**{}**" if markdown_ else "{} *"
    body = [[name(lbl) + (" †" if lbl in off else ""), str(n[lbl])] + [cell(s.get(m), lbl in best[m], mark) for m in metrics] for lbl, s in rows]
    return tabulate(body, headers=headers, tablefmt=fmt_, disable_numparse=True)


def areas(board: Board) -> dict[str, list[str]]:
    """area -> its metrics, areas in AREAS."""
    out: dict[str, list[str]] = {}
    for m, info in board.metrics().items():
        out.setdefault(info.area, []).append(m)
    return dict(sorted(out.items(), key=lambda kv: area_rank(kv[0])))


def headline_metric(board: Board, metrics: list[str], prefer: Sequence[str] = HEADLINE) -> str:
    """The area's first preferred metric that has values, else the one with the most
    values across runs and suites (ties: metric order); a descriptive metric (length)
    has no best and heads an area only when nothing else is there."""
    counts = {m: sum(1 for r in board.runs for s in r.suites.values() if m in s.scores and s.scores[m].value is not None) for m in metrics}
    chosen = [m for m in prefer if counts.get(m)]
    info = board.metrics()
    ranked = [m for m in metrics if info[m].higher_is_better is not None] or metrics
    return chosen[0] if chosen else max(ranked, key=lambda m: (counts[m], -metrics.index(m)))


MD_COLUMNS = 6  # metric columns per Markdown table: wider tables do not fit a pull-request comment


def _change(prev: ScoreSummary | None, cur: ScoreSummary | None) -> str:
    """` (+0.12)`: a version's change from the previous one (history mode)."""
    a, b = None if prev is None else prev.value, None if cur is None else cur.value
    return "" if a is None or b is None else f" ({b - a:+.3g})"


def _rows_table(board: Board, names: list[str], history: bool, extra: bool = False) -> str:
    """suite | generator [| n | failed] | one column per metric; best per suite in bold, and
    in history mode each version's change from the one before."""
    info = board.metrics()
    headers = ["suite", "generator"] + (["n", "failed"] if extra else []) + [f"{m} {arrow(info[m].higher_is_better)}".rstrip() for m in names]
    body = []
    for suite in board.suites():
        ranked, off = board.ranked_rows(suite), board.mismatches(suite)
        best = {m: best_labels(ranked, m, info[m].higher_is_better) for m in names} if not history else {m: set() for m in names}
        prev: Scores = {}
        for r in (r for r in board.runs if suite in r.suites):
            lbl, sc = r.label, r.suites[suite].scores
            line = [md_text(suite), md_text(lbl) + (" †" if lbl in off else "")]
            if extra:
                line += [str(r.suites[suite].n), str(r.suites[suite].failed)]
            line += [cell(sc.get(m), lbl in best[m]) + (_change(prev.get(m), sc.get(m)) if history else "") for m in names]
            body.append(line)
            prev = sc
    return tabulate(body, headers=headers, tablefmt="github", disable_numparse=True)


def markdown(board: Board, history: bool = False, headline: Sequence[str] = HEADLINE) -> str:
    """The leaderboard as Markdown that fits a pull-request comment: an overview with one
    headline metric per area, then one collapsed table per area (at most MD_COLUMNS metric
    columns each), the suites, and the metric glossary. `history`: runs are versions of one
    model, oldest first; each value shows its change from the previous version."""
    by_area = areas(board)
    heads = [headline_metric(board, ms, headline) for ms in by_area.values()]
    out = ["# rxbench leaderboard" + (" (history)" if history else ""), ""]
    out.append("Values are corpus scores with the half-width of their 95% bootstrap CI (↑ higher is better, ↓ lower is better); "
               + ("in parentheses the change from the previous version (runs oldest first). " if history else "**bold** is best per suite and column among comparable rows (†: not comparable, never bold). ")
               + "n, exact CIs and signatures are in each run.json.")
    out += ["", "## Overview", "", "Headline per area: " + ", ".join(f"{a} = {m}" for a, m in zip(by_area, heads)), ""]
    for i in range(0, len(heads), MD_COLUMNS):
        out += [_rows_table(board, heads[i : i + MD_COLUMNS], history, extra=True), ""]
    for area, names in by_area.items():
        out += ["", f"## {md_text(area)}", "", f"<details><summary>{len(names)} metric(s): {md_text(', '.join(names))}</summary>", ""]
        for i in range(0, len(names), MD_COLUMNS):
            out += [_rows_table(board, names[i : i + MD_COLUMNS], history), ""]
        out.append("</details>")
    out += ["", "## Suites", ""]
    for suite in board.suites():
        runs = [r for r in board.runs if suite in r.suites]
        off = board.mismatches(suite)
        ref = next(r for r in runs if r.label not in off)  # the reference setting's rows
        info = ref.suites[suite]
        fails = [f"{md_text(r.label)}: {r.suites[suite].failed}" for r in runs if r.suites[suite].failed]
        out.append(f"- **{md_text(suite)}**: {info.n} examples, split {md_text(ref.split)}, kind {md_text(info.kind)}, "
                   f"content hash {md_text(info.hash)}" + (f"; failed generations: {', '.join(fails)}" if fails else "")
                   + (f"; **Rows not comparable** (†: never marked best): {'; '.join(f'{md_text(lbl)}: {md_text(why)}' for lbl, why in off.items())}" if off else ""))
    out += ["", "## Metrics", "", "<details><summary>definitions</summary>", ""]
    out.append(tabulate([[md_text(m), md_text(i.area), md_text(i.signature), md_text(summary(i.description))] for m, i in board.metrics().items()],
                        headers=["metric", "area", "signature", "definition"], tablefmt="github", disable_numparse=True))
    out += ["", "</details>"]
    return "\n".join(out) + "\n"


def terminal_summary(board: Board, headline: Sequence[str]) -> str:
    """Compact per-suite tables of the headline metrics, for printing at the end of a run."""
    parts = []
    for suite in board.suites():
        parts += [f"\n{no_bidi(suite)}", suite_table(board, suite, "simple", headline)]
    return "\n".join(parts) + "\n\n(* best in its column; ± half-width of the 95% CI)"


def write_markdown(dirs: Sequence[str | Path], out: Path, history: bool = False, headline: Sequence[str] = HEADLINE) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "leaderboard.md"
    board = Board.load(dirs)
    only = [m for m in HEADLINE + ("faith.halluc", "faith.reason_recall") if m in board.metrics()]
    path.write_text(markdown(board, history, headline) + "\n" + robustness.markdown(board.dirs, only=only), encoding="utf-8")
    return path
