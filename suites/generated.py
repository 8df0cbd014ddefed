"""Generated domain suites: deterministic synthetic recommendations with known reasons.

Every example is built from `random.Random(f"{domain}:{version}:{index}")`, so it
depends only on its own id (never on `hash()` or on the other examples). The
recommender's true reasons are known by construction: `signals.matched` is
exactly the user preferences the item satisfies, and the single reference
explanation mentions only true item attributes, phrased from many templates.

A faithfulness metric needs three things, all importable from here:
`DOMAINS[d].lexicon` (attribute -> canonical value -> surface forms),
`DOMAINS[d].exclusive` (single-valued attributes whose values exclude each
other) and `classify_mention` (true / contradiction / invented).
"""
from __future__ import annotations

import random
import re
from functools import lru_cache
from typing import Any, Mapping

from benchmark.registry import SUITES
from benchmark.schema import Example, Item, Reason, Signals, User
from benchmark.suite import Lexicon, Suite
from suites.domains import ALL as DOMAINS
from suites.domains import zh
from suites.domains.base import DomainSpec

__all__ = ["DOMAINS", "build_suite", "true_features", "classify_mention", "TEMPLATES"]

# Main sentence templates shared by every domain (domains add their own). Slots:
# {title} item title, {noun} a neutral noun for the item, {verb} a third-person
# verb ("offers"), {feats} the matched features joined into one noun phrase.
TEMPLATES: tuple[str, ...] = (
    "We recommend {title} because it {verb} {feats}.",
    "{title} {verb} {feats}, which fits your taste.",
    "You might enjoy {title}, since it {verb} {feats}.",
    "Since you care about {feats}, {title} is a natural pick.",
    "{title} is a good match: it {verb} {feats}.",
    "Looking for {feats}? {title} {verb} exactly that.",
    "Our suggestion is {title}, a {noun} that {verb} {feats}.",
    "With {feats}, {title} lines up well with your preferences.",
    "We picked {title} for you because of {feats}.",
    "{title} stands out for {feats}, which you tend to like.",
    "If you want {feats}, {title} is worth a look.",
    "This {noun}, {title}, {verb} {feats} and suits what you usually choose.",
    "You tend to go for {feats}, and {title} {verb} just that.",
    "{title} brings together {feats}, matching your profile.",
    "Given your interest in {feats}, we think {title} will suit you.",
    "Try {title}: it {verb} {feats}.",
    "Recommended for you: {title}, thanks to {feats}.",
    "Based on your history, {title} should appeal to you with {feats}.",
    "People with similar tastes liked {title}; it {verb} {feats}.",
    "What makes {title} a fit for you: {feats}.",
    "{feats} - that is why {title} made your list.",
    "For someone who enjoys {feats}, {title} is an easy recommendation.",
    "{title} matches you well, as it {verb} {feats}.",
    "We think you will like {title} because it {verb} {feats}.",
    "Good news: {title} {verb} {feats}, just as you prefer.",
    "Among similar options, {title} is the one that {verb} {feats}.",
    "You have shown interest in {feats}, so {title} is a fitting choice.",
    "Check out {title}; its appeal for you lies in {feats}.",
)

# Optional second sentence naming one extra true (unmatched) attribute, slot {extra}.
EXTRAS: tuple[str, ...] = (
    "It also {verb} {extra}.",
    "On top of that, it {verb} {extra}.",
    "Another plus is {extra}.",
    "Plus, it {verb} {extra}.",
    "{title} also {verb} {extra}.",
    "You will also find {extra}.",
    "As a bonus, expect {extra}.",
)

_MATCH_WEIGHTS = (3, 4, 3, 1)  # how often 1, 2, 3, 4 features are matched
_EXTRA_P = 0.35  # share of references that name one extra true attribute
_AN = re.compile(r"\b([Aa]) (?=([A-Za-z][\w'-]*))")
_CONSONANT_SOUND = ("uni", "use", "usu", "eu", "one")


def _articles(text: str) -> str:
    """Turn "a" into "an" before a vowel sound ("a ESG focus" -> "an ESG focus")."""

    def fix(m: re.Match) -> str:
        w = m.group(2).lower()
        vowel = w[0] in "aeiou" and not w.startswith(_CONSONANT_SOUND)
        return m.group(1) + ("n " if vowel or w in ("hour", "honest") else " ")

    return _AN.sub(fix, text)


def _join(parts: list[str], rng: random.Random) -> str:
    """Join noun phrases with a varied connector."""
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        a, b = parts
        return rng.choice((f"{a} and {b}", f"{a} as well as {b}", f"both {a} and {b}", f"{a} plus {b}", f"{a}, along with {b}"))
    head = ", ".join(parts[:-1])
    return rng.choice((f"{head} and {parts[-1]}", f"{head}, and {parts[-1]}", f"{head} as well as {parts[-1]}", f"{head}, plus {parts[-1]}"))


