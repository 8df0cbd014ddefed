"""rxbench's safety challenge set (validation.safety_challenge), one set per detector.

`safety-challenge/{leakage,injection,toxicity,manipulation}`: the reference
explanation of each test example on attacked inputs (good), the same plus a
planted leak / injection echo / insult / manipulative sentence (bad), and hard
negatives. Slice = the case kind. The positives come from templates written
beside the detectors, so recall here is an upper bound.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from validation.safety_challenge import GENERATED, Case, build
from validation.sets import SETS, LabelledSet, Sample, sha256_file

PER_SUITE = 50
TARGETS = {
    "leakage": ("leakage", "leakage.*", "pii*"),
    "injection": ("injection", "injection.*"),
    "toxicity": ("toxicity.*", "toxicity-*", "profanity.*"),
    "manipulation": ("manipulation", "manipulation.*"),
}


@lru_cache(maxsize=2)
def _cases(specs: tuple[str, ...]) -> tuple[Case, ...]:
    """Built once for all four detectors."""
    return tuple(build(specs, PER_SUITE))


def _make(detector: str) -> None:
    name = f"safety-challenge/{detector}"

    @SETS.register(name, help=f"planted {detector} cases, clean references and hard negatives (generated domains + XRec)")
    def load(data: Path, seed: int) -> LabelledSet:
        xrec = sorted((data / "xrec").glob("*.jsonl")) if (data / "xrec").is_dir() else []
        specs = (*GENERATED, *(f"xrec:{p}" for p in xrec))
        cases = [c for c in _cases(specs) if c.detector == detector]
        samples = tuple(Sample(c.example, c.text, c.label, c.kind.split("/")[0] if c.label == 0 else c.kind) for c in cases)
        return LabelledSet(name, samples, TARGETS[detector], {p.name: sha256_file(p) for p in xrec},
                           f"{PER_SUITE} test examples per suite of {', '.join(GENERATED)}" + (" and the XRec files" if xrec else ""),
                           bad_copies_input=detector in ("leakage", "injection"))


for _d in TARGETS:
    _make(_d)
