"""Robustness headlines (robust.*) are quality under perturbed inputs, so a
constant or input-insensitive output cannot win them (it did win inv.worst)."""
import pytest

from benchmark.generator import SimpleGenerator
from benchmark.registry import GENERATORS
from benchmark.results import read_run, read_samples
from benchmark.schema import Example
from tests.runkit import make_run

HEADLINES = ("robust.fmr", "robust.reason_recall", "robust.content_support", "robust.bleu4")


@GENERATORS.register("unit-generic")
class Generic(SimpleGenerator):
    """Faithful but input-insensitive: names the item, says nothing it could get wrong, nothing specific."""

    name = "unit-generic"

    def explain(self, ex: Example) -> str:
        return f"We recommend {ex.item.title}."


@GENERATORS.register("unit-follow")
class Follow(SimpleGenerator):
    """Follows its inputs: states the recommender's matched values as it reads them."""

    name = "unit-follow"

    def explain(self, ex: Example) -> str:
        return f"{ex.item.title} has " + " and ".join(r.value for r in ex.signals.matched) + ", which you asked for."


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    d = tmp_path_factory.mktemp("robust")
    gens = ("sanity-constant", "unit-generic", "unit-follow", "template")
    return {g: make_run(d / g, generator=g, suites=("travel",), split="test", limit=16,
                        metrics=("fmr", "faith.reason_recall", "faith.content_support", "bleu4", "robust.*", "inv.worst"))
            for g in gens}


def _v(run_dir, metric):
    return read_run(run_dir).suites["travel"].scores[metric].value


def test_a_constant_generator_is_best_on_no_robustness_headline(runs):
    assert _v(runs["sanity-constant"], "inv.worst") == pytest.approx(1.0)  # the diagnostic it used to win
    for m in HEADLINES:
        others = max(_v(runs[g], m) for g in ("unit-follow", "template"))
        assert _v(runs["sanity-constant"], m) < others, m


def test_faithful_input_insensitive_output_ranks_below_one_that_follows_its_inputs(runs):
    for m in ("robust.fmr", "robust.reason_recall", "robust.bleu4"):
        assert _v(runs["unit-generic"], m) < _v(runs["unit-follow"], m), m


def test_worst_case_and_drop_are_the_per_sample_minimum_over_clean_and_perturbed(runs):
    d = runs["unit-follow"]
    run = read_run(d).suites["travel"].scores
    samples = list(read_samples(d))
    clean = [s["scores"]["fmr"] for s in samples]
    worst = [s["scores"]["robust.fmr"] for s in samples]
    assert all(w <= c for w, c in zip(worst, clean))
    assert run["robust.fmr"].value == pytest.approx(sum(worst) / len(worst))
    assert run["robust.fmr.drop"].value == pytest.approx(run["fmr"].value - run["robust.fmr"].value)
    assert run["robust.bleu4"].value <= run["bleu4"].value
    assert run["robust.bleu4.drop"].value == pytest.approx(run["bleu4"].value - run["robust.bleu4"].value)


def test_leaderboards_head_robustness_with_robust_fmr_and_show_the_out_of_domain_gap(tmp_path):
    from reports.html import leaderboard_context, leaderboard_html
    from reports.leaderboard import Board, write_markdown

    dirs = [make_run(tmp_path / g, generator=g, suites=("travel", "finance"), split="test", limit=8,
                     metrics=("fmr", "robust.fmr", "inv.worst"), n_boot=100) for g in ("template", "sanity-constant")]
    board = Board.load(dirs)
    ctx = leaderboard_context(board)
    assert {h["area"]: h["metric"] for h in ctx["heads"]}["robustness"] == "robust.fmr"
    col = [h["metric"] for h in ctx["heads"]].index("robust.fmr")
    assert not any(r["cells"][col]["best"] for r in ctx["overview"] if r["label"] == "sanity-constant")
    gaps = {r["label"]: r["cells"] for r in ctx["ood"]["rows"]}
    fmr = ctx["ood"]["metrics"].index("fmr")
    run = {g: read_run(d).scores() for g, d in zip(("template", "sanity-constant"), dirs)}
    want = run["template"]["finance"]["fmr"].value - run["template"]["travel"]["fmr"].value
    assert gaps["template"][fmr]["gap"] == f"{want:+.3f}"
    assert 'id="ood-table"' in leaderboard_html(board)
    md = write_markdown(dirs, tmp_path / "md").read_text()
    assert "Out-of-domain gap" in md and f"{want:+.3f}" in md
