"""Plots as inline SVG strings (matplotlib's SVG backend, no pyplot state).

Text stays text (`svg.fonttype: none`), which the SVG writer XML-escapes, and
mathtext is off, so a label with `$` or `<` is drawn literally. The output is
deterministic (fixed hash salt, no date) so the same runs give the same page.
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

RC: dict[RcKeyType, Any] = {"svg.fonttype": "none", "svg.hashsalt": "rxbench", "text.parse_math": False, "font.size": 8}
MAX_PANELS = 6
MAX_LABEL = 28


@dataclass(frozen=True)
class Point:
    """One estimate with its CI: (series, x position label, value, ci)."""

    series: str
    x: str
    value: float | None
    ci: Sequence[float] | None


@dataclass(frozen=True)
class Panel:
    title: str
    points: tuple[Point, ...]
    lines: bool = False  # connect a series across x (history) instead of dodging points


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _ok(x: float | None) -> bool:
    return x is not None and math.isfinite(x)


def _draw(ax, panel: Panel) -> list:
    xs = list(dict.fromkeys(p.x for p in panel.points))
    series = list(dict.fromkeys(p.series for p in panel.points))
    width = 0.0 if panel.lines else min(0.8 / max(len(series), 1), 0.25)
    handles = []
    for k, s in enumerate(series):
        pts = [p for p in panel.points if p.series == s and _ok(p.value)]
        if not pts:
            continue
        off = (k - (len(series) - 1) / 2) * width
        pos = [xs.index(p.x) + off for p in pts]
        vals = [p.value for p in pts]
        lo = [p.value - p.ci[0] if p.value is not None and p.ci and _ok(p.ci[0]) else 0.0 for p in pts]
        hi = [p.ci[1] - p.value if p.value is not None and p.ci and _ok(p.ci[1]) else 0.0 for p in pts]
        h = ax.errorbar(pos, vals, yerr=[[max(v, 0.0) for v in lo], [max(v, 0.0) for v in hi]], fmt="o-" if panel.lines else "o",
                        capsize=2, markersize=3, linewidth=1, label=_short(s))
        handles.append(h)
    labels = [_short(x) for x in xs]
    tilt = len(xs) > 3 or sum(map(len, labels)) > 30  # labels that would not fit side by side
    ax.set_xticks(range(len(xs)), labels, rotation=30 if tilt else 0, ha="right" if tilt else "center")
    ax.set_xlim(-0.6, len(xs) - 0.4)
    ax.set_title(_short(panel.title))
    ax.grid(axis="y", alpha=0.3)
    return handles


def svg(panels: Sequence[Panel], title: str = "") -> str:
    """One figure, a grid of panels (at most MAX_PANELS), as an `<svg>` element string."""
    panels = list(panels)[:MAX_PANELS]
    if not panels:
        return ""
    cols = min(3, len(panels))
    rows = math.ceil(len(panels) / cols)
    width, height = 3.3 * cols + 1.8, 2.7 * rows + 0.5
    with matplotlib.rc_context(RC):
        # fixed margins instead of a layout engine: constrained layout doubles the drawing time
        fig = Figure(figsize=(width, height))
        fig.subplots_adjust(left=0.7 / width, right=1 - 1.9 / width, top=1 - 0.55 / height, bottom=0.75 / height, wspace=0.35, hspace=0.75)
        FigureCanvasSVG(fig)
        axes = fig.subplots(rows, cols, squeeze=False).ravel()
        handles: dict[str, object] = {}
        for ax, panel in zip(axes, panels):
            for h in _draw(ax, panel):
                handles.setdefault(h.get_label(), h)
        for ax in axes[len(panels):]:
            ax.set_visible(False)
        if handles:
            fig.legend(handles=list(handles.values()), loc="upper right", frameon=False)
        if title:
            fig.suptitle(" ".join(title.split())[:120])
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    return text[text.index("<svg"):]
