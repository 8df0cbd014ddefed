"""Perturbations: deterministic transforms of a suite, one frozen class each (`suites.perturb.base`).

Each returned example is a variant of one input example: id `<parent id>~<name>`,
the parent's split tag, and tags {"parent", "perturbation", "kind": "invariance" |
"directional"}; directional variants also say what changed (cf_attribute, cf_from,
cf_to). Examples a perturbation cannot change are left out rather than copied, so a
metric compares only real variants.

Families, one module each: `noise` (typo, case, unicode), `zh` (traditional, and the
Chinese typo / width noise the noise family uses on Chinese examples), `paraphrase`
(synonym), `structure` (shuffle, distractor, drop-optional, truncate), `counterfactual`
(cf-swap, cf-drop: directional), `demographic` (swap-gender, swap-age, swap-name),
`resample` (resample:K); the planted attacks of the safety suites are perturbations
too (`suites.safety`). Importing this package imports every module in it, so a new
file with one `@perturbation` class is all a new perturbation needs.
"""
from __future__ import annotations

import importlib
import pkgutil

from benchmark.suite import freeze_lexicon
from benchmark.suite import perturbation_names as names
from suites.perturb.base import Perturbation, perturbation
from suites.perturb.paraphrase import paraphrase

__all__ = ["Perturbation", "freeze_lexicon", "names", "paraphrase", "perturbation"]

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")
