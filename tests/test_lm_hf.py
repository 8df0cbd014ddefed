"""`hf:` generators: batched = one-by-one, seeded sampling independent of the batch,
the trained model far better than the untrained one, hostile inputs, fingerprints."""
from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import sacrebleu

import baselines.lm  # noqa: F401  (registers hf:, gguf:, gemma)
from baselines.lm.card import prompt_style
from baselines.lm.hf import GenOptions, LMGenerator, example_seed
from baselines.lm.tiny import TinySpec, init_model
from benchmark.lm.loading import ModelNotFound, ModelRef
from benchmark.registry import GENERATORS
from benchmark.schema import Example, Item, Reason, Signals, User
from tests.lm_helpers import small_suite, tiny_travel


@pytest.fixture(scope="module")
def tiny_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_travel(tmp_path_factory)


@pytest.fixture(scope="module")
def test_examples() -> tuple[Example, ...]:
    return small_suite("travel", n_test=120).split("test")


def test_batched_generation_equals_one_at_a_time(tiny_dir: Path, test_examples) -> None:
    gen = GENERATORS.create(f"hf:{tiny_dir}?batch_size=16")
    exs = test_examples[:10]
    batched = gen.generate(exs)
    gen.forget()  # else the one-at-a-time calls would return the remembered outputs
    single = [gen.generate([e])[0] for e in exs]
    assert [o.text for o in batched] == [o.text for o in single]
    assert all(o.ok and o.text for o in batched)
    assert all("explanation:" not in o.text and "\n" not in o.text for o in batched)  # prompt stripped, one line
    assert all(0 < o.meta["new_tokens"] <= gen.opts.max_new_tokens for o in batched)


def test_seeded_sampling_is_per_example(tiny_dir: Path, test_examples) -> None:
    """The same seed gives the same text for an example whatever else is in its batch."""
    exs = test_examples[:6]
    gen = GENERATORS.create(f"hf:{tiny_dir}?sample=1&temperature=1.2&seed=5")
    together = [o.text for o in gen.generate(exs)]
    gen.forget()
    apart = [o.text for o in gen.generate(exs[3:])] + [gen.generate([e])[0].text for e in exs[:3]]
    assert together == apart[3:] + apart[:3]
    other = GENERATORS.create(f"hf:{tiny_dir}?sample=1&temperature=1.2&seed=6")
    assert [o.text for o in other.generate(exs)] != together
    greedy = [o.text for o in GENERATORS.create(f"hf:{tiny_dir}").generate(exs)]
    assert greedy != together
    assert example_seed(5, "a") == example_seed(5, "a") != example_seed(5, "b")


def _twin(ex: Example, profile: str) -> Example:
    """`ex` under another id with another user profile: a pepler prompt (item and reasons) leaves the user out."""
    return replace(ex, id=ex.id + "+twin", user=replace(ex.user, profile=profile))


def test_a_prompt_is_generated_once(tiny_dir: Path, test_examples, monkeypatch: pytest.MonkeyPatch) -> None:
    """A twin with its original's prompt gets the original's output without a model call, in
    the same batch or a later one; seeded sampling draws per example id, so it generates both."""
    exs = [e for e in test_examples if e.signals.matched][:3]
    twins = [_twin(e, "a different user profile") for e in exs]
    gen = GENERATORS.create(f"hf:{tiny_dir}")
    gen.generate(exs[:1])
    calls: list[int] = []
    real_run = gen._run
    monkeypatch.setattr(gen, "_run", lambda prompts, ids: calls.append(len(prompts)) or real_run(prompts, ids))
    first = gen.generate(exs + twins)
    later = gen.generate(twins[::-1])
    assert calls == [2]  # exs[1] and exs[2]; exs[0] and every twin were remembered
    assert [o.text for o in first[3:]] == [o.text for o in first[:3]] == [o.text for o in later[::-1]]
    assert [o.example_id for o in later] == [t.id for t in twins[::-1]]
    assert all(o.text and o.latency_s > 0 for o in first + later)
    sampler = GENERATORS.create(f"hf:{tiny_dir}?sample=1&seed=5")
    monkeypatch.setattr(sampler, "_run", lambda prompts, ids: calls.append(len(prompts)) or LMGenerator._run(sampler, prompts, ids))
    sampler.generate(exs + twins)
    assert calls == [2, 6]


def test_trained_model_is_far_better_than_untrained(tiny_dir: Path, test_examples, tmp_path: Path) -> None:
    from transformers import AutoTokenizer

    card = json.loads((tiny_dir / "rxbench_card.json").read_text())
    tok = AutoTokenizer.from_pretrained(str(tiny_dir))
    untrained = tmp_path / "untrained"
    init_model(tok, TinySpec(**card["plan"]["settings"]["tiny"]), seed=0).save_pretrained(str(untrained))
    tok.save_pretrained(str(untrained))
    refs = [[e.references[0] for e in test_examples]]
    trained_out = [o.text for o in GENERATORS.create(f"hf:{tiny_dir}").generate(test_examples)]
    untrained_out = [o.text for o in GENERATORS.create(f"hf:{untrained}?prompt=pepler").generate(test_examples)]
    bleu_t = sacrebleu.corpus_bleu(trained_out, refs).score
    bleu_u = sacrebleu.corpus_bleu(untrained_out, refs).score
    # references come from 25+ templates, so one model's phrasing tops out near BLEU 6 here
    # (the 0.5M demo model: 6.3 on these 120); untrained output is noise
    assert bleu_t > 3 and bleu_u < 0.5, (bleu_t, bleu_u)


