"""Per-claim faithfulness: is each clause of an explanation supported, contradicted or unsupported by the inputs?

Why: the lexical and embedding metrics of metrics.grounding see which words an
explanation shares with the inputs, not what it says about them: "the rooms
are not quiet" and "a poky lobby" (for "spacious") look faithful to them. Here
every clause (metrics.negation.clauses) is judged against the evidence,
`Example.input_text()`:

- contradicted, kind "negation": a content word the inputs state is denied
  (or one they deny is stated), judged by negation scope on both sides;
  "not roomy" for "spacious" counts too (a similar word, opposite polarity, in the
  aligned clauses), as do "less spacious" and a denied praise the inputs do not use of a
  thing they praise ("not very welcoming" staff for "friendly" staff);
- contradicted, kind "antonym": a word the inputs do not contain is the
  opposite (WordNet antonyms, or VADER valence for two adjectives about the same
  thing; metrics.relations) of a word with the same polarity in
  the evidence clauses the claim is about (the two best aligned; every clause when none
  shares a word with the claim, then only between words of few senses); in any clause of the item's
  side, an opposite said of the same thing: a WordNet, two-step WordNet ("surly" ~ "unfriendly" <->
  "friendly") or VADER opposite qualifying the same head word ("dark rooms" / "Rooms are bright";
  "thin-walled" / "thick walls"), or a WordNet opposite predicated of the item ("this bootcamp is
  recorded") where the inputs give the item a headless quality ("Format: online, live");
- contradicted, kind "value": a number absent from inputs that state numbers;
- contradicted, kind "entity": a name absent from the inputs (metrics.grounding; Chinese
  place and organisation names by jieba's tags), read with
  the item's title blanked ("Add <title> to your basket" names nothing new);
- with a suite lexicon (structured suites, ctx.lexicon; Values below): contradicted, kind
  "value", a clause naming another value of one of the item's single-valued attributes ("a
  villa stay" for a hotel); unsupported, kind "invented", support 0, one naming a value neither
  the item nor the user has; and the words of a true value in any surface form are held;
- unsupported, kind "invented", support 0 (free text; a suite lexicon reads invented values
  itself): a thing the inputs do not hold named after a listing verb ("has a sauna, an indoor
  pool and a spa" for a lodge with a sauna; "won" / "awarded" a prize), or after an
  existential with an article ("there's a rooftop bar"), unless the list follows the user's tastes or is denied;
- a denied word the inputs never state ("it won't weigh you down", "no party hotel") counts as
  held: denying what the inputs do not say invents nothing, and the harmless negations of
  fluent explanations ("it's not noisy") are of that kind; what a verb of aversion governs
  ("dislikes large crowds") is denied, so "a tour without crowds" agrees; a "no" / "nothing" /
  "never a" scope ends at its noun phrase ("never a problem with the reception" denies no
  reception);
- a negative imperative ("just don't plan it for a Monday") is advice and states nothing;
- a denied event denies nothing past its verb ("you won't be hauling groceries up four floors" says nothing
  against the floors; metrics.negation.Word.event), unless the verb says what the item has ("doesn't have a
  pool"); a denial or an opposite is contradicted by the item's side of the inputs only: what the user has or wants
  ("a small balance", "likes quiet evenings") is no fact about the item (what the user dislikes still is); a denied head whose modifier the inputs
  do not state has the denial on the modifier ("not a luxury hotel" for a budget hotel);
- a rounded number ("over 2,000 reviews", "31k miles") is no changed value, nor is a number inside a negation
  ("you don't have to pay for two devices"), nor one spelled another way (a decade with or without its century,
  "at 7.30" for "7:30pm"); a shortened name ("Sat", "Wed") or a place for its adjective ("Cornwall" for "Cornish")
  is no new name; an opposite of a word the claim itself says is about another thing; a denied head after a
  modifier in the inputs ("no coding background") is neither stated nor denied;
- otherwise supported when its support (mean of the share of its content words
  found in the inputs, exactly, as the start of an input word ("kitchen" for
  "kitchenette") or as a WordNet near-synonym, numbers the inputs state counting as held words, each word weighted
  by how specific it is (wordfreq: an unsupported "time" matters less than an
  unsupported "helipad"), and its best similarity to an input clause) is at
  least SUPPORTED, else unsupported;
- unsupported too, kind "quality", when a quality word of the claim (an adjective
  WordNet knows) that the inputs hold neither as itself, a near-synonym nor a
  denied opposite is said of a word they do hold (right before it, or after it and a linking
  verb): "a poky lobby" or "the lobby is poky" for "a spacious lobby" gives the lobby a quality
  the inputs do not give. (No resource here knows "poky" as "cramped": WordNet's senses are
  "slow" and "provincial", VADER and pattern's adjective lexicon do not rate it, and MiniLM puts
  it no nearer "cramped" than "spacious". MiniLM's word similarity to the two poles of a WordNet
  antonym pair, tried on the words of validation.claim_twins.HAND that WordNet and VADER leave
  undecided, caught 15 of 20 opposites but opposed 5 of 28 synonyms: too weak to call a
  contradiction, and a model load for a lexical metric.)

faith.claim_verdict ranks a text with a contradiction (1) over one naming an invented feature (0.75) over one
stating a drawback the inputs lack (0.45, unflagged: kind "drawback", a clause opening with "but" / "though" that
gives a quality they do not hold, likely theirs turned over) over the rest (below 1/3, as faith.claim_score ranks
them): an invented amenity is unfaithful but contradicts nothing.

Clauses with no content word (frame talk: "we recommend it"), questions, replies
("that's true") and clauses about the writer ("I'm not sure", "I haven't read
it") are not judged: they state nothing about the item (knowledge-grounded
dialogue is full of them; Q² removes them too). A stance in front of a claim
("I know that ...", "did you know ...") is dropped and the claim judged.
Chinese: negation scope and values as in English; opposites by HowNet sentiment
sign (metrics.relations); names are not detected (no capitals).
Known limits: polarity is lexical (sarcasm, hedges and "could be quieter" are
missed); a word with an opposite sense ("fresh" vs "stale" or "salted") can
contradict the wrong sense; a claim that recombines true words falsely ("the
pool is on the roof" when the bar is) is supported.
"""
from __future__ import annotations

import gc
import re
from collections.abc import Iterator, Mapping, Sequence, Set
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
from wordfreq import zipf_frequency

from benchmark.lang import has_han
from benchmark.schema import Example
from benchmark.scoring import MetricContext, Scored, alias, metric
from metrics import relations
from metrics.grounding import FRAME, _evidence, content_support, entities, numbers
from metrics.mentions import Lexicon, analyse, find_mentions, item_truth, lexicon_for, match_tokens
from metrics.negation import Word, clauses, denied_keys, norm, words
from metrics.similarity import LEXICAL, default_backend, encode, stem

SUPPORTED = 0.5  # claim support at or above: supported (mean of two 0-1 shares: half of each)
ALIGN_TOP = 2  # evidence clauses a claim is compared with for antonyms
MAX_CLAIMS, MAX_UNITS = 64, 256
SPECIFIC_TOP, SPECIFIC_MIN, SPECIFIC_MAX = 6.0, 0.5, 4.0  # word weight = 6 - Zipf frequency, clipped
PART_MIN = 5  # letters from which a word that starts an evidence word counts as held (EvidenceIndex.holds_part)
UNALIGNED = 0.05  # best clause similarity below which a claim is compared with every evidence clause for opposites
GUESSED_SENSES_MAX = 8  # WordNet groups of the words a guessed alignment may relate ("hot": 21, "sharp": 12, "gentle": 7)


@dataclass(frozen=True)
class Verdict:
    claim: str
    label: str  # supported | contradicted | unsupported
    kind: str | None  # negation | antonym | value | entity (contradicted), number | quality | invented | drawback (unsupported) | None
    span: str | None  # the offending words
    support: float

    def as_dict(self) -> dict:
        return {"claim": self.claim, "label": self.label, "kind": self.kind, "span": self.span, "support": round(self.support, 3)}


def support_value(lexical: float, similarity: float) -> float:
    """A claim's support: the mean of the share of its content words the inputs hold and its
    best similarity to an input clause."""
    return (lexical + max(similarity, 0.0)) / 2


_CONTRACTED = frozenset({"wo", "ca", "sha"})  # "won't" -> "wo" + "n't" (metrics.negation.tokens): no content word
# Quality adjectives in scikit-learn's retrieval stop list: content words here ("thin walls" / "thick walls", "a full
# tank" / "an empty tank"); the rest of the list's adjectives are function words ("first", "many", "own").
_QUALITY_STOP_WORDS = frozenset({"thick", "thin", "full", "empty", "serious", "sincere"})


