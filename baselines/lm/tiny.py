"""The `tiny` base: a small GPT-2 trained from scratch with a byte-level BPE
tokenizer trained on the suite's own text.

This is what runs offline in tests and demos (no pretrained weights needed):
about 0.5M parameters, so a CPU core trains it at tens of steps per second.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Iterable

EOS = "<|endoftext|>"
PAD = "<|pad|>"


@dataclass(frozen=True)
class TinySpec:
    """Size of the tiny model; `vocab_size` is the BPE target (the trained
    tokenizer may come out smaller on a small corpus)."""

    vocab_size: int = 2048
    n_embd: int = 96
    n_layer: int = 3
    n_head: int = 4
    n_positions: int = 256

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def train_tokenizer(texts: Iterable[str], vocab_size: int) -> Any:
    """Byte-level BPE (GPT-2's scheme: any unicode input is representable) trained on
    `texts`, wrapped as a transformers fast tokenizer that pads and truncates on the
    left, as decoder-only generation and long prompts need."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        min_frequency=2,
        special_tokens=[EOS, PAD],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(texts, trainer=trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token=EOS, eos_token=EOS, pad_token=PAD, padding_side="left", truncation_side="left"
    )


def init_model(tokenizer: Any, spec: TinySpec, seed: int) -> Any:
    """A randomly initialised GPT-2 of `spec`'s size, seeded."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    config = GPT2Config(
        vocab_size=len(tokenizer),
        n_positions=spec.n_positions,
        n_embd=spec.n_embd,
        n_layer=spec.n_layer,
        n_head=spec.n_head,
        bos_token_id=tokenizer.eos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        tie_word_embeddings=True,
        # no dropout: at this size and with early stopping it only slows training (13% of a step)
        resid_pdrop=0.0,
        embd_pdrop=0.0,
        attn_pdrop=0.0,
    )
    torch.manual_seed(seed)
    config._attn_implementation = "sdpa"
    return GPT2LMHeadModel(config)
