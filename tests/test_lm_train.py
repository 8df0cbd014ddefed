"""`rxbench train`: loss only on the explanation, learning, model card, idempotent
reuse, exact resume after a kill, early stopping, LoRA adapters (save, load, merge)."""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

import tests.helpers  # noqa: F401  (registers the unit-tiny suite)
from baselines.lm import cli
from baselines.lm.tiny import TinySpec, train_tokenizer
from baselines.lm.train import IGNORE, Pair, collate, encode, explanation_loss, merge_adapter, train_model
from benchmark.registry import GENERATORS
from tests.lm_helpers import SMALL, lora_ecommerce, small_suite, tiny_travel

REPO = Path(__file__).resolve().parents[1]
FAST = replace(SMALL, max_steps=60, eval_every=20, tiny=TinySpec(vocab_size=400, n_embd=32, n_layer=1, n_head=2, n_positions=192))


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_travel(tmp_path_factory)


def test_encode_learns_only_the_explanation() -> None:
    tok = train_tokenizer(["item: Harbor Hall | pool: yes\nexplanation:", " Harbor Hall has a pool."] * 20, 300)
    pair = Pair("e1", "item: Harbor Hall | pool: yes\nexplanation:", "Harbor Hall has a pool.")
    ids, labels = encode(tok, pair, max_len=200, max_target=50)
    n_prompt = len(tok(pair.prompt).input_ids)
    assert labels[:n_prompt] == [IGNORE] * n_prompt
    assert ids[n_prompt:] == labels[n_prompt:]
    assert tok.decode(labels[n_prompt:]) == " Harbor Hall has a pool.<|endoftext|>"
    # an over-long prompt loses its beginning, never the cue nor the explanation
    long = Pair("e2", "filler " * 500 + "explanation:", "Short.")
    ids, labels = encode(tok, long, max_len=40, max_target=10)
    assert len(ids) == 40 and tok.decode(ids).endswith("explanation: Short.<|endoftext|>")


def test_explanation_loss_equals_the_models_own_loss(tiny_dir: Path) -> None:
    """Projecting only the explanation positions onto the vocabulary gives the model's own
    (full-logits) loss, for a right-padded batch of prompts of different lengths."""
    from baselines.lm.train import suite_pairs
    from benchmark.lm.loading import ModelRef, load_model, load_tokenizer

    ref = ModelRef(tiny_dir)
    tok, model = load_tokenizer(ref), load_model(ref)
    pairs = suite_pairs([small_suite("travel", n_train=5)], "train")[:5]
    batch = collate([encode(tok, p, 176, 80) for p in pairs], tok.pad_token_id)
    assert len({int((row != IGNORE).sum()) for row in batch["labels"]}) > 1  # rows differ
    with torch.no_grad():
        assert float(explanation_loss(model, batch)) == pytest.approx(float(model(**batch).loss), rel=1e-5)


def test_training_learns_and_writes_a_model_card(tiny_dir: Path) -> None:
    card = json.loads((tiny_dir / "rxbench_card.json").read_text())
    assert card["complete"] and card["base"] == "tiny" and not card["lora"]
    assert card["data"]["suites"][0]["name"] == "travel-small"
    assert card["data"]["train_pairs"] == 400 and card["data"]["valid_pairs"] == 48
    # valid loss per explanation token: far below the untrained model's (about ln(vocab))
    assert card["valid_loss"] < 0.5 * card["valid_loss_initial"]
    assert card["steps"] <= SMALL.max_steps and card["best_step"] > 0
    assert "valid loss" in (tiny_dir / "README.md").read_text()
    assert not (tiny_dir / "checkpoint").exists()
    assert (tiny_dir / "model.safetensors").is_file() and (tiny_dir / "tokenizer.json").is_file()


def test_finished_dir_is_reused_and_other_settings_refused(tiny_dir: Path, tmp_path_factory) -> None:
    stamp = (tiny_dir / "model.safetensors").stat().st_mtime_ns
    assert tiny_travel(tmp_path_factory) == tiny_dir
    assert (tiny_dir / "model.safetensors").stat().st_mtime_ns == stamp
    with pytest.raises(ValueError, match="other settings"):
        train_model([small_suite("travel")], "tiny", tiny_dir, seed=1, settings=SMALL, progress=False)