def _content(ws: Sequence[Word], frame: bool = False) -> list[tuple[Word, str]]:
    """(word, stem) of the words that can carry a claim; frame words ("enjoy", "recommend") only
    when asked: they carry polarity ("would not enjoy") but are not evidence of support."""
    return [(w, s) for w in ws if w.text.isalpha() and len(w.text) > 1 and w.text not in _CONTRACTED
            and (w.text not in ENGLISH_STOP_WORDS or w.text in _QUALITY_STOP_WORDS)
            and ((s := stem(w.text)) not in FRAME or frame)]


@lru_cache(maxsize=65536)
def _title_pattern(title: str) -> re.Pattern[str] | None:
    """The title as a case-insensitive pattern, compiled once per title (re's own cache holds 512
    patterns, fewer than a suite's titles, and so would 4,096: the six structured suites have ~4,700);
    None for a title too short to mask."""
    t = title.strip()
    return re.compile(re.escape(t), re.IGNORECASE) if len(t) >= 3 else None


def _masked(text: str, title: str) -> str:
    """The text with the item's title blanked out (same length): a name such as "No Easy Day"
    states nothing and denies nothing. ASCII text and title take `_masked_ascii`, the same blanks
    without compiling a pattern per title (~0.3 ms each: a tenth of the judge on 10,000 inputs)."""
    if text.isascii() and title.isascii():
        return _masked_ascii(text, title.strip())
    pattern = _title_pattern(title)
    return text if pattern is None else pattern.sub(lambda m: " " * len(m.group()), text)


def _masked_ascii(text: str, title: str) -> str:
    """`_masked` for ASCII strings, where re.IGNORECASE equals comparing lower-cased characters:
    the same non-overlapping left-to-right matches blanked."""
    if len(title) < 3:
        return text
    low, key = text.lower(), title.lower()
    at = low.find(key)
    if at < 0:
        return text
    parts, pos = [], 0
    while at >= 0:
        parts += [text[pos:at], " " * len(key)]
        pos = at + len(key)
        at = low.find(key, pos)
    return "".join(parts) + text[pos:]


class EvidenceIndex:
    """The inputs as clauses, with the polarity of every content stem and, per clause, of every
    content word (built once per input text and title). The per-clause tables are shared between
    indexes (`_unit_table`) and must not be changed."""

    def __init__(self, text: str, title: str = "", user: str = ""):
        self.text = text
        self.title = title
        self.units = [text[a:b].strip() for a, b in clauses(text)][:MAX_UNITS]
        tables = [_unit_table(_masked(u, title)) for u in self.units]
        self.unit_words: list[Mapping[str, Polarity]] = [t.words for t in tables]
        self.unit_heads: list[Mapping[str, frozenset[str]]] = [t.heads for t in tables]
        # Clauses of the user's side (`user`: profile, history, attributes): what the user has, does or wants.
        # Denying it of the item contradicts nothing ("no fees eating into a small balance" for a user with a small
        # balance); stating what the user dislikes still does ("lively crowds" for "dislikes crowds").
        theirs = {u.strip() for a, b in clauses(user) for u in [user[a:b]]} if user else set()
        self.user_units = frozenset(i for i, u in enumerate(self.units) if u in theirs)
        self.polarity: dict[str, Polarity] = {}
        self.item_polarity: dict[str, Polarity] = {}
        self.surface: dict[str, Polarity] = {}
        for i, t in enumerate(tables):
            _merge(self.polarity, t.stems)
            _merge(self.surface, t.words)
            _merge(self.item_polarity, t.stems if i not in self.user_units else {k: v for k, v in t.stems.items() if True in v})
        # "pet_friendly: False" denies the key as a whole: a claim stating all its words
        self.denied = [frozenset(s for _, s in _content(words(k))) for k in denied_keys(text)]
        for key in self.denied:  # "fee: 0" denies a fee, whatever other lines say of "fee": "no fee" agrees
            _merge(self.polarity, dict.fromkeys(key, _DENIED))
            _merge(self.item_polarity, dict.fromkeys(key, _DENIED))
        self.groups: frozenset[int] = frozenset().union(*(t.groups for t in tables))
        self.grounding = _evidence(text)
        self.numbers = self.grounding.numbers | han_numbers(text)

    @cached_property
    def qualities(self) -> list[tuple[int, str, Polarity, frozenset[str]]]:
        """(clause, word, polarity, heads) of every quality word of the item's side (`_UnitTable.heads`) that can be
        contradicted (`counts`); built on first use: most claims have no quality word the inputs lack."""
        return [(i, v, pol, hs) for i, (heads, table) in enumerate(zip(self.unit_heads, self.unit_words))
                for v, hs in heads.items() if self.counts(i, pol := table[v])]

    @cached_property
    def item_stems(self) -> frozenset[str]:
        """Stems of the content words of the item's title: a quality said of them is said of the item."""
        return frozenset(s for _, s in _content(words(self.title)))

    def counts(self, unit: int, pol: Polarity) -> bool:
        """A word of polarity `pol` in clause `unit` can be contradicted: any word of the item's side, only a denied
        one (what the user dislikes or lacks) of the user's: what the user has or wants is no fact about the item."""
        return unit not in self.user_units or pol == _DENIED

    def similar_word(self, word: str, units: Sequence[int] | None = None) -> str | None:
        """An evidence word that is a WordNet near-synonym of `word` (not an opposite), if any; with
        `units`, a word of those clauses only."""
        if not relations.groups(word) & self.groups:
            return None
        pool = self.surface if units is None else [v for i in units for v in self.unit_words[i]]
        return next((v for v in pool if relations.similar(word, v)), None)

    def holds_part(self, word: str) -> bool:
        """An evidence word begins with `word`, of PART_MIN letters or more ("kitchen" for "kitchenette";
        "wood" is too short). Why: stems do not join a word and its derived or compound form, and a fluent
        paraphrase shortens them freely; the other way round would hold "guesthouse" by "guest". A Chinese word is
        held when it contains an input word of two characters or more, or one contains it: compounds are built
        from words ("停车场" is a place to "停车"); so is a noun of the suffix 子 whose root ends one ("豆子", "咖啡豆")."""
        if has_han(word):  # a noun with the suffix 子 by its root ending an input word: "豆子" for "咖啡豆"
            root = word[0] if len(word) == 2 and word[1] == "子" else ""
            return any(len(v) >= 2 and (v in word or word in v or root and v.endswith(root)) for v in self.surface if has_han(v))
        return len(word) >= PART_MIN and any(v.startswith(word) for v in self.surface)


_HAN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_HAN_UNIT = {"十": 10, "百": 100, "千": 1000, "万": 10000}
# A Chinese numeral counting something: before a measure word, not an ordinal (第三) nor part of a longer numeral.
_HAN_COUNT = re.compile(r"(?<![第零〇一二两三四五六七八九十百千万])([零〇一二两三四五六七八九十百千万]+)"
                        r"(?=个|小时|天|周|星期|年|月|分钟|元|块|岁|次|节|课|星|人|名|公里|米|倍|间|层|晚|家|座)")


def han_value(numeral: str) -> int:
    """The value of a Chinese numeral: 四十 -> 40, 两 -> 2, 一万二千 -> 12000."""
    total = section = digit = 0
    for ch in numeral:
        if ch in _HAN_DIGIT:
            digit = _HAN_DIGIT[ch]
        elif ch == "万":
            total, section, digit = (total + section + digit) * 10000, 0, 0
        else:
            section, digit = section + (digit or 1) * _HAN_UNIT[ch], 0
    return total + section + digit


def han_numbers(text: str) -> set[str]:
    """Counts written as Chinese numerals ("两小时", "四十分钟"), as digits; 1 is left out ("一家酒店":
    "a hotel"), as metrics.grounding.numbers leaves out "one". Why here: grounding.numbers reads
    digits and English number words only, so "全程约两小时" for "约一小时" changed no value."""
    if not has_han(text):
        return set()
    return {str(v) for m in _HAN_COUNT.finditer(text) if (v := han_value(m.group(1))) != 1}


Polarity = frozenset[bool]  # how a word occurs: stated {False}, denied {True}, or both
_STATED: Polarity = frozenset({False})
_DENIED: Polarity = frozenset({True})
_BOTH: Polarity = frozenset({False, True})


def _polarity(negated: set[bool]) -> Polarity:
    """One of the three shared values."""
    return _BOTH if len(negated) == 2 else _DENIED if True in negated else _STATED


