"""The application around a file: the scopes its other modules declare, for the project view.

A file that requests fields and declares nothing is judged against the scopes declared
elsewhere in its application: the nearest folder with ``pyproject.toml``, ``setup.cfg``,
``tox.ini``, ``.flake8``, ``.git`` or ``manage.py`` (a folder below it with its own marker is
another application). Every Python file of the application that mentions TikTok is analysed
once and summed up (what it declares, on which line); summaries are cached on disk by each
file's path, size and modification time and those of the modules its values came from, so an
editor pays the scan once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .cache import Cache

if TYPE_CHECKING:
    from .engine import Analysis

#: How many declaring places a message names before it says "and N more".
MAX_ORIGINS = 3
#: How many Python files of one application are looked at (a larger tree is seen in part).
MAX_FILES = 20_000


@dataclass(frozen=True)
class Declared:
    """One scope declaration, as another file of the application sees it."""

    path: str  # absolute
    line: int  # 0 when it has no place of its own (a library's default)
    scopes: tuple[str, ...]
    complete: bool  # False: part of it could not be resolved

    @property
    def where(self) -> str:
        """``app/oauth.py:12`` (relative to the working directory when the file is under it)."""
        shown = os.path.relpath(self.path) if _under(self.path, os.getcwd()) else self.path
        shown = shown.replace(os.sep, "/")
        return f"{shown}:{self.line}" if self.line else shown


@dataclass(frozen=True)
class Summary:
    """What one file declares, for the rest of its application."""

    declared: tuple[Declared, ...] = ()

    def as_json(self) -> list[list[Any]]:
        """The summary as JSON data (for the cache)."""
        return [[d.path, d.line, list(d.scopes), d.complete] for d in self.declared]

    @classmethod
    def from_json(cls, data: Any) -> Summary | None:
        """A summary read back from the cache; None when the record is not one."""
        try:
            return cls(tuple(Declared(str(p), int(n), tuple(map(str, s)), bool(c)) for p, n, s, c in data))
        except (TypeError, ValueError):
            return None


@dataclass(frozen=True)
class Elsewhere:
    """The scopes declared by the other files of an application."""

    declared: tuple[Declared, ...] = ()

    @property
    def scopes(self) -> frozenset[str]:
        """Every scope they declare."""
        return frozenset(scope for d in self.declared for scope in d.scopes)

    @property
    def unresolved(self) -> tuple[Declared, ...]:
        """The declarations that could not be fully resolved (they silence TTS001)."""
        return tuple(d for d in self.declared if not d.complete)

    def __bool__(self) -> bool:
        return bool(self.declared)

    def origins(self) -> str:
        """Where they are declared: ``app/oauth.py:12, app/settings.py:40 and 2 more``."""
        shown = sorted(
            (d for d in self.declared if d.scopes or not d.complete), key=lambda d: (d.path, d.line)
        )
        places = list(dict.fromkeys(d.where for d in shown))
        named = ", ".join(places[:MAX_ORIGINS])
        if len(places) > MAX_ORIGINS:
            named += f" and {len(places) - MAX_ORIGINS} more"
        return named


@dataclass
class Application:
    """One application's files and their summaries: computed once per process, and kept in one
    cache record per application (each file's entry stands while the file, and every file its
    values came from, keeps its size and modification time)."""

    root: str
    cache: Cache = field(default_factory=lambda: Cache(None))
    _noted: dict[str, Summary] = field(default_factory=dict)  # files of this run, as in memory
    _decoded: dict[str, Summary] = field(default_factory=dict)  # the index's entries, read
    _index: dict[str, Any] | None = None  # path -> {"stamp", "declared", "depends"}, from the cache
    _changed: bool = False

    def elsewhere(self, path: str) -> Elsewhere:
        """The declarations of every file of the application but ``path``."""
        own = os.path.abspath(path)
        declared = [d for other, summary in self.summaries() if other != own for d in summary.declared]
        if self._changed:
            self.cache.put("application", self.root, self._index)
            self._changed = False
        return Elsewhere(tuple(declared))

    def note(self, path: str, summary: Summary) -> None:
        """Take a file's summary as given (a file of this run, as it is in memory)."""
        self._noted[path] = summary

    def summaries(self) -> Iterator[tuple[str, Summary]]:
        """Each file of the application that mentions TikTok, with its summary."""
        from .analysis.project import application_files

        paths = {os.path.abspath(path) for path in application_files(self.root, MAX_FILES)}
        paths.update(path for path in self._noted if _under(path, self.root))
        for path in sorted(paths):
            summary = self.summary(path)
            if summary is not None:
                yield path, summary

    def summary(self, path: str) -> Summary | None:
        """One file's summary (None when it cannot be read)."""
        if path in self._noted:
            return self._noted[path]
        now = stamp(path)
        if now is None:
            return None
        if self._index is None:
            cached = self.cache.get("application", self.root)
            self._index = cached if isinstance(cached, dict) else {}
        entry = self._index.get(path)
        found = None
        if isinstance(entry, dict) and entry.get("stamp") == now and still(entry.get("depends")):
            found = self._decoded.get(path) or Summary.from_json(entry.get("declared"))
        if found is None:
            found, depends = self._summarise(path)
            depends_on = {d: stamp(d) for d in depends if d != path}
            self._index[path] = {"stamp": now, "declared": found.as_json(), "depends": depends_on}
            self._changed = True
        self._decoded[path] = found
        return found

    def _summarise(self, path: str) -> tuple[Summary, Iterable[str]]:
        from . import engine
        from .source import prefilter, reading

        text = reading.read_text(path)
        if text is None or not prefilter.may_declare(text):
            return Summary(), ()
        analysis = engine.analyze_quietly(text, path)
        if analysis is None:
            return Summary(), ()
        return summarise(analysis), analysis.depends


def summarise(analysis: Analysis) -> Summary:
    """What an analysed file declares, with the line each declaration starts on."""
    from .engine import declaration_lines

    path = os.path.abspath(analysis.filename)
    declarations = [d for d in analysis.observations.declarations if d.scopes or not d.complete]
    lines = declaration_lines(analysis, declarations)
    declared = tuple(
        Declared(path, line, tuple(dict.fromkeys(ref.scope.name for ref in d.scopes)), d.complete)
        for d, line in zip(declarations, lines)
    )
    return Summary(declared)


def _under(path: str, root: str) -> bool:
    relative = os.path.relpath(path, root)
    return not relative.startswith(os.pardir) and not os.path.isabs(relative)


def stamp(path: str) -> str | None:
    """What tells a changed file: its size and modification time."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return f"{status.st_size}:{status.st_mtime_ns}"


def still(depends: Any) -> bool:
    """True when every file a cached result came from is as it was."""
    return isinstance(depends, dict) and all(stamp(path) == then for path, then in depends.items())


_APPLICATIONS: dict[tuple[str, str | None], Application] = {}


def application(root: str, cache_directory: str | None) -> Application:
    """The application at ``root`` (one per process and cache folder)."""
    key = (root, cache_directory)
    if key not in _APPLICATIONS:
        _APPLICATIONS[key] = Application(root, Cache(cache_directory))
    return _APPLICATIONS[key]


def roots(paths: Sequence[str]) -> dict[str, list[str]]:
    """The applications of several files: root -> the files under it."""
    from .analysis.project import find_root

    grouped: dict[str, list[str]] = {}
    for path in paths:
        grouped.setdefault(find_root(path), []).append(path)
    return grouped
