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
