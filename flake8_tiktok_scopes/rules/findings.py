"""Findings: what the rules report, before and after they are placed at a line and column.

Plain data: this module does not import libcst, so front ends can handle findings cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..recognise.observations import Written


@dataclass(frozen=True)
class Finding:
    """One finding, before its position is known."""

    code: str
    subject: str
    text: str  # the message without the code
    where: Written
    needs: str | None = None  # the missing scope (TTS001, TTS005)


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
