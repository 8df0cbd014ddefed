"""Model or data text inside Markdown reports (leaderboard, comparison, robustness)."""
from __future__ import annotations

import html
import re

from benchmark.redact import no_bidi

_MD_SPECIAL = re.compile(r"[\\`*{}\[\]|#]")  # not _: identifiers (tiny_ft) stay readable


def md_text(text: str, limit: int = 300) -> str:
    """Model or data text in Markdown: HTML-escaped (Markdown passes raw HTML through),
    Markdown punctuation escaped, bidi controls neutralised, one line, long text cut with a note."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[:limit] + f"… ({len(text) - limit} more characters)"
    return _MD_SPECIAL.sub(r"\\\g<0>", html.escape(no_bidi(text), quote=False))
