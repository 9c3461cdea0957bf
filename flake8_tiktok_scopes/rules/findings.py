"""Findings: what the rules report, before and after they are placed at a line and column.

Plain data: this module does not import libcst, so front ends can handle findings cheaply.
A finding keeps the observation it came from (its ``origin``), so that ``fix`` can edit
what the finding is about without finding it again from its line and column; placed findings
are equal, ordered and hashed by everything else. There are no dataclasses here: an editor
imports this module on every save, and a dataclass costs a third of a millisecond to make.
"""

from __future__ import annotations

from functools import total_ordering
from typing import Union

from ..recognise.observations import Declaration, Request, ScopeRef, Written
from ..records import Record


class ScopeAt(Record):
    """One scope of a declaration: the declaration, and the scope's number (index) in it."""

    declaration: Declaration
    number: int

    @property
    def ref(self) -> ScopeRef:
        """The scope itself."""
        return self.declaration.scopes[self.number]


#: The observation a finding came from: the request (TTS001), the declared scope (TTS004).
Origin = Union[Request, ScopeAt, None]


class Finding(Record):
    """One finding, before its position is known."""

    code: str
    subject: str
    text: str  # the message without the code
    where: Written
    needs: str | None = None  # the missing scope (TTS001, TTS005)
    origin: Origin = None

    def at(self, line: int, column: int) -> Located:
        """The finding placed at ``line`` and ``column``."""
        return Located(line, column, self.code, self.subject, self.text, self.needs, self.origin)


@total_ordering
class Located:
    """A finding at its place: 1-based line, 0-based column (in characters)."""

    __slots__ = ("code", "column", "line", "needs", "origin", "subject", "text")

    def __init__(
        self,
        line: int,
        column: int,
        code: str,
        subject: str,
        text: str,
        needs: str | None = None,
        origin: Origin = None,
    ) -> None:
        self.line = line
        self.column = column
        self.code = code
        self.subject = subject
        self.text = text
        self.needs = needs
        self.origin = origin

    def _key(self) -> tuple[int, int, str, str, str, str]:
        return (self.line, self.column, self.code, self.subject, self.text, self.needs or "")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Located) and self._key() == other._key()

    def __lt__(self, other: Located) -> bool:
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Located{self._key()!r}"

    def without_origin(self) -> Located:
        """The same finding, without the observation it came from (to be kept or sent on)."""
        return Located(self.line, self.column, self.code, self.subject, self.text, self.needs)

    @property
    def message(self) -> str:
        """``TTS001 'field' needs ...``: the code and the message, as flake8 prints them."""
        return f"{self.code} {self.text}"
