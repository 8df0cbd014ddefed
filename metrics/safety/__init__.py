"""Safety metrics (issue 6): toxicity, personal-data leakage, prompt injection, demographic
fairness and manipulative claims. Importing this package registers them."""
from metrics.safety import fairness, injection, leakage, manipulation, toxicity  # noqa: F401  (registration)
