"""Candidate vs baseline as Markdown (benchmark.compare does the comparison;
reports.html renders it as a page)."""
from __future__ import annotations

from tabulate import tabulate

from benchmark import stats
from benchmark.compare import RunComparison
from benchmark.numbers import fmt, fmt_ci, fmt_p
from benchmark.redact import redact
from reports.leaderboard import arrow
from reports.mdtext import md_text


def summary_rows(cmp: RunComparison, alpha: float) -> list[dict]:
    """One display row per (suite, metric): what both the Markdown and the HTML show."""
    out = []
    for r in cmp.rows:
        p = r.paired
        out.append({
            "suite": r.suite, "metric": r.metric, "area": r.area, "arrow": arrow(r.higher_is_better),
            "base": fmt(r.base.value), "base_ci": fmt_ci(r.base.ci),
            "cand": fmt(r.cand.value), "cand_ci": fmt_ci(r.cand.ci),
            "delta": f"{p.delta:+.3g}" if p else "–", "delta_ci": fmt_ci(p.interval(alpha)) if p else "–",
            "p": fmt_p(r.p), "p_boot": fmt_p(p.p_bootstrap) if p else "–", "p_ar": fmt_p(p.p_randomization) if p else "–",
            "n": p.n if p else 0, "verdict": r.verdict(alpha) if p else r.note,
            "base_v": r.base.value, "cand_v": r.cand.value, "delta_v": p.delta if p else None, "p_v": r.p,
        })
    return out


def markdown(cmp: RunComparison, alpha: float = stats.ALPHA, top: int = 5) -> str:
    b, c = redact(cmp.base.label), redact(cmp.cand.label)
    out = [f"# rxbench comparison: {md_text(c)} vs {md_text(b)}", "",
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
