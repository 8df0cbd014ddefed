"""Core data types and their JSONL form.

Every record that enters rxbench (suite files, precomputed outputs) is checked
against a JSON Schema before it becomes a frozen dataclass, so bad input fails
with the file, the line and the field instead of deep inside a metric.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

import jsonschema

from benchmark.lang import LANGS, detect_lang

AttrValue = Any  # str | int | float | bool | list[str]

ATTR_VALUE_SCHEMA: dict = {
    "oneOf": [
        {"type": "string"},
        {"type": "number"},
        {"type": "boolean"},
        {"type": "array", "items": {"type": "string"}},
    ]
}

EXAMPLE_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "rxbench Example",
    "type": "object",
    "required": ["id", "domain", "user", "item"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "domain": {"type": "string", "minLength": 1},
        "user": {
            "type": "object",
            "required": ["id"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "attributes": {"type": "object", "additionalProperties": ATTR_VALUE_SCHEMA},
                "profile": {"type": "string"},
                "history": {"type": "array", "items": {"type": "string"}},
            },
        },
        "item": {
            "type": "object",
            "required": ["id", "title"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "title": {"type": "string"},
                "attributes": {"type": "object", "additionalProperties": ATTR_VALUE_SCHEMA},
                "profile": {"type": "string"},
            },
        },
        "signals": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "score": {"type": ["number", "null"]},
                "matched": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["attribute", "value"],
                        "additionalProperties": False,
                        "properties": {
                            "attribute": {"type": "string", "minLength": 1},
                            "value": {"type": "string", "minLength": 1},
                        },
                    },
                },
            },
        },
        "references": {"type": "array", "items": {"type": "string"}},
        "tags": {
            "type": "object",
            "additionalProperties": {"type": "string"},
            "properties": {"split": {"enum": ["train", "valid", "test"]}},
        },
        "meta": {"type": "object"},
        "lang": {"enum": list(LANGS), "description": "language of the texts; detected from the references / item when absent"},
    },
}

OUTPUT_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "rxbench precomputed output",
    "type": "object",
    "required": ["id", "text"],
    "properties": {"id": {"type": "string", "minLength": 1}, "text": {"type": "string"}},
}


class InputError(ValueError):
    """Bad input record; the message names file, line and field."""


@dataclass(frozen=True)
class User:
    id: str
    attributes: Mapping[str, AttrValue] = field(default_factory=dict)
    profile: str = ""
    history: tuple[str, ...] = ()


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    attributes: Mapping[str, AttrValue] = field(default_factory=dict)
    profile: str = ""


@dataclass(frozen=True)
class Reason:
    """One feature the recommender matched: a true reason for the recommendation."""

    attribute: str
    value: str


@dataclass(frozen=True)
class Signals:
    score: float | None = None
    matched: tuple[Reason, ...] = ()


@dataclass(frozen=True)
class Example:
    """One recommendation to explain. `tags` holds split / perturbation / parent id;
    `meta` holds source-specific payload (e.g. XRec's published output)."""

    id: str
    domain: str
    user: User
    item: Item
    signals: Signals = Signals()
    references: tuple[str, ...] = ()
    tags: Mapping[str, str] = field(default_factory=dict)
    meta: Mapping[str, Any] = field(default_factory=dict)
    lang: str | None = None  # declared language ("en" | "zh"); see `language`

    @property
    def split(self) -> str:
        return self.tags.get("split", "test")

    @property
    def language(self) -> str:
        """The declared language, else the one detected from the references (else item title
        and profile): tokenisers that must pick one language per sample read this."""
        if self.lang:
            return self.lang
        return detect_lang(" ".join(self.references) or f"{self.item.title} {self.item.profile}")


    def to_dict(self) -> dict:
        """The JSONL form (written out by hand: dataclasses.asdict deep-copies and is slow)."""
        u, it = self.user, self.item
        out = {
            "id": self.id,
            "domain": self.domain,
            "user": {"id": u.id, "attributes": _plain(u.attributes), "profile": u.profile, "history": list(u.history)},
            "item": {"id": it.id, "title": it.title, "attributes": _plain(it.attributes), "profile": it.profile},
            "signals": {"score": self.signals.score, "matched": [{"attribute": r.attribute, "value": r.value} for r in self.signals.matched]},
            "references": list(self.references),
            "tags": dict(self.tags),
            "meta": _plain(self.meta),
        }
        if self.lang:  # only when declared, so that the hashes of undeclared examples do not move
            out["lang"] = self.lang
        return out

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Example":
        """Build from an already validated dict (see `validate_example`)."""
        u, it, s = d["user"], d["item"], d.get("signals") or {}
        return cls(
            id=d["id"],
            domain=d["domain"],
            user=User(u["id"], dict(u.get("attributes", {})), u.get("profile", ""), tuple(u.get("history", ()))),
            item=Item(it["id"], it["title"], dict(it.get("attributes", {})), it.get("profile", "")),
            signals=Signals(s.get("score"), tuple(Reason(m["attribute"], m["value"]) for m in s.get("matched", ()))),
            references=tuple(d.get("references", ())),
            tags=dict(d.get("tags", {})),
            meta=dict(d.get("meta", {})),
            lang=d.get("lang"),
        )

    def input_text(self) -> str:
        """Everything the recommender knew, as plain text (retrieval keys, grounding checks)."""
        parts = [self.item.title, self.item.profile, self.user.profile, *self.user.history]
        for attrs in (self.item.attributes, self.user.attributes):
            for k, v in attrs.items():
                parts.append(f"{k}: {', '.join(v) if isinstance(v, list) else v}")
        parts += [f"{r.attribute}: {r.value}" for r in self.signals.matched]
        return "\n".join(p for p in parts if p)

    def content_hash(self) -> str:
        """Hash of everything a generator may see: the cache key and the suite hash use it."""
        return self._content_hash

    @cached_property
    def _content_hash(self) -> str:
        # once per example: runs, trainings, retrieval corpora and the score cache all ask (examples are never mutated)
        return sha256_json(self.to_dict())


@dataclass(frozen=True)
class Explanation:
    example_id: str
    text: str
    generator: str
    latency_s: float = 0.0
    error: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


def _plain(d: Mapping[str, Any]) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}


