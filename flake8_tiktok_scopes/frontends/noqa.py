"""``# noqa`` as flake8 reads it, for the command line (under flake8, flake8 does this itself).

flake8's own patterns decide what a comment says; the line searched for a finding is its
physical line, widened to every line of a token that spans lines (a triple-quoted string),
as flake8's ``FileProcessor`` does.
"""

from __future__ import annotations

import importlib
import re
import tokenize
from collections.abc import Sequence
from typing import Any

_DEFAULTS: Any = importlib.import_module("flake8.defaults")  # flake8 ships no type information
NOQA_INLINE_REGEXP: re.Pattern[str] = _DEFAULTS.NOQA_INLINE_REGEXP
NOQA_FILE: re.Pattern[str] = _DEFAULTS.NOQA_FILE
_CODE_SEPARATOR = re.compile(r"[,\s]")  # flake8.utils.parse_comma_separated_list


class Noqa:
    """The ``# noqa`` comments of one file."""

    def __init__(self, lines: Sequence[str]) -> None:
        self._lines = lines
        self._mapping: dict[int, str] | None = None

    def skips_file(self) -> bool:
        """True when a line is ``# flake8: noqa`` on its own."""
        return any(NOQA_FILE.match(line) for line in self._lines)

    def ignores(self, code: str, line: int) -> bool:
        """True when a ``# noqa`` comment silences ``code`` reported on ``line``."""
        if self._mapping is None:
            self._mapping = _line_mapping(self._lines)
        physical = self._mapping.get(line)
        if physical is None:
            physical = self._lines[line - 1] if 0 < line <= len(self._lines) else ""
        match = NOQA_INLINE_REGEXP.search(physical)
        if match is None:
            return False
        codes_str = match.group("codes")
        if codes_str is None:
            return True
        codes = {item.strip() for item in _CODE_SEPARATOR.split(codes_str) if item.strip()}
        return code in codes or code.startswith(tuple(codes))


def _line_mapping(lines: Sequence[str]) -> dict[int, str]:
    """Each line number -> the text searched for its ``# noqa`` (flake8's ``_noqa_line_mapping``)."""
    iterator = iter(lines)
    try:
        tokens = list(tokenize.generate_tokens(lambda: next(iterator)))
    except (tokenize.TokenError, SyntaxError):
        return {}
    mapping: dict[int, str] = {}
    low, high = len(lines) + 2, -1
    for token in tokens:
        if token.type in (tokenize.ENDMARKER, tokenize.DEDENT):
            continue
        low, high = min(low, token.start[0]), max(high, token.end[0])
        if token.type in (tokenize.NL, tokenize.NEWLINE):
            joined = "".join(lines[low - 1 : high])
            mapping.update(dict.fromkeys(range(low, high + 1), joined))
            low, high = len(lines) + 2, -1
    return mapping
