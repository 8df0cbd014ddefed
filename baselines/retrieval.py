"""Retrieval baseline: the reference explanation of the most similar training example."""
from __future__ import annotations

import time
from typing import Any, Sequence

from benchmark.generator import SimpleGenerator
from benchmark.registry import GENERATORS, SUITES
from benchmark.schema import Example, Explanation, sha256_json
from benchmark.suite import Suite


@GENERATORS.register("retrieval")
class RetrievalGenerator(SimpleGenerator):
    """TF-IDF nearest training example (cosine over input text); returns its reference.

    The corpus is the suite's train split; a suite without training references
    (MovieLens, held-out domains) borrows the train split of the generated suite
    of its domain when one is registered. A Chinese corpus (most references in
    Chinese) is vectorised on character 1-2-grams: scikit-learn's word pattern
    would make each run of Han characters between punctuation one "word".
    """

    name = "retrieval"
    batch_size = 256

    def __init__(self) -> None:
        self._corpus: list[Example] = []
        self._source = ""
        self._index: tuple[Any, Any] | None = None  # (fitted TfidfVectorizer, corpus matrix); scikit-learn is untyped

    def _corpus_for(self, suite: Suite) -> tuple[list[Example], str]:
        own = [e for e in suite.split("train") if e.references]
        if own:
            return own, suite.name
        domain = suite.examples[0].domain if suite.examples else ""
        if domain and domain != suite.name and domain in SUITES:
            return [e for e in SUITES.create(domain).split("train") if e.references], domain
        return [], ""

    def supports(self, suite: Suite) -> bool:
        return bool(self._corpus_for(suite)[0])

    def prepare(self, suite: Suite) -> None:
        """The corpus and its hash (the fingerprint); the TF-IDF index is fitted on the first
        generate() call, so a run whose outputs are all cached never fits it."""
        self._corpus, self._source = self._corpus_for(suite)
        if not self._corpus:
            raise ValueError(f"retrieval: suite {suite.name!r} has no training explanations to retrieve")
        self._chinese = sum(e.language == "zh" for e in self._corpus) * 2 > len(self._corpus)
        self._index = None
        self._corpus_hash = sha256_json([e.content_hash() for e in self._corpus])

    def _fitted(self) -> tuple[Any, Any]:
        """The TF-IDF vectorizer and the corpus matrix, fitted on first use."""
        if self._index is None:
            from sklearn.feature_extraction.text import TfidfVectorizer

            vectorizer = TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=1, analyzer="char" if self._chinese else "word")
            self._index = vectorizer, vectorizer.fit_transform([e.input_text() for e in self._corpus])
        return self._index

    def config(self) -> dict:
        chinese = {"analyzer": "char1-2"} if getattr(self, "_chinese", False) else {}
        return {"version": 1, "source": self._source, "corpus": getattr(self, "_corpus_hash", ""), **chinese}

    def generate(self, batch: Sequence[Example]) -> list[Explanation]:
        vectorizer, matrix = self._fitted()
        t0 = time.perf_counter()
        sims = vectorizer.transform([e.input_text() for e in batch]) @ matrix.T
        best = sims.argmax(axis=1).A1
        per = (time.perf_counter() - t0) / max(1, len(batch))
        return [Explanation(e.id, self._corpus[i].references[0], self.name, per) for e, i in zip(batch, best)]
