"""Test set-up: offline, and every cache in a temp dir (never the user's home)."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="rxbench-tests-"))
for var, sub in (("HF_HOME", "hf"), ("XDG_CACHE_HOME", "xdg"), ("TORCH_HOME", "torch"), ("MPLCONFIGDIR", "mpl"), ("HF_EVALUATE_CACHE", "evaluate"), ("XDG_CONFIG_HOME", "xdg-config")):
    os.environ[var] = str(_TMP / sub)
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import pytest  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
XREC_DIR = REPO.parent / "shared" / "data" / "xrec"


@pytest.fixture
def xrec_dir() -> Path:
    """The real XRec files; CI must have them, elsewhere their absence skips."""
    if not XREC_DIR.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {XREC_DIR} is missing")
        pytest.skip(f"{XREC_DIR} not present (../shared/data/xrec beside the repo)")
    return XREC_DIR
