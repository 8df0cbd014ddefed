"""Vocabularies of the generated domains; `ALL` maps a domain name to its spec."""
from __future__ import annotations

from suites.domains import ecommerce, education, finance, movies, news, travel
from suites.domains.base import DomainSpec

ALL: dict[str, DomainSpec] = {m.SPEC.name: m.SPEC for m in (ecommerce, travel, movies, news, finance, education)}
