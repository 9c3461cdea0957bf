"""The files of one command-line run: read, analysed once, checked alone or as one project."""

from __future__ import annotations

import io
import os
import sys
import tokenize
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from .. import engine
from ..analysis.project import find_root
from ..application import Elsewhere, application, summarise
from ..engine import Analysis
from ..options import Settings
from ..rules.findings import Located
from .noqa import Noqa


class Log:
    """One-line messages on stderr; remembers whether an I/O error happened."""

    def __init__(self, stream: TextIO | None = None, verbose: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.verbose = verbose
        self.failed = False

    def error(self, text: str) -> None:
        """An input that could not be read (the run exits 2)."""
        self.failed = True
        self.say(f"tiktok-scopes: error: {text}")

    def note(self, text: str) -> None:
        """Shown with ``--verbose`` only."""
        if self.verbose:
            self.say(f"tiktok-scopes: {text}")

    def say(self, text: str) -> None:
        """Always shown."""
        self.stream.write(text.replace("\n", " ") + "\n")


@dataclass
class Source:
    """A file's text, and how to write it back."""

    path: str
    text: str
    encoding: str | None  # None: not decodable as declared; read as latin-1, never rewritten

    @property
    def lines(self) -> list[str]:
        """The physical lines, with their line endings."""
        return self.text.splitlines(keepends=True)


def read_source(path: str) -> Source:
    """Read a file as Python reads source: its coding cookie or BOM, else UTF-8 (raises OSError)."""
    with open(path, "rb") as file:
        data = file.read()
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        return Source(path, data.decode(encoding), encoding)
    except (SyntaxError, UnicodeDecodeError, LookupError):
        return Source(path, data.decode("latin-1"), None)


@dataclass(frozen=True)
class Options:
    """What decides the findings of a run."""

    settings: Settings = field(default_factory=Settings)
    codes: frozenset[str] = frozenset()
    project: bool = False
    disable_noqa: bool = False


@dataclass
class Workspace:
    """Sources and their analyses (None for files that say nothing of TikTok or were skipped)."""

    log: Log
    sources: dict[str, Source] = field(default_factory=dict)
    analyses: dict[str, Analysis | None] = field(default_factory=dict)
    _noted: set[str] = field(default_factory=set)  # files whose summary the application has

    def load(self, paths: Sequence[str]) -> None:
        """Read and analyse files; unreadable ones are reported and left out."""
        for path in paths:
            try:
                self.sources[path] = read_source(path)
            except OSError as error:
                self.log.error(f"{path}: {error.strerror or error}")
                continue
            self.analyses[path] = self.analyze(self.sources[path])

    def analyze(self, source: Source) -> Analysis | None:
        """The analysis of one source; a file the engine cannot take is skipped with a note."""
        try:
            return engine.analyze(source.text, source.path)
        except engine.Skipped as reason:
            self.log.note(f"skipped {source.path}: {reason}")
        except (Exception, RecursionError, MemoryError) as error:
            self.log.say(f"tiktok-scopes: skipped {source.path}: {type(error).__name__}: {error}")
        return None

    def replace(self, path: str, text: str) -> bool:
        """Take a new text for a file (in memory) and analyse it; False when it is not kept.

        A text that no longer analyses (it should always) is refused with a message.
        """
        source = self.sources[path]
        if text == source.text:
            return False
        changed = Source(path, text, source.encoding)
        analysis = self.analyze(changed)
        if analysis is None:
            self.log.say(f"tiktok-scopes: {path}: fix not kept: the changed file no longer analyses")
            return False
        self.sources[path], self.analyses[path] = changed, analysis
        self._noted.discard(path)
        return True

    def analysed(self) -> Iterator[tuple[str, Analysis]]:
        """Each analysed file, in the order it was loaded."""
        for path, analysis in self.analyses.items():
            if analysis is not None:
                yield path, analysis

    def elsewhere(self, path: str, settings: Settings) -> Elsewhere | None:
        """What the other files of this file's application declare (the files of this run as
        they are in memory, the rest as they are on disk)."""
        analysis = self.analyses.get(path)
        if analysis is None or not engine.needs_elsewhere(analysis):
            return None
        app = application(settings.root or find_root(path), settings.cache)
        for other, other_analysis in self.analysed():
            if other not in self._noted:
                self._noted.add(other)
                app.note(os.path.abspath(other), summarise(other_analysis))
        return app.elsewhere(path)

    def findings(self, path: str, options: Options) -> list[Located]:
        """One file's findings: selected codes, ``# noqa`` honoured, origins named in project mode."""
        analysis = self.analyses.get(path)
        if analysis is None:
            return []
        try:
            elsewhere = self.elsewhere(path, options.settings) if options.project else None
            found = engine.findings(analysis, options.settings, elsewhere)
        except (Exception, RecursionError, MemoryError) as error:
            self.log.say(f"tiktok-scopes: skipped {path}: {type(error).__name__}: {error}")
            return []
        return self._filter(path, found, options)

    def _filter(self, path: str, found: list[Located], options: Options) -> list[Located]:
        found = [f for f in found if f.code in options.codes]
        if options.disable_noqa or not found:
            return found
        noqa = Noqa(self.sources[path].lines)
        if noqa.skips_file():
            return []
        return [f for f in found if not noqa.ignores(f.code, f.line)]
