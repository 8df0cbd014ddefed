"""Per-claim faithfulness (metrics.claims): hand-made cases with hand-computed expectations."""
from __future__ import annotations

import pytest
from sklearn.metrics import roc_auc_score

from benchmark.results import read_samples
from benchmark.schema import Example, Item, Signals, User
from benchmark.scoring import MetricContext, aggregate, get_metric
from metrics import relations
from metrics.claims import THRESHOLD, judge, specificity
from metrics.negation import words
from metrics.similarity import LEXICAL
from tests.runkit import make_run

HOTEL = Example(
    "h1", "travel", User("u1", profile="Prefers quiet places."),
    Item("i1", "Hotel Aurora", profile="A spacious lobby and quiet rooms. The staff is friendly. Breakfast costs 12 euros.",
         attributes={"pool": False}),
    Signals(0.5, ()), (),
)


def verdicts(text: str, ex: Example = HOTEL) -> list[dict]:
    return [v.as_dict() for v in judge([ex], [text], LEXICAL)[0]]


def test_negated_claim_is_contradicted_with_its_span():
    vs = verdicts("Hotel Aurora has a spacious lobby, but the rooms are not quiet.")
    assert [v["label"] for v in vs] == ["supported", "contradicted"]
    assert vs[1]["kind"] == "negation" and vs[1]["span"] == "not quiet"
    faithful = verdicts("Hotel Aurora has a spacious lobby, and the rooms are quiet.")
    assert [v["label"] for v in faithful] == ["supported", "supported"]


def test_antonym_paraphrase_is_contradicted_and_synonym_paraphrase_supported():
    bad = verdicts("The lobby is cramped.")
    assert (bad[0]["label"], bad[0]["kind"], bad[0]["span"]) == ("contradicted", "antonym", "cramped")
    assert verdicts("The staff is rude.")[0]["kind"] == "antonym"
    good = verdicts("The lobby is roomy.")
    assert good[0]["label"] == "supported"
    # a denied opposite states the same quality
    assert verdicts("The lobby is not cramped.")[0]["label"] == "supported"


def test_changed_value_invented_amenity_and_denied_attribute():
    value = verdicts("Breakfast costs 15 euros.")[0]
    assert (value["label"], value["kind"], value["span"]) == ("contradicted", "value", "15")
    invented = verdicts("They offer free valet parking and a rooftop helipad.")[0]
    assert (invented["label"], invented["kind"], invented["span"], invented["support"]) == ("unsupported", "invented", "valet", 0.0)
    pool = verdicts("The hotel has a pool.")[0]
    assert (pool["label"], pool["kind"], pool["span"]) == ("contradicted", "negation", "pool")
    assert verdicts("Hotel Bellevue is friendly.")[0]["kind"] == "entity"


def test_frame_only_text_is_not_judged():
    assert verdicts("We recommend it to you.") == []


def test_negation_scope():
    neg = {w.text for w in words("The rooms are not quiet but the staff is friendly.") if w.negated}
    assert neg == {"quiet"}
    assert not any(w.negated for w in words("Not only tasty but cheap, you can't go wrong."))
    assert {w.text for w in words("It isn't cheap and lacks charm.") if w.negated} == {"cheap", "and", "charm"}
    assert {w.text for w in words("far from spacious") if w.negated} >= {"spacious"}


def test_relations():
    assert relations.opposite("quiet", "noisy") and relations.opposite("roomy", "cramped")
    assert not relations.opposite("roomy", "spacious") and relations.similar("roomy", "spacious")
    assert relations.opposite("quieter", "noisy")  # comparative read as its base
    assert relations.opposite_valence("great", "terrible") and not relations.opposite_valence("great", "superb")


