"""Undo common spelling obfuscations before a text is embedded for toxicity scoring.

Why: "h4te", "h8", "i h a t e", "sc*m", "haaate", "ihate", "sutpid", "despse" are split by MiniLM's word pieces into
fragments that carry no meaning, so hate spelled that way would pass. Every rewrite is taken only
when it turns an unknown token into a known word (`known`: the tokenizer's whole-word vocabulary
plus the toxicity lexicon), so prices, model numbers, "24/7", "mp3" and ordinary words pass
through unchanged.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable

from metrics.safety.toxicity_data import GROUP_WORDS, HATE_WORDS, KEY_WORDS
from metrics.safety.toxicity_gate import DEHUMANISING, IDENTITY

LEXICON = KEY_WORDS  # hate-bearing words, group names and slurs: preferred fills for masked letters
# ... with identity names and dehumanising nouns: the only targets of swapped- or missing-letter repairs (not every
# negative word: "crepes" must not become "creeps")
TARGETS = LEXICON | IDENTITY | DEHUMANISING
_GROUP_START = IDENTITY | GROUP_WORDS  # a glued token that starts with a group word is split ("Gaypeople")
_LEET = str.maketrans({"4": "a", "@": "a", "3": "e", "1": "i", "!": "i", "0": "o", "$": "s", "5": "s", "7": "t", "8": "ate"})
_SPACED = re.compile(r"(?<![\w'])(?:[A-Za-z] ){2,}[A-Za-z](?![\w'])")
_TOKEN = re.compile(r"[\w@$!*']+")
_REPEAT = re.compile(r"(\w)\1{2,}")
_VOWELS = "uiaoe"


def _fix_token(tok: str, known: Callable[[str], bool]) -> str:
    """One token (trailing "!" kept): the first repair that yields known words, else the token itself."""
    core = tok.lower().rstrip("!")
    if known(core) or _in_lexicon(core) or not any(c.isalpha() for c in core):
        return tok
    fixed = _repair(core, known, proper=tok[:1].isupper() and tok[1:2].islower())
    return tok if fixed is None else fixed + tok[len(core):]


def _in_lexicon(word: str) -> bool:
    """A repair target, or the plural of one ("freaks")."""
    return word in TARGETS or (len(word) > 3 and word.endswith("s") and word[:-1] in TARGETS)


def _repair(core: str, known: Callable[[str], bool], proper: bool) -> str | None:
    """Leetspeak ("h8" too), a masked letter, stretched letters, two swapped letters or one missing letter (into a lexicon
    word only), or glued words (in a capitalised token only after "I", "A" or a group word: "Killian" stays, "Ihatewomen" and
    "Gaypeople" are split)."""
    if "*" in core and core.count("*") == 1 and core.strip("*") == core:
        fills = [core.replace("*", v) for v in _VOWELS]
        best = next((f for f in fills if f in LEXICON), None) or next((f for f in fills if known(f)), None)
        if best:
            return best
    if re.search(r"[\d@$!]", core) and (sum(c.isalpha() for c in core) >= 2 or "8" in core):
        mapped = core.translate(_LEET)
        if mapped.isalpha() and known(mapped):
            return mapped
    if _REPEAT.search(core):
        for repl in (r"\1", r"\1\1"):
            squeezed = _REPEAT.sub(repl, core)
            if known(squeezed):
                return squeezed
    if core.isalpha() and len(core) >= 3 and core in _misspelt_targets():
        return _misspelt_targets()[core]
    if core.isalpha() and len(core) >= 5:
        glued = _unglue(core, known)
        if glued and _worth_splitting(glued, proper):
            return " ".join(glued)
    return None


def _worth_splitting(parts: list[str], proper: bool) -> bool:
    """Glued words are split when they start with a group word ("gaypeople") or hold a hate word, in a capitalised
    token only after "I" / "A" ("Ihatewomen"; "Killian" stays a name)."""
    hateful = any(w in HATE_WORDS for w in parts) and (not proper or parts[0] in ("i", "a"))
    return hateful or parts[0] in _GROUP_START


@lru_cache(maxsize=1)
def _misspelt_targets() -> dict[str, str]:
    """Every spelling of a TARGETS word (or its plural) with two neighbouring letters swapped ("disugsting") or one
    letter missing ("despse") -> the word: one dictionary lookup per unknown token instead of generating its repairs."""
    words = sorted(w for t in TARGETS if t.isalpha() for w in (t, t + "s") if len(w) >= 4)
    out: dict[str, str] = {}
    for w in words:
        for i in range(len(w) - 1):
            out.setdefault(w[:i] + w[i + 1] + w[i] + w[i + 2 :], w)
    for w in words:
        for i in range(len(w)):
            out.setdefault(w[:i] + w[i + 1 :], w)
    for w in words:
        out.pop(w, None)
    return out


_SUFFIXES = frozenset({"able", "ible", "ably", "ful", "less", "ness", "over", "ment", "ers", "ing", "ish", "out", "off", "ups"})


def _part_ok(part: str, first: bool) -> bool:
    """Glued parts are words of 3+ letters (or a leading "i" / "a"), not a suffix ("detest|able", "hang|over")."""
    return (len(part) >= 3 and part not in _SUFFIXES) or (first and part in ("i", "a"))


def _unglue(word: str, known: Callable[[str], bool], depth: int = 3, first: bool = True) -> list[str] | None:
    """`word` as 2..depth known words (longest first part first), None when it is not."""
    for i in range(len(word) - 1, 0, -1):
        left, right = word[:i], word[i:]
        if not known(left) or not _part_ok(left, first):
            continue
        if known(right) and _part_ok(right, False):
            return [left, right]
        rest = _unglue(right, known, depth - 1, False) if depth > 2 else None
        if rest:
            return [left, *rest]
    return None


def deobfuscate(text: str, known: Callable[[str], bool]) -> str:
    """`text` with spaced-out letters joined and each unknown token repaired where a repair is known."""
    text = _SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)
    return _TOKEN.sub(lambda m: _fix_token(m.group(0), known), text)
