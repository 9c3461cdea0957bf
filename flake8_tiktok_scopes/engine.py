"""The pipeline: source text -> prefilter -> guard -> libcst -> interpretation -> rules -> places.

Front ends (the flake8 plugin, the command line) call these functions and only format
what they return. :func:`check_source` runs the whole pipeline for one file and never
raises; :func:`analyze` and :func:`findings` are its two halves, for front ends that
combine several files (declarations in one, requests in another).
"""

from __future__ import annotations

import ast
import gc
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .options import Settings
from .recognise.observations import Declaration, Observations, Request
from .records import Record
from .rules.findings import Finding, Located
from .source import guard, prefilter

if TYPE_CHECKING:
    import libcst

    from .analysis.budget import Budget
    from .analysis.places import Layout
    from .analysis.project import Project
    from .application import Application, Elsewhere

LOG = logging.getLogger("flake8.tiktok_scopes")
NO_SETTINGS = Settings()
#: Codes about what is written (a deprecated URL, a declared scope, an OAuth parameter): a
#: finding whose subject another module writes is that module's. A request's fields are too
#: when its URL carries them (:attr:`Request.carried`); otherwise that module may not see the
#: request (its URL, or the call, is this module's), and this module reports them.
_WHERE_WRITTEN = frozenset({"TTS003", "TTS004", "TTS006", "TTS007"})
#: How :func:`check` names a failure of the checker itself (not a file it declines to analyse).
INTERNAL_ERROR = "internal error"


class Analysis(Record):
    """One module, parsed and interpreted: what it requests and declares."""

    filename: str
    module: libcst.Module
    observations: Observations
    layout: Layout | None = None  # where the module's statements are, to place findings fast
    depends: frozenset[str] = frozenset()  # other files of the project its values came from


class Skipped(Exception):
    """The file is not analysed (too large, too deep, or libcst cannot parse it)."""


def analyze(
    source: str, filename: str = "<source>", tree: ast.AST | None = None, home: str | None = None
) -> Analysis | None:
    """Parse and interpret a module; None when it says nothing of TikTok. ``home``: the folder
    the project's own modules are imported from (None: found from ``filename`` alone).

    Raises :class:`Skipped` for inputs the guard keeps from libcst; other exceptions are
    internal failures (``check_source`` turns both into a logged skip).
    """
    if not prefilter.mentions_tiktok(source):
        return None
    large = guard.too_large(source)
    if large is not None:
        raise Skipped(large)
    if tree is None:  # the command line: one ast for the guard and for placing findings
        tree = guard.syntax_tree(source)
        if tree is None:
            raise Skipped("it is not valid Python")
    reason = guard.too_complex(source, tree)
    if reason is not None:
        raise Skipped(reason)
    import libcst  # imported only for files that mention TikTok

    from .analysis.budget import Budget
    from .analysis.interpret import Interpreter
    from .analysis.parse import parse_module
    from .analysis.places import Layout
    from .recognise.collector import Collector

    try:
        module = parse_module(source, tree)
    except libcst.ParserSyntaxError as error:
        raise Skipped(f"libcst cannot parse it: {error}") from None
    project = _project_of(filename, home)
    name = project.module_name(filename) if project is not None else "__main__"
    collector = Collector()
    budget = Budget(len(source))
    interpreter = Interpreter(collector, budget, name, project)
    if project is not None:
        project.begin(name, interpreter.module_env)
    interpreter.run(module)
    layout = None if tree is None else Layout(source, tree, interpreter.tops, interpreter.fstrings)
    interpreter.release()
    if LOG.isEnabledFor(logging.INFO):
        _say_where_bounds_met(filename, module, layout, budget)
    depends = frozenset(project.read) if project is not None else frozenset()
    return Analysis(filename, module, collector.finish(), layout, depends)


def _say_where_bounds_met(
    filename: str, module: libcst.Module, layout: Layout | None, budget: Budget
) -> None:
    """Log where a value met a bound or the steps ran out (what follows there is unknown)."""
    from .analysis.places import Places
    from .recognise.observations import Written

    for node, what in (
        (budget.bounded_at, "a value grew past its bound (its size, or its alternatives)"),
        (budget.exhausted_at, "the evaluation steps of the file ran out"),
    ):
        if node is not None:
            place = Places(module, [Written("", None, node)], layout).of(Written("", None, node))
            line = f":{place[0]}" if place else ""
            LOG.info("flake8-tiktok-scopes: %s%s: %s; it is unknown from there", filename, line, what)


def _project_of(filename: str, home: str | None) -> Project | None:
    """The project around a file that exists on disk (None for a source with no place)."""
    from .analysis.project import project_of

    if filename.startswith("<"):
        return None  # a source with no place (``<source>``)
    return project_of(filename, home) if os.path.isdir(os.path.dirname(os.path.abspath(filename))) else None