def test_shares_are_hand_computed():
    texts = [
        "The rooms are quiet; they offer a rooftop helipad; the staff is friendly.",  # 2 of 3 supported
        "The rooms are not quiet.",  # contradicted
        "The lobby is spacious.",  # supported
    ]
    exs = [HOTEL] * 3
    ctx = MetricContext("t")
    sup = get_metric("faith.claim_support")
    s = sup.score(exs, texts, ctx)
    assert s.values == pytest.approx([2 / 3, 0.0, 1.0])
    assert aggregate(sup, s.rows, s.const)["value"] == pytest.approx((2 / 3 + 0 + 1) / 3)
    con = get_metric("faith.claim_contradiction")
    c = con.score(exs, texts, ctx)
    assert c.values == [0.0, 1.0, 0.0]
    assert aggregate(con, c.rows, c.const)["value"] == pytest.approx(1 / 3)
    score = get_metric("faith.claim_score").score(exs, texts, ctx)
    assert [d["label"] for d in score.details[0]["claims"]] == ["supported", "unsupported", "supported"]
    # content words held by the inputs (faith.content_support): rooms quiet | offer rooftop helipad | staff friendly: 4 of 7;
    # rooms quiet: 2 of 2; lobby spacious: 2 of 2
    covers = (4 / 7, 1.0, 1.0)
    for value, detail, tier, cover in zip(score.values, score.details, (1, 0, 2), covers):  # unsupported / contradicted / supported
        sup = [c["support"] for c in detail["claims"]]
        assert value == pytest.approx((tier + 0.5 * min(sup) + 0.25 * sum(sup) / len(sup) + 0.25 * cover) / 3, abs=1e-3)
    assert score.values[1] < 1 / 3 <= score.values[0] < THRESHOLD < 2 / 3 <= score.values[2]


# Hand-written twins (not generated by code): evidence, faithful text, unfaithful text, kind.
HAND_TWINS = [
    ("Cozy cafe with friendly baristas and strong espresso.", "The baristas are friendly.", "The baristas are unfriendly.", "antonym"),
    ("Cozy cafe with friendly baristas and strong espresso.", "The espresso is strong.", "The espresso is weak.", "antonym"),
    ("Cozy cafe with friendly baristas and strong espresso.", "Expect friendly baristas.", "The baristas are not friendly.", "negation"),
    ("The pizza is delicious and the prices are low.", "The pizza tastes delicious.", "The pizza tastes awful.", "antonym"),
    ("The pizza is delicious and the prices are low.", "Prices are low here.", "Prices are high here.", "antonym"),
    ("The pizza is delicious and the prices are low.", "The pizza is delicious.", "The pizza is never delicious.", "negation"),
    ("A quiet neighbourhood bar with a large patio.", "It is a quiet bar.", "It is a noisy bar.", "antonym"),
    ("A quiet neighbourhood bar with a large patio.", "The patio is large.", "The patio is small.", "antonym"),
    ("A quiet neighbourhood bar with a large patio.", "The bar has a patio.", "The bar has no patio.", "negation"),
    ("Rooms are clean and the service is fast.", "The rooms are clean.", "The rooms are dirty.", "antonym"),
    ("Rooms are clean and the service is fast.", "Service is fast.", "Service is slow.", "antonym"),
    ("Rooms are clean and the service is fast.", "The service is fast.", "The service is hardly fast.", "negation"),
    ("A thrilling mystery with a happy ending.", "It is a thrilling mystery.", "It is a boring mystery.", "antonym"),
    ("A thrilling mystery with a happy ending.", "The ending is happy.", "The ending is sad.", "antonym"),
    ("A thrilling mystery with a happy ending.", "It has a happy ending.", "It does not have a happy ending.", "negation"),
    ("The museum is open on Sundays and entry is free.", "Entry is free.", "Entry is not free.", "negation"),
    ("The museum is open on Sundays and entry is free.", "It is open on Sundays.", "It is closed on Sundays.", "antonym"),
    ("Tickets cost 25 dollars and the show lasts 90 minutes.", "The show lasts 90 minutes.", "The show lasts 45 minutes.", "value"),
    ("Tickets cost 25 dollars and the show lasts 90 minutes.", "Tickets cost 25 dollars.", "Tickets cost 40 dollars.", "value"),
    ("Written by Jane Austen, the novel is witty and romantic.", "The novel by Jane Austen is witty.", "The novel by Charlotte Bronte is witty.", "entity"),
    ("The gym is modern and well equipped.", "The gym is modern.", "The gym is outdated.", "antonym"),
    ("The gym is modern and well equipped.", "The gym is well equipped.", "The gym is poorly equipped.", "antonym"),
    ("Staff were helpful and the check-in was easy.", "Check-in was easy.", "Check-in was difficult.", "antonym"),
    ("Staff were helpful and the check-in was easy.", "The staff were helpful.", "The staff were unhelpful.", "antonym"),
    ("Staff were helpful and the check-in was easy.", "The staff were helpful.", "The staff were not helpful at all.", "negation"),
    ("A bright, spacious apartment close to the beach.", "The apartment is bright.", "The apartment is dark.", "antonym"),
    ("A bright, spacious apartment close to the beach.", "It is close to the beach.", "It is far from the beach.", "antonym"),
    ("A bright, spacious apartment close to the beach.", "The apartment is spacious.", "The apartment lacks space.", "negation"),
    ("The soup was hot and the bread fresh.", "The soup was hot.", "The soup was cold.", "antonym"),
    ("The soup was hot and the bread fresh.", "The bread was fresh.", "The bread was stale.", "antonym"),
    ("Great acting and a gripping plot.", "The acting is great.", "The acting is terrible.", "antonym"),
    ("Great acting and a gripping plot.", "It has a gripping plot.", "It has a gripping plot and a free soundtrack CD with every copy.", "invented"),
]


