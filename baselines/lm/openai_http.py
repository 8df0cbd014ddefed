"""`openai:BASE_URL#MODEL`: any OpenAI-compatible chat-completions server
(vLLM, TGI, Ollama, llama.cpp server, a hosted API).

Options follow the model as a query string:
`openai:http://10.0.0.5:8000/v1#llama-3-8b?concurrency=16&timeout=30`.
The API key is read from $RXBENCH_API_KEY or $OPENAI_API_KEY and never enters
the fingerprint, an output or an error message. Retries with exponential
backoff on 408/409/429/5xx and connection errors, honouring Retry-After, are
the official client's own (`max_retries`, `timeout`); a request that still
fails becomes that example's error, and the runner's SQLite cache keeps every
success, so a re-run after an outage asks only for what is missing.
"""
from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any, Sequence

from baselines.lm.hf import parse_options
from baselines.lm.prompts import STYLE_VERSION, chat_messages, clean_output
from benchmark.registry import GENERATORS
from benchmark.schema import Example, Explanation, sha256_json
from benchmark.suite import Suite

KEY_ENV = ("RXBENCH_API_KEY", "OPENAI_API_KEY")


@dataclass(frozen=True)
class HTTPOptions:
    concurrency: int = 8  # requests in flight at once
    batch_size: int = 32  # examples per generate() call (the runner commits the cache after each)
    timeout: float = 60.0  # seconds per request attempt
    max_retries: int = 5
    max_tokens: int = 96
    temperature: float = 0.0
    seed: int = 0

    def __post_init__(self) -> None:
        if self.concurrency < 1 or self.batch_size < 1 or self.max_tokens < 1 or self.max_retries < 0 or self.timeout <= 0:
            raise ValueError("concurrency, batch_size, max_tokens must be >= 1, max_retries >= 0, timeout > 0")


def api_key() -> str | None:
    return next((os.environ[k] for k in KEY_ENV if os.environ.get(k)), None)


class OpenAIGenerator:
    def __init__(self, base_url: str, model: str, opts: HTTPOptions = HTTPOptions()) -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"openai:{base_url}#{model}: the base URL must start with http:// or https://")
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.opts = opts
        self.batch_size = max(opts.batch_size, opts.concurrency)
        self.name = f"openai:{model}"
        self._key = api_key()
        self._client: Any = None
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    def prepare(self, suite: Suite) -> None:
        pass

    def supports(self, suite: Suite) -> bool:
        return True

    def fingerprint(self) -> str:
        cfg = {"url": self.base_url, "model": self.model, "prompt": STYLE_VERSION["zeroshot"] + "/chat",
               "max_tokens": self.opts.max_tokens, "temperature": self.opts.temperature, "seed": self.opts.seed}
        return f"{self.name}:{sha256_json(cfg)[:16]}"

    def _setup(self) -> None:
        with self._lock:
            if self._client is None:
                import openai

                # vLLM / llama.cpp accept any key; the client insists on a non-empty one
                self._client = openai.OpenAI(base_url=self.base_url, api_key=self._key or "no-key",
                                             max_retries=self.opts.max_retries, timeout=self.opts.timeout)
                self._pool = ThreadPoolExecutor(max_workers=self.opts.concurrency, thread_name_prefix="rxbench-http")

    def _scrub(self, text: str) -> str:
        return text.replace(self._key, "***") if self._key else text

    def _one(self, ex: Example) -> Explanation:
        t0 = time.perf_counter()
        try:
            resp = self._client.chat.completions.create(
                model=self.model, messages=chat_messages(ex), max_tokens=self.opts.max_tokens,
                temperature=self.opts.temperature, seed=self.opts.seed,
            )
            text = clean_output(resp.choices[0].message.content or "") if resp.choices else ""
            usage = getattr(resp, "usage", None)
            meta = {"new_tokens": usage.completion_tokens} if usage and usage.completion_tokens is not None else {}
            return Explanation(ex.id, text, self.name, time.perf_counter() - t0, None, meta)
        except Exception as exc:  # after the client's own retries: this example's error
            return Explanation(ex.id, "", self.name, time.perf_counter() - t0, self._scrub(f"{type(exc).__name__}: {exc}"))

    def generate(self, batch: Sequence[Example]) -> list[Explanation]:
        self._setup()
        assert self._pool is not None
        return list(self._pool.map(self._one, batch))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True)
        if self._client is not None:
            self._client.close()


def parse_spec(arg: str) -> tuple[str, str, str]:
    """`BASE_URL#MODEL[?k=v&...]` -> (base_url, model, query)."""
    base_url, sep, rest = arg.rpartition("#")
    model, _, query = rest.partition("?")
    if not sep or not base_url or not model:
        raise ValueError(f"openai:{arg}: want openai:BASE_URL#MODEL (e.g. openai:http://127.0.0.1:8000/v1#my-model)")
    return base_url, model, query


@GENERATORS.register("openai", takes_arg=True, help="An OpenAI-compatible server: openai:BASE_URL#MODEL[?concurrency=8]")
def openai_generator(arg: str, **kwargs: Any) -> OpenAIGenerator:
    base_url, model, query = parse_spec(arg)
    return OpenAIGenerator(base_url, model, parse_options(query, HTTPOptions(**kwargs)))
