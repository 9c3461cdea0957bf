"""Where an application starts in the file tree, and which files are its.

An application is the nearest folder with a root marker (``pyproject.toml``, ``.git``, ...). In a
tree without markers it is the folder Python imports the file's package from, or for a file
outside any package the folder the run was asked to check. Nothing here reads a file's text.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator, Sequence

#: Files that name the folder holding an application (the nearest one wins).
ROOT_MARKERS = ("pyproject.toml", "setup.cfg", "tox.ini", ".flake8", ".git", "manage.py")
#: Folders never searched for an application's files (settings, configuration, declarations).
SKIPPED_DIRS = frozenset(
    {"venv", "env", "node_modules", "__pycache__", "site-packages", "build", "dist", "tests", "test"}
)  # and every folder whose name starts with a dot


def find_root(path: str, checked: Sequence[str] = ()) -> str:
    """The folder of the application that holds ``path``: the nearest with a root marker. In a
    tree without markers, the folder Python imports the file's package from (the one above its
    outermost folder with ``__init__.py``); for a file outside any package, the outermost of the
    ``checked`` folders (those a run was asked to check) that holds it, else its own folder."""
    return _root_of(os.path.dirname(os.path.abspath(path)), tuple(map(os.path.abspath, checked)))


@functools.lru_cache(maxsize=4096)
def _root_of(start: str, checked: tuple[str, ...]) -> str:
    """:func:`find_root` for the files of a folder (found once per folder in a run)."""
    directory = start
    while True:
        if is_root(directory):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    directory = above_packages(start)
    if directory != start:
        return directory
    holding = [folder for folder in checked if _holds(folder, directory)]
    return min(holding, key=len, default=directory)


def above_packages(directory: str) -> str:
    """The folder Python imports a folder's package from: the one above its outermost folder
    with ``__init__.py`` (the folder itself when it is not a package)."""
    while os.path.isfile(os.path.join(directory, "__init__.py")) and os.path.dirname(directory) != directory:
        directory = os.path.dirname(directory)
    return directory


def _holds(folder: str, directory: str) -> bool:
    try:
        return os.path.commonpath((folder, directory)) == folder
    except ValueError:  # on another drive
        return False


def _is_test(filename: str) -> bool:
    return filename.startswith("test_") or filename.endswith("_test.py") or filename == "conftest.py"


def application_files(root: str, limit: int | None = None) -> Iterator[str]:
    """The Python files of the application at ``root``: a walk that skips virtualenvs, build
    output, tests (a test configures an app for itself) and folders holding another
    application (their own root marker), at most ``limit`` files."""
    count = 0
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d
            for d in dirnames
            if d not in SKIPPED_DIRS and not d.startswith(".") and not is_root(os.path.join(directory, d))
        )
        for filename in sorted(filenames):
            if filename.endswith(".py") and not _is_test(filename):
                count += 1
                if limit is not None and count > limit:
                    return
                yield os.path.join(directory, filename)


@functools.lru_cache(maxsize=4096)
def is_root(directory: str) -> bool:
    """True for a folder with a root marker: an application of its own (looked for once per
    folder in a run: every file of a tree asks about the same folders above it)."""
    return any(os.path.exists(os.path.join(directory, marker)) for marker in ROOT_MARKERS)


def forget_roots() -> None:
    """Forget the folders looked at (a new run looks again)."""
    is_root.cache_clear()
    _root_of.cache_clear()