def twin_scores(twins: list[tuple[str, str, str, str]]) -> tuple[list[float], list[float]]:
    """faith.claim_score of the faithful and of the unfaithful text of each (evidence, faithful, unfaithful, kind)."""
    exs = [Example(f"e{i}", "hand", User("u"), Item("i", "", profile=ev), Signals(0.0, ()), ()) for i, (ev, *_) in enumerate(twins)]
    m = get_metric("faith.claim_score")
    return (m.score(exs, [t[1] for t in twins], MetricContext("hand")).values,
            m.score(exs, [t[2] for t in twins], MetricContext("hand")).values)


def test_hand_written_twins_are_separated():
    """Each unfaithful twin must score below its faithful twin; AUROC over all of them >= 0.9
    (measured 1.0 at the time of writing; the floor leaves room for a changed resource)."""
    good, bad = twin_scores(HAND_TWINS)
    below = [g > b for g, b in zip(good, bad)]
    auc = roc_auc_score([1] * len(good) + [0] * len(bad), good + bad)
    assert sum(below) >= 0.85 * len(below), [t for t, ok in zip(HAND_TWINS, below) if not ok]
    assert auc >= 0.9


def test_details_land_in_samples_jsonl(tmp_path):
    make_run(tmp_path / "r", metrics=("faith.claim_score",), limit=3)
    samples = list(read_samples(tmp_path / "r"))
    judged = [s for s in samples if "details" in s]
    assert judged, "no sample carried claim details"
    claims = judged[0]["details"]["faith.claim_score"]["claims"]
    assert {"claim", "label", "kind", "span", "support"} <= set(claims[0])


def test_chinese_negation_and_support():
    ex = Example("z", "travel", User("u", profile="喜欢安静的地方。"), Item("i", "极光酒店", profile="大堂宽敞，房间安静。员工友好。"), Signals(0.5, ()), ())
    assert [v["label"] for v in verdicts("极光酒店的房间很安静，员工友好。", ex)] == ["supported"]
    neg = verdicts("极光酒店的房间不安静。", ex)[0]
    assert (neg["label"], neg["kind"], neg["span"]) == ("contradicted", "negation", "不安静")
    assert verdicts("酒店提供免费代客泊车和屋顶泳池。", ex)[0]["label"] == "unsupported"


def test_chinese_antonym_is_contradicted():
    ex = Example("z", "travel", User("u"), Item("i", "极光酒店", profile="大堂宽敞，房间安静。员工友好。"), Signals(0.5, ()), ())
    rude = verdicts("员工很粗鲁。", ex)[0]  # 粗鲁 (rude) is negative in HowNet, 友好 (friendly) positive
    assert (rude["label"], rude["kind"], rude["span"]) == ("contradicted", "antonym", "粗鲁")
    assert verdicts("大堂很嘈杂。", ex)[0]["kind"] == "antonym"  # noisy lobby vs quiet rooms: the subject differs, but both are the hotel
    assert verdicts("员工友好。", ex)[0]["label"] == "supported"


