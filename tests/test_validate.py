"""`rxbench validate`: separation measures against hand-computed values, the user-file loader's
errors, the labelled sets built from ../shared, the report round trip, the HTML section and the
min_validity gate."""
from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import pytest

from benchmark.cli import main
from benchmark.gates.gatefile import GateFileError, check_validity, load_gates
from benchmark.gates.session import GateSession
from benchmark.schema import InputError
from benchmark.scoring import MetricDef, Scored, get_metric, mean_reducer
from tests.conftest import REPO
from validation import engine
from validation.report import ValidityReport, read_validity, write_report
from validation.sets import DEFAULT_DATA, LabelledSet, Sample, neutral_example, selected
from validation.sets.user import load_user_set

VALIDATION_DIR = REPO.parent / "shared" / "data"


@pytest.fixture
def data_dir() -> Path:
    """../shared/data (validation/ and xrec/); CI must have it, elsewhere its absence skips."""
    if not (VALIDATION_DIR / "validation").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {VALIDATION_DIR / 'validation'} is missing")
        pytest.skip(f"{VALIDATION_DIR / 'validation'} not present")
    return VALIDATION_DIR


def table_metric(name: str, values: dict[str, float | None], higher_is_better: bool = False, threshold: float | None = None) -> MetricDef:
    """A metric whose per-sample value is looked up by output text (None = does not apply)."""
    def fn(examples, texts, ctx, **_options):
        vals = [values[t] for t in texts]
        return Scored([None if v is None else {"v": v} for v in vals], vals)

    return MetricDef(name, fn, mean_reducer, higher_is_better, frozenset(), "faithfulness", "1", name, threshold=threshold)


def tiny_set(slices: tuple[str, ...] = ("a", "a", "b", "b")) -> LabelledSet:
    ex = neutral_example("t", "test", item_profile="a quiet hotel by the sea")
    outs = ("bad1", "bad2", "good1", "good2")
    return LabelledSet("tiny", tuple(Sample(ex, o, int(o.startswith("bad")), s) for o, s in zip(outs, slices)))


def whole(rep: ValidityReport, metric: str):
    return rep.find(metric, "tiny")


def test_perfect_inverted_and_constant_metrics_score_auc_1_0_and_half():
    perfect = table_metric("t.perfect", {"bad1": 1, "bad2": 1, "good1": 0, "good2": 0})  # a rate: higher = worse
    support = table_metric("t.support", {"bad1": 0.1, "bad2": 0.2, "good1": 0.8, "good2": 0.9}, higher_is_better=True)
    inverted = table_metric("t.inverted", {"bad1": 0, "bad2": 0, "good1": 1, "good2": 1})
    rep = engine.validate([tiny_set()], [perfect, support, inverted], n_boot=50, log=lambda m: None)
    assert whole(rep, "t.perfect").auc == 1.0 and whole(rep, "t.perfect").recall_at_5fpr == 1.0
    # 0/1 values: the default threshold 0.5 applies; a support score (not 0/1) has none
    p = whole(rep, "t.perfect")
    assert (p.threshold, p.accuracy, p.recall, p.fpr) == (0.5, 1.0, 1.0, 0.0)
    assert rep.metrics["t.perfect"].threshold_source == "binary values"
    s = whole(rep, "t.support")
    assert s.auc == 1.0 and s.threshold is None and s.accuracy is None  # higher-is-better oriented: low support = flagged
    i = whole(rep, "t.inverted")
    assert i.auc == 0.0 and i.recall_at_5fpr == 0.0 and (i.accuracy, i.recall, i.fpr) == (0.0, 0.0, 1.0)
    const = whole(rep, "baseline.constant")
    assert const.auc == 0.5 and (const.accuracy, const.recall, const.fpr) == (0.5, 0.0, 0.0)


