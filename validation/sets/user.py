"""`user:PATH`: a user's own labelled file, one JSON object per line:

    {"example": <rxbench Example>, "output": "...", "label": 0 or 1, "slice": "..."}

label 1 = the bad case the metric should flag; slice is optional ("all" cases
alike). Every line is checked against a JSON Schema that embeds the Example
schema, so a bad line fails with file:line and the field (`example.user.id`).
"""
from __future__ import annotations

from pathlib import Path

import jsonschema

from benchmark.schema import (
    EXAMPLE_SCHEMA,
    InputError,
    _check,
    read_jsonl,
    sha256_json,
    validate_example,
)
from validation.sets import SETS, LabelledSet, Sample

LINE_SCHEMA: dict = {
    "type": "object",
    "required": ["example", "output", "label"],
    "additionalProperties": False,
    "properties": {
        "example": {k: v for k, v in EXAMPLE_SCHEMA.items() if k != "$schema"},
        "output": {"type": "string"},
        "label": {"enum": [0, 1]},
        "slice": {"type": "string", "minLength": 1},
    },
}
_VALIDATOR = jsonschema.Draft202012Validator(LINE_SCHEMA)


def load_user_set(path: str | Path) -> LabelledSet:
    samples, records = [], []
    for where, rec in read_jsonl(path):
        _check(_VALIDATOR, rec, where)
        samples.append(Sample(validate_example(rec["example"], where), rec["output"], rec["label"], rec.get("slice", "unsliced")))
        records.append(rec)
    if not samples:
        raise InputError(f"{path}: no labelled lines")
    return LabelledSet(f"user:{path}", tuple(samples), (), {Path(path).name: sha256_json(records)}, "the user's own labelled file")


@SETS.register("user", takes_arg=True, help="your own JSONL of {example, output, label, slice}")
def load(arg: str, data: Path, seed: int) -> LabelledSet:
    return load_user_set(arg)
