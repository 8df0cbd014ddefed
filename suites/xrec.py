"""XRec test files (`xrec:PATH`): free-text user / item summaries with one reference.

Any JSONL file of the XRec shape loads: uid, iid (integer or string), title,
user_summary, item_summary, explanation, optional xrec_output (the published
XRec model's explanation, kept in `meta`). Every line is validated; bad input
fails with file:line and the field. An empty explanation gives an example
without a reference instead of an empty reference string.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import jsonschema

from benchmark.registry import SUITES
from benchmark.schema import Example, InputError, Item, User, _check, read_jsonl
from benchmark.suite import Suite
from suites.splits import hash_split

_ID = {"type": ["integer", "string"], "minLength": 1, "pattern": r"^\S+$"}
_TEXT = {"type": "string"}
XREC_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "XRec test record",
    "type": "object",
    "required": ["uid", "iid", "title", "user_summary", "item_summary", "explanation"],
    "properties": {
        "uid": _ID,
        "iid": _ID,
        "title": _TEXT,
        "user_summary": _TEXT,
        "item_summary": _TEXT,
        "explanation": _TEXT,
        "xrec_output": {"type": ["string", "null"]},
    },
}
_VALIDATOR = jsonschema.Draft202012Validator(XREC_SCHEMA)


def load_xrec(path: str | Path) -> list[Example]:
    """Examples of one XRec file, split 80/10/10 by sha256 of the example id."""
    path = Path(path)
    domain = path.stem
    examples: list[Example] = []
    seen: dict[str, str] = {}
    for where, rec in read_jsonl(path):
        _check(_VALIDATOR, rec, where)
        ex_id = f"xrec-{domain}-{rec['uid']}-{rec['iid']}"
        if ex_id in seen:
            raise InputError(f"{where}: field 'uid': duplicate (uid, iid) {ex_id!r}, first at {seen[ex_id]}")
        seen[ex_id] = where
        output = rec.get("xrec_output")
        examples.append(Example(
            id=ex_id,
            domain=domain,
            user=User(id=f"xrec-{domain}-u{rec['uid']}", profile=rec["user_summary"]),
            item=Item(id=f"xrec-{domain}-i{rec['iid']}", title=rec["title"], profile=rec["item_summary"]),
            references=(rec["explanation"],) if rec["explanation"].strip() else (),
            meta={"xrec_output": output} if output is not None else {},
        ))
    if not examples:
        raise InputError(f"{path}: no records")
    split = hash_split(seen, salt="xrec")
    return [replace(e, tags={"split": split[e.id]}) for e in examples]


@lru_cache(maxsize=8)
def _cached(path: Path, mtime_ns: int, size: int) -> Suite:
    return Suite(
        name=f"xrec-{path.stem}",
        version="1",
        examples=tuple(load_xrec(path)),
        kind="freetext",
        description=f"XRec test cases from {path.name} (free-text profiles, one reference each)",
    )


@SUITES.register("xrec", takes_arg=True, help="XRec-format JSONL file: xrec:PATH (relative to the current directory)")
def xrec_suite(arg: str) -> Suite:
    path = Path(arg).expanduser().resolve()
    if not path.is_file():
        raise InputError(f"{arg}: no such file")
    st = path.stat()
    return _cached(path, st.st_mtime_ns, st.st_size)