def test_hand_computed_auc_recall_at_fpr_and_threshold_counts():
    # bad 0.9, 0.4; good 0.6, 0.1. Pairs bad > good: (0.9,0.6) (0.9,0.1) (0.4,0.1) = 3 of 4 -> AUC 0.75.
    # No false positive until the threshold drops below 0.6, which catches only 0.9: recall@5%FPR = 0.5.
    # Declared threshold 0.5: flags 0.9 and 0.6 -> recall 1/2, FPR 1/2, accuracy 2/4.
    m = table_metric("t.graded", {"bad1": 0.9, "bad2": 0.4, "good1": 0.6, "good2": 0.1}, threshold=0.5)
    rep = engine.validate([tiny_set()], [m], n_boot=200, log=lambda m: None)
    g = whole(rep, "t.graded")
    assert g.auc == pytest.approx(0.75) and g.recall_at_5fpr == 0.5
    assert (g.accuracy, g.recall, g.fpr, g.threshold) == (0.5, 0.5, 0.5, 0.5)
    assert rep.metrics["t.graded"].threshold_source == "declared"
    lo, hi = g.auc_ci
    assert 0.0 <= lo <= 0.75 <= hi <= 1.0 and lo < hi


def test_not_applicable_counts_as_not_flagged_and_shows_in_coverage():
    # bad2 gets no value: it ranks below every scored sample and is not flagged
    m = table_metric("t.partial", {"bad1": 1, "bad2": None, "good1": 0, "good2": 0})
    g = whole(engine.validate([tiny_set()], [m], n_boot=0, log=lambda m: None), "t.partial")
    assert g.coverage == 0.75 and g.recall == 0.5 and g.fpr == 0.0
    assert g.auc == 0.5  # bad1 beats both goods (2 of 4 pairs), the unscored bad2 loses to both
    assert g.auc_ci is None  # n_boot 0: no CI


def test_same_seed_same_report_and_limit_draws_a_seeded_subset():
    m = table_metric("t.graded", {"bad1": 0.9, "bad2": 0.4, "good1": 0.6, "good2": 0.1})
    def run(seed: int, limit: int | None = None) -> dict:
        return engine.validate([tiny_set()], [m], seed=seed, n_boot=100, limit=limit, log=lambda m: None).to_dict()

    assert run(0) == run(0) and run(3, limit=3) == run(3, limit=3)
    sub = [engine.subsample(tiny_set(), 2, seed) for seed in range(6)]
    assert all(len(s.samples) == 2 for s in sub) and sub[0] == engine.subsample(tiny_set(), 2, 0)
    assert len({tuple(x.output for x in s.samples) for s in sub}) > 1


def test_one_class_slices_borrow_the_other_class_of_the_set():
    m = table_metric("t.graded", {"bad1": 0.9, "bad2": 0.4, "good1": 0.6, "good2": 0.1})
    rep = engine.validate([tiny_set(("x", "y", "z", "z"))], [m], n_boot=0, log=lambda m: None)
    x, y, z = (rep.find("t.graded", "tiny", s) for s in "xyz")
    assert (x.n_pos, x.n_neg, x.auc) == (1, 2, 1.0)  # 0.9 above both goods
    assert (y.n_pos, y.n_neg, y.auc) == (1, 2, 0.5)  # 0.4 above 0.1, below 0.6
    assert (z.n_pos, z.n_neg, z.auc) == (2, 2, 0.75)


def test_token_f1_baseline_is_bag_of_words_f1_and_splits_chinese():
    assert engine.token_f1("the quiet hotel", "a quiet hotel by the sea") == pytest.approx(2 * 1.0 * 0.5 / 1.5)
    assert engine.token_f1("安静的酒店", "酒店很安静") == pytest.approx(0.8)  # 4 of 5 characters shared both ways
    assert engine.token_f1("zzz", "a quiet hotel") == 0.0


def test_the_overlap_baseline_flags_copying_on_sets_whose_bad_outputs_copy_the_inputs():
    ex = neutral_example("t", "test", user_profile="call me on 555 0100 at the quiet hotel")
    samples = (Sample(ex, "call me on 555 0100", 1, "s"), Sample(ex, "a calm stay", 0, "s"))
    faith = engine.validate([LabelledSet("f", samples)], [], n_boot=0, log=lambda m: None)
    leak = engine.validate([LabelledSet("l", samples, bad_copies_input=True)], [], n_boot=0, log=lambda m: None)
    assert faith.find("baseline.token_f1", "f").auc == 0.0 and leak.find("baseline.token_f1", "l").auc == 1.0
    assert leak.sets["l"].bad_copies_input and not faith.sets["f"].bad_copies_input


