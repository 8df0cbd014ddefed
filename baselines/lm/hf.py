"""Generators over local language models: `hf:PATH`, `hf:PATH+adapter:DIR`,
`gguf:FILE` and `gemma` (the packaged Gemma 3 270M, zero-shot).

Options follow the path as a query string, e.g.
`hf:models/tiny?max_new_tokens=32&sample=1&temperature=0.7&seed=3`.
Prompts are batched (left padding), decoded greedily or by seeded sampling,
and the prompt is stripped from the output. Sampling draws every example's
tokens from its own generator seeded by (seed, example id), so an output does
not depend on which other examples share its batch.
"""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Sequence, TypeVar
from urllib.parse import parse_qsl

from baselines.lm.card import prompt_style
from baselines.lm.prompts import STYLE_VERSION, STYLES, Prompt, build_prompt, clean_output
from benchmark.lm import gemma
from benchmark.lm.loading import ModelRef, parse_ref, ref_digest, shared, threads_for
from benchmark.registry import GENERATORS
from benchmark.schema import Example, Explanation, sha256_json
from benchmark.seeding import seed_int
from benchmark.suite import Suite


@dataclass(frozen=True)
class GenOptions:
    batch_size: int = 16
    max_new_tokens: int = 48
    sample: bool = False
    temperature: float = 0.8
    top_p: float = 0.95
    seed: int = 0
    prompt: str = ""  # "" = the style the model was trained with (its rxbench card), else zeroshot
    max_prompt_tokens: int = 768
    merge: bool = True  # fold a LoRA adapter into the weights at load time

    def __post_init__(self) -> None:
        if self.prompt and self.prompt not in STYLES:
            raise ValueError(f"prompt={self.prompt!r}: use one of {', '.join(STYLES)}")
        if self.batch_size < 1 or self.max_new_tokens < 1 or self.max_prompt_tokens < 8:
            raise ValueError("batch_size and max_new_tokens must be >= 1, max_prompt_tokens >= 8")
        if self.sample and not (self.temperature > 0 and 0 < self.top_p <= 1):
            raise ValueError("sampling needs temperature > 0 and 0 < top_p <= 1")


O = TypeVar("O")


def parse_options(query: str, base: O) -> O:
    """`k=v&k=v` -> a copy of the options dataclass `base`, values typed like its
    defaults; unknown keys and unparsable values fail with the known keys named."""
    known = {f.name for f in fields(base)}  # type: ignore[arg-type]
    values: dict[str, Any] = {}
    for key, raw in parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query)):
        if key not in known:
            raise ValueError(f"unknown generator option {key!r}; known: {', '.join(sorted(known))}")
        kind = type(getattr(base, key))
        if kind is bool:
            values[key] = raw.lower() in ("1", "true", "yes", "on")
            continue
        try:
            values[key] = kind(raw)
        except ValueError:
            raise ValueError(f"generator option {key}={raw!r}: want a {kind.__name__}") from None
    return replace(base, **values)  # type: ignore[type-var]


def example_seed(seed: int, example_id: str) -> int:
    return seed_int(seed, example_id, byteorder="little")


def _seeded_sampler(seeds: Sequence[int]) -> Any:
    """A logits processor that samples each row with its own torch.Generator and
    leaves only the drawn token (greedy search then picks it)."""
    import torch
    from transformers import LogitsProcessor

    class SeededSampler(LogitsProcessor):
        def __init__(self) -> None:
            self.gens = [torch.Generator().manual_seed(s) for s in seeds]

        def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor) -> torch.Tensor:
            probs = torch.softmax(scores.float(), dim=-1)
            picks = torch.cat([torch.multinomial(probs[i], 1, generator=g) for i, g in enumerate(self.gens)])
            out = torch.full_like(scores, float("-inf"))
            out[torch.arange(len(picks)), picks] = 0.0
            return out

    return SeededSampler()