def sha256_json(obj: Any) -> str:
    blob = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


_EXAMPLE_VALIDATOR = jsonschema.Draft202012Validator(EXAMPLE_SCHEMA)
_OUTPUT_VALIDATOR = jsonschema.Draft202012Validator(OUTPUT_SCHEMA)


_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number", bool: "a boolean", type(None): "null"}


def _check(validator: jsonschema.Draft202012Validator, record: Any, where: str) -> None:
    error = jsonschema.exceptions.best_match(validator.iter_errors(record))
    if error is not None:
        path = ".".join(str(p) for p in error.absolute_path) or "<record>"
        msg = error.message
        if len(msg) > 200:  # the default message echoes the whole value
            got = _JSON_TYPES.get(type(error.instance), "a value")
            msg = f"expected {error.validator_value}, got {got}" if error.validator == "type" else msg[:200] + "…"
            if path == "<record>" and isinstance(record, list):
                msg += " (one record per line, not one JSON array)"
        raise InputError(f"{where}: field '{path}': {msg}")


def validate_example(record: Any, where: str = "<record>") -> Example:
    _check(_EXAMPLE_VALIDATOR, record, where)
    return Example.from_dict(record)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]", re.ASCII)  # a \ud800-\udfff escape: maybe an unpaired half


def parse_json_line(line: str, where: str) -> Any:
    """One JSON value, strictly: no NaN / Infinity, no lone surrogate, bounded depth and
    integer size; anything else raises InputError naming `where` ("file:line")."""
    try:
        value = json.loads(line, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply") from None
    except ValueError as exc:  # NaN / Infinity, integers beyond Python's digit limit
        raise InputError(f"{where}: not valid JSON ({str(exc)[:120]})") from None
    if _SURROGATE.search(line):
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(f"{where}: a lone UTF-16 surrogate escape (\\ud800-\\udfff) is not text") from None
    return value


def read_jsonl(path: str | Path) -> Iterator[tuple[str, Any]]:
    """Yield (location "file:line", parsed record); a line that is not JSON raises InputError."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    with fh:
        for lineno, raw in enumerate(fh, 1):
            where = f"{path}:{lineno}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"{where}: not UTF-8 (byte {exc.start + 1}: {raw[exc.start:exc.start + 1]!r})") from None
            if not line.strip():
                continue
            yield where, parse_json_line(line, where)


def load_examples(path: str | Path) -> list[Example]:
    """Read and validate an rxbench Example JSONL file; duplicate ids are an error."""
    out: list[Example] = []
    seen: dict[str, str] = {}
    for where, rec in read_jsonl(path):
        ex = validate_example(rec, where)
        if ex.id in seen:
            raise InputError(f"{where}: field 'id': duplicate id {ex.id!r} (first at {seen[ex.id]})")
        seen[ex.id] = where
        out.append(ex)
    return out


def load_outputs(path: str | Path) -> dict[str, str]:
    """Read precomputed outputs: JSONL lines {"id", "text"}."""
    out: dict[str, str] = {}
    for where, rec in read_jsonl(path):
        _check(_OUTPUT_VALIDATOR, rec, where)
        if rec["id"] in out:
            raise InputError(f"{where}: field 'id': duplicate id {rec['id']!r}")
        out[rec["id"]] = rec["text"]
    return out


def write_jsonl(path: str | Path, records: Iterable[Mapping[str, Any]]) -> None:
    with Path(path).open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
