"""Findings as text (flake8's format), JSON, or GitHub workflow annotations; SARIF is in :mod:`.sarif`.

Every format writes a file name that is not UTF-8 with its odd bytes as ``\\xNN`` (see
:func:`printable`), so that the output is always valid UTF-8.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..rules.codes import CODES
from ..rules.findings import Located

Reported = tuple[str, Located]  # the file's path as shown, and one finding in it

#: How each code is presented where a level is shown (SARIF, GitHub annotations).
LEVELS: dict[str, str] = {code: "error" if c.default_on else "note" for code, c in CODES.items()}


def printable(text: str) -> str:
    """``text`` with each byte of a file name that is not UTF-8 (decoded by Python with
    ``surrogateescape``) written as ``\\xNN``, and any other lone surrogate as ``\\udNNN``."""
    if text.isascii():
        return text
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def text(reported: Sequence[Reported]) -> str:
    """``path:line:col: CODE message``, one line each, columns 1-based as flake8 prints them."""
    return "".join(printable(f"{path}:{f.line}:{f.column + 1}: {f.code} {f.text}\n") for path, f in reported)


def as_json(reported: Sequence[Reported]) -> str:
    """A JSON list of findings (1-based line and column)."""
    items = []
    for path, f in reported:
        item: dict[str, Any] = {
            "path": printable(path),
            "line": f.line,
            "column": f.column + 1,
            "code": f.code,
            "subject": printable(f.subject),
            "message": printable(f.text),
        }
        if f.needs is not None:
            item["needs"] = f.needs
        items.append(item)
    return json.dumps(items, indent=2) + "\n"


def github(reported: Sequence[Reported]) -> str:
    """GitHub Actions workflow commands: ``::error file=...,line=...,col=...,title=CODE::message``."""
    lines = []
    for path, f in reported:
        command = "error" if LEVELS[f.code] == "error" else "notice"
        properties = f"file={_property(path)},line={f.line},col={f.column + 1},title={f.code}"
        lines.append(f"::{command} {properties}::{_data(f.text)}\n")
    return "".join(lines)


def _data(value: str) -> str:
    return printable(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")
