"""What rxbench may show of a name it was given: no credentials, no bidi tricks.

A generator spec may carry a secret (`openai:https://user:KEY@host/v1#m`,
`...?api_key=KEY`); run.json, stdout, error messages and reports show the spec,
so each of them passes it through `redact` first. A suite file name or label may
carry bidirectional controls that make a report read the opposite of what it
says; `no_bidi` shows them as visible marks.
"""
from __future__ import annotations

import re
from typing import overload

_USERINFO = re.compile(r"(?<=://)[^/@\s#?]+@")
_SECRET_PARAM = re.compile(r"(?i)([?&;](?:api[_-]?key|key|token|access[_-]?token|secret|password|passwd|sig|signature)=)[^&#\s]+")
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]{8,}")


@overload
def redact(text: str) -> str: ...


@overload
def redact(text: None) -> None: ...


def redact(text: str | None) -> str | None:
    """`text` with URL user-info, secret query parameters and bearer tokens replaced by ***."""
    if not text:
        return text
    text = _USERINFO.sub("***@", text)
    text = _SECRET_PARAM.sub(r"\1***", text)
    return _BEARER.sub(r"\1***", text)


# LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM, ALM
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def no_bidi(text: str) -> str:
    """Bidirectional control characters shown as visible `<U+202E>` marks instead of obeyed."""
    return _BIDI.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def shown(text: str | None) -> str:
    """A user-given name as printed to a terminal or log: redacted, bidi neutralised."""
    return no_bidi(redact(text) or "")
