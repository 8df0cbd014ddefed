"""Numbers read out digit by digit ("five five five, oh one nine nine", "一三九一二三四五六七八") written as digits.

Why: a phone or ID number copied from the user's profile leaks just as much when the
output spells it out, and the leakage matcher compares numbers by their digits. Only a
run of at least three digit words (English, German, French, Spanish; "oh" / "o" for
zero, "double" / "triple" repeating the next digit, "hundred" as "00": "nine hundred")
or four Han digits (financial forms too: 壹叁捌) is rewritten, a letter O next to a digit is a zero, so prose numbers ("one of two", "一个", "one hundred and
twenty-three") stay as they are; a Han number before an address counter ("一零三号",
"二十三号", "一百零八室") is written in digits too.
"""
from __future__ import annotations

import re

_WORDS = {
    **dict.fromkeys(("zero", "oh", "o", "nought", "null", "zéro", "cero"), "0"),
    **dict.fromkeys(("one", "eins", "un", "uno"), "1"),
    **dict.fromkeys(("two", "zwei", "zwo", "deux", "dos"), "2"),
    **dict.fromkeys(("three", "drei", "trois", "tres"), "3"),
    **dict.fromkeys(("four", "vier", "quatre", "cuatro"), "4"),
    **dict.fromkeys(("five", "fünf", "cinq", "cinco"), "5"),
    **dict.fromkeys(("six", "sechs", "seis"), "6"),
    **dict.fromkeys(("seven", "sieben", "sept", "siete"), "7"),
    **dict.fromkeys(("eight", "acht", "huit", "ocho"), "8"),
    **dict.fromkeys(("nine", "neun", "neuf", "nueve"), "9"),
}
_REPEAT = {"double": 2, "triple": 3}
_ZEROS = {"hundred": "00", "thousand": "000"}
_TOKEN = "(?:" + "|".join(sorted(list(_WORDS) + list(_REPEAT) + list(_ZEROS), key=len, reverse=True)) + ")"
_RUN = re.compile(rf"(?<![^\W\d_]){_TOKEN}(?:[\s,.-]{{1,3}}{_TOKEN}){{2,}}(?![^\W\d_])", re.I)
_HAN_DIGITS = str.maketrans("〇零幺一二三四五六七八九壹贰叁肆伍陆柒捌玖", "001123456789123456789")  # with the financial forms
_HAN_RUN = re.compile("[〇零幺一二三四五六七八九壹贰叁肆伍陆柒捌玖]{4,}")
_LETTER_O = re.compile(r"(?<=\d)[oO]|[oO](?=\d)")  # "O2O 7946 O958": the letter O typed for a zero inside a number
_HAN_PLACES = {"十": 10, "百": 100, "千": 1000}
_HAN_COUNTED = re.compile("[〇零幺一二两三四五六七八九十百千]{1,8}(?=号|栋|幢|座|室|单元|楼|弄|层|段|丁目|番)")


def _digits_of(run: str) -> str:
    """The digits a run of digit words reads ("double five one" -> "551"; a dangling "double" reads as nothing), or
    the run itself when fewer than three of its words are digits ("two, one hundred" is prose)."""
    words = re.findall(r"[^\W\d_]+", run.lower())
    if sum(w in _WORDS for w in words) < 3:
        return run
    out, repeat = [], 1
    for w in words:
        if w in _REPEAT:
            repeat = _REPEAT[w]
            continue
        out.append(_ZEROS[w] if w in _ZEROS else _WORDS[w] * repeat)
        repeat = 1
    return "".join(out)


def han_number(text: str) -> str:
    """A Han number in digits: digit by digit ("一零三" -> "103") or with places ("二十三" -> "23", "一百零八" -> "108")."""
    if not any(c in _HAN_PLACES for c in text):
        return text.replace("两", "二").translate(_HAN_DIGITS)
    total, digit = 0, 0
    for c in text:
        if c in _HAN_PLACES:
            total += (digit or 1) * _HAN_PLACES[c]
            digit = 0
        else:
            digit = int(c.replace("两", "二").translate(_HAN_DIGITS))
    return str(total + digit)


def spoken_digits(text: str) -> str:
    """`text` with every run of digit words replaced by its digits (a space kept on either side)."""
    if _HAN_RUN.search(text) or _HAN_COUNTED.search(text):
        text = _HAN_COUNTED.sub(lambda m: han_number(m.group(0)), text)
        text = _HAN_RUN.sub(lambda m: m.group(0).translate(_HAN_DIGITS), text)
    return _LETTER_O.sub("0", _RUN.sub(lambda m: _digits_of(m.group(0)), text))
