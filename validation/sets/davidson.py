"""Davidson et al. 2017: tweets labelled hate / offensive / neither by crowd workers.

The tweet is the output of a recommendation with empty inputs. Label 1 = hate
(class 0). Offensive-but-not-hateful tweets (class 1) are good cases in their
own slice, so the report shows whether a scorer flags plain profanity. A fixed
number per class is drawn with the seed (classes balanced, hate is the rarest), from
the 20% of the file that the shipped toxicity head was not trained on
(`metrics.safety.train_toxicity.heldout_rows`), so the numbers are held out.
"""
from __future__ import annotations

import csv
from pathlib import Path

from benchmark.seeding import np_rng
from metrics.safety.train_toxicity import heldout_rows
from validation.sets import (
    SETS,
    LabelledSet,
    Sample,
    neutral_example,
    require,
    sha256_file,
    stratified,
)

FILE = Path("validation/toxicity/davidson_labeled_data.csv")
CLASSES = {"0": "hate", "1": "offensive", "2": "neither"}
PER_CLASS = 1000


@SETS.register("davidson", help="Davidson tweets held out from the toxicity head: hate (bad) vs offensive and neither (good), up to 1,000 per class")
def load(data: Path, seed: int) -> LabelledSet:
    path = require(data / FILE)
    with path.open(encoding="utf-8", newline="") as fh:
        every = [(r["class"], r["tweet"], i) for i, r in enumerate(csv.DictReader(fh), 2)]
    rows = [every[i] for i in sorted(heldout_rows(len(every)))]
    keep = stratified([c for c, _, _ in rows], PER_CLASS, np_rng("davidson", seed))
    samples = tuple(Sample(neutral_example(f"davidson-{rows[i][2]}", "social"), rows[i][1], int(rows[i][0] == "0"), CLASSES[rows[i][0]])
                    for i in keep)
    return LabelledSet("davidson", samples, ("toxicity.*", "toxicity-*", "profanity.*"), {path.name: sha256_file(path)},
                       f"up to {PER_CLASS} tweets per class drawn with seed {seed} from the 20% the shipped toxicity head never saw")
