"""Attribute mentions: which lexicon values an explanation states, and whether each is true.

The suite lexicon (attribute -> canonical value -> surface forms) is compiled
once into a first-token index, so detection is one left-to-right pass over the
explanation's tokens (greedy longest match, as in `metrics.text`), but it keeps
what `metrics.text.FeatureMatcher` drops: the attribute(s) a surface form can
name and where it occurs, so that a mention can be checked against the item's
value of that very attribute and against a negation just before it.

A mention is classified against the example:
  true          the item has the value (string, list element, or a True bool);
  contradiction the item has another value of that single-valued (string)
                attribute, the bool attribute is False, or the text negates a
                value the item has ("no pool" for an item with a pool);
  user          only the user's attributes hold the value ("you like spas");
  invented      neither the item nor the user has it.
Mentions inside the item title or a history title are names, not claims, and
are ignored; a negated mention of a value the item lacks is true and ignored.
Han text is matched character by character (`metrics.text.han_split`), so a
Chinese surface form is found whatever jieba made of its context, and Chinese
negation is a negating character (不 没 无 未) within the same look-back
window, except in words that do not negate (不仅 不错 无论 ...).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

from benchmark.schema import Example
from benchmark.scoring import MetricContext
from benchmark.suite import freeze_lexicon
from metrics.text import han_split, tokens

Feature = tuple[str, str]  # (attribute, normalised canonical value)

NEGATORS = frozenset({"no", "not", "without", "never", "lacks", "lacking", "nor", "neither", "none", "t"}) | frozenset("不没无未")  # "t": isn't, doesn't
NOT_NEGATING = frozenset({"不仅", "不但", "不只", "不论", "不管", "不错", "不少", "不断", "不同", "无论", "没错", "未来"})
_BREAKS = frozenset(".,;:!?()。、；：！？") | {"but", "although", "though", "while", "whereas", "yet", "但", "却", "而"}
NEG_WINDOW = 4
NEGATION = {"neg_window": NEG_WINDOW}  # signature identity of every metric reading mentions through the window
FORMAT_CHARS = re.compile(r"[\u00ad\u200b-\u200f\u2060\ufeff]")


def visible(text: str) -> str:
    """The text as a reader sees it: invisible format characters (zero-width, soft hyphen) removed, then NFKC
    (full-width letters and digits, ligatures), so that planted noise does not hide a word or a value."""
    return unicodedata.normalize("NFKC", FORMAT_CHARS.sub("", text or ""))


def clean_tokens(text: str) -> tuple[str, ...]:
    """`metrics.text.tokens` of the `visible` text."""
    return tuple(tokens(visible(text)))


def match_tokens(text: str) -> tuple[str, ...]:
    """`clean_tokens` with Han characters split: the units lexicon mentions are matched on."""
    return han_split(clean_tokens(text))


def norm(value: Any) -> str:
    return " ".join(match_tokens(str(value)))


@dataclass(frozen=True)
class Lexicon:
    """A compiled lexicon: surface token sequences -> the features they can name."""

    by_first: Mapping[str, tuple[tuple[tuple[str, ...], frozenset[Feature]], ...]]
    surface: Mapping[str, frozenset[Feature]]  # normalised surface -> features
    values: Mapping[str, Mapping[str, str]]  # attribute -> normalised surface -> canonical
    forms: Mapping[Feature, tuple[str, ...]] = field(default_factory=dict)  # feature -> normalised surfaces

    def canonical(self, attr: str, value: Any) -> str | None:
        return self.values.get(attr, {}).get(norm(value))

    def features(self, value: Any) -> frozenset[Feature]:
        return self.surface.get(norm(value), frozenset())


@lru_cache(maxsize=32)
def _compile(frozen: tuple) -> Lexicon:
    surface: dict[str, set[Feature]] = {}
    values: dict[str, dict[str, str]] = {}
    forms: dict[Feature, list[str]] = {}
    for attr, canon, surfaces in frozen:
        c = norm(canon)
        if not c:
            continue
        for s in (canon, *surfaces):
            key = norm(s)
            if key:
                surface.setdefault(key, set()).add((attr, c))
                values.setdefault(attr, {})[key] = c
                forms.setdefault((attr, c), []).append(key)
    frozen_surface = {k: frozenset(v) for k, v in surface.items()}
    by_first: dict[str, list] = {}
    for key, feats in frozen_surface.items():
        toks = tuple(key.split(" "))
        by_first.setdefault(toks[0], []).append((toks, feats))
    ordered = {k: tuple(sorted(v, key=lambda p: (-len(p[0]), p[0]))) for k, v in by_first.items()}
    return Lexicon(ordered, frozen_surface, values, {k: tuple(dict.fromkeys(v)) for k, v in forms.items()})


def compile_lexicon(lexicon: Any) -> Lexicon:
    return _compile(freeze_lexicon(lexicon))


def lexicon_for(ctx: MetricContext) -> Lexicon:
    """The run's lexicon (ctx.lexicon), compiled once per distinct lexicon."""
    return compile_lexicon(ctx.lexicon)


def _mask(toks: Sequence[str], names: Iterable[str]) -> list[bool]:
    """True at every token inside an occurrence of one of `names` (titles)."""
    masked = [False] * len(toks)
    for name in names:
        nt = match_tokens(name)
        n = len(nt)
        if not n:
            continue
        for i in range(len(toks) - n + 1):
            if toks[i] == nt[0] and tuple(toks[i : i + n]) == nt:
                masked[i : i + n] = [True] * n
    return masked


