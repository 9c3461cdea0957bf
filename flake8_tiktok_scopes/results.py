"""A file's findings, cached: a second run over unchanged files costs the hashing and little else.

A record is keyed by the file's path and content and the configuration (and, as every
record of the cache folder, by the checker's own code); it stands while every other file the
values came from keeps its size and modification time. A file judged by its application's
declarations keeps one result per set of those declarations. Records live in the cache folder
(:mod:`.cache`); the findings of a file the project view analysed before the file's own check
are also kept in memory until that check.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from .application import Elsewhere
from .cache import Cache, digest
from .options import Settings
from .rules.findings import Located
from .source.reading import stamp, still
from .source.roots import find_root

KIND = "results"
#: Findings of files analysed ahead of their own check in this process (by their application's
#: scan), by key: taken, not computed again, when the file's check comes.
_AHEAD: dict[str, tuple[dict[str, str | None], list[Located]]] = {}


class Results:
    """The cached findings of one file (``settings.cache`` None: nothing is cached)."""

    def __init__(self, source: str, settings: Settings, filename: str) -> None:
        self.cache = Cache(settings.cache)
        self.content = digest(source)  # the text's
        self.home = find_root(filename, settings.checked)  # where its project's modules are imported from
        configured = ",".join(sorted(settings.scopes or ()))
        self.key = "\0".join(
            (
                os.path.abspath(filename),
                self.content,
                configured,
                str(settings.project),
                str(settings.unneeded),
                settings.root or "",
                self.home,
            )
        )
        self._record: dict[str, Any] | None = None

    def get(self, elsewhere: Callable[[], Elsewhere | None]) -> list[Located] | None:
        """The findings stored for this file, or None (``elsewhere``: the application's
        declarations, asked for only when the stored result depends on them)."""
        ahead = _AHEAD.pop(self.key, None)
        if ahead is not None and still(ahead[0]):
            return ahead[1]
        record = self.cache.get(KIND, self.key)
        if not isinstance(record, dict) or not still(record.get("depends")):
            return None
        self._record = record
        if record.get("own") is not None:
            return _decode(record["own"])
        by_elsewhere = record.get("elsewhere")
        if not isinstance(by_elsewhere, dict):
            return None
        stored = by_elsewhere.get(_digest(elsewhere()))
        return _decode(stored) if stored is not None else None

    def ahead(self, depends: Iterable[str], found: list[Located], elsewhere: Elsewhere | None) -> None:
        """Keep the findings of a file analysed before its own check (judged by ``elsewhere``,
        the application's view of this run, when they depend on it): its check takes them from
        memory (and any run from the cache folder), placed, without the nodes they came from."""
        _AHEAD[self.key] = {path: stamp(path) for path in depends}, [f.without_origin() for f in found]
        self.put(depends, found, elsewhere)

    def put(self, depends: Iterable[str], found: list[Located], elsewhere: Elsewhere | None) -> None:
        """Store the findings (with the declarations they were judged by, when that mattered)."""
        record = self._record if self._record is not None else {}
        record["depends"] = {path: stamp(path) for path in depends}
        encoded = [[f.line, f.column, f.code, f.subject, f.text, f.needs] for f in found]
        if elsewhere is None:
            record["own"] = encoded
        else:
            record["own"] = None
            by_elsewhere = record.get("elsewhere")
            by_elsewhere = by_elsewhere if isinstance(by_elsewhere, dict) else {}
            by_elsewhere[_digest(elsewhere)] = encoded
            record["elsewhere"] = by_elsewhere
        self.cache.put(KIND, self.key, record)


def forget_ahead() -> None:
    """Drop the findings kept for checks to come (see :func:`engine.new_run`)."""
    _AHEAD.clear()


def _decode(stored: Any) -> list[Located] | None:
    try:
        return [
            Located(int(a), int(b), str(c), str(d), str(e), None if f is None else str(f))
            for a, b, c, d, e, f in stored
        ]
    except (TypeError, ValueError):
        return None


def _digest(elsewhere: Elsewhere | None) -> str:
    return elsewhere.digest if elsewhere is not None else ""
