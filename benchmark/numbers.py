"""How numbers read in every report and gate message (one place, so a Markdown table,
the HTML page and a failing gate print a value the same way)."""
from __future__ import annotations

from typing import Sequence


def fmt(value: float | None) -> str:
    if value is None:
        return "–"
    a = abs(value)
    return f"{value:.1f}" if a >= 100 else f"{value:.2f}" if a >= 1 else f"{value:.3f}"


def fmt_ci(ci: Sequence[float | None] | None, empty: str = "–") -> str:
    return f"[{fmt(ci[0])}, {fmt(ci[1])}]" if ci and None not in ci else empty



def fmt_p(p: float | None) -> str:
    return "–" if p is None else f"{p:.3f}" if p >= 0.001 else "<0.001"
