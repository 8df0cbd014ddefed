"""Native rxbench JSONL suites (`jsonl:PATH`) and the writer of that form.

One Example per line (see benchmark.schema.EXAMPLE_SCHEMA); splits come from
each example's `tags.split` (default test). The lexicon is built from the
matched reasons, so feature metrics know the suite's feature values.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from benchmark.registry import SUITES
from benchmark.schema import Example, InputError, load_examples, write_jsonl
from benchmark.suite import Lexicon, Suite


def matched_lexicon(examples: tuple[Example, ...]) -> Lexicon:
    """attribute -> value -> (value,) for every matched reason in the examples."""
    lex: dict[str, dict[str, tuple[str, ...]]] = {}
    for e in examples:
        for r in e.signals.matched:
            lex.setdefault(r.attribute, {})[r.value] = (r.value,)
    return lex


@lru_cache(maxsize=8)
def _cached(path: Path, mtime_ns: int, size: int) -> Suite:
    examples = tuple(load_examples(path))
    if not examples:
        raise InputError(f"{path}: no records")
    structured = any(e.signals.matched for e in examples)
    return Suite(
        name=path.stem,
        version="1",
        examples=examples,
        kind="structured" if structured else "freetext",
        lexicon=matched_lexicon(examples),
        description=f"rxbench JSONL suite from {path.name}",
    )


@SUITES.register("jsonl", takes_arg=True, help="rxbench JSONL file of Examples: jsonl:PATH")
def jsonl_suite(arg: str) -> Suite:
    path = Path(arg).expanduser().resolve()
    if not path.is_file():
        raise InputError(f"{arg}: no such file")
    st = path.stat()
    return _cached(path, st.st_mtime_ns, st.st_size)


def dump_suite(suite: Suite, path: str | Path, split: str = "all") -> int:
    """Write one split (or all) of a suite as rxbench JSONL; returns the number of lines."""
    examples = suite.split(split)
    write_jsonl(path, (e.to_dict() for e in examples))
    return len(examples)