def _negated(toks: Sequence[str], start: int, prev: "Mention | None") -> bool:
    """A negator within NEG_WINDOW tokens before `start`, not across punctuation, a contrast
    word or an earlier mention (the "no" of "no fees" belongs to that mention). A mention
    joined to a negated one by "or" / "nor" is negated too ("without a pool or spa"; but in
    "no pool, spa" the spa is stated)."""
    floor = prev.end if prev else 0
    between = toks[floor:start]
    if prev and prev.negated and between and between[0] in ("or", "nor") and all(t in ("or", "nor", "a", "an", "any") for t in between):
        return True
    for j in range(start - 1, max(floor - 1, start - 1 - NEG_WINDOW), -1):
        if toks[j] in _BREAKS:
            return False
        if toks[j] in NEGATORS and toks[j] + (toks[j + 1] if j + 1 < len(toks) else "") not in NOT_NEGATING:
            return True
    return False


@dataclass(frozen=True)
class Mention:
    features: frozenset[Feature]
    start: int
    end: int
    negated: bool


def find_mentions(lex: Lexicon, toks: Sequence[str], masked: Sequence[bool] | None = None) -> list[Mention]:
    """Lexicon mentions in token order: greedy longest match, non-overlapping, skipping masked tokens."""
    out: list[Mention] = []
    i, n = 0, len(toks)
    while i < n:
        step = 1
        if not (masked and masked[i]):
            for phrase, feats in lex.by_first.get(toks[i], ()):
                k = len(phrase)
                if tuple(toks[i : i + k]) == phrase and not (masked and any(masked[i : i + k])):
                    out.append(Mention(feats, i, i + k, _negated(toks, i, out[-1] if out else None)))
                    step = k
                    break
        i += step
    return out


def item_truth(lex: Lexicon, attributes: Mapping[str, Any]) -> set[Feature]:
    """Features true of an item: string values, list elements, every value of a True bool attribute."""
    out: set[Feature] = set()
    for attr, raw in attributes.items():
        vals = lex.values.get(attr)
        if not vals:
            continue
        if raw is True:
            out |= {(attr, c) for c in vals.values()}
        elif isinstance(raw, (str, list)):
            for v in raw if isinstance(raw, list) else [raw]:
                c = vals.get(norm(v)) if isinstance(v, str) else None
                if c:
                    out.add((attr, c))
    return out


def conflicts(attributes: Mapping[str, Any], lex: Lexicon, feature: Feature) -> bool:
    """The item's own value of this attribute excludes the feature: a False bool, or another
    value of a single-valued (string) attribute."""
    attr, canon = feature
    raw = attributes.get(attr)
    if raw is False:
        return True
    return isinstance(raw, str) and lex.canonical(attr, raw) != canon


def user_values(lex: Lexicon, attributes: Mapping[str, Any]) -> set[str]:
    """Canonical values the user's attributes hold (under any attribute name, e.g. pref_amenities)."""
    out: set[str] = set()
    for raw in attributes.values():
        for v in raw if isinstance(raw, list) else [raw]:
            if isinstance(v, str):
                out |= {c for _, c in lex.features(v)}
    return out


@dataclass
class Claims:
    """The distinct features an explanation states, by status."""

    true: set[Feature] = field(default_factory=set)
    user: set[Feature] = field(default_factory=set)
    contradiction: set[Feature] = field(default_factory=set)
    invented: set[Feature] = field(default_factory=set)

    @property
    def stated(self) -> set[Feature]:
        return self.true | self.user | self.contradiction | self.invented

    @property
    def unsupported(self) -> set[Feature]:
        return self.contradiction | self.invented


def analyse(lex: Lexicon, ex: Example, text: str) -> Claims:
    """Classify every lexicon mention of `text` against the example (see module doc)."""
    toks = match_tokens(text)
    mentions = find_mentions(lex, toks, _mask(toks, (ex.item.title, *ex.user.history)))
    claims = Claims()
    if not mentions:
        return claims
    truth = item_truth(lex, ex.item.attributes)
    users = user_values(lex, ex.user.attributes)
    for m in mentions:
        true = m.features & truth
        key = min(true or m.features)
        if m.negated:
            if true:
                claims.contradiction.add(key)
        elif true:
            claims.true.add(key)
        elif bad := sorted(f for f in m.features if conflicts(ex.item.attributes, lex, f)):
            claims.contradiction.add(bad[0])
        elif any(c in users for _, c in m.features):
            claims.user.add(key)
        else:
            claims.invented.add(key)
    return claims


def states(lex: Lexicon, text: str, attr: str, value: str, ex: Example | None = None) -> bool:
    """Does `text` state `value` of `attr` (any surface form, not negated, outside titles)?
    A value the lexicon does not know counts when its own tokens occur in the text."""
    toks = match_tokens(text)
    masked = _mask(toks, (ex.item.title, *ex.user.history)) if ex is not None else None
    canon = lex.canonical(attr, value)
    wanted = {(attr, canon)} if canon else set(lex.features(value))
    if wanted:
        return any(not m.negated and m.features & wanted for m in find_mentions(lex, toks, masked))
    vt = match_tokens(value)
    return bool(vt) and any(tuple(toks[i : i + len(vt)]) == vt for i in range(len(toks) - len(vt) + 1))
