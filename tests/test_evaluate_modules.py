"""The bundled `evaluate` modules load offline from their folders and delegate to the registered metrics."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from metrics.hf import module_path, score_texts

REPO = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import json, sys
import evaluate
from metrics.hf import module_path

overlap = evaluate.load(module_path("rxbench_overlap"))
explainable = evaluate.load(module_path("rxbench_explainable"))
out = {
    "overlap": overlap.compute(
        predictions=["the cat sat on the mat", "a dog"],
        references=[["the cat is on the mat", "unrelated words here"], ["a dog barks"]],
    ),
    "single": overlap.compute(predictions=["the cat sat on the mat"], references=["the cat is on the mat"], metrics=["bleu1", "peter.rougeL"]),
    "explainable": explainable.compute(
        predictions=["Great swimming pool and spa", "great pool", "nothing"],
        matched=[["spa"], ["gym"], []],
        vocabulary=["pool", "spa", "gym"],
        lexicon={"amenity": {"pool": ["swimming pool"]}},
    ),
}
json.dump(out, sys.stdout)
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> dict:
    """Run evaluate in a fresh process whose every cache and HOME live in a temp dir, hub offline."""
    tmp = tmp_path_factory.mktemp("evaluate")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "XDG_"))}
    env.update(
        HF_HUB_OFFLINE="1", HF_DATASETS_OFFLINE="1", HF_HOME=str(tmp / "hf"), HF_EVALUATE_CACHE=str(tmp / "evaluate"),
        XDG_CACHE_HOME=str(tmp / "xdg"), HOME=str(tmp / "home"), PYTHONPATH=str(REPO),
    )
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert any((tmp / "hf").rglob("rxbench_overlap.py"))  # the module was cached inside the temp dir
    return json.loads(proc.stdout)


def test_overlap_module_offline(loaded):
    got = loaded["overlap"]
    assert set(got) == {"bleu1", "bleu4", "rouge1", "rouge2", "rougeL"}
    expected = score_texts(list(got), ["the cat sat on the mat", "a dog"], [["the cat is on the mat", "unrelated words here"], ["a dog barks"]])
    assert got == pytest.approx(expected, rel=1e-12)
    # hand-computed: 5 of 6 unigrams, bp 1 -> BLEU-1 83.33; ROUGE-L LCS 5 of 6 -> 83.33 (PETER beta = 1 here)
    assert loaded["single"]["bleu1"] == pytest.approx(100 * 5 / 6)
    assert loaded["single"]["peter.rougeL"] == pytest.approx(100 * 5 / 6, rel=1e-9)


def test_explainable_module_offline(loaded):
    got = loaded["explainable"]
    # tokens: (great swimming pool and spa), (great pool), (nothing); "swimming pool" -> pool
    # usr 3/3; distinct-1 {great, swimming, pool, and, spa, nothing} 6 of 5+2+1 = 8;
    # distinct-2 {great swimming, swimming pool, pool and, and spa, great pool} 5 of 4+1+0 = 5;
    # fmr: spa yes, gym no, no matched -> 1/2; fcr {pool, spa} of {pool, spa, gym} -> 2/3;
    # div: only pair (0,1) shares pool -> 1 / C(3,2) = 1/3
    assert got == pytest.approx({"usr": 1.0, "distinct1": 6 / 8, "distinct2": 1.0, "fmr": 0.5, "fcr": 2 / 3, "div": 1 / 3})


def test_module_path_rejects_unknown_names():
    assert Path(module_path("rxbench_overlap"), "rxbench_overlap.py").is_file()
    with pytest.raises(FileNotFoundError):
        module_path("nope")
