"""rxbench reference-overlap metrics (sacrebleu BLEU-1/4, rouge-score ROUGE-1/2/L, PETER profile) for `evaluate`."""
import datasets
import evaluate

from metrics.hf import score_texts

DEFAULT = ("bleu1", "bleu4", "rouge1", "rouge2", "rougeL")

_INPUTS = """
Args:
    predictions: list of explanation strings.
    references: one reference string, or a list of references, per prediction.
    metrics: rxbench metric names (default bleu1, bleu4, rouge1, rouge2, rougeL; also peter.bleu1 ...).
Returns: {name: corpus value on rxbench's 0-100 scale}.
"""


class RxbenchOverlap(evaluate.Metric):
    def _info(self):
        return evaluate.MetricInfo(
            description=__doc__,
            citation="",
            inputs_description=_INPUTS,
            features=[
                datasets.Features({"predictions": datasets.Value("string"), "references": datasets.Sequence(datasets.Value("string"))}),
                datasets.Features({"predictions": datasets.Value("string"), "references": datasets.Value("string")}),
            ],
        )

    def _compute(self, predictions, references, metrics=DEFAULT):
        return score_texts(list(metrics), predictions, references=references)
