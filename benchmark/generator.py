"""The generator interface: Examples in, Explanations out."""
from __future__ import annotations

import time
from typing import Callable, Protocol, Sequence, runtime_checkable

from benchmark.schema import Example, Explanation, sha256_json
from benchmark.suite import Suite


@runtime_checkable
class Generator(Protocol):
    name: str
    batch_size: int
    # optional `precomputed = True`: outputs are fixed (read from a file), so the runner
    # does not score metrics that compare against perturbed inputs
    # optional `identity() -> dict`: what a served model reports about itself; its hash ends
    # the fingerprint after an "@", and the runner warns when cached outputs had another one

    def prepare(self, suite: Suite) -> None:
        """See the whole suite before generating for it (e.g. index its train split)."""

    def supports(self, suite: Suite) -> bool:
        """False when this generator has nothing to say about the suite (skipped, not failed)."""

    def fingerprint(self) -> str:
        """Model + options (+ prepared state): the generation cache key."""

    def generate(self, batch: Sequence[Example]) -> list[Explanation]:
        """One Explanation per example, in order; may raise for the whole batch."""


def error_text(exc: BaseException) -> str:
    """How a failure reads on its sample (samples.jsonl `error`)."""
    return f"{type(exc).__name__}: {exc}"


def explain_one(generator: str, example: Example, produce: Callable[[Example], tuple[str, dict | None]]) -> Explanation:
    """`produce(example)`: one example's `(text, meta)`, timed; an exception becomes this example's error
    so that the batch and the run go on (the one place generators isolate examples)."""
    t0 = time.perf_counter()
    try:
        text, meta = produce(example)
    except Exception as exc:  # recorded on the sample, the run goes on
        return Explanation(example.id, "", generator, time.perf_counter() - t0, error_text(exc))
    return Explanation(example.id, text, generator, time.perf_counter() - t0, None, meta or {})


def generate_isolated(gen: Generator, batch: Sequence[Example]) -> list[Explanation]:
    """generate() on the batch; if the batch fails, one example at a time so that
    only the failing examples carry the error."""
    try:
        out = gen.generate(batch)
        if len(out) != len(batch):
            raise RuntimeError(f"generator returned {len(out)} outputs for {len(batch)} examples")
        return out
    except Exception as exc:
        if len(batch) == 1:
            return [Explanation(batch[0].id, "", gen.name, 0.0, error_text(exc))]
        return [o for ex in batch for o in generate_isolated(gen, [ex])]


class SimpleGenerator:
    """Base for generators that explain one example at a time.

    Subclasses implement `explain(example) -> str` and `config() -> dict`;
    an exception on one example becomes that example's error.
    """

    name = "simple"
    batch_size = 64
    precomputed = False

    def prepare(self, suite: Suite) -> None:
        pass

    def supports(self, suite: Suite) -> bool:
        return True

    def config(self) -> dict:
        return {}

    def fingerprint(self) -> str:
        return f"{self.name}:{sha256_json(self.config())[:16]}"

    def explain(self, example: Example) -> str:
        raise NotImplementedError

    def generate(self, batch: Sequence[Example]) -> list[Explanation]:
        return [explain_one(self.name, ex, lambda e: (self.explain(e), None)) for ex in batch]
