"""The application around a file: the scopes its other modules declare, for the project view.

A file that requests fields and declares nothing is judged against the scopes declared
elsewhere in its application: the nearest folder with ``pyproject.toml``, ``setup.cfg``,
``tox.ini``, ``.flake8``, ``.git`` or ``manage.py`` (a folder below it with its own marker is
another application; in a tree without markers, see :func:`~.source.roots.find_root`).
Every Python file of the application that mentions TikTok is analysed once and summed up
(what it declares, on which line); summaries are cached on disk in one record per
application, by each file's path, size and modification time and those of the modules its
values came from (a file touched but unchanged is known by its text's digest), so an editor
pays the scan once.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .cache import Cache, batched
from .cache import digest as text_digest
from .records import Record
from .source.reading import stamp, still
from .source.roots import application_files, find_root

if TYPE_CHECKING:
    from .engine import Analysis
    from .options import Settings

#: How many declaring places a message names before it says "and N more".
MAX_ORIGINS = 3
#: How many Python files of one application are looked at (a larger tree is seen in part).
MAX_FILES = 20_000
#: How many characters of source the scan holds analysed until it is over, to judge those files
#: by the application's view then (their trees take some 250 bytes per character).
MAX_HELD_CHARACTERS = 400_000


class Declared(Record):
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


class Summary(Record):
    """What one file declares, and which scopes its requests accept, for the rest of its application."""

    declared: tuple[Declared, ...] = ()
    accepted: tuple[str, ...] = ()  # every scope some request to a user-token endpoint accepts
    asks: bool = False  # it makes a request to a user-token endpoint
    whole: bool = True  # False: only what it declares was read (a file that cannot declare)

    @property
    def scopes(self) -> frozenset[str]:
        """Every scope it declares."""
        return frozenset(scope for d in self.declared for scope in d.scopes)

    def as_json(self) -> dict[str, Any]:
        """The summary as JSON data (for the cache). Its arrays are tuples of strings and numbers,
        which the cyclic collector stops following once it has seen them (lists it walks at every
        full collection, and an application's index keeps one summary per file for the run)."""
        declared = tuple((d.path, d.line, d.scopes, d.complete) for d in self.declared)
        return {"declared": declared, "accepted": self.accepted, "asks": self.asks, "whole": self.whole}

    @classmethod
    def from_json(cls, data: Any) -> Summary | None:
        """A summary read back from the cache; None when the record is not one."""
        try:
            declared = tuple(
                Declared(str(p), int(n), tuple(map(str, s)), bool(c)) for p, n, s, c in data["declared"]
            )
            accepted = tuple(map(str, data["accepted"]))
            return cls(declared, accepted, bool(data["asks"]), bool(data["whole"]))
        except (TypeError, ValueError, KeyError):
            return None


class Gathered:
    """Every file's summary in an application, summed up once: a file's view of the others
    (:class:`Elsewhere`) then costs what the file itself declares, not what all of them do."""

    def __init__(self, every: tuple[tuple[str, Summary], ...], digest: str) -> None:
        self.every = every  # by path
        self.digest = digest  # of what the views show of them (for the results cache)

    @functools.cached_property
    def by_path(self) -> dict[str, Summary]:
        """Each file's summary."""
        return dict(self.every)

    @functools.cached_property
    def declaring(self) -> Counter[str]:
        """How many files declare each scope."""
        return Counter(scope for _, summary in self.every for scope in summary.scopes)

    @functools.cached_property
    def accepting(self) -> Counter[str]:
        """How many files have a request that accepts each scope."""
        return Counter(scope for _, s in self.every for scope in set(s.accepted))

    @functools.cached_property
    def places(self) -> tuple[tuple[str, Declared], ...]:
        """One declaration per place, in the order of their paths and lines, with its file."""
        places = {(d.path, d.line): (path, d) for path, s in self.every for d in s.declared}
        return tuple(places[place] for place in sorted(places))

    @functools.cached_property
    def places_of(self) -> Counter[str]:
        """How many of :attr:`places` each file has."""
        return Counter(path for path, _ in self.places)

    @functools.cached_property
    def written(self) -> tuple[tuple[str, Declared], ...]:
        """The :attr:`places` with a line: not those a file makes wholly through another module's
        code (shown where that module writes them) or a library fills in."""
        return tuple((path, d) for path, d in self.places if d.line)

    @functools.cached_property
    def written_of(self) -> Counter[str]:
        """How many of :attr:`written` each file has."""
        return Counter(path for path, _ in self.written)

    @functools.cached_property
    def unresolved(self) -> tuple[tuple[str, Declared], ...]:
        """The declarations that could not be fully resolved, with their files."""
        return tuple((path, d) for path, s in self.every for d in s.declared if not d.complete)

    @functools.cached_property
    def declarations(self) -> int:
        """How many declarations there are."""
        return sum(len(s.declared) for _, s in self.every)

    @functools.cached_property
    def asking(self) -> int:
        """How many files make a request to a user-token endpoint."""
        return sum(s.asks for _, s in self.every)


class Elsewhere:
    """The scopes declared by the other files of an application than ``own`` (and, when asked
    for, the scopes their requests accept)."""

    def __init__(self, gathered: Gathered, own: str, requests: bool) -> None:
        self.gathered = gathered
        self.own = own  # absolute
        self.requests = requests  # what their requests accept is asked for

    @functools.cached_property
    def _own(self) -> Summary:
        return self.gathered.by_path.get(self.own) or Summary()

    @functools.cached_property
    def digest(self) -> str:
        """What tells this view apart from other files' view (for the results cache)."""
        return text_digest(f"{self.gathered.digest}\0{self.own}")

    @functools.cached_property
    def scopes(self) -> frozenset[str]:
        """Every scope they declare."""
        own = self._own.scopes
        return frozenset(scope for scope, files in self.gathered.declaring.items() if files > (scope in own))

    @functools.cached_property
    def accepted(self) -> frozenset[str] | None:
        """Every scope some request of theirs accepts (None: their requests were not asked for)."""
        if not self.requests:
            return None
        own = set(self._own.accepted)
        return frozenset(scope for scope, files in self.gathered.accepting.items() if files > (scope in own))

    @property
    def asks(self) -> bool:
        """One of them makes a request to a user-token endpoint."""
        return self.requests and self.gathered.asking > self._own.asks

    @property
    def unresolved(self) -> tuple[Declared, ...]:
        """The declarations that could not be fully resolved (they silence TTS001)."""
        return tuple(d for path, d in self.gathered.unresolved if path != self.own)

    def __bool__(self) -> bool:
        return self.gathered.declarations > len(self._own.declared)

    @functools.cached_property
    def origins(self) -> str:
        """Where they are declared: ``app/oauth.py:12, app/settings.py:40 and 2 more`` (the places
        with a line, when the other files have any)."""
        gathered = self.gathered
        places, counts = gathered.written, gathered.written_of
        if len(places) == counts[self.own]:
            places, counts = gathered.places, gathered.places_of
        theirs = (d for path, d in places if path != self.own)
        shown = list(itertools.islice(theirs, MAX_ORIGINS))
        named = ", ".join(d.where for d in shown)  # each name costs a relpath
        more = len(places) - counts[self.own] - len(shown)
        return f"{named} and {more} more" if more > 0 else named


class Application:
    """One application's files and their summaries: computed once per process, and kept in one
    cache record per application (each file's entry stands while the file, and every file its
    values came from, keeps its size and modification time)."""

    def __init__(self, root: str, cache: Cache, checked: tuple[str, ...]) -> None:
        self.root = root
        self.cache = cache
        self.checked = checked  # the folders the run checks (where a file's modules are imported from)
        self._noted: dict[str, Summary] = {}  # files of this run, as in memory
        self._decoded: dict[str, Summary] = {}  # the index's entries, read
        #: path -> {"stamp", "digest", "summary", "depends"}, from the cache
        self._index: dict[str, Any] | None = None
        self._changed = False
        #: whole -> every file's summary, summed up: the files are read once per process.
        self._every: dict[bool, Gathered] = {}
        #: Told of each file the scan analyses, with its text (the checker keeps what it can of it);
        #: what it returns is called once the scan is over (when the findings need its result).
        self.analysed: Callable[[str, Analysis], Callable[[], object] | None] | None = None
        #: Those calls, and how many characters of source the analyses they hold have.
        self._after_scan: list[Callable[[], object]] = []
        self._held = 0
        #: path -> stamp, summary, the files its values came from and the text's digest, of files
        #: analysed for their own check: a scan takes them rather than analyse the files again.
        self._remembered: dict[str, tuple[str, Summary, frozenset[str], str]] = {}
        #: While a scan goes on and has parsed nothing yet: what holds libcst's classes set up from
        #: its first parse to its end (:meth:`_parsing`).
        self._scan: contextlib.ExitStack | None = None

    def elsewhere(self, path: str, requests: bool = False) -> Elsewhere:
        """The declarations of every file of the application but ``path`` (``requests``: and
        what their requests accept, which reads every file that mentions TikTok)."""
        own = os.path.abspath(path)
        return Elsewhere(self._every.get(requests) or self._read_every(requests, own), own, requests)

    def _read_every(self, whole: bool, start: str) -> Gathered:
        # the records of the scan (the index, the findings of files it settled), and its parses
        with batched(), contextlib.ExitStack() as scan:
            self._scan = scan
            try:
                every = tuple(sorted(self.summaries(whole, start), key=lambda item: item[0]))
            finally:
                self._scan = None
            if self._changed:
                self.cache.put("application", self.root, self._index)
                self._changed = False
            # what an Elsewhere shows of them: declarations, and what requests accept when asked for
            described = repr(
                [(path, s.declared, s.accepted, s.asks) if whole else (path, s.declared) for path, s in every]
            )
            gathered = self._every[whole] = Gathered(every, text_digest(described))
            after, self._after_scan, self._held = self._after_scan, [], 0
            for then in after:
                then()
            return gathered

    def remember(self, text: str, analysis: Analysis, digest: str) -> None:
        """Take the summary of a file analysed for its own check, when the file on disk has that
        text (an editor's unsaved buffer does not; ``digest``: the text's): a scan then need not
        analyse it again."""
        from .source import reading

        path = os.path.abspath(analysis.filename)
        now = stamp(path)
        if now is not None and path not in self._decoded and reading.read_text(path) == text:
            self._remembered[path] = now, summarise(analysis), analysis.depends, digest

    def note(self, path: str, summary: Summary) -> None:
        """Take a file's summary as given (a file of this run, as it is in memory)."""
        self._noted[path] = summary
        self._every.clear()

    def summaries(self, whole: bool = False, start: str = "") -> Iterator[tuple[str, Summary]]:
        """Each file of the application that mentions TikTok, with its summary (``whole``: with
        its requests too), in an order drawn from ``start`` (the file that asks): flake8's jobs,
        which ask from different files, go through the files in different orders and share the
        work through the cache folder (each takes what another has summed up) rather than do it
        side by side."""
        paths = set(application_files(self.root, MAX_FILES))
        paths.update(path for path in self._noted if _under(path, self.root))
        for path in sorted(paths, key=lambda path: _drawn(start, path)):
            summary = self.summary(path, whole)
            if summary is not None:
                yield path, summary

    def summary(self, path: str, whole: bool = False) -> Summary | None:
        """One file's summary (None when it cannot be read; ``whole``: with its requests too)."""
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
            found = self._decoded.get(path) or Summary.from_json(entry.get("summary"))
        if found is None or (whole and not found.whole):
            remembered = self._remembered.pop(path, None)
            depends: Iterable[str]
            if remembered is not None and remembered[0] == now:
                _, found, depends, digest = remembered
            else:
                found, depends, digest = self._summarise(path, whole, entry)
            depends_on = {d: stamp(d) for d in depends if d != path}
            self._index[path] = {
                "stamp": now,
                "digest": digest,
                "summary": found.as_json(),
                "depends": depends_on,
            }
            self._changed = True
        self._decoded[path] = found
        return found

    def _summarise(self, path: str, whole: bool, entry: Any) -> tuple[Summary, Iterable[str], str]:
        """A file's summary, the files its values came from, and its text's digest ("" for a file
        that does not mention TikTok); its cached ``entry`` stands when the text is the same (a
        file touched, or checked out again) and what it came from is unchanged."""
        from .source import prefilter, reading

        text = reading.read_text(path)
        if text is None or not prefilter.mentions_tiktok(text):
            return Summary(), (), ""
        digest = text_digest(text)
        if isinstance(entry, dict) and entry.get("digest") == digest and still(entry.get("depends")):
            found = Summary.from_json(entry.get("summary"))
            if found is not None and (found.whole or not whole):
                return found, entry["depends"], digest
        home = find_root(path, self.checked)
        return (
            *summarise_source(text, path, whole, self._analysed, home=home, parsing=self._parsing),
            digest,
        )

    def _parsing(self) -> None:
        """Before each parse of a scan: the first sets libcst's classes up until the scan is over
        (libcst is imported only now)."""
        if self._scan is not None:
            from .analysis.constructors import in_a_row

            self._scan.enter_context(in_a_row())
            self._scan = None

    def _analysed(self, text: str, analysis: Analysis) -> None:
        then = self.analysed(text, analysis) if self.analysed is not None else None
        if then is not None and self._held + len(text) <= MAX_HELD_CHARACTERS:
            self._after_scan.append(then)
            self._held += len(text)


def summarise_source(
    text: str,
    path: str,
    whole: bool,
    analysed: Callable[[str, Analysis], object] | None = None,
    cache: Cache | None = None,
    home: str | None = None,
    parsing: Callable[[], object] | None = None,
) -> tuple[Summary, Iterable[str]]:
    """A file's summary from its text, and the files its values came from; a file that cannot
    declare is analysed only when ``whole`` (its requests are wanted), and ``analysed`` is told
    of the analysis. ``cache``: where the summary of this text is looked up and kept (for the command
    line's survey, which keeps no application index); ``home``: the folder its project's modules
    are imported from (None: found from ``path`` alone); ``parsing``: called just before the text
    is analysed."""
    from . import engine
    from .source import prefilter

    if not prefilter.mentions_tiktok(text):
        return Summary(), ()
    if not whole and not prefilter.may_declare(text):
        return Summary(whole=False), ()  # its requests, if any, were not read
    cache = cache if cache is not None and cache.directory is not None else None
    key = f"{os.path.abspath(path)}\0{text_digest(text)}\0{home or ''}" if cache is not None else ""
    if cache is not None:
        stored = cache.get("summary", key)
        found = Summary.from_json(stored.get("summary")) if isinstance(stored, dict) else None
        if found is not None and still(stored.get("depends")):
            return found, tuple(stored["depends"])
    if parsing is not None:
        parsing()
    with engine.collector_paused():  # the analysis's objects are freed before the collector sees them
        analysis = engine.analyze_quietly(text, path, home)
        summary, depends = Summary(), frozenset[str]()
        if analysis is not None:
            summary, depends = summarise(analysis), analysis.depends
            if analysed is not None:
                analysed(text, analysis)
        del analysis
    if cache is not None:
        cache.put("summary", key, {"summary": summary.as_json(), "depends": {d: stamp(d) for d in depends}})
    return summary, depends


def summarise(analysis: Analysis) -> Summary:
    """What an analysed file declares, with the line each declaration starts on, and which
    scopes its requests accept."""
    from .engine import declaration_lines
    from .rules import needs

    path = os.path.abspath(analysis.filename)
    observations = analysis.observations
    declarations = observations.stated
    lines = declaration_lines(analysis, declarations)
    declared = tuple(
        Declared(path, line, tuple(dict.fromkeys(ref.scope.name for ref in d.scopes)), d.complete)
        for d, line in zip(declarations, lines)
    )
    accepted = tuple(sorted(needs.accepted(needs.of_requests(observations.requests))))
    return Summary(declared, accepted, observations.asks_user)


def _drawn(start: str, path: str) -> str:
    return text_digest(f"{start}\0{path}")


def _under(path: str, root: str) -> bool:
    relative = os.path.relpath(path, root)
    return not relative.startswith(os.pardir) and not os.path.isabs(relative)


_APPLICATIONS: dict[tuple[str, str | None, tuple[str, ...]], Application] = {}


def forget_applications() -> None:
    """Drop every application read so far (see :func:`engine.new_run`)."""
    _APPLICATIONS.clear()


def application_of(path: str, settings: Settings) -> Application:
    """The application that holds a file: at ``settings.root``, else at the file's root
    (:func:`~.source.roots.find_root`); one per process and cache folder."""
    root = os.path.abspath(settings.root or find_root(path, settings.checked))
    key = (root, settings.cache, settings.checked)  # its files' paths are then absolute as they are found
    if key not in _APPLICATIONS:
        _APPLICATIONS[key] = Application(root, Cache(settings.cache), settings.checked)
    return _APPLICATIONS[key]
