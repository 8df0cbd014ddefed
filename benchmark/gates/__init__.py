"""Release gates: `pytest benchmark/` compares a candidate run (or a generator
spec it runs first) with a baseline run under the rules of a gate file, one
pytest test per (suite, metric, rule).

The repo ships an example gate file and a baseline run of the template
generator made from it; `python -m benchmark.gates.rebaseline` regenerates that
baseline when metric signatures or suite contents change.
"""
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_GATES = HERE / "gates.yaml"
DEFAULT_BASELINE = HERE / "baseline"
DEFAULT_CANDIDATE = "template"
REBASELINE = "python -m benchmark.gates.rebaseline"
