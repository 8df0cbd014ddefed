"""Hardening (issue 11): every bad input is refused with file / key / line before any
generation, a run that measures nothing exits non-zero, names cannot collide, and
credentials or hostile text never reach a report raw. Each test drives the real CLI."""
from __future__ import annotations

import json
import sqlite3

import pytest

import tests.helpers  # noqa: F401  (registers unit-tiny, unit-broken)
from benchmark.cli import main
from benchmark.results import read_samples
from suites.jsonl import dump_suite
from tests.helpers import unit_tiny

FAST = ["--metrics", "bleu4", "--n-boot", "20"]


def run_cli(tmp_path, *args: str, out: str = "out") -> list[str]:
    return ["run", *args, "--cache", str(tmp_path / "c.sqlite"), "--out", str(tmp_path / out)]


def err_of(capsys) -> str:
    return capsys.readouterr().err


# --- silently wrong -------------------------------------------------------------------------

def test_all_generations_failed_exits_nonzero(tmp_path, capsys):
    assert main(run_cli(tmp_path, "--suite", "unit-tiny", "--generator", "unit-broken", *FAST)) == 1
    err = err_of(capsys)
    assert "nothing measured: all 16 generations failed" in err and "model not reachable" in err


def test_predictions_matching_no_id_or_empty_exit_nonzero(tmp_path, capsys):
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "nope-1", "text": "hi"}) + "\n", encoding="utf-8")
    assert main(run_cli(tmp_path, "--suite", "unit-tiny", "--generator", f"file:{other}", *FAST)) == 1
    assert "nothing measured: every suite was skipped" in err_of(capsys)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert main(run_cli(tmp_path, "--suite", "unit-tiny", "--generator", f"file:{empty}", *FAST, out="o2")) == 2
    assert f"{empty}: no predictions (empty file)" in err_of(capsys)
    assert not (tmp_path / "o2").exists()


@pytest.mark.parametrize("flag, want", [("--suite", "no suite given"), ("--metrics", "no metric given")])
def test_empty_suite_or_metric_list_is_refused(tmp_path, capsys, flag, want):
    args = {"--suite": "unit-tiny", "--metrics": "bleu4"} | {flag: ","}
    assert main(run_cli(tmp_path, "--generator", "template", "--n-boot", "20", *[x for kv in args.items() for x in kv])) == 2
    assert want in err_of(capsys)
    assert not (tmp_path / "out").exists()


def test_metric_opt_out_leaving_nothing_is_refused(tmp_path, capsys):
    assert main(run_cli(tmp_path, "--suite", "unit-tiny", "--generator", "template", "--metrics", "bleu4,-bleu*")) == 2
    assert "leaves no metric" in err_of(capsys)


def test_same_suite_twice_is_refused(tmp_path, capsys):
    assert main(run_cli(tmp_path, "--suite", "unit-tiny,unit-tiny", "--generator", "template", *FAST)) == 2
    assert "unit-tiny given twice" in err_of(capsys)
    assert not (tmp_path / "out").exists()


def test_jsonl_file_named_like_another_suite_is_refused(tmp_path, capsys):
    clash = tmp_path / "unit-tiny.jsonl"
    dump_suite(unit_tiny(), clash)
    assert main(run_cli(tmp_path, "--suite", f"unit-tiny,jsonl:{clash}", "--generator", "template", *FAST)) == 2
    assert "are both named 'unit-tiny'" in err_of(capsys)
    assert not (tmp_path / "out").exists()


def test_negative_limit_and_zero_boot_are_refused_by_the_cli(tmp_path, capsys):
    for flag, value in (("--limit", "-3"), ("--limit", "0"), ("--n-boot", "0")):
        with pytest.raises(SystemExit) as exc:
            main(run_cli(tmp_path, "--suite", "unit-tiny", "--generator", "template", flag, value))
        assert exc.value.code == 2
        assert f"argument {flag}: want a positive integer, got {value.lstrip('+')}" in err_of(capsys)
    assert not (tmp_path / "out").exists()


def test_misspelled_split_tag_is_refused(tmp_path, capsys):
    rec = unit_tiny().examples[0].to_dict() | {"tags": {"split": "tset"}}
    path = tmp_path / "typo.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    assert main(run_cli(tmp_path, "--suite", f"jsonl:{path}", "--generator", "template", *FAST)) == 2
    err = err_of(capsys)
    assert f"{path}:1: field 'tags.split'" in err and "'tset' is not one of" in err


@pytest.mark.parametrize("const", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_in_jsonl(tmp_path, capsys, const):
    rec = json.dumps(unit_tiny().examples[0].to_dict()).replace('"score": 0.5', f'"score": {const}')
    path = tmp_path / "nan.jsonl"
    path.write_text("\n" + rec + "\n", encoding="utf-8")
    assert main(run_cli(tmp_path, "--suite", f"jsonl:{path}", "--generator", "template", *FAST)) == 2
    assert f"{path}:2: not valid JSON ({const} is not a JSON number)" in err_of(capsys)


def test_empty_split_says_so(tmp_path, capsys):
    only_test = tmp_path / "only-test.jsonl"
    dump_suite(unit_tiny(), only_test, split="test")
    assert main(run_cli(tmp_path, "--suite", f"jsonl:{only_test}", "--generator", "template", "--split", "valid", *FAST)) == 2
    captured = capsys.readouterr()
    assert "only-test has no examples in the valid split (it has test 16)" in captured.out
    assert "nothing to measure: no suite has examples in the valid split" in captured.err
    assert main(run_cli(tmp_path, "--suite", f"unit-tiny,jsonl:{only_test}", "--generator", "template", "--split", "valid", *FAST)) == 0
    assert "only-test has no examples in the valid split" in capsys.readouterr().out
