"""Faithful human-written text is not contradicted; antonym paraphrases and invented features are caught
(metrics.claims, metrics.negation). Hand-made cases in the style of blind-written explanations, none taken from a
labelled set; each failed on the judge before these rules."""
from __future__ import annotations

from benchmark.schema import Example, Item, Signals, User
from benchmark.scoring import MetricContext, get_metric
from metrics.claims import INVENTED_VERDICT, judge, rounded, verdict_score
from metrics.negation import words
from metrics.similarity import LEXICAL


def _ex(profile: str, user: str = "") -> Example:
    return Example("f9", "x", User("u9", profile=user), Item("i9", "", profile=profile), Signals(0.5, ()), ())


def judged(text: str, profile: str, user: str = "") -> list[tuple[str, str | None]]:
    """(label, kind) of each judged clause of `text`."""
    return [(v.label, v.kind) for v in judge([_ex(profile, user)], [text], LEXICAL)[0]]


def contradicted(text: str, profile: str, user: str = "") -> bool:
    return any(label == "contradicted" for label, _ in judged(text, profile, user))


def test_a_denied_event_denies_nothing_past_its_verb():
    said = {w.text: (w.negated, w.event) for w in words("You won't be hauling groceries up four floors.")}
    assert said["hauling"] == (True, False) and said["floors"] == (True, True) and said["groceries"] == (True, True)
    assert not any(w.event for w in words("It doesn't have a pool."))  # a verb of presence denies its object
    assert [w.event for w in words("住公寓不方便倒垃圾")] == [False, False, False, True, True]  # 不 denies 方便 only
    flat = "Apartment on the 4th floor of 5, with an elevator. In-unit washer."
    assert not contradicted("With the elevator, you won't be hauling groceries up four floors.", flat)
    assert not contradicted("You don't have to pay for two devices.", "Free plan: 3 devices.")
    assert judged("It doesn't have a pool.", "A hotel with a pool and a spa.") == [("contradicted", "negation")]
    assert judged("Don't expect a pool.", "A hotel with a pool and a spa.") == [("contradicted", "negation")]


def test_a_denial_is_contradicted_by_the_item_not_by_what_the_user_has():
    account = "Savings account. No monthly fee. No minimum balance."
    user = "Recent grad with a small balance, annoyed by fees."
    assert not contradicted("No fees eating into a small balance.", account, user)
    assert judged("The account charges a monthly fee.", account, user)[0] == ("contradicted", "negation")
    # what the user dislikes is still denied: stating it of the item contradicts
    assert contradicted("It is a loud bar.", "Osteria in a quiet side street.", "Hates loud bars.")


def test_no_ends_at_a_preposition_and_nothing_like_and_nothing_but_are_phrases():
    course = "Online course, all low-impact, no equipment beyond a mat."
    assert not contradicted("All you need is a mat.", course)
    assert not contradicted("The moves need nothing but a mat.", course)
    osteria = "Family-run osteria in a quiet side street."
    assert not contradicted("It's nothing like a noisy bar.", osteria, "Likes slow dinners; hates loud bars.")
    assert contradicted("The course needs a mat and a set of weights.", "No weights needed. You need a mat.")


def test_a_denial_falls_on_the_modifier_the_inputs_lack():
    hotel = "Budget hotel near the station. Rooms are small but clean."
    assert not contradicted("It's not a luxury hotel, but it's close to the station.", hotel)
    assert contradicted("It's not a quiet hotel.", "A quiet hotel in the old town.")
    assert not contradicted("None of it is high-impact.", "Three sessions a week, all low-impact.")


