"""Non-neural baselines and the deliberately bad sanity generators tests rely on."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Mapping, Sequence

from benchmark.generator import SimpleGenerator
from benchmark.lang import has_han
from benchmark.registry import GENERATORS
from benchmark.schema import Example, InputError, load_outputs, sha256_json
from benchmark.seeding import hex_rng
from benchmark.suite import Suite


def _plain_lexicon(lexicon: Mapping[str, Mapping[str, Sequence[str]]]) -> dict:
    return {a: {v: list(fs) for v, fs in vals.items()} for a, vals in lexicon.items()}


def join_values(values: Sequence[str]) -> str:
    values = list(values)
    if len(values) <= 1:
        return "".join(values)
    return ", ".join(values[:-1]) + " and " + values[-1]


def chinese_form(lexicon: Mapping[str, Mapping[str, Sequence[str]]], attribute: str, value: str) -> str:
    """The first Chinese surface form the suite lexicon gives a canonical value (the value itself when none)."""
    return next((f for f in lexicon.get(attribute, {}).get(value, ()) if has_han(f)), value)


@GENERATORS.register("template")
class TemplateGenerator(SimpleGenerator):
    """Fills one sentence from the recommender's matched features (a Chinese sentence, with the
    lexicon's Chinese forms of the features, for a Chinese example)."""

    name = "template"

    def __init__(self) -> None:
        self._lexicon: Mapping[str, Mapping[str, Sequence[str]]] = {}

    def prepare(self, suite: Suite) -> None:
        self._lexicon = suite.lexicon

    def config(self) -> dict:
        chinese = any(has_han(f) for vals in self._lexicon.values() for forms in vals.values() for f in forms)
        return {"version": 1, **({"zh_lexicon": sha256_json(_plain_lexicon(self._lexicon))} if chinese else {})}

    def explain(self, ex: Example) -> str:
        if ex.language == "zh":
            feats = [chinese_form(self._lexicon, r.attribute, r.value) for r in ex.signals.matched]
            if feats:
                return f"根据您的偏好，推荐{ex.item.title}，因为它具有{'、'.join(feats)}，符合您的喜好。"
            return f"根据您的兴趣，推荐{ex.item.title}，它与您的个人资料相符。"
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
        rng = hex_rng(self.name, ex.id)
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