def test_an_unheld_quality_word_makes_a_claim_unsupported():
    """"poky" is no WordNet opposite of "spacious" (its senses there are "slow" and "provincial"),
    but a quality the inputs do not give is not supported, however many other words they share."""
    v = verdicts("Hotel Aurora has a poky lobby and quiet rooms.")[0]
    assert (v["label"], v["kind"], v["span"]) == ("unsupported", "quality", "poky")
    assert verdicts("Hotel Aurora has a roomy lobby and quiet rooms.")[0]["label"] == "supported"


def test_anything_but_and_rarely_deny():
    assert verdicts("The staff is anything but friendly.")[0]["kind"] == "negation"
    assert verdicts("Guests rarely find the rooms quiet.")[0]["label"] == "contradicted"


def test_the_writers_state_and_questions_are_not_claims():
    """Dialogue-style replies: "I'm not sure" and "have you been there?" state nothing about the
    item; a stance in front of a claim ("I know that ...") is dropped and the claim judged."""
    vs = verdicts("I'm not sure, but I know that the rooms are quiet. Have you ever stayed there?")
    assert [(v["claim"], v["label"]) for v in vs] == [("the rooms are quiet.", "supported")]
    vs = verdicts("That's true. I think the rooms are not quiet.")
    assert [(v["claim"], v["label"], v["kind"]) for v in vs] == [("the rooms are not quiet.", "contradicted", "negation")]
    assert verdicts("I love quiet hotels myself.") == []


def test_generic_unsupported_words_weigh_less_than_specific_ones():
    """Same shape, one unsupported word each: a common one ("place") keeps more support than a
    rare, specific one ("helipad"); the weight is 6 minus the word's Zipf frequency, clipped to [0.5, 4]."""
    common, rare = verdicts("The lobby is a spacious place."), verdicts("The lobby is a spacious helipad.")
    assert common[0]["support"] > rare[0]["support"]
    assert specificity("the") == 0.5 and specificity("xqzvw") == 4.0  # Zipf 7.7 and 0 (unknown word), clipped


# Fresh hand-written cases in other domains and wordings (written for this test, not by the twin generator):
# (evidence, faithful, unfaithful, kind).
FRESH = [
    ("The laptop weighs 1.2 kg and the battery lasts 14 hours.", "Its battery lasts 14 hours.", "Its battery lasts 6 hours.", "value"),
    ("The laptop weighs 1.2 kg and the battery lasts 14 hours.", "A light laptop at 1.2 kg.", "The laptop never lasts long on battery, only 14 hours.", "negation"),
    ("A gentle yoga class for beginners, taught by Maria Lopez.", "Maria Lopez teaches this gentle class.", "Anna Schmidt teaches this gentle class.", "entity"),
    ("A gentle yoga class for beginners, taught by Maria Lopez.", "The class is gentle.", "The class is harsh.", "antonym"),
    ("A gentle yoga class for beginners, taught by Maria Lopez.", "It suits beginners.", "It suits beginners and includes a free massage and a sauna pass.", "invented"),
    ("The index fund has low fees and is well diversified.", "The fund has low fees.", "The fund has high fees.", "antonym"),
    ("The index fund has low fees and is well diversified.", "It is well diversified.", "It is not diversified.", "negation"),
    ("The index fund has low fees and is well diversified.", "It is well diversified.", "It is well diversified and guarantees a 12% annual return.", "invented"),
    ("这款耳机音质清晰，佩戴舒适，续航20小时。", "耳机佩戴舒适。", "耳机佩戴不舒适。", "negation"),
    ("这款耳机音质清晰，佩戴舒适，续航20小时。", "续航20小时。", "续航8小时。", "value"),
    ("这款耳机音质清晰，佩戴舒适，续航20小时。", "音质清晰。", "音质清晰，还附赠无线充电器和降噪耳塞。", "invented"),
]


def test_fresh_hand_made_cases_other_domains_and_chinese():
    """Every unfaithful text scores below its faithful twin and below the threshold, every faithful
    one at or above it."""
    good, bad = twin_scores(FRESH)
    assert [(t[3], g > b) for t, g, b in zip(FRESH, good, bad)] == [(t[3], True) for t in FRESH]
    assert [t[1] for t, g in zip(FRESH, good) if g < THRESHOLD] == []
    assert [t[2] for t, b in zip(FRESH, bad) if b >= THRESHOLD] == []


