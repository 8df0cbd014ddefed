"""The typed run record: real run.json files meet docs/run.schema.json, read back to the
same bytes, and a wrong field is named."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

from benchmark.record import Run, ScoreSummary, run_schema
from benchmark.registry import Registry
from benchmark.results import read_run, write_run
from tests.runkit import make_run

REPO = Path(__file__).resolve().parent.parent
COMMITTED = REPO / "benchmark" / "gates" / "baseline" / "run.json"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """A run written by this code: template on unit-tiny, three metrics (one per-suite const)."""
    return make_run(tmp_path_factory.mktemp("rec") / "r", metrics=("bleu4", "fmr", "failure_rate"), n_boot=20) / "run.json"


@pytest.mark.parametrize("which", ["committed", "fresh"])
def test_real_runs_meet_the_schema_and_round_trip_byte_for_byte(which, fresh, tmp_path) -> None:
    path = COMMITTED if which == "committed" else fresh
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(run_schema()).validate(data)
    run = read_run(path)
    assert run.to_json() == data
    write_run(tmp_path / "again", run, [])
    assert (tmp_path / "again" / "run.json").read_bytes() == path.read_bytes()


def test_typed_fields_hold_what_run_json_holds(fresh) -> None:
    data = json.loads(fresh.read_text(encoding="utf-8"))
    run = read_run(fresh)
    tiny = run.suites["unit-tiny"]
    assert tiny.n == data["suites"]["unit-tiny"]["n"] == 40  # split "all" of the 40-example suite
    assert tiny.scores["fmr"] == ScoreSummary(1.0, 40, (1.0, 1.0))  # the template states every matched feature
    assert tiny.failures is not None and tiny.failures.count == 0 and run.total_failures() == (0, 40)
    assert tiny.fingerprint == data["generator"]["fingerprint"]["unit-tiny"] and tiny.fingerprint.startswith("template:")
    assert sorted(run.metrics) == ["bleu4", "failure_rate", "fmr"] and run.metrics["fmr"].area == "explainability"


def test_a_wrong_field_is_named(fresh, tmp_path) -> None:
    data = json.loads(fresh.read_text(encoding="utf-8"))
    data["scores"]["unit-tiny"]["fmr"]["n"] = "forty"
    with pytest.raises(ValueError, match=r"field scores/unit-tiny/fmr/n: 'forty' is not of type 'integer'"):
        Run.from_json(data, "x/run.json")
    data["format"] = 2
    with pytest.raises(ValueError, match="run format 2, this rxbench reads 1"):
        Run.from_json(data, "x/run.json")


def test_plugins_are_found_by_walking_the_package_and_by_entry_points(tmp_path, monkeypatch) -> None:
    """A module deep in the registry's package registers on first use, and so does an installed
    distribution that declares `[rxbench.demo] shout = "shoutpkg.plugin"` (a third-party package)."""
    deep = tmp_path / "walkpkg" / "sub"
    deep.mkdir(parents=True)
    for d in (deep.parent, deep):
        (d / "__init__.py").write_text("")
    (deep / "mod.py").write_text("from tests.test_run_record import DEMO\n\nDEMO.register('deep')(lambda: 'DEEP')\n")
    (tmp_path / "shoutpkg").mkdir()
    (tmp_path / "shoutpkg" / "__init__.py").write_text("")
    (tmp_path / "shoutpkg" / "plugin.py").write_text("from tests.test_run_record import DEMO\n\nDEMO.register('shout')(lambda: 'SHOUT')\n")
    dist = tmp_path / "shoutpkg-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: shoutpkg\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[rxbench.demo]\nshout = shoutpkg.plugin\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert "walkpkg.sub.mod" not in sys.modules  # lazy: nothing imported before first use
    assert DEMO.names() == ["deep", "shout"]
    assert DEMO.create("shout") == "SHOUT" and DEMO.create("deep") == "DEEP"


DEMO: Registry = Registry("demo", ("walkpkg",), "rxbench.demo")
