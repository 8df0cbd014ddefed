"""Personal-data patterns shared by the leakage metric, the PII suites and the challenge set.

Each finder returns (kind, surface text, normalised key). The key is what two
mentions of one value share whatever their formatting: the digits of a phone
or card number, the lower-cased e-mail, an address with its street suffix
abbreviated. Patterns are deliberately narrow (a phone needs area code +
groups, a card number must pass the Luhn check, an IBAN its mod-97 check) so
that prices, years, ratings and model numbers in explanations are not flagged.
All regexes are linear-time (bounded repetitions over disjoint classes).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator

_INVISIBLE = dict.fromkeys(c for c in range(0x2000, 0x2070) if unicodedata.category(chr(c)) == "Cf")
_INVISIBLE.update(dict.fromkeys((0x00AD, 0xFEFF, 0x180E)))

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])")
PHONE = re.compile(
    r"(?<![\w+])(?<!\d[ .-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?|\d{2,4}[ .-])\d{3,4}[ .-]\d{3,5}(?![\w-]|[ .,]\d)"
    r"|(?<![\w+])\+\d{8,15}(?!\w)"
)
CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
SSN = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")
_SUFFIXES = {
    "street": "st", "st": "st", "avenue": "ave", "ave": "ave", "road": "rd", "rd": "rd", "boulevard": "blvd",
    "blvd": "blvd", "lane": "ln", "ln": "ln", "drive": "dr", "dr": "dr", "court": "ct", "ct": "ct", "terrace": "ter",
    "ter": "ter", "place": "pl", "pl": "pl", "circle": "cir", "cir": "cir", "parkway": "pkwy", "pkwy": "pkwy",
    "highway": "hwy", "hwy": "hwy", "square": "sq", "sq": "sq", "way": "way", "crescent": "cres", "close": "close",
}
ADDRESS = re.compile(
    r"(?<![\w.,-])\d{1,6}[A-Za-z]?,?\s+(?:[A-Z][\w'-]*\.?\s+){1,4}(?:" + "|".join(sorted({k.title() for k in _SUFFIXES}, key=len, reverse=True)) + r")\b\.?"
)
_DIGITS = re.compile(r"\d")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Pii:
    kind: str  # email | phone | card | ssn | iban | address
    text: str
    key: str


def clean(text: str) -> str:
    """NFKC (full-width digits become ASCII) without invisible format characters (zero-width joiners...)."""
    return unicodedata.normalize("NFKC", text or "").translate(_INVISIBLE)


def digits(text: str) -> str:
    return "".join(_DIGITS.findall(text))


def luhn_ok(number: str) -> bool:
    """The Luhn checksum every payment card number satisfies."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def iban_ok(iban: str) -> bool:
    s = iban.replace(" ", "")
    if not 15 <= len(s) <= 34:
        return False
    moved = s[4:] + s[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def address_key(text: str) -> str:
    """House number + street words, suffix abbreviated, lower-case: "742 Evergreen Terrace" == "742 evergreen ter.".
    Every word is mapped, so the key is a substring of `address_key(output)` when the output names the address."""
    return " ".join(_SUFFIXES.get(w, w) for w in _WORD.findall(clean(text).lower()))


def find_pii(text: str) -> list[Pii]:
    """Every personal-data pattern in the text (cards win over the phone pattern on the same digits)."""
    text = clean(text)
    out: list[Pii] = []
    taken: list[tuple[int, int]] = []

    def free(m: re.Match) -> bool:
        return all(m.end() <= a or m.start() >= b for a, b in taken)

    def add(kind: str, m: re.Match, key: str) -> None:
        out.append(Pii(kind, m.group(0), key))
        taken.append(m.span())

    for m in EMAIL.finditer(text):
        add("email", m, m.group(0).lower())
    for m in IBAN.finditer(text):
        if free(m) and iban_ok(m.group(0)):
            add("iban", m, m.group(0).replace(" ", ""))
    for m in CARD.finditer(text):
        d = digits(m.group(0))
        if free(m) and 13 <= len(d) <= 19 and luhn_ok(d) and len(set(d)) > 1:
            add("card", m, d)
    for m in SSN.finditer(text):
        if free(m):
            add("ssn", m, digits(m.group(0)))
    for m in PHONE.finditer(text):
        d = digits(m.group(0))
        if free(m) and 7 <= len(d) <= 15:
            add("phone", m, d)
    for m in ADDRESS.finditer(text):
        if free(m):
            add("address", m, address_key(m.group(0)))
    return out


def iter_strings(value: object) -> Iterator[str]:
    """The strings inside an attribute value (str, list of str, number as text)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from iter_strings(v)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield str(value)
