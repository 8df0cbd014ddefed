"""Synonym paraphrase (invariance): lexicon forms swap with other forms of the same value,
common review words with a synonym; the item's title is never touched."""
from __future__ import annotations

import random
import re
from functools import lru_cache

from benchmark.schema import Example
from benchmark.suite import Lexicon, Suite, freeze_lexicon
from suites.perturb.base import Perturbation, perturbation
from suites.perturb.edits import match_case, outside, profiles

# Meaning-preserving swaps for review / profile language; pairs that touch a suite's
# lexicon are dropped for that suite (a lexicon form must not turn into another value).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "enjoy": ("like",), "enjoys": ("likes",), "enjoyed": ("liked",), "enjoying": ("liking",),
    "appreciate": ("value",), "appreciates": ("values",), "great": ("excellent",), "excellent": ("great",),
    "delicious": ("tasty",), "tasty": ("delicious",), "friendly": ("welcoming",), "cozy": ("snug",),
    "beautiful": ("lovely",), "lovely": ("beautiful",), "interesting": ("intriguing",), "exciting": ("thrilling",),
    "thrilling": ("exciting",), "amazing": ("wonderful",), "wonderful": ("amazing",), "perfect": ("ideal",),
    "ideal": ("perfect",), "enjoyable": ("pleasant",), "pleasant": ("enjoyable",), "engaging": ("absorbing",),
    "captivating": ("gripping",), "gripping": ("captivating",), "convenient": ("handy",), "spacious": ("roomy",),
    "authentic": ("genuine",), "unique": ("distinctive",), "selection": ("choice",), "variety": ("range",),
    "stories": ("tales",), "story": ("tale",), "movie": ("film",), "movies": ("films",), "film": ("movie",),
    "films": ("movies",), "quick": ("fast",), "fast": ("quick",), "large": ("big",), "big": ("large",),
    "quiet": ("peaceful",), "staff": ("employees",), "helpful": ("useful",), "likely": ("apt",),
    "fans": ("admirers",), "readers": ("book lovers",), "strong": ("solid",), "modern": ("contemporary",),
}


@lru_cache(maxsize=32)
def _synonym_table(frozen_lexicon: tuple) -> tuple[re.Pattern | None, dict[str, tuple[str, ...]]]:
    """Surface form -> alternatives: the other surface forms of the same lexicon value,
    plus the generic pairs that touch no lexicon form; and one regex finding them all."""
    owners: dict[str, set[tuple[str, str]]] = {}
    forms_of: dict[tuple[str, str], list[str]] = {}
    for attr, canon, forms in frozen_lexicon:
        for f in forms:
            owners.setdefault(f.lower(), set()).add((attr, canon))
            forms_of.setdefault((attr, canon), []).append(f)
    table: dict[str, tuple[str, ...]] = {}
    for form, own in owners.items():
        if len(own) == 1:  # ambiguous forms could name another value: leave them alone
            alts = tuple(sorted({f for f in forms_of[next(iter(own))] if f.lower() != form}))
            if alts:
                table[form] = alts
    for word, alts in SYNONYMS.items():
        if word not in owners and not any(a.lower() in owners for a in alts):
            table.setdefault(word, alts)
    if not table:
        return None, table
    alternation = "|".join(re.escape(k) for k in sorted(table, key=lambda k: (-len(k), k)))
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE), table


def _same_number(src: str, alts: tuple[str, ...]) -> tuple[str, ...]:
    """Alternatives that agree with the source on a plural -s ("resort" never becomes "resorts")."""
    plural = src.lower().endswith("s")
    return tuple(a for a in alts if a.lower().endswith("s") == plural)


def paraphrase(text: str, rng: random.Random, lexicon: Lexicon | None = None, protect: str = "", p: float = 0.5) -> str:
    """Replace about half the known words / lexicon forms (at least one, when there is any)
    by a synonym, leaving occurrences of `protect` (the title) alone."""
    pattern, table = _synonym_table(freeze_lexicon(lexicon or {}))
    if pattern is None:
        return text

    def part(chunk: str) -> str:
        hits = [(m, alts) for m in pattern.finditer(chunk) if (alts := _same_number(m.group(), table[m.group().lower()]))]
        if not hits:
            return chunk
        chosen = [h for h in hits if rng.random() < p] or [rng.choice(hits)]
        out, last = [], 0
        for m, alts in chosen:
            out += [chunk[last : m.start()], match_case(m.group(), rng.choice(alts))]
            last = m.end()
        return "".join(out) + chunk[last:]

    return outside(text, protect, part)


@perturbation
class Synonym(Perturbation):
    """Synonym paraphrase of the profiles: lexicon forms swap with other forms of the same
    value ("pool" -> "swimming pool"), common review words with a synonym ("enjoy" -> "like")."""

    name = "synonym"
    kind = "paraphrase"
    p: float = 0.5

    def apply(self, example: Example, rng: random.Random, suite: Suite) -> Example:
        return profiles(lambda t, r: paraphrase(t, r, suite.lexicon, example.item.title, self.p), example, rng)
