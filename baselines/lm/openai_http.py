"""`openai:BASE_URL#MODEL`: any OpenAI-compatible server (vLLM, TGI, Ollama,
llama.cpp's server, a hosted API), in one of two modes:

- `mode=chat` (default): `/v1/chat/completions` with the context as chat
  messages, for instruction-tuned models; the first line of the answer is kept.
- `mode=completions`: `/v1/completions` with rxbench's own zero-shot prompt
  and answer prefix, exactly as the in-process `gemma` / `hf:` path builds it,
  for base or fine-tuned completion models (a chat template would make them
  echo the prompt). Stop sequences are the in-process ones (end of line, end of
  the first sentence); OpenAI servers drop the stop string they matched, so a
  sentence that stopped on ". " gets its full stop back (vLLM's `stop_reason`
  says which one matched; without it, an answer that stopped without closing
  punctuation is taken to have stopped there).

Options follow the model as a query string:
`openai:http://10.0.0.5:8000/v1#llama-3-8b?mode=completions&concurrency=16&revision=v2`.

`endpoint=URL` sends the requests to another replica of the same deployment
while the cache key keeps BASE_URL (`rxbench run --executor ray --endpoints`
spreads shards over replicas this way); the server identity below still tells
replicas that serve different models or builds apart.

Concurrency defaults to 1 request in flight: a single-slot server (llama.cpp's
default) only gets slower per token with more, and queued requests time out.
Set it to the server's parallel capacity (vLLM: about its max_num_seqs;
llama.cpp: its --parallel slots).

Cache identity: the fingerprint covers the URL, model name, mode, prompt
version, decoding settings, an optional user `revision=`, and what the server
reports about itself (its `/v1/models` entry for the model, and the `model` and
`system_fingerprint` of one probe request), so outputs cached from another
model or build behind the same URL are not reused.

The API key is read from $RXBENCH_API_KEY or $OPENAI_API_KEY and never enters
the fingerprint, an output or an error message. Retries with exponential
backoff on 408/409/429/5xx and connection errors, honouring Retry-After, are
the official client's own (`max_retries`, `timeout`); a 200 whose body is not
a completion (`{}`, an HTML page from a proxy) is retried with tenacity; what
still fails becomes that example's error (errors are never cached).
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any

from tenacity import (
    Retrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from baselines.lm.hf import parse_options
from baselines.lm.prompts import (
    STYLE_VERSION,
    chat_messages,
    clean_output,
    restore_stop,
    zeroshot_prompt,
)
from benchmark.registry import GENERATORS
from benchmark.schema import Example, Explanation, sha256_json
from benchmark.suite import Suite

KEY_ENV = ("RXBENCH_API_KEY", "OPENAI_API_KEY")
MODES = ("chat", "completions")
CHAT_STOPS = ("\n\n",)  # a chat answer's first paragraph holds the first line that is kept
PROBE_PROMPT = "Say OK."


class BadResponse(RuntimeError):
    """A 200 response that is not a completion (empty JSON, an HTML page, no choices)."""


@dataclass(frozen=True)
class HTTPOptions:
    mode: str = "chat"  # chat | completions
    concurrency: int = 1  # requests in flight at once: raise it to the server's parallel slots
    batch_size: int = 32  # examples per generate() call (the runner commits the cache after each)
    timeout: float = 60.0  # seconds per request attempt
    max_retries: int = 5
    max_tokens: int = 96
    temperature: float = 0.0
    seed: int = 0
    revision: str = ""  # the user's name for what is served (e.g. a checkpoint): part of the cache key
    endpoint: str = ""  # send requests here, a replica of BASE_URL's deployment (Ray shards spread over several); not in the cache key

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode={self.mode!r}: use one of {', '.join(MODES)}")
        if self.endpoint and not self.endpoint.startswith(("http://", "https://")):
            raise ValueError(f"endpoint={self.endpoint!r}: the URL must start with http:// or https://")
        if self.concurrency < 1 or self.batch_size < 1 or self.max_tokens < 1 or self.max_retries < 0 or self.timeout <= 0:
            raise ValueError("concurrency, batch_size, max_tokens must be >= 1, max_retries >= 0, timeout > 0")


def api_key() -> str | None:
    return next((os.environ[k] for k in KEY_ENV if os.environ.get(k)), None)


def _answer_text(resp: Any, chat: bool) -> tuple[str, str | None, Any]:
    """(text, finish_reason, matched stop string if the server says) of a completion
    response; BadResponse when the body is not one."""
    if isinstance(resp, (str, bytes)):
        raise BadResponse(f"not a JSON completion: {str(resp)[:80]!r}")
    choices = getattr(resp, "choices", None)
    if not choices:
        raise BadResponse("response has no choices")
    choice = choices[0]
    text = getattr(getattr(choice, "message", None), "content", None) if chat else getattr(choice, "text", None)
    if not isinstance(text, str):
        raise BadResponse("response choice has no text")
    extra = getattr(choice, "model_extra", None) or {}
    return text, getattr(choice, "finish_reason", None), extra.get("stop_reason")


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
        self._identity: dict | None = None
        self._lock = threading.Lock()

    def prepare(self, suite: Suite) -> None:
        pass

    def supports(self, suite: Suite) -> bool:
        return True

    def fingerprint(self) -> str:
        settings = {k: v for k, v in asdict(self.opts).items() if k not in ("concurrency", "batch_size", "timeout", "max_retries", "endpoint")}
        cfg = {"url": self.base_url, "model": self.model, "prompt": f"{STYLE_VERSION['zeroshot']}/{self.opts.mode}", **settings}
        return f"{self.name}:{sha256_json(cfg)[:16]}@{sha256_json(self.identity())[:12]}"

    def identity(self) -> dict:
        """What the server says it serves (asked once): its /v1/models entry for the
        model and the `model` / `system_fingerprint` of a one-token probe request."""
        self._setup()
        with self._lock:
            if self._identity is None:
                self._identity = self._probe()
            return self._identity

    def _probe(self) -> dict:
        ident: dict[str, Any] = {"revision": self.opts.revision}
        try:
            listed = {m.id: m for m in self._client.models.list()}
            entry = listed.get(self.model)
            ident["listed"] = {"id": entry.id, "root": (entry.model_extra or {}).get("root")} if entry else sorted(listed)
        except Exception as exc:  # some hosted APIs do not list models
            ident["listed"] = f"unavailable ({type(exc).__name__})"
        try:
            resp = self._request(PROBE_PROMPT, max_tokens=1, stop=None)
            ident.update(model=getattr(resp, "model", None), system_fingerprint=getattr(resp, "system_fingerprint", None))
        except Exception as exc:  # unreachable: nothing cached can be trusted; requests will fail and say why
            ident["probe_error"] = self._scrub(f"{type(exc).__name__}: {exc}")[:200]
        return ident

    def _setup(self) -> None:
        with self._lock:
            if self._client is None:
                import openai

                # vLLM / llama.cpp accept any key; the client insists on a non-empty one
                self._client = openai.OpenAI(base_url=self.opts.endpoint.rstrip("/") or self.base_url, api_key=self._key or "no-key",
                                             max_retries=self.opts.max_retries, timeout=self.opts.timeout)
                self._pool = ThreadPoolExecutor(max_workers=self.opts.concurrency, thread_name_prefix="rxbench-http")

    def _scrub(self, text: str) -> str:
        return text.replace(self._key, "***") if self._key else text

    def _request(self, content: str | list[dict[str, str]], max_tokens: int, stop: Sequence[str] | None) -> Any:
        common = {"model": self.model, "max_tokens": max_tokens, "temperature": self.opts.temperature,
                  "seed": self.opts.seed, **({"stop": list(stop)} if stop else {})}
        if self.opts.mode == "chat":
            messages = content if isinstance(content, list) else [{"role": "user", "content": content}]
            return self._client.chat.completions.create(messages=messages, **common)
        return self._client.completions.create(prompt=content, **common)

    def _explain(self, ex: Example) -> tuple[str, dict]:
        """One request (a malformed 200 retried), parsed into (explanation, meta)."""
        chat = self.opts.mode == "chat"
        prompt = None if chat else zeroshot_prompt(ex)
        content = chat_messages(ex) if prompt is None else prompt.text
        stops = CHAT_STOPS if prompt is None else prompt.stops
        for attempt in Retrying(stop=stop_after_attempt(self.opts.max_retries + 1), reraise=True,
                                wait=wait_exponential(multiplier=0.1, max=5), retry=retry_if_exception_type(BadResponse)):
            with attempt:
                resp = self._request(content, self.opts.max_tokens, stops)
                raw, finish, matched = _answer_text(resp, chat)
        text = clean_output(raw) if prompt is None else clean_output(restore_stop(raw, finish, stops, matched), prompt.prefix)
        usage = getattr(resp, "usage", None)
        meta = {"finish_reason": finish}
        if usage is not None:
            meta.update(prompt_tokens=usage.prompt_tokens, new_tokens=usage.completion_tokens)
        return text, meta

    def _one(self, ex: Example) -> Explanation:
        t0 = time.perf_counter()
        try:
            text, meta = self._explain(ex)
            if not text:
                return Explanation(ex.id, "", self.name, time.perf_counter() - t0, "EmptyAnswer: the model answered nothing", meta)
            return Explanation(ex.id, text, self.name, time.perf_counter() - t0, None, meta)
        except Exception as exc:  # after the retries: this example's error
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


@GENERATORS.register("openai", takes_arg=True,
                     help="An OpenAI-compatible server: openai:BASE_URL#MODEL[?mode=completions&concurrency=1&revision=..]")
def openai_generator(arg: str, **kwargs: Any) -> OpenAIGenerator:
    base_url, model, query = parse_spec(arg)
    return OpenAIGenerator(base_url, model, parse_options(query, HTTPOptions(**kwargs)))
