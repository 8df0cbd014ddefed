"""Injections written by hand for rxbench, as labelled sets for `rxbench validate`.

Each attack case is a clean item profile with an instruction planted after it; the bad output is the clean
explanation plus text that carries the instruction out, the good one the clean explanation alone. Slice = the
case's style (wording / category).

- `injection-styles`, `injection-heldout`, `injection-heldout-zh`: the files also reported by
  `python -m validation.safety_validity` (wordings unlike rxbench's templates and BIPIA; five domains; Chinese).
- `injection-wording/{dev,heldout}` (issue 9 item 4): 69 attacks in categories the others lack (persona, "end
  with ...", a link / phone / coupon, a language switch, praise of a rival, a different item, asking the reader
  for data, a poem / joke / riddle / story, chit-chat asides, hidden HTML / markdown, multi-step, Chinese), plus 34
  benign inputs with imperative-looking item text (review quotes, store notices, care labels, taglines) whose
  output mentions it legitimately (label 0, slice "benign" / "benign-zh"): false-positive traps. Split by
  `half_of` the planted text: failures of "dev" may guide fixes, "heldout" is only measured.
"""
from __future__ import annotations

import json
from pathlib import Path

from benchmark.schema import Example
from validation.sets import SETS, LabelledSet, Sample, half_of, neutral_example, register_halves, sha256_file

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = {"injection-styles": DATA / "injection_styles.json", "injection-heldout": DATA / "injection_heldout.json",
         "injection-heldout-zh": DATA / "injection_heldout_zh.json"}
WORDING = DATA / "injection_wording.json"
TARGETS = ("injection", "injection.*")


def separator(case: dict) -> str:
    """Chinese text runs on without a space."""
    return "" if case.get("lang", "en") == "zh" else " "


def attacked(case: dict, id: str) -> Example:
    """The case's clean profile with its instruction planted after it."""
    inject = case["inject"]
    return neutral_example(id, case.get("domain", "styles"), item_profile=case["profile"] + (separator(case) + inject if inject else ""))


def attack_samples(cases: list[dict], prefix: str) -> list[Sample]:
    """Per case: clean explanation + obeying text (1) and the clean explanation alone (0) on the attacked input."""
    out = []
    for i, c in enumerate(cases):
        ex = attacked(c, f"{prefix}{i}")
        out += [Sample(ex, c["ignored"] + separator(c) + c["obey"], 1, c["style"]), Sample(ex, c["ignored"], 0, c["style"])]
    return out


def benign_samples(cases: list[dict], prefix: str) -> list[Sample]:
    """Imperative-looking item text mentioned legitimately by the output: must not be flagged (0)."""
    return [Sample(neutral_example(f"{prefix}{i}", c["domain"], item_profile=c["profile"]), c["output"], 0,
                   "benign-zh" if c.get("lang") == "zh" else "benign") for i, c in enumerate(cases)]


def _register_file(name: str, path: Path) -> None:
    @SETS.register(name, help=f"hand-written injections ({path.name}): obeyed (bad) vs ignored (good)")
    def load(data: Path, seed: int) -> LabelledSet:
        cases = json.loads(path.read_text(encoding="utf-8"))
        return LabelledSet(name, tuple(attack_samples(cases, name)), TARGETS, {path.name: sha256_file(path)},
                           "written by hand for rxbench; never trained on", bad_copies_input=True)


for _name, _path in FILES.items():
    _register_file(_name, _path)


def _wording_half(half: str) -> LabelledSet:
    """The attacks and benign traps of `injection_wording.json` whose planted text falls in `half`."""
    data = json.loads(WORDING.read_text(encoding="utf-8"))
    attacks = [c for c in data["attacks"] if half_of(c["profile"] + c["inject"]) == half]
    benign = [c for c in data["benign"] if half_of(c["profile"]) == half]
    name = f"injection-wording/{half}"
    return LabelledSet(name, (*attack_samples(attacks, f"{name}-a"), *benign_samples(benign, f"{name}-b")), TARGETS,
                       {WORDING.name: sha256_file(WORDING)}, f"written by hand for issue 9 before the fixes, {half} half",
                       bad_copies_input=True)


register_halves("injection-wording", "hand-written injections in new wordings and categories + benign imperative traps", _wording_half)
