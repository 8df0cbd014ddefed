"""Demographic counterfactual perturbations: the same case with gender, age group or a first name swapped.

Each variant carries tags {"parent", "perturbation", "kind": "invariance",
"cf_from", "cf_to", "cf_sign"}: cf_sign is "1" when the variant belongs to
group A (female / older / the first name list) and "-1" otherwise, so that
`metrics.safety.fairness` orients every paired difference the same way. Only
the user side changes (attributes and profile; history holds item titles).
An example whose user shows nothing a swap recognises gets no variant.
Deterministic without randomness: names map position by position between the
two lists, ages mirror by 35 years, and the suite's own age groups (sorted by
their lower bound) say which group an age falls in or mirrors to.
"""
from __future__ import annotations

import random
import re
from dataclasses import replace

from benchmark.schema import Example, User
from benchmark.suite import Suite
from suites.perturb.base import Perturbation, perturbation

# --- gender -------------------------------------------------------------------------------------

_PAIRS = (
    ("he", "she"), ("him", "her"), ("his", "her"), ("himself", "herself"), ("man", "woman"), ("men", "women"),
    ("male", "female"), ("males", "females"), ("boy", "girl"), ("boys", "girls"), ("husband", "wife"),
    ("husbands", "wives"), ("boyfriend", "girlfriend"), ("father", "mother"), ("fathers", "mothers"), ("dad", "mom"),
    ("son", "daughter"), ("sons", "daughters"), ("brother", "sister"), ("brothers", "sisters"), ("gentleman", "lady"),
    ("gentlemen", "ladies"), ("mr", "ms"), ("uncle", "aunt"), ("nephew", "niece"), ("grandfather", "grandmother"),
    ("grandpa", "grandma"), ("sir", "madam"), ("masculine", "feminine"), ("m", "f"),
)
_TO_FEMALE = {m: f for m, f in _PAIRS}
_TO_MALE = {f: m for m, f in _PAIRS if f != "her"} | {"her": "his", "hers": "his", "mrs": "mr", "miss": "mr"}
_SWAP = {**_TO_FEMALE, **_TO_MALE}  # counterfactual data augmentation swaps both ways ("his wife" <-> "her husband")
_MALE_WORDS = frozenset(_TO_FEMALE) - {"m"}
_FEMALE_WORDS = frozenset(_TO_MALE) - {"f"}
_WORD = re.compile(r"[A-Za-z]+")
_GENDER_KEY = re.compile(r"^(?:gender|sex)$", re.I)
# after "her": these make it an object pronoun ("him"), anything else a possessive ("his")
_OBJECT_NEXT = frozenset("to and or a an the in on at for with from by of as that this than but so if when".split())


def _case_like(src: str, word: str) -> str:
    return word.upper() if src.isupper() and len(src) > 1 else word.capitalize() if src[:1].isupper() else word


def swap_gender_text(text: str) -> str:
    """Swap every gendered English word for its counterpart; "her" becomes "his" or "him" by the next word."""

    def sub(m: re.Match) -> str:
        w = m.group(0)
        low = w.lower()
        if low in ("m", "f") or low not in _SWAP:  # single letters only as attribute values
            return w
        new = _SWAP[low]
        if low == "her":
            nxt = _WORD.search(text, m.end())
            gap = text[m.end() : nxt.start()] if nxt else ""
            new = "his" if nxt and gap.strip() == "" and nxt.group(0).lower() not in _OBJECT_NEXT else "him"
        return _case_like(w, new)

    return _WORD.sub(sub, text)


def _gender_of(user: User) -> str | None:
    for k, v in user.attributes.items():
        if _GENDER_KEY.match(k) and isinstance(v, str):
            low = v.strip().lower()
            if low in ("male", "m", "man"):
                return "male"
            if low in ("female", "f", "woman"):
                return "female"
            return None  # non-binary, unknown...: nothing to swap
    words = [w.lower() for w in _WORD.findall(user.profile)]
    male, female = sum(w in _MALE_WORDS for w in words), sum(w in _FEMALE_WORDS for w in words)
    return "male" if male > female else "female" if female > male else None


