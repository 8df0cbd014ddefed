"""Finding, identifying and loading local language models (no network, ever).

A model reference is what a user writes after `hf:` / `gguf:`:
`PATH` (a Hugging Face model directory, or a directory holding a LoRA adapter,
whose base is then found from the adapter), `FILE.gguf`, or
`PATH+adapter:DIR`. GGUF files are converted once into a plain Hugging Face
directory in the model cache: transformers' GGUF reader parses the whole
262k-token vocabulary of Gemma 3 270M in Python once per component (config,
tokenizer, weights: 129 CPU s), `parse_once` makes that once per conversion
and cheaper (37 CPU s, then 27 with its plain-array reader and vocabulary-free
weights read; byte-identical output); the converted copy loads in seconds.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from benchmark.lm.gguf_once import parse_once

CARD = "rxbench_card.json"  # written by `rxbench train`: base, data, steps, prompt style
FULL_HASH_LIMIT = 2 << 30  # files up to 2 GiB are hashed in full; bigger ones by size + head + tail
SMALL_MODEL = 20_000_000  # parameters below which one torch thread is faster than two


class ModelNotFound(FileNotFoundError):
    pass


def model_cache_dir() -> Path:
    """Where converted GGUF models and the assembled Gemma file live: $RXBENCH_MODEL_CACHE,
    else .rxbench/models beside the generation cache (never the home directory)."""
    return Path(os.environ.get("RXBENCH_MODEL_CACHE") or ".rxbench/models")


@dataclass(frozen=True)
class ModelRef:
    path: Path  # HF directory or GGUF file of the base model
    adapter: Path | None = None  # LoRA adapter directory

    @property
    def is_gguf(self) -> bool:
        return self.path.suffix.lower() == ".gguf"

    def label(self) -> str:
        return self.path.name + (f"+{self.adapter.name}" if self.adapter else "")


def read_card(directory: Path) -> dict:
    try:
        return json.loads((directory / CARD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _adapter_base(adapter: Path) -> Path:
    """The base model an adapter directory was trained on: our card first, then peft's
    adapter_config.json; a relative path is read against the adapter dir (where rxbench writes it), then the cwd."""
    card = read_card(adapter)
    cfg = json.loads((adapter / "adapter_config.json").read_text(encoding="utf-8"))
    for cand in (card.get("base_path"), cfg.get("base_model_name_or_path")):
        if not cand:
            continue
        for p in (adapter / cand, Path(cand)):
            if p.exists():
                return p.resolve()
    raise ModelNotFound(f"{adapter}: adapter's base model {cfg.get('base_model_name_or_path')!r} not found locally")


def parse_ref(arg: str) -> ModelRef:
    """`PATH`, `FILE.gguf`, `PATH+adapter:DIR`, or an adapter directory alone."""
    base, sep, adapter = arg.partition("+adapter:")
    path = Path(base).expanduser()
    if not path.exists():
        raise ModelNotFound(f"model {base!r} not found (want a local Hugging Face directory or a .gguf file)")
    if path.is_dir() and not sep and (path / "adapter_config.json").is_file():
        return ModelRef(_adapter_base(path), path.resolve())
    if path.is_dir() and not (path / "config.json").is_file() and not (path / "adapter_config.json").is_file():
        raise ModelNotFound(f"{path}: not a Hugging Face model directory (no config.json)")
    if sep:
        ad = Path(adapter).expanduser()
        if not (ad / "adapter_config.json").is_file():
            raise ModelNotFound(f"{adapter}: not a peft adapter directory (no adapter_config.json)")
        return ModelRef(path.resolve(), ad.resolve())
    return ModelRef(path.resolve())


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    size = path.stat().st_size
    with path.open("rb") as fh:
        if size <= FULL_HASH_LIMIT:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        else:
            h.update(fh.read(1 << 24))
            fh.seek(-(1 << 24), os.SEEK_END)
            h.update(fh.read())
            h.update(str(size).encode())
    return h.hexdigest()


@lru_cache(maxsize=64)
def _digest_cached(path: str, size: int, mtime_ns: int) -> str:
    return _file_digest(Path(path))


def path_digest(path: Path) -> str:
    """Content hash of a model file or directory (names + contents), memoised per
    (path, size, mtime) so that retraining into the same directory changes it."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file() and "checkpoint" not in p.parts)
    h = hashlib.sha256()
    for f in files:
        st = f.stat()
        h.update(f"{f.relative_to(path) if f != path else f.name}\0".encode())
        h.update(_digest_cached(str(f), st.st_size, st.st_mtime_ns).encode())
    return h.hexdigest()