@dataclass(frozen=True)
class _UnitTable:
    """One evidence clause's content words and stems with their polarity (first occurrence order), the
    WordNet groups of its words and what each of its quality words (WordNet adjectives) is said of (`_heads`)."""

    words: Mapping[str, Polarity]
    stems: Mapping[str, Polarity]
    groups: frozenset[int]
    heads: Mapping[str, frozenset[str]]


def _merge(into: dict[str, Polarity], more: Mapping[str, Polarity]) -> None:
    """Add a clause's polarities: a key seen with another polarity occurs both ways. Why: the three possible
    values are shared frozensets, so the index of a large input allocates no set per word (the garbage
    collector's passes over millions of small sets cost as much as building them)."""
    for key, pol in more.items():
        known = into.get(key)
        into[key] = pol if known is None or known == pol else _BOTH


@lru_cache(maxsize=65536)
def _unit_table(unit: str) -> _UnitTable:
    """The `_UnitTable` of an evidence clause (frame words included), once per distinct clause: the attribute
    lines of a suite's inputs repeat across its items."""
    ws: dict[str, set[bool]] = {}
    ss: dict[str, set[bool]] = {}
    said, text = words(unit), norm(unit)
    # a word of a denied event is held, and neither stated nor denied; so is a denied head after a modifier: "no
    # coding background" denies coding, not that there is a background ("a course that suits your background")
    modified = {w.start for k, w in enumerate(said) if _denied_modifier(text, said, k)}
    for w, s in _content(said, frame=True):  # "dislikes crowds" denies crowds (metrics.negation.averted)
        pol = {False, True} if w.event or w.start in modified else {w.negated}
        ws.setdefault(w.text, set()).update(pol)
        ss.setdefault(s, set()).update(pol)
    heads = {w.text: _heads(said, k) for k, w in enumerate(said) if w.text in ws and relations.groups(w.text)}
    return _UnitTable({k: _polarity(v) for k, v in ws.items()}, {k: _polarity(v) for k, v in ss.items()},
                      frozenset().union(*map(relations.groups, ws)), heads)


@lru_cache(maxsize=4096)
def evidence_index(text: str, title: str = "", user: str = "") -> EvidenceIndex:
    return EvidenceIndex(text, title, user)


def user_side(ex: Example) -> str:
    """The user's part of `Example.input_text()`: profile, history and attribute lines, in its format."""
    attrs = [f"{k}: {', '.join(v) if isinstance(v, list) else v}" for k, v in ex.user.attributes.items()]
    return "\n".join(p for p in [ex.user.profile, *ex.user.history, *attrs] if p)


def evidence_of(ex: Example) -> EvidenceIndex:
    """The example's evidence index, its user side marked."""
    return evidence_index(ex.input_text(), ex.item.title, user_side(ex))


@lru_cache(maxsize=200_000)
def specificity(word: str) -> float:
    """How much a word's support matters: 6 minus its Zipf frequency in general text (wordfreq),
    clipped to [SPECIFIC_MIN, SPECIFIC_MAX]. An unsupported "time" or "around" adds nothing an
    annotator would call false; an unsupported "throne" or "1976" does."""
    z = zipf_frequency(word, "zh" if has_han(word) else "en")
    return min(max(SPECIFIC_TOP - z, SPECIFIC_MIN), SPECIFIC_MAX)


def _may_oppose(word: str) -> bool:
    """Cheap filter: only words with WordNet groups, a strong valence or a negative prefix can be opposites."""
    return bool(relations.groups(word)) or abs(relations.valence(word)) >= relations.STRONG or word.startswith(relations.NEGATIVE_PREFIXES)


def _opposed(word: str, other: str, unit: Mapping[str, Polarity], about: frozenset[str] = frozenset()) -> bool:
    """`word` is the opposite of `other` (a word of an evidence clause): by WordNet, or by VADER
    valence when both are adjectives (Chinese: HowNet sentiment sign, no part of speech), `other` is not frame talk ("enjoy"), the clause is not
    itself of mixed valence and it shares a content word with the claim (`about`: the claim's
    other stems), so that both judge the same thing ("rude staff" / "friendly staff")."""
    if relations.opposite(word, other) or relations.opposite(_adjective(word), _adjective(other)):
        return True
    if not relations.opposite_valence(word, other) or not (has_han(word) or relations.groups(word) and relations.groups(other)):
        return False
    if stem(other) in FRAME or not about & {stem(u) for u in unit}:
        return False
    return not any(relations.valence(u) * relations.valence(word) >= relations.STRONG ** 2 for u in unit)


@lru_cache(maxsize=65536)
def _adjective(word: str) -> str:
    """The adjective of an "-ly" adverb WordNet knows ("quietly" -> "quiet", "noisily" -> "noisy"),
    else the word. Why: "it's not noisy" for "runs quietly" denies the opposite of what the inputs
    say, but WordNet opposes "noisy" to "quiet" and "noisily" to "quietly", never across."""
    for suffix, repl in (("ily", "y"), ("ly", ""), ("ly", "le")):
        if word.endswith(suffix) and relations.groups(base := word[: -len(suffix)] + repl):
            return base
    return word


def _span(claim: str, w: Word) -> str:
    return claim[w.cue if w.cue >= 0 else w.start : w.end]


_DISCOURSE = frozenset({"and", "but", "so", "well", "yes", "yeah", "no", "oh", "though", "also", "then", "however", "ok", "okay"})
_WRITER = frozenset({"i", "i'm", "i've", "i'd", "i'll", "我"})
# "I think / I know that / did you know ...": the writer's stance in front of a claim, dropped before judging it.
_STANCE = re.compile(
    r"^\W*(?:(?:and|but|so|well|yes|yeah|oh|also|though)\W+)*(?:(?:i|we)\W+(?:do\W+|did\W+|also\W+|really\W+|actually\W+)?"
    r"(?:know|knew|think|thought|believe|heard|hear|read|remember|guess|recall|suppose|understand|learned|learnt)"
    r"|did\W+you\W+know|do\W+you\W+know|fun\W+fact)(?:\W+that)?\b\W*|^(?:我|我们)(?:觉得|认为|知道|相信|听说|记得)",
    re.IGNORECASE,
)
_REPLY = re.compile(r"^\W*(?:that|this|sounds)\W*(?:'s|\s+is|\s+was|\s+sounds)?\W+(?:\w+\W*){0,2}[.!]?\s*$", re.IGNORECASE)


def claim_body(claim: str) -> str | None:
    """The part of a clause that states something about the item, or None when it states nothing:
    a question, a reply ("that's true"), or a clause whose subject is the writer ("I'm not sure",
    "I haven't read it", "I like it too"): the writer's state is no claim about the inputs. A stance
    in front of a claim ("I know that it opened in 1971", "did you know it ...?") is dropped."""
    m = _STANCE.match(claim)
    if m and m.end() < len(claim):
        claim = claim[m.end():]
    elif claim.rstrip().endswith(("?", "\uff1f")) or _REPLY.match(claim):
        return None
    first = next((w.text for w in words(claim) if w.text not in _DISCOURSE), "")
    return None if first in _WRITER else claim


def lessened(ws: list[Word]) -> list[Word]:
    """The words with a quality right after "less" ("less spacious than you'd hope") marked denied: it says the
    item lacks that quality, as "not spacious" does. Why: "less" ends no scope in metrics.negation (a cue
    there would deny "less than ten minutes' walk")."""
    return [Word(w.text, w.start, w.end, True, ws[k - 1].start) if k and ws[k - 1].text == "less" and _next(ws, k - 1)
            and not w.negated and relations.groups(w.text) else w for k, w in enumerate(ws)]


_ADVICE_LEAD = frozenset({"just", "so", "but", "and", "please", "then", "also", "only"})
_ADVICE_KEEP = frozenset({"expect", "worry", "count", "need", "fear"})  # "don't expect a pool": says there is none


def advice(ws: list[Word]) -> list[Word]:
    """The words without the scope of a negative imperative at the clause's start ("just don't plan it for a
    Monday", "do not forget your passport"): advice to the reader states and denies nothing about the item.
    Why: "don't plan it for a Monday, when they're closed" denied the Monday the inputs state. Kept: "don't
    expect / worry / need ..." (_ADVICE_KEEP), which do say what the item has or lacks."""
    k = next((i for i, w in enumerate(ws) if w.text not in _ADVICE_LEAD), len(ws))
    if k + 1 >= len(ws) or ws[k].text != "do" or not ws[k + 1].negated or ws[k + 1].cue < ws[k].end or ws[k + 1].text in _ADVICE_KEEP:
        return ws
    cue = ws[k + 1].cue
    return [w for w in ws[k + 1 :] if w.cue != cue]  # "just", "do" and the scope go


