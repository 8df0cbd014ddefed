"""Vocabularies of the generated domains; `ALL` maps a domain name to its spec (English, then Chinese)."""
from __future__ import annotations

from suites.domains import ecommerce, education, finance, movies, news, travel, zh
from suites.domains.base import DomainSpec

ALL: dict[str, DomainSpec] = {m.SPEC.name: m.SPEC for m in (ecommerce, travel, movies, news, finance, education)}
ALL |= {s.name: s for s in zh.SPECS}  # zh-ecommerce, zh-travel, zh-news, zh-finance, zh-education
