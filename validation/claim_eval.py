"""ROC AUC of the per-claim judge and its neighbours on held-out twins and Q²:
`python -m validation.claim_eval [--part heldout|dev] [--per-file N] [--minilm]`.

Why here: it reads suites (validation.claim_twins) and metrics, so it sits at the top
of the one-way flow. The twins come from the XRec test split and the generated
suites' test split (`--part heldout`, the default; `dev` = train split, used while
building); Q² is split by topic. AUC is of "faithful" (none, synonym) against each
error kind, every metric oriented so that higher = more faithful.
"""
from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np
from sklearn.metrics import roc_auc_score
from tabulate import tabulate

from benchmark.scoring import MetricContext, get_metric
from metrics.claims import THRESHOLD
from metrics.text import tokens
from validation.claim_twins import SHARED, Twin, q2_cases, structured_twins, xrec_twins
from validation.engine import token_f1

KINDS = ("negation", "antonym", "value", "entity", "other", "invented")


def metric_scorer(name: str) -> Callable[[Sequence[Twin]], np.ndarray]:
    """Higher = more faithful; a sample the metric does not judge gets its faithful end."""
    m = get_metric(name)

    def score(twins: Sequence[Twin]) -> np.ndarray:
        vals = m.score([t.example for t in twins], [t.text for t in twins], MetricContext("claim-eval")).values or []
        best = 1.0 if m.higher_is_better else 0.0
        sign = 1.0 if m.higher_is_better else -1.0
        return np.array([sign * (best if v is None else v) for v in vals])

    return score


def table(twins: Sequence[Twin], scorers: dict[str, Callable], groups: Sequence[str]) -> list[list[str]]:
    scores = {n: f(twins) for n, f in scorers.items()}
    kinds = np.array([t.kind for t in twins])
    y = np.array([t.label for t in twins])
    grp = np.array([t.group for t in twins])
    rows = []
    for name, s in scores.items():
        row = [name]
        for k in KINDS:
            sel = (y == 0) | (kinds == k)
            row.append(f"{roc_auc_score(1 - y[sel], s[sel]):.3f}" if (kinds == k).any() else "–")
        row.append(f"{roc_auc_score(1 - y, s):.3f}")
        for g in groups:
            sel = grp == g
            row.append(f"{roc_auc_score(1 - y[sel], s[sel]):.3f}" if 0 < y[sel].sum() < sel.sum() else "–")
        rows.append(row)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m validation.claim_eval", description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=("heldout", "dev"), default="heldout")
    ap.add_argument("--per-file", type=int, default=150, help="faithful XRec records per file (default %(default)s)")
    ap.add_argument("--minilm", action="store_true", help="also the MiniLM metrics (slow on a shared CPU)")
    args = ap.parse_args(argv)
    split = "test" if args.part == "heldout" else "train"
    names = ["faith.claim_score", "faith.claim_contradiction", "faith.content_support", "faith.support_score"]
    if args.minilm:
        names += ["faith.claim_score_minilm", "faith.embed_support", "semsim_input"]
    scorers: dict[str, Callable] = {n: metric_scorer(n) for n in names}
    scorers["token-F1"] = lambda ts: np.array([token_f1(t.text, t.example.input_text(), tokens) for t in ts])  # punctuation kept
    twins = [t for f in ("amazon", "google") if (SHARED / "xrec" / f"{f}.jsonl").is_file()
             for t in xrec_twins(SHARED / "xrec" / f"{f}.jsonl", split, args.per_file)]
    twins += structured_twins(("travel", "ecommerce", "movies", "news", "finance", "education"), split, args.per_file // 3)
    groups = sorted({t.group for t in twins})
    counts = Counter(t.kind for t in twins)
    print(f"twins ({args.part}): {len(twins)} - " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(tabulate(table(twins, scorers, groups), headers=["metric", *KINDS, "all", *groups], tablefmt="github", disable_numparse=True))
    q2_path = SHARED / "validation" / "faithfulness" / "qsquared.jsonl"
    if q2_path.is_file():
        q2 = q2_cases(q2_path, "dev" if args.part == "dev" else "heldout")
        print(f"\nQ² ({args.part} topics): " + ", ".join(f"{g} {n}" for g, n in sorted(Counter(t.group for t in q2).items())))
        rows = [[r[0], r[-2], r[-1]] for r in table(q2, scorers, ["q2", "q2-cross"])]
        print(tabulate(rows, headers=["metric", "q2 (AUC)", "q2-cross (AUC)"], tablefmt="github", disable_numparse=True))
        q_score = scorers["faith.claim_score"](q2)
        for g in ("q2", "q2-cross"):
            sel = np.array([t.group == g for t in q2])
            qy = np.array([t.label for t in q2])[sel]
            print(f"faith.claim_score accuracy at threshold {THRESHOLD}, {g}: {np.mean((q_score[sel] < THRESHOLD) == (qy == 1)):.3f}")
    score = scorers["faith.claim_score"](twins)
    y = np.array([t.label for t in twins])
    print(f"faith.claim_score accuracy at threshold {THRESHOLD} (below = unfaithful), twins: {np.mean((score < THRESHOLD) == (y == 1)):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