def test_a_quality_said_of_a_held_thing_after_a_linking_verb_is_unsupported():
    """"the lobby is rather poky": the predicative position is judged like "a poky lobby"; a
    harmless negation of the opposite ("not too loud" for "quiet") is no contradiction."""
    v = verdicts("The quiet rooms and the lobby are rather poky.")[0]
    assert (v["label"], v["kind"], v["span"]) == ("unsupported", "quality", "poky")
    assert verdicts("The quiet rooms and the lobby are rather roomy.")[0]["label"] == "supported"
    assert verdicts("The rooms are not too loud.")[0]["label"] == "supported"


def test_a_name_is_not_glued_to_the_imperative_before_the_title():
    """"Add Hotel Aurora to your list": the capitalised first word is no part of a wrong name."""
    assert [v["label"] for v in verdicts("Add Hotel Aurora to your list: the lobby is spacious.")] == ["supported"]


LEX = {"tier": {"budget": ("inexpensive",), "luxury": ("high-end",)}, "type": {"hotel": (), "villa": ("villa stay",)},
       "amenities": {"sauna": (), "spa": ()}}
VILLA = Example("v1", "travel", User("u2", profile="Likes saunas."),
                Item("i2", "Olive Grove", profile="A budget hotel with a sauna.", attributes={"tier": "budget", "type": "hotel", "amenities": ["sauna"]}),
                Signals(0.5, ()), ())


def test_the_suite_lexicon_reads_changed_and_invented_values_and_holds_synonyms():
    """With a lexicon (structured suites) a clause naming another value of the item's own
    single-valued attribute is a changed value; one naming a value nobody has is invented
    (support 0); a true value in another surface form ("inexpensive" for budget) is held."""
    def one(text: str) -> dict:
        ctx = MetricContext("travel", frozenset(), LEX)
        return get_metric("faith.claim_score").score([VILLA], [text], ctx).details[0]["claims"][0]

    assert (one("Enjoy a villa stay with a sauna.")["kind"], one("Enjoy a villa stay with a sauna.")["span"]) == ("value", "type: villa")
    spa = one("It has a sauna and a spa.")
    assert (spa["label"], spa["kind"], spa["span"], spa["support"]) == ("unsupported", "invented", "amenities: spa", 0.0)
    assert one("An inexpensive hotel with a sauna.")["label"] == "supported"
    assert verdicts("An inexpensive hotel with a sauna.", VILLA)[0]["label"] == "unsupported"  # no lexicon: "inexpensive" is not held


def test_no_denies_its_noun_phrase_only_and_a_zero_fee_agrees_with_no_fee():
    """"no fees and free withdrawals": "no" is a determiner, its scope ends at the coordinator;
    an attribute line "fee: 0" denies a fee, so "no fee" is supported although "Fee band" is stated."""
    assert [(w.text, w.negated) for w in words("no fees and free withdrawals")] == [
        ("fees", True), ("and", False), ("free", False), ("withdrawals", False)]
    assert [w.negated for w in words("no pool or gym")] == [True, True, True]  # "or" keeps the scope
    course = Example("c1", "education", User("u3"), Item("i3", "Photo Basics", profile="Fee band: free.\nfee: 0\nTaught in French."),
                     Signals(0.5, ()), ())
    assert [v["label"] for v in verdicts("It is taught in French, with no tuition fee.", course)] == ["supported"]


def test_chinese_numerals_are_values():
    """"两小时" for "约一小时" changes a value; the count is read from the numeral (一 left out: "一家" is "a")."""
    from metrics.claims import han_numbers

    assert han_numbers("比原来缩短了四十分钟，全程约两小时，一家酒店，第三天") == {"40", "2"}
    rail = Example("r1", "news", User("u4"), Item("i4", "成渝高铁", profile="新线路全程约一小时，比原来缩短了四十分钟。"), Signals(0.5, ()), ())
    v = verdicts("新线路全程约两小时。", rail)[0]
    assert (v["label"], v["kind"], v["span"]) == ("contradicted", "value", "2")


