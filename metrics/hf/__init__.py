"""Hugging Face `evaluate` front-ends for rxbench metrics.

`evaluate.load(module_path("rxbench_overlap"))` works offline: evaluate loads a
local module script without the hub. The scripts only adapt plain lists to
rxbench Examples and call the registered metrics (`score_texts`), so there is
one implementation of every formula.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping, Sequence

from benchmark.schema import Example, Item, Reason, Signals, User
from benchmark.scoring import MetricContext, aggregate, get_metric


def module_path(name: str) -> str:
    """Folder of a bundled evaluate module (`rxbench_overlap`, `rxbench_explainable`)."""
    path = Path(__file__).parent / name
    if not (path / f"{name}.py").is_file():
        raise FileNotFoundError(f"no evaluate module {name!r} in {path.parent}")
    return str(path)


def _as_refs(refs: Any) -> tuple[str, ...]:
    if refs is None:
        return ()
    return (refs,) if isinstance(refs, str) else tuple(refs)


def to_examples(
    n: int,
    references: Sequence[str | Sequence[str] | None] | None = None,
    matched: Sequence[Sequence[str] | None] | None = None,
) -> list[Example]:
    """Minimal Examples for plain lists: one reference string or a list per sample, matched feature values."""
    refs = list(references) if references is not None else [()] * n
    feats = list(matched) if matched is not None else [()] * n
    for what, col in (("references", refs), ("matched", feats)):
        if len(col) != n:
            raise ValueError(f"{len(col)} {what} for {n} predictions")
    return [
        Example(
            id=f"hf-{i}", domain="hf", user=User(f"hf-u{i}"), item=Item(f"hf-i{i}", ""),
            signals=Signals(matched=tuple(Reason("feature", v) for v in _as_refs(f) if v)),
            references=_as_refs(r),
        )
        for i, (r, f) in enumerate(zip(refs, feats))
    ]


def score_texts(
    names: Sequence[str],
    predictions: Sequence[str],
    references: Sequence[str | Sequence[str]] | None = None,
    matched: Sequence[Sequence[str]] | None = None,
    vocabulary: Sequence[str] | None = None,
    lexicon: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
) -> dict[str, float]:
    """Corpus value of each named registered metric on plain lists.

    references: one string or a list of strings per prediction; matched: the
    features each recommendation matched; vocabulary / lexicon: the feature
    vocabulary (matched values are added, as Suite.features does).
    """
    examples = to_examples(len(predictions), references, matched)
    vocab = {v.lower() for v in vocabulary or ()} | {r.value.lower() for e in examples for r in e.signals.matched}
    lex = {attr: {canon: tuple(forms) for canon, forms in values.items()} for attr, values in (lexicon or {}).items()}
    ctx = MetricContext("hf", frozenset(vocab), lex)
    texts = [p or "" for p in predictions]
    out: dict[str, float] = {}
    for name in names:
        m = get_metric(name)
        scored = m.score(examples, texts, ctx)
        out[name] = aggregate(m, scored.rows, scored.const)["value"]
    return out
