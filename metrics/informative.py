"""Informativeness and personalization: does the explanation say something specific
about this item and this user? Faithfulness metrics reward copying or saying
nothing ("We recommend X because it matches your interests" is never wrong);
these reward stating what distinguishes this case, so saying nothing scores 0
and a constant sentence scores at chance.

- info.item_recall: share of the item's K most distinctive content terms
  (stems of its profile and attribute values, not of its title) that the
  explanation states. Distinctive = highest IDF over the items of the whole
  suite, so "book" in every Amazon summary never counts. Every counted term is
  in the inputs: this is recall of verified content, the complement of
  faith.content_support's precision.
- pers.user_recall: the same for the user's profile, leaving out terms the
  item's own text has (content tied to this user, not to the item).
- pers.user_acc1 / pers.item_acc1: discriminability. The explanation is
  compared (sentence embeddings) with its own user's profile (item's profile)
  and K distractors drawn from the suite; 1 when its own is the most similar.
  Distractors depend only on (suite, example id), never on the shard; the
  item's title is masked on both sides (naming the item says nothing about it).

The suite (for IDF and distractors) comes from ctx.whole_suite; without it
(a metric called by hand) the batch stands for the suite. Known limits:
lexical terms miss paraphrases ("roomy" for "spacious") and count a negated
term ("not spacious") as stated; similarity is topical.
"""
from __future__ import annotations

import math
import random
import re
from functools import lru_cache
from typing import Callable, Sequence

import numpy as np

from benchmark.schema import Example
from benchmark.scoring import MetricContext, Scored, metric
from benchmark.seeding import seed_int
from metrics.grounding import FRAME
from metrics.similarity import default_backend, pair_similarity, stems

TOP_K = 10  # distinctive terms per item / user
DISTRACTORS = 9  # candidates besides the true one: chance accuracy 1 / 10


def item_text(ex: Example) -> str:
    """What the item is, beyond its name: profile and attribute values."""
    vals = [", ".join(v) if isinstance(v, list) else str(v) for v in ex.item.attributes.values()]
    return "\n".join([ex.item.profile, *vals])


def user_text(ex: Example) -> str:
    vals = [", ".join(v) if isinstance(v, list) else str(v) for v in ex.user.attributes.values()]
    return "\n".join([ex.user.profile, *vals])


@lru_cache(maxsize=65_536)
def _terms(text: str) -> frozenset[str]:
    """The text's content stems. Memoised: an item's or user's text recurs in every example that names it and in
    the suite's IDF documents, and both recall metrics read the same explanations."""
    return frozenset(s for s in stems(text) if s not in FRAME and len(s) > 1)


def _suite_examples(examples: Sequence[Example], ctx: MetricContext) -> tuple[Example, ...]:
    suite = ctx.whole_suite
    return tuple(suite.examples) if suite is not None else tuple(examples)


@lru_cache(maxsize=16)
def _idf(docs: tuple[frozenset[str], ...]) -> dict[str, float]:
    """IDF over distinct documents; a term in every document weighs 0."""
    df: dict[str, int] = {}
    for d in docs:
        for t in d:
            df[t] = df.get(t, 0) + 1
    return {t: math.log(len(docs) / c) for t, c in df.items()}


def _docs(pool: tuple[Example, ...], key: Callable[[Example], str], text: Callable[[Example], str]) -> tuple[frozenset[str], ...]:
    seen: dict[str, frozenset[str]] = {}
    for e in pool:
        seen.setdefault(key(e), _terms(text(e)))
    return tuple(seen[k] for k in sorted(seen))


def distinctive(terms: frozenset[str], idf: dict[str, float], k: int = TOP_K) -> list[str]:
    """The k terms with the highest IDF (ties alphabetical); terms in every document never count."""
    ranked = sorted((t for t in terms if idf.get(t, 0.0) > 0), key=lambda t: (-idf[t], t))
    return ranked[:k]


def _recall(texts: Sequence[str], targets: Sequence[list[str]]) -> Scored:
    vals: list[float | None] = []
    for text, want in zip(texts, targets):
        said = _terms(text or "")
        vals.append(sum(t in said for t in want) / len(want) if want else None)
    return Scored([None if v is None else {"v": v} for v in vals], vals)