_TITLES = frozenset("dr mr mrs ms prof professor sir dame st mt".split())


def untitled(name: list[str]) -> list[str]:
    """The name without a leading title: "Dr. Chen" names the inputs' "Dr. Maria Chen" as "Chen" does."""
    return name[1:] if len(name) > 1 and name[0].lower().rstrip(".") in _TITLES else name


_OWNER = re.compile(r"^\W*([A-Z][a-z]+)['\u2019]s\b")
# Sentence-initial possessors that are no names ("Today's special").
_NOT_OWNERS = frozenset("today tonight tomorrow yesterday everybody somebody nature life".split()) | ENGLISH_STOP_WORDS


def initial_owner(claim: str) -> list[str]:
    """A capitalised possessor opening the clause ("Porto's riverside is a short walk away"): a common noun there
    would need an article ("The hotel's"), so it is a name. Why: metrics.grounding.entities leaves a clause's
    first word out (it is capitalised whatever it is), so a swapped city or brand in that place named nothing."""
    m = _OWNER.match(claim)
    return [m.group(1)] if m and m.group(1).lower() not in _NOT_OWNERS else []


ABBREVIATION_MIN = 3  # letters of a shortened name ("Wed", "Sat") held by the word it starts ("Wednesday")


def _name_held(name: list[str], claim: str, ev: EvidenceIndex) -> bool:
    """The inputs hold the name: metrics.grounding's test, or every word held as itself, as a shortened form of an
    input word or the full form of one ("Sat" / "Saturday", "Wednesday" / "Wed"); a Chinese name when the inputs hold
    it, or a word across its boundary (jieba cut "来京|都" out of "第一次来京都" for the inputs' "京都")."""
    if has_han(name[0]):
        return name[0] in ev.text or _han_boundary_held(name[0], claim, ev.text)
    if ev.grounding.supports_entity(untitled(name)):
        return True
    return all(_shortened(w.lower(), ev) or _place_adjective(w.lower(), ev) for w in untitled(name))


def _shortened(word: str, ev: EvidenceIndex) -> bool:
    """An input word starts with the word, or the word starts with an input word, of ABBREVIATION_MIN letters or more."""
    return len(word) >= ABBREVIATION_MIN and any(
        v.startswith(word) or len(v) >= ABBREVIATION_MIN and word.startswith(v) for v in ev.surface if v.isalpha())


_DEMONYM = ("ish", "ian", "ese", "ic", "an")  # endings of a place's adjective: Cornish, Norwegian, Icelandic
PLACE_STEM = 4  # letters a place and its adjective share: "Corn-wall" / "Corn-ish", "Swed-en" / "Swed-ish"


def _place_adjective(word: str, ev: EvidenceIndex) -> bool:
    """The word is a place whose adjective the inputs use, or the adjective of a place they name ("Cornwall" for
    "Cornish", "Swedish" for "Sweden"): one of the two ends like a demonym and they share their first PLACE_STEM
    letters. Why: a paraphrase turns "a Cornish farm" into "a farm in Cornwall"; the same place is no new name."""
    return len(word) > PLACE_STEM and any(
        v[:PLACE_STEM] == word[:PLACE_STEM] and v != word and (v.endswith(_DEMONYM) or word.endswith(_DEMONYM))
        for v in ev.surface if v.isalpha() and len(v) > PLACE_STEM)


def _han_boundary_held(name: str, claim: str, text: str) -> bool:
    """Two characters across an end of the name where it stands in the claim are in the inputs."""
    at = claim.find(name)
    if at < 0:
        return False
    end = at + len(name)
    return claim[at - 1 : at + 1] in text and at > 0 or claim[end - 1 : end + 1] in text and end < len(claim)


_APPROXIMATE = re.compile(r"(?:over|about|around|nearly|almost|roughly|approximately|some|more than|less than|under|upwards of|~)"
                          r"\s*[$\u20ac\u00a3\u00a5]?$", re.IGNORECASE)
_SCALED = re.compile(r"[$\u20ac\u00a3\u00a5]?(\d+(?:[.,]\d+)*)\s*(k|m|thousand|million)?\b", re.IGNORECASE)
_SCALE = {"k": 1000, "thousand": 1000, "m": 1_000_000, "million": 1_000_000}
ROUNDING = 0.15  # largest relative gap between a rounded number and the input's exact one


def rounded(claim: str, held: Set[str]) -> set[str]:
    """Numbers of the claim written as a rounded form of a number of the inputs: after "over", "about", "nearly" ...
    or with a "k" / "million" scale ("31k miles" for 31,200, "$250k" for $250,000, "over 2,000 reviews" for 2,184):
    the input's number lies within the rounding unit of the written one (its last non-zero digit) and within
    ROUNDING of it. Why: a fluent paraphrase rounds; a changed value is no rounding of the true one."""
    exact = [float(h) for h in held if _float(h) is not None]
    out = set()
    for m in _SCALED.finditer(claim):
        scale = _SCALE.get((m.group(2) or "").lower(), 1)
        if scale == 1 and not _APPROXIMATE.search(claim[: m.start()]):
            continue
        for n in numbers(m.group(1), words=False):
            if (number := _float(n)) is None:  # "1.197.816": no one number
                continue
            value = number * scale
            digits = str(int(value)) if value == int(value) else ""
            unit = 10 ** (len(digits) - len(digits.rstrip("0"))) if digits else 1
            if unit > 1 and any(abs(x - value) < unit and abs(x - value) <= ROUNDING * value for x in exact):
                out.add(n)
    return out


# A decade with or without its century ("1970s", "70s", "'70s", "1990年代", "九十年代") and a clock time written with a
# period ("at 7.30", "7.30pm": the British spelling of 7:30).
_DECADE = re.compile(r"(?<![\d.,])(?:(1[5-9]|20)?(\d0)['\u2019]?s\b|(1[5-9]|20)?(\d0|[一二三四五六七八九]十)年代)")
_CLOCK = re.compile(r"(?:\b(?:at|from|until|till|by|to)\s+|[-\u2013]\s*)?\b(\d{1,2})\.([0-5]\d)(?![.,]?\d)\s*(am|pm|a\.m|p\.m)?", re.IGNORECASE)


def respelled(claim: str, held: Set[str]) -> set[str]:
    """Numbers of the claim that spell a number of the inputs another way: a decade with or without its century
    ("the 1970s" for "the 70s", "九十年代" for "1990年代"), or a clock time with a period ("at 7.30" for "7:30pm",
    whose hour and minutes the inputs hold). Why: both spellings are the same value, and writers switch freely."""
    out = set()
    for m in _DECADE.finditer(claim):
        century, tens = m.group(1) or m.group(3) or "", m.group(2) or m.group(4)
        short = tens if tens.isdigit() else str(han_value(tens))
        if short in held or any(len(h) == 4 and h.endswith(short) and h[:2] in ("15", "16", "17", "18", "19", "20") for h in held):
            out.add(century + short)
    for m in _CLOCK.finditer(claim):
        hour, minutes = m.group(1), m.group(2)
        if (m.group(0)[0].isalpha() or m.group(0)[0] in "-\u2013" or m.group(3)) and int(hour) <= 24 \
                and {str(int(hour)), str(int(minutes))} <= held:
            out |= numbers(f"{hour}.{minutes}", words=False)
    return out


def _float(n: str) -> float | None:
    try:
        return float(n)
    except ValueError:
        return None


def denied_numbers(text: str, ws: Sequence[Word]) -> set[str]:
    """Numbers the clause states only inside a negation ("you don't have to pay for two devices", "not 40 minutes"):
    a denied number asserts no value."""
    said = norm(text)
    blank = list(said)
    for w in ws:
        if w.negated:
            blank[w.start : w.end] = " " * (w.end - w.start)
    return numbers(said) - numbers("".join(blank))


_HAN_NAME_TAGS = frozenset({"ns", "nt"})  # jieba's place and organisation tags (its person tag also marks "安静" and such)


def han_names(text: str) -> list[str]:
    """Chinese place and organisation names in the text (jieba's part-of-speech tags, two characters or more).
    Why: metrics.grounding.entities reads capitals, which Chinese lacks, so "苏州" for "杭州" changed no name."""
    if not has_han(text):
        return []
    import jieba.posseg

    return [p.word for p in jieba.posseg.cut(text) if p.flag in _HAN_NAME_TAGS and len(p.word) >= 2 and has_han(p.word)]


