"""Shared tokenisation, compact stat keys and feature detection for the metrics.

Every explainability metric sees text through `tokens()` (NFKC, lower-cased,
words and punctuation marks as separate tokens) so that USR, DIST-n and feature
detection agree on what a "word" is. Chinese is first-class: a word that holds
Han characters is segmented by jieba (its packaged dictionary, offline), so
"推荐这门Python课程" is 推荐 / 这门 / python / 课程; text without Han characters
tokenises exactly as before. The choice is per token run, not per text, so a
batch (or a sentence) mixing languages needs no language flag; the name of the
tokeniser is `TOKENIZER`, which tokenising metrics put in their signature.
Feature detection matches Han text character by character (`han_split`): a
lexicon form is found wherever its characters occur, whatever jieba made of
the context ("靠近地铁站" vs "地铁站附近"). Feature detection maps every surface form
of the suite lexicon to its canonical value, matches multi-word phrases
greedily (longest first) and runs in time linear in the text length: a dict
keyed by the phrase's first token, not a scan over the vocabulary.
"""
from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from benchmark.lang import han_parts, has_han
from benchmark.scoring import MetricContext
from benchmark.suite import freeze_lexicon

TOKENIZER = f"nfkc-lc-punct+jieba-{version('jieba')}"  # signature option of every metric that reads tokens()
_TOKEN = re.compile(r"\w+|[^\w\s]")
_RAW_KEY_MAX = 16  # keys longer than this are hashed so that samples.jsonl stays compact
_CACHE_MAX_CHARS = 4096


def normalize(text: str) -> str:
    """NFKC + lower-case: full-width letters, ligatures and case do not make new words."""
    return unicodedata.normalize("NFKC", text).lower()


@lru_cache(maxsize=1)
def _jieba() -> Any:
    """jieba's default tokenizer, initialised once and quietly, its dictionary cache under .rxbench/."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    cache = Path(".rxbench")
    cache.mkdir(exist_ok=True)
    tok.tmp_dir = str(cache)
    tok.initialize()
    return tok


def _tokenize(text: str) -> tuple[str, ...]:
    found = _TOKEN.findall(normalize(text))
    if not any(has_han(t) for t in found):
        return tuple(found)
    seg = _jieba()
    return tuple(w for t in found for w in (seg.lcut(t) if has_han(t) else (t,)))


# Chinese function words (particles, pronouns, measure words, conjunctions, prepositions, copulas),
# the counterpart of scikit-learn's ENGLISH_STOP_WORDS for content-word metrics.
ZH_STOP_WORDS = frozenset("""
的 地 得 了 着 过 和 与 及 以及 并 并且 而 而且 或 或者 也 还 又 就 都 才 再 更 最 很 非常 十分 比较 特别 尤其 是 为 在 于 对 对于 把 被 让 给 从 到
向 以 之 其 该 此 这 那 这个 那个 这些 那些 这款 这家 这门 这只 这部 这篇 这位 这种 这里 那里 个 只 门 款 家 位 种 些 部 篇 件 项 条 本 一 一个 一款
一家 一门 一种 吧 呢 吗 啊 哦 呀 嘛 我 我们 你 你们 您 他 她 它 他们 她们 它们 自己 因为 所以 如果 由于 因此 虽然 但 但是 不过 然而 同时 另外 此外 等
上 下 中 里 内 外 有 还有 设有 具有 拥有 提供 带有 配有 能 能够 可以 会 将 要 让 使 使得 所 所以 之一 两个 两 这两个
""".split())


def han_split(toks: Sequence[str]) -> tuple[str, ...]:
    """Tokens with every Han character on its own ("课程" -> "课", "程"; "a股" -> "a", "股"); others unchanged."""
    return tuple(p for t in toks for p in (han_parts(t) if has_han(t) else (t,)))


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
        key = match_key(value)
        return self.surface.get(key, frozenset({key}) if key else frozenset())

    def detect(self, toks: Sequence[str]) -> set[str]:
        """Canonical features mentioned in `toks` (greedy longest match, non-overlapping; Han text per character)."""
        toks = han_split(toks)
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


def match_key(text: str) -> str:
    """The normalised form under which a lexicon phrase is matched: its tokens, Han characters split."""
    return " ".join(han_split(tokens(text)))


@lru_cache(maxsize=16)
def _build(features: frozenset[str], lexicon: tuple) -> FeatureMatcher:
    surface: dict[str, set[str]] = {}
    for _attr, canon, forms in lexicon:  # forms include the canonical value itself
        c = match_key(canon)
        if not c:
            continue
        for form in forms:
            key = match_key(form)
            if key:
                surface.setdefault(key, set()).add(c)
    for f in features:
        key = match_key(f)
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
