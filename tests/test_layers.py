"""The import layers of pyproject.toml ([tool.importlinter]) hold: data flows suites ->
generators -> metrics -> runner -> reports / gates, nothing imports upward, no cycles."""
from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# import-linter builds the graph of the packages importable from the working directory (the repository)
LINT = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports(sys.argv[1], no_cache=True, no_logo=True))"
UNLAYERED = {"benchmark.__init__", "benchmark.conftest"}  # the package marker and the gates' pytest options


def _contracts() -> dict[str, dict]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    return {c["id"]: c for c in config["contracts"]}


def test_no_upward_import_and_no_cycle() -> None:
    # in a child process: import-linter's console closes the stream it wrote to, which kills a pytest session
    run = subprocess.run([sys.executable, "-c", LINT, str(REPO / "pyproject.toml")], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Contracts: 3 kept, 0 broken." in run.stdout


def test_every_package_and_core_module_has_a_layer() -> None:
    """A new top-level package or benchmark module must be placed in a layer, or nothing checks it."""
    layered = {m.strip() for layer in _contracts()["layers"]["layers"] for m in layer.split("|")}
    roots = {p.name for p in REPO.iterdir() if (p / "__init__.py").is_file() and p.name != "tests"}
    assert roots - {"benchmark"} <= layered
    core = {f"benchmark.{p.stem}" for p in (REPO / "benchmark").glob("*.py")} | {
        f"benchmark.{p.name}" for p in (REPO / "benchmark").iterdir() if (p / "__init__.py").is_file()}
    assert core - UNLAYERED - layered == set()


def test_metrics_import_no_generator_code_at_all() -> None:
    """Perplexity loads its LM through benchmark.lm, not the generators' package: the
    plugins contract holds with no exception (an `ignore_imports` entry would reopen it)."""
    plugins = _contracts()["plugins"]
    assert plugins["forbidden_modules"] == ["suites", "baselines"]
    assert plugins.get("ignore_imports", []) == []


def test_model_loading_imports_no_torch_until_used() -> None:
    """metrics.fluency imports benchmark.lm at module level and the registry imports every
    metric: torch, transformers, gguf and peft must stay inside its functions, or listing
    metrics would load them (seconds of CPU)."""
    heavy = ("torch", "transformers", "gguf", "peft")
    code = ("import sys, benchmark.lm.loading, benchmark.lm.gemma, benchmark.lm.gguf_once; "
            f"print(sorted(m for m in {heavy!r} if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"
