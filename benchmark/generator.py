"""The generator interface: Examples in, Explanations out."""
from __future__ import annotations

import time
from typing import Protocol, Sequence, runtime_checkable

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
        out = []
        for ex in batch:
            t0 = time.perf_counter()
            try:
                text, err = self.explain(ex), None
            except Exception as exc:  # recorded on the sample, the run goes on
                text, err = "", f"{type(exc).__name__}: {exc}"
            out.append(Explanation(ex.id, text, self.name, time.perf_counter() - t0, err))
        return out
