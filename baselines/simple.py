"""Non-neural baselines and the deliberately bad sanity generators tests rely on."""
from __future__ import annotations

import hashlib
import random
from pathlib import Path
from typing import Sequence

from benchmark.generator import SimpleGenerator
from benchmark.registry import GENERATORS
from benchmark.schema import Example, InputError, load_outputs
from benchmark.suite import Suite


def _rng(*parts: str) -> random.Random:
    return random.Random(hashlib.sha256("|".join(parts).encode()).hexdigest())


def join_values(values: Sequence[str]) -> str:
    values = list(values)
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


@GENERATORS.register("template")
class TemplateGenerator(SimpleGenerator):
    """Fills one sentence from the recommender's matched features."""

    name = "template"

    def config(self) -> dict:
        return {"version": 1}

    def explain(self, ex: Example) -> str:
        values = [r.value for r in ex.signals.matched]
        if values:
            verb = "matches" if len(values) == 1 else "match"
            return f"We recommend {ex.item.title} because it offers {join_values(values)}, which {verb} your preferences."
        return f"We recommend {ex.item.title} because it matches the interests in your profile."


@GENERATORS.register("sanity-constant")
class ConstantGenerator(SimpleGenerator):
    """Sanity check: the same sentence for everyone (ignores its inputs)."""

    name = "sanity-constant"

    def config(self) -> dict:
        return {"version": 1}

    def explain(self, ex: Example) -> str:
        return "This is a great choice that we think you will really enjoy."


_INVENTED_FACTS = (
    "it won the {year} Golden Laurel award",
    "it is rated {rating} out of 5 by over {count} reviewers",
    "it comes with a {months}-month money-back guarantee",
    "it was featured in Harbor Weekly in {year}",
)


@GENERATORS.register("sanity-invent")
class InventingGenerator(SimpleGenerator):
    """Sanity check: states attributes the item does not have (and invented facts)."""

    name = "sanity-invent"

    def __init__(self) -> None:
        self._false: dict[str, list[str]] = {}
        self._lexicon: dict = {}

    def prepare(self, suite: Suite) -> None:
        self._lexicon = {a: sorted(vals) for a, vals in suite.lexicon.items()}

    def config(self) -> dict:
        return {"version": 1, "lexicon": self._lexicon}

    def explain(self, ex: Example) -> str:
        rng = _rng(self.name, ex.id)
        true = {str(v).lower() for vals in ex.item.attributes.values() for v in (vals if isinstance(vals, list) else [vals])}
        false = [v for vals in self._lexicon.values() for v in vals if v.lower() not in true]
        fact = rng.choice(_INVENTED_FACTS).format(
            year=rng.randint(1950, 2020), rating=rng.choice(["4.8", "4.9"]), count=rng.randint(2, 90) * 1000, months=rng.choice([6, 12, 24])
        )
        if false:
            picks = rng.sample(false, k=min(2, len(false)))
            return f"We recommend {ex.item.title} because it offers {join_values(picks)} and {fact}."
        return f"We recommend {ex.item.title} because {fact}."


@GENERATORS.register("xrec-output")
class XRecOutputGenerator(SimpleGenerator):
    """The explanation the published XRec model generated (`xrec_output` of XRec-shaped files)."""

    name = "xrec-output"
    precomputed = True

    def supports(self, suite: Suite) -> bool:
        return any("xrec_output" in e.meta for e in suite.examples)

    def config(self) -> dict:
        return {"version": 1}

    def explain(self, ex: Example) -> str:
        if "xrec_output" not in ex.meta:
            raise KeyError(f"example {ex.id} has no xrec_output")
        return ex.meta["xrec_output"]


@GENERATORS.register("file", takes_arg=True)
class FileGenerator(SimpleGenerator):
    """Precomputed outputs from a JSONL file of {"id", "text"} lines."""

    name = "file"
    precomputed = True

    def __init__(self, path: str):
        self.path = Path(path)
        self.outputs = load_outputs(self.path)
        if not self.outputs:
            raise InputError(f"{self.path}: no predictions (empty file); want JSONL lines {{\"id\", \"text\"}}")
        self.name = f"file:{self.path.stem}"

    def supports(self, suite: Suite) -> bool:
        return any(e.id in self.outputs for e in suite.examples)

    def config(self) -> dict:
        return {"path": str(self.path.resolve()), "sha256": hashlib.sha256(self.path.read_bytes()).hexdigest()}

    def explain(self, ex: Example) -> str:
        if ex.id not in self.outputs:
            raise KeyError(f"no output for id {ex.id!r} in {self.path}")
        return self.outputs[ex.id]
