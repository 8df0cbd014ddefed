"""Language-model generators (`hf:`, `gguf:`, `gemma`, `llamacpp:`, `openai:`) and `rxbench train`.

Importing this package registers the generators; torch / transformers / peft are
imported only when a model is loaded or trained, so `rxbench --help` stays fast.
Finding and loading the models is benchmark.lm's, which the perplexity metric uses too.
"""
from baselines.lm import hf, llamacpp, openai_http  # noqa: F401
