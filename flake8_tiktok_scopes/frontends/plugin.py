"""The flake8 adapter: options in, findings out; all analysis lives in :mod:`.engine`."""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from .. import __version__, options
from ..options import Settings
from ..rules.codes import DEFAULT_OFF
from ..source import prefilter


class Plugin:
    """flake8 entry point for the ``TTS`` codes."""

    name = "flake8-tiktok-scopes"
    version = __version__
    settings: ClassVar[Settings] = Settings()

    def __init__(self, tree: ast.AST, lines: Sequence[str], filename: str = "stdin") -> None:
        self._tree = tree  # flake8 parsed the file: the guard measures its depth
        self._lines = lines
        self._filename = filename

    @classmethod
    def add_options(cls, manager: Any) -> None:
        """Register ``--tiktok-scopes`` and keep TTS005/TTS006 off unless selected."""
        options.add_to_flake8(manager)
        manager.extend_default_ignore(list(DEFAULT_OFF))

    @classmethod
    def parse_options(cls, namespace: argparse.Namespace) -> None:
        """Read the configured scopes; an unknown scope is a one-line usage error."""
        try:
            settings = options.settings_from(namespace)
        except options.UsageError as error:
            sys.stderr.write(f"flake8: error: {error}\n")
            raise SystemExit(2) from None
        cls.settings = settings._replace(unneeded=_reported(namespace, "TTS006"))

    def run(self) -> Iterator[tuple[int, int, str, type[Plugin]]]:
        """Yield ``(line, column, "TTS00N message", type)`` for each finding."""
        source = "".join(self._lines)
        if not prefilter.mentions_tiktok(source):
            return  # the engine (and libcst) are not even imported for files not about TikTok
        from ..engine import INTERNAL_ERROR, check

        found, reason = check(source, self.settings, filename=self._filename, tree=self._tree)
        if reason is not None and reason.startswith(INTERNAL_ERROR):
            # not a silent zero: flake8 hides its plugins' logs unless -v is given
            sys.stderr.write(f"flake8-tiktok-scopes: {self._filename}: {reason}\n")
        for finding in found:
            yield finding.line, finding.column, finding.message, type(self)


def _reported(namespace: argparse.Namespace, code: str) -> bool:
    """True when flake8 reports ``code`` (its own decision, from ``--select``, ``--ignore`` and
    their ``extend-`` forms); False when that cannot be told."""
    try:
        from flake8.style_guide import Decision, DecisionEngine

        return DecisionEngine(namespace).decision_for(code) is Decision.Selected
    except Exception:  # another flake8's namespace or engine: judge file by file
        return False