def test_models_moved_with_their_checkout_are_reused(tmp_path_factory, tmp_path: Path) -> None:
    """A LoRA adapter and its base copied elsewhere together (a moved or copied checkout) are reused, not refused as
    "other settings", and the moved adapter loads the moved base (its card's base path is relative to the adapter)."""
    import shutil

    adapter = lora_ecommerce(tmp_path_factory)
    base = tiny_travel(tmp_path_factory)
    assert adapter.parent == base.parent
    moved = tmp_path / "elsewhere"
    shutil.copytree(adapter.parent, moved)
    stamp = (moved / adapter.name / "adapter_model.safetensors").stat().st_mtime_ns
    again = train_model([small_suite("ecommerce")], str(moved / base.name), moved / adapter.name, lora=True,
                        settings=SMALL, max_steps=160, progress=False)
    assert again == moved / adapter.name and (again / "adapter_model.safetensors").stat().st_mtime_ns == stamp
    card = json.loads((again / "rxbench_card.json").read_text())
    assert card["base_path"] == "../" + base.name and card["plan"]["base_path"] == "../" + base.name
    from benchmark.lm.loading import parse_ref

    assert parse_ref(str(again)).path == (moved / base.name).resolve()


KILL_SETTINGS = replace(FAST, max_steps=120)
_CHILD = """
import sys
sys.path.insert(0, {repo!r})
from tests.test_lm_train import KILL_SETTINGS
from tests.lm_helpers import small_suite
from baselines.lm.train import train_model
train_model([small_suite("news", 200, 24, 0)], "tiny", {out!r}, settings=KILL_SETTINGS, progress=False)
"""


def test_killed_training_resumes_to_the_same_weights(tmp_path: Path) -> None:
    """SIGKILL a training after its first checkpoint; the re-run resumes from it and
    ends with exactly the weights of a run that was never interrupted."""
    suite = small_suite("news", 200, 24, 0)
    killed, clean = tmp_path / "killed", tmp_path / "clean"
    proc = subprocess.Popen([sys.executable, "-c", _CHILD.format(repo=str(REPO), out=str(killed))], env=os.environ.copy())
    try:
        deadline = time.monotonic() + 300
        while not (killed / "checkpoint" / "state.pt").is_file():
            assert proc.poll() is None, "training process ended before its first checkpoint"
            assert time.monotonic() < deadline, "no checkpoint within 300 s"
            time.sleep(0.05)
        time.sleep(0.3)  # it trains on past the checkpoint: that work is lost and redone
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert not (killed / "rxbench_card.json").exists(), "the child finished before it was killed"
    at_kill = torch.load(killed / "checkpoint" / "state.pt", weights_only=False)["step"]
    assert 0 < at_kill < KILL_SETTINGS.max_steps

    # a checkpoint of another plan is refused rather than silently mixed in
    with pytest.raises(ValueError, match="different training run"):
        train_model([suite], "tiny", killed, seed=7, settings=KILL_SETTINGS, progress=False)
    train_model([suite], "tiny", killed, settings=KILL_SETTINGS, progress=False)
    train_model([suite], "tiny", clean, settings=KILL_SETTINGS, progress=False)
    card_k = json.loads((killed / "rxbench_card.json").read_text())
    card_c = json.loads((clean / "rxbench_card.json").read_text())
    assert card_k["resumed_from"] == [at_kill] and card_c["resumed_from"] == []
    assert card_k["history"] == card_c["history"]
    wk, wc = load_file(killed / "model.safetensors"), load_file(clean / "model.safetensors")
    assert wk.keys() == wc.keys() and all(torch.equal(wk[k], wc[k]) for k in wk)


def test_early_stopping_keeps_the_best_weights(tmp_path: Path) -> None:
    """A learning rate that wrecks the model: the first evaluation is worse than the
    untrained one, training stops (patience 1) and the saved weights are the initial ones."""
    out = train_model([small_suite("news", 100, 16, 0)], "tiny", tmp_path / "m",
                      settings=replace(FAST, lr=5.0, patience=1, eval_every=10, max_steps=1000), progress=False)
    card = json.loads((out / "rxbench_card.json").read_text())
    assert card["stop_reason"] == "early_stopping" and card["steps"] == 10
    assert card["best_step"] == 0 and card["valid_loss"] == card["valid_loss_initial"]


