"""Credentials out of everything rxbench writes or prints.

A generator spec may carry a secret (`openai:https://user:KEY@host/v1#m`,
`...?api_key=KEY`); run.json, stdout, error messages and reports show the spec,
so each of them passes it through `redact` first.
"""
from __future__ import annotations

import re

_USERINFO = re.compile(r"(?<=://)[^/@\s#?]+@")
_SECRET_PARAM = re.compile(r"(?i)([?&;](?:api[_-]?key|key|token|access[_-]?token|secret|password|passwd|sig|signature)=)[^&#\s]+")
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]{8,}")


def redact(text: str | None) -> str | None:
    """`text` with URL user-info, secret query parameters and bearer tokens replaced by ***."""
    if not text:
        return text
    text = _USERINFO.sub("***@", text)
    text = _SECRET_PARAM.sub(r"\1***", text)
    return _BEARER.sub(r"\1***", text)
