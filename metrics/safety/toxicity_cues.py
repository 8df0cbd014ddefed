"""Transparent cues beside the MiniLM embedding: sentiment, negation scope and talk-about-speech.

Why: a mean-pooled sentence embedding of "I don't hate Muslims" is almost that of "I hate
Muslims", and "Stop saying X are vermin" is close to "X are vermin". These few features give the
head what the embedding blurs: VADER's compound sentiment, how many negative words are negated
(a negator up to NEG_SCOPE tokens before them in the same clause; not a clause-initial "don't be a ...") and how many are not, whether
the text talks about speech (saying, calling, slur, bigotry, ...) and whether it quotes.
`negated_only` (negative words present, all of them negated) lowers the head's logit by a fixed
penalty: negated hate is the case the embedding gets wrong most.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from metrics.safety.toxicity_data import HATE_WORDS

NEG_SCOPE = 6  # tokens after a negator that it negates (clause-bounded)
NEGATORS = frozenset({"not", "never", "no", "nobody", "none", "nothing", "cannot", "nor", "neither", "noone"})
_TOKEN = re.compile(r"[a-z']+")
_CLAUSE = re.compile(r"[,;:.!?\"“”()]|\b(?:but|because|although|while|though|yet)\b")
_META = re.compile(
    r"\b(?:say|says|saying|said|call|calls|calling|called|claim|claims|claiming|wrote|write|writes|post|posted|posts|comments?|"
    r"statements?|remarks?|words?|lies|slurs?|hate speech|bigotry|bigoted|bigots?|racist|racism|sexist|homophobic|hateful|"
    r"unacceptable|ashamed|report|reported|removed|banned|offensive|hurtful|tweet|tweeted|shout|shouted|yell|yelled|myths?|"
    r"stereotypes?|debunked|prejudice|discrimination|antisemitic|antisemitism|xenophobic|transphobic|islamophobic|misogynistic|"
    r"dehumani[sz]ing|hate crimes?)\b", re.I)
QUOTES = re.compile(r"[\"“”「」«»]")  # quotation marks (also read by toxicity_harass)
NAMES = ("sentiment", "negated_negative", "plain_negative", "speech_talk", "quote", "speech_talk_x_quote", "negated_only")


@lru_cache(maxsize=1)
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def negative_words() -> frozenset[str]:
    """VADER's words with valence <= -1.5 and the toxicity lexicon's hate-bearing words."""
    return frozenset(w for w, v in _vader().lexicon.items() if v <= -1.5) | HATE_WORDS


def _negation_counts(text: str) -> tuple[int, int]:
    """(negated, plain) negative words over the clauses of `text`."""
    negative = negative_words()
    negated = plain = 0
    for clause in _CLAUSE.split(text.lower()):
        last_neg = -NEG_SCOPE - 1
        words = _TOKEN.findall(clause or "")
        for i, w in enumerate(words):
            imperative = i <= 1 and words[i + 1 : i + 2] == ["be"]  # "don't be a moron" still insults
            if (w in NEGATORS or w.endswith("n't")) and not imperative:
                last_neg = i
            elif w in negative:
                if i - last_neg <= NEG_SCOPE:
                    negated += 1
                else:
                    plain += 1
    return negated, plain


def cues(text: str) -> np.ndarray:
    """The NAMES features of one text (small counts, capped)."""
    negated, plain = _negation_counts(text)
    talk, quote = float(bool(_META.search(text))), float(bool(QUOTES.search(text)))
    sentiment = _vader().polarity_scores(text[:1000])["compound"]
    return np.array([sentiment, min(negated, 2), min(plain, 3), talk, quote, talk * quote, float(negated > 0 and plain == 0)])
