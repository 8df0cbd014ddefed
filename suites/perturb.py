"""Perturbations: deterministic transforms of a suite (registered in PERTURBATIONS).

A perturbation is `fn(suite, seed=0) -> Suite`. Each returned example is a
variant of one input example: id `<parent id>~<name>`, the parent's split tag,
and tags {"parent": parent id, "perturbation": name, "kind": "invariance" |
"directional"}; directional variants also say what changed (cf_attribute,
cf_from, cf_to). Examples a perturbation cannot change (no free text, no
matched feature) are left out rather than copied, so a metric compares only
real variants. Every random choice comes from `random.Random(sha256(name |
seed | example id))`: a variant depends on nothing but its own example and the
suite lexicon, never on the other examples, the shard or the process.

Invariance (the explanation should keep its meaning): typo, case, unicode,
synonym, shuffle, distractor, drop-optional, truncate, traditional. On a
Chinese example (`Example.language`) typo swaps homophones and look-alike
characters, unicode adds full-/half-width noise, shuffle splits sentences at
。！？, distractor adds Chinese distractors and traditional writes the profiles
in traditional characters (`suites.perturb_zh`); traditional leaves English
examples out, as case and synonym leave out what they cannot change. Directional (the
explanation should follow the change): cf-swap (one matched attribute of the
item takes another lexicon value) and cf-drop (one matched feature leaves the
recommender's signals).
"""
from __future__ import annotations

import hashlib
import math
import random
import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from typing import Any, Callable, Collection, Sequence

from benchmark.lang import has_han
from benchmark.registry import PERTURBATIONS, summary
from benchmark.schema import Example
from benchmark.suite import Lexicon, Suite, freeze_lexicon
from suites import perturb_zh

Variant = Callable[[Example, random.Random, Suite], "Example | None"]

_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_SENTENCE_END_ZH = re.compile(r"(?<=[。！？])")
_KEYS = "qwertyuiop asdfghjkl zxcvbnm".split()


def rng_for(name: str, seed: int, example_id: str) -> random.Random:
    """The one source of randomness of a variant: sha256 of (perturbation, seed, example id)."""
    digest = hashlib.sha256(f"{name}|{seed}|{example_id}".encode("utf-8", "surrogatepass")).digest()
    return random.Random(int.from_bytes(digest[:16], "big"))


def _apply(name: str, kind: str, fn: Variant) -> Callable[..., Suite]:
    def perturb(suite: Suite, seed: int = 0, only: Collection[str] | None = None) -> Suite:
        out = []
        for ex in suite.examples:
            if only is not None and ex.id not in only:
                continue
            v = fn(ex, rng_for(name, seed, ex.id), suite)
            if v is None or v == ex:
                continue
            prev = ex.tags.get("perturbation")
            tags = {**v.tags, "parent": ex.id, "perturbation": f"{prev}+{name}" if prev else name,
                    "kind": "directional" if "directional" in (kind, ex.tags.get("kind")) else "invariance"}
            out.append(replace(v, id=f"{ex.id}~{name}", tags=tags))
        desc = f"{suite.description} [+{name}: {kind}, seed {seed}]".strip()
        return replace(suite, name=f"{suite.name}+{name}", examples=tuple(out), description=desc)

    perturb.__doc__ = fn.__doc__
    return perturb


def register(name: str, kind: str) -> Callable[[Variant], Variant]:
    """Register `fn(example, rng, suite) -> variant | None` as perturbation `name`."""
    if kind not in ("invariance", "directional"):
        raise ValueError(f"unknown perturbation kind {kind!r}")

    def deco(fn: Variant) -> Variant:
        PERTURBATIONS.register(name, help=f"[{kind}] {summary(fn.__doc__)}", kind=kind, family="robustness")(lambda: _apply(name, kind, fn))
        return fn

    return deco


# --- word-level edits of free text -----------------------------------------------------------


def edit_words(text: str, rng: random.Random, p: float, edit: Callable[[str, random.Random], str], min_len: int = 1) -> str:
    """Apply `edit` to each word (letters only, >= min_len) with probability p, and to at
    least one word when there is any, so that a variant always differs."""
    spans = [m.span() for m in _WORD.finditer(text) if len(m.group()) >= min_len]
    if not spans:
        return text
    chosen = [s for s in spans if rng.random() < p] or [rng.choice(spans)]
    out, last = [], 0
    for a, b in chosen:
        out += [text[last:a], edit(text[a:b], rng)]
        last = b
    return "".join(out) + text[last:]


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


