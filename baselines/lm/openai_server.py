"""A small OpenAI-compatible chat-completions server on 127.0.0.1.

It answers `POST /v1/chat/completions` (and lists one model at `GET /v1/models`)
from any Python callable: canned logic, or a local rxbench generator. It can be
told to fail (any status, with a Retry-After) on chosen requests, and it
counts requests and the peak number in flight. The HTTP generator's tests and
`python -m benchmark.perf` use it as the "served model"; it is also handy to
try the `openai:` path against a local model without installing vLLM.
"""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Sequence

Responder = Callable[[Sequence[dict]], str]  # chat messages -> assistant text
Faults = Callable[[int], int | None]  # request number (0-based) -> HTTP status to fail with, or None


class ChatServer:
    """Use as a context manager: `with ChatServer(responder) as srv: srv.base_url`."""

    def __init__(self, responder: Responder, *, faults: Faults | None = None, delay_s: float = 0.0,
                 model: str = "local", retry_after_ms: int = 10, api_key: str | None = None) -> None:
        self.responder = responder
        self.faults = faults
        self.delay_s = delay_s
        self.model = model
        self.retry_after_ms = retry_after_ms
        self.api_key = api_key
        self.requests = 0  # chat requests received (failed ones included)
        self.served = 0  # chat requests answered with 200
        self.in_flight = 0
        self.peak_in_flight = 0
        self.auth_headers: set[str] = set()
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> "ChatServer":
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

            def _send(self, status: int, body: dict, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
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
                if not self.path.rstrip("/").endswith("/chat/completions"):
                    self._send(404, {"error": {"message": f"no route {self.path}"}})
                    return
                with server._lock:
                    n = server.requests
                    server.requests += 1
                    server.in_flight += 1
                    server.peak_in_flight = max(server.peak_in_flight, server.in_flight)
                    server.auth_headers.add(self.headers.get("Authorization", ""))
                try:
                    self._answer(n, body)
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _answer(self, n: int, body: dict) -> None:
                if server.api_key is not None and self.headers.get("Authorization") != f"Bearer {server.api_key}":
                    self._send(401, {"error": {"message": "bad api key", "type": "invalid_request_error"}})
                    return
                status = server.faults(n) if server.faults else None
                if status is not None:
                    self._send(status, {"error": {"message": f"injected failure {status}", "type": "server_error"}},
                               {"retry-after-ms": str(server.retry_after_ms)})
                    return
                if server.delay_s:
                    time.sleep(server.delay_s)
                text = server.responder(body.get("messages", []))
                with server._lock:
                    server.served += 1
                self._send(200, {
                    "id": f"chatcmpl-{n}", "object": "chat.completion", "created": int(time.time()), "model": body.get("model", server.model),
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 0, "completion_tokens": len(text.split()), "total_tokens": len(text.split())},
                })

        return Handler


def echo_item(messages: Sequence[dict]) -> str:
    """Canned answer: recommends the item named on the prompt's `The item:` line."""
    user = next((m.get("content", "") for m in messages if m.get("role") == "user"), "")
    line = next((ln for ln in user.splitlines() if ln.startswith("The item:")), "The item: something.")
    title = line.removeprefix("The item:").split("|")[0].strip().rstrip(".")
    return f"We recommend {title} because it fits what you asked for."
