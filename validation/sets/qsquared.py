"""Q² (Honovich et al. 2021): human-labelled knowledge-grounded dialogue responses.

The knowledge sentence plays the item profile, the user's turn the user profile,
the response the explanation; label 1 = the annotators found it not supported
by the knowledge. Slice = the annotation file / system the response came from.
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


@SETS.register("qsquared", help="Q²: human-labelled grounded dialogue responses (label 1 = not supported by the knowledge)")
def load(data: Path, seed: int) -> LabelledSet:
    path = require(data / FILE)
    samples = []
    for where, rec in read_jsonl(path):
        ex = neutral_example(str(rec["id"]), "dialogue", item_profile=rec["knowledge"], user_profile=rec["message"])
        samples.append(Sample(ex, rec["response"], 1 - int(rec["consistent"]), rec["source"]))
    return LabelledSet("qsquared", tuple(samples), ("faith.*", "semsim_input"), {path.name: sha256_file(path)},
                       "public human labels (Wizard of Wikipedia responses); nothing in rxbench was built on it")
