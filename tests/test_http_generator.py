"""The `openai:` generator against real HTTP servers on 127.0.0.1 started here
(tests/openai_server.py): chat and completions modes with stop sequences, a
server that fails and recovers (the client's retries absorb it), malformed 200s
(`{}`, an HTML page) that are retried and never cached, a changed model behind
the same URL (not served from the cache, with a warning), and an outage (errors
per example, nothing lost: a re-run through the runner's SQLite cache asks only
for what is missing)."""
from __future__ import annotations

import json
import sqlite3
import threading

import pytest

import baselines.lm  # noqa: F401  (registers openai:)
import tests.helpers  # noqa: F401  (registers the unit-tiny suite)
from baselines.lm.openai_http import (
    CHAT_STOPS,
    HTTPOptions,
    OpenAIGenerator,
    parse_spec,
)
from baselines.lm.prompts import zeroshot_prompt
from benchmark.registry import GENERATORS
from benchmark.runner import RunSpec, run
from benchmark.schema import Example, Item, Reason, Signals, User
from tests.openai_server import ChatServer, apply_stops, echo_item

SECRET = "sk-test-5ecret-never-logged"
EXPECTED = "We recommend Hotel Nr{} because it fits what you asked for."


def _examples(n: int = 12) -> list[Example]:
    return [
        Example(f"h-{i:02d}", "travel", User(f"u{i}", {}, "likes pools"), Item(f"i{i}", f"Hotel Nr{i}", {"pool": True}),
                Signals(0.5, (Reason("pool", "pool"),)), (f"Hotel Nr{i} has a pool.",), {"split": "test"})
        for i in range(n)
    ]


def _quiet(msg: str) -> None:
    pass


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("RXBENCH_API_KEY", SECRET)


def test_spec_parsing_and_options() -> None:
    assert parse_spec("http://h:1/v1#m-1?concurrency=3") == ("http://h:1/v1", "m-1", "concurrency=3")
    g = GENERATORS.create("openai:http://127.0.0.1:9/v1#m?concurrency=3&max_tokens=20&mode=completions&revision=ckpt-7")
    assert (g.opts.concurrency, g.opts.max_tokens, g.model, g.opts.mode, g.opts.revision) == (3, 20, "m", "completions", "ckpt-7")
    assert GENERATORS.create("openai:http://127.0.0.1:9/v1#m").opts.concurrency == 1  # safe for a single-slot server
    for bad in ("openai:http://h/v1", "openai:ftp://h#m", "openai:http://h/v1#m?bogus=1", "openai:http://h/v1#m?concurrency=0",
                "openai:http://h/v1#m?mode=edits"):
        with pytest.raises(ValueError):
            GENERATORS.create(bad)


def test_server_double_applies_stops_like_openai() -> None:
    assert apply_stops("ab. cd\nef", ["\n", ". "]) == ("ab", "stop")
    assert apply_stops("ab cd", ["\n"]) == ("ab cd", "stop")
    assert apply_stops(" ab cd ef", None, max_tokens=2) == (" ab cd", "length")


def test_chat_mode_outputs_align_and_key_is_sent_not_leaked() -> None:
    exs = _examples()
    with ChatServer(echo_item, api_key=SECRET) as srv:
        g = GENERATORS.create(f"openai:{srv.base_url}#local?concurrency=4")
        outs = g.generate(exs)
        fp = g.fingerprint()
        g.close()
        # the fingerprint depends on what shapes outputs, not on the key or the concurrency
        other = OpenAIGenerator(srv.base_url, "local", HTTPOptions(concurrency=1))
        assert other.fingerprint() == fp
        other.close()
    assert [o.example_id for o in outs] == [e.id for e in exs]
    assert [o.text for o in outs] == [EXPECTED.format(i) for i in range(len(exs))]
    chat = [b for b in srv.bodies if b["messages"][-1]["content"] != "Say OK."]
    assert len(chat) == 12 and all(b["stop"] == list(CHAT_STOPS) and b["max_tokens"] == 96 for b in chat)
    # usage from the server: the double counts whitespace-separated words of the answer
    assert outs[0].meta["finish_reason"] == "stop" and outs[0].meta["new_tokens"] == len(EXPECTED.format(0).split())
    assert outs[0].meta["prompt_tokens"] == len(json.dumps(chat[0]["messages"]).split())
    assert srv.auth_headers == {f"Bearer {SECRET}"}
    assert SECRET not in fp


