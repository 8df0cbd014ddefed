"""Text edits the perturbation families share: per-word edits, profile rewrites, case matching,
title protection and value normalisation."""
from __future__ import annotations

import random
import re
from dataclasses import replace
from typing import Any, Callable

from benchmark.schema import Example

_WORD = re.compile(r"[^\W\d_]+")


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


def profiles(fn: Callable[[str, random.Random], str], ex: Example, rng: random.Random, history: bool = False) -> Example:
    """Rewrite the free-text fields (user and item profile, history when asked);
    titles are names and stay as they are."""
    user = replace(ex.user, profile=fn(ex.user.profile, rng) if ex.user.profile else ex.user.profile)
    if history:
        user = replace(user, history=tuple(fn(h, rng) if h else h for h in ex.user.history))
    item = replace(ex.item, profile=fn(ex.item.profile, rng) if ex.item.profile else ex.item.profile)
    return replace(ex, user=user, item=item)


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


def norm(value: Any) -> str:
    return " ".join(str(value).lower().split())