@lru_cache(maxsize=None)
def _fill(pattern: str, slot: str, value: str) -> str:
    """`pattern` with one slot filled and its articles fixed; cached because the
    (pattern, value) pairs are few while the examples are many."""
    return _articles(pattern.replace("{" + slot + "}", value))


def _phrase(spec: DomainSpec, attr: str, value: str, rng: random.Random) -> str:
    a = spec.attr[attr]
    return _fill(rng.choice(a.phrases), "s", rng.choice(a.gen_forms(value)))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def render_reference(
    spec: DomainSpec, title: str, matched: list[tuple[str, str]], extra: tuple[str, str] | None, rng: random.Random
) -> tuple[str, int]:
    """One reference explanation and the index of its main template (Chinese patterns for a Chinese domain)."""
    feats = [_phrase(spec, a, v, rng) for a, v in matched]
    rng.shuffle(feats)
    chinese = spec.lang == "zh"
    templates = (zh.TEMPLATES if chinese else TEMPLATES) + spec.templates
    t = rng.randrange(len(templates))
    template = _fill(templates[t], "noun", rng.choice(spec.nouns))
    text = _capital(template.format(title=title, verb=rng.choice(spec.verbs), feats=(zh.join if chinese else _join)(feats, rng)))
    if extra is not None:
        more = rng.choice(zh.EXTRAS if chinese else EXTRAS).format(title=title, verb=rng.choice(spec.verbs), extra=_phrase(spec, *extra, rng))
        text += ("" if chinese else " ") + _capital(more)
    return text, t


def true_features(attributes: Mapping[str, Any], lexicon: Lexicon) -> set[tuple[str, str]]:
    """(attribute, canonical value) pairs that are true of an item, read through a lexicon.

    A string value is true as itself, a list value for each element, a bool True
    for its attribute's lexicon value(s); numbers are not lexicon features."""
    out: set[tuple[str, str]] = set()
    for attr, values in lexicon.items():
        raw = attributes.get(attr)
        if isinstance(raw, bool):
            out |= {(attr, v) for v in values} if raw else set()
        elif isinstance(raw, str):
            out.add((attr, raw))
        elif isinstance(raw, list):
            out |= {(attr, v) for v in raw if isinstance(v, str)}
    return out


def classify_mention(attributes: Mapping[str, Any], attr: str, value: str, lexicon: Lexicon, exclusive: frozenset[str]) -> str:
    """"true" when the item has it; "contradiction" when the item has another value of
    an exclusive attribute or the bool is False; otherwise "invented"."""
    if (attr, value) in true_features(attributes, lexicon):
        return "true"
    raw = attributes.get(attr)
    if raw is False or (attr in exclusive and isinstance(raw, str)):
        return "contradiction"
    return "invented"


def _preferences(spec: DomainSpec, item: Mapping[str, Any], truths: set, matched: set, rng: random.Random) -> dict[str, list[str]]:
    """User preferences: the matched features plus distractors the item does NOT satisfy."""
    prefs: dict[str, list[str]] = {}
    by_attr: dict[str, set[str]] = {}
    for n, v in matched:
        by_attr.setdefault(n, set()).add(v)
    for a in spec.pref_attrs:
        if a.name not in item:
            continue
        chosen = by_attr.get(a.name, set())
        if rng.random() < (0.4 if chosen else 0.35):
            others = [v for v in a.wanted() if (a.name, v) not in truths]
            chosen |= set(rng.sample(others, min(len(others), rng.randint(1, 2))))
        if chosen:
            prefs[a.name] = [v for v in a.values if v in chosen]
    return prefs


def _join_values(values: list[str], word: str) -> str:
    return values[0] if len(values) == 1 else ", ".join(values[:-1]) + f" {word} " + values[-1]


def _item_profile_zh(spec: DomainSpec, title: str, item: Mapping[str, Any]) -> str:
    parts = [f"{title}。"]
    for a in spec.attrs:
        raw = item.get(a.name)
        if raw is None:
            continue
        if a.kind == "bool":
            parts.append(a.profile if raw else a.profile_false)
        elif a.kind == "num":
            parts.append(a.profile.format(v=raw))
        else:
            parts.append(a.profile.format(v=zh.join_values([zh.display(spec, a.name, v) for v in (raw if a.kind == "list" else [raw])])))
    return "".join(parts)


def _user_profile_zh(spec: DomainSpec, prefs: Mapping[str, list[str]], demo: Mapping[str, str]) -> str:
    wants = [spec.attr[n].want.format(v=zh.join_values([zh.display(spec, n, v) for v in vs])) for n, vs in prefs.items()]
    text = "偏好：" + "；".join(wants) + "。" if wants else "暂无明确偏好。"
    return text + (zh.demographics_text(demo) + "。" if demo else "")


