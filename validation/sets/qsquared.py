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


@SETS.register("qsquared", help="Q²: human-labelled grounded dialogue responses (label 1 = not supported by the knowledge)")
def load(data: Path, seed: int) -> LabelledSet:
    path = require(data / FILE)
    samples = []
    for where, rec in read_jsonl(path):
        ex = neutral_example(str(rec["id"]), "dialogue", item_profile=rec["knowledge"], user_profile=rec["message"])
        samples.append(Sample(ex, rec["response"], bad_label(rec), rec["source"]))
    return LabelledSet("qsquared", tuple(samples), ("faith.*", "semsim_input"), {path.name: sha256_file(path)},
                       "public human labels (Wizard of Wikipedia responses); nothing in rxbench was built on it")
