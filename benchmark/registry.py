"""One registry mechanism (name -> factory) for suites, generators, metrics and
perturbations.

A spec string is `NAME` or `NAME:ARG` (`xrec:data/amazon.jsonl`,
`file:out.jsonl`, `hf:models/x+adapter:lora`); the factory receives ARG.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Generic, TypeVar

T = TypeVar("T")


def summary(doc: str | None) -> str:
    """A docstring's first paragraph on one line (its first line may end mid-sentence)."""
    return " ".join((doc or "").strip().split("\n\n")[0].split())


class UnknownName(KeyError):
    def __str__(self) -> str:  # KeyError quotes its message; keep it readable
        return str(self.args[0])


@dataclass(frozen=True)
class Entry(Generic[T]):
    name: str
    factory: Callable[..., T]
    help: str = ""
    takes_arg: bool = False
    info: dict[str, Any] = field(default_factory=dict)


class Registry(Generic[T]):
    def __init__(self, kind: str, modules: tuple[str, ...]) -> None:
        self.kind = kind
        self._modules = modules  # imported on first use so that registration happens
        self._entries: dict[str, Entry[T]] = {}
        self._loaded = False

    def register(self, name: str, *, help: str = "", takes_arg: bool = False, **info: Any) -> Callable:
        def deco(factory: Callable[..., T]) -> Callable[..., T]:
            if name in self._entries:
                raise ValueError(f"{self.kind} {name!r} registered twice")
            doc = help or summary(factory.__doc__)
            self._entries[name] = Entry(name, factory, doc, takes_arg, info)
            return factory

        return deco

    def _load(self) -> None:
        if not self._loaded:
            self._loaded = True
            for mod in self._modules:
                importlib.import_module(mod)

    def entries(self) -> list[Entry[T]]:
        self._load()
        return [self._entries[k] for k in sorted(self._entries)]

    def names(self) -> list[str]:
        return [e.name for e in self.entries()]

    def entry(self, name: str) -> Entry[T]:
        self._load()
        if name not in self._entries:
            raise UnknownName(f"unknown {self.kind} {name!r}; known: {', '.join(self.names())}")
        return self._entries[name]

    def __contains__(self, name: str) -> bool:
        self._load()
        return name in self._entries

    def create(self, spec: str, **kwargs: Any) -> T:
        """Build the object a spec names: `name` or `name:arg`."""
        self._load()
        if spec in self._entries and not self._entries[spec].takes_arg:
            return self._entries[spec].factory(**kwargs)
        name, sep, arg = spec.partition(":")
        entry = self.entry(name)
        if entry.takes_arg:
            if not sep or not arg:
                raise ValueError(f"{self.kind} {name!r} needs an argument: {name}:ARG")
            return entry.factory(arg, **kwargs)
        if sep:
            raise ValueError(f"{self.kind} {name!r} takes no argument (got {spec!r})")
        return entry.factory(**kwargs)


SUITES: Registry = Registry("suite", ("suites", "suites.safety"))
GENERATORS: Registry = Registry("generator", ("baselines",))
METRICS: Registry = Registry("metric", ("metrics",))
PERTURBATIONS: Registry = Registry("perturbation", ("suites.perturb", "suites.safety"))
