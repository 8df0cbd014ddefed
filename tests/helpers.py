"""Test-only registrations: a small hand-built suite and generators that fail or are slow."""
from __future__ import annotations

import os
import time

from benchmark.generator import SimpleGenerator
from benchmark.registry import GENERATORS, SUITES
from benchmark.schema import Example, Item, Reason, Signals, User
from benchmark.suite import Suite

AMENITIES = ["pool", "spa", "gym", "free wifi", "parking"]


def tiny_examples(n: int = 40) -> tuple[Example, ...]:
    out = []
    for i in range(n):
        have = [AMENITIES[i % 5], AMENITIES[(i + 2) % 5]]
        split = "train" if i < n // 2 else ("valid" if i < n // 2 + 4 else "test")
        out.append(Example(
            id=f"tiny-{i:03d}", domain="tiny",
            user=User(f"u{i}", {"wants": have[0]}, f"wants a {have[0]}"),
            item=Item(f"i{i}", f"Hotel {i}", {"amenities": have}),
            signals=Signals(0.5 + i / 100, (Reason("amenities", have[0]),)),
            references=(f"Hotel {i} has a {have[0]} and a {have[1]}.",),
            tags={"split": split},
        ))
    return tuple(out)


@SUITES.register("unit-tiny")
def unit_tiny() -> Suite:
    """40 hand-built hotel examples (20 train / 4 valid / 16 test)."""
    lex = {"amenities": {a: (a,) for a in AMENITIES}}
    return Suite("unit-tiny", "1", tiny_examples(), "structured", lex)


@GENERATORS.register("unit-flaky")
class Flaky(SimpleGenerator):
    """Fails on every example whose index is divisible by 5."""

    name = "unit-flaky"
    batch_size = 4

    def explain(self, ex: Example) -> str:
        if int(ex.id.split("-")[1]) % 5 == 0:
            raise RuntimeError("boom")
        return f"{ex.item.title} has a {ex.signals.matched[0].value}."


@GENERATORS.register("unit-slow")
class Slow(SimpleGenerator):
    """Sleeps per example (RXBENCH_TEST_DELAY seconds) so that a test can kill a run mid-way."""

    name = "unit-slow"
    batch_size = 2

    def explain(self, ex: Example) -> str:
        time.sleep(float(os.environ.get("RXBENCH_TEST_DELAY", "0")))
        return f"{ex.item.title} offers a {ex.signals.matched[0].value}."


@GENERATORS.register("unit-broken")
class Broken(SimpleGenerator):
    """Fails on every example (a run that measures nothing)."""

    name = "unit-broken"

    def explain(self, ex: Example) -> str:
        raise RuntimeError("model not reachable")
