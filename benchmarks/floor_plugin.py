"""The parse floor: a flake8 plugin that parses with libcst every file that names TikTok, and
reports nothing.

``run.py`` installs it (as the distribution ``tiktok-parse-floor``, code ``TTF``) in a venv of
its own with the same flake8 and libcst as the real plugin. The real plugin cannot cost less
than this on a file it analyses: flake8's own work, importing libcst, and libcst's parse. Like
the real plugin, it imports libcst only when a file needs it.
"""

from __future__ import annotations

import ast
import contextlib
from collections.abc import Iterator, Sequence
from typing import Any


class Floor:
    """flake8 entry point for ``TTF``: parse, report nothing."""

    name = "tiktok-parse-floor"
    version = "1"

    def __init__(self, tree: ast.AST, lines: Sequence[str]) -> None:
        self._lines = lines

    def run(self) -> Iterator[tuple[int, int, str, Any]]:
        """Parse the file with libcst when it names TikTok; yield nothing."""
        source = "".join(self._lines)
        if "tiktok" in source.lower():
            import libcst

            with contextlib.suppress(Exception):  # a plugin never raises into flake8
                libcst.parse_module(source)
        return iter(())