def _item_profile(spec: DomainSpec, title: str, item: Mapping[str, Any]) -> str:
    if spec.lang == "zh":
        return _item_profile_zh(spec, title, item)
    parts = [f"{title}."]
    for a in spec.attrs:
        raw = item.get(a.name)
        if raw is None:
            continue
        if a.kind == "bool":
            pattern = a.profile if raw else a.profile_false
            parts += [pattern] if pattern else []
        elif a.profile:
            v = _join_values(raw, "and") if a.kind == "list" else str(raw)
            parts.append(_fill(a.profile, "v", v) if a.kind == "cat" else a.profile.format(v=v))
    return " ".join(parts)


def _user_profile(spec: DomainSpec, prefs: Mapping[str, list[str]], demo: Mapping[str, str]) -> str:
    if spec.lang == "zh":
        return _user_profile_zh(spec, prefs, demo)
    wants = [spec.attr[n].want.format(v=_join_values(vs, "and" if spec.attr[n].kind == "list" else "or")) for n, vs in prefs.items()]
    text = "Prefers " + "; ".join(wants) + "." if wants else "No stated preferences."
    if demo:
        demo_text = "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in demo.items())
        text += " " + demo_text[:1].upper() + demo_text[1:] + "."
    return text


def _liked_item(spec: DomainSpec, prefs: Mapping[str, list[str]], rng: random.Random) -> dict[str, str]:
    """Categorical attributes of a previously liked item (enough for its title):
    a preferred value where the user has one, any value otherwise."""
    return {n: rng.choice(prefs.get(n) or spec.attr[n].value_list) for n in spec.title_attrs}


def make_example(spec: DomainSpec, index: int, split: str) -> Example:
    """The example at `index`: a pure function of (domain, version, index)."""
    rng = random.Random(f"{spec.name}:{spec.version}:{index}")
    item = spec.sample(rng)
    title = spec.title(rng, item)
    truth_list = [(a.name, v) for a in spec.attrs if a.name in item for v in a.true_values(item[a.name])]
    truths = set(truth_list)
    wanted = [(n, v) for n, v in truth_list if spec.attr[n].pref and v in spec.attr[n].wanted()]
    k = min(len(wanted), rng.choices((1, 2, 3, 4), weights=_MATCH_WEIGHTS)[0])
    prefs = _preferences(spec, item, truths, set(rng.sample(wanted, k)), rng)
    matched = [(n, v) for n, vs in prefs.items() for v in vs if (n, v) in truths]
    spare = [t for t in truth_list if t not in matched]
    extra = rng.choice(spare) if spare and rng.random() < _EXTRA_P else None
    reference, template = render_reference(spec, title, matched, extra, rng)
    demo = {k: rng.choice(vs) for k, vs in spec.demographics.items()}
    history = tuple(spec.title(rng, _liked_item(spec, prefs, rng)) for _ in range(rng.randint(2, 5)))
    score = round(min(1.0, max(0.0, 0.3 + 0.15 * len(matched) + rng.uniform(-0.1, 0.1))), 4)
    ex_id = f"{spec.name}-{index:05d}"
    return Example(
        id=ex_id,
        domain=spec.name,
        user=User(
            id=f"{spec.name}-u{index:05d}",
            attributes={**demo, **{f"pref_{n}": vs for n, vs in prefs.items()}},
            profile=_user_profile(spec, prefs, demo),
            history=history,
        ),
        item=Item(id=f"{spec.name}-i{index:05d}", title=title, attributes=item, profile=_item_profile(spec, title, item)),
        signals=Signals(score=score, matched=tuple(Reason(n, v) for n, v in matched)),
        references=(reference,),
        tags={"split": split},
        lang=None if spec.lang == "en" else spec.lang,  # English examples stay undeclared: their hashes do not move
        meta={"reference_template": f"{spec.name}/{template}"},
    )


@lru_cache(maxsize=None)
def build_suite(domain: str) -> Suite:
    """All splits of one generated domain, in index order (train, valid, test)."""
    spec = DOMAINS[domain]
    examples, index = [], 0
    for split in ("train", "valid", "test"):
        for _ in range(spec.sizes.get(split, 0)):
            examples.append(make_example(spec, index, split))
            index += 1
    return Suite(
        name=domain,
        version=spec.version,
        examples=tuple(examples),
        kind="structured",
        lexicon=spec.lexicon,
        description=spec.description,
    )


def _register(domain: str) -> None:
    SUITES.register(domain, help=DOMAINS[domain].description, generated=True)(lambda: build_suite(domain))


for _domain in DOMAINS:
    _register(_domain)
