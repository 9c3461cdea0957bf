"""The fixture format: expected findings written on the lines where they are reported.

A comment ``# expect: TTS001 follower_count`` says flake8 reports TTS001 with subject
``follower_count`` on that line, at the column where ``follower_count`` is first written
as a whole word. Several findings are separated by ``;``. Options per finding:

- ``col=N``: the 1-based column, when the subject is not written as such on the line
  (a URL whose host is written elsewhere, a default the SDK fills in);
- ``line=+N`` / ``line=-N``: the finding is N lines below/above the comment (inside a
  triple-quoted string, where no comment can stand).

A comment ``# flake8-args: --extend-select=TTS005`` in a fixture's first ten lines gives the
flake8 arguments it must be checked with.

A comment ``# known-miss: <why>`` in a fixture's first ten lines says the analysis does not yet
report what the fixture expects: its test is an expected failure (strict, so that it fails as
soon as the analysis gets the fixture right and the comment must go).

The applications in ``fixtures/projects`` (tests/test_projects.py) are checked by several front
ends (``flake8``, ``stdin``, ``cli``, ``cli-project``; ``all`` names every one) and say more:

- ``missed-by=FRONT,ENDS`` after an expected finding: the contract asks for it, but these front
  ends do not report it yet (a known miss; once one reports it, the test asks to drop the name);
- ``# not-expected: TTS006 user.info.stats reported-by=FRONT,ENDS``: a finding the contract rules
  out, which these front ends report anyway (a known false finding, same options as ``expect``);
- ``# declares: user.info.basic,user.info.profile`` marks a line where the application declares
  scopes (``# declares: ?``: a declaration that cannot be resolved). A message that judges a file
  by declarations names only such lines: the file's own when it has some, else its application's.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PROJECTS = FIXTURES / "projects"
_EXPECT = re.compile(r"#\s*expect:\s*(?P<items>[^#]*)")
_NOT_EXPECTED = re.compile(r"#\s*not-expected:\s*(?P<items>[^#]*)")
_DECLARES = re.compile(r"#\s*declares:\s*(?P<scopes>\S+)")
_COMMENTS = re.compile(r"#\s*(?:expect|not-expected|declares):")
_ARGS = re.compile(r"#\s*flake8-args:\s*(?P<args>.*)$")
_KNOWN_MISS = re.compile(r"#\s*known-miss:\s*(?P<why>.*\S)")
_SUBJECT = re.compile(r"'([^']*)'")
_FORMAT = "%(path)s|%(row)d|%(col)d|%(code)s|%(text)s"


class Finding(NamedTuple):
    """One finding: file, 1-based line, 1-based column, code, subject."""

    path: str
    line: int
    column: int
    code: str
    subject: str


def _code_part(line: str) -> str:
    return _COMMENTS.split(line, 1)[0]


def _items(path: Path, comment: re.Pattern[str]) -> Iterator[tuple[Finding, dict[str, str]]]:
    """The findings one kind of comment names in a fixture, with their options."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        match = comment.search(line)
        if not match:
            continue
        for item in filter(None, (part.strip() for part in match.group("items").split(";"))):
            words = item.split()
            code, subject = words[0], words[1]
            options = dict(word.split("=", 1) for word in words[2:])
            target = number + int(options.get("line", "0"))
            column = (
                int(options["col"]) if "col" in options else _column(lines[target - 1], subject, path, target)
            )
            yield Finding(str(path), target, column, code, subject), options


def expected(path: Path) -> set[Finding]:
    """The findings a fixture's comments expect."""
    return {finding for finding, _ in _items(path, _EXPECT)}


def known_misses(path: Path) -> dict[Finding, set[str]]:
    """Expected findings that some front ends do not report yet: finding -> those front ends."""
    return {
        finding: set(options["missed-by"].split(","))
        for finding, options in _items(path, _EXPECT)
        if "missed-by" in options
    }


def known_false(path: Path) -> dict[Finding, set[str]]:
    """Findings the contract rules out that some front ends report: finding -> those front ends."""
    return {
        finding: set(options["reported-by"].split(",")) for finding, options in _items(path, _NOT_EXPECTED)
    }


def declarations(path: Path) -> dict[int, frozenset[str] | None]:
    """The lines a fixture marks as declaring scopes: line -> the scopes (None: unresolved)."""
    marked: dict[int, frozenset[str] | None] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _DECLARES.search(line)
        if match:
            scopes = match.group("scopes")
            marked[number] = None if scopes == "?" else frozenset(scopes.split(","))
    return marked


def _column(line: str, subject: str, path: Path, number: int) -> int:
    match = re.search(rf"(?<![\w.]){re.escape(subject)}(?!\w)", _code_part(line))
    if match is None:
        raise ValueError(f"{path}:{number}: '{subject}' is not written on the line; give col=")
    return match.start() + 1


def _header_match(path: Path, pattern: re.Pattern[str]) -> re.Match[str] | None:
    for line in path.read_text(encoding="utf-8").splitlines()[:10]:
        match = pattern.search(line)
        if match:
            return match
    return None


def flake8_args(path: Path) -> tuple[str, ...]:
    """The flake8 arguments a fixture asks for."""
    match = _header_match(path, _ARGS)
    return tuple(shlex.split(match.group("args"))) if match else ()


def known_miss(path: Path) -> str | None:
    """Why the analysis does not yet report what a fixture expects, if its header says so."""
    match = _header_match(path, _KNOWN_MISS)
    return match.group("why") if match else None


class Report(NamedTuple):
    """A finding a front end reported, and its whole message."""

    finding: Finding
    message: str


def flake8_reports(arguments: Iterable[str], cwd: Path = ROOT, stdin: str | None = None) -> list[Report]:
    """Run real flake8 with the plugin (``stdin``: the text of a ``-`` argument); the TTS findings
    it reports, with their messages."""
    command = [sys.executable, "-m", "flake8", "--isolated", f"--format={_FORMAT}", *arguments]
    result = subprocess.run(command, input=stdin, capture_output=True, text=True, cwd=cwd, check=False)
    if result.returncode not in (0, 1) or result.stderr.strip():
        raise AssertionError(f"flake8 failed ({result.returncode}):\n{result.stderr}")
    found = []
    for line in result.stdout.splitlines():
        path, row, col, code, text = line.split("|", 4)
        if code.startswith("TTS"):
            found.append(Report(Finding(path, int(row), int(col), code, subject(text)), text))
    return found


def subject(message: str) -> str:
    """A message's subject: its first single-quoted token."""
    match = _SUBJECT.search(message)
    return match.group(1) if match else ""


def run_flake8(paths: Iterable[Path], args: Iterable[str] = (), cwd: Path = ROOT) -> set[Finding]:
    """Run real flake8 with the plugin over files; the TTS findings it reports."""
    return {report.finding for report in flake8_reports([*args, *map(str, paths)], cwd)}
