import json

import pytest

from benchmark.schema import EXAMPLE_SCHEMA, Example, InputError, load_examples, load_outputs


def record(**over):
    r = {
        "id": "e1", "domain": "travel",
        "user": {"id": "u1", "attributes": {"budget": "budget"}, "profile": "likes pools", "history": ["Hotel A"]},
        "item": {"id": "i1", "title": "Hotel B", "attributes": {"amenities": ["pool", "wifi"], "stars": 4}},
        "signals": {"score": 0.9, "matched": [{"attribute": "amenities", "value": "pool"}]},
        "references": ["It has a pool."],
    }
    r.update(over)
    return r


def write(tmp_path, lines):
    p = tmp_path / "s.jsonl"
    p.write_text("\n".join(l if isinstance(l, str) else json.dumps(l) for l in lines) + "\n")
    return p


def test_round_trip_and_hash_stable(tmp_path):
    ex = load_examples(write(tmp_path, [record()]))[0]
    assert ex.signals.matched[0].value == "pool" and ex.item.attributes["stars"] == 4
    again = Example.from_dict(json.loads(json.dumps(ex.to_dict())))
    assert again == ex and again.content_hash() == ex.content_hash()
    assert Example.from_dict({**ex.to_dict(), "references": ["other"]}).content_hash() != ex.content_hash()


@pytest.mark.parametrize(
    "bad, where",
    [
        ("{not json", r"s.jsonl:2: not valid JSON"),
        ({**record(id="e2"), "user": {"profile": "x"}}, r"s.jsonl:2: field 'user'"),
        (record(id="e2", signals={"matched": [{"attribute": "a"}]}), r"s.jsonl:2: field 'signals.matched.0'"),
        (record(id="e2", item={"id": "i", "title": 3}), r"s.jsonl:2: field 'item.title'"),
        (record(id="e2", references="one"), r"s.jsonl:2: field 'references'"),
        (record(), r"s.jsonl:2: field 'id': duplicate id 'e1' \(first at .*s.jsonl:1\)"),
    ],
)
def test_bad_records_name_file_line_field(tmp_path, bad, where):
    with pytest.raises(InputError, match=where):
        load_examples(write(tmp_path, [record(), bad]))


def test_outputs_file_errors(tmp_path):
    p = write(tmp_path, [{"id": "a", "text": "x"}, {"id": "b"}])
    with pytest.raises(InputError, match=r"s.jsonl:2: field '<record>': 'text' is a required property"):
        load_outputs(p)
    assert load_outputs(write(tmp_path, [{"id": "a", "text": "x"}])) == {"a": "x"}


def test_committed_json_schema_is_current():
    from tests.conftest import REPO

    committed = json.loads((REPO / "docs" / "example.schema.json").read_text())
    assert committed == EXAMPLE_SCHEMA, "run: rxbench schema > docs/example.schema.json"


def test_non_utf8_line_is_named(tmp_path):
    p = tmp_path / "s.jsonl"
    p.write_bytes(json.dumps(record()).encode() + b"\n" + b'{"id": "\xff"}\n')
    with pytest.raises(InputError, match=r"s.jsonl:2: not UTF-8"):
        load_examples(p)


def test_lang_is_declared_or_detected(tmp_path):
    base = {"domain": "d", "user": {"id": "u"}, "item": {"id": "i", "title": "青岛海景酒店"}}
    declared, detected, english = (
        {**base, "id": "a", "lang": "en"},
        {**base, "id": "b", "references": ["推荐这门Python课程，内容浅显易懂"]},
        {**base, "id": "c", "references": ["We recommend the Hotel Qingdao 青岛 for its pool."]},
    )
    a, b, c = load_examples(write(tmp_path, [declared, detected, english]))
    assert (a.language, b.language, c.language) == ("en", "zh", "en")
    assert a.to_dict()["lang"] == "en" and "lang" not in b.to_dict()  # undeclared: hash unchanged
    with pytest.raises(InputError, match=r"s.jsonl:1: field 'lang': 'fr' is not one of \['en', 'zh'\]"):
        load_examples(write(tmp_path, [{**base, "id": "a", "lang": "fr"}]))