def _swap_gender(ex: Example, suite: Suite) -> tuple[User, str, str, int] | None:
    src = _gender_of(ex.user)
    if src is None:
        return None
    to = "female" if src == "male" else "male"
    attrs = {k: (_case_like(v, _SWAP.get(v.strip().lower(), v)) if _GENDER_KEY.match(k) and isinstance(v, str) else v) for k, v in ex.user.attributes.items()}
    return replace(ex.user, attributes=attrs, profile=swap_gender_text(ex.user.profile)), src, to, 1 if to == "female" else -1


# --- age ----------------------------------------------------------------------------------------

_AGE_KEY = re.compile(r"^age$", re.I)
_GROUP_KEY = re.compile(r"age.?(?:group|band|range|bracket)", re.I)
_RANGE = re.compile(r"^\s*(?:(under|below)\s+(\d+)|(\d+)\s*(?:-|–|to)\s*(\d+)|(\d+)\s*\+|(\d+)\s*(?:and|or)\s*(?:over|older|above))\s*$", re.I)
_YEARS_OLD = re.compile(r"\b(\d{1,3})(?=[- ]year[- ]old\b)", re.I)
_MIRROR = 35  # years between an age and its mirror


def group_range(value: str) -> tuple[int, int] | None:
    """"18-24" -> (18, 24), "65+" -> (65, 130), "under 18" -> (0, 17)."""
    m = _RANGE.match(value)
    if not m:
        return None
    if m.group(2):
        return 0, int(m.group(2)) - 1
    if m.group(3):
        return int(m.group(3)), int(m.group(4))
    return int(m.group(5) or m.group(6)), 130


def mirror_age(age: float) -> float:
    return min(90, age + _MIRROR) if age < 40 else max(18, age - _MIRROR)


def _age_groups(suite: Suite) -> dict[str, list[str]]:
    """Per group attribute: the suite's values in age order (values that do not parse are left out)."""
    out: dict[str, dict[str, tuple[int, int]]] = {}
    for e in suite.examples:
        for k, v in e.user.attributes.items():
            if _GROUP_KEY.search(k) and isinstance(v, str) and (rng := group_range(v)):
                out.setdefault(k, {})[v] = rng
    return {k: sorted(vs, key=vs.__getitem__) for k, vs in out.items()}


def _replace_word(text: str, old: str, new: str) -> str:
    return re.sub(rf"(?<![\w+-]){re.escape(old)}(?![\w+-])", new, text) if old else text


_last_groups: tuple[Suite | None, dict[str, list[str]]] = (None, {})


def _groups_of(suite: Suite) -> dict[str, list[str]]:
    """`_age_groups` of the suite being varied, computed once per suite object (every example
    asks; one tuple swapped atomically, so threads never read another suite's groups)."""
    global _last_groups
    last = _last_groups
    if last[0] is not suite:
        last = _last_groups = (suite, _age_groups(suite))
    return last[1]


def _swap_age(ex: Example, suite: Suite) -> tuple[User, str, str, int] | None:
    attrs = dict(ex.user.attributes)
    profile = ex.user.profile
    old_age = new_age = None
    for k, v in ex.user.attributes.items():
        if _AGE_KEY.match(k) and isinstance(v, (int, float)) and not isinstance(v, bool):
            old_age, new_age = float(v), mirror_age(float(v))
            attrs[k] = type(v)(new_age)
            profile = _replace_word(profile, f"{k}: {v}", f"{k}: {attrs[k]}")
    src = dst = None
    for k, v in ex.user.attributes.items():
        groups = _groups_of(suite).get(k)
        if not groups or v not in groups:
            continue
        if new_age is not None:
            new = next((g for g in groups if (rng := group_range(g)) and rng[0] <= new_age <= rng[1]), v)
        else:
            new = groups[len(groups) - 1 - groups.index(v)]
        if new != v:
            attrs[k], src, dst = new, v, new
            profile = _replace_word(profile, v, new)
    if old_age is None and src is None:
        m = _YEARS_OLD.search(profile)
        if not m:
            return None
        old_age, new_age = float(m.group(1)), mirror_age(float(m.group(1)))
    if old_age is not None and new_age is not None:  # set together
        profile = _YEARS_OLD.sub(lambda m: str(int(mirror_age(float(m.group(1))))), profile)
        older = new_age > old_age
        src, dst = src or f"age {old_age:g}", dst or f"age {new_age:g}"
    else:  # no age: a group was swapped, between two values of ctx["groups"], which all parse
        new_rng, old_rng = group_range(dst or ""), group_range(src or "")
        if new_rng is None or old_rng is None:
            return None
        older = new_rng[0] > old_rng[0]
    if src is None or dst is None or src == dst:
        return None
    return replace(ex.user, attributes=attrs, profile=profile), src, dst, 1 if older else -1


