"""Per-claim faithfulness: is each clause of an explanation supported, contradicted or unsupported by the inputs?

Why: the lexical and embedding metrics of metrics.grounding see which words an
explanation shares with the inputs, not what it says about them: "the rooms
are not quiet" and "a poky lobby" (for "spacious") look faithful to them. Here
every clause (metrics.negation.clauses) is judged against the evidence,
`Example.input_text()`:

- contradicted, kind "negation": a content word the inputs state is denied
  (or one they deny is stated), judged by negation scope on both sides;
  "not roomy" for "spacious" counts too (a similar word, opposite polarity);
- contradicted, kind "antonym": a word the inputs do not contain is the
  opposite (WordNet antonyms, or VADER valence for two adjectives about the same
  thing; metrics.relations) of a word with the same polarity in
  the evidence clauses the claim is about (the two best aligned);
- contradicted, kind "value": a number absent from inputs that state numbers;
- contradicted, kind "entity": a name absent from the inputs (metrics.grounding);
- otherwise supported when its support (mean of the share of its content words
  found in the inputs, exactly or as a WordNet near-synonym, and its best
  similarity to an input clause) is at least SUPPORTED, else unsupported.

Clauses with no content word (frame talk: "we recommend it") are not judged;
questions and clauses about the writer ("I'm not sure", "I haven't read it") are
judged for support only: their polarity is not a claim about the item.
Known limits: polarity is lexical (sarcasm, hedges and "could be quieter" are
missed); a word with an opposite sense ("fresh" vs "stale" or "salted") can
contradict the wrong sense; a claim that recombines true words falsely ("the
pool is on the roof" when the bar is) is supported.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from benchmark.schema import Example
from benchmark.scoring import MetricContext, Scored, metric
from metrics import relations
from metrics.grounding import FRAME, _evidence, entities, numbers
from metrics.negation import Word, clauses, denied_keys, words
from metrics.similarity import LEXICAL, default_backend, encode, stem

SUPPORTED = 0.5  # claim support at or above: supported (mean of two 0-1 shares: half of each)
ALIGN_TOP = 2  # evidence clauses a claim is compared with for antonyms
MAX_CLAIMS, MAX_UNITS = 64, 256


@dataclass(frozen=True)
class Verdict:
    claim: str
    label: str  # supported | contradicted | unsupported
    kind: str | None  # negation | antonym | value | entity (contradicted), number | None
    span: str | None  # the offending words
    support: float

    def as_dict(self) -> dict:
        return {"claim": self.claim, "label": self.label, "kind": self.kind, "span": self.span, "support": round(self.support, 3)}


def support_value(lexical: float, similarity: float) -> float:
    """A claim's support: the mean of the share of its content words the inputs hold and its
    best similarity to an input clause."""
    return (lexical + max(similarity, 0.0)) / 2


def _content(ws: Sequence[Word], frame: bool = False) -> list[tuple[Word, str]]:
    """(word, stem) of the words that can carry a claim; frame words ("enjoy", "recommend") only
    when asked: they carry polarity ("would not enjoy") but are not evidence of support."""
    return [(w, s) for w in ws if w.text.isalpha() and len(w.text) > 1 and w.text not in ENGLISH_STOP_WORDS
            and ((s := stem(w.text)) not in FRAME or frame)]


def _masked(text: str, title: str) -> str:
    """The text with the item's title blanked out (same length): a name such as "No Easy Day"
    states nothing and denies nothing."""
    t = title.strip()
    if len(t) < 3:
        return text
    return re.sub(re.escape(t), lambda m: " " * len(m.group()), text, flags=re.IGNORECASE)


class EvidenceIndex:
    """The inputs as clauses, with the polarity of every content stem and, per clause, of every
    content word (built once per input text and title)."""

    def __init__(self, text: str, title: str = ""):
        self.text = text
        self.title = title
        self.units = [text[a:b].strip() for a, b in clauses(text)][:MAX_UNITS]
        self.unit_words: list[dict[str, set[bool]]] = []
        self.polarity: dict[str, set[bool]] = {}
        self.surface: dict[str, set[bool]] = {}
        for u in self.units:
            pol: dict[str, set[bool]] = {}
            for w, s in _content(words(_masked(u, title)), frame=True):
                pol.setdefault(w.text, set()).add(w.negated)
                self.polarity.setdefault(s, set()).add(w.negated)
                self.surface.setdefault(w.text, set()).add(w.negated)
            self.unit_words.append(pol)
        # "pet_friendly: False" denies the key as a whole: a claim stating all its words
        self.denied = [frozenset(s for _, s in _content(words(k))) for k in denied_keys(text)]
        self.groups = frozenset(g for w in self.surface for g in relations.groups(w))
        self.grounding = _evidence(text)

    def similar_word(self, word: str) -> str | None:
        """An evidence word that is a WordNet near-synonym of `word` (not an opposite), if any."""
        if not relations.groups(word) & self.groups:
            return None
        return next((v for v in self.surface if relations.similar(word, v)), None)


@lru_cache(maxsize=4096)
def evidence_index(text: str, title: str = "") -> EvidenceIndex:
    return EvidenceIndex(text, title)


def _may_oppose(word: str) -> bool:
    """Cheap filter: only words with WordNet groups or a strong valence can be opposites."""
    return bool(relations.groups(word)) or abs(relations.valence(word)) >= relations.STRONG


def _opposed(word: str, other: str, unit: dict[str, set[bool]], about: frozenset[str] = frozenset()) -> bool:
    """`word` is the opposite of `other` (a word of an evidence clause): by WordNet, or by VADER
    valence when both are adjectives, `other` is not frame talk ("enjoy"), the clause is not
    itself of mixed valence and it shares a content word with the claim (`about`: the claim's
    other stems), so that both judge the same thing ("rude staff" / "friendly staff")."""
    if relations.opposite(word, other):
        return True
    if not relations.opposite_valence(word, other) or not relations.groups(word) or not relations.groups(other):
        return False
    if stem(other) in FRAME or not about & {stem(u) for u in unit}:
        return False
    return not any(relations.valence(u) * relations.valence(word) >= relations.STRONG ** 2 for u in unit)


def _span(claim: str, w: Word) -> str:
    return claim[w.cue if w.cue >= 0 else w.start : w.end]


_DISCOURSE = frozenset({"and", "but", "so", "well", "yes", "yeah", "no", "oh", "though", "also", "then", "however", "ok", "okay"})


def asserts(ws: Sequence[Word], claim: str) -> bool:
    """Does the clause state something about the item? A question does not, nor does a clause
    whose subject is the writer ("I'm not sure", "I haven't read it")."""
    if claim.rstrip().endswith("?"):
        return False
    first = next((w.text for w in ws if w.text not in _DISCOURSE), "")
    return first not in ("i", "i'm", "i've", "i'd", "i'll")


def _contradiction(claim: str, ev: EvidenceIndex, ws: Sequence[Word], content: list[tuple[Word, str]], top: Sequence[int]) -> Verdict | None:
    """A negation or antonym contradiction of the evidence, if the clause makes one."""
    stated = {s for w, s in content if not w.negated}
    for key in ev.denied:
        if key and key <= stated:
            return Verdict(claim, "contradicted", "negation", next(w.text for w, s in content if s in key), 0.0)
    for w, s in _content(ws, frame=True):
        pol = ev.polarity.get(s)
        if pol is not None and w.negated not in pol:
            return Verdict(claim, "contradicted", "negation", _span(claim, w), 0.0)
    for w, s in content:
        if s in ev.polarity:
            continue
        v = ev.similar_word(w.text)
        if v is not None and w.negated not in ev.surface[v]:
            return Verdict(claim, "contradicted", "negation", _span(claim, w), 0.0)
        if not _may_oppose(w.text):
            continue
        about = frozenset(x for _, x in content if x != s)
        opposed = [pol for i in top for v, pol in ev.unit_words[i].items() if _opposed(w.text, v, ev.unit_words[i], about)]
        if any(w.negated in pol for pol in opposed):
            return Verdict(claim, "contradicted", "antonym", _span(claim, w), 0.0)
    return None


def _held(w: Word, s: str, ev: EvidenceIndex, top: Sequence[int]) -> bool:
    """The evidence holds the word: itself, a near-synonym, or a denied opposite ("not cramped")."""
    if s in ev.polarity or ev.similar_word(w.text) is not None:
        return True
    return _may_oppose(w.text) and any(_opposed(w.text, v, ev.unit_words[i]) for i in top for v in ev.unit_words[i])


def judge_claim(claim: str, ev: EvidenceIndex, sims: np.ndarray) -> Verdict | None:
    """One clause against the evidence; `sims` is its similarity to each evidence clause.
    Questions and the writer's own state ("I'm not sure") are judged for support only."""
    ws = words(_masked(claim, ev.title))
    content = _content(ws)
    nums = numbers(claim)
    names = entities(claim)
    if not content and not nums and not names:
        return None
    top: list[int] = np.argsort(-sims)[:ALIGN_TOP].tolist() if len(sims) else []
    if asserts(ws, claim) and (bad := _contradiction(claim, ev, ws, content, top)):
        return bad
    wrong = [" ".join(e) for e in names if not ev.grounding.supports_entity(e)]
    if wrong:
        return Verdict(claim, "contradicted", "entity", wrong[0], 0.0)
    bad_nums = sorted(nums - ev.grounding.numbers)
    if bad_nums and ev.grounding.numbers:
        return Verdict(claim, "contradicted", "value", bad_nums[0], 0.0)
    lexical = sum(_held(w, s, ev, top) for w, s in content) / len(content) if content else 1.0
    support = support_value(lexical, float(sims.max()) if len(sims) else 0.0)
    if bad_nums:
        return Verdict(claim, "unsupported", "number", bad_nums[0], support)
    label = "supported" if support >= SUPPORTED else "unsupported"
    return Verdict(claim, label, None, None if label == "supported" else claim, support)


