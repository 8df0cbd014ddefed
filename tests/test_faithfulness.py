"""Faithfulness metrics: hand-computed values on hand-built examples, the real XRec data,
and the sanity generators ranked through the real runner."""
from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest

from benchmark.results import read_samples
from benchmark.runner import RunSpec, run
from benchmark.schema import Example, Item, Reason, Signals, User
from benchmark.scoring import MetricContext, aggregate, get_metric
from metrics.grounding import entities, numbers, unsupported_entities, unsupported_numbers
from metrics.mentions import analyse, compile_lexicon
from metrics.similarity import LEXICAL

LEX = {
    "tier": {"budget": ("cheap",), "luxury": ("upscale",)},
    "amenities": {"pool": ("swimming pool",), "spa": (), "gym": ("fitness centre",), "sauna": ()},
    "pets": {"pet-friendly": ("pets allowed",)},
    "wifi": {"free wifi": ("wi-fi",)},
}
HOTEL = Example(
    "h-1", "hotels",
    User("u1", {"pref_amenities": ["gym"]}, "Wants a gym.", ("Cheap Sauna Motel",)),
    Item("i1", "Pool House", {"tier": "luxury", "amenities": ["pool", "spa"], "pets": False, "wifi": True, "price": 240}),
    Signals(0.9, (Reason("amenities", "pool"), Reason("tier", "luxury"))),
)
CTX = MetricContext("hotels", frozenset(), LEX)

# text -> (hallucinated, contradiction, (supported, stated) or None, reason recall)
CASES = {
    "An upscale stay with a swimming pool.": (0, 0, (2, 2), 1.0),
    "Cheap rooms, and you will love the fitness centre.": (1, 1, (1, 2), 0.0),  # cheap contradicts luxury; gym: the user's
    "It is pet-friendly and has a spa.": (1, 1, (1, 2), 0.0),  # pets is False
    "It has no pool, sadly.": (1, 1, (0, 1), 0.0),  # negating a value the item has
    "No pets allowed, but free wifi and a pool.": (0, 0, (2, 2), 0.5),  # negated false value: fine
    "Pool House beats Cheap Sauna Motel.": (0, 0, None, 0.0),  # titles are names, not claims
    "It offers a sauna.": (1, 0, (0, 1), 0.0),  # invented (list attribute: not a contradiction)
    "": (0, 0, None, 0.0),
}


def _score(name: str, texts: list[str], ctx: MetricContext = CTX, examples: list[Example] | None = None):
    m = get_metric(name)
    scored = m.score(examples or [HOTEL] * len(texts), texts, ctx)
    return scored, aggregate(m, scored.rows, scored.const)["value"]


def test_claims_are_classified():
    c = analyse(compile_lexicon(LEX), HOTEL, "Cheap rooms, a sauna, no pool, wi-fi and a fitness centre.")
    assert c.contradiction == {("tier", "budget"), ("amenities", "pool")}
    assert c.invented == {("amenities", "sauna")} and c.true == {("wifi", "free wifi")} and c.user == {("amenities", "gym")}


def test_structured_metrics_hand_computed():
    texts = list(CASES)
    halluc, v = _score("faith.halluc", texts)
    assert halluc.values == [float(c[0]) for c in CASES.values()] and v == pytest.approx(4 / 8)
    contra, v = _score("faith.contradiction", texts)
    assert contra.values == [float(c[1]) for c in CASES.values()] and v == pytest.approx(3 / 8)
    prec, v = _score("faith.attr_precision", texts)
    assert prec.rows == [None if c[2] is None else {"ok": c[2][0], "m": c[2][1]} for c in CASES.values()]
    assert v == pytest.approx(6 / 10)  # micro: supported / stated over all explanations
    recall, v = _score("faith.reason_recall", texts)
    assert recall.values == [c[3] for c in CASES.values()] and v == pytest.approx(1.5 / 8)


def test_reason_recall_without_lexicon_falls_back_to_words():
    ex = replace(HOTEL, signals=Signals(None, (Reason("vibe", "rooftop bar"), Reason("vibe", "live jazz"))))
    scored, _ = _score("faith.reason_recall", ["A rooftop bar!", "Rooftop views"], examples=[ex, ex])
    assert scored.values == [0.5, 0.0]
    no_reasons, v = _score("faith.reason_recall", ["x"], examples=[replace(HOTEL, signals=Signals())])
    assert no_reasons.rows == [None] and math.isnan(v)


