"""Parse a GGUF file once per conversion instead of once per transformers component.

transformers reads a GGUF checkpoint's config, tokenizer config and weights through
separate `load_gguf_checkpoint` calls, each building a fresh `gguf.GGUFReader`, which
spends about 27 CPU seconds on Gemma 3's 262k-entry vocabulary arrays, then parsing
every field in Python again. Inside `parse_once()` the reader is built once per file
and the metadata-only result is computed once per file (callers get a deep copy, as
they edit it); the conversion itself is transformers' own, so its output is unchanged.
"""
from __future__ import annotations

import copy
import os
from contextlib import contextmanager
from typing import Any, Iterator, Literal
from unittest.mock import patch


@contextmanager
def parse_once() -> Iterator[dict[str, int]]:
    """Memoise `gguf.GGUFReader` and metadata-only `load_gguf_checkpoint` for the block;
    yields counts of the real reader builds and metadata parses (for checking)."""
    import gguf
    from transformers import modeling_gguf_pytorch_utils as mgu

    real_reader, real_load = gguf.GGUFReader, mgu.load_gguf_checkpoint
    readers: dict[tuple[str, str], Any] = {}
    metadata: dict[str, dict] = {}
    counts = {"readers": 0, "metadata": 0}

    def reader(path: Any, mode: Literal["r", "r+", "c"] = "r") -> Any:
        key = (os.path.realpath(path), mode)
        if key not in readers:
            counts["readers"] += 1
            readers[key] = real_reader(path, mode)
        return readers[key]

    def load(path: Any, return_tensors: bool = False, model_to_load: Any = None, torch_dtype: Any = None) -> dict:
        if return_tensors:  # weights depend on the model passed in: not memoised (the reader is)
            return real_load(path, return_tensors=True, model_to_load=model_to_load, torch_dtype=torch_dtype)
        key = os.path.realpath(path)
        if key not in metadata:
            counts["metadata"] += 1
            metadata[key] = real_load(path, return_tensors=False)
        return copy.deepcopy(metadata[key])

    with patch.object(gguf, "GGUFReader", reader), patch.object(mgu, "load_gguf_checkpoint", load):  # restored on exit
        yield counts
