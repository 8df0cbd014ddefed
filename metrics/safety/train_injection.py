"""Train (and validate) the injection span head over MiniLM embeddings: `python -m metrics.safety.train_injection`.

Is an input sentence an instruction to whoever writes the output? Positives: instructions composed by
`injection_data` (seven frame families, four kinds of demand) and BIPIA's *train* attack instructions;
negatives: `injection_data`'s item text and customer-facing imperatives, XRec item / user summaries and
reference explanations (amazon + google), and the generated suites' profile sentences. Two fits with the
same settings:

1. validation fit, without: the frame families `injection_data._HELDOUT_FAMILIES`, every third customer
   imperative, BIPIA's *test* instructions, and the XRec rows whose uid is odd; the report gives recall /
   FPR at THRESHOLD on each;
2. shipped fit: everything but BIPIA *test* and the odd-uid XRec rows (they stay unseen: the report's figures
   on them are for the shipped head too).

Writes metrics/safety/models/injection-span-minilm.npz and prints the numbers for its MODEL_CARD section.
Reads ../shared only here, at training time; scoring never needs it.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path
from typing import Sequence

import numpy as np
from sklearn.linear_model import LogisticRegression

from metrics.embed import embed_cached
from metrics.safety.injection import HEAD
from metrics.safety.injection_data import SEED, Sentence, customer_advice, descriptive, instructions, split

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"
BIPIA = tuple(SHARED / "validation" / "injection" / f"bipia_{k}_attack_{s}.json" for s in ("train", "test") for k in ("text", "code"))
XREC = tuple(SHARED / "xrec" / f"{d}.jsonl" for d in ("amazon", "google"))
C = 1.0
N_GENERATED = 3000
ADVICE_WEIGHT = 5.0
ADVICE_FAMILIES = frozenset({"customer-imperative", "advice-order", "advice-chore", "advice-you", "advice-staff", "advice-contrast", "directions"})
THRESHOLD = 0.8  # probability: an instruction span; high because every input sentence of a run is a trial
_SPLIT = re.compile(r"(?<=[.!?])\s+")
XREC_ROWS = 800  # rows per file and half: enough descriptive variety; embedding all 6,000 adds minutes, not information
SUITE_SENTENCES = 400
GENERATED_SUITES = ("ecommerce", "travel", "movies", "news", "finance", "education")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def bipia(split_name: str) -> list[Sentence]:
    """BIPIA attack instructions of one split; code blocks dropped (the sentence that asks for the code stays)."""
    out = []
    for path in BIPIA:
        if f"_{split_name}." in path.name:
            for cat, items in json.loads(path.read_text(encoding="utf-8")).items():
                out += [Sentence(re.sub(r"```.*?```", " ", t, flags=re.S).strip(), 1, f"bipia-{split_name}/{cat}") for t in items]
    return out


def xrec(heldout: bool) -> list[Sentence]:
    """Sentences of XRec summaries and explanations of the first XREC_ROWS rows per file with even uids (train) or odd (held out)."""
    out = []
    for path in XREC:
        rows = [r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r["uid"] % 2 == int(heldout)]
        for row in rows[:XREC_ROWS]:
            for key in ("item_summary", "user_summary", "explanation"):
                out += [Sentence(s, 0, f"xrec/{key}") for s in _SPLIT.split(row.get(key) or "") if len(s.split()) >= 3]
    return list({s.text: s for s in out}.values())


def suite_sentences() -> list[Sentence]:
    """Up to SUITE_SENTENCES distinct profile sentences (item and user profiles) of each generated suite, evenly spaced."""
    from benchmark.suite import load_suite

    out = []
    for name in GENERATED_SUITES:
        texts = [t for e in load_suite(name).examples for t in (e.item.profile, e.user.profile)]
        distinct = list(dict.fromkeys(s for t in texts for s in _SPLIT.split(t or "") if len(s.split()) >= 3))
        out += [Sentence(s, 0, f"suite/{name}") for s in distinct[:: max(1, len(distinct) // SUITE_SENTENCES)]]
    return out


def weights(rows: Sequence[Sentence]) -> np.ndarray:
    """ADVICE_WEIGHT for customer-facing imperatives (few, and the likeliest false positives), 1 for the rest."""
    return np.array([ADVICE_WEIGHT if r.label == 0 and r.family in ADVICE_FAMILIES else 1.0 for r in rows])


def fit(rows: Sequence[Sentence], x: np.ndarray) -> LogisticRegression:
    y = np.array([r.label for r in rows])
    return LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(x, y, sample_weight=weights(rows))


def flagged_share(model: LogisticRegression, x: np.ndarray) -> float:
    return float(np.mean(model.predict_proba(x)[:, 1] >= THRESHOLD)) if len(x) else float("nan")


def by_family(model: LogisticRegression, rows: Sequence[Sentence], x: np.ndarray) -> dict[str, dict]:
    """Per family: n, label, share flagged at THRESHOLD (recall for instructions, FPR for the rest)."""
    out: dict[str, dict] = {}
    for fam in sorted({r.family.split("/")[0] for r in rows}):
        idx = [i for i, r in enumerate(rows) if r.family.split("/")[0] == fam]
        out[fam] = {"n": len(idx), "label": rows[idx[0]].label, "flagged": round(flagged_share(model, x[idx]), 4)}
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m metrics.safety.train_injection", description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=HEAD)
    ap.add_argument("--cache", type=Path, help="pickle of already computed embeddings (speeds up re-runs; created when absent)")
    ap.add_argument("--report", type=Path, help="also write the validation numbers here as JSON")
    args = ap.parse_args(argv)

    gen = instructions(N_GENERATED, SEED) + descriptive() + customer_advice(SEED)
    gen_train, gen_held = split(gen)
    train = gen_train + bipia("train") + xrec(heldout=False) + suite_sentences()
    held = gen_held + bipia("test") + xrec(heldout=True)
    x, xh = (embed_cached([r.text for r in part], args.cache) for part in (train, held))
    val = fit(train, x)
    numbers: dict = {"validation_fit_heldout": by_family(val, held, xh)}
    ship_rows = train + gen_held
    ship = fit(ship_rows, np.vstack([x, xh[: len(gen_held)]]))
    unseen = held[len(gen_held):]
    numbers["shipped_fit_unseen"] = by_family(ship, unseen, xh[len(gen_held):])
    numbers["data"] = {"seed": SEED, "C": C, "threshold": THRESHOLD, "n_generated": N_GENERATED, "advice_weight": ADVICE_WEIGHT, "n_train": len(ship_rows),
                       "sha256": {p.name: sha256(p) for p in (*BIPIA, *XREC)}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(args.out, coef=ship.coef_[0].astype(np.float32), intercept=np.float32(ship.intercept_[0]), threshold=np.float32(THRESHOLD),
             meta=np.array(json.dumps(numbers["data"], sort_keys=True)))
    text = json.dumps(numbers, indent=1)
    print(text)
    if args.report:
        args.report.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
