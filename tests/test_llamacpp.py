"""llama.cpp: the in-process `llamacpp:` generator, and the `openai:` generator against
llama-cpp-python's own OpenAI-compatible server (`python -m llama_cpp.server`)
serving the packaged Gemma GGUF on 127.0.0.1. Both need the optional extra
rxbench[llamacpp] and skip with the reason when it is absent; the parts that do
not run a model (options, fingerprint, stop restoration, the missing-package
error) always run."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

import baselines.lm  # noqa: F401  (registers llamacpp:, openai:)
from baselines.lm import llamacpp
from baselines.lm.prompts import restore_stop
from benchmark.lm import gemma
from benchmark.registry import GENERATORS
from benchmark.suite import load_suite

needs_llamacpp = pytest.mark.skipif(not llamacpp.available(), reason=f"llama-cpp-python not installed ({llamacpp.INSTALL_HINT})")
needs_gemma = pytest.mark.skipif(not gemma.available(), reason=f"Gemma extra not installed ({gemma.INSTALL_HINT})")


def test_stop_restoration() -> None:
    stops = ("\n", ". ")
    assert restore_stop(" it has a pool", "stop", stops) == " it has a pool."  # cut at ". "
    assert restore_stop(" it has a pool!", "stop", stops) == " it has a pool!"  # cut at the line end
    assert restore_stop(" it has a", "length", stops) == " it has a"  # ran out of tokens
    assert restore_stop(" it has a pool", "stop", stops, matched="\n") == " it has a pool"  # the engine said which
    assert restore_stop("", "stop", stops) == ""


def test_options_and_fingerprint_without_the_package(tmp_path) -> None:
    f = tmp_path / "m.gguf"
    f.write_bytes(b"GGUF-not-really")
    g = GENERATORS.create(f"llamacpp:{f}?max_tokens=20&n_threads=2")
    assert (g.opts.max_tokens, g.opts.n_threads, g.name) == (20, 2, "llamacpp:m")
    assert GENERATORS.create(f"llamacpp:{f}?max_tokens=20&n_threads=1").fingerprint() == g.fingerprint()  # threads: same outputs
    assert GENERATORS.create(f"llamacpp:{f}?max_tokens=21").fingerprint() != g.fingerprint()
    for bad in (f"llamacpp:{tmp_path / 'none.gguf'}", f"llamacpp:{f}?prompt=chat", f"llamacpp:{f}?n_ctx=8"):
        with pytest.raises((ValueError, FileNotFoundError)):
            GENERATORS.create(bad)
    if not llamacpp.available():
        with pytest.raises(ModuleNotFoundError, match="rxbench\\[llamacpp\\]"):
            g.generate(load_suite("travel").split("test")[:1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def llama_server():
    """llama-cpp-python's server on 127.0.0.1 serving the Gemma GGUF as model `gemma`."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gemma.gguf_path()), "--model_alias", "gemma",
         "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "1024", "--seed", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ},
    )
    base = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 300
    while True:  # wait for the model to load (a readiness poll, not a retry of a request under test)
        try:
            urllib.request.urlopen(f"{base}/models", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"llama_cpp.server did not start: {proc.stderr.read().decode()[-2000:]}")
            time.sleep(0.5)
    yield base
    proc.terminate()
    proc.wait(timeout=30)


@needs_llamacpp
@needs_gemma
def test_served_completions_equal_in_process_llamacpp(llama_server) -> None:
    """The same engine and weights, over HTTP in completions mode and in process, with the
    same prompt and stops, write the same sentences; each starts with the answer prefix."""
    exs = load_suite("travel").split("test")[:3]
    served = GENERATORS.create(f"openai:{llama_server}#gemma?mode=completions&max_tokens=40")
    http_outs = served.generate(exs)
    ident = served.identity()
    served.close()
    local = GENERATORS.create(f"llamacpp:{gemma.gguf_path()}?max_tokens=40").generate(exs)
    assert all(o.ok for o in http_outs + local), [o.error for o in http_outs + local]
    assert [o.text for o in http_outs] == [o.text for o in local]
    for ex, o in zip(exs, local):
        assert o.text.startswith(f"We recommend {ex.item.title} because") and "\n" not in o.text
        assert 0 < o.meta["new_tokens"] <= 40
    assert ident["listed"]["id"] == "gemma" and "probe_error" not in ident


@needs_llamacpp
@needs_gemma
def test_served_chat_mode_answers(llama_server) -> None:
    exs = load_suite("travel").split("test")[:2]
    g = GENERATORS.create(f"openai:{llama_server}#gemma?max_tokens=40")
    outs = g.generate(exs)
    g.close()
    # a base model under a chat template may answer nothing: that is a recorded failure, not a crash
    assert all((o.ok and o.text and "\n" not in o.text) or o.error.startswith("EmptyAnswer") for o in outs), [o.error for o in outs]