def test_completions_mode_sends_rxbench_prompt_and_stops_at_the_first_sentence() -> None:
    """The raw continuation rambles past the sentence and the line; the request carries the
    in-process prompt and stops, the server cuts at ". ", and the full stop comes back."""
    exs = _examples(3)
    with ChatServer(echo_item) as srv:
        g = OpenAIGenerator(srv.base_url, "local", HTTPOptions(mode="completions"))
        outs = g.generate(exs)
        g.close()
    bodies = [b for b in srv.bodies if b["prompt"] != "Say OK."]
    assert [b["prompt"] for b in bodies] == [zeroshot_prompt(e).text for e in exs]
    assert all(b["stop"] == ["\n", ". "] and "messages" not in b for b in bodies)
    assert [o.text for o in outs] == [EXPECTED.format(i) for i in range(3)]


def test_concurrency_limit_is_reached_and_respected() -> None:
    """Four requests must be in flight together (a barrier the server waits on) and never more."""
    barrier = threading.Barrier(4, timeout=20)

    def answer(body: dict) -> str:
        barrier.wait()
        return echo_item(body)

    with ChatServer(answer) as srv:
        g = OpenAIGenerator(srv.base_url, "local", HTTPOptions(concurrency=4, max_retries=0, timeout=30))
        outs = g.generate(_examples(8))
        g.close()
    assert all(o.ok for o in outs), [o.error for o in outs]
    assert srv.peak_in_flight == 4


def test_transient_failures_are_retried_by_the_client() -> None:
    """Requests 0-5 get 503 / 429 (with Retry-After); the client's retries absorb them."""
    faults = lambda n: (503 if n % 2 else 429) if n < 6 else None
    exs = _examples(6)
    with ChatServer(echo_item, faults=faults) as srv:
        g = OpenAIGenerator(srv.base_url, "local", HTTPOptions(concurrency=2, max_retries=4))
        outs = g.generate(exs)
        g.close()
    assert all(o.ok for o in outs), [o.error for o in outs]
    assert srv.requests == 6 + 6 and srv.served == 6


@pytest.mark.parametrize("fault", ["empty", "html"])
def test_malformed_200_is_retried_then_a_recorded_failure_never_cached(tmp_path, fault: str) -> None:
    """Example requests 0-1 get a malformed 200 and succeed on the retry; while the server
    keeps sending it, the examples fail (error recorded, failure counted), and nothing of
    it is cached: after it recovers, the re-run asks for every example again."""
    state = {"bad": set(range(2))}
    faults = lambda n: fault if n in state["bad"] else None
    with ChatServer(echo_item, faults=faults) as srv:
        g = OpenAIGenerator(srv.base_url, "local", HTTPOptions(max_retries=2))
        outs = g.generate(_examples(2))
        assert [o.text for o in outs] == [EXPECTED.format(0), EXPECTED.format(1)]
        assert srv.requests == 4  # two malformed, two retried
        g.close()
        state["bad"] = set(range(10**6))
        spec = f"openai:{srv.base_url}#local?max_retries=1"
        first = run(RunSpec(("unit-tiny",), spec, ("usr",), n_boot=20), tmp_path / "r1", tmp_path / "c.sqlite", log=_quiet)
        with sqlite3.connect(tmp_path / "c.sqlite") as db:
            assert db.execute("SELECT COUNT(*) FROM generations").fetchone() == (0,)
        state["bad"] = set()
        before = srv.served
        second = run(RunSpec(("unit-tiny",), spec, ("usr",), n_boot=20), tmp_path / "r2", tmp_path / "c.sqlite", log=_quiet)
    n = first.suites["unit-tiny"].failures.n
    assert first.suites["unit-tiny"].failures.count == n

    assert first.suites["unit-tiny"].failures.first_errors[0].split(": ", 1)[1].startswith("BadResponse")
    assert first.suites["unit-tiny"].efficiency.throughput_per_s is None
    assert second.suites["unit-tiny"].failures.count == 0 and srv.served - before == n + 1  # + the identity probe