def test_a_negative_prefix_opposes_a_word_wordnet_lacks():
    """WordNet has "unfriendly" / "friendly" but not "unwelcoming" / "welcoming"; the prefix rule
    fills the gap, and only there ("invaluable" stays WordNet's near-synonym of "valuable")."""
    assert relations.opposite("unwelcoming", "welcoming") and relations.opposite("nonrefundable", "refundable")
    assert not relations.opposite("invaluable", "valuable") and not relations.opposite("display", "play")
    inn = Example("w1", "travel", User("u5"), Item("i5", "Cove Inn", profile="The staff are welcoming."), Signals(0.5, ()), ())
    assert verdicts("The staff are unwelcoming.", inn)[0]["kind"] == "antonym"


def _one(profile: str, text: str) -> list[tuple[str, str | None, str | None]]:
    """(label, kind, span) of each judged clause of `text` for an item with `profile`."""
    ex = Example("x1", "ecommerce", User("u"), Item("i", "", profile=profile), Signals(0.5, ()), ())
    return [(v.label, v.kind, v.span) for v in judge([ex], [text], LEXICAL)[0]]


def test_a_denied_opposite_of_an_adverb_supports_and_its_opposite_contradicts():
    fan = "A desk fan that runs quietly. Three speeds."
    assert _one(fan, "It's not noisy, and it has three speeds.") == [("supported", None, None), ("supported", None, None)]
    assert _one(fan, "It is noisy, but it has three speeds.")[0] == ("contradicted", "antonym", "noisy")


def test_a_denied_word_the_inputs_never_state_is_no_unsupported_claim():
    tent = "A light tent that packs small."
    assert _one(tent, "It won't weigh you down.") == [("supported", None, None)]  # "wo" of "won't" is no word
    assert _one(tent, "It will weigh you down.")[0][0] == "unsupported"
    assert _one("Entry to the museum is free.", "It won't cost you anything to get in.")[0][0] == "supported"


def test_a_nominal_negation_denies_its_noun_phrase_only():
    desk = "Hotel with a 24-hour front desk. Breakfast included."
    assert _one(desk, "Arriving late is never a problem with the front desk.")[0][0] != "contradicted"
    assert _one(desk, "The hotel has no front desk.")[0][1] == "negation"
    card = "Card with no foreign fees and double points on travel."
    assert _one(card, "It charges nothing on foreign purchases and doubles points on travel.")[0][0] == "supported"
    assert _one(card, "It charges nothing on foreign purchases or points.")[0][:2] == ("contradicted", "negation")


def test_an_invented_feature_among_true_ones_is_unsupported():
    cafe = "Cafe with a terrace and fresh pastries."
    assert _one(cafe, "The cafe has a terrace, a rooftop bar and live jazz.") == [("unsupported", "invented", "rooftop")]
    assert _one(cafe, "The cafe has a terrace and fresh pastries.") == [("supported", None, None)]
    jacket = "Jacket made of waterproof nylon with two pockets."
    assert _one(jacket, "The nylon jacket also has a detachable hood.")[0][1:] == ("invented", "hood")
    assert _one(jacket, "The jacket is not waterproof.")[0][:2] == ("contradicted", "negation")


def test_what_the_user_dislikes_is_denied():
    ex = Example("x2", "travel", User("u", profile="Likes history; dislikes large crowds."),
                 Item("i", "", profile="Guided walking tour of the old town for small groups."), Signals(0.5, ()), ())
    said = [(vs[0].label, vs[0].kind) for vs in judge([ex, ex], ["A guided tour without crowds.", "A guided tour with large crowds."], LEXICAL)]
    assert said == [("supported", None), ("contradicted", "negation")]


def test_a_degree_adverb_before_too_is_no_quality():
    planet = "The planet is too hot to host life."
    assert _one(planet, "The planet is far too hot for life.")[0][0] == "supported"  # WordNet opposes "far" to "hot"
    assert _one(planet, "The planet is far from hot.")[0][:2] == ("contradicted", "negation")


def _item(profile: str) -> Example:
    return Example("f1", "x", User("u1"), Item("i1", "", profile=profile), Signals(0.5, ()), ())


def labels(text: str, profile: str) -> list[tuple[str, str | None]]:
    """(label, kind) of each judged clause of `text` against an item with `profile`."""
    return [(v["label"], v["kind"]) for v in verdicts(text, _item(profile))]