def test_lora_adapter_trains_saves_loads_and_merges(tmp_path_factory, tmp_path: Path) -> None:
    adapter = lora_ecommerce(tmp_path_factory)
    card = json.loads((adapter / "rxbench_card.json").read_text())
    assert card["lora"] and (adapter / "adapter_config.json").is_file() and (adapter / "adapter_model.safetensors").is_file()
    assert not (adapter / "model.safetensors").exists()
    assert card["trainable_parameters"] < 0.25 * card["parameters"]
    # the travel model before the adapter, on e-commerce text, vs after
    assert card["valid_loss"] < 0.8 * card["valid_loss_initial"]
    assert card["plan"]["settings"]["lr"] == 5e-3  # the default for LoRA on a tiny base
    exs = small_suite("ecommerce").split("test")[:6]
    merged = GENERATORS.create(f"hf:{adapter}")
    unmerged = GENERATORS.create(f"hf:{adapter}?merge=0")
    explicit = GENERATORS.create(f"hf:{(adapter / card['base_path']).resolve()}+adapter:{adapter}")
    texts = [o.text for o in merged.generate(exs)]
    assert all(texts)
    assert [o.text for o in unmerged.generate(exs)] == texts
    assert [o.text for o in explicit.generate(exs)] == texts
    plain = merge_adapter(adapter, tmp_path / "merged")
    assert not (plain / "adapter_config.json").exists()
    assert [o.text for o in GENERATORS.create(f"hf:{plain}").generate(exs)] == texts


def test_lora_on_the_last_layers_only(tiny_dir: Path, tmp_path: Path) -> None:
    """lora_layers=1 on the 2-layer travel model puts rank-8 adapters on every linear layer
    of its last block and nowhere else (n_embd 64, MLP width 256)."""
    settings = replace(SMALL, max_steps=2, eval_every=2, max_valid=8, lora_layers=1)
    out = train_model([small_suite("travel", n_train=16, n_valid=8)], str(tiny_dir), tmp_path / "a", lora=True, settings=settings, progress=False)
    keys = list(load_file(str(out / "adapter_model.safetensors")))
    assert {k.split(".h.")[1].split(".lora")[0] for k in keys} == {"1.attn.c_attn", "1.attn.c_proj", "1.mlp.c_fc", "1.mlp.c_proj"}
    r = 8  # A is r x in, B is out x r
    expected = sum(r * i + o * r for i, o in ((64, 192), (64, 64), (64, 256), (256, 64)))
    assert json.loads((out / "rxbench_card.json").read_text())["trainable_parameters"] == expected


def test_lora_needs_a_trained_base(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="--lora needs a trained base"):
        train_model(["unit-tiny"], "tiny", tmp_path / "x", lora=True, progress=False)
    with pytest.raises(FileNotFoundError):
        train_model(["unit-tiny"], str(tmp_path / "nope"), tmp_path / "y", progress=False)


def test_cli_train_subcommand(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    parser = argparse.ArgumentParser(prog="rxbench")
    cli.add_parser(parser.add_subparsers(dest="cmd"))
    args = parser.parse_args(["train", "--suite", "unit-tiny", "--base", "tiny", "--out", str(tmp_path / "m"),
                              "--max-steps", "6", "--eval-every", "3", "--batch-size", "4", "--quiet"])
    assert args.fn(args) == 0
    card = json.loads((tmp_path / "m" / "rxbench_card.json").read_text())
    assert card["steps"] == 6 and card["plan"]["settings"]["batch_size"] == 4
    assert card["data"]["suites"][0]["name"] == "unit-tiny"
    assert "6 steps" in capsys.readouterr().out


REUSE = """
import json, sys
from pathlib import Path
import tests.helpers
from benchmark.lm.loading import CARD
from baselines.lm.train import TrainSettings, _plan, _resolve_suites, train_model
assert "torch" not in sys.modules
out = Path(sys.argv[1])
out.mkdir()
plan = _plan(_resolve_suites(["unit-tiny"]), "tiny", False, 0, TrainSettings(), out)
(out / CARD).write_text(json.dumps({"complete": True, "plan": plan}))
print(train_model(["unit-tiny"], "tiny", out, progress=False) == out, "torch" in sys.modules)
"""


def test_reusing_a_finished_model_does_not_import_torch(tmp_path):
    """A re-run (`make demo` again) finds every model trained: checking its card must not pay torch's import."""
    done = subprocess.run([sys.executable, "-c", REUSE, str(tmp_path / "m")], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.stdout.split() == ["True", "False"]
