"""rxbench explainable-recommendation metrics (USR, Distinct-1/2, FMR, FCR, DIV) for `evaluate`."""
import datasets
import evaluate

from metrics.hf import score_texts

_INPUTS = """
Args:
    predictions: list of explanation strings.
    matched: (optional) list of the features each recommendation matched -> adds fmr.
    vocabulary: (optional) the feature vocabulary -> adds fcr and div.
    lexicon: (optional) {attribute: {canonical value: [surface forms]}} so synonyms count as their canonical feature.
    metrics: explicit rxbench metric names instead of the default choice above.
Returns: {name: corpus value}; usr, distinct1 and distinct2 are always computed.
"""


class RxbenchExplainable(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=__doc__,
            citation="",
            inputs_description=_INPUTS,
            features=datasets.Features({"predictions": datasets.Value("string")}),
        )

    def _compute(self, predictions, matched=None, vocabulary=None, lexicon=None, metrics=None):
        names = list(metrics or ["usr", "distinct1", "distinct2"])
        if metrics is None and matched is not None:
            names.append("fmr")
        if metrics is None and (vocabulary or lexicon):
            names += ["fcr", "div"]
        return score_texts(names, predictions, matched=matched, vocabulary=vocabulary, lexicon=lexicon)
