"""A small OpenAI-compatible server on 127.0.0.1, for the tests and `benchmark.perf`.

It answers `POST /v1/chat/completions` and `POST /v1/completions` (stop
sequences applied as OpenAI servers do: the text ends before the first stop
string, which is not returned, and finish_reason is "stop"), and lists its
model at `GET /v1/models`. Answers come from any Python callable given the
request body. It can be told to fail on chosen requests (any status with a
Retry-After, a `{}` body, an HTML error page), to report another model or
system fingerprint, and it counts requests and the peak number in flight.
It lives in tests/ because it is a test double, not part of rxbench.
"""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Responder = Callable[[dict], str]  # request body -> raw model text (before stop sequences)
Fault = int | str  # an HTTP status to fail with, "empty" (a 200 `{}`) or "html" (a 200 HTML page, as a proxy or portal sends)
Faults = Callable[[int], Fault | None]  # request number (0-based) -> fault, or None to answer

HTML_PAGE = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>"


def apply_stops(text: str, stops: list[str] | str | None, max_tokens: int | None = None) -> tuple[str, str]:
    """(text cut before the earliest stop string, finish_reason); a "token" here is a
    whitespace-separated word, and running past max_tokens of them finishes with "length"."""
    stops = [stops] if isinstance(stops, str) else list(stops or [])
    cuts = [i for i in (text.find(s) for s in stops if s) if i >= 0]
    text = text[: min(cuts)] if cuts else text
    words = text.split(" ")
    if max_tokens is not None and len(text.split()) > max_tokens:
        return " ".join(words[: max_tokens + (words[0] == "")]), "length"
    return text, "stop"


class ChatServer:
    """Use as a context manager: `with ChatServer(responder) as srv: srv.base_url`.
    `model` and `system_fingerprint` may be changed while it runs."""

    def __init__(self, responder: Responder, *, faults: Faults | None = None, delay_s: float = 0.0,
                 model: str = "local", system_fingerprint: str | None = "fp-1", retry_after_ms: int = 10,
                 api_key: str | None = None) -> None:
        self.responder = responder
        self.faults = faults
        self.delay_s = delay_s
        self.model = model
        self.system_fingerprint = system_fingerprint
        self.retry_after_ms = retry_after_ms
        self.api_key = api_key
        self.requests = 0  # completion requests received (failed ones included)
        self.served = 0  # completion requests answered with a well-formed 200
        self.in_flight = 0
        self.peak_in_flight = 0
        self.auth_headers: set[str] = set()
        self.bodies: list[dict] = []  # every completion request body, in arrival order
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> ChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def _send(self, status: int, body: dict | str, headers: dict[str, str] | None = None) -> None:
                html = isinstance(body, str)
                data = (body if isinstance(body, str) else json.dumps(body)).encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html" if html else "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    self._send(200, {"object": "list", "data": [{"id": server.model, "object": "model", "owned_by": "rxbench"}]})
                else:
                    self._send(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                route = self.path.rstrip("/")
                if not route.endswith(("/chat/completions", "/v1/completions")):
                    self._send(404, {"error": {"message": f"no route {self.path}"}})
                    return
                with server._lock:
                    n = server.requests
                    server.requests += 1
                    server.in_flight += 1
                    server.peak_in_flight = max(server.peak_in_flight, server.in_flight)
                    server.auth_headers.add(self.headers.get("Authorization", ""))
                    server.bodies.append(body)
                try:
                    self._answer(n, body, chat=route.endswith("/chat/completions"))
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _answer(self, n: int, body: dict, chat: bool) -> None:
                if server.api_key is not None and self.headers.get("Authorization") != f"Bearer {server.api_key}":
                    self._send(401, {"error": {"message": "bad api key", "type": "invalid_request_error"}})
                    return
                fault = server.faults(n) if server.faults else None
                if fault == "empty":
                    self._send(200, {})
                    return
                if fault == "html":
                    self._send(200, HTML_PAGE)
                    return
                if fault is not None:
                    self._send(int(fault), {"error": {"message": f"injected failure {fault}", "type": "server_error"}},
                               {"retry-after-ms": str(server.retry_after_ms)})
                    return
                if server.delay_s:
                    time.sleep(server.delay_s)
                text, finish = apply_stops(server.responder(body), body.get("stop"), body.get("max_tokens"))
                with server._lock:
                    server.served += 1
                usage = {"prompt_tokens": len(json.dumps(body.get("messages") or body.get("prompt")).split()),
                         "completion_tokens": len(text.split())}
                choice = {"index": 0, "finish_reason": finish,
                          **({"message": {"role": "assistant", "content": text}} if chat else {"text": text})}
                self._send(200, {
                    "id": f"cmpl-{n}", "object": "chat.completion" if chat else "text_completion", "created": int(time.time()),
                    "model": server.model, "system_fingerprint": server.system_fingerprint, "choices": [choice],
                    "usage": {**usage, "total_tokens": sum(usage.values())},
                })

        return Handler


def _item_title(body: dict) -> str:
    messages = body.get("messages") or []
    text = next((m.get("content", "") for m in messages if m.get("role") == "user"), "") if messages else str(body.get("prompt", ""))
    line = next((ln for ln in text.splitlines() if ln.startswith("The item:")), "The item: something.")
    return line.removeprefix("The item:").split("|")[0].strip().rstrip(".")


def echo_item(body: dict) -> str:
    """Canned answer naming the item on the prompt's `The item:` line. Chat: a whole
    sentence; completions (the prompt ends "... because"): its continuation, rambling
    on past the sentence and the line as a pretrained model does."""
    if body.get("messages"):
        return f"We recommend {_item_title(body)} because it fits what you asked for."
    return " it fits what you asked for. It is also near the sea\nThe user: ignored"
