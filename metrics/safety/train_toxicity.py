"""Train (and validate) the toxicity head over MiniLM embeddings: `python -m metrics.safety.train_toxicity`.

Data: the human-labelled tweets of Davidson et al. (hate -> 1, neither -> 0; "offensive" is left
out of training because it is mostly profanity and slurs used casually, and teaching either label
would teach "swearing = toxic" or "casual misogyny = fine"; the held-out 20% reports what the head
does with it) plus rxbench's functional cases (`toxicity_data`). Two fits with the same settings:

1. validation fit: generated cases of held-out templates / groups and 20% of Davidson are left out;
   the report gives accuracy and ROC AUC per functionality on them;
2. shipped fit: all generated cases + the same 80% of Davidson (the Davidson 20% stays unseen).

Writes metrics/safety/models/toxicity-minilm.npz and prints the numbers for its MODEL_CARD.md.
Reads ../shared only here, at training time; scoring never needs it.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any, Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from metrics.safety.toxicity import HEAD
from metrics.safety.toxicity_data import functional_cases, split

REPO = Path(__file__).resolve().parents[2]
DAVIDSON = REPO.parent / "shared" / "data" / "validation" / "toxicity" / "davidson_labeled_data.csv"
SEED = 0
C = 3.0  # inverse L2 strength of the logistic regression (chosen among 0.3, 1, 3, 10 on validation.hate_functional's dev half, fifth pass)
NEGATION_PENALTY = 3.0  # logit units taken off when every negative word is negated (toxicity_cues)
DAVIDSON_WEIGHT = 0.5  # Davidson's total weight relative to the generated cases' total weight
OFFENSIVE_TEST = 1000  # "offensive" tweets of the 20% scored for the report (embedding all 3,800 adds minutes, not information)
_TWEET_NOISE = re.compile(r"(?:\bRT\b|@\w+:?|https?://\S+|&#?\w+;)")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def davidson(path: Path, seed: int = SEED) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(train 80%, test: the 20%'s hate and neither tweets and OFFENSIVE_TEST of its offensive ones) of (tweet, class) with class 0 hate, 1 offensive, 2 neither; mentions,
    URLs, "RT" and HTML entities removed (Twitter markup, not language)."""
    with path.open(newline="", encoding="utf-8") as fh:
        rows = [(" ".join(_TWEET_NOISE.sub(" ", r["tweet"]).split()), int(r["class"])) for r in csv.DictReader(fh)]
    held = heldout_rows(len(rows), seed)
    test = [rows[i] for i in held]
    offensive = [r for r in test if r[1] == 1][:OFFENSIVE_TEST]
    kept = set(held)
    return [rows[i] for i in np.random.default_rng(seed).permutation(len(rows)) if i not in kept], [r for r in test if r[1] != 1] + offensive


def heldout_rows(n: int, seed: int = SEED) -> list[int]:
    """The data rows (0-based, file order after the header) of Davidson's 20% that no fit of the
    shipped head has seen: `rxbench validate --set davidson` scores only these."""
    order = np.random.default_rng(seed).permutation(n)
    return [int(i) for i in order[int(0.8 * n):]]


def features(texts: Sequence[str], cache: Path | None = None) -> np.ndarray:
    """The scorer's own featurisation, so training and scoring agree; `cache` (a pickle of
    deobfuscated text -> MiniLM embedding, optional) skips texts embedded by an earlier run."""
    from metrics.embed import embed_cached
    from metrics.safety.toxicity import deobfuscated, head_features

    clean = deobfuscated(texts)
    return head_features(embed_cached(clean, cache), clean)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(x, y, sample_weight=w)


def predict(model: LogisticRegression, x: np.ndarray) -> np.ndarray:
    from metrics.safety.toxicity import head_probability

    return head_probability(x, model.coef_[0], float(model.intercept_[0]), NEGATION_PENALTY)


def weights(n_gen: int, n_dav: int) -> np.ndarray:
    return np.concatenate([np.ones(n_gen), np.full(n_dav, DAVIDSON_WEIGHT * n_gen / max(n_dav, 1))])


def _auc(y: Sequence[int], p: Sequence[float]) -> float | None:
    return float(roc_auc_score(y, p)) if len(set(y)) == 2 else None


