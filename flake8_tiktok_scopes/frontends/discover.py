"""Find the Python files to check: a directory as git sees it when it is in a work tree, else a walk.

- In a git work tree, every ``*.py`` file git tracks or would add is checked (in ``build/``
  or ``dist/`` too, as flake8 checks them); only what git ignores is left out. Nested
  repositories and submodules are listed by their own git.
- Outside git, and in a directory named on the command line that git ignores, the walk
  leaves out the folders in :data:`SKIPPED_DIRS` and symbolic links to directories, and says
  so with ``--verbose``.
- A file named on the command line is always checked; ``-`` is standard input.
- A directory that cannot be read is an error (the run exits 2), never a silent skip.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator, Sequence

from .workspace import Log

STDIN = "-"

#: Folders the walk outside git never enters: virtualenvs, build output, caches, version control.
SKIPPED_DIRS = frozenset(
    {
        ".venv",
        "venv",
        ".tox",
        ".nox",
        "build",
        "dist",
        "node_modules",
        "__pycache__",
        ".git",
        ".hg",
        ".svn",
        "site-packages",
        ".eggs",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
    }
)

#: git's warning for a directory it could not list (the run goes on without it).
_UNREADABLE = re.compile(r"could not open directory '(?P<path>.*)': (?P<reason>.*)$")


class DiscoveryError(Exception):
    """A path given on the command line does not exist."""


def python_files(paths: Sequence[str], log: Log) -> list[str]:
    """The files to check: named files as they are, ``*.py`` files found under directories.

    ``-`` (standard input) is kept in its place; unreadable directories are reported on ``log``.
    """
    found: dict[str, None] = {}
    for path in paths:
        if path == STDIN:
            found.setdefault(STDIN)
        elif os.path.isdir(path):
            for name in _in_directory(path, log, set()):
                found.setdefault(name)
        elif os.path.exists(path):
            found.setdefault(os.path.normpath(path))
        else:
            raise DiscoveryError(f"{path}: no such file or directory")
    return list(found)


def _in_directory(root: str, log: Log, seen: set[str]) -> list[str]:
    """The files under ``root``; ``seen``: the folders already listed (a submodule not checked
    out lists itself)."""
    real = os.path.realpath(root)
    if real in seen:
        return []
    seen.add(real)
    listed = None if _git_ignores(root) else _git_files(root, log)
    if listed is None:
        return sorted(_walk(root, log))
    found: list[str] = []
    for name in listed:
        path = os.path.normpath(os.path.join(root, name))
        if os.path.islink(path):
            if name.endswith(".py") and os.path.isfile(path):
                found.append(path)
        elif os.path.isdir(path):  # a submodule or a nested repository
            found += _in_directory(path, log, seen)
        elif name.endswith(".py") and os.path.isfile(path):
            found.append(path)
    return sorted(found)


def _git(root: str, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(["git", "-C", root, *args], capture_output=True, check=False)
    except OSError:  # no git
        return None


def _git_ignores(root: str) -> bool:
    """True when ``root`` lies in a git work tree that ignores it (it was named: walk it)."""
    result = _git(root, "check-ignore", "-q", ".")
    return result is not None and result.returncode == 0


def _git_files(root: str, log: Log) -> list[str] | None:
    """Tracked, and untracked but not ignored, files under ``root``; None outside a git work tree."""
    result = _git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    if result is None or result.returncode != 0:
        return None
    for line in os.fsdecode(result.stderr).splitlines():
        unreadable = _UNREADABLE.search(line)
        if unreadable:
            where = os.path.normpath(os.path.join(root, unreadable.group("path")))
            log.error(f"{where}: {unreadable.group('reason')}")
    return [os.fsdecode(name) for name in result.stdout.split(b"\0") if name]


def _walk(root: str, log: Log) -> Iterator[str]:
    def unreadable(error: OSError) -> None:
        log.error(f"{os.path.normpath(error.filename or root)}: {error.strerror or error}")

    for directory, dirnames, filenames in os.walk(root, onerror=unreadable):
        kept = []
        for name in sorted(dirnames):
            path = os.path.normpath(os.path.join(directory, name))
            if name in SKIPPED_DIRS:
                log.note(
                    f"skipped {path}{os.sep}: a folder the walk outside git leaves out (name it to check it)"
                )
            elif os.path.islink(path):
                log.note(f"skipped {path}{os.sep}: a symbolic link to a directory (name it to check it)")
            else:
                kept.append(name)
        dirnames[:] = kept
        for filename in filenames:
            path = os.path.normpath(os.path.join(directory, filename))
            if filename.endswith(".py") and os.path.isfile(path):
                yield path
