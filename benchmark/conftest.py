"""`pytest benchmark/` options. They live here, not in benchmark/gates/conftest.py,
because pytest only reads command-line options from conftest files at or above
the paths it is given."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Offline, and no model or dataset cache in $HOME unless the caller chose one.
_TMP = Path(tempfile.mkdtemp(prefix="rxbench-gates-"))
for _var, _sub in (("HF_HOME", "hf"), ("XDG_CACHE_HOME", "xdg"), ("TORCH_HOME", "torch"), ("MPLCONFIGDIR", "mpl")):
    os.environ.setdefault(_var, str(_TMP / _sub))
for _var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def pytest_addoption(parser) -> None:
    g = parser.getgroup("rxbench", "rxbench release gates")
    g.addoption("--candidate", default=os.environ.get("RXBENCH_CANDIDATE"),
                help="candidate run directory or generator spec (env RXBENCH_CANDIDATE; default: template)")
    g.addoption("--baseline", default=os.environ.get("RXBENCH_BASELINE"),
                help="baseline run directory (env RXBENCH_BASELINE; default: the committed benchmark/gates/baseline)")
    g.addoption("--gates", default=os.environ.get("RXBENCH_GATES"),
                help="gate file, YAML (env RXBENCH_GATES; default: benchmark/gates/gates.yaml)")
    g.addoption("--gates-report", default=os.environ.get("RXBENCH_GATES_REPORT"),
                help="also write compare.md / compare.html of candidate vs baseline into this directory (env RXBENCH_GATES_REPORT)")
