"""Faithfulness on structured suites: are the attribute values an explanation states true?

Every metric reads the explanation through the suite lexicon (synonyms and
inflections map to one canonical value; see `metrics.mentions` for how a
mention is found and classified) and checks it against the example's own item
and user. All are per-sample scores (samples.jsonl) whose corpus value is a
mean or a ratio of counts, so bootstrap CIs and paired tests come for free.

Shared known limits: only values the lexicon knows are seen (a claim in words
the lexicon lacks, or a number, is invisible here: see metrics.grounding);
negation is a 4-token look-back (no, not, without, n't ...), so "it is far
from budget" counts as stating "budget"; a claim about a history item that is
not written as its exact title counts as a claim about the recommended item.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from benchmark.schema import Example
from benchmark.scoring import MetricContext, Scored, Sums, metric
from metrics.mentions import NEGATION, Claims, Lexicon, analyse, lexicon_for, states

_LAST: list = []  # [lexicon, examples, texts, claims] of the last batch (the same objects, compared by identity)


def _claims(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> tuple[Lexicon, list[Claims]]:
    """Claims of every explanation; the four metrics of one batch share one analysis (the runner
    passes the same example and text lists to every metric)."""
    lex = lexicon_for(ctx)
    if _LAST and _LAST[0] is lex and _LAST[1] is examples and _LAST[2] is texts:
        return lex, _LAST[3]
    claims = [analyse(lex, e, t) for e, t in zip(examples, texts)]
    _LAST[:] = [lex, examples, texts, claims]
    return lex, claims


def _flag_rows(flags: Sequence[bool]) -> Scored:
    rows = [{"v": float(f)} for f in flags]
    return Scored(rows, [r["v"] for r in rows])


@metric("faith.halluc", area="faithfulness", higher_is_better=False, bounds=(0.0, 1.0), needs={"features"}, identity=NEGATION)
def hallucination(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Hallucination rate: share of explanations stating an attribute value that neither the item nor the user has
    (or that contradicts the item).

    Per sample 1/0. Known limits: a value held only by the user ("you like
    spas") is not a hallucination even when the sentence implies the item has
    it; see the module doc for what the lexicon cannot see.
    """
    _, claims = _claims(examples, texts, ctx)
    return _flag_rows([bool(c.unsupported) for c in claims])


@metric("faith.contradiction", area="faithfulness", higher_is_better=False, bounds=(0.0, 1.0), needs={"features"}, identity=NEGATION)
def contradiction(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Contradiction rate: share of explanations stating a value that conflicts with the item's own value of that attribute
    ("budget" for a luxury hotel, "pet-friendly" when pets are not allowed, "no pool" when it has one).

    Per sample 1/0. Known limits: only single-valued (string) and bool
    attributes can conflict; a list attribute (amenities) can only be
    invented, never contradicted; numeric attributes are not checked.
    """
    _, claims = _claims(examples, texts, ctx)
    return _flag_rows([bool(c.contradiction) for c in claims])


def _ratio_reduce(s: Sums) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(s["m"] > 0, s["ok"] / np.maximum(s["m"], 1), np.nan)


@metric("faith.attr_precision", area="faithfulness", bounds=(0.0, 1.0), needs={"features"}, reduce=_ratio_reduce, identity=NEGATION)
def attr_precision(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Attribute precision: supported / stated distinct attribute values, over all explanations (micro average).

    Row {"ok": supported, "m": stated}; explanations stating no value have no
    row (the metric does not apply), so a generator that never names a value
    gets no score rather than a perfect one. Known limits: as faith.halluc.
    """
    _, claims = _claims(examples, texts, ctx)
    rows: list[dict[str, float] | None] = []
    for c in claims:
        m = len(c.stated)
        rows.append({"ok": float(len(c.true | c.user)), "m": float(m)} if m else None)
    return Scored(rows, [None if r is None else r["ok"] / r["m"] for r in rows])


@metric("faith.reason_recall", area="faithfulness", bounds=(0.0, 1.0), needs={"features"}, identity=NEGATION)
def reason_recall(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Reason recall: share of the recommender's matched features the explanation states (mean over explanations).

    Examples without matched features get no row. A matched value the lexicon
    does not know counts when its own words occur in the text. Known limits:
    a paraphrase outside the lexicon ("lots of space" for "spacious") is a
    miss; stating a reason negatively is a miss.
    """
    lex, claims = _claims(examples, texts, ctx)
    rows: list[dict[str, float] | None] = []
    for ex, text, c in zip(examples, texts, claims):
        if not ex.signals.matched:
            rows.append(None)
            continue
        said = c.stated - c.contradiction
        hits = 0
        for r in ex.signals.matched:
            canon = lex.canonical(r.attribute, r.value)
            hits += (r.attribute, canon) in said if canon else states(lex, text, r.attribute, r.value, ex)
        rows.append({"v": hits / len(ex.signals.matched)})
    return Scored(rows, [None if r is None else r["v"] for r in rows])