@metric("info.item_recall", area="informativeness", bounds=(0.0, 1.0))
def item_recall(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, k: int = TOP_K) -> Scored:
    """Item informativeness: share of the item's k (default 10) most distinctive profile / attribute terms (suite IDF, title excluded) the explanation states.

    No row for an item without profile or attributes. Saying nothing, or only the title, scores 0."""
    idf = _idf(_docs(_suite_examples(examples, ctx), lambda e: e.item.id, item_text))
    title = [_terms(e.item.title) for e in examples]
    return _recall(texts, [distinctive(_terms(item_text(e)) - t, idf, k) for e, t in zip(examples, title)])


@metric("pers.user_recall", area="personalization", bounds=(0.0, 1.0))
def user_recall(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, k: int = TOP_K) -> Scored:
    """Personalization: share of the user's k (default 10) most distinctive profile terms (suite IDF, minus the item's own terms) the explanation states.

    No row for a user without profile. A text written for everyone scores ~0."""
    idf = _idf(_docs(_suite_examples(examples, ctx), lambda e: e.user.id, user_text))
    own = [_terms(user_text(e)) - _terms(f"{e.item.title}\n{item_text(e)}") for e in examples]
    return _recall(texts, [distinctive(t, idf, k) for t in own])


def distractors(suite_name: str, ex_id: str, own: str, pool: Sequence[str], k: int = DISTRACTORS) -> list[str]:
    """k texts of the pool other than `own`, drawn by a generator seeded from (suite, example id) alone."""
    rng = random.Random(seed_int(suite_name, ex_id))
    others = [p for p in pool if p != own]
    return rng.sample(others, min(k, len(others)))


def untitled(text: str, title: str) -> str:
    """The text with every occurrence of the item's title masked (case-insensitive): naming
    the item is not saying anything about it (XRec's item profiles repeat the title)."""
    return re.sub(re.escape(title.strip()), " ", text, flags=re.IGNORECASE) if title.strip() else text


def _acc1(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, side: Callable[[Example], str], model: str, k: int) -> Scored:
    def view(e: Example) -> str:
        return untitled(side(e), e.item.title).strip()

    pool = sorted({view(e) for e in _suite_examples(examples, ctx)} - {""})
    cands = []
    for ex in examples:
        own = view(ex)
        cands.append([own, *distractors(ctx.suite, ex.id, own, pool, k)] if own and len(pool) > 1 else [])
    texts = [untitled(t or "", ex.item.title) for t, ex in zip(texts, examples)]
    left = [t for t, c in zip(texts, cands) for _ in c]
    sims = pair_similarity(left, [x for c in cands for x in c], model) if left else np.zeros(0)
    vals: list[float | None] = []
    pos = 0
    for text, c in zip(texts, cands):
        if not c:
            vals.append(None)
            continue
        s = list(sims[pos : pos + len(c)])
        pos += len(c)
        vals.append(float(bool((text or "").strip()) and s[0] > max(s[1:])))
    return Scored([None if v is None else {"v": v} for v in vals], vals)


BACKEND = default_backend()


@metric("pers.user_acc1", area="personalization", bounds=(0.0, 1.0), default=False)
def user_acc1(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, model: str = BACKEND, k: int = DISTRACTORS) -> Scored:
    """User discriminability: share of explanations more similar to their own user's profile than to each of k (default 9) other users' (accuracy@1; chance 1/(k+1)).

    Distractors: k distinct profiles of the suite, drawn from (suite, example id); the item's title is masked in
    the explanation. An empty explanation scores 0; ties score 0."""
    return _acc1(examples, texts, ctx, user_text, model, k)


@metric("pers.item_acc1", area="personalization", bounds=(0.0, 1.0), default=False)
def item_acc1(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, *, model: str = BACKEND, k: int = DISTRACTORS) -> Scored:
    """Item discriminability: share of explanations more similar to their own item's profile (title left out) than to each of k (default 9) other items' (accuracy@1; chance 1/(k+1)).

    Distractors as pers.user_acc1. Naming the title alone does not help: every item's title is masked in its
    profile and in the explanation (XRec's item profiles repeat the title)."""
    return _acc1(examples, texts, ctx, item_text, model, k)