def ref_digest(ref: ModelRef) -> str:
    parts = [path_digest(ref.path)] + ([path_digest(ref.adapter)] if ref.adapter else [])
    return hashlib.sha256("+".join(parts).encode()).hexdigest()


def materialize_gguf(path: Path) -> Path:
    """A Hugging Face directory with the (de-quantised) weights and tokenizer of a GGUF
    file, converted once and kept in the model cache under the file's content hash.
    Concurrent converters each write a private temp dir; the first rename wins."""
    target = model_cache_dir() / f"{path.stem}-{path_digest(path)[:16]}-hf"
    if (target / "config.json").is_file():
        return target
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tmp = target.with_name(f"{target.name}.tmp-{uuid.uuid4().hex[:8]}")
    try:
        with parse_once():
            tok = AutoTokenizer.from_pretrained(str(path.parent), gguf_file=path.name)
            model = AutoModelForCausalLM.from_pretrained(str(path.parent), gguf_file=path.name, dtype=torch.float32)
        quantizer = getattr(model, "hf_quantizer", None)
        if quantizer is not None:  # transformers marks a GGUF load as "quantized" even when it dequantised every weight
            if not all(p.dtype.is_floating_point for p in model.parameters()):
                raise RuntimeError(f"{path}: transformers kept the GGUF weights packed; no dense copy to cache")
            quantizer.remove_quantization_config(model)
        model.save_pretrained(tmp)
        tok.save_pretrained(tmp)
        (tmp / "rxbench_source.json").write_text(json.dumps({"gguf": str(path), "sha256": path_digest(path)}))
        try:
            tmp.rename(target)
        except OSError:  # another process got there first
            pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def hf_dir(path: Path) -> Path:
    """The loadable Hugging Face directory for a base model path (GGUF converted)."""
    return materialize_gguf(path) if path.suffix.lower() == ".gguf" else path


def load_tokenizer(ref: ModelRef) -> Any:
    from transformers import AutoTokenizer

    src = ref.adapter if ref.adapter and (ref.adapter / "tokenizer_config.json").is_file() else hf_dir(ref.path)
    tok = AutoTokenizer.from_pretrained(str(src))
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    return tok


def load_model(ref: ModelRef, *, merge: bool = True) -> Any:
    """The model in float32 on CPU, eval mode; a LoRA adapter is applied and, with
    `merge`, folded into the weights (same outputs, no adapter overhead per token)."""
    import torch
    from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM

    directory = hf_dir(ref.path)
    config = AutoConfig.from_pretrained(str(directory))
    cls = AutoModelForSeq2SeqLM if getattr(config, "is_encoder_decoder", False) else AutoModelForCausalLM
    model = cls.from_pretrained(str(directory), dtype=torch.float32)
    if ref.adapter:
        from peft import PeftModel

        model = PeftModel.from_pretrained(model, str(ref.adapter))
        # LoRA-style adapters fold into the weights; prompt-learning ones (prefix tuning) cannot
        if merge and not model.peft_config["default"].is_prompt_learning:
            model = model.merge_and_unload()
    return model.eval()


def shared(ref: ModelRef, merge: bool = True) -> tuple[Any, Any]:
    """(tokenizer, model) loaded once per process for inference: a generator and the
    fluency scorer naming the same model share one copy (Gemma: about 1 GB).
    Never train a shared model; `rxbench train` loads its own."""
    return _shared(ref, merge or ref.adapter is None)


@lru_cache(maxsize=4)
def _shared(ref: ModelRef, merge: bool) -> tuple[Any, Any]:
    return load_tokenizer(ref), load_model(ref, merge=merge)


@contextmanager
def threads_for(model: Any) -> Iterator[None]:
    """Run a small model on one torch thread. Its matrices are too small to split, and
    two spinning OpenMP threads on a busy 2-core machine made tiny-model generation
    6x slower here (1.2 s vs 6.7 s for 16 examples); big models keep torch's default."""
    import torch

    if sum(p.numel() for p in model.parameters()) >= SMALL_MODEL:
        yield
        return
    old = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(old)
