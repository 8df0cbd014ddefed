"""parse_once: one GGUFReader and one metadata parse per file, same answers as transformers, copies
callers may edit, and transformers' own functions back in place afterwards."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

gguf = pytest.importorskip("gguf")

from transformers import modeling_gguf_pytorch_utils as mgu  # noqa: E402

from benchmark.lm.gguf_once import parse_once  # noqa: E402


@pytest.fixture(scope="module")
def tiny_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-block llama GGUF with a 4-token vocabulary (one Chinese token)."""
    path = tmp_path_factory.mktemp("gguf") / "tiny.gguf"
    w = gguf.GGUFWriter(str(path), "llama")
    w.add_block_count(1)
    w.add_context_length(16)
    w.add_embedding_length(4)
    w.add_feed_forward_length(8)
    w.add_head_count(2)
    w.add_tokenizer_model("llama")
    w.add_token_list(["<unk>", "a", "b", "中"])
    w.add_token_scores([0.0, -1.0, -2.0, -3.0])
    w.add_token_types([2, 1, 1, 1])
    w.add_tensor("token_embd.weight", np.arange(16, dtype=np.float32).reshape(4, 4))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()
    return path


def test_one_reader_and_one_parse_for_repeated_metadata_reads(tiny_gguf: Path) -> None:
    with parse_once() as counts:
        first = mgu.load_gguf_checkpoint(str(tiny_gguf))
        second = mgu.load_gguf_checkpoint(str(tiny_gguf), return_tensors=False)
        reader = gguf.GGUFReader(str(tiny_gguf))
        assert gguf.GGUFReader(str(tiny_gguf)) is reader
    assert counts == {"readers": 1, "metadata": 1}
    assert first["tokenizer"]["tokens"] == ["<unk>", "a", "b", "中"]
    assert first["config"]["hidden_size"] == 4 and first["config"]["vocab_size"] == 4
    assert second == first


def test_memoised_results_equal_transformers_and_are_private_copies(tiny_gguf: Path) -> None:
    plain = mgu.load_gguf_checkpoint(str(tiny_gguf))
    with parse_once():
        edited = mgu.load_gguf_checkpoint(str(tiny_gguf))
        assert edited == plain
        edited["config"].pop("hidden_size")  # what config loading does to its copy
        assert mgu.load_gguf_checkpoint(str(tiny_gguf))["config"]["hidden_size"] == 4


def test_weights_are_read_per_call_and_functions_restored(tiny_gguf: Path) -> None:
    real_reader, real_load = gguf.GGUFReader, mgu.load_gguf_checkpoint
    from transformers import LlamaConfig, LlamaForCausalLM

    model = LlamaForCausalLM(LlamaConfig(hidden_size=4, num_hidden_layers=1, num_attention_heads=2, intermediate_size=8, vocab_size=4))
    with parse_once() as counts:
        mgu.load_gguf_checkpoint(str(tiny_gguf))
        weights = mgu.load_gguf_checkpoint(str(tiny_gguf), return_tensors=True, model_to_load=model)["tensors"]
    assert counts == {"readers": 1, "metadata": 1}  # the tensor read reused the metadata read's reader
    assert weights["model.embed_tokens.weight"].flatten().tolist() == list(range(16))
    assert (gguf.GGUFReader, mgu.load_gguf_checkpoint) == (real_reader, real_load)


def test_fast_reader_reads_the_same_fields_and_tensors(tiny_gguf: Path) -> None:
    plain = gguf.GGUFReader(str(tiny_gguf))
    with parse_once():
        fast = gguf.GGUFReader(str(tiny_gguf))
    assert type(fast) is not type(plain) and list(fast.fields) == list(plain.fields)
    for name, field in plain.fields.items():
        other = fast.fields[name]
        assert (other.data, other.types) == (field.data, field.types), name
        assert all(a.dtype == b.dtype and np.array_equal(a, b) for a, b in zip(other.parts, field.parts, strict=True)), name
    assert [t.name for t in fast.tensors] == ["token_embd.weight"]
    assert np.array_equal(fast.tensors[0].data, plain.tensors[0].data)


def test_a_weights_read_sees_the_token_count_not_the_vocabulary(tiny_gguf: Path) -> None:
    """The weights read gets the token list as empty strings (4: the vocabulary size) and no
    scores or types, and gives transformers' weights."""
    from transformers import LlamaConfig, LlamaForCausalLM

    model = LlamaForCausalLM(LlamaConfig(hidden_size=4, num_hidden_layers=1, num_attention_heads=2, intermediate_size=8, vocab_size=4))
    expected = mgu.load_gguf_checkpoint(str(tiny_gguf), return_tensors=True, model_to_load=model)
    with parse_once():
        got = mgu.load_gguf_checkpoint(str(tiny_gguf), return_tensors=True, model_to_load=model)
        assert gguf.GGUFReader(str(tiny_gguf)).fields["tokenizer.ggml.tokens"].contents() == ["<unk>", "a", "b", "中"]
    assert expected["tokenizer"]["scores"] == [0.0, -1.0, -2.0, -3.0]
    assert got["tokenizer"] == {"tokenizer_type": "llama", "tokens": ["", "", "", ""]} and got["config"]["vocab_size"] == 4
    assert got["tensors"].keys() == expected["tensors"].keys() == {"model.embed_tokens.weight"}
    assert got["tensors"]["model.embed_tokens.weight"].equal(expected["tensors"]["model.embed_tokens.weight"])