def test_rounded_numbers_and_shortened_names_are_held():
    assert rounded("over 2,000 reviews", {"2184"}) == {"2000"} and rounded("31k miles", {"31200"}) == {"31"}
    assert rounded("2,000 reviews", {"2184"}) == set()  # no approximation said: exact
    assert rounded("about 1.197.816 visitors", {"1197816"}) == set()  # no one number: left to the value check
    assert rounded("about 200 labels", {"60"}) == set() and rounded("about 20 minutes", {"12"}) == set()  # 40% off
    charger = "4.3 stars (2,184 reviews). Foldable."
    assert not contradicted("Rated 4.3 from over 2,000 reviews.", charger)
    assert judged("Rated 4.3 from 3,000 reviews.", charger)[0] == ("contradicted", "value")
    gig = "Jazz trio. Saturday 14 March, 20:30. Blue Hour Club."
    assert not contradicted("Blue Hour Club, Sat 14 March at 20:30.", gig)
    assert judged("Blue Hour Club, Sunday 14 March at 20:30.", gig)[0] == ("contradicted", "entity")


def test_an_opposed_prefix_is_an_antonym_paraphrase():
    app = "Offline-first note app for iOS and Android. Markdown support."
    assert ("contradicted", "antonym") in judged("It's online-only, so you need a connection.", app)
    assert judged("The rooms are cramped.", "Rooms are spacious and bright.") == [("contradicted", "antonym")]


def test_claim_verdict_counts_invented_features():
    lodge = "Mountain lodge with a sauna and a ski room. Quiet location."
    assert judged("The lodge has a sauna, a heated pool and a gym.", lodge) == [("unsupported", "invented")]
    texts = ["The lodge has a sauna, a heated pool and a gym.", "The lodge is noisy.", "The lodge has a sauna."]
    ex = _ex(lodge)
    got = get_metric("faith.claim_verdict").score([ex] * 3, texts, MetricContext("hand"))
    vals = list(got.values or [])
    assert vals[:2] == [INVENTED_VERDICT, 1.0] and (vals[2] or 0.0) < 1 / 3 and vals[2] is not None
    assert (get_metric("faith.claim_contradiction").score([ex] * 3, texts, MetricContext("hand")).values or [])[0] == 0.0
    assert verdict_score([]) is None


def test_the_modifier_rule_is_for_denied_words_only():
    """A stated word after an unheld one is compared as before: "called lawn tennis" for "not lawn tennis"."""
    profile = "The term referred to real tennis, not lawn tennis."
    assert judged("The term was called lawn tennis.", profile)[0] == ("contradicted", "negation")


def test_a_chinese_compound_of_an_input_word_is_held():
    assert judged("不用担心停车，酒店有免费停车场。", "市中心的酒店，提供免费停车。房间干净。") == [("supported", None)]
    assert judged("酒店有免费停车场和室内泳池。", "市中心的酒店，提供免费停车。房间干净。")[0] == ("unsupported", "invented")


def test_a_hyphenated_compound_or_an_ordinal_gives_no_unheld_quality():
    flat = "Two bedrooms. Transit: 6 min walk to the light-rail stop. Dogs allowed in 6 rooms."
    assert judged("It's a 6-minute walk to the light-rail stop.", flat) == [("supported", None)]
    assert judged("The second bedroom can be the office.", flat) == [("supported", None)]
    assert judged("The bedrooms are poky.", flat)[0] == ("unsupported", "quality")


def test_a_chinese_adds_lists_an_invented_feature():
    litter = "豆腐猫砂，结团快、低粉尘、可冲马桶。产地：浙江。"
    assert judged("这款豆腐猫砂结团快，还添加了薰衣草香精。", litter)[0] == ("unsupported", "invented")


def test_chinese_negation_focus():
    inn = "家庭经营的安静酒店，共有八间客房。"
    assert not contradicted("它不是连锁酒店，只有八间客房。", inn)  # 不是 denies 连锁, not the 酒店
    assert contradicted("它不是一家安静的酒店。", inn) and contradicted("酒店不安静。", inn)


def test_a_free_compound_denies_its_first_part():
    said = {w.text: w.negated for w in words("Grain-free, and far from sugar-free.")}
    assert said["grain"] and not said["sugar"]  # "far from X-free" has X
    food = "Dog food made with salmon, no grain inside. Bag is 6kg."
    assert judged("It's grain-free salmon food.", food) == [("supported", None)]
    assert judged("The snacks are gluten-free.", "Crisps made with wheat flour and gluten.")[0] == ("contradicted", "negation")
    game = "Arcade racer, 40 tracks. No microtransactions at all."
    assert judged("It's far from microtransaction-free.", game)[0] == ("contradicted", "negation")


