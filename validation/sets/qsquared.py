"""Q² (Honovich et al. 2021): human-labelled knowledge-grounded dialogue responses.

The knowledge sentence plays the item profile, the user's turn the user profile,
the response the explanation; label 1 = the annotators found it not supported
by the knowledge. Slice = the annotation file / system the response came from.

The field `consistent` of the cross-annotation rows (source "cross_annotation/...")
holds Q²'s own `dodeca_label` / `memnet_label` as given, where 1 marks the
INconsistent response (Q²'s system_level.py: "Select the system that had an
inconsistency (labeled as 1)"); every one of the 601 cross rows that repeats a
response of the four labelled files carries the opposite value there. So for
those rows the field is the bad label itself.
"""
from __future__ import annotations

from pathlib import Path

from benchmark.schema import read_jsonl
from suites.splits import hash_split
from validation.sets import (
    SETS,
    LabelledSet,
    Sample,
    neutral_example,
    require,
    sha256_file,
)

FILE = Path("validation/faithfulness/qsquared.jsonl")


def bad_label(rec: dict) -> int:
    """1 = the response is not supported by the knowledge (see the module doc for the cross rows)."""
    raw = int(rec["consistent"])
    return raw if str(rec["source"]).startswith("cross_annotation") else 1 - raw


def heldout_topics(topics: list[str]) -> set[str]:
    """The half of the topics kept out of building faith.claim_score (hash of the topic, so a
    knowledge sentence and all responses to it fall on one side; validation.claim_twins uses the same)."""
    split = hash_split(topics, "q2-claims", (0.5, 0.0))
    return {t for t, part in split.items() if part != "train"}


def _samples(path: Path, half: str | None) -> tuple[Sample, ...]:
    """The responses of one half of the topics ("dev" / "heldout"), or of all (None)."""
    recs = [rec for _, rec in read_jsonl(path)]
    held = heldout_topics([str(r["topic"]) for r in recs])
    samples = []
    for rec in recs:
        if half is None or (str(rec["topic"]) in held) == (half == "heldout"):
            ex = neutral_example(str(rec["id"]), "dialogue", item_profile=rec["knowledge"], user_profile=rec["message"])
            samples.append(Sample(ex, rec["response"], bad_label(rec), rec["source"]))
    return tuple(samples)


@SETS.register("qsquared", help="Q²: human-labelled grounded dialogue responses (label 1 = not supported by the knowledge)")
def load(data: Path, seed: int) -> LabelledSet:
    path = require(data / FILE)
    return LabelledSet("qsquared", _samples(path, None), ("faith.*", "semsim_input"), {path.name: sha256_file(path)},
                       "public human labels (Wizard of Wikipedia responses); half its topics were looked at while building faith.claim_score")


@SETS.register("qsquared/heldout", help="Q², only the topics never looked at while building faith.claim_score")
def load_heldout(data: Path, seed: int) -> LabelledSet:
    path = require(data / FILE)
    return LabelledSet("qsquared/heldout", _samples(path, "heldout"), ("faith.*", "semsim_input"), {path.name: sha256_file(path)},
                       "public human labels; the held-out half of the topics (hash split, validation.sets.qsquared.heldout_topics)")


@SETS.register("qsquared/dev", help="Q², only the development half of the topics (the half the learned judges train on)")
def load_dev(data: Path, seed: int) -> LabelledSet:
    path = require(data / FILE)
    return LabelledSet("qsquared/dev", _samples(path, "dev"), ("faith.*", "semsim_input"), {path.name: sha256_file(path)},
                       "public human labels; the development half of the topics (faith.support_score trains on it)")
