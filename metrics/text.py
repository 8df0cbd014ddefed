"""Shared tokenisation, compact stat keys and feature detection for the metrics.

Every explainability metric sees text through `tokens()` (NFKC, lower-cased,
words and punctuation marks as separate tokens) so that USR, DIST-n and feature
detection agree on what a "word" is. Feature detection maps every surface form
of the suite lexicon to its canonical value, matches multi-word phrases
greedily (longest first) and runs in time linear in the text length: a dict
keyed by the phrase's first token, not a scan over the vocabulary.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from benchmark.scoring import MetricContext
from suites.perturb import freeze_lexicon

_TOKEN = re.compile(r"\w+|[^\w\s]")
_RAW_KEY_MAX = 16  # keys longer than this are hashed so that samples.jsonl stays compact
_CACHE_MAX_CHARS = 4096


def normalize(text: str) -> str:
    """NFKC + lower-case: full-width letters, ligatures and case do not make new words."""
    return unicodedata.normalize("NFKC", text).lower()


def _tokenize(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(normalize(text)))


_tokens_cached = lru_cache(maxsize=1 << 16)(_tokenize)  # every metric of a run tokenises the same outputs


def tokens(text: str) -> tuple[str, ...]:
    """Word and punctuation tokens of the normalised text (memoised unless huge, so memory stays bounded)."""
    return _tokens_cached(text) if len(text) <= _CACHE_MAX_CHARS else _tokenize(text)


def digest(text: str) -> str:
    """12 hex chars of blake2b: stable across processes (unlike hash())."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()


def stat_key(prefix: str, value: str) -> str:
    """`prefix:value` for short values, `prefix#<digest>` for long ones (no clash: different separator)."""
    return f"{prefix}:{value}" if len(value) <= _RAW_KEY_MAX else f"{prefix}#{digest(value)}"


def contains(toks: Sequence[str], phrase: Sequence[str]) -> bool:
    """True when `phrase` occurs as a contiguous token run in `toks`."""
    n = len(phrase)
    if n == 0:
        return False
    first = phrase[0]
    return any(t == first and tuple(toks[i : i + n]) == tuple(phrase) for i, t in enumerate(toks))


Phrase = tuple[tuple[str, ...], frozenset[str]]  # (surface tokens, canonical values it names)


@dataclass(frozen=True)
class FeatureMatcher:
    """Detects canonical feature values in token sequences."""

    by_first: Mapping[str, tuple[Phrase, ...]]  # first token -> phrases, longest first
    surface: Mapping[str, frozenset[str]]  # normalised surface string -> canonical values
    vocabulary: frozenset[str]  # canonical values

    def canonical(self, value: str) -> frozenset[str]:
        """Canonical values a feature string names (itself when the lexicon does not know it)."""
        key = " ".join(tokens(value))
        return self.surface.get(key, frozenset({key}) if key else frozenset())

    def detect(self, toks: Sequence[str]) -> set[str]:
        """Canonical features mentioned in `toks` (greedy longest match, non-overlapping)."""
        found: set[str] = set()
        i, n = 0, len(toks)
        while i < n:
            step = 1
            for phrase, canon in self.by_first.get(toks[i], ()):
                if tuple(toks[i : i + len(phrase)]) == phrase:
                    found |= canon
                    step = len(phrase)
                    break
            i += step
        return found


@lru_cache(maxsize=16)
def _build(features: frozenset[str], lexicon: tuple) -> FeatureMatcher:
    surface: dict[str, set[str]] = {}
    for _attr, canon, forms in lexicon:  # forms include the canonical value itself
        c = " ".join(tokens(canon))
        if not c:
            continue
        for form in forms:
            key = " ".join(tokens(form))
            if key:
                surface.setdefault(key, set()).add(c)
    for f in features:
        key = " ".join(tokens(f))
        if key and key not in surface:
            surface[key] = {key}
    frozen = {k: frozenset(v) for k, v in surface.items()}
    by_first: dict[str, list[Phrase]] = {}
    for key, canon in frozen.items():
        toks = tuple(key.split(" "))
        by_first.setdefault(toks[0], []).append((toks, canon))
    ordered = {k: tuple(sorted(v, key=lambda p: (-len(p[0]), p[0]))) for k, v in by_first.items()}
    vocab = frozenset(c for v in frozen.values() for c in v)
    return FeatureMatcher(ordered, frozen, vocab)


def matcher(features: Iterable[str], lexicon: Any = None) -> FeatureMatcher:
    """Cached matcher for a feature vocabulary (+ optional lexicon that maps synonyms to canonicals)."""
    return _build(frozenset(features), freeze_lexicon(lexicon))


def matcher_for(ctx: MetricContext) -> FeatureMatcher:
    """The matcher of a metric context: ctx.features, with ctx.lexicon mapping synonyms to canonicals."""
    return matcher(ctx.features, ctx.lexicon)
