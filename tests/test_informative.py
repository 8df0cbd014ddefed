"""Informativeness and personalization: saying nothing scores 0 (recall) or chance
(discriminability); stating this item's / user's distinctive content scores high."""
import math

import pytest

from benchmark.schema import Example, Item, User
from benchmark.scoring import MetricContext, get_metric
from benchmark.suite import Suite
from metrics.informative import distinctive, distractors

PROFILES = [  # (item profile, user profile)
    ("A gothic mystery with a haunted lighthouse and a stubborn detective.", "Loves gothic mysteries and coastal settings."),
    ("A cozy mystery set in a bakery, with recipes and a cat.", "Enjoys cozy mysteries, baking and cats."),
    ("A space opera about a mining colony and a rogue android.", "Reads space opera and hard science fiction."),
    ("A historical romance in Regency London with a masked ball.", "Likes Regency romance and witty banter."),
]


def _suite(n_copies: int = 1) -> Suite:
    exs = []
    for k in range(n_copies):
        for i, (ip, up) in enumerate(PROFILES):
            exs.append(Example(id=f"e{k}-{i}", domain="books", user=User(f"u{i}", {}, up), item=Item(f"i{i}", f"Book {i}", {}, ip)))
    return Suite("unit-books", "1", tuple(exs), "freetext")


def _score(name, suite, texts):
    ctx = MetricContext(suite.name, whole_suite=suite)
    return get_metric(name).score(list(suite.examples), texts, ctx).values


def test_item_recall_counts_the_items_distinctive_terms_by_suite_idf():
    suite = _suite()
    # "mystery" is in 2 of 4 item profiles (idf ln 2); the other content terms of item 0 are in one (idf ln 4)
    vals = _score("info.item_recall", suite, [
        "A haunted lighthouse and a detective: you will like it.",  # 3 of item 0's terms: haunt, lighthous, detect
        "We recommend Book 1 because it matches the interests in your profile.",  # nothing specific
        "",
        "A mystery.",  # not a term of item 3
    ])
    item0 = {"gothic", "haunt", "lighthous", "stubborn", "detect", "mysteri"}
    assert vals[0] == pytest.approx(3 / len(item0))
    assert vals[1] == 0.0 and vals[2] == 0.0 and vals[3] == 0.0


def test_distinctive_terms_rank_by_idf_and_drop_terms_in_every_document():
    idf = {"book": 0.0, "gothic": math.log(4), "mysteri": math.log(2)}
    assert distinctive(frozenset(idf), idf) == ["gothic", "mysteri"]


def test_user_recall_leaves_out_what_the_item_text_says():
    suite = _suite()
    vals = _score("pers.user_recall", suite, ["Gothic and coastal.", "Cats, and you like baking!", "Space opera.", "Nothing here."])
    # user 0: gothic and mysteri are in item 0's text (excluded), "loves" is a frame word -> {coastal, set}
    assert vals[0] == pytest.approx(1 / 2)
    assert vals[1] == 1.0 and vals[3] == 0.0  # user 1 beyond the item: only "bake" (cozy, mysteri, cat are the item's)


def test_discriminability_a_constant_text_is_at_chance_a_specific_one_finds_its_user():
    suite = _suite(n_copies=3)
    own = [e.user.profile for e in suite.examples]
    assert _score("pers.user_acc1", suite, own) == [1.0] * len(own)
    constant = _score("pers.user_acc1", suite, ["This is a great choice that we think you will really enjoy."] * len(own))
    assert sum(constant) <= len(own) / 4  # one of 4 distinct profiles can be nearest to a constant text
    assert _score("pers.user_acc1", suite, [""] * len(own)) == [0.0] * len(own)


def test_distractors_depend_on_suite_and_example_id_only():
    pool = [f"p{i}" for i in range(30)]
    a = distractors("s", "x-1", "p3", pool)
    assert a == distractors("s", "x-1", "p3", list(reversed(pool))[::-1]) and "p3" not in a and len(a) == 9
    assert a != distractors("s", "x-2", "p3", pool)


def test_naming_the_title_does_not_pick_out_an_item_whose_profile_repeats_it():
    titles = ["Zephyr Quill", "Marble Orchard", "Copper Lantern", "Velvet Harbor"]
    exs = [Example(id=f"e{k}-{i}", domain="books", user=User(f"u{i}", {}, up), item=Item(f"i{i}", t, {}, f"Fans of {t} will enjoy this. {ip}"))
           for k in range(3) for i, ((ip, up), t) in enumerate(zip(PROFILES, titles))]
    suite = Suite("unit-titled", "1", tuple(exs), "freetext")
    template = _score("pers.item_acc1", suite, [f"We recommend {e.item.title} because it matches your interests." for e in exs])
    assert sum(template) <= len(exs) / 4  # the title is masked: every text reads the same
    specific = _score("pers.item_acc1", suite, [e.item.profile for e in exs])
    assert specific == [1.0] * len(exs)
