"""Options, defined once for the flake8 plugin and the command line.

flake8 imports this module on every run, with the file not yet read: its records are named
tuples (a frozen dataclass costs ~1 ms to define, a named tuple a sixth of that).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import Any

from .records import Record


class Settings(Record):
    """What the project configures (the same for the flake8 plugin and the command line)."""

    scopes: AbstractSet[str] | None = None  # the scopes to assume when nothing declares any
    project: bool = True  # judge a file that declares nothing by its application's declarations
    root: str | None = None  # the application's root (None: the nearest folder with a root marker)
    checked: tuple[str, ...] = ()  # the folders the run checks: in a tree without markers, roots
    cache: str | None = None  # the cache folder (None: no cache)
    unneeded: bool = False  # TTS006 is reported: judge declarations by every request of the application


class UsageError(Exception):
    """A configuration value the checker cannot use (reported as one line, never a traceback)."""


class Option(Record):
    """One option: its flag (also its config key without the dashes), help text and kind."""

    flag: str
    help: str
    metavar: str | None = None
    kind: str = "value"  # "list" (comma-separated), "path", "switch" (no value)
    alias: str | None = None  # a shorter flag the command line also takes

    @property
    def dest(self) -> str:
        """The attribute it is parsed into."""
        return self.flag.lstrip("-").replace("-", "_")


SCOPES = Option(
    "--tiktok-scopes",
    "Comma-separated TikTok scopes the project's OAuth authorization requests; used when no file "
    "of the application declares any (config: tiktok-scopes = ...).",
    "SCOPES",
    "list",
)
ROOT = Option(
    "--tiktok-scopes-root",
    "The application's root folder, whose files' declared scopes count for a file that declares "
    "none (default: the nearest folder with pyproject.toml, setup.cfg, tox.ini, .flake8, .git or manage.py; "
    "without one, the folder above the file's outermost package, or the folder checked).",
    "DIR",
    "path",
)
PER_FILE = Option(
    "--tiktok-scopes-per-file",
    "Judge each file by its own declarations and the configured scopes only (no project view).",
    kind="switch",
    alias="--per-file",
)
CACHE_DIR = Option(
    "--tiktok-scopes-cache-dir",
    "Where the checker caches what each file declares (default: $TIKTOK_SCOPES_CACHE_DIR, else "
    "$XDG_CACHE_HOME/flake8-tiktok-scopes, else ~/.cache/flake8-tiktok-scopes).",
    "DIR",
    "path",
)
NO_CACHE = Option(
    "--tiktok-scopes-no-cache",
    "Do not read or write the cache (also: TIKTOK_SCOPES_NO_CACHE=1).",
    kind="switch",
)
OPTIONS: tuple[Option, ...] = (SCOPES, ROOT, PER_FILE, CACHE_DIR, NO_CACHE)


def add_to_flake8(manager: Any) -> None:
    """Register the options with flake8's OptionManager (command line and config files)."""
    for option in OPTIONS:
        if option.kind == "switch":
            manager.add_option(option.flag, action="store_true", parse_from_config=True, help=option.help)
            continue
        manager.add_option(
            option.flag,
            default=None,
            parse_from_config=True,
            comma_separated_list=option.kind == "list",
            normalize_paths=option.kind == "path",
            metavar=option.metavar,
            help=option.help,
        )


def add_to_argparse(parser: argparse.ArgumentParser) -> None:
    """Register the same options with an argparse parser."""
    for option in OPTIONS:
        flags = [option.flag, *([option.alias] if option.alias else [])]
        if option.kind == "switch":
            parser.add_argument(*flags, dest=option.dest, action="store_true", help=option.help)
        else:
            parser.add_argument(
                *flags, dest=option.dest, default=None, metavar=option.metavar, help=option.help
            )


def parse_scopes(value: str | Iterable[str] | None) -> frozenset[str] | None:
    """The configured scopes, checked against the catalog; None when none are configured."""
    if value is None:
        return None
    # only when scopes are configured: flake8 imports this module on every run
    from .rules.suggest import did_you_mean
    from .tiktok import catalog

    items = value.split(",") if isinstance(value, str) else [i for v in value for i in v.split(",")]
    scopes = frozenset(item.strip() for item in items if item.strip())
    for scope in sorted(scopes):
        if scope not in catalog.KNOWN_SCOPES:
            close = did_you_mean(scope, catalog.KNOWN_SCOPES)
            hint = f" (did you mean '{close}'?)" if close else ""
            raise UsageError(f"{SCOPES.flag}: unknown TikTok scope '{scope}'{hint}")
    return scopes or None


def settings_from(namespace: argparse.Namespace, *, scopes: bool = True) -> Settings:
    """Settings from parsed options (flake8's or the command line's; ``scopes``: read the
    configured scopes too, as flake8 gives them)."""
    from .cache import default_directory, disabled_by_environment

    cache = None
    if not (getattr(namespace, NO_CACHE.dest, False) or disabled_by_environment()):
        cache = getattr(namespace, CACHE_DIR.dest, None) or default_directory()
    return Settings(
        scopes=parse_scopes(getattr(namespace, SCOPES.dest, None)) if scopes else None,
        project=not getattr(namespace, PER_FILE.dest, False),
        root=getattr(namespace, ROOT.dest, None),
        checked=folders_checked(namespace),
        cache=cache,
    )


def folders_checked(namespace: argparse.Namespace) -> tuple[str, ...]:
    """The folders among the paths a run was given (flake8's, or the command line's; none: ``.``)."""
    arguments = getattr(namespace, "filenames", None) or getattr(namespace, "paths", None) or ["."]
    return tuple(os.path.abspath(path) for path in arguments if os.path.isdir(path))