def test_metrics_without_a_per_sample_verdict_are_listed_not_scored():
    rep = engine.validate([tiny_set()], [get_metric("failure_rate")], n_boot=0, log=lambda m: None)
    assert "failure_rate" in rep.not_validated and not [m for m in rep.results if m.metric == "failure_rate"]


def test_report_round_trips_and_finds_the_best_set(tmp_path):
    m = table_metric("t.graded", {"bad1": 0.9, "bad2": 0.4, "good1": 0.6, "good2": 0.1})
    other = LabelledSet("other", tiny_set().samples)
    rep = engine.validate([tiny_set(), other], [m], n_boot=20, log=lambda m: None)
    js, md = write_report(rep, tmp_path)
    back = read_validity(tmp_path)
    assert back.to_dict() == json.loads(js.read_text()) and back.find("t.graded", "tiny").auc == pytest.approx(0.75)
    assert back.best("t.graded").auc == pytest.approx(0.75)
    assert "| t.graded" in md.read_text() and "0.750" in md.read_text()


# --- the user's own file -------------------------------------------------------------------


def _line(**over) -> str:
    ex = neutral_example("u1", "travel", user_profile="Mail me at ana@example.org").to_dict()
    return json.dumps({"example": ex, "output": "Booked.", "label": 0, "slice": "s", **over})


def test_user_file_loads_and_bad_lines_name_file_line_and_field(tmp_path):
    good = tmp_path / "ok.jsonl"
    good.write_text(_line() + "\n" + _line(output="Write to ana@example.org.", label=1) + "\n")
    s = load_user_set(good)
    assert [x.label for x in s.samples] == [0, 1] and s.samples[0].example.user.profile == "Mail me at ana@example.org"
    cases = {
        _line(label=2): "field 'label'",
        json.dumps({"example": {"id": "x"}, "output": "", "label": 1}): "field 'example'",
        _line(example={**json.loads(_line())["example"], "user": {"profile": "p"}}): "field 'example.user'",
        json.dumps({"output": "o", "label": 1}): "'example' is a required property",
        "{not json": "not valid JSON",
    }
    for bad, expected in cases.items():
        path = tmp_path / "bad.jsonl"
        path.write_text(_line() + "\n" + bad + "\n")
        with pytest.raises(InputError) as err:
            load_user_set(path)
        assert str(err.value).startswith(f"{path}:2:") and expected in str(err.value), str(err.value)


def test_cli_validates_a_user_file_end_to_end(tmp_path):
    path = tmp_path / "mine.jsonl"
    rows = [_line(output="Your trip is booked for Friday.", label=0, slice="plain"),
            _line(output="We sent it to ana@example.org as you asked.", label=1, slice="email"),
            _line(output="Enjoy the quiet rooms.", label=0, slice="plain"),
            _line(output="Questions: ana@example.org.", label=1, slice="email")]
    path.write_text("\n".join(rows) + "\n")
    assert main(["validate", "--set", f"user:{path}", "--metrics", "leakage", "--n-boot", "50", "--out", str(tmp_path / "v")]) == 0
    rep = read_validity(tmp_path / "v" / "validity.json")
    got = rep.find("leakage", f"user:{path}")
    assert got.auc == 1.0 and got.recall == 1.0 and got.fpr == 0.0 and (got.n_pos, got.n_neg) == (2, 2)
    assert (tmp_path / "v" / "validity.md").read_text().startswith("# rxbench validity report")


def test_absent_data_skips_the_set_with_the_path(tmp_path, capsys):
    from validation.cli import load_sets

    sets, skipped = load_sets(["qsquared", "davidson"], tmp_path, 0)
    assert sets == [] and set(skipped) == {"qsquared", "qsquared/heldout", "qsquared/dev", "davidson"}  # a family name selects its members
    assert str(tmp_path / "validation" / "faithfulness" / "qsquared.jsonl") in skipped["qsquared"]
    with pytest.raises(ValueError, match="unknown labelled set"):
        load_sets(["nope"], tmp_path, 0)
    assert selected(["challenge"], ["challenge/structured", "challenge/xrec", "safety-challenge/leakage"]) == ["challenge/structured", "challenge/xrec"]


