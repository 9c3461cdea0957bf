"""Turn anchors into line and column numbers, with libcst's PositionProvider (only when needed)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from .rules import Finding


@dataclass(frozen=True, order=True)
class Located:
    """A finding at its place: 1-based line, 0-based column (in characters)."""

    line: int
    column: int
    code: str
    subject: str
    text: str
    needs: str | None = None

    @property
    def message(self) -> str:
        """``TTS001 'field' needs ...``: the code and the message, as flake8 prints them."""
        return f"{self.code} {self.text}"


def locate(module: cst.Module, findings: Iterable[Finding]) -> Iterator[Located]:
    """Place each finding at the exact character where its subject is written."""
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    for finding in findings:
        where = finding.where
        if where.anchor is not None and where.anchor.node in positions:
            node, offset = where.anchor.node, where.anchor.offset
            start = positions[node].start
            before = _source_of(node)[:offset]
            newlines = before.count("\n")
            line = start.line + newlines
            column = offset - before.rfind("\n") - 1 if newlines else start.column + offset
        elif where.fallback in positions:
            start = positions[where.fallback].start
            line, column = start.line, start.column
        else:
            continue
        yield Located(line, column, finding.code, finding.subject, finding.text, finding.needs)


def _source_of(node: cst.CSTNode) -> str:
    value = getattr(node, "value", "")
    return value if isinstance(value, str) else ""
