"""Turn string literals into :class:`~.values.Text`, mapping each character to its column."""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence

import libcst as cst

from .values import Piece, Text

#: Compiled at their first use (``re`` keeps them): most literals have neither.
_ESCAPE = r"\\(?:\r\n|\n|N\{[^}]*\}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|.)"
_BRACES = r"\{\{|\}\}"


def _decode(raw: str, start: int, *, escapes: bool, braces: bool) -> tuple[str, Sequence[int]]:
    """Decode a literal's body; return the text and each character's offset in the source."""
    pattern = None
    if escapes and "\\" in raw:
        pattern = re.compile(_ESCAPE, re.DOTALL)
    if braces and ("{{" in raw or "}}" in raw):
        pattern = re.compile(f"{_ESCAPE}|{_BRACES}" if pattern else _BRACES)
    if pattern is None:
        return raw, range(start, start + len(raw))
    chars: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in pattern.finditer(raw):
        chars.append(raw[position : match.start()])
        offsets.extend(range(start + position, start + match.start()))
        sequence = match.group()
        if sequence in ("{{", "}}"):
            decoded = sequence[0]
        elif sequence[1] in "\r\n":
            decoded = ""
        else:
            try:
                decoded = codecs.decode(sequence, "unicode_escape")
            except (UnicodeDecodeError, ValueError):
                decoded = sequence
        chars.append(decoded)
        offsets.extend([start + match.start()] * len(decoded))
        position = match.end()
    chars.append(raw[position:])
    offsets.extend(range(start + position, start + len(raw)))
    return "".join(chars), offsets


def simple_string(node: cst.SimpleString) -> Text:
    """The value of a plain string literal."""
    prefix, quote = node.prefix, node.quote
    body = node.value[len(prefix) + len(quote) : len(node.value) - len(quote)]
    text, offsets = _decode(body, len(prefix) + len(quote), escapes="r" not in prefix.lower(), braces=False)
    return Text([Piece(text, node, offsets)])


def fstring_text(node: cst.FormattedStringText, raw: bool) -> Text:
    """The value of the literal part of an f-string."""
    text, offsets = _decode(node.value, 0, escapes=not raw, braces=True)
    return Text([Piece(text, node, offsets)])
