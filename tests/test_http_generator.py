"""The `openai:` generator against real HTTP servers on 127.0.0.1 started here:
a healthy one, one that fails and recovers (the client's retries absorb it),
one that is down longer than the retries (errors per example, nothing lost:
a re-run through the runner's SQLite cache asks only for what is missing)."""
from __future__ import annotations

import json
import threading

import pytest

import baselines.lm  # noqa: F401  (registers openai:)
import tests.helpers  # noqa: F401  (registers the unit-tiny suite)
from baselines.lm.openai_http import HTTPOptions, OpenAIGenerator, parse_spec
from baselines.lm.openai_server import ChatServer, echo_item
from benchmark.registry import GENERATORS
from benchmark.runner import RunSpec, run
from benchmark.schema import Example, Item, Reason, Signals, User

SECRET = "sk-test-5ecret-never-logged"


def _examples(n: int = 12) -> list[Example]:
    return [
        Example(f"h-{i:02d}", "travel", User(f"u{i}", {}, "likes pools"), Item(f"i{i}", f"Hotel Nr{i}", {"pool": True}),
                Signals(0.5, (Reason("pool", "pool"),)), (f"Hotel Nr{i} has a pool.",), {"split": "test"})
        for i in range(n)
    ]


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("RXBENCH_API_KEY", SECRET)


def test_spec_parsing_and_options() -> None:
    assert parse_spec("http://h:1/v1#m-1?concurrency=3") == ("http://h:1/v1", "m-1", "concurrency=3")
    g = GENERATORS.create("openai:http://127.0.0.1:9/v1#m?concurrency=3&max_tokens=20")
    assert (g.opts.concurrency, g.opts.max_tokens, g.model) == (3, 20, "m")
    for bad in ("openai:http://h/v1", "openai:ftp://h#m", "openai:http://h/v1#m?bogus=1", "openai:http://h/v1#m?concurrency=0"):
        with pytest.raises(ValueError):
            GENERATORS.create(bad)


def test_outputs_align_with_examples_and_key_is_sent_not_leaked() -> None:
    exs = _examples()
    with ChatServer(echo_item, api_key=SECRET) as srv:
        g = GENERATORS.create(f"openai:{srv.base_url}#local?concurrency=4")
        outs = g.generate(exs)
        g.close()
    assert [o.example_id for o in outs] == [e.id for e in exs]
    assert all(o.ok for o in outs)
    assert [o.text for o in outs] == [f"We recommend Hotel Nr{i} because it fits what you asked for." for i in range(len(exs))]
    assert srv.auth_headers == {f"Bearer {SECRET}"}
    assert SECRET not in g.fingerprint()
    # the fingerprint depends on what shapes outputs, not on the key or the concurrency
    other = OpenAIGenerator(srv.base_url, "local", HTTPOptions(concurrency=1))
    assert other.fingerprint() == g.fingerprint()


def test_concurrency_limit_is_reached_and_respected() -> None:
    """Four requests must be in flight together (a barrier the server waits on) and never more."""
    barrier = threading.Barrier(4, timeout=20)

    def answer(messages: list) -> str:
        barrier.wait()
        return echo_item(messages)

    with ChatServer(answer) as srv:
        g = OpenAIGenerator(srv.base_url, "local", HTTPOptions(concurrency=4, max_retries=0, timeout=30))
        outs = g.generate(_examples(8))
        g.close()
    assert all(o.ok for o in outs), [o.error for o in outs]
    assert srv.peak_in_flight == 4


def test_transient_failures_are_retried_by_the_client() -> None:
    """Requests 0-5 get 503 / 429 (with Retry-After); the client's retries absorb them."""
    faults = lambda n: (503 if n % 2 else 429) if n < 6 else None  # noqa: E731
    exs = _examples(6)
    with ChatServer(echo_item, faults=faults) as srv:
        g = OpenAIGenerator(srv.base_url, "local", HTTPOptions(concurrency=2, max_retries=4))
        outs = g.generate(exs)
        g.close()
    assert all(o.ok for o in outs), [o.error for o in outs]
    assert srv.requests == 6 + 6 and srv.served == 6


def test_outage_loses_nothing_through_the_runner_cache(tmp_path) -> None:
    """The server dies after 5 answers (every later request 500, beyond the retries):
    the run records those examples as failed and caches the 5 successes; after the
    server recovers, a re-run asks only for the 11 missing ones and completes."""
    down = {"after": 5}
    faults = lambda n: 500 if n >= down["after"] else None  # noqa: E731
    cache = tmp_path / "cache.sqlite"
    with ChatServer(echo_item, faults=faults) as srv:
        spec = f"openai:{srv.base_url}#local?concurrency=1&max_retries=1&batch_size=4"
        first = run(RunSpec(("unit-tiny",), spec, ("usr",), n_boot=50), tmp_path / "r1", cache, log=lambda m: None)
        served_before = srv.served
        down["after"] = 10**9  # the server recovers
        second = run(RunSpec(("unit-tiny",), spec, ("usr",), n_boot=50), tmp_path / "r2", cache, log=lambda m: None)
    assert served_before == 5
    assert first["failures"]["unit-tiny"]["count"] == 11
    assert second["failures"]["unit-tiny"]["count"] == 0
    assert srv.served - served_before == 11  # only the missing ones were asked for
    samples = [json.loads(line) for line in (tmp_path / "r2" / "samples.jsonl").read_text().splitlines()]
    assert sum(s["cached"] for s in samples) == 5
    assert all(s["text"] == f"We recommend Hotel {int(s['id'].split('-')[1])} because it fits what you asked for." for s in samples)
    for f in ("r1/run.json", "r1/samples.jsonl", "r2/run.json"):
        assert SECRET not in (tmp_path / f).read_text()
