"""Small trained models shared by the LM tests.

`train_model` is idempotent, so every test module that asks for the same model
under the session's base temp dir trains it once and then reuses it.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from baselines.lm.tiny import TinySpec
from baselines.lm.train import TrainSettings, train_model
from benchmark.suite import Suite, load_suite

# ~160k parameters: fast enough for tests, big enough to learn a domain's phrasing
SMALL_TINY = TinySpec(vocab_size=800, n_embd=64, n_layer=2, n_head=2, n_positions=192)
SMALL = TrainSettings(max_steps=240, batch_size=8, eval_every=40, patience=3, max_valid=48, max_len=176, tiny=SMALL_TINY)


def small_suite(name: str, n_train: int = 400, n_valid: int = 48, n_test: int = 24) -> Suite:
    """The first examples of each split of a generated domain suite."""
    s = load_suite(name)
    exs = s.split("train")[:n_train] + s.split("valid")[:n_valid] + s.split("test")[:n_test]
    return s.with_examples(exs, name=f"{name}-small")


def model_root(factory: pytest.TempPathFactory) -> Path:
    return factory.getbasetemp() / "lm-models"


def tiny_travel(factory: pytest.TempPathFactory) -> Path:
    """A tiny GPT-2 trained from scratch on 400 travel examples."""
    return train_model([small_suite("travel")], "tiny", model_root(factory) / "tiny-travel", settings=SMALL, progress=False)


def lora_ecommerce(factory: pytest.TempPathFactory) -> Path:
    """A LoRA adapter on the travel model, tuned to 400 e-commerce examples."""
    base = tiny_travel(factory)
    return train_model([small_suite("ecommerce")], str(base), model_root(factory) / "lora-ecommerce", lora=True,
                       settings=SMALL, max_steps=160, progress=False)
