"""Which codes are reported: ``--select``, ``--extend-select`` and ``--ignore``, read as flake8 reads them.

Codes and prefixes (``TTS``, ``TTS00``) both work; when a select and an ignore entry both
match a code, the longer (more specific) one wins, and an ignore wins a tie. Without
``--select`` the codes that are on by default are selected (TTS005 and TTS006 are off), and
any ``--ignore`` that matches one of them wins over that default.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..options import UsageError
from ..rules.codes import CODES

DEFAULT_SELECT: tuple[str, ...] = tuple(code for code, c in CODES.items() if c.default_on)


def split_codes(values: Iterable[str] | None) -> list[str]:
    """Codes from repeated, comma- or space-separated option values, checked against the registry."""
    codes = [item.strip().upper() for value in values or () for item in value.replace(",", " ").split()]
    for code in codes:
        if not any(known.startswith(code) for known in CODES):
            raise UsageError(f"unknown code '{code}' (known: {', '.join(CODES)})")
    return codes


def selected(
    select: Iterable[str] | None, extend_select: Iterable[str] | None, ignore: Iterable[str] | None
) -> frozenset[str]:
    """The codes to report."""
    chosen = split_codes(select) + split_codes(extend_select)
    ignored = split_codes(ignore)
    implicit = () if select else DEFAULT_SELECT
    return frozenset(
        code
        for code in CODES
        if max(_longest(code, chosen), 0.5 if code in implicit else 0) > _longest(code, ignored)
    )


def _longest(code: str, prefixes: list[str]) -> int:
    return max((len(p) for p in prefixes if code.startswith(p)), default=0)
