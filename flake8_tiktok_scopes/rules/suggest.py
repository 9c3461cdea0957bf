""" "Did you mean": the one way names close to a misspelt one are found (fields, scopes, options)."""

from __future__ import annotations

from collections.abc import Iterable

#: How close (difflib ratio) a known name must be to a misspelt one to be suggested.
CUTOFF = 0.75


def close_names(name: str, known: Iterable[str], count: int = 1) -> list[str]:
    """The known names closest to ``name`` (at most ``count``), best first."""
    import difflib  # only a misspelt name needs it, not every check

    return difflib.get_close_matches(name, sorted(known), n=count, cutoff=CUTOFF)


def did_you_mean(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to ``name``, if one is close enough."""
    close = close_names(name, known)
    return close[0] if close else None
