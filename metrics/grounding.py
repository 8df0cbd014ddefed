"""Faithfulness of free text: is what the explanation says found in the inputs?

These metrics need no lexicon, so they run on every suite (XRec-shaped files
included). The evidence is everything the recommender knew,
`Example.input_text()`: item title and profile, user profile and history,
attributes and matched features. Matching is on Snowball stems of NFKC,
lower-cased words, so "stories" is supported by "story" and "Moning's" by
"Moning". Chinese is matched on jieba words (`metrics.text.tokens`) minus
Chinese stop words and explanation-frame words (推荐, 根据, 您 ...); a Latin
name inside Chinese text ("Python课程") is an entity candidate wherever it
stands, since Chinese has no sentence-initial capitals.

- faith.entity_halluc: named entities (capitalised word runs that do not
  start a sentence, multi-word runs that do, quoted titles) absent from the
  inputs.
- faith.number_halluc: numbers (digits, prices, percentages, years, and the
  number words two..ninety, hundred, thousand, million, dozen) absent from the inputs.
- faith.content_support: share of the explanation's content words found in
  the inputs.
- faith.embed_support: for each explanation sentence, its best cosine
  similarity to an input sentence, averaged.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cached_property, lru_cache
from itertools import accumulate
from typing import Sequence

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from benchmark.lang import HAN_CHARS, has_han
from benchmark.schema import Example
from benchmark.scoring import MetricContext, Scored, metric
from metrics.mentions import visible
from metrics.similarity import best_support, default_backend, sentences, stem, stems
from metrics.text import tokens

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_LATIN_WORD = re.compile(rf"[^\W_{HAN_CHARS}]+(?:['\u2019][^\W_{HAN_CHARS}]+)*")  # entity words: Han is not part of a name run
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
_POSSESSIVES = re.compile(r"['\u2019]s\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[.!?:;(\[\n\u2014]")  # not quotes: a quoted title starts a name, not a sentence
_ABBREVIATION = re.compile(r"\b(Dr|Mr|Mrs|Ms|Mt|St|Jr|Sr|Prof|Rev|Gen|Capt|Sgt|Lt|Col|vs)\.")
_GAP = re.compile(rf"(?:[^\W{HAN_CHARS}]|[\s'\u2019-])*")  # only spaces / connector words between two words of one name
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]{1,150})[\"\u201d]")
CONNECTORS = frozenset({"of", "the", "de", "la", "le", "du", "des", "von", "van", "der", "den", "del", "da", "di", "for", "y"})
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "dozen": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "million": 1000000,
}
_NUMBER_WORDS = re.compile(rf"\b(?:{'|'.join(NUMBER_WORDS)})\b")
_NUMBER_WORDS_ONE = re.compile(rf"\b(?:one|{'|'.join(NUMBER_WORDS)})\b")
# Words of the explanation frame (recommending, the user's attitude), never a claim about the item.
FRAME = frozenset(stem(w) for w in (
    "recommend recommendation suggest suggestion user users customer reader viewer enjoy like love appreciate "
    "prefer preference taste interest fan buy purchase choose choice pick match fit suit option profile "
    "especially particularly great good perfect make want look think feel seem find"
).split()) | frozenset(
    "推荐 建议 根据 用户 您 你 喜欢 喜爱 偏好 兴趣 爱好 需求 口味 历史 记录 选择 挑选 适合 符合 匹配 满足 觉得 认为 相信 可能 应该 值得 看看 尝试 考虑 "
    "希望 想要 关注 关心 青睐 为您 给您 正是 正好 非常适合 不错 很好 理想".split()
)


def support_tokens(text: str) -> list[str]:
    """Every word (stop words kept, for contiguity) as a lower-cased stem, possessive 's dropped."""
    raw = _WORD.findall(_POSSESSIVES.sub("", visible(text).lower()))
    words = [w for r in raw for w in (tokens(r) if has_han(r) else (r,))]
    table = {w: stem(w) for w in set(words)}
    return [table[w] for w in words]