_COMPARISON = frozenset({"too", "more", "less"})


def _quality_words(ws: list[Word]) -> list[tuple[Word, str]]:
    """The claim's content words but a degree adverb right before "too" / "more" / "less" ("far too
    hot", "way more"): it grades the next word and says nothing itself. Why: WordNet opposes "far"
    to "hot" (a "hot" guess is a near one), so "far too hot for life" contradicted "too hot"."""
    nxt = {w.start: ws[k + 1].text for k, w in enumerate(ws[:-1]) if _next(ws, k)}
    return [(w, s) for w, s in _content(ws) if nxt.get(w.start) not in _COMPARISON]


def _contradiction(claim: str, said: str, ev: EvidenceIndex, ws: Sequence[Word], content: list[tuple[Word, str]],
                   at: Alignment) -> Verdict | None:
    """A negation or antonym contradiction of the evidence, if the clause makes one. The words of a denied event
    past its verb (metrics.negation.Word.event) deny nothing and are not compared. `said`: the analysed clause
    (metrics.negation.norm), which the word offsets index."""
    ws = [w for w in ws if not w.event]
    content = [(w, s) for w, s in content if not w.event]
    stated = {s for w, s in content if not w.negated}
    for key in ev.denied:
        if key and key <= stated:
            return Verdict(claim, "contradicted", "negation", next(w.text for w, s in content if s in key), 0.0)
    pos = {w.start: k for k, w in enumerate(ws)}
    for w, s in _content(ws, frame=True):
        # a denial is contradicted by the item's side only, but for the user's attitudes ("would not like" for a user who likes)
        pol = (ev.item_polarity if w.negated and s not in FRAME else ev.polarity).get(s)
        if pol is not None and w.negated not in pol and not _focus_before(claim, ws, pos[w.start], ev):
            return Verdict(claim, "contradicted", "negation", _span(claim, w), 0.0)
    for w, s in content:
        if s in ev.polarity:
            continue
        v = ev.similar_word(w.text, at.units)  # in the aligned clauses: a polysemous near-synonym elsewhere ("sharp display") is another sense
        where = [] if v is None else [i for i in at.units if v in ev.unit_words[i] and ev.counts(i, ev.unit_words[i][v])]
        if v is not None and where and all(w.negated not in ev.unit_words[i][v] and at.relates(w.text, v, i) for i in where):
            return Verdict(claim, "contradicted", "negation", _span(claim, w), 0.0)
        if not _may_oppose(w.text):
            continue
        about = frozenset(x for _, x in content if x != s)
        opposed = [pol for i in at.units for v, pol in ev.unit_words[i].items() if ev.counts(i, pol)  # the item's side
                   and not _said_too(v, about) and _opposed(w.text, v, ev.unit_words[i], about) and at.relates(w.text, v, i)]
        opposed += _opposed_on_same_thing(said, w, ws, ev, about)
        if any(w.negated in pol for pol in opposed):
            return Verdict(claim, "contradicted", "antonym", _span(claim, w), 0.0)
        if w.negated and any(_praise_denied(w.text, ev.unit_words[i], about) for i in at.trusted if i not in ev.user_units):
            return Verdict(claim, "contradicted", "negation", _span(claim, w), 0.0)
    return None


def _said_too(v: str, about: frozenset[str]) -> bool:
    """The claim itself says the evidence word `v` (`about`: its other stems), so an opposite of `v` in it is said of
    another thing ("big windows ... the light you want" for "light"). Why: WordNet's opposites hold between senses,
    and a claim that keeps the evidence word keeps its sense for it."""
    return stem(v) in about


def _focus_before(claim: str, ws: Sequence[Word], k: int, ev: EvidenceIndex) -> bool:
    """Denied word k is a head whose modifier, right before it in the same scope, the inputs do not state: the denial
    falls on the modifier ("it's not a luxury hotel" for a budget hotel, "none of it is high-impact" for low-impact
    sessions, "不是连锁酒店" for a family-run 酒店: Chinese words are not spaced). Why: negation denies the new part of a phrase; the head it shares with the inputs is taken as given."""
    return _denied_modifier(claim, ws, k) and False not in ev.polarity.get(stem(ws[k - 1].text), _DENIED)


def _denied_modifier(text: str, ws: Sequence[Word], k: int) -> bool:
    """Denied word k has a modifier right before it in the same denial scope ("no coding background", "not a
    luxury hotel"; Chinese words are not spaced). `text`: what the word offsets index."""
    if not k or not ws[k].negated or ws[k - 1].cue != ws[k].cue or text[ws[k - 1].end : ws[k].start] not in (" ", "-", ""):
        return False
    m = ws[k - 1].text
    return m.isalpha() and len(m) >= 2 and m not in ENGLISH_STOP_WORDS and m[0] not in _HAN_DETERMINERS  # "一家", "这个": no modifier


_HAN_DETERMINERS = frozenset("一二两三四五六七八九十几这那每某各什任")  # 什么, 任何: "any", no modifier


def _opposed_on_same_thing(text: str, w: Word, ws: Sequence[Word], ev: EvidenceIndex, about: frozenset[str]) -> list[Polarity]:
    """Polarities of the item side's quality words, in any clause, that are opposites of `w` said of the same thing
    (`_same_thing`): a WordNet opposite ("recorded" / "live", "thin-walled" / "thick walls") or an indirect one
    (relations.indirect_opposite: "chilly" ~ "cold" <-> "warm"), the latter only with a head word in common.
    Why any clause: a claim that combines several facts aligns with the clauses of the others ("self-paced and
    recorded, beginner-level, covers pandas" with the clauses of "beginner" and "pandas", not "Format: online,
    live"); what the two words are said of, not the clause they stand in, tells that they judge the same thing.
    Why the same thing: an opposite said of another thing ("a hot tub", "a peaceful place") contradicts nothing,
    and WordNet's opposites join rare senses, which a shared head rules out. `about`: the claim's other stems
    (`_said_too`)."""
    if not relations.groups(w.text):
        return []
    k = next(k for k, x in enumerate(ws) if x.start == w.start)
    heads, of_item = _heads(ws, k), _predicated_of_item(text, ws, k, ev.item_stems)
    out = []
    for _, v, pol, hv in ev.qualities:
        if _said_too(v, about):
            continue
        if (heads & hv) - ev.item_stems and (relations.opposite(w.text, v) or relations.indirect_opposite(w.text, v)
                                              or relations.opposite_valence(w.text, v)):
            out.append(pol)
        elif of_item and hv <= ev.item_stems and relations.opposite(w.text, v):
            out.append(pol)
    return out


_SUBJECTS = frozenset({"it", "it's", "its", "this", "that", "they", "they're"})


def _predicated_of_item(text: str, ws: Sequence[Word], k: int, item: frozenset[str]) -> bool:
    """Quality word k is predicated of the item: a linking verb stands before it, past other qualities, hyphenated
    parts, "and" and degree words ("this bootcamp is self-paced and recorded", "it's rigid and bulky"), and the
    linking verb's subject is a pronoun or a word of the item's title. Why: a quality with no head of its own is
    said of the item only there; elsewhere it may be a noun WordNet also lists as an adjective ("a comfortable
    base for you"). `text`: the analysed claim the offsets index."""
    j = k
    while j > 0 and text[ws[j - 1].end : ws[j].start] in (" ", "-") and ws[j - 1].text not in _COPULA and ws[j - 1].text not in _SUBJECTS and (
            ws[j - 1].text in _CHAIN or relations.groups(ws[j - 1].text) or text[ws[j - 1].end : ws[j].start] == "-"
            or j > 1 and text[ws[j - 2].end : ws[j - 1].start] == "-"):
        j -= 1
    if j == 0 or text[ws[j - 1].end : ws[j].start] != " ":
        return False
    link = ws[j - 1].text
    if link in ("it's", "they're"):
        return True
    return link in _COPULA and j >= 2 and (ws[j - 2].text in _SUBJECTS or stem(ws[j - 2].text) in item)


