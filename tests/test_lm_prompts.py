"""Prompts: bounded whatever the input, carry the facts, and outputs are cleaned as documented."""
from __future__ import annotations

from baselines.lm.prompts import MAX_FIELD, chat_messages, clean_output, clip, pepler_prompt, zeroshot_prompt
from benchmark.schema import Example, Item, Reason, Signals, User


def _ex(**kw) -> Example:
    base = dict(
        id="e1", domain="travel",
        user=User("u1", {"pref_setting": ["lakeside"]}, "Prefers lakeside resorts.", ("Old Inn",)),
        item=Item("i1", "Harbor Hall", {"setting": "lakeside", "pool": True, "price": 53}, "A lakeside resort."),
        signals=Signals(0.7, (Reason("setting", "lakeside"),)),
        references=("Harbor Hall sits by the lake.",),
    )
    base.update(kw)
    return Example(**base)


def test_pepler_prompt_has_item_reasons_and_cue() -> None:
    text = pepler_prompt(_ex()).text
    assert text.splitlines() == [
        "item: Harbor Hall | setting: lakeside; pool: yes; price: 53",
        "reasons: setting: lakeside",
        "explanation:",
    ]


def test_pepler_prompt_uses_user_profile_when_no_reasons() -> None:
    ex = _ex(user=User("u1", {}, "Likes quiet books."), item=Item("i1", "Dune", {}, "A desert epic."), signals=Signals())
    assert pepler_prompt(ex).text == "item: Dune | A desert epic.\nuser: Likes quiet books.\nexplanation:"


def test_zeroshot_prompt_ends_with_the_answer_prefix() -> None:
    p = zeroshot_prompt(_ex())
    assert p.prefix == "We recommend Harbor Hall because"
    assert p.text.endswith("Explanation: " + p.prefix)
    assert "The user liked: Old Inn." in p.text
    msgs = chat_messages(_ex())
    assert [m["role"] for m in msgs] == ["system", "user"] and "Harbor Hall" in msgs[1]["content"]


def test_hostile_inputs_stay_bounded() -> None:
    huge = "x" * 1_000_000
    ex = _ex(
        user=User("u", {f"a{i}": huge for i in range(100)}, huge, tuple(huge for _ in range(50))),
        item=Item("i", huge, {f"b{i}": [huge] * 30 for i in range(100)}, huge),
        signals=Signals(None, tuple(Reason("r", huge) for _ in range(100))),
    )
    for p in (pepler_prompt(ex), zeroshot_prompt(ex)):
        assert len(p.text) < 8_000
    empty = _ex(user=User("u"), item=Item("i", ""), signals=Signals())
    assert pepler_prompt(empty).text == "item: this item\nexplanation:"
    uni = _ex(item=Item("i", "Café 東京 🍣", {}))
    assert "Café 東京 🍣" in zeroshot_prompt(uni).text


def test_clip_cuts_at_a_word_boundary_and_flattens_whitespace() -> None:
    assert clip("a\n\n b\tc") == "a b c"
    long = ("word " * 100).strip()
    out = clip(long)
    assert len(out) <= MAX_FIELD + 4 and out.endswith(" ...") and "wor ..." not in out


def test_clean_output() -> None:
    assert clean_output(" It has a pool.\nitem: next prompt") == "It has a pool."
    assert clean_output("\n\n  Second line.\n") == "Second line."
    assert clean_output("") == ""
    # after a forced prefix the sentence must continue on the same line
    assert clean_output(" it is quiet.\nMore", "We recommend X because") == "We recommend X because it is quiet."
    # ...and only its first sentence is kept (a pretrained LM rambles on)
    assert clean_output(" it is 4.5 stars. The staff", "We recommend X because") == "We recommend X because it is 4.5 stars."
    assert clean_output("\nunrelated", "We recommend X because") == "We recommend X because"