def test_less_and_denied_praise_are_negations_and_denied_faults_stay_harmless():
    assert labels("The rooms are less spacious than you'd hope.", "Rooms are spacious and bright.") == [("contradicted", "negation")]
    # "welcoming" is no WordNet near-synonym of "friendly": denying one praise of the staff the inputs praise
    assert labels("The staff are not very welcoming.", "Staff are friendly and helpful.") == [("contradicted", "negation")]
    assert labels("It's not noisy at all.", "The hotel is quiet.") == [("supported", None)]
    assert set(labels("You won't be disappointed: the room is comfortable and clean.", "The room is comfortable and clean.")) == {
        ("supported", None)}
    # "not just X" denies nothing, as "not only X"
    assert ("contradicted", "negation") not in labels("It's not just the staff that are friendly.", "Staff are friendly and helpful.")


def test_indirect_antonym_is_contradicted_only_of_the_same_thing():
    # "surly" ~ "unfriendly" <-> "friendly": two steps in WordNet
    assert not relations.opposite("surly", "friendly")  # no antonym pointer joins their own groups
    assert relations.indirect_opposite("surly", "friendly") and relations.indirect_opposite("frantic", "calm")
    assert not relations.indirect_opposite("apt", "supernatural")  # a path through the many senses of "innate"
    assert labels("The staff are surly.", "The staff are friendly.") == [("contradicted", "antonym")]
    assert ("contradicted", "antonym") not in labels("The rooms are surly.", "The staff are friendly.")  # not the same thing


def test_an_unaligned_claim_is_compared_with_every_clause_but_only_for_few_sensed_words():
    profile = "Debut novel about a family orchard in Vermont. 310 pages. Gentle and moving."
    assert labels("The tone is harsh and bleak throughout.", profile) == [("contradicted", "antonym")]
    # past the opening two clauses, "hot" (21 WordNet senses, one of them "violent") opposes "peaceful" only by a rare sense
    cabins = "Six cabins in a forest. Two-night minimum stay. Each cabin has a hot tub on the deck."
    assert labels("The place is very peaceful.", cabins)[0][0] != "contradicted"


def test_faithful_paraphrases_with_held_numbers_advice_and_shortened_words_are_supported():
    fund = "Low-cost index fund. Annual fee 0.12%. Minimum investment $500."
    # the amount counts as a held word of weight 4 beside "start" (specificity 0.5); no clause shares a word: similarity 0
    assert verdicts("You can start with $500.", _item(fund))[0]["support"] == round(4 / 4.5 / 2, 3)
    # advice states nothing; the name it holds is the inputs' "Mondays"
    assert labels("Just don't plan it for a Monday.", "Sushi bar with 14 seats. Closed on Mondays.") == [("supported", None)]
    assert labels("Don't expect a pool.", "A hotel with a pool and a spa.")[0] == ("contradicted", "negation")
    cabin = "Each cabin has a wood stove, a kitchenette and a hot tub."
    assert labels("Each one comes with a wood stove and a kitchen.", cabin) == [("supported", None)]


def test_chinese_places_and_invented_amenities():
    profile = "位于杭州西湖附近的民宿，共有八间客房。提供免费早餐。"
    assert labels("这家民宿位于苏州附近，共有八间客房。", profile) == [("contradicted", "entity")]
    assert labels("民宿位于杭州西湖附近，提供免费早餐。", profile) == [("supported", None)]
    assert labels("民宿有八间客房，还有室内泳池和健身房。", profile) == [("unsupported", "invented")]


def test_a_name_after_a_title_and_an_opening_possessor_are_names():
    course = "Course taught by Dr. Maria Chen."
    assert labels("It is taught by Dr. Wang.", course) == [("contradicted", "entity")]  # "Dr." ends no clause
    assert labels("Dr. Chen teaches it.", course) == [("supported", None)]  # the title is no part of the name
    assert labels("Porto's riverside is a short walk away.", "A hotel in Lisbon near the river.") == [("contradicted", "entity")]
    assert ("contradicted", "entity") not in labels("Today's menu is short.", "A cafe with a short menu.")


def _titled(title: str, profile: str) -> Example:
    return Example("f2", "x", User("u2"), Item("i2", title, profile=profile), Signals(0.5, ()), ())