def _heads(ws: Sequence[Word], i: int) -> frozenset[str]:
    """Stems of what quality word i is said of: the first word after it past other qualities, "and" and degree
    words ("spacious and bright rooms"), or the word before a linking verb in front of them ("the rooms are
    very spacious and bright"); words one space apart. Empty when neither is there."""
    j = i
    while j + 1 < len(ws) and _next(ws, j) and (ws[j + 1].text in _CHAIN or relations.groups(ws[j + 1].text)):
        j += 1
    after = ws[j + 1].text if j + 1 < len(ws) and _next(ws, j) else ""
    j = i
    while j > 0 and _next(ws, j - 1) and (ws[j - 1].text in _CHAIN or relations.groups(ws[j - 1].text)) and ws[j - 1].text not in _COPULA:
        j -= 1
    before = ws[j - 2].text if j >= 2 and ws[j - 1].text in _COPULA and _next(ws, j - 1) and _next(ws, j - 2) else ""
    return frozenset(stem(t) for t in (after, before) if t.isalpha() and t not in ENGLISH_STOP_WORDS)


def _quality(word: str) -> bool:
    """An evaluative quality word: clearly positive or negative (VADER, HowNet) and an adjective WordNet knows
    (any Chinese word: no part of speech)."""
    return abs(relations.valence(word)) >= relations.STRONG and (has_han(word) or bool(relations.groups(word)))


def _praise_denied(word: str, unit: Mapping[str, Polarity], about: frozenset[str]) -> bool:
    """A denied word of praise the inputs do not use ("the staff are not very welcoming") while the aligned
    evidence clause, about the same thing (`about`: the claim's other stems), praises it with a word of its
    own ("Staff are friendly"). Why: denying one praise of a thing the inputs praise denies their judgement;
    WordNet does not hold "welcoming" and "friendly" as near-synonyms, so the negated-synonym rule misses it.
    Denying a fault ("it's not noisy", "you won't be disappointed") stays harmless."""
    if relations.valence(word) < relations.STRONG or not _quality(word) or not about & {stem(u) for u in unit}:
        return False
    return any(pol == _STATED and relations.valence(v) >= relations.STRONG and _quality(v) for v, pol in unit.items())


def _feature(f: tuple[str, str]) -> str:
    return f"{f[0]}: {f[1]}"


class Values:
    """The suite lexicon's reading of one item (structured suites): which attribute values a clause
    names, and whether the item has them (metrics.mentions). Why: the lexicon knows that
    "high-end" is a price tier and "a villa stay" a property type, so a clause naming another
    value of the item's own attributes is a changed value, and one naming a value nobody has an
    invented one, even when its words are otherwise common; and the words of a true value in
    any of its surface forms ("inexpensive" for "budget") are held."""

    def __init__(self, lex: Lexicon, ex: Example):
        self.lex, self.ex = lex, ex
        self.truth = item_truth(lex, ex.item.attributes)

    def read(self, clause: str):
        """metrics.mentions.Claims of the clause (true / user / contradiction / invented features)."""
        return analyse(self.lex, self.ex, clause)

    def true_tokens(self, clause: str) -> frozenset[str]:
        """Tokens of the clause inside a mention of one of the item's true values."""
        toks = match_tokens(clause)
        return frozenset(t for m in find_mentions(self.lex, toks) if m.features & self.truth and not m.negated for t in toks[m.start : m.end])


def _held(w: Word, s: str, ev: EvidenceIndex, top: Sequence[int]) -> bool:
    """The evidence holds the word: itself, a near-synonym, or a denied opposite ("not cramped")."""
    if s in ev.polarity or ev.similar_word(w.text) is not None or ev.holds_part(w.text):
        return True
    return _may_oppose(w.text) and any(_opposed(w.text, v, ev.unit_words[i]) for i in top for v in ev.unit_words[i])


def _lexical(content: list[tuple[Word, str]], held: list[bool], numbers_held: int) -> float:
    """The specificity-weighted share of the claim's content words the inputs hold, each number the inputs
    state counting as a held word of weight SPECIFIC_MAX. Why: "you can start with $500" for "minimum
    investment $500" holds its one specific token, the amount, yet had only "start" to be judged on."""
    weights = [specificity(w.text) for w, _ in content] + [SPECIFIC_MAX] * numbers_held
    if not weights:
        return 1.0
    return (sum(k * h for k, h in zip(weights, held)) + SPECIFIC_MAX * numbers_held) / sum(weights)


@dataclass(frozen=True)
class Alignment:
    """The evidence clauses a claim is about, and those among them whose relations to it are trusted for any word."""

    units: list[int]
    trusted: frozenset[int]

    def relates(self, word: str, other: str, unit: int) -> bool:
        """A relation between `word` and `other` (a word of evidence clause `unit`) is trusted: in a trusted clause
        always; in the others (a claim no clause is similar to), only between words of GUESSED_SENSES_MAX WordNet
        senses or fewer (relations.polysemous): with every clause compared, a rare sense ("hot" as "violent"
        against "peaceful") finds a partner somewhere."""
        return unit in self.trusted or not relations.polysemous(word, other, GUESSED_SENSES_MAX)


def aligned(sims: np.ndarray) -> Alignment:
    """The ALIGN_TOP evidence clauses most similar to a claim; when none is similar at all (UNALIGNED), the
    ALIGN_TOP first of the tie as before (argsort: the inputs' opening clauses, most often the item's own
    description), trusted, and every other clause for few-sensed words. Why: "the tone is harsh" shares no
    word with "Gentle and moving.", so only the opening two clauses of a tie of zeros were compared and the
    opposite further on never was; trusting every clause lost "weak" for "strong" (many senses) in the
    opening and opposed "grim" and "moving" to words further on (seen on the generated twins of the support head's
    held-out part, whose figures are therefore not blind to this choice)."""
    if not len(sims):
        return Alignment([], frozenset())
    top = np.argsort(-sims)[:ALIGN_TOP].tolist()
    if sims.max() < UNALIGNED:
        return Alignment(list(range(len(sims))), frozenset(top))
    return Alignment(top, frozenset(top))


def judge_claim(claim: str, ev: EvidenceIndex, sims: np.ndarray, values: Values | None = None, *, contrasts: bool = True) -> Verdict | None:
    """One clause against the evidence; `sims` is its similarity to each evidence clause;
    `values` the suite lexicon's reading of the item (structured suites; None for free text); `contrasts`: the
    clause follows a claim about the item, so an opening "but" / "though" turns from it (`_drawback`), not from the
    writer's hedge ("I'm not sure, but ..."). None: the clause states nothing about the item (no content word, or
    see claim_body)."""
    body = claim_body(claim)
    if body is None:
        return None
    claim = body
    masked = _masked(claim, ev.title)
    analysed = norm(masked)
    ws = advice(lessened(words(masked)))
    content = _quality_words(ws)
    nums = numbers(claim) | han_numbers(claim)
    names = entities(masked) + [[n] for n in han_names(masked) + initial_owner(masked)]  # "Add <title> to your basket": "Add" is no part of a name
    if not content and not nums and not names and not entities(claim):  # a clause that names the item is judged
        return None
    at = aligned(sims)
    top = at.units
    if bad := _contradiction(claim, analysed, ev, ws, content, at):
        return bad
    said = values.read(claim) if values is not None else None
    if said is not None and said.contradiction:
        return Verdict(claim, "contradicted", "value", _feature(sorted(said.contradiction)[0]), 0.0)
    wrong = [" ".join(e) for e in names if not _name_held(e, masked, ev)]
    if wrong:
        return Verdict(claim, "contradicted", "entity", wrong[0], 0.0)
    bad_nums = sorted(nums - ev.numbers - rounded(claim, ev.numbers) - respelled(claim, ev.numbers) - denied_numbers(masked, ws))
    if bad_nums and ev.numbers:
        return Verdict(claim, "contradicted", "value", bad_nums[0], 0.0)
    named = values.true_tokens(claim) if values is not None else frozenset()
    held = [w.negated or w.text in named or _held(w, s, ev, top) for w, s in content]
    lexical = _lexical(content, held, len(nums & ev.numbers))
    support = support_value(lexical, float(sims.max()) if len(sims) else 0.0)
    if bad_nums:
        return Verdict(claim, "unsupported", "number", bad_nums[0], support)
    if said is not None and said.invented:
        return Verdict(claim, "unsupported", "invented", _feature(sorted(said.invented)[0]), 0.0)
    if values is None and (extra := _invented_feature(ws, content, held)):  # a suite lexicon reads invented values itself
        return Verdict(claim, "unsupported", "invented", _span(claim, extra), 0.0)
    if contrasts and (turn := _drawback(claim, content, held)):
        return Verdict(claim, "unsupported", "drawback", _span(claim, turn), support)
    if support < SUPPORTED:
        return Verdict(claim, "unsupported", None, claim, support)
    if odd := _unheld_quality(analysed, ws, content, held):
        return Verdict(claim, "unsupported", "quality", _span(claim, odd), support)
    return Verdict(claim, "supported", None, None, support)