# --- the sets built from ../shared ---------------------------------------------------------


def test_shared_sets_are_what_they_claim(data_dir):
    from validation.sets import SETS

    q = SETS.create("qsquared", data=data_dir, seed=0)
    raw = [json.loads(line) for line in (data_dir / "validation/faithfulness/qsquared.jsonl").read_text().splitlines()]
    # bad: 150 + 150 responses of the two "inconsistent" files, and the cross-annotation rows whose field (Q²'s own
    # label there) is 1 = inconsistent: 186 dodeca + 274 memnet
    assert len(q.samples) == len(raw) and sum(s.label for s in q.samples) == 300 + 186 + 274
    assert q.samples[0].example.item.profile == raw[0]["knowledge"] and q.samples[0].output == raw[0]["response"]
    # a cross-annotated response that is also in a labelled file gets that file's label (601 of them)
    by_file = {(s.example.item.profile, s.output): s.label for s in q.samples if not s.slice.startswith("cross")}
    twice = [(by_file[k], s.label) for s in q.samples if s.slice.startswith("cross") and (k := (s.example.item.profile, s.output)) in by_file]
    assert len(twice) == 601 and all(a == b for a, b in twice)
    held = SETS.create("qsquared/heldout", data=data_dir, seed=0)
    topic = {r["id"]: r["topic"] for r in raw}
    held_topics = Counter(topic[s.example.id] for s in held.samples)
    all_topics = Counter(topic[s.example.id] for s in q.samples)
    assert 0 < len(held.samples) < len(q.samples)
    assert all(all_topics[t] == n for t, n in held_topics.items())  # a topic is held out with all its responses
    dev = SETS.create("qsquared/dev", data=data_dir, seed=0)  # the other half: together they are the whole set, no topic in both
    assert sorted(s.example.id for s in (*dev.samples, *held.samples)) == sorted(s.example.id for s in q.samples)
    assert not {topic[s.example.id] for s in dev.samples} & set(held_topics)

    d = SETS.create("davidson", data=data_dir, seed=0)
    by = {k: [s for s in d.samples if s.slice == k] for k in ("hate", "offensive", "neither")}
    # only the 20% the toxicity head never saw (4,957 tweets: 297 hate, 3,875 offensive, 785 neither), offensive capped at 1,000
    assert [len(v) for v in by.values()] == [297, 1000, 785] and all(s.label == 1 for s in by["hate"])
    assert not any(s.label for s in by["offensive"] + by["neither"])
    assert [s.output for s in SETS.create("davidson", data=data_dir, seed=0).samples] == [s.output for s in d.samples]

    p = SETS.create("pii", data=data_dir, seed=0)
    personal = {"EMAIL_ADDRESS", "PHONE_NUMBER", "STREET_ADDRESS", "CREDIT_CARD", "IBAN_CODE", "US_SSN", "US_DRIVER_LICENSE"}
    spans = [(r["full_text"], sp) for r in json.loads((data_dir / "validation/pii/presidio_synth_dataset_v2.json").read_text())
             for sp in r["spans"] if sp["entity_type"] in personal]
    assert len(p.samples) == 2 * len(spans)
    for (text, sp), a, b in zip(spans, p.samples[0::2], p.samples[1::2]):
        value = " ".join(sp["entity_value"].split())
        assert (a.label, b.label, a.slice, b.slice) == (1, 0, sp["entity_type"], sp["entity_type"])
        assert a.example is b.example and a.example.user.profile == text
        assert value in a.output and value not in b.output

    inj = SETS.create("injection", data=data_dir, seed=0)
    marketing = [s for s in inj.samples if s.label == 1 and "www.shoplux.com" in s.example.item.profile]
    assert marketing and all("Visit www.shoplux.com for exclusive deals on luxury watches." in s.output for s in marketing)
    code = [s for s in inj.samples if s.label == 1 and s.slice == "Corrupting an Operating System"]
    assert code and all("```" in s.output and "```" in s.example.item.profile for s in code)
    assert all(s.example.item.profile != s.output for s in inj.samples)


def test_default_data_is_the_shared_folder_beside_the_repo():
    assert DEFAULT_DATA == REPO.parent / "shared" / "data"