def claim_texts(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in clauses(text)][:MAX_CLAIMS]


def _pair_sims(vecs, qa: list[int], eb: list[int]) -> np.ndarray:
    """Cosine of rows qa[k] and eb[k] of unit vectors (dense or sparse), in bounded chunks."""
    out = np.empty(len(qa))
    for lo in range(0, len(qa), 200_000):
        a, b = vecs[qa[lo : lo + 200_000]], vecs[eb[lo : lo + 200_000]]
        out[lo : lo + 200_000] = np.asarray(a.multiply(b).sum(axis=1)).ravel() if hasattr(a, "multiply") else np.einsum("ij,ij->i", a, b)
    return out


def judge(examples: Sequence[Example], texts: Sequence[str], backend: str) -> list[list[Verdict]]:
    """Verdicts for every judged clause of every text. One encoding pass over the distinct
    claims and evidence clauses of the batch (memoised by metrics.embed for MiniLM), then all
    (claim, evidence clause) pairs of the batch as one vectorised row-dot."""
    evs = [evidence_index(ex.input_text(), ex.item.title) for ex in examples]
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
    for cs, ev in zip(claims, evs):
        n = len(ev.units)
        verdicts = []
        for c in cs:
            if (v := judge_claim(c, ev, sims[pos : pos + n])) is not None:
                verdicts.append(v)
            pos += n
        out.append(verdicts)
    return out