def analyze_quietly(source: str, filename: str, home: str | None = None) -> Analysis | None:
    """:func:`analyze`, with files it cannot take logged and left out (None)."""
    try:
        with collector_paused():
            return analyze(source, filename, home=home)
    except Skipped as reason:
        LOG.info("flake8-tiktok-scopes: skipped %s: %s", filename, reason)
    except (Exception, RecursionError, MemoryError) as error:
        LOG.warning("flake8-tiktok-scopes: skipped %s: %s: %s", filename, type(error).__name__, error)
    return None


def declaration_lines(analysis: Analysis, declarations: Sequence[Declaration]) -> list[int]:
    """The line each declaration starts on (its first scope; where it is made when it has none,
    or when its scopes are written in another module; 0: nowhere in this file)."""
    from .analysis.places import Places
    from .recognise.observations import Written

    made = [Written("", None, d.site or analysis.module) for d in declarations]
    firsts = [d.scopes[0].scope if d.scopes else site for d, site in zip(declarations, made)]
    places = Places.of_all(analysis.module, firsts, analysis.layout)
    elsewhere = [i for i, place in enumerate(places) if place is None and declarations[i].scopes]
    sites = Places.of_all(analysis.module, [made[i] for i in elsewhere], analysis.layout)
    for i, place in zip(elsewhere, sites):
        places[i] = place  # its scopes are written in another module: where this file makes it
    return [place[0] if place else 0 for place in places]


def findings(analysis: Analysis, settings: Settings, elsewhere: Elsewhere | None = None) -> list[Located]:
    """The findings of an analysed module, sorted, one per place and code (a deprecated URL is
    reported once where it is written, whatever endpoints are reached through it).

    ``elsewhere``: what the other files of the application declare (the project view).
    """
    from .rules.checks import check, judge_of

    observations = analysis.observations
    judge = judge_of(observations, settings.scopes, elsewhere, lambda d: declaration_lines(analysis, [d])[0])
    if judge.silent_because and observations.requests and LOG.isEnabledFor(logging.INFO):
        LOG.info("flake8-tiktok-scopes: %s: TTS001 is silent: %s", analysis.filename, judge.silent_because)
    found = list(check(observations, judge))
    if not found:
        return []
    located = locate(analysis.module, found, analysis.layout)
    unique: dict[tuple[object, ...], Located] = {}
    for finding in sorted(located):
        key = (
            finding.line,
            finding.column,
            finding.code,
            "" if finding.code == "TTS003" else finding.subject,
        )
        unique.setdefault(key, finding)
    return sorted(unique.values())


def needs_elsewhere(analysis: Analysis, settings: Settings) -> bool:
    """True when the file's findings depend on the other files of its application: it requests
    something and declares nothing of its own, or (TTS006 reported) it declares scopes, which
    every request of the application may need."""
    own = bool(analysis.observations.stated)
    return (settings.unneeded and own) or (bool(analysis.observations.requests) and not own)


def elsewhere_for(filename: str, settings: Settings, app: Application | None = None) -> Elsewhere:
    """What the other files of a file's application declare, and when TTS006 is reported what
    their requests accept (``settings.root`` or its nearest root; ``app``: that application,
    when the caller has it)."""
    app = app or _application_of(filename, settings)
    app.analysed = lambda text, scanned: _settled_or_later(text, scanned, settings)
    return app.elsewhere(_path_of(filename), requests=settings.unneeded)


def _settled_or_later(source: str, analysis: Analysis, settings: Settings) -> Callable[[], object] | None:
    """Settle a file the scan analysed; when its findings depend on the application's view,
    what settles it once the scan is over."""
    if settle(source, analysis, settings) is not None:
        return None
    return lambda: _keep(source, analysis, settings, elsewhere_for(analysis.filename, settings))


def _path_of(filename: str) -> str:
    return os.path.abspath(filename if filename not in ("stdin", "-") else "stdin")


def _application_of(filename: str, settings: Settings) -> Application:
    from .application import application_of

    return application_of(_path_of(filename), settings)


def settle(source: str, analysis: Analysis, settings: Settings) -> list[Located] | None:
    """The findings of a file analysed before its own check (its application's scan read it),
    when they do not depend on the other files; kept, so that its check does not analyse it
    again. None when they depend on the other files."""
    return None if needs_elsewhere(analysis, settings) else _keep(source, analysis, settings, None)


def _keep(source: str, analysis: Analysis, settings: Settings, elsewhere: Elsewhere | None) -> list[Located]:
    """The findings of a file analysed ahead of its own check, judged by ``elsewhere``, kept for it."""
    from .results import Results

    found = findings(analysis, settings, elsewhere)
    Results(source, settings, analysis.filename).ahead(analysis.depends, found, elsewhere)
    return found


