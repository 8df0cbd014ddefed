"""Every RXBENCH_* environment variable, for `rxbench env` (one list, so the
documentation cannot drift from the code: tests grep the code for the names)."""
from __future__ import annotations

import os

SECRET = ("RXBENCH_API_KEY",)  # shown as set / not set, never the value

ENV_VARS: dict[str, str] = {
    "RXBENCH_CACHE": "SQLite generation cache of `rxbench run` and the gates (default .rxbench/cache.sqlite)",
    "RXBENCH_MODEL_CACHE": "converted GGUF models and the assembled Gemma 3 270M file gemma-3-270m-q4_k_m.gguf (default .rxbench/models)",
    "RXBENCH_API_KEY": "API key of `openai:` generators (else OPENAI_API_KEY); never written anywhere",
    "RXBENCH_FLUENCY_LM": "reference LM of the perplexity metrics: gemma (default), hf:DIR or gguf:FILE",
    "RXBENCH_DETOXIFY_CHECKPOINT": "a local Detoxify .ckpt for the toxicity-detoxify.* metrics",
    "RXBENCH_DETOXIFY_CONFIG": "a local directory with the Detoxify base model's config and tokenizer",
    "RXBENCH_CANDIDATE": "release gates: candidate run directory or generator spec (default: template)",
    "RXBENCH_BASELINE": "release gates: baseline run directory (default: the committed benchmark/gates/baseline)",
    "RXBENCH_GATES": "release gates: gate file (default: benchmark/gates/gates.yaml)",
    "RXBENCH_GATES_REPORT": "release gates: also write compare.md / compare.html into this directory",
    "RXBENCH_DEBUG": "set to show the full traceback instead of a one-line error",
}


def describe() -> str:
    """One line per variable: name, current value (secrets hidden) and meaning."""
    lines = []
    for name, what in ENV_VARS.items():
        value = os.environ.get(name)
        shown = ("(set)" if value else "(not set)") if name in SECRET else (value or "(not set)")
        lines.append(f"{name:<28} {shown}\n    {what}")
    return "\n".join(lines)
