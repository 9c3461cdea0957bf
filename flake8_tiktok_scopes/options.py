"""Options, defined once for the flake8 plugin and the command line."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Settings:
    """What the project configures: the scopes to assume when a file declares none."""

    scopes: AbstractSet[str] | None = None


class UsageError(Exception):
    """A configuration value the checker cannot use (reported as one line, never a traceback)."""


@dataclass(frozen=True)
class Option:
    """One option: its flag (also its config key without the dashes) and help text."""

    flag: str
    help: str
    metavar: str


SCOPES = Option(
    "--tiktok-scopes",
    "Comma-separated TikTok scopes the project's OAuth authorization requests; used for files "
    "that declare none (config: tiktok-scopes = ...).",
    "SCOPES",
)
OPTIONS: tuple[Option, ...] = (SCOPES,)


def add_to_flake8(manager: Any) -> None:
    """Register the options with flake8's OptionManager (command line and config files)."""
    for option in OPTIONS:
        manager.add_option(
            option.flag,
            default=None,
            parse_from_config=True,
            comma_separated_list=True,
            metavar=option.metavar,
            help=option.help,
        )


def add_to_argparse(parser: argparse.ArgumentParser) -> None:
    """Register the same options with an argparse parser."""
    for option in OPTIONS:
        parser.add_argument(option.flag, default=None, metavar=option.metavar, help=option.help)


def parse_scopes(value: str | Iterable[str] | None) -> frozenset[str] | None:
    """The configured scopes, checked against the catalog; None when none are configured."""
    if value is None:
        return None
    import difflib  # only when scopes are configured: flake8 imports this module on every run

    from .tiktok import catalog

    items = value.split(",") if isinstance(value, str) else [i for v in value for i in v.split(",")]
    scopes = frozenset(item.strip() for item in items if item.strip())
    for scope in sorted(scopes):
        if scope not in catalog.KNOWN_SCOPES:
            close = difflib.get_close_matches(scope, catalog.KNOWN_SCOPES, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise UsageError(f"{SCOPES.flag}: unknown TikTok scope '{scope}'{hint}")
    return scopes or None


def settings_from(namespace: argparse.Namespace) -> Settings:
    """Settings from parsed options (flake8's or the command line's)."""
    return Settings(scopes=parse_scopes(getattr(namespace, "tiktok_scopes", None)))