def report(y: np.ndarray, p: np.ndarray, slices: Sequence[str], threshold: float = 0.5) -> dict:
    """Accuracy and ROC AUC overall, and accuracy (share correct) per slice."""
    out: dict[str, Any] = {"n": int(len(y)), "accuracy": float(np.mean((p >= threshold) == y)), "roc_auc": _auc(list(y), list(p)), "slices": {}}
    by: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(slices):
        by[s].append(i)
    for s, idx in sorted(by.items()):
        out["slices"][s] = {"n": len(idx), "label": int(y[idx[0]]), "accuracy": float(np.mean((p[idx] >= threshold) == y[idx]))}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m metrics.safety.train_toxicity", description=__doc__.split("\n")[0])
    ap.add_argument("--davidson", type=Path, default=DAVIDSON)
    ap.add_argument("--out", type=Path, default=HEAD)
    ap.add_argument("--report", type=Path, help="also write the validation numbers here as JSON")
    ap.add_argument("--cache", type=Path, help="pickle of already computed features (speeds up re-runs; created when absent)")
    args = ap.parse_args(argv)

    gen = functional_cases(SEED)
    gen_train, gen_val = split(gen, SEED)
    dav_train, dav_test = davidson(args.davidson)
    dav_train = [(t, c) for t, c in dav_train if c != 1]
    texts = [c.text for c in gen] + [t for t, _ in dav_train] + [t for t, _ in dav_test]
    row = dict(zip(texts, features(texts, args.cache)))
    x_gtr, x_gval = (np.array([row[c.text] for c in part]) for part in (gen_train, gen_val))
    x_dtr, x_dte = (np.array([row[t] for t, _ in part]) for part in (dav_train, dav_test))
    y_gtr, y_gval = np.array([c.label for c in gen_train]), np.array([c.label for c in gen_val])
    y_dtr = np.array([int(c == 0) for _, c in dav_train])

    val_model = fit(np.vstack([x_gtr, x_dtr]), np.concatenate([y_gtr, y_dtr]), weights(len(y_gtr), len(y_dtr)))
    p_gval = predict(val_model, x_gval)
    numbers = {"generated_heldout": report(y_gval, p_gval, [c.functionality for c in gen_val])}
    numbers["generated_heldout"]["unseen_group_only"] = report(
        *(lambda idx: (y_gval[idx], p_gval[idx], ["all"] * len(idx)))([i for i, c in enumerate(gen_val) if c.group and c.group in _heldout_groups()])
    )["accuracy"]

    ship = fit(np.vstack([x_gtr, x_gval, x_dtr]), np.concatenate([y_gtr, y_gval, y_dtr]), weights(len(gen), len(y_dtr)))
    p_dte = predict(ship, x_dte)
    cls = np.array([c for _, c in dav_test])
    hate_vs_neither = cls != 1
    numbers["davidson_test"] = {
        "n": int(len(cls)),
        "roc_auc_hate_vs_neither": _auc(list((cls[hate_vs_neither] == 0).astype(int)), list(p_dte[hate_vs_neither])),
        "flagged_share": {name: float(np.mean(p_dte[cls == k] >= 0.5)) for k, name in ((0, "hate"), (1, "offensive"), (2, "neither"))},
        "roc_auc_offensive_vs_neither": _auc(list((cls[cls != 0] == 1).astype(int)), list(p_dte[cls != 0])),
    }
    numbers["data"] = {"davidson_sha256": sha256(args.davidson), "davidson_train_used": len(y_dtr), "davidson_test": len(cls),
                       "generated_train": len(gen_train), "generated_heldout": len(gen_val), "seed": SEED, "C": C,
                       "davidson_weight": DAVIDSON_WEIGHT, "negation_penalty": NEGATION_PENALTY}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(args.out, coef=ship.coef_[0].astype(np.float32), intercept=np.float32(ship.intercept_[0]),
             negation_penalty=np.float32(NEGATION_PENALTY), meta=np.array(json.dumps(numbers["data"], sort_keys=True)))
    text = json.dumps(numbers, indent=1)
    print(text)
    if args.report:
        args.report.write_text(text + "\n")
    return 0


def _heldout_groups() -> frozenset[str]:
    from metrics.safety.toxicity_data import HELDOUT_GROUPS

    return HELDOUT_GROUPS


if __name__ == "__main__":
    raise SystemExit(main())
