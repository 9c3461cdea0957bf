"""Read a file as Python reads source: its coding cookie or BOM, else UTF-8."""

from __future__ import annotations

import io
import os
import tokenize
from typing import Any


def decode(data: bytes) -> tuple[str, str | None]:
    """The text of source bytes and the encoding it declares (None: it does not decode as declared;
    the text is then read as latin-1 so that nothing is lost, and must not be written back)."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return data.decode(encoding), encoding
    except (SyntaxError, UnicodeDecodeError, LookupError):
        return data.decode("latin-1"), None


def read_text(path: str) -> str | None:
    """A module's text, or None when it cannot be read or decoded as it declares."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return None
    text, encoding = decode(data)
    return text if encoding is not None else None


def stamp(path: str) -> str | None:
    """What tells a changed file: its size and modification time."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return f"{status.st_size}:{status.st_mtime_ns}"


def still(depends: Any) -> bool:
    """True when every file a cached result came from is as it was."""
    return isinstance(depends, dict) and all(stamp(path) == then for path, then in depends.items())
