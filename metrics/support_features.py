"""What the learned faithfulness head (metrics.support) reads about a text and its inputs.

Why features and not a fine-tuned cross-encoder: on two shared CPU cores a
cross-encoder costs minutes per thousand pairs to train and score, while these
signals come almost for free from work other metrics already do (the rule
judge's verdicts of metrics.claims, MiniLM clause embeddings memoised by
metrics.embed, the grounding index). Each one answers a question an annotator
asks: is any clause contradicted (negation, antonym, value, name)? how much of
what the text says, weighted by how specific a word is, is in the inputs? do
its content words come in the inputs' combinations, or recombined ("the capital
and largest city" from "its capital is Ottawa ... largest areas are Toronto")?
is its closest input sentence close in meaning? how much of it is chit-chat,
questions and hedges that state nothing?
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from benchmark.schema import Example
from metrics.claims import Verdict, claim_texts, evidence_of, sample_score, specificity
from metrics.grounding import FRAME, content_support, evidence, numbers
from metrics.similarity import encode, stems

NAMES = (
    "contradicted",  # some clause contradicts the inputs (rule judge)
    "unsupported",  # some clause is unsupported, none contradicted
    "min_support",  # weakest judged clause's support (1 when nothing is judged)
    "mean_support",
    "claim_score",  # faith.claim_score of the text
    "judged_share",  # share of clauses that state something (not questions, hedges, the writer)
    "content_support",  # share of content stems in the inputs
    "specific_support",  # the same, each stem weighted by specificity
    "max_unheld",  # specificity of the most specific content word the inputs lack
    "unheld_count",  # log(1 + content words the inputs lack)
    "pair_support",  # share of adjacent content-stem pairs adjacent in the inputs too
    "text_cosine",  # MiniLM cosine of the whole text with the whole inputs
    "min_clause_cosine",  # worst clause's best cosine to an input clause
    "mean_clause_cosine",
    "new_number",  # a number absent from the inputs
    "repetition",  # share of repeated content stems (degenerate text)
    "length",  # log(1 + content stems)
    "user_only",  # share of content stems the inputs hold only on the user's side (said of the item, they are the user's)
    "trigram_support",  # share of the text's word trigrams (stop words kept) found in the inputs
)
_NEWLINES = re.compile(r"\n+")
_TOKEN = re.compile(r"[^\W_]+")
_DETOKENIZE = (  # (pattern, replacement), applied in order
    (re.compile(r"(\w) ' (s|m|t|re|ve|ll|d)\b"), r"\1'\2"),  # i ' m, don ' t
    (re.compile(r"(\d) , (\d{3})\b"), r"\1,\2"),  # 45 , 700
    (re.compile(r"(\d) \. (\d)"), r"\1.\2"),  # 2 . 5
    (re.compile(r"(\d) %"), r"\1%"),
    (re.compile(r" ([,.!?;:])(?=\s|$)"), r"\1"),  # word , word
    (re.compile(r"([(\[]) | ([)\]])"), r"\1\2"),
    (re.compile(r'" ([^"]*?) "'), r'"\1"'),
)


def detokenize(text: str) -> str:
    """Undo the word tokenisation of dialogue corpora ("i ' m not sure , but there are 45 , 700 species !").
    Why: split, a number reads as two other numbers (45 and 700, both absent from "45,700 species")
    and a hedge ("i'm not sure") as stray words, so a faithful reply looked invented. Plain prose
    passes unchanged."""
    for pattern, replacement in _DETOKENIZE:
        text = pattern.sub(replacement, text)
    return text


def _stem_stats(ex: Example, text: str) -> tuple[float, float, float, float, float, float]:
    """Lexical support of the text's content stems: (specific_support, max_unheld, unheld_count,
    pair_support, repetition, length)."""
    ss = [s for s in stems(text) if s not in FRAME]
    if not ss:
        return 1.0, 0.0, 0.0, 1.0, 0.0, 0.0
    ev = evidence(ex)
    held = [s in ev.stems for s in ss]
    weights = [specificity(s) for s in ss]
    unheld = [w for w, h in zip(weights, held) if not h]
    pairs = list(zip(ss, ss[1:]))
    in_pairs = _pairs(ex.input_text())
    pair = sum(p in in_pairs for p in pairs) / len(pairs) if pairs else float(all(held))
    return (sum(w * h for w, h in zip(weights, held)) / sum(weights), max(unheld, default=0.0), float(np.log1p(len(unheld))),
            pair, 1 - len(set(ss)) / len(ss), float(np.log1p(len(ss))))


def _user_only(ex: Example, text: str) -> float:
    """Share of the text's content stems found in the user's profile and history but not on the item's side."""
    ss = [s for s in stems(text) if s not in FRAME]
    if not ss:
        return 0.0
    item = _stem_set("\n".join([ex.item.title, ex.item.profile, *(f"{k} {v}" for k, v in ex.item.attributes.items()),
                                 *(f"{r.attribute} {r.value}" for r in ex.signals.matched)]))
    user = _stem_set("\n".join([ex.user.profile, *ex.user.history]))
    return sum(s in user and s not in item for s in ss) / len(ss)


