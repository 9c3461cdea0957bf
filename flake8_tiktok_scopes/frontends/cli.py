"""The ``tiktok-scopes`` command: ``check``, ``scopes`` and ``fix`` over files, directories and stdin.

Exit status: 0 nothing found, 1 findings (a file that mentions TikTok but cannot be analysed
is one: TTS000; ``scopes``: such a file; ``fix``: something left unfixed or not written, or
``--diff`` shows a change), 2 a usage or I/O error. Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

from .. import __version__, options
from ..fix import apply
from ..rules.findings import Located
from . import batch, config, discover, report, sarif
from .needs_report import needed_scopes
from .selection import selected
from .workspace import Log, Options, Workspace, decode_source

FORMATS = ("text", "json", "sarif", "github")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (the caller prints it)."""

    def error(self, message: str) -> NoReturn:
        raise options.UsageError(f"{self.prog}: error: {message} (see --help)")


def build_parser() -> argparse.ArgumentParser:
    """The command line: three subcommands, each with its own ``--help``."""
    parser = _Parser(
        prog="tiktok-scopes",
        description="Find TikTok API fields whose OAuth scope the code does not request.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    paths = _Parser(add_help=False)
    paths.add_argument(
        "paths", nargs="*", default=["."], metavar="PATH", help="files or directories (.); - reads stdin"
    )
    paths.add_argument(
        "--stdin-display-name", default="stdin", metavar="NAME", help="the name stdin is reported as (stdin)"
    )
    paths.add_argument("-v", "--verbose", action="store_true", help="say which folders were skipped and why")
    common = _Parser(add_help=False, parents=[paths])
    options.add_to_argparse(common)
    common.add_argument(
        "--project",
        action="store_true",
        help="judge a file that declares nothing by its application's declarations (the default)",
    )
    common.add_argument("--select", action="append", metavar="CODES", help="report only these codes")
    common.add_argument("--extend-select", action="append", metavar="CODES", help="also report these codes")
    common.add_argument("--ignore", action="append", metavar="CODES", help="do not report these codes")
    common.add_argument("--disable-noqa", action="store_true", help="report findings silenced by # noqa")

    check = commands.add_parser(
        "check", parents=[common], help="report findings", description="Report findings, flake8-style."
    )
    check.add_argument("--format", choices=FORMATS, default="text", help="output format (text)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument(
        "-j", "--jobs", type=int, default=0, metavar="N", help="worker processes (default: one per core)"
    )
    check.set_defaults(run=_check)

    scopes = commands.add_parser(
        "scopes",
        parents=[paths],
        help="print the scopes the requests need",
        description="Print the minimal comma-separated scope string that every request found needs.",
    )
    scopes.add_argument("--format", choices=("text", "json"), default="text", help="output format (text)")
    scopes.set_defaults(run=_scopes)

    fix = commands.add_parser(
        "fix",
        parents=[common],
        help="edit scope declarations",
        description="Add missing scopes to the declarations, separate scopes with commas, "
        "and correct misspelt scope names; every other byte stays as it was. A file changed "
        "since it was read, a read-only file and a symbolic link out of the named trees are not written.",
    )
    fix.add_argument("--diff", action="store_true", help="print a unified diff and write nothing")
    fix.set_defaults(run=_fix)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit status."""
    log = Log()
    try:
        args = build_parser().parse_args(argv)
        log.verbose = args.verbose
        if args.verbose:
            _show_engine_notes(log)
        status: int = args.run(args, log)
        return 2 if log.failed else status
    except SystemExit as exit:  # --help, --version
        return exit.code if isinstance(exit.code, int) else 0
    except (options.UsageError, discover.DiscoveryError) as error:
        message = str(error)
        log.say(message if message.startswith("tiktok-scopes") else f"tiktok-scopes: error: {message}")
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug: one line, the traceback only with --verbose
        if log.verbose:
            traceback.print_exc()
        log.say(f"tiktok-scopes: internal error: {type(error).__name__}: {error}")
        return 2


def _show_engine_notes(log: Log) -> None:
    """With ``-v``: what the engine logs (a file skipped, a value past its bound) on stderr."""
    import logging

    class Notes(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            log.say(record.getMessage().replace("flake8-tiktok-scopes: ", "tiktok-scopes: ", 1))

    engine_log = logging.getLogger("flake8.tiktok_scopes")
    engine_log.setLevel(logging.INFO)
    for handler in [h for h in engine_log.handlers if type(h).__name__ == "Notes"]:
        engine_log.removeHandler(handler)  # (one run after another in one process: the latest's log)
    engine_log.addHandler(Notes())


def run() -> NoReturn:
    """Console-script entry point."""
    for stream in (sys.stdout, sys.stderr):  # a console that cannot show a character gets an escape
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:  # output piped into a command that stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    raise SystemExit(status)


def _settings_options(args: argparse.Namespace) -> Options:
    found = (
        config.Config(config.split_list(args.tiktok_scopes), options.SCOPES.flag)
        if args.tiktok_scopes is not None
        else config.load()
    )
    try:
        scopes = options.parse_scopes(found.scopes)
    except options.UsageError as error:  # say where the value was written
        problem = str(error).replace(f"{options.SCOPES.flag}: ", "", 1)
        raise options.UsageError(f"{found.origin}: {problem}") from None
    codes = selected(args.select, args.extend_select, args.ignore)
    settings = options.settings_from(args, scopes=False)._replace(scopes=scopes, unneeded="TTS006" in codes)
    return Options(settings, codes, settings.project, args.disable_noqa)


def _load(args: argparse.Namespace, log: Log) -> Workspace:
    workspace = Workspace(log, options.folders_checked(args))
    stdin_name = args.stdin_display_name
    for path in discover.python_files(args.paths, log):
        if path == discover.STDIN:
            workspace.add(decode_source(stdin_name, sys.stdin.buffer.read()))
        elif os.path.normpath(path) != os.path.normpath(stdin_name) or discover.STDIN not in args.paths:
            workspace.load([path])  # (a file that stdin stands for, as an editor's buffer, is not read)
    return workspace


def _jobs(args: argparse.Namespace, log: Log) -> list[batch.Job]:
    """The files to check; standard input read here (it stands for the file of its display name)."""
    jobs = []
    stdin_name = args.stdin_display_name
    for path in discover.python_files(args.paths, log):
        if path == discover.STDIN:
            jobs.append(batch.Job(stdin_name, decode_source(stdin_name, sys.stdin.buffer.read())))
        elif os.path.normpath(path) != os.path.normpath(stdin_name) or discover.STDIN not in args.paths:
            jobs.append(batch.Job(path))
    return jobs


def _check(args: argparse.Namespace, log: Log) -> int:
    settings = _settings_options(args)
    found: list[tuple[str, Located]] = []
    for outcome in batch.check_files(_jobs(args, log), settings, args.jobs or os.cpu_count() or 1):
        if outcome.error is not None:
            log.error(outcome.error)
        found.extend((outcome.path, f) for f in outcome.found)
    if args.format in ("sarif", "github"):
        root = sarif.source_root()
        if args.format == "sarif":
            sys.stdout.write(sarif.dumps(found, root))
        else:
            shown = [(sarif.relative_to(path, root) or path, f) for path, f in found]
            sys.stdout.write(report.github(shown))
    else:
        sys.stdout.write(report.as_json(found) if args.format == "json" else report.text(found))
    return 1 if found and not args.exit_zero else 0


def _scopes(args: argparse.Namespace, log: Log) -> int:
    workspace = _load(args, log)
    needs = needed_scopes(workspace)
    if args.format == "json":
        sys.stdout.write(needs.as_json())
    elif needs.scopes:
        sys.stdout.write(needs.scope_string + "\n")
    else:
        log.say("tiktok-scopes: no request for TikTok fields found")
    for path, reason in workspace.unanalysed.items():
        log.say(f"tiktok-scopes: {path}: not counted: it could not be analysed: {reason}")
    return 1 if workspace.unanalysed else 0


def _fix(args: argparse.Namespace, log: Log) -> int:
    if discover.STDIN in args.paths:
        raise options.UsageError("fix writes files: it cannot take - (stdin)")
    settings = _settings_options(args)
    workspace = _load(args, log)
    outcome = apply.fix(workspace, settings)
    for line in outcome.done:
        log.say(line)
    if args.diff:
        for path, (before, after) in outcome.changed.items():
            _write_bytes(apply.unified_diff(path, before, after))
        count = len(outcome.changed)
    else:
        count = apply.write_all(outcome, workspace, args.paths, log)
    for line in outcome.left:
        log.say(line)
    verb = "would change" if args.diff else "changed"
    log.say(f"tiktok-scopes: {verb} {count} file{'s' if count != 1 else ''}")
    return 1 if outcome.left or (args.diff and outcome.changed) else 0


def _write_bytes(data: bytes) -> None:
    """Bytes on stdout as they are (a diff keeps the file's own encoding and line endings)."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8", "surrogateescape"))
    else:
        buffer.write(data)
        buffer.flush()
