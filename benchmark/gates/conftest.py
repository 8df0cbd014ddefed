"""Turn the gate file into tests: one test per (suite, metric, rule), decided from
one session-wide comparison of the candidate with the baseline."""
from __future__ import annotations

from pathlib import Path

import pytest

from benchmark.gates import DEFAULT_BASELINE, DEFAULT_CANDIDATE, DEFAULT_GATES
from benchmark.gates.gatefile import GateFile, GateFileError, load_gates
from benchmark.gates.session import GateSession, open_session


def _gates(config: pytest.Config) -> GateFile:
    path = config.getoption("--gates") or DEFAULT_GATES
    try:
        return load_gates(path)
    except GateFileError as exc:
        error = str(exc)
    pytest.fail(f"bad gate file: {error}", pytrace=False)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "gate" in metafunc.fixturenames:
        rules = _gates(metafunc.config).rules
        metafunc.parametrize("gate", rules, ids=[r.id for r in rules])


@pytest.fixture(scope="session")
def gate_session(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> GateSession:
    cfg = request.config
    session = open_session(
        _gates(cfg), cfg.getoption("--baseline") or DEFAULT_BASELINE, cfg.getoption("--candidate") or DEFAULT_CANDIDATE,
        tmp_path_factory.mktemp("gates"), log=lambda msg: None,
    )
    report = cfg.getoption("--gates-report")
    if report and session.comparison:
        from reports.html import write_comparison

        write_comparison(session.comparison, Path(report), alpha=session.gates.alpha)
    return session