class LMGenerator:
    """Any local causal (or seq2seq) LM; loads lazily, on first use."""

    def __init__(self, ref: ModelRef, opts: GenOptions = GenOptions(), name: str | None = None) -> None:
        self.ref = ref
        self.opts = opts
        self.batch_size = opts.batch_size
        self.name = name or f"hf:{ref.label()}"
        self.style = opts.prompt or prompt_style(ref)
        self._model: Any = None
        self._tok: Any = None
        self._digest: str | None = None
        self._stoppers: dict[tuple[str, ...], Any] = {}
        # (prompt, example id when sampling) -> (text, new tokens, latency s). Greedy decoding's output is a
        # function of the prompt, and a perturbed twin often has its original's prompt (a user's gender or
        # profile wording is not in a prompt built from the recommender's reasons): each is generated once
        self._outputs: dict[tuple[Prompt, str], tuple[str, int, float]] = {}

    # -- Generator protocol -------------------------------------------------
    def prepare(self, suite: Suite) -> None:
        """Nothing: the model loads on the first generate() call, so a run whose outputs
        are all cached never loads it (Gemma: tens of seconds)."""

    def supports(self, suite: Suite) -> bool:
        return True

    def fingerprint(self) -> str:
        if self._digest is None:
            self._digest = ref_digest(self.ref)
        cfg = {**asdict(self.opts), "model": self._digest, "prompt": STYLE_VERSION[self.style]}
        cfg.pop("batch_size")  # batching does not change greedy outputs, nor seeded samples
        return f"{self.name}:{sha256_json(cfg)[:16]}"

    def generate(self, batch: Sequence[Example]) -> list[Explanation]:
        """Each distinct prompt of the batch not generated before, in one padded batch."""
        self._load()
        keys = [(build_prompt(ex, self.style), ex.id if self.opts.sample else "") for ex in batch]
        todo = list(dict.fromkeys(k for k in keys if k not in self._outputs))
        if todo:
            t0 = time.perf_counter()
            results = self._run([p for p, _ in todo], [i for _, i in todo])  # a failing batch is retried one by one (generate_isolated)
            per = (time.perf_counter() - t0) / len(todo)
            self._outputs.update((k, (text, n, per)) for k, (text, n) in zip(todo, results))
        outs = [self._outputs[k] for k in keys]
        return [Explanation(ex.id, text, self.name, per, None, {"new_tokens": n}) for ex, (text, n, per) in zip(batch, outs)]

    def forget(self) -> None:
        """Drop the remembered outputs (a timing run repeats the same prompts)."""
        self._outputs.clear()

    # -- internals ------------------------------------------------------------
    def _load(self) -> None:
        if self._model is None:
            self._tok, self._model = shared(self.ref, self.opts.merge)

    def _stopper(self, stops: tuple[str, ...]) -> Any:
        """transformers' StopStringCriteria, built once per stop set: building it indexes
        the whole vocabulary (4.5 s per generate() call for Gemma's 262k tokens)."""
        if stops not in self._stoppers:
            from transformers import StoppingCriteriaList, StopStringCriteria

            self._stoppers[stops] = StoppingCriteriaList([StopStringCriteria(self._tok, list(stops))])
        return self._stoppers[stops]

    @property
    def encoder_decoder(self) -> bool:
        return bool(getattr(self._model.config, "is_encoder_decoder", False))

    def _prompt_budget(self) -> int:
        limit = getattr(self._model.config, "n_positions", None) or getattr(self._model.config, "max_position_embeddings", None) or 2048
        room = limit if self.encoder_decoder else limit - self.opts.max_new_tokens
        return max(8, min(self.opts.max_prompt_tokens, room))

    def _run(self, prompts: Sequence[Prompt], ids: Sequence[str]) -> list[tuple[str, int]]:
        """Generate for prompts in one padded batch: (explanation, new token count) each."""
        import torch
        from transformers import GenerationConfig, LogitsProcessorList

        tok, model = self._tok, self._model
        tok.padding_side = "left"
        tok.truncation_side = "left"  # keep the end of an over-long prompt: it asks for the answer
        enc = tok([p.text for p in prompts], return_tensors="pt", padding=True, truncation=True, max_length=self._prompt_budget())
        config = GenerationConfig(
            max_new_tokens=self.opts.max_new_tokens, do_sample=False, num_beams=1,
            pad_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id, bos_token_id=tok.bos_token_id,
        )
        processors = LogitsProcessorList()
        if self.opts.sample:
            from transformers import TemperatureLogitsWarper, TopPLogitsWarper

            processors.extend([
                TemperatureLogitsWarper(self.opts.temperature), TopPLogitsWarper(self.opts.top_p),
                _seeded_sampler([example_seed(self.opts.seed, i) for i in ids]),
            ])
        with torch.inference_mode(), threads_for(model):
            out = model.generate(**enc, generation_config=config, logits_processor=processors,
                                 stopping_criteria=self._stopper(prompts[0].stops))
        new = out if self.encoder_decoder else out[:, enc["input_ids"].shape[1]:]
        results = []
        for p, row in zip(prompts, new.tolist()):
            toks = [t for t in row if t != tok.pad_token_id]
            if tok.eos_token_id in toks:
                toks = toks[: toks.index(tok.eos_token_id) + 1]
            text = tok.decode(toks, skip_special_tokens=True)
            results.append((clean_output(text, p.prefix), len(toks)))
        return results


def _split_query(arg: str) -> tuple[str, str]:
    path, sep, query = arg.rpartition("?")
    return (path, query) if sep and "=" in query else (arg, "")


@GENERATORS.register("hf", takes_arg=True, help="A local Hugging Face model dir (optionally +adapter:DIR); options ?max_new_tokens=..&sample=1")
def hf_generator(arg: str, **kwargs: Any) -> LMGenerator:
    path, query = _split_query(arg)
    return LMGenerator(parse_ref(path), parse_options(query, GenOptions(**kwargs)))


@GENERATORS.register("gguf", takes_arg=True, help="A local GGUF model file (converted once into the model cache)")
def gguf_generator(arg: str, **kwargs: Any) -> LMGenerator:
    path, query = _split_query(arg)
    ref = parse_ref(path)
    if not ref.is_gguf:
        raise ValueError(f"gguf:{path}: not a .gguf file (use hf: for model directories)")
    return LMGenerator(ref, parse_options(query, GenOptions(**kwargs)), name=f"gguf:{ref.label()}")


GEMMA_DEFAULTS = GenOptions(batch_size=16, max_new_tokens=40, prompt="zeroshot")


@GENERATORS.register("gemma", help="Gemma 3 270M zero-shot (optional extra rxbench[gemma])")
def gemma_generator(**kwargs: Any) -> LMGenerator:
    """Gemma 3 270M, zero-shot with the instruction prompt (needs rxbench[gemma])."""
    return LMGenerator(ModelRef(gemma.gguf_path()), replace(GEMMA_DEFAULTS, **kwargs), name="gemma-3-270m")