def _canon_number(raw: str) -> list[str]:
    """'2,300' -> ['2300'], '4.50' -> ['4.5'], '1,2' -> ['1', '2'], '1.2.3' -> ['1.2.3']."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        raw = raw.replace(",", "")
    out = []
    for part in raw.split(","):
        if part.count(".") > 1:
            out.append(part)
            continue
        try:
            out.append(format(Decimal(part).normalize(), "f"))
        except InvalidOperation:
            out.append(part)
    return out


def numbers(text: str, words: bool = True, one: bool = False) -> set[str]:
    """Canonical numbers in a text: digits (thousands separators, decimals) and number words.
    "one" only when asked: it is a pronoun more often than a number."""
    t = visible(text)
    out = {n for m in _NUMBER.finditer(t) for n in _canon_number(m.group())}
    if words:
        out |= {str(NUMBER_WORDS.get(w, 1)) for w in (_NUMBER_WORDS_ONE if one else _NUMBER_WORDS).findall(t.lower())}
    return out


def entities(text: str) -> list[list[str]]:
    """Named-entity candidates, each a list of words in the original case (see module doc)."""
    t = _ABBREVIATION.sub(r"\1", visible(text))  # "Dr. Seuss": that period does not end a sentence
    out: list[list[str]] = [q for q in map(_LATIN_WORD.findall, _QUOTED.findall(t)) if _title_like(q)]
    spans = [(m.group(), m.start(), m.end()) for m in _LATIN_WORD.finditer(t)]
    words = [w for w, _, _ in spans]
    caps = [_is_cap(w) for w in words]
    conn = [not c and w.lower() in CONNECTORS for w, c in zip(words, caps)]
    i, n = 0, len(words)
    while i < n:
        if not caps[i]:
            i += 1
            continue
        j = i + 1
        while j < n and not _POSSESSIVE.search(words[j - 1]):  # "Gabaldon's Outlander": two names
            k = j
            while k < n and conn[k]:
                k += 1
            if k < n and caps[k] and _GAP.fullmatch(t, spans[j - 1][2], spans[k][1]):
                j = k + 1
            else:
                break
        run = words[i:j]
        before = t[spans[i - 1][2] if i else 0 : spans[i][1]]
        start = (i == 0 or _CLAUSE_START.search(before) is not None) and not has_han(before)
        if start and (run[0].lower() in ENGLISH_STOP_WORDS or (len(run) > 1 and conn[i + 1])):
            run = run[1:]  # "The Outlander series", "Fans of Outlander": the first word is not part of the name
            while run and run[0].lower() in CONNECTORS:
                run = run[1:]
        if run and not (start and j == i + 1) and (len(run) > 1 or len(run[0]) > 1):
            out.append(run)
        i = j
    return out


def _title_like(words: list[str]) -> bool:
    """A quoted span that reads as a title: at most 10 words, most of them capitalised."""
    content = [w for w in words if w.lower() not in CONNECTORS]
    return 0 < len(words) <= 10 and sum(map(_is_cap, content)) * 2 > len(content)


def _is_cap(word: str) -> bool:
    """Has an upper-case letter ("Paris", "iPhone", "BBQ"); the pronoun I is not a name."""
    return word != word.lower() and word != "I"


class Evidence:
    """What the inputs support. Built once per input text; the position index (contiguous
    look-ups) and the squashed word string ("WiFi" ~ "Wi-Fi") are built on first use."""

    def __init__(self, text: str):
        self.text = text
        self.toks = tuple(support_tokens(text))
        self.stems = frozenset(self.toks)
        self.numbers = frozenset(numbers(text, one=True))

    @cached_property
    def where(self) -> dict[str, list[int]]:
        where: dict[str, list[int]] = {}
        for i, t in enumerate(self.toks):
            where.setdefault(t, []).append(i)
        return where

    @cached_property
    def squashed(self) -> tuple[str, frozenset[int], frozenset[int]]:
        """The lower-cased words written together, with word start and end offsets."""
        raw = _WORD.findall(_POSSESSIVES.sub("", visible(self.text).lower()))
        ends = list(accumulate(map(len, raw)))
        return "".join(raw), frozenset([0, *ends[:-1]]), frozenset(ends)

    def has_sequence(self, seq: Sequence[str]) -> bool:
        if not seq:
            return True
        n = len(seq)
        return any(self.toks[i : i + n] == tuple(seq) for i in self.where.get(seq[0], ()))

    def has_squashed(self, word: str) -> bool:
        """`word` equals a run of consecutive input words written without separators."""
        text, starts, ends = self.squashed
        i = text.find(word) if word else -1
        while i >= 0:
            if i in starts and i + len(word) in ends:
                return True
            i = text.find(word, i + 1)
        return False

    def supports_entity(self, words: Sequence[str]) -> bool:
        """Contiguous in the inputs (as stems, or squashed: "WiFi" ~ "Wi-Fi"), or every part
        between connector words is."""
        low = [_POSSESSIVE.sub("", w.lower()) for w in words]
        seq = [stem(w) for w in low]
        if self.has_sequence(seq) or self.has_squashed("".join(low)):
            return True
        parts: list[list[str]] = []
        cur: list[str] = []
        for w, s in zip(low, seq):
            if w in CONNECTORS:
                parts, cur = parts + [cur] * bool(cur), []
            else:
                cur.append(s)
        parts += [cur] * bool(cur)
        return len(parts) > 1 and all(self.has_sequence(p) for p in parts)


# each metric reads every example's inputs in turn, so a cache smaller than the run is emptied before it is
# reused: 65,536 inputs cover a 10,000-example run (+25 MB peak, -4 CPU s of its default metrics; benchmark.perf)
@lru_cache(maxsize=65536)
def _evidence(text: str) -> Evidence:
    return Evidence(text)


def evidence(ex: Example) -> Evidence:
    return _evidence(ex.input_text())


def unsupported_entities(ex: Example, text: str) -> list[str]:
    ev = evidence(ex)
    return [" ".join(e) for e in entities(text) if not ev.supports_entity(e)]


def unsupported_numbers(ex: Example, text: str) -> list[str]:
    return sorted(numbers(text) - evidence(ex).numbers)


def content_support(ex: Example, text: str, ev: Evidence | None = None) -> float | None:
    """Share of the text's content stems found in the inputs (None: no content word); `ev`: the inputs'
    Evidence when the caller holds it already (the claim metrics do; the cache of `_evidence` holds fewer
    inputs than a large run has)."""
    words = [s for s in stems(text) if s not in FRAME]
    if not words:
        return None
    ev = ev or evidence(ex)
    return sum(s in ev.stems for s in words) / len(words)


def _flags(flags: Sequence[bool]) -> Scored:
    rows = [{"v": float(f)} for f in flags]
    return Scored(rows, [r["v"] for r in rows])


@metric("faith.entity_halluc", area="faithfulness", higher_is_better=False, bounds=(0.0, 1.0))
def entity_halluc(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Entity hallucination rate: share of explanations naming an entity or title found nowhere in the inputs.

    Per sample 1/0. Known limits: an entity is a capitalised word run, so a
    lower-case name ("starbucks") is missed and a capitalised common word in
    mid-sentence ("Great value") is checked like a name; a sentence-initial
    single word is never an entity; a swapped title made only of words that
    occur in the inputs in that order passes.
    """
    return _flags([bool(unsupported_entities(e, t)) for e, t in zip(examples, texts)])


