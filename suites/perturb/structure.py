"""Structure (invariance): order shuffles, irrelevant distractors, dropped optional fields, truncation."""
from __future__ import annotations

import math
import random
import re
from dataclasses import replace
from typing import Any, Sequence

from benchmark.lang import has_han
from benchmark.schema import Example
from benchmark.suite import Suite
from suites.perturb.base import Perturbation, perturbation
from suites.perturb.edits import norm

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SENTENCE_END_ZH = re.compile(r"(?<=[。！？])")


def permute(seq: Sequence[Any], rng: random.Random) -> list[Any]:
    """A permutation that differs from the input whenever the elements are not all equal."""
    out = list(seq)
    rng.shuffle(out)
    if out == list(seq) and len(set(map(repr, seq))) > 1:
        out = out[1:] + out[:1]
    return out


def _permute_attrs(attrs: dict, rng: random.Random) -> dict:
    keys = permute(list(attrs), rng)
    return {k: permute(attrs[k], rng) if isinstance(attrs[k], list) else attrs[k] for k in keys}


def _permute_sentences(text: str, rng: random.Random) -> str:
    chinese = has_han(text)
    parts = [s for s in (_SENTENCE_END_ZH if chinese else _SENTENCE_END).split(text.strip()) if s]
    return ("" if chinese else " ").join(permute(parts, rng)) if len(parts) > 1 else text


@perturbation
class Shuffle(Perturbation):
    """Order shuffle: attributes and list values, matched features, history, profile sentences."""

    name = "shuffle"
    kind = "structure"

    def apply(self, example: Example, rng: random.Random, suite: Suite) -> Example:
        ex = example
        user = replace(ex.user, attributes=_permute_attrs(dict(ex.user.attributes), rng), history=tuple(permute(ex.user.history, rng)),
                       profile=_permute_sentences(ex.user.profile, rng))
        item = replace(ex.item, attributes=_permute_attrs(dict(ex.item.attributes), rng), profile=_permute_sentences(ex.item.profile, rng))
        signals = replace(ex.signals, matched=tuple(permute(ex.signals.matched, rng)))
        return replace(ex, user=user, item=item, signals=signals)


DISTRACTOR_HISTORY = (
    "A Field Guide to Garden Birds", "Stainless Steel Water Bottle", "Introduction to Watercolour Painting",
    "Weekend Farmers Market Tour", "Classic Board Games Collection", "Ceramic Plant Pot Set",
    "Morning Yoga for Beginners", "Vintage Postcards of Old Harbours",
)
DISTRACTOR_ATTRS = (("preferred_contact", "email"), ("newsletter", "subscribed"), ("account_theme", "dark mode"), ("browsing_time", "weekday evenings"))
DISTRACTOR_SENTENCES = (
    "They usually browse on weekday evenings.", "They signed up for the newsletter last spring.",
    "Their account uses the dark display theme.", "They prefer to be contacted by email.",
)
DISTRACTOR_HISTORY_ZH = ("庭院鸟类图鉴", "水彩画入门", "周末农夫市集之旅", "经典桌游合集", "陶瓷花盆套装", "清晨瑜伽入门")
DISTRACTOR_SENTENCES_ZH = ("通常在工作日晚上浏览。", "去年春天订阅了电子报。", "账户使用深色显示主题。", "希望通过电子邮件联系。")


@perturbation
class Distractor(Perturbation):
    """Irrelevant inputs: one or two unrelated history items, an unrelated user attribute,
    an unrelated sentence at the end of a non-empty user profile."""

    name = "distractor"
    kind = "structure"

    def apply(self, example: Example, rng: random.Random, suite: Suite) -> Example:
        ex = example
        chinese = ex.language == "zh"
        history = list(ex.user.history)
        for h in rng.sample([h for h in (DISTRACTOR_HISTORY_ZH if chinese else DISTRACTOR_HISTORY) if h not in history], rng.randint(1, 2)):
            history.insert(rng.randint(0, len(history)), h)
        attrs = dict(ex.user.attributes)
        free = [kv for kv in DISTRACTOR_ATTRS if kv[0] not in attrs]
        if free:
            k, v = rng.choice(free)
            attrs[k] = v
        profile = ex.user.profile
        if profile.strip():
            profile = profile.rstrip() + ("" if chinese else " ") + rng.choice(DISTRACTOR_SENTENCES_ZH if chinese else DISTRACTOR_SENTENCES)
        return replace(ex, user=replace(ex.user, history=tuple(history), attributes=attrs, profile=profile))


@perturbation
class DropOptional(Perturbation):
    """Dropped optional fields: history, the recommender's score, and user attributes that
    hold none of the matched features (demographics, unmet preferences)."""

    name = "drop-optional"
    kind = "structure"

    def apply(self, example: Example, rng: random.Random, suite: Suite) -> Example:
        matched = {norm(r.value) for r in example.signals.matched}

        def keep(v: Any) -> bool:
            return any(norm(x) in matched for x in (v if isinstance(v, list) else [v]))

        attrs = {k: v for k, v in example.user.attributes.items() if keep(v)}
        return replace(example, user=replace(example.user, history=(), attributes=attrs), signals=replace(example.signals, score=None))


def truncate_words(text: str, min_words: int = 16) -> str:
    """The first half (rounded up) of a text of at least `min_words` words, cut at a word boundary."""
    spans = [m.end() for m in re.finditer(r"\S+", text)]
    if len(spans) < min_words:
        return text
    return text[: spans[math.ceil(len(spans) / 2) - 1]]


@perturbation
class Truncate(Perturbation):
    """Truncated long inputs: profiles of >= 16 words and histories of >= 4 items keep their first half."""

    name = "truncate"
    kind = "structure"
    min_words: int = 16
    min_history: int = 4

    def apply(self, example: Example, rng: random.Random, suite: Suite) -> Example:
        h = example.user.history
        history = h[: math.ceil(len(h) / 2)] if len(h) >= self.min_history else h
        return replace(example, user=replace(example.user, profile=truncate_words(example.user.profile, self.min_words), history=history),
                       item=replace(example.item, profile=truncate_words(example.item.profile, self.min_words)))
