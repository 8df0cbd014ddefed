"""Scorers; importing this package registers every metric in benchmark.registry.METRICS."""
from metrics import efficiency, explainable, overlap, peter  # noqa: F401  (registration side effects)
from metrics import counterfactual, faithfulness, grounding, robustness  # noqa: F401  (faithfulness / robustness, issue 5)
from metrics import safety  # noqa: F401,E402  (issue 6: toxicity, leakage, injection, fairness, manipulation)
from metrics import fluency, semantic  # noqa: F401,E402  (issue 4: perplexity, repetition, length, BERTScore, similarity)
from metrics import claims  # noqa: F401,E402  (issue 9: per-claim faithfulness)
from metrics import support  # noqa: F401,E402  (issue 9: learned meaning-level faithfulness)
from metrics import informative  # noqa: F401,E402  (issue 10: informativeness, personalization)
from metrics import robust  # noqa: F401,E402  (issue 10: quality under perturbation; needs the base metrics above)