def test_hostile_inputs_do_not_sink_the_batch(tiny_dir: Path) -> None:
    huge = "word " * 200_000
    exs = [
        Example("h1", "travel", User("u", {"x": huge}, huge), Item("i", huge, {"amenities": [huge] * 50}, huge),
                Signals(None, tuple(Reason("a", huge) for _ in range(40)))),
        Example("h2", "travel", User("u"), Item("i", "")),
        Example("h3", "travel", User("u", {}, "😀 ünïcödé 東京"), Item("i", "Ωmega Hôtel 🏨", {"stars": 5})),
    ]
    outs = GENERATORS.create(f"hf:{tiny_dir}").generate(exs)
    assert [o.example_id for o in outs] == ["h1", "h2", "h3"]
    assert all(o.ok for o in outs), [o.error for o in outs]


def test_fingerprint_tracks_model_and_options_not_batching(tiny_dir: Path, tmp_path: Path) -> None:
    fp = GENERATORS.create(f"hf:{tiny_dir}").fingerprint()
    assert GENERATORS.create(f"hf:{tiny_dir}").fingerprint() == fp
    assert GENERATORS.create(f"hf:{tiny_dir}?batch_size=3").fingerprint() == fp
    assert GENERATORS.create(f"hf:{tiny_dir}?max_new_tokens=12").fingerprint() != fp
    copy = tmp_path / "copy"
    shutil.copytree(tiny_dir, copy)
    same = LMGenerator(ModelRef(copy), GenOptions()).fingerprint()
    (copy / "generation_config.json").write_text('{"_note": "changed"}')
    changed = LMGenerator(ModelRef(copy), GenOptions()).fingerprint()
    assert same.split(":")[-1] == fp.split(":")[-1] and changed != same


def test_bad_specs_fail_clearly(tmp_path: Path, tiny_dir: Path) -> None:
    with pytest.raises(ModelNotFound, match="not found"):
        GENERATORS.create(f"hf:{tmp_path / 'missing'}")
    with pytest.raises(ModelNotFound, match="no config.json"):
        GENERATORS.create(f"hf:{tmp_path}")
    with pytest.raises(ValueError, match="unknown generator option 'bogus'"):
        GENERATORS.create(f"hf:{tiny_dir}?bogus=1")
    with pytest.raises(ValueError, match="want a int"):
        GENERATORS.create(f"hf:{tiny_dir}?max_new_tokens=many")
    with pytest.raises(ValueError, match="prompt"):
        GENERATORS.create(f"hf:{tiny_dir}?prompt=poetry")
    with pytest.raises(ValueError, match="not a .gguf file"):
        GENERATORS.create(f"gguf:{tiny_dir}")


def test_seq2seq_models_are_supported(tiny_dir: Path, tmp_path: Path, test_examples) -> None:
    """An encoder-decoder directory goes through AutoModelForSeq2SeqLM: the prompt feeds
    the encoder and the whole decoder output is the explanation."""
    from transformers import AutoTokenizer, T5Config, T5ForConditionalGeneration

    tok = AutoTokenizer.from_pretrained(str(tiny_dir))
    cfg = T5Config(vocab_size=len(tok), d_model=32, d_kv=16, d_ff=64, num_layers=1, num_heads=2,
                   pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id, decoder_start_token_id=tok.pad_token_id)
    T5ForConditionalGeneration(cfg).save_pretrained(str(tmp_path / "t5"))
    tok.save_pretrained(str(tmp_path / "t5"))
    gen = GENERATORS.create(f"hf:{tmp_path / 't5'}?max_new_tokens=8&prompt=pepler")
    outs = gen.generate(test_examples[:3])
    assert gen.encoder_decoder and all(o.ok for o in outs)
    assert all(o.meta["new_tokens"] <= 9 for o in outs)  # decoder start token + at most 8 new


def test_fully_cached_run_does_not_load_the_model(tiny_dir: Path, tmp_path: Path) -> None:
    """The model loads on the first generate() call: a re-run whose outputs are all in the
    cache scores them without loading it (the process-wide model cache stays empty)."""
    from benchmark.lm import loading
    from benchmark.runner import RunSpec, run

    spec = RunSpec(("travel",), f"hf:{tiny_dir}", ("fmr",), limit=4, n_boot=10)
    first = run(spec, tmp_path / "r1", tmp_path / "c.sqlite", log=lambda m: None)
    loading._shared.cache_clear()
    second = run(spec, tmp_path / "r2", tmp_path / "c.sqlite", log=lambda m: None)
    assert loading._shared.cache_info().currsize == 0
    (name,) = second.suites
    assert first.suites[name].efficiency.generated == 4 and second.suites[name].efficiency.cached == 4


def test_prompt_style_comes_from_the_card_adapter_first(tmp_path: Path) -> None:
    """A trained model is prompted in the style its rxbench card names; an adapter's card
    wins over its base's; a model without a card (or a GGUF file) gets zero-shot."""
    base, adapter = tmp_path / "base", tmp_path / "adapter"
    base.mkdir()
    adapter.mkdir()
    assert prompt_style(ModelRef(base)) == "zeroshot"
    (base / "rxbench_card.json").write_text(json.dumps({"prompt_style": "pepler"}), encoding="utf-8")
    assert prompt_style(ModelRef(base)) == "pepler"
    (adapter / "rxbench_card.json").write_text(json.dumps({"prompt_style": "zeroshot"}), encoding="utf-8")
    assert prompt_style(ModelRef(base, adapter)) == "zeroshot"  # not the base's pepler
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF")
    assert prompt_style(ModelRef(gguf)) == "zeroshot"
