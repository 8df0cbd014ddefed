"""Hand-written free-text faithfulness twins, a second held-out set (validation/data/faith_freetext_heldout.jsonl).

Why: faith-handmade's texts are mostly one sentence, one claim; explanations in the
wild are longer. Here each of 22 profiles (hotels, restaurants, electronics, books,
courses, savings, hikes, a film, a flat, an app, a car, a yoga class, a ryokan, news;
three Chinese profiles) has two faithful texts and three unfaithful ones, written
before the judge was changed for them and never looked at while changing it: several
sentences with pronouns, lists, hedges and comparatives, where the one error sits
among true statements. Kinds and labels as in faith-handmade (label 1 = unfaithful):
"paraphrase" and "harmless-negation" (faithful; the second often denies what the
profile does not say, "it's not a heavy tent"), "negation", "antonym" (an opposite the
profile does not use: "cramped" for "spacious"), "value", "entity" (another city,
brand or person), "invented" (a feature the profile lacks).
"faith-freetext-dev" holds six further profiles in the same style (one Chinese),
written afterwards to develop on.
"""
from __future__ import annotations

from pathlib import Path

from validation.sets import SETS, LabelledSet, sha256_file
from validation.sets.faith_handmade import samples

FILE = Path(__file__).resolve().parents[1] / "data" / "faith_freetext_heldout.jsonl"
DEV = FILE.with_name("faith_freetext_dev.jsonl")  # six more profiles in the same style, written after it: these may guide fixes


@SETS.register("faith-freetext", help="hand-written multi-sentence faithful / unfaithful explanations (held out: never tuned on)")
def load(data: Path, seed: int) -> LabelledSet:
    return LabelledSet("faith-freetext", samples(FILE), ("faith.*", "semsim_input"), {FILE.name: sha256_file(FILE)},
                       "written by hand for this set before the judge's last change; held out")


@SETS.register("faith-freetext-dev", help="six profiles in faith-freetext's style whose failures may guide the judge's fixes")
def load_dev(data: Path, seed: int) -> LabelledSet:
    return LabelledSet("faith-freetext-dev", samples(DEV), ("faith.*", "semsim_input"), {DEV.name: sha256_file(DEV)},
                       "written by hand after faith-freetext; a development set")
