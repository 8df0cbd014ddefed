"""Hand-written faithfulness twins in five domains (validation/data/faith_twins_handmade.jsonl).

Why: rxbench's other faithfulness sets are built by code (challenge, claim_twins) or
are dialogue (Q²); a judge developed on them may only know their wording. Every text
here was written by hand, once, before faith.claim_score's antonym and value handling
was last changed, and was not looked at case by case while developing it: it is a
held-out check of the same kinds of error in other words (e-commerce, travel, news,
finance, education; five Chinese profiles).

Per item profile: a faithful paraphrase with synonyms (slice "paraphrase"), a second
faithful text, often a harmless negation ("it's not noisy" for "runs quietly"; slice
"harmless-negation"), and two unfaithful twins, each of one kind: "negation" (a stated
quality denied with the same words), "antonym" (an opposite word: "poky" for
"spacious"), "value" (a changed number or amount), "entity" (a wrong name or place),
"invented" (an amenity or feature the profile does not have). Label 1 = unfaithful.

Halves "faith-handmade/dev" and "faith-handmade/heldout" split the profiles by
`half_of` of the profile id ("h00"), so the four twins of a profile stay together:
failures in the dev half may guide the judge's fixes, the held-out half is only
measured.
"""
from __future__ import annotations

import json
from pathlib import Path

from validation.sets import SETS, LabelledSet, Sample, half_of, neutral_example, register_halves, sha256_file

FILE = Path(__file__).resolve().parents[1] / "data" / "faith_twins_handmade.jsonl"
FAITHFUL = ("paraphrase", "harmless-negation")
UNFAITHFUL = ("negation", "antonym", "value", "entity", "invented")


def samples(path: Path = FILE) -> tuple[Sample, ...]:
    """One sample per written text; the slice is its kind."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        ex = neutral_example(r["id"], r["domain"], item_profile=r["item_profile"], user_profile=r["user_profile"], title=r["title"])
        out.append(Sample(ex, r["text"], int(r["label"]), r["kind"]))
    return tuple(out)


@SETS.register("faith-handmade", help="hand-written faithful / unfaithful twins (negation, antonym, value, entity, invented) in five domains")
def load(data: Path, seed: int) -> LabelledSet:
    return LabelledSet("faith-handmade", samples(), ("faith.*", "semsim_input"), {FILE.name: sha256_file(FILE)},
                       "written by hand for this set; never tuned on")


def profile_of(sample: Sample) -> str:
    """The profile id a twin belongs to ("h00-2" -> "h00")."""
    return sample.example.id.split("-")[0]


def _half(half: str) -> LabelledSet:
    """The twins of the profiles whose id falls in `half` (`half_of`)."""
    kept = tuple(s for s in samples() if half_of(profile_of(s)) == half)
    return LabelledSet(f"faith-handmade/{half}", kept, ("faith.*", "semsim_input"), {FILE.name: sha256_file(FILE)},
                       f"written by hand for this set, {half} half by profile")


register_halves("faith-handmade", "hand-written faithfulness twins", _half)