BOOK = Example(
    "b-1", "books", User("u", {}, "Enjoys historical romance set in Scotland; rated 2300 books."),
    Item("i", "Drums of Autumn", {}, "Fans of the Outlander series by Diana Gabaldon will enjoy this 880-page novel about the Wi-Fi era."),
)


def test_entities_and_numbers():
    assert entities('The user will love "Drums of Autumn" by Diana Gabaldon. Fans of Jamie Fraser, too.') == [
        ["Drums", "of", "Autumn"], ["Drums", "of", "Autumn"], ["Diana", "Gabaldon"], ["Jamie", "Fraser"]]
    assert entities("Great pick. The plot is fine. I liked it.") == []  # sentence-initial words and "I" are not names
    assert unsupported_entities(BOOK, "Drums of Autumn continues Gabaldon's Outlander series, WiFi included.") == []
    assert unsupported_entities(BOOK, "Jamie Fraser returns in Drums of Autumn.") == ["Jamie Fraser"]
    assert unsupported_entities(BOOK, "It is set in Scotland, like Autumn Drums.") == ["Autumn Drums"]  # word order matters
    assert numbers("2,300 readers, 4.50 stars, two sequels, one book") == {"2300", "4.5", "2"}
    assert unsupported_numbers(BOOK, "An 880-page novel loved by 2,300 readers.") == []
    assert unsupported_numbers(BOOK, "Rated 4.5 by 300 readers; two sequels.") == ["2", "300", "4.5"]


def test_free_text_metrics_hand_computed():
    texts = ["Drums of Autumn is an Outlander novel.", "Jamie Fraser stars in 3 books.", "Scotland dragons.", ""]
    ent, v = _score("faith.entity_halluc", texts, examples=[BOOK] * 4)
    assert ent.values == [0.0, 1.0, 0.0, 0.0] and v == pytest.approx(0.25)
    num, _ = _score("faith.number_halluc", texts, examples=[BOOK] * 4)
    assert num.values == [0.0, 1.0, 0.0, 0.0]
    cs, v = _score("faith.content_support", texts, examples=[BOOK] * 4)
    # content words (stemmed, minus stop / frame words): drums autumn outlander novel | jamie fraser stars books | scotland dragons
    assert cs.values == [1.0, pytest.approx(1 / 4), 0.5, None] and v == pytest.approx((1 + 0.25 + 0.5) / 3)


def test_embed_support_lexical_hand_computed():
    m = get_metric("faith.embed_support")
    lexical = m.with_options(model=LEXICAL)
    texts = ["Fans of the Outlander series by Diana Gabaldon will enjoy this 880-page novel about the Wi-Fi era.", "Zebra quantum chess.",
             "Drums of Autumn. Zebra quantum chess."]
    scored = lexical.score([BOOK] * 3, texts, CTX)
    assert scored.values == [pytest.approx(1.0), 0.0, pytest.approx(0.5)]  # mean over sentences of the best cosine


def test_embed_support_default_model_ranks_supported_above_unsupported():
    m = get_metric("faith.embed_support")
    vals = m.score([BOOK] * 2, ["Outlander fans will enjoy this long novel.", "The espresso machine has a steam wand."], CTX).values
    assert vals[0] > vals[1] + 0.2, (m.signature, vals)


def test_xrec_suites_score_without_errors_and_flag_unsupported_entities(xrec_dir, tmp_path):
    spec = RunSpec((f"xrec:{xrec_dir / 'google.jsonl'}",), "xrec-output", ("faith.*", "cf.*"), "test", 30)
    r = run(spec, tmp_path / "run", tmp_path / "cache.sqlite", log=lambda m: None)
    scores = r.suites["xrec-google"].scores
    assert not r.suites["xrec-google"].metric_errors and "faith.halluc" not in scores and "cf.swap" not in scores  # structured-only metrics skip
    assert {"faith.entity_halluc", "faith.number_halluc", "faith.content_support", "faith.embed_support"} <= set(scores)
    assert all(scores[m].n == 30 for m in ("faith.entity_halluc", "faith.number_halluc"))
    samples = list(read_samples(tmp_path / "run"))
    flagged = [s for s in samples if s["scores"]["faith.entity_halluc"] == 1.0]
    for s in flagged:  # every flagged text names something absent from that example's inputs
        src = next(json.loads(line) for line in (xrec_dir / "google.jsonl").open() if s["id"].endswith(f"-{json.loads(line)['uid']}-{json.loads(line)['iid']}"))
        inputs = (src["title"] + " " + src["user_summary"] + " " + src["item_summary"]).lower()
        assert any(e.lower().replace("'s", "") not in inputs for e in unsupported_entities(_ex(src), s["text"]))