# --- gates and the HTML section ------------------------------------------------------------


def _validity(tmp_path: Path, auc_values: dict[str, float]) -> Path:
    """A real validity report for toxicity.frac on a 4-sample set whose values give a known AUC."""
    real = get_metric("toxicity.frac")
    m = table_metric("toxicity.frac", auc_values)
    m = MetricDef(real.name, m.fn, mean_reducer, False, frozenset(), real.area, real.version, "", real.options)
    rep = engine.validate([LabelledSet("davidson", tiny_set().samples)], [m], n_boot=20, log=lambda m: None)
    write_report(rep, tmp_path)
    return tmp_path / "validity.json"


def _gates(tmp_path: Path, validity: str | None, rule: str = "{auc: 0.8, set: davidson}") -> Path:
    path = tmp_path / "gates.yaml"
    path.write_text(("" if validity is None else f"validity: {validity}\n") +
                    f"suites: [travel]\nmetrics:\n  toxicity.frac: {{max: 0.001, min_validity: {rule}}}\n")
    return path


def test_min_validity_gate_passes_fails_and_explains(tmp_path):
    good = _validity(tmp_path / "good", {"bad1": 1, "bad2": 1, "good1": 0, "good2": 0})  # AUC 1.0
    bad = _validity(tmp_path / "bad", {"bad1": 1, "bad2": 0, "good1": 1, "good2": 0})  # AUC 0.5
    g = load_gates(_gates(tmp_path, "good/validity.json"))
    rule = next(r for r in g.rules if r.kind == "min_validity")
    assert rule.id == "validity:davidson/toxicity.frac/min_validity.auc" and g.suites == ("travel",)
    ok, msg = check_validity(rule, good)
    assert ok and "meets toxicity.frac auc on davidson >= 0.8: measured 1.000" in msg
    ok, msg = check_validity(rule, bad)
    assert not ok and "violates" in msg and "measured 0.500" in msg and "2 bad / 2 good" in msg
    ok, msg = check_validity(rule, tmp_path / "missing.json")
    assert not ok and "no validity report" in msg and "rxbench validate" in msg
    ok, msg = check_validity(rule, None)
    assert not ok and "validity: PATH" in msg
    # decided from the report even when the runs cannot be compared
    session = GateSession(g, tmp_path, "template", refusal="cannot read the baseline")
    assert session.evaluate(rule)[0] and not session.evaluate(next(r for r in g.rules if r.kind == "max"))[0]
    other = next(r for r in load_gates(_gates(tmp_path, "good/validity.json", "{auc: 0.8, set: qsquared}")).rules if r.kind == "min_validity")
    ok, msg = check_validity(other, good)
    assert not ok and "has no auc for toxicity.frac on qsquared" in msg


def test_min_validity_rejects_a_stale_signature_and_bad_rules(tmp_path):
    path = _validity(tmp_path, {"bad1": 1, "bad2": 1, "good1": 0, "good2": 0})
    raw = json.loads(path.read_text())
    raw["metrics"]["toxicity.frac"]["signature"] = "toxicity.frac|v:0"
    path.write_text(json.dumps(raw))
    rule = next(r for r in load_gates(_gates(tmp_path, "validity.json")).rules if r.kind == "min_validity")
    ok, msg = check_validity(rule, path)
    assert not ok and "measured toxicity.frac|v:0" in msg and "re-run rxbench validate" in msg
    with pytest.raises(GateFileError, match="min_validity"):
        load_gates(_gates(tmp_path, None, "{auc: 0.8}"))  # no set
    with pytest.raises(GateFileError, match="min_validity"):
        load_gates(_gates(tmp_path, None, "{auc: 1.5, set: davidson}"))


def test_html_leaderboard_shows_how_far_to_trust_each_column(tmp_path):
    from reports.html import write_html
    from tests.runkit import make_run

    run = make_run(tmp_path / "run", metrics=("toxicity.frac", "rougeL"))
    validity = _validity(tmp_path / "v", {"bad1": 1, "bad2": 1, "good1": 0, "good2": 0})
    html = write_html([run], tmp_path / "out", validity=validity).read_text()
    assert "How far to trust each column" in html
    row = html[html.index('id="trust-table"'):].split("</table>")[0]
    assert "<td>toxicity.frac</td>" in row and "<td>davidson</td>" in row and ">1.00<br>" in row and "rougeL" not in row
    assert "How far to trust" not in write_html([run], tmp_path / "plain").read_text()
    assert read_validity(validity).best("rougeL") is None


