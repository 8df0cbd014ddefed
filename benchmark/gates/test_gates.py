"""Each rule of the gate file is one test: `test_gate[SUITE/METRIC/RULE]`.

A passing gate prints its numbers too: `pytest benchmark/ -rA` shows them in the
log and `-o junit_logging=system-out` puts them into the --junitxml report."""
from __future__ import annotations

import pytest

from benchmark.gates.gatefile import Rule
from benchmark.gates.session import GateSession


def test_gate(gate: Rule, gate_session: GateSession) -> None:
    ok, detail = gate_session.evaluate(gate)
    print(detail)
    if not ok:
        pytest.fail(detail, pytrace=False)