def _ex(rec: dict) -> Example:
    return Example("x", "x", User("u", {}, rec["user_summary"]), Item("i", rec["title"], {}, rec["item_summary"]))


@pytest.fixture(scope="module")
def sanity_runs(tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("sanity")
    runs = {}
    for g in ("template", "sanity-constant", "sanity-invent"):
        metrics = ("faith.halluc", "faith.attr_precision", "faith.reason_recall", "faith.entity_halluc", "faith.number_halluc")
        spec = RunSpec(("travel", "finance"), g, metrics, "test", 40)
        runs[g] = run(spec, out / g, out / "cache.sqlite", log=lambda m: None).scores()
    return runs


@pytest.mark.parametrize("suite", ["travel", "finance"])
def test_sanity_generators_rank_as_expected(sanity_runs, suite):
    val = {g: {m: s[m].value for m in s} for g, r in sanity_runs.items() for s in [r[suite]]}
    t, c, inv = val["template"], val["sanity-constant"], val["sanity-invent"]
    # the attribute-inventing generator is last on every hallucination metric
    for m in ("faith.halluc", "faith.entity_halluc", "faith.number_halluc"):
        assert inv[m] > max(t[m], c[m]) and inv[m] >= 0.5, m
    assert inv["faith.attr_precision"] < t["faith.attr_precision"] and t["faith.attr_precision"] == 1.0
    assert t["faith.halluc"] == 0.0 and t["faith.reason_recall"] == 1.0 and c["faith.reason_recall"] == 0.0
    assert c["faith.attr_precision"] is None  # states nothing: precision does not apply (NaN in run.json)


def test_sample_log_has_per_sample_faithfulness(tmp_path):
    spec = RunSpec(("travel",), "sanity-invent", ("faith.halluc", "faith.attr_precision"), "test", 5)
    run(spec, tmp_path / "r", tmp_path / "c.sqlite", log=lambda m: None)
    samples = list(read_samples(tmp_path / "r"))
    assert len(samples) == 5 and all(s["scores"]["faith.halluc"] == 1.0 for s in samples)
    assert all(s["stats"]["faith.attr_precision"]["m"] >= 1 for s in samples)
    assert Path(tmp_path / "r" / "run.json").is_file()


HOSTILE = ["", "   ", "Ünïcödé ✓ 推荐 — שלום \u200b e\u0301 👍🏽 « Le Château » $4,50 1,2,3.4.5", "No. No. Not. Without.",
           "Pool " * 40_000, '"' * 500 + "A" * 10_000, "I I I. 1 2 3. Dr. Mr. St."]


@pytest.mark.parametrize("name", ["faith.halluc", "faith.contradiction", "faith.attr_precision", "faith.reason_recall",
                                  "faith.entity_halluc", "faith.number_halluc", "faith.content_support", "faith.embed_support"])
def test_hostile_texts_and_examples(name):
    m = get_metric(name)
    m = m.with_options(model=LEXICAL) if "model" in m.build.arguments else m
    bare = Example("x", "d", User("u"), Item("i", ""))
    # valid under the schema, but not the types the lexicon attributes usually have
    odd = replace(HOTEL, item=replace(HOTEL.item, attributes={"tier": ["luxury", "x"], "amenities": "pool", "pets": 3.5, "wifi": "yes"}),
                  user=replace(HOTEL.user, attributes={"x": ["1", ""], "y": True}, history=("", "Pool")))
    for ex in (HOTEL, bare, odd, BOOK):
        scored = m.score([ex] * len(HOSTILE), HOSTILE, CTX)
        assert len(scored.rows) == len(HOSTILE)
        assert all(r is None or all(math.isfinite(v) for v in r.values()) for r in scored.rows)
    # an empty explanation states nothing: no hallucination, nothing to support
    empty = m.score([HOTEL], [""], CTX)
    assert empty.rows[0] is None or empty.rows[0].get("v", 0.0) == 0.0 or name == "faith.reason_recall"
