"""Parse a GGUF file once per conversion instead of once per transformers component.

transformers reads a GGUF checkpoint's config, tokenizer config and weights through
separate `load_gguf_checkpoint` calls, each building a fresh `gguf.GGUFReader` and then
parsing every field in Python again, Gemma 3's 262k-entry vocabulary arrays included.
Inside `parse_once()` the reader is built once per file, on a plain array view of the file
(`GGUFReader` slices an `np.memmap`, whose per-slice subclass bookkeeping was 70% of its
10 CPU s on Gemma 3), the metadata-only result is computed once per file (callers get a
deep copy, as they edit it), and a weights read sees the reader without the tokenizer's
arrays (the weights do not depend on them). The conversion itself is transformers' own,
so its output is unchanged.
"""
from __future__ import annotations

import copy
import os
from collections import OrderedDict
from contextlib import contextmanager
from typing import Any, Iterator, Literal
from unittest.mock import patch

TOKENS = "tokenizer.ggml.tokens"


def _plain_reader(real_reader: type) -> type:
    """A GGUFReader subclass reading through a plain ndarray view of its memmap: the same
    bytes and dtypes, without np.memmap's __getitem__ / __array_finalize__ per field part."""
    import numpy as np

    class PlainReader(real_reader):
        def __init__(self, path: Any, mode: Literal["r", "r+", "c"] = "r") -> None:
            self._plain = np.memmap(path, mode=mode).view(np.ndarray)  # before the parent parses the header
            super().__init__(path, mode)

        def _get(self, offset: int, dtype: Any, count: int = 1, override_order: Any = None) -> Any:
            count = int(count)
            arr = self._plain[offset : offset + np.dtype(dtype).itemsize * count].view(dtype=dtype)[:count]
            return arr.view(arr.dtype.newbyteorder(self.byte_order if override_order is None else override_order))

    return PlainReader


def without_vocabulary(reader: Any) -> Any:
    """A shallow copy of `reader` for a weights read, which parses every field again but whose
    weights do not depend on the tokenizer's arrays (token strings, scores, types, merges): they
    are left out, but for the token list kept as as many empty strings (transformers takes the
    vocabulary size from its length when the config has none)."""
    import numpy as np

    lean = copy.copy(reader)
    lean.fields = OrderedDict((k, f) for k, f in reader.fields.items() if not (k.startswith("tokenizer.") and len(f.data) > 1))
    tokens = reader.fields.get(TOKENS)
    if tokens is not None:
        lean.fields[TOKENS] = tokens._replace(parts=[np.zeros(0, np.uint8)], data=[0] * len(tokens.data))
    return lean


@contextmanager
def parse_once() -> Iterator[dict[str, int]]:
    """Memoise `gguf.GGUFReader` and metadata-only `load_gguf_checkpoint` for the block;
    yields counts of the real reader builds and metadata parses (for checking)."""
    import gguf
    from transformers import modeling_gguf_pytorch_utils as mgu

    real_reader, real_load = gguf.GGUFReader, mgu.load_gguf_checkpoint
    fast_reader = _plain_reader(real_reader)
    readers: dict[tuple[str, str], Any] = {}
    metadata: dict[str, dict] = {}
    counts = {"readers": 0, "metadata": 0}
    weights_read = False

    def reader(path: Any, mode: Literal["r", "r+", "c"] = "r") -> Any:
        key = (os.path.realpath(path), mode)
        if key not in readers:
            counts["readers"] += 1
            readers[key] = fast_reader(path, mode)
        return without_vocabulary(readers[key]) if weights_read else readers[key]

    def load(path: Any, return_tensors: bool = False, model_to_load: Any = None, torch_dtype: Any = None) -> dict:
        nonlocal weights_read
        if return_tensors:  # weights depend on the model passed in: not memoised (the reader is)
            weights_read = True
            try:
                return real_load(path, return_tensors=True, model_to_load=model_to_load, torch_dtype=torch_dtype)
            finally:
                weights_read = False
        key = os.path.realpath(path)
        if key not in metadata:
            counts["metadata"] += 1
            metadata[key] = real_load(path, return_tensors=False)
        return copy.deepcopy(metadata[key])

    with patch.object(gguf, "GGUFReader", reader), patch.object(mgu, "load_gguf_checkpoint", load):  # restored on exit
        yield counts
