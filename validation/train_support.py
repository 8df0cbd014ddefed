"""Train (and validate) the faith.support_score head: `python -m validation.train_support`.

Training data, labelled by construction or by people, never a held-out part:
- twins (validation.claim_twins) from the XRec *train* split and the generated
  suites' *train* split: faithful texts and their synonym paraphrases against
  negation, antonym, value, entity, other-item and invented-amenity edits;
- Q² (human labels) of the *development* half of its topics (hash split,
  validation.sets.qsquared.heldout_topics).
The two sources weigh the same in total (Q2_WEIGHT). Held out, and reported:
the twins of the XRec / suites *test* split and Q²'s other half of topics.

Writes metrics/models/support-lr.npz and prints the numbers of
metrics/models/SUPPORT_MODEL_CARD.md. Reads ../shared only here.
"""
from __future__ import annotations

import argparse
import json
import pickle
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from tabulate import tabulate

from metrics.similarity import default_backend
from metrics.support import ARTIFACT, Head, faithful_probability, judged
from metrics.support_features import NAMES
from validation.claim_eval import KINDS
from validation.claim_twins import SHARED, Twin, q2_cases, structured_twins, xrec_twins
from validation.measures import auc_ci
from validation.sets import sha256_file

C = 0.1  # inverse L2 strength
Q2_WEIGHT = 1.0  # Q²'s total sample weight relative to the twins'
PER_FILE = 150  # XRec faithful records per file and part (the suites get a third)
SUITES = ("travel", "ecommerce", "movies", "news", "finance", "education")
Q2 = SHARED / "validation" / "faithfulness" / "qsquared.jsonl"
XREC = tuple(SHARED / "xrec" / f"{f}.jsonl" for f in ("amazon", "google"))


def cases(part: str) -> dict[str, list[Twin]]:
    """The twins and Q² responses of one part: "dev" (training) or "heldout"."""
    split = "train" if part == "dev" else "test"
    twins = [t for p in XREC for t in xrec_twins(p, split, PER_FILE)] + structured_twins(SUITES, split, PER_FILE // 3)
    return {"twins": twins, "q2": q2_cases(Q2, part)}


def featurise(twins: Sequence[Twin], backend: str) -> np.ndarray:
    """Feature rows as faith.support_score computes them (metrics.support.judged; cosines with `backend`)."""
    return judged([t.example for t in twins], [t.text for t in twins], backend)[2]


def fit(xs: Sequence[np.ndarray], ys: Sequence[np.ndarray], weights: Sequence[float]) -> Head:
    """Standardise, then an L2 logistic regression predicting the unfaithful class; each source's total weight as given."""
    x, y = np.vstack(xs), np.concatenate(ys)
    w = np.concatenate([np.full(len(v), wt / len(v)) for v, wt in zip(ys, weights)])
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    lr = LogisticRegression(C=C, max_iter=5000).fit((x - mean) / scale, y, sample_weight=w * len(w) / w.sum())
    return Head(mean, scale, lr.coef_[0], float(lr.intercept_[0]), {})


def auc_row(name: str, y: np.ndarray, p: np.ndarray, rng: np.random.Generator) -> list[str]:
    """ROC AUC of P(faithful) at separating faithful (0) from unfaithful (1), with a 95% bootstrap CI."""
    lo, hi = auc_ci(y, -p, rng, 1000)
    return [name, f"{roc_auc_score(1 - y, p):.3f} [{lo:.2f}, {hi:.2f}]", f"{int(y.sum())}/{int((1 - y).sum())}"]


def report(h: Head, data: dict[str, dict[str, tuple[np.ndarray, list[Twin]]]]) -> list[list[str]]:
    """Per part: twins per error kind and overall, Q² overall and per group."""
    rows, rng = [], np.random.default_rng(0)
    for part, sets in data.items():
        x, twins = sets["twins"]
        p, y, kinds = faithful_probability(x, h), np.array([t.label for t in twins]), np.array([t.kind for t in twins])
        for k in KINDS:
            sel = (y == 0) | (kinds == k)
            rows.append(auc_row(f"{part} twins {k}", y[sel], p[sel], rng))
        rows.append(auc_row(f"{part} twins all", y, p, rng))
        x, q2 = sets["q2"]
        p, y, groups = faithful_probability(x, h), np.array([t.label for t in q2]), np.array([t.group for t in q2])
        rows.append(auc_row(f"{part} Q² all", y, p, rng))
        for g in ("q2", "q2-cross"):
            rows.append(auc_row(f"{part} Q² {g}", y[groups == g], p[groups == g], rng))
    return rows


def save(h: Head, path: Path, backend: str, n: dict[str, int]) -> None:
    meta = {"features": list(NAMES), "C": C, "q2_weight": Q2_WEIGHT, "per_file": PER_FILE, "backend": backend, "train_rows": n,
            "data": {p.name: sha256_file(p) for p in (Q2, *XREC)}, "command": "python -m validation.train_support"}
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, mean=h.mean.astype(np.float32), scale=h.scale.astype(np.float32), coef=h.coef.astype(np.float32),
             intercept=np.float32(h.intercept), meta=json.dumps(meta))


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m validation.train_support", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ARTIFACT)
    ap.add_argument("--cache", type=Path, help="pickle of the feature rows (reused when present: retrying a setting takes seconds)")
    args = ap.parse_args(argv)
    backend = default_backend()
    if args.cache and args.cache.is_file():
        data = pickle.loads(args.cache.read_bytes())
    else:
        data = {part: {k: (featurise(v, backend), v) for k, v in cases(part).items()} for part in ("dev", "heldout")}
        if args.cache:
            args.cache.write_bytes(pickle.dumps(data))
    dev = data["dev"]
    ys = [np.array([t.label for t in dev[k][1]]) for k in ("twins", "q2")]
    h = fit([dev["twins"][0], dev["q2"][0]], ys, [1.0, Q2_WEIGHT])
    save(h, args.out, backend, {k: len(dev[k][1]) for k in dev})
    print(f"wrote {args.out}")
    print(tabulate(report(h, data), headers=["part / set", "ROC AUC [95% CI]", "bad/good"], tablefmt="github", disable_numparse=True))
    print("coefficients (standardised features, + = unfaithful):", {n: round(float(c), 2) for n, c in zip(NAMES, h.coef)})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