def test_an_opposite_said_of_the_same_thing_is_found_in_any_clause_of_the_item():
    # the claim shares "inn", "beach" and "wi-fi" with the first clauses; "Rooms are bright." is none of the two aligned
    inn = "A family-run inn two minutes from the beach. Breakfast is included. Free Wi-Fi. Rooms are bright."
    assert labels("Family-run inn by the beach with free Wi-Fi and dark rooms.", inn) == [("contradicted", "antonym")]
    assert labels("Family-run inn by the beach with free Wi-Fi and bright rooms.", inn) == [("supported", None)]
    # predicated of the item ("this bootcamp is", a title word) and a headless attribute value: "recorded" / "live"
    camp = _titled("Python evening bootcamp", "Format: part-time, online, live. Level: beginner. Includes pandas and SQL basics.")
    bad = verdicts("This bootcamp is self-paced and recorded, beginner-level, and covers pandas and SQL.", camp)
    assert (bad[0]["label"], bad[0]["kind"], bad[0]["span"]) == ("contradicted", "antonym", "recorded")
    assert verdicts("This bootcamp is live and online, beginner-level, and covers pandas and SQL.", camp)[0]["label"] == "supported"
    # a noun WordNet also lists as an adjective, not predicated of the item: "base" / "premium" judge nothing alike
    lodge = _titled("Heron Lodge", "Price tier: premium. Amenities: parking, shuttle.")
    assert ("contradicted", "antonym") not in [(v["label"], v["kind"]) for v in verdicts("It would make a comfortable base for you, with parking.", lodge)]


def test_thick_and_thin_are_content_words_and_hyphenated_parts_keep_their_head():
    # scikit-learn's stop list holds "thick" / "thin"; "thin-walled": "thin" said of "walled" (stem "wall")
    kettle = _titled("Kettle", "Thick walls keep the heat in.")
    assert verdicts("It is thin-walled.", kettle)[0]["kind"] == "antonym"
    assert verdicts("Its walls are thick.", kettle)[0]["label"] == "supported"


def test_an_existential_a_prize_and_chinese_also_name_claimed_features():
    hotel = "A spacious lobby and quiet rooms. The staff is friendly. Breakfast costs 12 euros."
    assert verdicts("There's a rooftop bar.", _item(hotel))[0]["kind"] == "invented"
    assert verdicts("There is a shuttle to the airport.", _item(hotel))[0]["span"] == "shuttle"
    assert verdicts("It won an award for its breakfast.", _item(hotel))[0]["span"] == "award"
    # a denied existential claims nothing; a quantifier after it talks of the world, not of the item's features
    assert labels("There's no trip to a laundromat.", hotel)[0][1] != "invented"
    assert labels("There are so many kinds of rooms.", hotel)[0][1] != "invented"


def test_a_drawback_the_inputs_lack_after_but_or_though_ranks_above_other_unsupported_texts():
    from metrics.claims import DRAWBACK_VERDICT, verdict_score

    cabins = "Six wooden cabins in a forest near Asheville. Each cabin has a wood stove and a hot tub. Very quiet, no Wi-Fi."
    text = "The cabins each have a wood stove and a hot tub, though the area can get rowdy at weekends."
    vs = judge([_item(cabins)], [text], LEXICAL)[0]
    assert [(v.label, v.kind, v.span) for v in vs][1] == ("unsupported", "drawback", "rowdy")
    assert verdict_score(vs) == DRAWBACK_VERDICT == 0.45
    # a denied fault, a caveat the inputs state and a clearly positive quality are no drawback
    for fine in ("The cabins have hot tubs, but it isn't noisy.", "The cabins have hot tubs, though there's no Wi-Fi.",
                 "The cabins have hot tubs, but the forest is wonderful."):
        assert "drawback" not in [k for _, k in labels(fine, cabins)]
    # after the writer's hedge, "but" turns from the hedge, not from a claim about the item
    assert "drawback" not in [k for _, k in labels("I'm not sure, but the area is rowdy.", cabins)]
    assert labels("民宿离断桥很近，但房间有点简陋。", "民宿共有八间客房，可以看到湖景。步行十分钟到断桥。")[1] == ("unsupported", "drawback")  # HowNet: 简陋 negative