def unicode_noise(text: str, rng: random.Random) -> str:
    text = edit_words(text, rng, 0.08, _glyph_noise)
    text = "".join(rng.choice(_SPACES) if c == " " and rng.random() < 0.15 else c for c in text)
    return rng.choice(("", " ", "\n")) + text.translate(_QUOTES) + rng.choice((" ", "\n", " \u200b"))


def _profiles(fn: Callable[[str, random.Random], str], ex: Example, rng: random.Random, history: bool = False) -> Example:
    """Rewrite the free-text fields (user and item profile, history when asked);
    titles are names and stay as they are."""
    user = replace(ex.user, profile=fn(ex.user.profile, rng) if ex.user.profile else ex.user.profile)
    if history:
        user = replace(user, history=tuple(fn(h, rng) if h else h for h in ex.user.history))
    item = replace(ex.item, profile=fn(ex.item.profile, rng) if ex.item.profile else ex.item.profile)
    return replace(ex, user=user, item=item)


@register("typo", "invariance")
def _typo(ex: Example, rng: random.Random, suite: Suite) -> Example:
    """Keyboard typos in about one word in ten (>= 4 letters) of the user and item profiles
    (Chinese: about one character in ten that has a homophone or look-alike)."""
    if ex.language == "zh":
        return _profiles(perturb_zh.typo, ex, rng)
    return _profiles(lambda t, r: edit_words(t, r, 0.1, typo, min_len=4), ex, rng)


@register("case", "invariance")
def _case(ex: Example, rng: random.Random, suite: Suite) -> Example:
    """Casing noise: about one word in five of the profiles and history in UPPER, lower, Title or sWAP case."""
    return _profiles(lambda t, r: edit_words(t, r, 0.2, recase), ex, rng, history=True)


@register("unicode", "invariance")
def _unicode(ex: Example, rng: random.Random, suite: Suite) -> Example:
    """Unicode / whitespace noise in the profiles: zero-width characters, full-width letters,
    decomposed accents, odd spaces and tabs, curly quotes, padding (Chinese: full-/half-width noise too)."""
    if ex.language == "zh":
        return _profiles(lambda t, r: unicode_noise(perturb_zh.width_noise(t, r), r), ex, rng)
    return _profiles(unicode_noise, ex, rng)


@register("traditional", "invariance")
def _traditional(ex: Example, rng: random.Random, suite: Suite) -> Example | None:
    """Traditional characters: the profiles and history of a Chinese example in traditional script (zhconv)."""
    if ex.language != "zh":
        return None
    return _profiles(lambda t, r: perturb_zh.traditional(t), ex, rng, history=True)


# --- synonym paraphrase ----------------------------------------------------------------------

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


def match_case(src: str, new: str) -> str:
    if src.isupper() and len(src) > 1:
        return new.upper()
    return new[:1].upper() + new[1:] if src[:1].isupper() else new


def outside(text: str, protected: str, fn: Callable[[str], str]) -> str:
    """Apply fn to the parts of `text` between occurrences of `protected` (a title: a name,
    not prose, so paraphrase and counterfactual edits leave it alone)."""
    if not protected.strip():
        return fn(text)
    parts = re.split(f"({re.escape(protected)})", text, flags=re.IGNORECASE)
    return "".join(p if i % 2 else fn(p) for i, p in enumerate(parts))


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


@register("synonym", "invariance")
def _synonym(ex: Example, rng: random.Random, suite: Suite) -> Example:
    """Synonym paraphrase of the profiles: lexicon forms swap with other forms of the same
    value ("pool" -> "swimming pool"), common review words with a synonym ("enjoy" -> "like")."""
    return _profiles(lambda t, r: paraphrase(t, r, suite.lexicon, ex.item.title), ex, rng)


# --- structure: order, distractors, dropped fields, truncation --------------------------------


def permute(seq: Sequence[Any], rng: random.Random) -> list[Any]:
    """A permutation that differs from the input whenever the elements are not all equal."""
    out = list(seq)
    rng.shuffle(out)
    if out == list(seq) and len(set(map(repr, seq))) > 1:
        out = out[1:] + out[:1]
    return out


def _permute_attrs(attrs: dict, rng: random.Random) -> dict:
    keys = permute(list(attrs), rng)
    return {k: permute(attrs[k], rng) if isinstance(attrs[k], list) else attrs[k] for k in keys}


def _permute_sentences(text: str, rng: random.Random) -> str:
    chinese = has_han(text)
    parts = [s for s in (_SENTENCE_END_ZH if chinese else _SENTENCE_END).split(text.strip()) if s]
    return ("" if chinese else " ").join(permute(parts, rng)) if len(parts) > 1 else text


