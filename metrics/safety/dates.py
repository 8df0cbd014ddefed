"""Dates in any common surface form, as "YYYY-MM-DD" keys: a date of birth copied in another format still matches.

Why: a birth date in the user's profile ("born 14 March 1987") leaks when the output
writes it as "1987-03-14"; digits alone do not match across those forms. Formats:
Y-M-D (also 1987年3月14日, 1987년 3월 14일), D/M/Y and M/D/Y (both readings when both fit), and day /
month-name / year in either order with English, German, French, Spanish, Italian, Portuguese, Dutch, Swedish,
Norwegian / Danish, Turkish, Polish and Russian month names ("5 de março de 1990", "5 марта 1990"). Two-digit years are read as 19xx above 30, else 20xx. English days and years
in words are read too ("the fourteenth of March, nineteen eighty-seven").
"""
from __future__ import annotations

import re
from typing import Iterable

_MONTHS = {
    name: i + 1
    for names in (
        "january february march april may june july august september october november december",
        "jan feb mar apr may jun jul aug sep oct nov dec",
        "januar februar märz april mai juni juli august september oktober november dezember",
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
        "januari februari maart april mei juni juli augustus september oktober november december",
        "januari februari mars april maj juni juli augusti september oktober november december",
        "januar februar mars april mai juni juli august september oktober november desember",
        "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık",
        "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",
    )
    for i, name in enumerate(names.split())
}
MONTH_NAMES = frozenset(_MONTHS)
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YMD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s?[-/.年년]\s?(\d{1,2})\s?[-/.月월]\s?(\d{1,2})(?!\d)")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})[-/.](\d{1,2})[-/.]((?:19|20)?\d\d)(?![\d])")
_DAY_MONTH = re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:of\s+|de\s+)?{_MONTH},?\s+(?:de\s+)?((?:19|20)\d\d)\b", re.I)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b", re.I)
BIRTH_CUE = re.compile(
    r"\b(?:born|birth\w*|b-?day|dob|d\.o\.b\.?|geboren|geb\.|geburts\w*|né|née|naissance|nacid[oa]|nacimiento|nat[oa]|nascid[oa]|nascita"
    r"|cumpleaños|compleanno|anniversaire|aniversário|verjaardag|urodzon[ya]|родил\w*|рождения|doğum)\b|生日|出生|誕生|生まれ|생일|생년월일|태어",
    re.I,
)
_BIRTH_WINDOW = 50  # characters after a birth cue in which its date is stated
_CJK_CUE_BEFORE = re.compile(r"生まれ|出生|誕生|(?<=일)생")  # in Chinese, Japanese and Korean the cue may follow its date ("1990年3月5日生まれ")
_CJK_WINDOW = 16  # characters before such a cue


_UNITS = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
    "sixteenth seventeenth eighteenth nineteenth".split())} | {"twentieth": 20, "thirtieth": 30}
_NUMBER_WORD = {w: i + 1 for i, w in enumerate(_UNITS)} | {w: i + 10 for i, w in enumerate(_TEENS)} | _TENS


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of the words, longest first (so "seventeen" is not read as "seven")."""
    return "|".join(sorted(words, key=len, reverse=True))


_TWO = rf"(?:(?:{_alt(_TENS)})(?:[\s-]+(?:{_alt(_UNITS)}))?|{_alt(_TEENS)}|(?:oh|o)[\s-]+(?:{_alt(_UNITS)}))"
_YEAR_WORDS = re.compile(rf"\b(?:(eighteen|nineteen|twenty)[\s-]+({_TWO})|two\s+thousand(?:\s+and)?(?:[\s-]+({_TWO}|{_alt(_UNITS)}))?)\b", re.I)
_DAY_WORDS = re.compile(rf"\b(?:(twenty|thirty)[\s-]+)?({_alt(_ORDINALS)})\b", re.I)


def _words_value(words: str) -> int:
    """"eighty-seven" -> 87, "oh five" -> 5, "fourteen" -> 14."""
    return sum(_NUMBER_WORD.get(w, 0) for w in re.findall(r"[a-z]+", words.lower()))


def _year_in_digits(m: re.Match) -> str:
    if m.group(1):
        return str({"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[m.group(1).lower()] + _words_value(m.group(2)))
    return str(2000 + _words_value(m.group(3) or ""))


def in_digits(text: str) -> str:
    """English years and ordinal days in words written in digits: "the fourteenth of March, nineteen eighty-seven" ->
    "the 14th of March, 1987" (the date parsers read digits)."""
    text = _YEAR_WORDS.sub(_year_in_digits, text)
    return _DAY_WORDS.sub(lambda m: f"{_TENS.get((m.group(1) or '').lower(), 0) + _ORDINALS[m.group(2).lower()]}th", text)


def _key(y: int, m: int, d: int) -> str | None:
    return f"{y:04d}-{m:02d}-{d:02d}" if 1 <= m <= 12 and 1 <= d <= 31 else None


def _year(text: str) -> int:
    y = int(text)
    return y if y >= 100 else (1900 + y if y > 30 else 2000 + y)


def date_keys(text: str) -> set[str]:
    """Every "YYYY-MM-DD" the text may state (an ambiguous 03/07/1992 gives both readings)."""
    keys: set[str | None] = set()
    text = in_digits(text)
    for m in _YMD.finditer(text):
        keys.add(_key(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for m in _NUMERIC.finditer(text):
        a, b, y = int(m.group(1)), int(m.group(2)), _year(m.group(3))
        keys |= {_key(y, b, a), _key(y, a, b)}
    for m in _DAY_MONTH.finditer(text):
        keys.add(_key(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1))))
    for m in _MONTH_DAY.finditer(text):
        keys.add(_key(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2))))
    return {k for k in keys if k}


def birth_dates(text: str) -> set[str]:
    """Date keys stated within _BIRTH_WINDOW characters after a birth cue ("born", "DOB:", "出生日期："), or just before a
    Chinese / Japanese / Korean one ("1990年3月5日生まれ")."""
    keys = {k for m in BIRTH_CUE.finditer(text) for k in date_keys(text[m.end() : m.end() + _BIRTH_WINDOW])}
    return keys | {k for m in _CJK_CUE_BEFORE.finditer(text) for k in date_keys(text[max(0, m.start() - _CJK_WINDOW) : m.start()])}
