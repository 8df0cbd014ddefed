"""rxbench's faithfulness challenge set (validation.challenge): faithful texts and minimal unfaithful edits.

Two sets, because the metrics that apply differ: `challenge/structured` (generated
domains, reference vs value/title/number edits) and `challenge/xrec` (XRec files,
extractive faithful text vs title/entity/number/claim edits). Slice = the edit
("none" = the faithful text).
"""
from __future__ import annotations

from pathlib import Path

from benchmark.suite import load_suite
from validation.challenge import Case, structured_cases, xrec_cases
from validation.sets import SETS, LabelledSet, MissingData, Sample, sha256_file

TARGETS = ("faith.*", "semsim_input")
XREC_FILES = ("amazon.jsonl", "google.jsonl")


def _samples(cases: list[Case]) -> tuple[Sample, ...]:
    return tuple(Sample(c.example, c.text, c.label, c.edit, c.suite) for c in cases)


@SETS.register("challenge/structured", help="faithful references vs invented / contradicting / title / number edits (generated domains)")
def structured(data: Path, seed: int) -> LabelledSet:
    cases = structured_cases()
    hashes = {f"suite:{s}": load_suite(s).content_hash() for s in dict.fromkeys(c.suite for c in cases)}
    return LabelledSet("challenge/structured", _samples(cases), TARGETS, hashes, "edits labelled by the generator's ground truth")


@SETS.register("challenge/xrec", help="extractive faithful texts vs title / entity / number / claim edits (XRec files)")
def xrec(data: Path, seed: int) -> LabelledSet:
    paths = [data / "xrec" / f for f in XREC_FILES if (data / "xrec" / f).is_file()]
    if not paths:
        raise MissingData(f"{data / 'xrec'}: no {' or '.join(XREC_FILES)} (pass --data DIR)")
    return LabelledSet("challenge/xrec", _samples(xrec_cases(paths)), TARGETS, {str(p.name): sha256_file(p) for p in paths},
                       "faithful texts are extractive, so support metrics see more input words than in free prose")
