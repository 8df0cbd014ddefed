"""One registry mechanism (name -> factory) for suites, generators, metrics and
perturbations.

A spec string is `NAME` or `NAME:ARG` (`xrec:data/amazon.jsonl`,
`file:out.jsonl`, `hf:models/x+adapter:lora`); the factory receives ARG.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any, Callable, Generic, TypeVar

T = TypeVar("T")


def summary(doc: str | None) -> str:
    """A docstring's first paragraph on one line (its first line may end mid-sentence)."""
    return " ".join((doc or "").strip().split("\n\n")[0].split())


def plugin_modules(package: str, skip: tuple[str, ...] = ()) -> list[str]:
    """The package and every module below it (depth first, in name order), minus `skip` subtrees."""
    pkg = importlib.import_module(package)
    found = [package]
    for info in pkgutil.walk_packages(pkg.__path__, package + ".", onerror=lambda name: None):
        if not any(info.name == s or info.name.startswith(s + ".") for s in skip):
            found.append(info.name)
    return found


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
    """Names -> factories of one kind. Plugins are found on first use (lazily, so that a
    CLI call that needs no metric never imports one): every module under `packages` is
    imported (registration happens on import), then every entry point of the
    `importlib.metadata` group (e.g. `rxbench.metrics`), so that a third-party package
    registers by declaring `[project.entry-points."rxbench.metrics"] name = "pkg.module"`.
    `skip` names subpackages that only consume the registry (adapters, not plugins)."""

    def __init__(self, kind: str, packages: tuple[str, ...], group: str | None = None, skip: tuple[str, ...] = ()) -> None:
        self.kind = kind
        self._packages = packages
        self.group = group
        self._skip = skip
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
        if self._loaded:
            return
        self._loaded = True
        for name in self._packages:
            for mod in plugin_modules(name, self._skip):
                importlib.import_module(mod)
        for ep in metadata.entry_points(group=self.group) if self.group else ():
            ep.load()

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


SUITES: Registry = Registry("suite", ("suites",), "rxbench.suites")
GENERATORS: Registry = Registry("generator", ("baselines",), "rxbench.generators")
METRICS: Registry = Registry("metric", ("metrics",), "rxbench.metrics", skip=("metrics.hf",))
PERTURBATIONS: Registry = Registry("perturbation", ("suites",), "rxbench.perturbations")