def new_run() -> None:
    """Forget what this process read of applications and the project's modules: the next check
    reads them afresh, as a new flake8 run does (within one run, files are read once)."""
    from .analysis.project import forget_projects
    from .application import forget_applications
    from .results import forget_ahead
    from .source.roots import forget_roots

    forget_applications()
    forget_projects()
    forget_ahead()
    forget_roots()


def locate(
    module: libcst.Module, findings: Iterable[Finding], layout: Layout | None = None
) -> Iterator[Located]:
    """Place each finding at the exact character where its subject is written."""
    from .analysis.places import Places

    findings = list(findings)
    places = Places(module, [finding.where for finding in findings], layout)
    own = layout.tops if layout is not None else {}
    first: dict[tuple[str, int, int], Located] = {}  # a subject written elsewhere, by where it is
    for finding in findings:
        anchor = finding.where.anchor
        elsewhere = anchor is not None and own.get(id(anchor.node), -1) < 0
        if elsewhere and _reported_where_written(finding, own):
            continue  # written in another module: reported there, where it is fixed
        place = places.of(finding.where)
        if place is None:
            continue
        if anchor is None or not elsewhere:
            yield finding.at(*place)
            continue
        # one finding per occurrence: at the first place in this module that leads to it
        key = (finding.code, id(anchor.node), anchor.offset)
        located = finding.at(*place)
        if key not in first or located < first[key]:
            first[key] = located
    yield from first.values()


def _reported_where_written(finding: Finding, own: Mapping[int, int]) -> bool:
    """True for a finding whose subject another module writes, when that module reports it."""
    request = finding.origin
    if finding.code in _WHERE_WRITTEN:
        return True
    if not isinstance(request, Request) or not request.carried or request.url is None:
        return False
    url = request.url.anchor  # the URL with its fields: a request that module sees itself
    return url is not None and own.get(id(url.node), -1) < 0


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a module's many nodes are made and dropped.

    Parsing allocates tens of thousands of objects that live until the check ends; the
    collector's repeated scans of them made the cost grow faster than the file (measured:
    per-line cost 1.7x from 400 to 12,700 lines with it, flat without it). A caller holds
    the pause until it drops the analysis: freed by reference counting (its cycles are broken),
    the tree never reaches the collector, which would otherwise walk it once in each generation.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def internal_error(error: BaseException) -> str:
    """How a failure of the checker itself is told: ``internal error: ValueError: ...``."""
    return f"{INTERNAL_ERROR}: {type(error).__name__}: {error}"


def check_source(
    source: str,
    settings: Settings = NO_SETTINGS,
    *,
    filename: str = "<source>",
    tree: ast.AST | None = None,
) -> list[Located]:
    """Every finding in one module's source, sorted; never raises.

    An internal failure on a file is logged (flake8 shows it with ``-v``) and the file
    yields no findings.
    """
    return check(source, settings, filename=filename, tree=tree)[0]


def check(
    source: str,
    settings: Settings = NO_SETTINGS,
    *,
    filename: str = "<source>",
    tree: ast.AST | None = None,
) -> tuple[list[Located], str | None]:
    """The findings of one module's source, and why it could not be analysed (None when it was,
    or when it says nothing of TikTok); never raises. Findings are cached (``settings.cache``)."""
    if not prefilter.mentions_tiktok(source):
        return [], None
    placed = not filename.startswith("<")  # a file with a place of its own (its application, a cache)
    try:
        results = None
        if placed:  # its findings may be kept from its application's scan, or in the cache folder
            from .results import Results

            results = Results(source, settings, filename)
            cached = results.get(lambda: elsewhere_for(filename, settings) if settings.project else None)
            if cached is not None:
                return cached, None
        with collector_paused():
            analysis = analyze(source, filename, tree, results.home if results is not None else None)
            if analysis is None:
                return [], None
            elsewhere = None
            if settings.project and results is not None:
                app = _application_of(filename, settings)
                app.remember(source, analysis, results.content)  # for its scan
                if needs_elsewhere(analysis, settings):
                    elsewhere = elsewhere_for(filename, settings, app)
            found = findings(analysis, settings, elsewhere)
            if results is not None:
                results.put(analysis.depends, found, elsewhere)
            del analysis  # freed here, before the collector would walk its tree
        return found, None
    except Skipped as reason:
        LOG.info("flake8-tiktok-scopes: skipped %s: %s", filename, reason)
        return [], str(reason)
    except (Exception, RecursionError, MemoryError) as error:
        LOG.warning("flake8-tiktok-scopes: skipped %s: %s: %s", filename, type(error).__name__, error)
        return [], internal_error(error)
