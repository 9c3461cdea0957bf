"""Find the Python files to check: git's view of a directory when it has one, else a walk."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence

#: Folders never walked into: virtualenvs, build output, caches, version control.
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


class DiscoveryError(Exception):
    """A path given on the command line does not exist."""


def python_files(paths: Sequence[str]) -> list[str]:
    """The files to check: named files as they are, ``*.py`` files found under directories."""
    found: dict[str, None] = {}
    for path in paths:
        if os.path.isdir(path):
            for name in _in_directory(path):
                found.setdefault(name)
        elif os.path.exists(path):
            found.setdefault(os.path.normpath(path))
        else:
            raise DiscoveryError(f"{path}: no such file or directory")
    return list(found)


def _in_directory(root: str) -> list[str]:
    listed = _git_files(root)
    relative = _walk(root) if listed is None else listed
    return sorted(
        os.path.normpath(os.path.join(root, name))
        for name in relative
        if name.endswith(".py")
        and not SKIPPED_DIRS.intersection(name.split("/")[:-1])
        and os.path.isfile(os.path.join(root, name))
    )


def _git_files(root: str) -> list[str] | None:
    """Tracked and untracked-but-not-ignored files under ``root``; None outside a git work tree."""
    command = ["git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    try:
        result = subprocess.run(command, capture_output=True, check=False)
    except OSError:  # no git
        return None
    if result.returncode != 0:
        return None
    return [os.fsdecode(name) for name in result.stdout.split(b"\0") if name]


def _walk(root: str) -> Iterable[str]:
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
        relative = os.path.relpath(directory, root)
        for filename in filenames:
            yield filename if relative == "." else os.path.join(relative, filename).replace(os.sep, "/")
