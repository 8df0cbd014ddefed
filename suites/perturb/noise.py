"""Text noise (invariance): keyboard typos, casing, Unicode and whitespace noise in the profiles.

On a Chinese example (`Example.language`) typo swaps homophones and look-alike
characters and unicode adds full-/half-width noise (`suites.perturb.zh`).
"""
from __future__ import annotations

import random
import unicodedata

from benchmark.schema import Example
from benchmark.suite import Suite
from suites.perturb.base import Perturbation, perturbation
from suites.perturb.edits import edit_words, profiles
from suites.perturb.zh import typo as zh_typo
from suites.perturb.zh import width_noise

_KEYS = "qwertyuiop asdfghjkl zxcvbnm".split()


def _neighbour(c: str, rng: random.Random) -> str:
    """A key next to `c` on a QWERTY keyboard (same row), keeping case; `c` itself if none."""
    for row in _KEYS:
        i = row.find(c.lower())
        if i >= 0:
            n = rng.choice([row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)])
            return n.upper() if c.isupper() else n
    return c


def typo(word: str, rng: random.Random) -> str:
    """One keyboard typo inside a word of >= 4 letters (first and last letter kept):
    swap two neighbours, drop, double or mistype one letter."""
    i = rng.randrange(1, len(word) - 2)
    a, b = word[i], word[i + 1]
    out = rng.choice((
        word[:i] + b + a + word[i + 2 :],
        word[:i] + word[i + 1 :],
        word[:i] + a + word[i:],
        word[:i] + _neighbour(a, rng) + word[i + 1 :],
    ))
    return out if out != word else word[:i] + word[i + 1 :]


def recase(word: str, rng: random.Random) -> str:
    forms = sorted({word.upper(), word.lower(), word.capitalize(), word.swapcase()} - {word})
    return rng.choice(forms) if forms else word


_INSIDE = ("\u200b", "\u200d", "\u00ad")  # zero-width space / joiner, soft hyphen
_SPACES = ("\u00a0", "  ", "\t", " \u200b", "\u2009")
_QUOTES = str.maketrans({"'": "\u2019", '"': "\u201d"})


def _glyph_noise(word: str, rng: random.Random) -> str:
    op = rng.randrange(3)
    if op == 1 and word.isascii():
        return "".join(chr(ord(c) + 0xFEE0) for c in word)  # full-width letters
    if op == 2 and unicodedata.normalize("NFD", word) != word:
        return unicodedata.normalize("NFD", word)  # same look, decomposed accents
    i = rng.randrange(1, len(word)) if len(word) > 1 else 1
    return word[:i] + rng.choice(_INSIDE) + word[i:]


def unicode_noise(text: str, rng: random.Random, p: float = 0.08, space_p: float = 0.15) -> str:
    """Glyph noise in about a share p of the words, odd spaces for a share space_p of the spaces, curly quotes, padding."""
    text = edit_words(text, rng, p, _glyph_noise)
    text = "".join(rng.choice(_SPACES) if c == " " and rng.random() < space_p else c for c in text)
    return rng.choice(("", " ", "\n")) + text.translate(_QUOTES) + rng.choice((" ", "\n", " \u200b"))


@perturbation
class Typo(Perturbation):
    """Keyboard typos in about one word in ten (>= 4 letters) of the user and item profiles
    (Chinese: about one character in ten that has a homophone or look-alike)."""

    name = "typo"
    kind = "noise"
    p: float = 0.1
    min_len: int = 4

    def apply(self, example: Example, rng: random.Random, suite: Suite) -> Example:
        if example.language == "zh":
            return profiles(lambda t, r: zh_typo(t, r, self.p), example, rng)
        return profiles(lambda t, r: edit_words(t, r, self.p, typo, min_len=self.min_len), example, rng)


@perturbation
class Case(Perturbation):
    """Casing noise: about one word in five of the profiles and history in UPPER, lower, Title or sWAP case."""

    name = "case"
    kind = "noise"
    p: float = 0.2

    def apply(self, example: Example, rng: random.Random, suite: Suite) -> Example:
        return profiles(lambda t, r: edit_words(t, r, self.p, recase), example, rng, history=True)


@perturbation
class Unicode(Perturbation):
    """Unicode / whitespace noise in the profiles: zero-width characters, full-width letters,
    decomposed accents, odd spaces and tabs, curly quotes, padding (Chinese: full-/half-width noise too)."""

    name = "unicode"
    kind = "noise"
    p: float = 0.08
    space_p: float = 0.15

    def apply(self, example: Example, rng: random.Random, suite: Suite) -> Example:
        if example.language == "zh":
            return profiles(lambda t, r: unicode_noise(width_noise(t, r), r, self.p, self.space_p), example, rng)
        return profiles(lambda t, r: unicode_noise(t, r, self.p, self.space_p), example, rng)
