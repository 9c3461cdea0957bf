"""The files of one command-line run: read, analysed once, checked alone or as one project."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import sys
import tokenize
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TextIO

from .. import engine
from ..application import Elsewhere, application_of, summarise
from ..engine import Analysis
from ..options import Settings
from ..records import Record
from ..rules.codes import message
from ..rules.findings import Located
from ..source.lines import split_lines, universal, with_endings_of
from ..source.roots import find_root
from .noqa import Noqa
from .report import printable


class Log:
    """One-line messages on stderr; remembers whether an I/O error happened."""

    def __init__(self, stream: TextIO | None = None, verbose: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.verbose = verbose
        self.failed = False

    def error(self, text: str) -> None:
        """An input that could not be read, or a file that could not be written (the run exits 2)."""
        self.failed = True
        self.say(f"tiktok-scopes: error: {text}")

    def note(self, text: str) -> None:
        """Shown with ``--verbose`` only."""
        if self.verbose:
            self.say(f"tiktok-scopes: {text}")

    def say(self, text: str) -> None:
        """Always shown (file names that are not UTF-8 with their bytes as ``\\xNN``)."""
        self.stream.write(printable(text.replace("\n", " ")) + "\n")


@dataclass
class Source:
    """A file's text as flake8 reads it, and what it takes to write an edit of it back."""

    path: str
    text: str  # decoded, every line ending made "\n" (flake8 reads with universal newlines)
    encoding: str | None  # None: not decodable as declared; read as latin-1, never rewritten
    digest: str  # SHA-256 of the bytes read: ``fix`` writes only over these very bytes
    original: str | None = None  # the decoded text, when its line endings are not all "\n"

    @property
    def lines(self) -> list[str]:
        """The physical lines, as flake8 numbers them."""
        return split_lines(self.text, keepends=True)

    def encode(self, text: str) -> bytes:
        """An edit of ``text`` as the file's bytes: its encoding, BOM and line endings restored."""
        restored = text if self.original is None else with_endings_of(self.original, text)
        return restored.encode(self.encoding or "latin-1")


def decode_source(path: str, data: bytes) -> Source:
    """Bytes decoded as Python reads source: its coding cookie or BOM, else UTF-8."""
    digest = hashlib.sha256(data).hexdigest()
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n") if b"\r" in data else data  # a cookie
    encoding: str | None
    try:  # ...may stand on the second line of a file whose lines end in "\r"
        encoding = tokenize.detect_encoding(io.BytesIO(lines).readline)[0]
        text = data.decode(encoding)
    except (SyntaxError, UnicodeDecodeError, LookupError):
        encoding, text = None, data.decode("latin-1")
    if "\r" not in text:
        return Source(path, text, encoding, digest)
    return Source(path, universal(text), encoding, digest, text)


def read_source(path: str) -> Source:
    """Read a file (raises OSError)."""
    with open(path, "rb") as file:
        return decode_source(path, file.read())


class Options(Record):
    """What decides the findings of a run."""

    settings: Settings = Settings()
    codes: frozenset[str] = frozenset()
    project: bool = False
    disable_noqa: bool = False


@dataclass
class Workspace:
    """Sources and their analyses (None for files that say nothing of TikTok or cannot be analysed)."""

    log: Log
    checked: tuple[str, ...] = ()  # the folders the run checks (where a file's modules are imported from)
    sources: dict[str, Source] = field(default_factory=dict)
    analyses: dict[str, Analysis | None] = field(default_factory=dict)
    #: Files that mention TikTok but could not be analysed, and why (each is reported as TTS000).
    unanalysed: dict[str, str] = field(default_factory=dict)
    _noted: set[str] = field(default_factory=set)  # files whose summary the application has

    def load(self, paths: Sequence[str]) -> None:
        """Read and analyse files; unreadable ones are reported as errors and left out."""
        for path in paths:
            try:
                source = read_source(path)
            except OSError as error:
                self.log.error(f"{path}: {error.strerror or error}")
                continue
            self.add(source)

    def add(self, source: Source) -> None:
        """Analyse a source (a file read, or standard input); it replaces one of the same path."""
        self.sources[source.path] = source
        self.analyses[source.path] = self.analyze(source)

    def analyze(self, source: Source) -> Analysis | None:
        """The analysis of one source; None when it says nothing of TikTok or cannot be analysed
        (``unanalysed`` then says why)."""
        self.unanalysed.pop(source.path, None)
        try:
            return engine.analyze(source.text, source.path, home=find_root(source.path, self.checked))
        except engine.Skipped as reason:
            self.unanalysed[source.path] = str(reason)
        except (Exception, RecursionError, MemoryError) as error:
            self.unanalysed[source.path] = engine.internal_error(error)
        return None

    def replace(self, path: str, text: str) -> bool:
        """Take a new text for a file (in memory) and analyse it; False when it is not kept.

        A text that no longer analyses (it should always) is refused with a message.
        """
        source = self.sources[path]
        if text == source.text:
            return False
        changed = dataclasses.replace(source, text=text)
        analysis = self.analyze(changed)
        if analysis is None:
            reason = self.unanalysed.pop(path, "it no longer mentions TikTok")
            self.log.say(
                f"tiktok-scopes: {path}: fix not kept: the changed file no longer analyses: {reason}"
            )
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
        if analysis is None or not engine.needs_elsewhere(analysis, settings):
            return None
        app = application_of(path, settings)
        for other, other_analysis in self.analysed():
            if other not in self._noted:
                self._noted.add(other)
                app.note(os.path.abspath(other), summarise(other_analysis))
        return app.elsewhere(path, requests=settings.unneeded)

    def findings(self, path: str, options: Options) -> list[Located]:
        """One file's findings: selected codes, ``# noqa`` honoured, origins named in project mode."""
        analysis = self.analyses.get(path)
        found: list[Located] = []
        if analysis is not None:
            try:
                elsewhere = self.elsewhere(path, options.settings) if options.project else None
                found = engine.findings(analysis, options.settings, elsewhere)
            except (Exception, RecursionError, MemoryError) as error:
                self.unanalysed[path] = engine.internal_error(error)
        if path in self.unanalysed:
            found = [not_analysed(path, self.unanalysed[path])]
        return self._filter(path, found, options)

    def _filter(self, path: str, found: list[Located], options: Options) -> list[Located]:
        found = [f for f in found if f.code in options.codes]
        if options.disable_noqa or not found:
            return found
        noqa = Noqa(self.sources[path].lines)
        if noqa.skips_file():
            return []
        return [f for f in found if not noqa.ignores(f.code, f.line)]


def not_analysed(path: str, reason: str) -> Located:
    """The TTS000 finding of a file that mentions TikTok but could not be analysed (at 1:1, the
    reason on one line)."""
    return Located(1, 0, "TTS000", path, message("TTS000", file=path, reason=" ".join(reason.split())))
