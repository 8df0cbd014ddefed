"""Counterfactual sensitivity (directional tests in the spirit of CountER's necessity and
sufficiency): change the recommender's inputs, regenerate, and check that the
explanation follows the change.

The runner generates the variants (perturbations cf-swap and cf-drop in
suites.perturb) through the same cache and hands them over in
ctx.variants[name]; the variant carries what changed in its tags
(cf_attribute, cf_from, cf_to). A mention is read through the suite lexicon
with negation and title masking (metrics.mentions.states).

Both scores require the clean explanation to state the value that changes:
a generator that never names its reasons, or ignores its inputs, scores 0,
not a vacuous 1. Not in the default metric set (each costs one more
generation pass): ask for `cf.*`.
"""
from __future__ import annotations

from typing import Sequence

from benchmark.schema import Example
from benchmark.scoring import MetricContext, Scored, metric
from metrics.mentions import NEGATION, lexicon_for, states


def _scored(flags: Sequence[bool | None]) -> Scored:
    rows = [None if f is None else {"v": float(f)} for f in flags]
    return Scored(rows, [None if r is None else r["v"] for r in rows])


@metric("cf.swap", area="faithfulness", bounds=(0.0, 1.0), needs={"features"}, variants=("cf-swap",), default=False, identity=NEGATION)
def cf_swap(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Counterfactual swap sensitivity: after one matched attribute of the item takes another value, share of
    explanations that drop the old value and state the new one (sufficiency).

    1 when the clean text states the old value and the regenerated text states
    the new value and no longer the old one; no row where no swap was possible
    (no matched categorical / list attribute with another lexicon value).
    Known limits: a generator that names only some of its reasons is scored
    on whichever reason the perturbation picked, so it can miss through
    selection rather than insensitivity; a paraphrase outside the lexicon
    counts as not stating the value.
    """
    lex = lexicon_for(ctx)
    flags: list[bool | None] = []
    for ex, text, var in zip(examples, texts, ctx.variants_of("cf-swap", len(texts))):
        if var is None:
            flags.append(None)
            continue
        v_ex, v_text = var
        attr, old, new = v_ex.tags["cf_attribute"], v_ex.tags["cf_from"], v_ex.tags["cf_to"]
        flags.append(states(lex, text, attr, old, ex) and states(lex, v_text, attr, new, v_ex) and not states(lex, v_text, attr, old, v_ex))
    return _scored(flags)


@metric("cf.drop", area="faithfulness", bounds=(0.0, 1.0), needs={"features"}, variants=("cf-drop",), default=False, identity=NEGATION)
def cf_drop(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext) -> Scored:
    """Counterfactual drop sensitivity: after one matched feature leaves the recommender's signals, share of
    explanations that stated it and no longer do (necessity).

    No row for examples without matched features. Known limits: the item
    still has the dropped value, so a generator that describes the item
    rather than the recommender's reasons is (by design) scored low; a
    generator that states no reasons scores 0.
    """
    lex = lexicon_for(ctx)
    flags: list[bool | None] = []
    for ex, text, var in zip(examples, texts, ctx.variants_of("cf-drop", len(texts))):
        if var is None:
            flags.append(None)
            continue
        v_ex, v_text = var
        attr, old = v_ex.tags["cf_attribute"], v_ex.tags["cf_from"]
        flags.append(states(lex, text, attr, old, ex) and not states(lex, v_text, attr, old, v_ex))
    return _scored(flags)