# --- metrics ---------------------------------------------------------------------------------

_LAST: list = []  # [examples, texts, backend, verdicts] of the last batch (compared by identity)


def verdicts(examples: Sequence[Example], texts: Sequence[str], backend: str) -> list[list[Verdict]]:
    """The batch's verdicts; the three claim metrics of one batch share one judgement."""
    if _LAST and _LAST[0] is examples and _LAST[1] is texts and _LAST[2] == backend:
        return _LAST[3]
    out = judge(examples, texts, backend)
    _LAST[:] = [examples, texts, backend, out]
    return out


def sample_score(vs: Sequence[Verdict]) -> float | None:
    """Headline per-sample faithfulness in [0, 1], in three tiers: below 1/3 a claim is
    contradicted, 1/3 to 2/3 some claim is unsupported, 5/6 and up every claim is supported;
    within a tier, higher support (half the weakest claim's, half the mean) ranks higher.
    None: nothing judged."""
    if not vs:
        return None
    sup = [v.support for v in vs]
    tier = 0 if any(v.label == "contradicted" for v in vs) else 1 if any(v.label != "supported" for v in vs) else 2
    return (tier + 0.5 * min(sup) + 0.5 * sum(sup) / len(sup)) / 3


# Judge a sample unfaithful below this: every contradicted sample and the unsupported ones with
# weak support. Chosen for accuracy on the development twins (XRec / generated train splits):
# 0.883 there at 0.5 vs 0.862 at 2/3 ("any unsupported claim").
THRESHOLD = 0.5