@metric("faith.number_halluc", area="faithfulness", higher_is_better=False, bounds=(0.0, 1.0))
def number_halluc(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Number hallucination rate: share of explanations stating a number (price, rating, year, count) absent from the inputs.

    Per sample 1/0; "4.50" matches "4.5" and "2,300" matches "2300".
    Known limits: a number derived from the inputs (a sum, "half price", a
    rounded 4.7 -> "almost 5") counts as unsupported; "two hundred" is read
    as 2 and 100; "one" is never read as a number in the explanation.
    """
    return _flags([bool(unsupported_numbers(e, t)) for e, t in zip(examples, texts)])


@metric("faith.content_support", area="faithfulness", bounds=(0.0, 1.0))
def content_support_metric(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Content support: share of the explanation's content words (stemmed, minus stop and frame words) found in the inputs.

    Mean over explanations with at least one content word. Known limits:
    lexical, so a faithful paraphrase ("roomy" for "spacious") counts as
    unsupported and a false sentence made of input words ("not spacious")
    as supported; see faith.embed_support for the semantic view.
    """
    vals = [content_support(e, t) for e, t in zip(examples, texts)]
    return Scored([None if v is None else {"v": v} for v in vals], vals)


@metric("faith.embed_support", area="faithfulness", bounds=(-1.0, 1.0), default=False)
def embed_support(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, model: str = default_backend()) -> Scored:
    """Embedding support: for each explanation sentence its best cosine to an input sentence, averaged per explanation.

    At most the first 64 sentences of an explanation and 256 of the inputs are compared.

    The model is in the signature: all-MiniLM-L6-v2 (packaged) or lexical
    (hashed stem bags) when the model is not installed. Not in the default
    set (it runs the embedding model): ask for it by name. Known limits:
    cosine similarity is topical, not logical: a negated or swapped detail
    ("budget" for "luxury") in an otherwise copied sentence keeps a high
    score; the value depends on the embedding model.
    """
    claims = [sentences(t) or ([t.strip()] if t.strip() else []) for t in texts]
    inputs = [[s for line in e.input_text().split("\n") for s in sentences(line, min_words=1)] for e in examples]
    best = best_support(claims, inputs, model)
    vals = [sum(b) / len(b) if b else None for b in best]
    return Scored([None if v is None else {"v": v} for v in vals], vals)
