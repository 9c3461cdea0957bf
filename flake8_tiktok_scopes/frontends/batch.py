"""``tiktok-scopes check`` over many files: in worker processes, in bounded memory.

Two passes. The first sums up what the files that may declare scopes declare (their
application's view), and keeps the findings of each file it analyses whose findings do not
depend on the other files; the second checks the other files with those summaries at hand
(each worker learns them once). A worker holds one file's tree at a time and hands back only summaries and
findings, so memory does not grow with the number of files; the output is in the order of the
files, whatever the number of workers.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, TypeVar

from .. import engine
from ..application import Summary, application_of, summarise_source
from ..cache import Cache
from ..records import Record
from ..rules.findings import Located
from ..source.roots import find_root
from . import workspace
from .noqa import Noqa
from .workspace import Options, Source, not_analysed

#: Fewer files than this are checked in this process (workers take longer to start).
IN_PROCESS_BELOW = 16
_R = TypeVar("_R")


class Job(Record):
    """One file to check: its path, and its text when it does not come from the disk (stdin)."""

    path: str
    source: Source | None = None


class Outcome(Record):
    """What checking one file gave: its findings, or why it could not be read."""

    path: str
    found: tuple[Located, ...] = ()
    error: str | None = None


def check_files(jobs: Sequence[Job], options: Options, workers: int) -> list[Outcome]:
    """Check files (``workers`` processes; 1: in this process), in the order given."""
    workers = 1 if len(jobs) < IN_PROCESS_BELOW else max(1, workers)
    summaries: dict[str, Summary] = {}
    settled: dict[int, Outcome] = {}
    if options.project:
        for number, (summary, outcome) in enumerate(_map(_survey, jobs, workers, options, {})):
            if summary is not None:
                summaries[jobs[number].path] = summary
            if outcome is not None:
                settled[number] = outcome
    rest = [number for number in range(len(jobs)) if number not in settled]
    checked = dict(zip(rest, _map(_check, [jobs[n] for n in rest], workers, options, summaries)))
    return [settled[number] if number in settled else checked[number] for number in range(len(jobs))]


def _map(
    function: Callable[[Job], _R],
    jobs: Sequence[Job],
    workers: int,
    options: Options,
    summaries: dict[str, Summary],
) -> Iterator[_R]:
    if workers == 1:
        _start(options, summaries)
        yield from map(function, jobs)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(workers, context, initializer=_start, initargs=(options, summaries)) as pool:
        yield from pool.map(function, jobs, chunksize=max(1, len(jobs) // (workers * 8)))


#: What a worker knows: the run's options, and the summaries of the run's files.
_OPTIONS = Options()


def _start(options: Options, summaries: dict[str, Summary]) -> None:
    """Set up a worker (or this process): the options, and the summaries its applications use."""
    global _OPTIONS
    _OPTIONS = options
    settings = options.settings
    for path, summary in summaries.items():
        application_of(path, settings).note(os.path.abspath(path), summary)


def _read(job: Job) -> Source | str:
    """The job's source, or why it could not be read."""
    if job.source is not None:
        return job.source
    try:
        return workspace.read_source(job.path)
    except OSError as error:
        return f"{job.path}: {error.strerror or error}"


def _survey(job: Job) -> tuple[Summary | None, Outcome | None]:
    """Pass one: what a file declares, and when TTS006 is judged what its requests accept (None
    for a file that cannot be read); its outcome when it was analysed and its findings do not
    depend on the other files."""
    source = _read(job)
    if isinstance(source, str):
        return None, None
    settings = _OPTIONS.settings
    settled: list[list[Located]] = []

    def analysed(text: str, analysis: engine.Analysis) -> None:
        found = engine.settle(text, analysis, settings)
        if found is not None:
            settled.append(found)

    home = find_root(job.path, settings.checked)
    summary = summarise_source(
        source.text, job.path, settings.unneeded, analysed, Cache(settings.cache), home
    )[0]
    return summary, _outcome(job, source, settled[0], None) if settled else None


def _check(job: Job) -> Outcome:
    """Pass two: a file's findings, the codes chosen and ``# noqa`` honoured."""
    source = _read(job)
    if isinstance(source, str):
        return Outcome(job.path, error=source)
    return _outcome(job, source, *engine.check(source.text, _OPTIONS.settings, filename=job.path))


def _outcome(job: Job, source: Source, found: list[Located], reason: str | None) -> Outcome:
    """A file's outcome from its findings (or why it was not analysed): the codes chosen, and
    ``# noqa`` honoured."""
    options = _OPTIONS
    if reason is not None:
        found = [not_analysed(job.path, reason)]
    found = [f for f in found if f.code in options.codes]
    if found and not options.disable_noqa:
        noqa = Noqa(source.lines)
        found = [] if noqa.skips_file() else [f for f in found if not noqa.ignores(f.code, f.line)]
    return Outcome(job.path, tuple(f.without_origin() for f in found))