@register("shuffle", "invariance")
def _shuffle(ex: Example, rng: random.Random, suite: Suite) -> Example:
    """Order shuffle: attributes and list values, matched features, history, profile sentences."""
    user = replace(ex.user, attributes=_permute_attrs(dict(ex.user.attributes), rng), history=tuple(permute(ex.user.history, rng)),
                   profile=_permute_sentences(ex.user.profile, rng))
    item = replace(ex.item, attributes=_permute_attrs(dict(ex.item.attributes), rng), profile=_permute_sentences(ex.item.profile, rng))
    signals = replace(ex.signals, matched=tuple(permute(ex.signals.matched, rng)))
    return replace(ex, user=user, item=item, signals=signals)


DISTRACTOR_HISTORY = (
    "A Field Guide to Garden Birds", "Stainless Steel Water Bottle", "Introduction to Watercolour Painting",
    "Weekend Farmers Market Tour", "Classic Board Games Collection", "Ceramic Plant Pot Set",
    "Morning Yoga for Beginners", "Vintage Postcards of Old Harbours",
)
DISTRACTOR_ATTRS = (("preferred_contact", "email"), ("newsletter", "subscribed"), ("account_theme", "dark mode"), ("browsing_time", "weekday evenings"))
DISTRACTOR_SENTENCES = (
    "They usually browse on weekday evenings.", "They signed up for the newsletter last spring.",
    "Their account uses the dark display theme.", "They prefer to be contacted by email.",
)
DISTRACTOR_HISTORY_ZH = ("庭院鸟类图鉴", "水彩画入门", "周末农夫市集之旅", "经典桌游合集", "陶瓷花盆套装", "清晨瑜伽入门")
DISTRACTOR_SENTENCES_ZH = ("通常在工作日晚上浏览。", "去年春天订阅了电子报。", "账户使用深色显示主题。", "希望通过电子邮件联系。")


@register("distractor", "invariance")
def _distractor(ex: Example, rng: random.Random, suite: Suite) -> Example:
    """Irrelevant inputs: one or two unrelated history items, an unrelated user attribute,
    an unrelated sentence at the end of a non-empty user profile."""
    chinese = ex.language == "zh"
    history = list(ex.user.history)
    for h in rng.sample([h for h in (DISTRACTOR_HISTORY_ZH if chinese else DISTRACTOR_HISTORY) if h not in history], rng.randint(1, 2)):
        history.insert(rng.randint(0, len(history)), h)
    attrs = dict(ex.user.attributes)
    free = [kv for kv in DISTRACTOR_ATTRS if kv[0] not in attrs]
    if free:
        k, v = rng.choice(free)
        attrs[k] = v
    profile = ex.user.profile
    if profile.strip():
        profile = profile.rstrip() + ("" if chinese else " ") + rng.choice(DISTRACTOR_SENTENCES_ZH if chinese else DISTRACTOR_SENTENCES)
    return replace(ex, user=replace(ex.user, history=tuple(history), attributes=attrs, profile=profile))


def norm(value: Any) -> str:
    return " ".join(str(value).lower().split())


@register("drop-optional", "invariance")
def _drop_optional(ex: Example, rng: random.Random, suite: Suite) -> Example:
    """Dropped optional fields: history, the recommender's score, and user attributes that
    hold none of the matched features (demographics, unmet preferences)."""
    matched = {norm(r.value) for r in ex.signals.matched}

    def keep(v: Any) -> bool:
        return any(norm(x) in matched for x in (v if isinstance(v, list) else [v]))

    attrs = {k: v for k, v in ex.user.attributes.items() if keep(v)}
    return replace(ex, user=replace(ex.user, history=(), attributes=attrs), signals=replace(ex.signals, score=None))


TRUNCATE_MIN_WORDS = 16


def truncate_words(text: str, min_words: int = TRUNCATE_MIN_WORDS) -> str:
    """The first half (rounded up) of a text of at least `min_words` words, cut at a word boundary."""
    spans = [m.end() for m in re.finditer(r"\S+", text)]
    if len(spans) < min_words:
        return text
    return text[: spans[math.ceil(len(spans) / 2) - 1]]


@register("truncate", "invariance")
def _truncate(ex: Example, rng: random.Random, suite: Suite) -> Example:
    """Truncated long inputs: profiles of >= 16 words and histories of >= 4 items keep their first half."""
    h = ex.user.history
    history = h[: math.ceil(len(h) / 2)] if len(h) >= 4 else h
    return replace(ex, user=replace(ex.user, profile=truncate_words(ex.user.profile), history=history),
                   item=replace(ex.item, profile=truncate_words(ex.item.profile)))


from suites import counterfactuals  # noqa: E402,F401  (registers cf-swap and cf-drop, which use the helpers above)
