"""`llamacpp:FILE.gguf`: a GGUF model run in process by llama.cpp (optional extra
`rxbench[llamacpp]`, i.e. llama-cpp-python; not installed by `make`, it builds
llama.cpp from source, about half an hour on 2 cores).

Why: llama.cpp runs the quantised weights directly; on 2 CPU cores it generated
25-26 new tokens/s for Gemma 3 270M against 6.4 (batch 1) to 13.8 (batch 16)
for the transformers path, which de-quantises to float32.

The prompt, stop sequences and post-processing are the in-process ones
(baselines/lm/prompts.py): `prompt=zeroshot` (default) for a pretrained model,
`prompt=pepler` for a model fine-tuned by `rxbench train` and exported to GGUF.
llama.cpp drops the stop string it matched, so a sentence cut at ". " gets its
full stop back, as in the `openai:` completions mode. Examples are generated one
after another on one context (llama-cpp-python's high-level API has no batched
generation); `n_threads` sets the CPU threads.
Options: `llamacpp:FILE?max_tokens=40&n_threads=2&n_ctx=1024&prompt=zeroshot&seed=0`.
"""
from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from baselines.lm.hf import _split_query, parse_options
from baselines.lm.prompts import (
    STYLE_VERSION,
    STYLES,
    build_prompt,
    clean_output,
    restore_stop,
)
from benchmark.generator import explain_one
from benchmark.lm.loading import path_digest
from benchmark.registry import GENERATORS
from benchmark.schema import Example, Explanation, sha256_json
from benchmark.suite import Suite

INSTALL_HINT = "pip install 'rxbench[llamacpp]'  (or: pip install llama-cpp-python; it compiles llama.cpp)"


def available() -> bool:
    """True when llama-cpp-python is installed (checked without importing it)."""
    return importlib.util.find_spec("llama_cpp") is not None


@dataclass(frozen=True)
class LlamaOptions:
    max_tokens: int = 40
    temperature: float = 0.0
    seed: int = 0
    prompt: str = "zeroshot"
    n_ctx: int = 1024
    n_threads: int = 0  # 0 = llama.cpp's default
    batch_size: int = 16  # examples per generate() call (the runner commits the cache after each)

    def __post_init__(self) -> None:
        if self.prompt not in STYLES:
            raise ValueError(f"prompt={self.prompt!r}: use one of {', '.join(STYLES)}")
        if self.max_tokens < 1 or self.n_ctx < 64 or self.n_threads < 0 or self.batch_size < 1:
            raise ValueError("max_tokens and batch_size must be >= 1, n_ctx >= 64, n_threads >= 0")


class LlamaCppGenerator:
    def __init__(self, path: Path, opts: LlamaOptions = LlamaOptions()) -> None:
        if not path.is_file() or path.suffix.lower() != ".gguf":
            raise FileNotFoundError(f"llamacpp:{path}: not a .gguf file")
        self.path = path
        self.opts = opts
        self.batch_size = opts.batch_size
        self.name = f"llamacpp:{path.stem}"
        self._llm: Any = None
        self._lock = threading.Lock()

    def prepare(self, suite: Suite) -> None:
        pass  # the model loads on the first generate() call: a fully cached run never loads it

    def supports(self, suite: Suite) -> bool:
        return True

    def fingerprint(self) -> str:
        cfg = {**asdict(self.opts), "model": path_digest(self.path), "prompt": STYLE_VERSION[self.opts.prompt], "engine": "llama.cpp"}
        for k in ("batch_size", "n_threads"):
            cfg.pop(k)
        return f"{self.name}:{sha256_json(cfg)[:16]}"

    def _load(self) -> Any:
        with self._lock:
            if self._llm is None:
                if not available():
                    raise ModuleNotFoundError(f"llamacpp: llama-cpp-python is not installed: {INSTALL_HINT}")
                from llama_cpp import Llama

                self._llm = Llama(model_path=str(self.path), n_ctx=self.opts.n_ctx, seed=self.opts.seed,
                                  n_threads=self.opts.n_threads or None, verbose=False)
            return self._llm

    def _one(self, llm: Any, ex: Example) -> tuple[str, dict]:
        p = build_prompt(ex, self.opts.prompt)
        out = llm.create_completion(p.text, max_tokens=self.opts.max_tokens, temperature=self.opts.temperature,
                                    seed=self.opts.seed, stop=list(p.stops))
        choice = out["choices"][0]
        text = clean_output(restore_stop(choice["text"], choice.get("finish_reason"), p.stops), p.prefix)
        usage = out.get("usage") or {}
        return text, {"prompt_tokens": usage.get("prompt_tokens"), "new_tokens": usage.get("completion_tokens")}

    def generate(self, batch: Sequence[Example]) -> list[Explanation]:
        llm = self._load()
        return [explain_one(self.name, ex, lambda e: self._one(llm, e)) for ex in batch]  # one bad example must not sink the batch


@GENERATORS.register("llamacpp", takes_arg=True, help="A GGUF file run by llama.cpp in process (optional extra rxbench[llamacpp])")
def llamacpp_generator(arg: str, **kwargs: Any) -> LlamaCppGenerator:
    path, query = _split_query(arg)
    return LlamaCppGenerator(Path(path).expanduser(), parse_options(query, LlamaOptions(**kwargs)))