@lru_cache(maxsize=4096)
def _stem_set(text: str) -> frozenset[str]:
    return frozenset(stems(text))


def _trigrams(ex: Example, text: str) -> float:
    """Share of the text's word trigrams (lower case, stop words kept) that the inputs contain."""
    ws = _TOKEN.findall(text.lower())
    grams = list(zip(ws, ws[1:], ws[2:]))
    if not grams:
        return 1.0
    have = _input_trigrams(ex.input_text())
    return sum(g in have for g in grams) / len(grams)


@lru_cache(maxsize=4096)
def _input_trigrams(text: str) -> frozenset[tuple[str, str, str]]:
    ws = _TOKEN.findall(text.lower())
    return frozenset(zip(ws, ws[1:], ws[2:]))


@lru_cache(maxsize=4096)
def _pairs(text: str) -> frozenset[tuple[str, str]]:
    """Adjacent content-stem pairs (in either order) of each input line."""
    out: set[tuple[str, str]] = set()
    for line in _NEWLINES.split(text):
        ss = [s for s in stems(line) if s not in FRAME]
        out.update(zip(ss, ss[1:]))
        out.update(zip(ss[1:], ss))
    return frozenset(out)


def _cosines(examples: Sequence[Example], texts: Sequence[str], backend: str) -> tuple[np.ndarray, list[list[float]]]:
    """(text-to-inputs cosine, per text the best cosine of each clause to an input clause)."""
    evs = [evidence_of(ex) for ex in examples]
    claims = [claim_texts(t) or [t] for t in texts]
    uniq = list(dict.fromkeys([*texts, *(e.input_text() for e in examples), *(c for cs in claims for c in cs), *(u for e in evs for u in e.units)]))
    index = {t: i for i, t in enumerate(uniq)}
    vecs = encode(uniq, backend)
    vecs = vecs.toarray() if hasattr(vecs, "toarray") else vecs
    whole = np.array([float(vecs[index[t]] @ vecs[index[e.input_text()]]) for t, e in zip(texts, examples)])
    best = []
    for cs, ev in zip(claims, evs):
        units = vecs[[index[u] for u in ev.units]] if ev.units else np.zeros((1, vecs.shape[1]))
        best.append([float((units @ vecs[index[c]]).max()) for c in cs])
    return whole, best


def features(examples: Sequence[Example], texts: Sequence[str], verdicts: Sequence[Sequence[Verdict]], backend: str) -> np.ndarray:
    """(n, len(NAMES)) feature rows; `verdicts` are the rule judge's (metrics.claims.verdicts)."""
    whole, best = _cosines(examples, texts, backend)
    rows = []
    for ex, text, vs, cos, bs in zip(examples, texts, verdicts, whole, best):
        sup = [v.support for v in vs] or [1.0]
        n_claims = max(len(claim_texts(text)), 1)
        cs = content_support(ex, text)
        score = sample_score(vs, cs)
        lex = _stem_stats(ex, text)
        rows.append([
            float(any(v.label == "contradicted" for v in vs)),
            float(any(v.label == "unsupported" for v in vs) and not any(v.label == "contradicted" for v in vs)),
            min(sup), sum(sup) / len(sup), 1.0 if score is None else score, len(vs) / n_claims, 1.0 if cs is None else cs,
            *lex[:4], float(cos), min(bs), sum(bs) / len(bs),
            float(bool(numbers(text) - evidence(ex).numbers)), *lex[4:], _user_only(ex, text), _trigrams(ex, text),
        ])
    return np.asarray(rows, dtype=np.float64)
