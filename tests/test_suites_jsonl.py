"""Native JSONL suites: round trip through dump_suite, kind detection, bad input."""
from __future__ import annotations

import json

import pytest

from benchmark.schema import InputError
from benchmark.suite import load_suite
from suites.generated import build_suite
from suites.jsonl import dump_suite

MINIMAL = {"id": "a-1", "domain": "shop", "user": {"id": "u"}, "item": {"id": "i", "title": "Lamp ☀"}}


def write(path, lines):
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
                    encoding="utf-8")
    return path


def test_round_trip_of_a_generated_split(tmp_path):
    travel = build_suite("travel")
    source = travel.with_examples(travel.examples[1990:2210])  # train, valid and test examples
    path = tmp_path / "trav.jsonl"
    assert dump_suite(source, path, "valid") == 200
    assert dump_suite(source, tmp_path / "all.jsonl") == 220
    loaded = load_suite(f"jsonl:{path}")
    assert loaded.name == "trav" and loaded.kind == "structured"
    assert loaded.examples == source.split("valid")
    assert [e.content_hash() for e in loaded.examples] == [e.content_hash() for e in source.split("valid")]
    matched = {(r.attribute, r.value) for e in loaded.examples for r in e.signals.matched}
    assert {(a, v) for a, vs in loaded.lexicon.items() for v in vs} == matched
    assert load_suite(f"jsonl:{tmp_path / 'all.jsonl'}").examples == source.examples
    assert dump_suite(loaded, tmp_path / "again.jsonl") == 200
    assert (tmp_path / "again.jsonl").read_bytes() == path.read_bytes()


def test_freetext_kind_and_default_split(tmp_path):
    suite = load_suite(f"jsonl:{write(tmp_path / 'plain.jsonl', [MINIMAL, {**MINIMAL, 'id': 'a-2'}])}")
    assert suite.kind == "freetext" and suite.lexicon == {}
    assert [e.split for e in suite.examples] == ["test", "test"] and suite.examples[0].item.title == "Lamp ☀"


@pytest.mark.parametrize("line, message", [
    ("{not json", r"bad\.jsonl:2: not valid JSON"),
    ({k: v for k, v in MINIMAL.items() if k != "item"}, r"bad\.jsonl:2: field '<record>': 'item' is a required property"),
    ({**MINIMAL, "user": {}}, r"bad\.jsonl:2: field 'user': 'id' is a required property"),
    ({**MINIMAL, "item": {"id": "i", "title": 5}}, r"bad\.jsonl:2: field 'item\.title': 5 is not of type 'string'"),
    ({**MINIMAL, "signals": {"matched": [{"attribute": "x"}]}}, r"bad\.jsonl:2: field 'signals\.matched\.0': 'value' is a required property"),
    (MINIMAL, r"bad\.jsonl:2: field 'id': duplicate id 'a-1' \(first at .*bad\.jsonl:1\)"),
])
def test_bad_input_names_file_line_and_field(tmp_path, line, message):
    path = write(tmp_path / "bad.jsonl", [MINIMAL, line])
    with pytest.raises(InputError, match=message):
        load_suite(f"jsonl:{path}")


def test_missing_and_empty(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_suite(f"jsonl:{tmp_path / 'none.jsonl'}")
    with pytest.raises(InputError, match="no records"):
        load_suite(f"jsonl:{write(tmp_path / 'empty.jsonl', [''])}")