def test_a_decade_or_a_clock_time_spelled_otherwise_is_held():
    book = "A family saga, 1950s to now. The middle drags a tiny bit in the 70s section."
    assert judged("The middle of the saga slows down in the 1970s section.", book)[0][0] != "contradicted"
    assert judged("The middle of the saga slows down in the 1980s section.", book)[0] == ("contradicted", "value")
    assert judged("故事发生在九十年代的宁波港口。", "故事发生在1990年代的宁波港口。片长128分钟。") == [("supported", None)]
    gig = "Sat 12 April, 7:30pm. St Mary's Hall, Oxford. Tickets £18."
    assert judged("It's at St Mary's Hall on Saturday 12 April at 7.30.", gig) == [("supported", None)]
    assert judged("It's at St Mary's Hall on Saturday 12 April at 8.30.", gig)[0] == ("contradicted", "value")


def test_a_place_and_its_adjective_are_one_name():
    book = "A family saga set on a Cornish apple farm across three generations."
    assert judged("A saga on an apple farm in Cornwall across three generations.", book) == [("supported", None)]
    assert judged("A saga on an apple farm in Devon across three generations.", book)[0] == ("contradicted", "entity")


def test_a_listing_verb_before_a_pronoun_lists_nothing():
    book = "A family saga set on an apple farm. I could not put it down. The middle drags a bit."
    assert judged("The reviewer found it hard to put down, despite a slower middle.", book)[0][1] != "invented"


def test_traditional_chinese_is_cut_as_simplified():
    assert [w.text for w in words("還附營養師諮詢")] == ["还", "附", "营养师", "咨询"]
    app = "跑步App｜支援 iOS 與 Android｜語音教練、間歇訓練課表｜基本功能免費"
    assert judged("語音教練會提醒配速，還附營養師一對一飲食諮詢。", app)[0] == ("unsupported", "invented")


def test_a_denied_head_after_a_modifier_is_not_denied():
    course = "Level: beginner. Prereqs: none. Length: 6 weeks."
    user = "marketing coordinator, no coding background"
    assert not contradicted("It starts from zero, which suits your background.", course, user)
    assert contradicted("It is aimed at people with a coding background.", course, user)
    assert judged("The hotel has a pool.", "A hotel with no pool.")[0] == ("contradicted", "negation")


def test_a_passive_listing_verb_lists_nothing_after_it():
    plan = "Plan | Data | Price\nFlex 30 | 30GB 5G | $25/mo\nEU roaming: included (up to 15GB)\nHotspot: allowed"
    said = "Roaming is included, and hotspotting your laptop isn't blocked."
    assert judged(said, plan)[0][1] != "invented"
    assert judged("It includes roaming and a free laptop.", plan)[0] == ("unsupported", "invented")



def test_a_chinese_quantifier_is_no_modifier_of_a_denied_word():
    film = "节奏偏慢，结尾有反转。"
    assert judged("结尾没有什么反转。", film)[0] == ("contradicted", "negation")
    assert judged("结尾没有任何反转。", film)[0] == ("contradicted", "negation")


def test_an_opposite_of_what_the_user_has_or_wants_contradicts_nothing():
    bar = "A bar on Main Street with live music every night."
    assert not contradicted("It's a loud bar with live music.", bar, "Likes quiet evenings.")
    assert contradicted("It's a loud bar with live music.", bar, "Hates loud bars.")  # what the user dislikes still counts
    assert contradicted("It's a loud bar with live music.", "A quiet bar on Main Street with live music.")


def test_a_chinese_noun_with_the_suffix_zi_is_held_by_its_root():
    course = "费用：NT$1,200，含一包200g咖啡豆。内容：研磨、水温。"
    assert judged("学费NT$1,200，还有一包豆子。", course) == [("supported", None)]
    assert judged("学费NT$1,200，附一个杯子。", course)[0] == ("unsupported", "invented")
