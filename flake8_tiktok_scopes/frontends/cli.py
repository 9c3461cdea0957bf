"""The ``tiktok-scopes`` command: ``check``, ``scopes`` and ``fix`` over files and directories.

Exit status: 0 nothing found, 1 findings (``fix``: something left unfixed, or ``--diff``
shows a change), 2 a usage or I/O error. Errors are one line on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from typing import NoReturn

from .. import __version__, options
from ..fix import apply
from ..options import Settings
from . import config, discover, report, sarif
from .needs_report import needed_scopes
from .selection import selected
from .workspace import Log, Options, Workspace

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
    paths.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or directories (.)")
    paths.add_argument("-v", "--verbose", action="store_true", help="say which files were skipped and why")
    common = _Parser(add_help=False, parents=[paths])
    options.add_to_argparse(common)
    common.add_argument(
        "--project",
        action="store_true",
        help="scopes declared in any checked file count for the requests of every other one",
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
        "and correct misspelt scope names; every other byte stays as it was.",
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


def run() -> NoReturn:
    """Console-script entry point."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:  # output piped into a command that stopped reading
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    raise SystemExit(status)


def _settings_options(args: argparse.Namespace, log: Log) -> Options:
    found = config.load()
    if found.note:
        log.say(f"tiktok-scopes: note: {found.note}")
    value = args.tiktok_scopes if args.tiktok_scopes is not None else found.scopes
    try:
        scopes = options.parse_scopes(value)
    except options.UsageError as error:
        where = "" if args.tiktok_scopes is not None or found.path is None else f"{found.path}: "
        raise options.UsageError(f"{where}{error}") from None
    return Options(
        Settings(scopes=scopes),
        selected(args.select, args.extend_select, args.ignore),
        args.project,
        args.disable_noqa,
    )


def _load(args: argparse.Namespace, log: Log) -> Workspace:
    workspace = Workspace(log)
    workspace.load(discover.python_files(args.paths))
    return workspace


def _check(args: argparse.Namespace, log: Log) -> int:
    settings = _settings_options(args, log)
    workspace = _load(args, log)
    found = [(path, f) for path in workspace.sources for f in workspace.findings(path, settings)]
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
    return 0


def _fix(args: argparse.Namespace, log: Log) -> int:
    settings = _settings_options(args, log)
    workspace = _load(args, log)
    outcome = apply.fix(workspace, settings)
    for line in outcome.done:
        log.say(line)
    for path, (before, after) in outcome.changed.items():
        if args.diff:
            sys.stdout.write(apply.unified_diff(path, before, after))
            continue
        encoding = workspace.sources[path].encoding or "utf-8"
        try:
            apply.write_atomic(path, after.encode(encoding))
        except OSError as error:
            log.error(f"{path}: not written: {error.strerror or error}")
    for line in outcome.left:
        log.say(line)
    count = len(outcome.changed)
    verb = "would change" if args.diff else "changed"
    log.say(f"tiktok-scopes: {verb} {count} file{'s' if count != 1 else ''}")
    return 1 if outcome.left or (args.diff and outcome.changed) else 0