def test_trust_section_shows_the_weakest_set_beside_the_best(tmp_path):
    from reports.html import write_html
    from tests.runkit import make_run
    from validation.report import ALL, Measure

    path = _validity(tmp_path / "v", {"bad1": 1, "bad2": 1, "good1": 0, "good2": 0})  # AUC 1.0 on davidson
    raw = json.loads(path.read_text())
    weak = Measure("toxicity.frac", "hate-tests", ALL, 0.625, (0.5, 0.75), 0.25, None, None, None, None, 8, 8, 1.0)
    raw["results"].append(asdict(weak))
    path.write_text(json.dumps(raw))
    rep = read_validity(path)
    assert (rep.best("toxicity.frac").set, rep.worst("toxicity.frac").set, rep.worst("toxicity.frac").auc) == ("davidson", "hate-tests", 0.625)
    run = make_run(tmp_path / "run", metrics=("toxicity.frac",))
    row = write_html([run], tmp_path / "out", validity=path).read_text().split('id="trust-table"')[1].split("</table>")[0]
    cells = row.split("<td")
    assert "hate-tests" in cells[4] and ">0.625<br>" in cells[2] and "davidson" in cells[7] and ">1.00<br>" in cells[5]


def test_handwritten_pii_halves_split_all_cases_and_need_no_data(tmp_path):
    from validation.sets import SETS
    from validation.sets.pii_handwritten import CASES

    dev, held = (SETS.create(f"pii-handwritten/{h}", data=tmp_path, seed=0) for h in ("dev", "heldout"))  # empty dir: no file read
    assert len(CASES) == 132 and sum(c[3] for c in CASES) == 84  # 84 leaks, 48 hard negatives, written by hand
    assert sorted(s.output for s in dev.samples + held.samples) == sorted(c[2] for c in CASES)
    assert all(s.slice.startswith("neg:") != bool(s.label) for s in dev.samples + held.samples)
    shop = next(s for s in held.samples + dev.samples if s.output.startswith("Trattoria Roma"))
    assert shop.example.item.profile.startswith("Trattoria Roma, 45 Elm Street") and shop.label == 0


def test_handmade_faithfulness_twins_read_with_kinds_and_need_no_data(tmp_path):
    from validation.sets import SETS
    from validation.sets.faith_handmade import FAITHFUL, UNFAITHFUL

    s = SETS.create("faith-handmade", data=tmp_path, seed=0)  # empty dir: the file ships in the repo
    kinds = {k: sum(x.slice == k for x in s.samples) for k in (*FAITHFUL, *UNFAITHFUL)}
    assert len(s.samples) == 140 and sum(kinds.values()) == 140  # 35 profiles x (2 faithful + 2 unfaithful)
    assert kinds == {"paraphrase": 41, "harmless-negation": 29, "negation": 12, "antonym": 16, "value": 17, "entity": 14, "invented": 11}
    assert all((x.slice in UNFAITHFUL) == bool(x.label) for x in s.samples)
    first = s.samples[0]
    assert first.example.item.title == "Alder Trail Backpack" and "waterproof nylon" in first.example.input_text()


def test_handmade_faithfulness_halves_split_by_profile_and_cover_the_set(tmp_path):
    from validation.sets import SETS
    from validation.sets.faith_handmade import profile_of

    whole, dev, held = (SETS.create(n, data=tmp_path, seed=0) for n in ("faith-handmade", "faith-handmade/dev", "faith-handmade/heldout"))
    assert (len(dev.samples), len(held.samples)) == (64, 76)  # 16 and 19 profiles of 4 twins
    assert sorted(s.output for s in dev.samples + held.samples) == sorted(s.output for s in whole.samples)
    assert not {profile_of(s) for s in dev.samples} & {profile_of(s) for s in held.samples}  # a profile's twins stay together