# Verbs and adverbs that list what an item has: the things named after them are claimed features ("won" / "awarded":
# a prize is one).
_HAVE = frozenset("has have had includes include included including offers offer offered features feature boasts boast "
                  "provides provide comes come also plus adds add added detected found won wins awarded".split()
                  + ["有", "还有", "提供", "配有", "设有", "包括", "包含", "附带", "附赠", "赠送", "配备", "另有", "另外", "添加", "加入", "附送", "附"])  # "adds", as in English
# Before the listing verb, these make the list one of the user's tastes ("the user likes genres including
# tales"), not of the item's features.
_PREFERENCE = frozenset(stem(w) for w in "user users reader readers customer enjoy like love prefer appreciate interest taste fan want".split())
INVENTED_MIN = 1.0  # specificity from which an unheld thing counts as an invented feature ("card" is, "thing" is not)


def _invented_feature(ws: Sequence[Word], content: list[tuple[Word, str]], held: list[bool]) -> Word | None:
    """A thing the clause says the item has that the inputs do not hold: a stated content word after
    a listing verb ("has", "includes", "offers", "also"), no WordNet adjective, not frame talk and
    not too common (specificity INVENTED_MIN). Why: "a sauna, an indoor pool and a spa" for a lodge
    with a sauna shares most of its words with the inputs, so its support alone passes; an invented
    amenity is an unfaithful claim however many true words surround it. A list after the user's
    tastes (_PREFERENCE) is not judged so."""
    at = next((k for k, w in enumerate(ws) if _lists(ws, k)), None)
    if at is None or any(stem(w.text) in _PREFERENCE for w in ws[:at]) or at + 1 < len(ws) and ws[at + 1].negated:
        return None  # a denied list ("there's no trip to a laundromat") claims nothing
    at = ws[at].start
    return next((w for (w, s), h in zip(content, held) if w.start > at and not h and not w.negated and w.text not in _HAVE
                 and not relations.groups(w.text) and specificity(w.text) >= INVENTED_MIN), None)


def _lists(ws: Sequence[Word], k: int) -> bool:
    """Word k, stated, starts a list of what the item has: a listing verb (_HAVE), not passive nor before an object
    pronoun, or an existential "there is / are"
    before an article or "also" / "even" ("there's a rooftop bar", "there is also a shuttle"). Why the article: a
    quantifier after it ("there are so many types of cuisine") talks of the world, not of the item's features."""
    w = ws[k]
    if w.negated:
        return False
    if w.text in _HAVE:  # not before a pronoun ("found it hard to put down"), nor passive ("roaming is included, and ...")
        passive = w.text in _PARTICIPLES and k > 0 and ws[k - 1].text in _BE
        return not passive and not (k + 1 < len(ws) and ws[k + 1].text in _OBJECT_PRONOUNS)
    after = k + 1 if w.text == "there's" else k + 2 if w.text == "there" and k + 1 < len(ws) and ws[k + 1].text in ("is", "are") else 0
    return 0 < after < len(ws) and ws[after].text in _THING_LEAD


_OBJECT_PRONOUNS = frozenset({"it", "them", "him", "her", "me", "us", "you", "this", "that"})
# A listing verb's participle after "be" is passive: what it lists is its subject, before it ("awarded" takes an object
# in the passive too: "was awarded the Booker").
_PARTICIPLES = frozenset("included offered added featured provided found detected".split())
_BE = frozenset("is are was were be been being".split())
_THING_LEAD = frozenset({"a", "an", "also", "even"})  # what an existential names a new thing with
_CONTRAST = re.compile(r"^\W*(?:(?:but|though|although|however|yet|whereas)\b|但是|但|不过|可是|然而)", re.IGNORECASE)


def _drawback(claim: str, content: list[tuple[Word, str]], held: list[bool]) -> Word | None:
    """A quality the inputs do not hold (a stated WordNet adjective, not clearly positive by VADER; in Chinese a
    negative word of HowNet) in a clause that opens with a contrastive conjunction ("though the area can get rowdy
    at weekends", "but it's rigid and bulky", "但房间有点潮"). Why: a contrast in a recommendation introduces a
    drawback or caveat; one the inputs never state is most often their quality turned over in words no resource
    here opposes to theirs ("rowdy" for "very quiet", "poky" for "spacious"). A caveat the inputs do state ("but it
    has only two ports") holds its words; a denied fault ("but it isn't noisy") is no drawback."""
    if not _CONTRAST.match(claim):
        return None
    return next((w for (w, _), h in zip(content, held) if not h and not w.negated and w.text not in _NOT_QUALITY and (
        relations.valence(w.text) <= -relations.STRONG if has_han(w.text) else relations.groups(w.text) and relations.valence(w.text) < relations.STRONG)), None)


_COPULA = frozenset("is are was were be been being feels feel felt looks look seems seem remains remain stays stay".split())
# Words WordNet lists as adjectives that work as conjunctions or determiners ("a spa plus a pool",
# "worth a look", "the next one"): they give nothing a quality.
_NOT_QUALITY = frozenset("plus minus worth due next last much many own such same other else first second third similar "
                         "different".split())  # ordinals and likeness compare, they qualify nothing
_DEGREE = frozenset("very really quite so rather pretty too fairly somewhat extremely".split())
_CHAIN = frozenset({"and"}) | _DEGREE  # words between a quality and what it qualifies (_heads)


def _unheld_quality(text: str, ws: Sequence[Word], content: list[tuple[Word, str]], held: list[bool]) -> Word | None:
    """A quality word (WordNet adjective) the inputs do not hold, said of a thing they do hold:
    right before a held content word ("a poky lobby" when the inputs have a lobby) or after it
    and a linking verb ("the lobby is (rather) poky"); not a part of a hyphenated compound ("6-minute walk",
    "dog-friendly rooms", "ex-Houston"), which is one word the inputs may say otherwise ("dogs allowed").
    `text`: the analysed claim (metrics.negation.norm), which the word offsets index."""
    ok = {w.start for (w, _), h in zip(content, held) if h}
    pos = {w.start: i for i, w in enumerate(ws)}
    return next((w for (w, _), h in zip(content, held) if not h and w.text not in _NOT_QUALITY and relations.groups(w.text)
                 and "-" not in text[max(w.start - 1, 0) : w.end + 1] and _said_of(ws, pos[w.start], ok)), None)


def _said_of(ws: Sequence[Word], i: int, ok: set[int]) -> bool:
    """Word i qualifies a held word (start offsets `ok`): it stands right before one, or after one
    and a linking verb, degree words allowed between ("the rooms are rather poky"), the words
    one space apart (no comma or blanked title between them)."""
    if i + 1 < len(ws) and ws[i + 1].start in ok:
        return True
    j = i - 1
    while j >= 0 and ws[j].text in _DEGREE and _next(ws, j):
        j -= 1
    return j >= 1 and ws[j].text in _COPULA and _next(ws, j) and _next(ws, j - 1) and ws[j - 1].start in ok


def _next(ws: Sequence[Word], k: int) -> bool:
    """Words k and k+1 are one space apart."""
    return ws[k + 1].start - ws[k].end == 1


def claim_texts(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in clauses(text)][:MAX_CLAIMS]


def _pair_sims(vecs, qa: list[int], eb: list[int]) -> np.ndarray:
    """Cosine of rows qa[k] and eb[k] of unit vectors (dense or sparse), in bounded chunks."""
    out = np.empty(len(qa))
    for lo in range(0, len(qa), 200_000):
        a, b = vecs[qa[lo : lo + 200_000]], vecs[eb[lo : lo + 200_000]]
        out[lo : lo + 200_000] = np.asarray(a.multiply(b).sum(axis=1)).ravel() if hasattr(a, "multiply") else np.einsum("ij,ij->i", a, b)
    return out


def judge(examples: Sequence[Example], texts: Sequence[str], backend: str, lex: Lexicon | None = None) -> list[list[Verdict]]:
    """Verdicts for every judged clause of every text."""
    return _judge(examples, [evidence_of(ex) for ex in examples], texts, backend, lex)


