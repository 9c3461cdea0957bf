"""Turn anchors into line and column numbers, with libcst's PositionProvider (only when needed)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from .observations import Written
from .rules import Finding

Place = tuple[int, int]  # 1-based line, 0-based column (in characters)


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


class Places:
    """The positions of a module's nodes, computed once (libcst's PositionProvider)."""

    def __init__(self, module: cst.Module) -> None:
        self._positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)

    def of(self, where: Written) -> Place | None:
        """Where a name is written: the exact character inside its literal, else its node."""
        anchor = where.anchor
        if anchor is not None and anchor.node in self._positions:
            start = self._positions[anchor.node].start
            before = _source_of(anchor.node)[: anchor.offset]
            newlines = before.count("\n")
            if newlines:
                return start.line + newlines, anchor.offset - before.rfind("\n") - 1
            return start.line, start.column + anchor.offset
        if where.fallback in self._positions:
            start = self._positions[where.fallback].start
            return start.line, start.column
        return None  # written in another module

    def all(self, names: Sequence[Written]) -> list[Place | None]:
        """Where each of several names is written."""
        return [self.of(written) for written in names]


def locate(module: cst.Module, findings: Iterable[Finding]) -> Iterator[Located]:
    """Place each finding at the exact character where its subject is written."""
    places = Places(module)
    for finding in findings:
        place = places.of(finding.where)
        if place is not None:
            yield Located(*place, finding.code, finding.subject, finding.text, finding.needs)


def _source_of(node: cst.CSTNode) -> str:
    value = getattr(node, "value", "")
    return value if isinstance(value, str) else ""
