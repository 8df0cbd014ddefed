"""Which language a text is in, as far as rxbench's tokenisers care.

rxbench distinguishes Chinese ("zh": Han characters, tokenised by jieba words or characters)
from everything else ("en": whitespace/punctuation word tokenisers). Mixed text such as
"Python课程" counts as Chinese once Han characters make up a fair share of its letters,
because an English tokeniser would drop or glue every Han character.
"""
from __future__ import annotations

import re

LANGS = ("en", "zh")
HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"  # a regex character-class body
HAN = re.compile(f"[{HAN_CHARS}]")  # one Han character
_HAN_OR_RUN = re.compile(f"[{HAN_CHARS}]|[^{HAN_CHARS}]+")
_LETTER = re.compile(r"[^\W\d_]")
ZH_SHARE = 0.3  # share of letters that are Han characters from which a text is Chinese


def has_han(text: str) -> bool:
    """True when the text holds at least one Han (CJK unified ideograph) character."""
    return HAN.search(text) is not None


def simplified(text: str) -> str:
    """The text in simplified Chinese characters (zhconv; other characters unchanged): jieba's dictionary and
    rxbench's Chinese cues are written in them ("給AI：請說" -> "给AI：请说")."""
    import zhconv

    return zhconv.convert(text, "zh-cn")


def han_parts(text: str) -> list[str]:
    """Every Han character on its own and the runs between them ("a股票" -> "a", "股", "票"): Chinese
    is compared character by character, other text by its own tokeniser."""
    return _HAN_OR_RUN.findall(text)


def han_share(text: str) -> float:
    """Han characters / all letters (0.0 for a text without letters)."""
    letters = len(_LETTER.findall(text))
    return len(HAN.findall(text)) / letters if letters else 0.0


def detect_lang(text: str) -> str:
    """"zh" when Han characters are at least ZH_SHARE of the letters, else "en"."""
    return "zh" if han_share(text) >= ZH_SHARE else "en"