def _judge(examples: Sequence[Example], evs: Sequence[EvidenceIndex], texts: Sequence[str], backend: str,
           lex: Lexicon | None) -> list[list[Verdict]]:
    """`judge` against the examples' evidence indexes. One encoding pass over the distinct
    claims and evidence clauses of the batch (memoised by metrics.embed for MiniLM), then all
    (claim, evidence clause) pairs of the batch as one vectorised row-dot."""
    claims = [claim_texts(t) for t in texts]
    uniq = list(dict.fromkeys(s for group in (*claims, *(e.units for e in evs)) for s in group))
    index = {t: i for i, t in enumerate(uniq)}
    qa: list[int] = []
    eb: list[int] = []
    for cs, ev in zip(claims, evs):
        units = [index[u] for u in ev.units]
        for c in cs:
            qa += [index[c]] * len(units)
            eb += units
    sims = _pair_sims(encode(uniq, backend), qa, eb) if qa else np.zeros(0)
    out, pos = [], 0
    for cs, ev, ex in zip(claims, evs, examples):
        n = len(ev.units)
        verdicts = []
        values = Values(lex, ex) if lex is not None and lex.by_first else None
        judged = False  # the previous clause states something about the item
        for c in cs:
            v = judge_claim(c, ev, sims[pos : pos + n], values, contrasts=judged)
            if v is not None:
                verdicts.append(v)
            judged = v is not None
            pos += n
        out.append(verdicts)
    return out


# --- metrics ---------------------------------------------------------------------------------

@contextmanager
def _no_gc_passes() -> Iterator[None]:
    """Pause the cyclic garbage collector while a batch is judged. Why: the evidence of 10,000 inputs adds about
    a million long-lived containers, and every quarter more of them starts a full pass over the whole heap (the
    run's caches, loaded models) that frees nothing: ~30% of the judgement's CPU on the perf set. Reference
    counting still frees everything outside a cycle; the collector's previous state is restored."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


_LAST: list = []  # [examples, texts, backend, lexicon, verdicts, evidence indexes] of the last batch (compared by identity)


def _judged(examples: Sequence[Example], texts: Sequence[str], backend: str,
            lex: Lexicon | None) -> tuple[list[list[Verdict]], list[EvidenceIndex]]:
    """The batch's verdicts and evidence indexes; the three claim metrics of one batch share one judgement."""
    if _LAST and _LAST[0] is examples and _LAST[1] is texts and _LAST[2] == backend and _LAST[3] is lex:
        return _LAST[4], _LAST[5]
    with _no_gc_passes():
        evs = [evidence_of(ex) for ex in examples]
        out = _judge(examples, evs, texts, backend, lex)
    _LAST[:] = [examples, texts, backend, lex, out, evs]
    return out, evs


def verdicts(examples: Sequence[Example], texts: Sequence[str], backend: str, lex: Lexicon | None = None) -> list[list[Verdict]]:
    """The batch's verdicts (see _judged). `lex`: the suite lexicon (structured suites), read by
    Values; None judges the words alone."""
    return _judged(examples, texts, backend, lex)[0]


def sample_score(vs: Sequence[Verdict], cover: float | None = None) -> float | None:
    """Headline per-sample faithfulness in [0, 1], in three tiers: below 1/3 a claim is
    contradicted, 1/3 to 2/3 some claim is unsupported, 2/3 and up every claim is supported.
    Within a tier, higher support ranks higher: half the weakest claim's, a quarter the mean
    claim's and a quarter `cover`, the share of the whole text's content words the inputs hold
    (faith.content_support; the mean claim support when None). The weights were chosen on the
    development twins and Q² dev topics (see validation.claim_eval). None: nothing judged."""
    if not vs:
        return None
    sup = [v.support for v in vs]
    mean = sum(sup) / len(sup)
    tier = 0 if any(v.label == "contradicted" for v in vs) else 1 if any(v.label != "supported" for v in vs) else 2
    return (tier + 0.5 * min(sup) + 0.25 * mean + 0.25 * (mean if cover is None else cover)) / 3


# Judge a sample unfaithful below this: every contradicted sample and the unsupported ones with
# weak support. Chosen for accuracy on the development twins (XRec / generated train splits):
# 0.883 there at 0.5 vs 0.862 at 2/3 ("any unsupported claim").
THRESHOLD = 0.5


# 3: faith9 judge (denied events, the user's side, noun-phrase scope, negation focus, rounded numbers, shortened names)
# 4: faith10 judge (opposites said of the same thing in any clause, "thick" / "thin" as content words)
# 5: faith11 judge ("-free" compounds, traditional Chinese, decades / clock times, place adjectives, modified denied heads)
@metric("faith.claim_score", area="faithfulness", version="5", bounds=(0.0, 1.0), threshold=THRESHOLD)
def claim_score(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, model: str = LEXICAL) -> Scored:
    """Claim-level faithfulness (0-1): below 1/3 a claim contradicts the inputs (negation, antonym, changed value, wrong name), up to 2/3 a claim is unsupported; judge at 0.5.

    Per sample; details in samples.jsonl list every judged clause with its
    label, kind and offending span (metrics.claims). The model option picks
    the clause alignment: lexical (default, fast) or MiniLM
    (faith.claim_score_minilm). Known limits: see metrics.claims.
    """
    vs, evs = _judged(examples, texts, model, lexicon_for(ctx))  # the indexes hold the inputs' Evidence: not built again for content support
    vals = [sample_score(v, content_support(e, t, ev.grounding)) for v, e, t, ev in zip(vs, examples, texts, evs)]
    return Scored([None if x is None else {"v": x} for x in vals], vals, details=[{"claims": [c.as_dict() for c in v]} if v else None for v in vs])


alias("faith.claim_score_minilm", "faith.claim_score", model=default_backend(), default=False)  # MiniLM clause alignment, one batched pass


@metric("faith.claim_support", area="faithfulness", version="5", bounds=(0.0, 1.0))
def claim_support(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, model: str = LEXICAL) -> Scored:
    """Claim support: share of an explanation's judged clauses that the inputs support (mean over explanations).

    Explanations with no judged clause have no row. Known limits: see metrics.claims.
    """
    vs = verdicts(examples, texts, model, lexicon_for(ctx))
    vals = [sum(c.label == "supported" for c in v) / len(v) if v else None for v in vs]
    return Scored([None if x is None else {"v": x} for x in vals], vals)


@metric("faith.claim_contradiction", area="faithfulness", version="5", bounds=(0.0, 1.0), higher_is_better=False)
def claim_contradiction(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, model: str = LEXICAL) -> Scored:
    """Claim contradiction rate: share of explanations with a clause that contradicts the inputs (negation, antonym, changed value, wrong name).

    Per sample 1/0; explanations with no judged clause have no row.
    """
    vs = verdicts(examples, texts, model, lexicon_for(ctx))
    vals = [float(any(c.label == "contradicted" for c in v)) if v else None for v in vs]
    return Scored([None if x is None else {"v": x} for x in vals], vals)


INVENTED_VERDICT = 0.75  # faith.claim_verdict of a text naming a feature the inputs lack (and contradicting nothing)
# ... of one stating, after "but" / "though", a quality the inputs lack (and inventing nothing): above every other
# unsupported text, below the flag: the likely turn of an input quality, not a proven one
DRAWBACK_VERDICT = 0.45


def verdict_score(vs: Sequence[Verdict], cover: float | None = None) -> float | None:
    """How unfaithful a text is (0-1): 1 when a claim contradicts the inputs, INVENTED_VERDICT when one names a
    feature they lack, DRAWBACK_VERDICT when one states a drawback they lack (`_drawback`), else below 1/3, ranked as
    faith.claim_score ranks (`sample_score`, inverted and halved).
    None: nothing judged. Why: an invented amenity is as unfaithful as a denied one, but no contradiction."""
    if not vs:
        return None
    if any(v.label == "contradicted" for v in vs):
        return 1.0
    if any(v.kind == "invented" for v in vs):
        return INVENTED_VERDICT
    if any(v.kind == "drawback" for v in vs):
        return DRAWBACK_VERDICT
    score = sample_score(vs, cover)
    return None if score is None else (1 - score) / 2


@metric("faith.claim_verdict", area="faithfulness", version="3", bounds=(0.0, 1.0), higher_is_better=False, threshold=0.5)
def claim_verdict(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, model: str = LEXICAL) -> Scored:
    """Claim verdict (0-1, lower is better): 1 a clause contradicts the inputs, 0.75 one names a feature they lack, 0.45 one states a drawback they lack after "but" / "though", below 1/3 ranked by claim support; flag at 0.5.

    Per sample; the clauses' verdicts are faith.claim_score's (details there).
    Known limits: see metrics.claims.
    """
    vs, evs = _judged(examples, texts, model, lexicon_for(ctx))
    vals = [verdict_score(v, content_support(e, t, ev.grounding)) for v, e, t, ev in zip(vs, examples, texts, evs)]
    return Scored([None if x is None else {"v": x} for x in vals], vals)