def test_changed_model_behind_the_same_url_is_not_served_from_cache(tmp_path) -> None:
    """After the server's model (or build) changes, a re-run regenerates every example and
    warns; an unchanged server is answered from the cache without one example request."""
    logs: list[str] = []
    spec_run = lambda srv, out: run(
        RunSpec(("unit-tiny",), f"openai:{srv.base_url}#local", ("usr",), n_boot=20), tmp_path / out, tmp_path / "c.sqlite", log=logs.append)
    with ChatServer(echo_item, model="local") as srv:
        first = spec_run(srv, "r1")
        n = first.suites["unit-tiny"].n
        served = srv.served
        same = spec_run(srv, "r2")
        assert srv.served - served == 1  # the probe only
        srv.system_fingerprint = "fp-2"  # e.g. the server was rebuilt or its template changed
        served = srv.served
        changed = spec_run(srv, "r3")
    assert srv.served - served == n + 1
    assert same.suites["unit-tiny"].efficiency.cached == n and same.suites["unit-tiny"].efficiency.generated == 0
    assert same.suites["unit-tiny"].efficiency.latency_p50_s is None  # old latencies are not this run's
    assert changed.suites["unit-tiny"].efficiency.cached == 0
    assert changed.suites["unit-tiny"].identity["system_fingerprint"] == "fp-2"
    assert first.suites["unit-tiny"].identity["listed"] == {"id": "local", "root": None}
    warnings = [m for m in logs if "warning" in m]
    assert len(warnings) == 1 and "fp-1" in warnings[0] and "fp-2" in warnings[0]
    # a user revision is part of the key too
    assert OpenAIGenerator("http://127.0.0.1:9/v1", "m", HTTPOptions(revision="a", max_retries=0)).fingerprint() != \
        OpenAIGenerator("http://127.0.0.1:9/v1", "m", HTTPOptions(revision="b", max_retries=0)).fingerprint()


def test_run_json_reports_wall_clock_throughput_and_server_token_counts(tmp_path) -> None:
    with ChatServer(echo_item, delay_s=0.05) as srv:
        r = run(RunSpec(("unit-tiny",), f"openai:{srv.base_url}#local?concurrency=4", ("usr",), n_boot=20),
                tmp_path / "r", tmp_path / "c.sqlite", log=_quiet)
    eff = r.suites["unit-tiny"].efficiency
    samples = [json.loads(line) for line in (tmp_path / "r" / "samples.jsonl").read_text().splitlines()]
    n = len(samples)
    assert eff.generated == n and eff.cached == 0
    assert eff.throughput_per_s == pytest.approx(n / eff.wall_s, rel=0.01)
    assert srv.peak_in_flight == 4  # so the wall clock, not the mean latency, measures throughput
    bodies = [b for b in srv.bodies if b["messages"][-1]["content"] != "Say OK."]
    assert eff.completion_tokens == sum(len(s["text"].split()) for s in samples)
    assert eff.prompt_tokens == sum(len(json.dumps(b["messages"]).split()) for b in bodies)


def test_outage_loses_nothing_through_the_runner_cache(tmp_path) -> None:
    """The server dies after 5 example answers (every later request 500, beyond the
    retries): the run records those examples as failed and caches the 5 successes;
    after the server recovers, a re-run asks only for the 11 missing ones."""
    down = {"after": 6}  # request 0 is the identity probe
    faults = lambda n: 500 if n >= down["after"] else None
    cache = tmp_path / "cache.sqlite"
    with ChatServer(echo_item, faults=faults) as srv:
        spec = f"openai:{srv.base_url}#local?concurrency=1&max_retries=1&batch_size=4"
        first = run(RunSpec(("unit-tiny",), spec, ("usr",), n_boot=50), tmp_path / "r1", cache, log=_quiet)
        served_before = srv.served
        down["after"] = 10**9  # the server recovers
        second = run(RunSpec(("unit-tiny",), spec, ("usr",), n_boot=50), tmp_path / "r2", cache, log=_quiet)
    assert served_before == 6
    assert first.suites["unit-tiny"].failures.count == 11
    assert second.suites["unit-tiny"].failures.count == 0
    assert srv.served - served_before == 1 + 11  # the probe, then only the missing ones
    samples = [json.loads(line) for line in (tmp_path / "r2" / "samples.jsonl").read_text().splitlines()]
    assert sum(s["cached"] for s in samples) == 5
    assert all(s["text"] == f"We recommend Hotel {int(s['id'].split('-')[1])} because it fits what you asked for." for s in samples)
    assert second.suites["unit-tiny"].efficiency.generated == 11 and second.suites["unit-tiny"].efficiency.cached == 5
    for f in ("r1/run.json", "r1/samples.jsonl", "r2/run.json"):
        assert SECRET not in (tmp_path / f).read_text()
