"""Finding and loading local language models, shared by the `hf:`/`gguf:`/`gemma` generators
(baselines.lm) and the perplexity metric (metrics.fluency), so neither imports the other."""
