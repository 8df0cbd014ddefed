"""rxbench harness: schema, registry, runner, cache, stats, gates and CLI."""

__version__ = "0.1.0"
