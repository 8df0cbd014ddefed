"""XRec loader: the real files, and file:line:field errors on bad input."""
from __future__ import annotations

import json
import os
import re
from collections import Counter

import pytest

from benchmark.schema import InputError
from benchmark.suite import load_suite
from suites.xrec import load_xrec

GOOD = {"uid": 7, "iid": 9, "title": "Café Ünïcode ☕", "user_summary": "Likes quiet places.",
        "item_summary": "A quiet café.", "explanation": "The user would enjoy the quiet café.", "xrec_output": "Quiet."}


def write(path, lines):
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in lines) + "\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["amazon", "google"])
def test_real_files_load(xrec_dir, name):
    suite = load_suite(f"xrec:{xrec_dir / f'{name}.jsonl'}")
    assert suite.name == f"xrec-{name}" and suite.kind == "freetext" and len(suite.examples) == 3000
    assert Counter(e.split for e in suite.examples) == {"train": 2400, "valid": 300, "test": 300}
    first = json.loads((xrec_dir / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()[0])
    ex = suite.examples[0]
    assert ex.id == f"xrec-{name}-{first['uid']}-{first['iid']}" and ex.domain == name
    assert (ex.item.title, ex.item.profile, ex.user.profile) == (first["title"], first["item_summary"], first["user_summary"])
    assert ex.references == (first["explanation"],) and ex.meta == {"xrec_output": first["xrec_output"]}
    assert all(re.fullmatch(rf"xrec-{name}-\d+-\d+", e.id) for e in suite.examples)
    assert len({e.id for e in suite.examples}) == 3000


def test_relative_path_split_is_stable_and_order_free(tmp_path, monkeypatch):
    records = [{**GOOD, "uid": i, "iid": i * 3} for i in range(40)]
    write(tmp_path / "shop.jsonl", records)
    (tmp_path / "b").mkdir()
    write(tmp_path / "b" / "shop.jsonl", records[::-1])
    monkeypatch.chdir(tmp_path)
    suite = load_suite("xrec:shop.jsonl")
    assert Counter(e.split for e in suite.examples) == {"train": 32, "valid": 4, "test": 4}
    assert suite.examples[0].item.title == "Café Ünïcode ☕"
    # the split follows the id, not the line order
    assert {e.id: e.split for e in load_xrec("b/shop.jsonl")} == {e.id: e.split for e in suite.examples}


def test_string_ids_and_optional_fields(tmp_path):
    rec = {k: v for k, v in GOOD.items() if k != "xrec_output"}
    path = write(tmp_path / "mix.jsonl", [{**rec, "uid": "A1", "iid": "b-2", "extra": 1}, {**rec, "uid": 2, "explanation": "  "}])
    a, b = load_xrec(path)
    assert a.id == "xrec-mix-A1-b-2" and a.meta == {} and a.references == (GOOD["explanation"],)
    assert b.references == ()  # an empty explanation is no reference, not an empty one


@pytest.mark.parametrize("line, message", [
    ('{"uid": 1, "iid": 2, "title": ', r"bad\.jsonl:2: not valid JSON"),
    ({k: v for k, v in GOOD.items() if k != "title"}, r"bad\.jsonl:2: field '<record>': 'title' is a required property"),
    ({**GOOD, "uid": 1.5}, r"bad\.jsonl:2: field 'uid': "),
    ({**GOOD, "iid": True}, r"bad\.jsonl:2: field 'iid': "),
    ({**GOOD, "uid": ""}, r"bad\.jsonl:2: field 'uid': "),
    ({**GOOD, "explanation": ["a"]}, r"bad\.jsonl:2: field 'explanation': \['a'\] is not of type 'string'"),
    ({**GOOD, "xrec_output": 3}, r"bad\.jsonl:2: field 'xrec_output': "),
    ([1, 2], r"bad\.jsonl:2: field '<record>': "),
    (GOOD, r"bad\.jsonl:2: field 'uid': duplicate .*xrec-bad-7-9.*first at .*bad\.jsonl:1"),
])
def test_bad_input_names_file_line_and_field(tmp_path, line, message):
    path = write(tmp_path / "bad.jsonl", [GOOD, line])
    with pytest.raises(InputError, match=message):
        load_xrec(path)


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_suite(f"xrec:{tmp_path / 'nope.jsonl'}")
    with pytest.raises(InputError, match="no records"):
        load_xrec(write(tmp_path / "empty.jsonl", ["", "  "]))
    with pytest.raises(ValueError, match="needs an argument"):
        load_suite("xrec")


def test_file_change_is_seen(tmp_path):
    path = write(tmp_path / "live.jsonl", [GOOD])
    assert len(load_suite(f"xrec:{path}").examples) == 1
    write(path, [GOOD, {**GOOD, "uid": 8}])
    os.utime(path, ns=(1, 10**18))
    assert len(load_suite(f"xrec:{path}").examples) == 2
