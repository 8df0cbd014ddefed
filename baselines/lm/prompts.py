"""Prompts that turn an Example into text for a language model.

Two styles, both bounded in size whatever the input (every field is clipped,
lists are capped), so that a hostile 1 MB profile cannot blow up a batch:

- `pepler`: the compact, keyed prompt that rxbench's fine-tuned models are trained
  on (PEPLER-style: user, item, the recommender's matched features, then the
  explanation). The model continues after `explanation:`.
- `zeroshot`: a natural-language instruction for a pretrained LM that has never
  seen rxbench data; it ends with an answer prefix ("We recommend X because")
  that is kept as the start of the explanation. A Chinese example
  (`Example.language`) gets a Chinese instruction built from its Chinese item
  and user profiles (its typed attributes hold English canonical labels) and
  the prefix "推荐X，因为"; its answer ends at the first 。！？.

`chat_messages` gives the same context as OpenAI-style chat messages.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from benchmark.lang import has_han
from benchmark.schema import Example
from suites.domains.zh import DEMOGRAPHIC_KEYS

STYLES = ("pepler", "zeroshot")
STYLE_VERSION = {"pepler": "pepler-v2", "zeroshot": "zeroshot-v3"}  # v3: Chinese prompt for Chinese examples

MAX_FIELD = 240  # characters kept of any free-text field
MAX_VALUE = 60  # characters kept of one attribute value
MAX_ATTRS = 12
MAX_HISTORY = 3
MAX_TITLE = 120


@dataclass(frozen=True)
class Prompt:
    text: str  # what the model is conditioned on
    prefix: str = ""  # forced start of the answer: part of the prompt AND of the explanation

    @property
    def stops(self) -> tuple[str, ...]:
        """Where generation may stop early: the end of the line, and for a zero-shot
        answer (of which one sentence is kept) the end of its first sentence."""
        if not self.prefix:
            return ("\n",)
        return ("\n", "。", "！", "？") if has_han(self.prefix) else ("\n", ". ")


def clip(text: Any, limit: int = MAX_FIELD) -> str:
    """One line, at most `limit` characters (cut at a word boundary when there is one)."""
    s = " ".join(str(text).split())
    if len(s) <= limit:
        return s
    cut = s[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut) + " ..."


def fmt_value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return clip(", ".join(str(v) for v in value[:MAX_ATTRS]), MAX_VALUE)
    return clip(value, MAX_VALUE)


def fmt_attrs(attrs: Mapping[str, Any]) -> str:
    parts = [f"{clip(k.replace('_', ' '), 40)}: {fmt_value(v)}" for k, v in list(attrs.items())[:MAX_ATTRS]]
    return "; ".join(p for p in parts if not p.endswith(": "))


def _title(ex: Example) -> str:
    return clip(ex.item.title, MAX_TITLE) or "this item"


def _reasons(ex: Example) -> str:
    return "; ".join(f"{clip(r.attribute.replace('_', ' '), 40)}: {clip(r.value, MAX_VALUE)}" for r in ex.signals.matched[:MAX_ATTRS])


def _context(ex: Example, history: bool) -> list[tuple[str, str]]:
    """(label, text) pairs describing the recommendation; empty parts are dropped.
    The user side appears only when the recommender gave no reasons: in structured
    suites the reasons are exactly the user preferences the item meets, and the rest
    of the user record (age group, gender) has no place in an explanation. A profile
    stands in for typed attributes only when there are none (free-text suites)."""
    item = fmt_attrs(ex.item.attributes) or clip(ex.item.profile)
    reasons = _reasons(ex)
    parts = [("item", f"{_title(ex)} | {item}" if item else _title(ex))]
    parts.append(("reasons", reasons) if reasons else ("user", fmt_attrs(ex.user.attributes) or clip(ex.user.profile)))
    if history:
        parts.append(("liked", "; ".join(clip(h, MAX_VALUE) for h in ex.user.history[:MAX_HISTORY])))
    return [(k, v) for k, v in parts if v]


def pepler_prompt(ex: Example) -> Prompt:
    """Keyed lines (item, reasons or user) and the cue; compact, for small trained models."""
    return Prompt("\n".join(f"{k}: {v}" for k, v in _context(ex, history=False)) + "\nexplanation:")


_LABELS = {"item": "The item", "user": "The user", "liked": "The user liked", "reasons": "Why the recommender chose it"}
INSTRUCTION = "Write one short sentence that explains to the user why this item is recommended, using only the facts above."


INSTRUCTION_ZH = "请用一句简短的话向用户解释为什么推荐这个物品，只使用上面给出的事实。"


def zeroshot_prompt_zh(ex: Example) -> Prompt:
    """The zero-shot prompt in Chinese, from the Chinese profiles (the attributes hold English labels);
    demographic sentences (年龄段, 性别) are left out, as the English prompt leaves out the user record."""
    user = "。".join(p for p in ex.user.profile.split("。") if p and not p.startswith(tuple(DEMOGRAPHIC_KEYS.values())))
    parts = [("物品", clip(ex.item.profile) or _title(ex)), ("用户", clip(user)),
             ("用户喜欢过", "；".join(clip(h, MAX_VALUE) for h in ex.user.history[:MAX_HISTORY]))]
    lines = [f"{k}：{v}" for k, v in parts if v]
    prefix = f"推荐{_title(ex)}，因为"
    return Prompt("\n".join(lines) + f"\n{INSTRUCTION_ZH}\n解释：{prefix}", prefix)


def zeroshot_prompt(ex: Example) -> Prompt:
    if ex.language == "zh":
        return zeroshot_prompt_zh(ex)
    lines = [f"{_LABELS[k]}: {v}." for k, v in _context(ex, history=True)]
    prefix = f"We recommend {_title(ex)} because"
    return Prompt("\n".join(lines) + f"\n{INSTRUCTION}\nExplanation: {prefix}", prefix)


def build_prompt(ex: Example, style: str) -> Prompt:
    if style == "pepler":
        return pepler_prompt(ex)
    if style == "zeroshot":
        return zeroshot_prompt(ex)
    raise ValueError(f"unknown prompt style {style!r}; use one of {', '.join(STYLES)}")


def chat_messages(ex: Example) -> list[dict[str, str]]:
    """The zero-shot context as chat messages for an instruction-tuned served model."""
    context = "\n".join(f"{_LABELS[k]}: {v}." for k, v in _context(ex, history=True))
    return [
        {"role": "system", "content": "You explain recommendations to users in one or two short, factual sentences."},
        {"role": "user", "content": f"{context}\n{INSTRUCTION}"},
    ]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_SENTENCE_END_ZH = re.compile(r"(?<=[。！？])")


def clean_output(text: str, prefix: str = "") -> str:
    """The explanation from a raw continuation. After a forced prefix (zero-shot) the
    sentence must go on on the same line, and only that first sentence is kept: a
    pretrained LM rambles on. Without one (trained models), the first non-empty line."""
    if prefix and has_han(prefix):
        first = _SENTENCE_END_ZH.split(text.strip(" \t").split("\n", 1)[0], maxsplit=1)[0].strip()
        return prefix + first
    if prefix:
        first = _SENTENCE_END.split(text.lstrip(" \t").split("\n", 1)[0], maxsplit=1)[0].strip()
        return f"{prefix} {first}" if first else prefix
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[0] if lines else ""


def restore_stop(raw: str, finish: str | None, stops: tuple[str, ...], matched: str | None = None) -> str:
    """A continuation from a server or library that dropped the stop string it matched,
    as the in-process path would see it: cut at ". " it gets its full stop back. The
    matched string when the engine says (vLLM's `stop_reason`); else an answer that
    stopped without closing punctuation is taken to have stopped at the sentence end."""
    if matched is not None:
        at_sentence = matched == ". "
    else:
        at_sentence = finish == "stop" and ". " in stops and not raw.rstrip().endswith((".", "!", "?"))
    return raw + "." if at_sentence and raw.strip() else raw
