"""Findings: what the rules report, before and after they are placed at a line and column.

Plain data: this module does not import libcst, so front ends can handle findings cheaply.
A finding keeps the observation it came from (its ``origin``), so that ``fix`` can edit
what the finding is about without finding it again from its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple, Union

from ..recognise.observations import Declaration, Request, ScopeRef, Written


class ScopeAt(NamedTuple):
    """One scope of a declaration: the declaration, and the scope's number (index) in it."""

    declaration: Declaration
    number: int

    @property
    def ref(self) -> ScopeRef:
        """The scope itself."""
        return self.declaration.scopes[self.number]


#: The observation a finding came from: the request (TTS001), the declared scope (TTS004).
Origin = Union[Request, ScopeAt, None]


@dataclass(frozen=True)
class Finding:
    """One finding, before its position is known."""

    code: str
    subject: str
    text: str  # the message without the code
    where: Written
    needs: str | None = None  # the missing scope (TTS001, TTS005)
    origin: Origin = field(default=None, compare=False, repr=False)

    def at(self, line: int, column: int) -> Located:
        """The finding placed at ``line`` and ``column``."""
        return Located(line, column, self.code, self.subject, self.text, self.needs, self.origin)


@dataclass(frozen=True, order=True)
class Located:
    """A finding at its place: 1-based line, 0-based column (in characters)."""

    line: int
    column: int
    code: str
    subject: str
    text: str
    needs: str | None = None
    origin: Origin = field(default=None, compare=False, repr=False)

    @property
    def message(self) -> str:
        """``TTS001 'field' needs ...``: the code and the message, as flake8 prints them."""
        return f"{self.code} {self.text}"