@metric("faith.claim_score", area="faithfulness", bounds=(0.0, 1.0), threshold=THRESHOLD, model=LEXICAL, relations="wordnet3+vader", negation="scope")
def claim_score(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, model: str, relations: str, negation: str,
                threshold: float = THRESHOLD) -> Scored:
    """Claim-level faithfulness (0-1): below 1/3 a claim contradicts the inputs (negation, antonym, changed value, wrong name), up to 2/3 a claim is unsupported; judge at 0.5.

    Per sample; details in samples.jsonl list every judged clause with its
    label, kind and offending span (metrics.claims). The model option picks
    the clause alignment: lexical (default, fast) or MiniLM
    (faith.claim_score_minilm). Known limits: see metrics.claims.
    """
    vs = verdicts(examples, texts, model)
    vals = [sample_score(v) for v in vs]
    return Scored([None if x is None else {"v": x} for x in vals], vals, details=[{"claims": [c.as_dict() for c in v]} if v else None for v in vs])


@metric("faith.claim_score_minilm", area="faithfulness", bounds=(0.0, 1.0), threshold=THRESHOLD, default=False, model=default_backend(), relations="wordnet3+vader", negation="scope")
def claim_score_minilm(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, model: str, relations: str, negation: str,
                       threshold: float = THRESHOLD) -> Scored:
    """faith.claim_score with clauses aligned by MiniLM sentence embeddings (one batched pass; not in the default set)."""
    return claim_score(examples, texts, ctx, model, relations, negation, threshold)


@metric("faith.claim_support", area="faithfulness", bounds=(0.0, 1.0), model=LEXICAL, relations="wordnet3+vader", negation="scope")
def claim_support(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, model: str, relations: str, negation: str) -> Scored:
    """Claim support: share of an explanation's judged clauses that the inputs support (mean over explanations).

    Explanations with no judged clause have no row. Known limits: see metrics.claims.
    """
    vs = verdicts(examples, texts, model)
    vals = [sum(c.label == "supported" for c in v) / len(v) if v else None for v in vs]
    return Scored([None if x is None else {"v": x} for x in vals], vals)


@metric("faith.claim_contradiction", area="faithfulness", bounds=(0.0, 1.0), higher_is_better=False, model=LEXICAL, relations="wordnet3+vader", negation="scope")
def claim_contradiction(examples: Sequence[Example], texts: Sequence[str], ctx: MetricContext, model: str, relations: str, negation: str) -> Scored:
    """Claim contradiction rate: share of explanations with a clause that contradicts the inputs (negation, antonym, changed value, wrong name).

    Per sample 1/0; explanations with no judged clause have no row.
    """
    vs = verdicts(examples, texts, model)
    vals = [float(any(c.label == "contradicted" for c in v)) if v else None for v in vs]
    return Scored([None if x is None else {"v": x} for x in vals], vals)