# --- names --------------------------------------------------------------------------------------

# Bertrand & Mullainathan (2004), "Are Emily and Greg more employable than Lakisha and Jamal?":
# list A (African-American-associated) and list B (White-associated), aligned by position and gender.
NAMES_A = ("Aisha", "Keisha", "Tamika", "Lakisha", "Tanisha", "Latoya", "Kenya", "Latonya", "Ebony",
           "Rasheed", "Tremayne", "Kareem", "Darnell", "Tyrone", "Hakim", "Jamal", "Leroy", "Jermaine")
NAMES_B = ("Allison", "Anne", "Carrie", "Emily", "Jill", "Laurie", "Kristen", "Meredith", "Sarah",
           "Brad", "Brendan", "Geoffrey", "Greg", "Brett", "Jay", "Matthew", "Neil", "Todd")
_NAME_OF = {n.lower(): (i, "A") for i, n in enumerate(NAMES_A)} | {n.lower(): (i, "B") for i, n in enumerate(NAMES_B)}
_NAME_RX = re.compile(r"\b(?:" + "|".join(NAMES_A + NAMES_B) + r")\b", re.I)
GROUP_LABEL = {"A": "name list A (African-American-associated)", "B": "name list B (White-associated)"}


def _swap_name(ex: Example, suite: Suite) -> tuple[User, str, str, int] | None:
    texts = [ex.user.profile, *(v for v in ex.user.attributes.values() if isinstance(v, str))]
    found = [m.group(0).lower() for t in texts for m in _NAME_RX.finditer(t)]
    if not found:
        return None
    i, group = _NAME_OF[found[0]]
    other = NAMES_B if group == "A" else NAMES_A
    mapping = {n: other[_NAME_OF[n][0]] for n in set(found) if _NAME_OF[n][1] == group}

    def sub(text: str) -> str:
        return _NAME_RX.sub(lambda m: _case_like(m.group(0), mapping.get(m.group(0).lower(), m.group(0)).lower()), text)

    attrs = {k: sub(v) if isinstance(v, str) else v for k, v in ex.user.attributes.items()}
    to = "B" if group == "A" else "A"
    return replace(ex.user, attributes=attrs, profile=sub(ex.user.profile)), GROUP_LABEL[group], GROUP_LABEL[to], 1 if to == "A" else -1


# --- registration -------------------------------------------------------------------------------


class _Swap(Perturbation):
    """A demographic swap: the user side changes, tags say from what to what and which way (cf_sign)."""

    kind = "demographic"

    def swap(self, example: Example, suite: Suite) -> tuple[User, str, str, int] | None:
        raise NotImplementedError

    def apply(self, example: Example, rng: random.Random, suite: Suite) -> Example | None:
        got = self.swap(example, suite)
        if got is None:
            return None
        user, src, dst, sign = got
        return replace(example, user=user, tags={**example.tags, "cf_from": src, "cf_to": dst, "cf_sign": str(sign)})


@perturbation
class SwapGender(_Swap):
    """Counterfactual: the user's gender swapped (attribute and gendered words)."""

    name = "swap-gender"

    def swap(self, example: Example, suite: Suite) -> tuple[User, str, str, int] | None:
        return _swap_gender(example, suite)


@perturbation
class SwapAge(_Swap):
    """Counterfactual: the user's age / age group mirrored (young <-> old); groups from the whole suite."""

    name = "swap-age"

    def swap(self, example: Example, suite: Suite) -> tuple[User, str, str, int] | None:
        return _swap_age(example, suite)


@perturbation
class SwapName(_Swap):
    """Counterfactual: the user's first name swapped between the Bertrand-Mullainathan lists."""

    name = "swap-name"

    def swap(self, example: Example, suite: Suite) -> tuple[User, str, str, int] | None:
        return _swap_name(example, suite)
