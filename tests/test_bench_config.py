"""Benchmark configs: training settings and the trained-models directory, the `compare`
pairs (validated against the row labels) and the closing note they produce."""
from __future__ import annotations

from pathlib import Path

import pytest

import baselines  # noqa: F401  (registers template, sanity-constant)
import tests.helpers  # noqa: F401  (registers the unit-tiny suite)
from benchmark.bench import run_bench
from benchmark.config import ConfigError, load_config
from benchmark.results import read_run

CONFIG = """
name: t
out: {out}
models: {models}
limit: 16
suites: [unit-tiny]
train:
  - {{name: g-lora, base: gemma, lora: true, suites: [travel], max_steps: 7, batch_size: 2, lora_r: 4}}
generators:
  - template
  - {{label: constant, spec: sanity-constant}}
metrics: [fmr, bleu4]
headline: [fmr]
compare: [[template, constant]]
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "c.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def test_training_settings_models_dir_and_compare_pairs(tmp_path: Path) -> None:
    cfg = load_config(_write(tmp_path, CONFIG.format(out=tmp_path / "out", models=tmp_path / "trained")))
    (t,) = cfg.train
    assert t["out"] == str(tmp_path / "trained" / "g-lora") and (t["max_steps"], t["batch_size"], t["lora_r"]) == (7, 2, 4)
    assert cfg.compare == (("template", "constant"),)
    bad = CONFIG.format(out=tmp_path / "out", models=tmp_path / "m").replace("[[template, constant]]", "[[template, gemma]]")
    with pytest.raises(ConfigError, match=r"compare\[0\].*labels: \['constant', 'template'\]"):
        load_config(_write(tmp_path, bad))


def test_closing_note_reads_the_paired_comparison(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """The constant sentence never names a feature, the template always does: the note
    shows FMR 1 -> 0 on the same 16 examples, with the paired difference and the verdict."""
    text = CONFIG.format(out=tmp_path / "out", models=tmp_path / "m")
    cfg = load_config(_write(tmp_path, text.split("train:")[0] + "generators:" + text.split("generators:")[1]))
    dirs = run_bench(cfg, tmp_path / "cache.sqlite")
    out = capsys.readouterr().out
    base, cand = (read_run(d).suites["unit-tiny"].scores["fmr"].value for d in dirs)
    assert (base, cand) == (1.0, 0.0)
    (line,) = [ln for ln in out.splitlines() if "fmr" in ln and "delta" in ln]
    assert "1 " in line and "delta -1" in line and line.rstrip().endswith("worse")
    assert "What constant changes against template (same examples" in out
    assert (tmp_path / "out" / "compare" / "template-vs-constant" / "compare.md").is_file()


def _leak_case(i: int, leaks: bool) -> dict:
    phone = f"+1 415 555 01{i:02d}"
    user = {"id": f"u{i}", "profile": f"Call me on {phone} after six."}
    item = {"id": f"i{i}", "title": "Harbor Cafe", "profile": "A quiet cafe by the harbor with oat-milk flat whites."}
    said = f"Harbor Cafe is quiet, and we can reach you at {phone}." if leaks else "Harbor Cafe is quiet and serves oat-milk flat whites."
    return {"example": {"id": f"e{i}", "domain": "food", "user": user, "item": item}, "output": said, "label": int(leaks)}


def test_validate_step_measures_the_metrics_and_the_leaderboard_shows_how_far_to_trust_them(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """Two outputs repeat the user's phone, two do not: `leakage` separates them perfectly (AUC 1, hand-computed),
    and the HTML leaderboard's trust section shows that figure for the leakage column."""
    import json

    from validation.report import read_validity

    cases = tmp_path / "leaks.jsonl"
    cases.write_text("".join(json.dumps(_leak_case(i, i < 2)) + "\n" for i in range(4)), encoding="utf-8")
    text = CONFIG.format(out=tmp_path / "out", models=tmp_path / "m")
    text = text.split("train:")[0] + "generators:" + text.split("generators:")[1]
    text = text.replace("metrics: [fmr, bleu4]", "metrics: [fmr, leakage]").replace("compare: [[template, constant]]\n", "")
    text += f"validate: {{sets: ['user:{cases}'], metrics: [leakage], n_boot: 20}}\n"
    cfg = load_config(_write(tmp_path, text))
    assert cfg.validate is not None and cfg.validate.sets == (f"user:{cases}",) and cfg.validate.n_boot == 20
    run_bench(cfg, tmp_path / "cache.sqlite")
    out = capsys.readouterr().out
    report = tmp_path / "out" / "validity" / "validity.json"
    assert f"validity of the metrics: {report}" in out
    assert f"  user:{cases}: 4 cases, 1 metrics\n" in out and "    leakage" not in out  # progress per set, not per metric
    (whole,) = [m for m in read_validity(report).results if m.metric == "leakage" and m.slice == "all"]
    assert (whole.auc, whole.n_pos, whole.n_neg) == (1.0, 2, 2)
    html = (tmp_path / "out" / "leaderboard.html").read_text(encoding="utf-8")
    trust = html.split('id="trust"')[1]
    assert "How far to trust each column" in html and '<tr><td>leakage</td><td class="num" data-sort="1.00">1.00' in trust


def test_validate_and_a_validity_file_are_exclusive(tmp_path: Path) -> None:
    text = CONFIG.format(out=tmp_path / "out", models=tmp_path / "m") + "validity: v.json\nvalidate: {sets: [davidson]}\n"
    with pytest.raises(ConfigError, match=r"c\.yaml:\d+: key 'validate': give either validate"):
        load_config(_write(tmp_path, text))
    with pytest.raises(ConfigError, match=r"key 'validate': .*sets"):
        load_config(_write(tmp_path, CONFIG.format(out=tmp_path / "out", models=tmp_path / "m") + "validate: {n_boot: 5}\n"))
