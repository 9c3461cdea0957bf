"""Read the configured scopes: ``[tool.tiktok-scopes]`` in pyproject.toml, or flake8's config files.

The nearest directory (from the working directory up) that holds either one wins; in one
directory pyproject.toml comes first, then ``setup.cfg``, ``tox.ini``, ``.flake8`` (the
files flake8 reads, ``[flake8] tiktok-scopes = ...``). Values are lists as flake8 reads
them: items separated by commas, blanks or new lines.
"""

from __future__ import annotations

import configparser
import os
import re
import sys
from collections.abc import Iterable
from typing import Any

from ..options import UsageError
from ..records import Record

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

FLAKE8_FILES = ("setup.cfg", "tox.ini", ".flake8")
TABLE = "tiktok-scopes"
_KEYS = ("scopes",)
_SEPARATOR = re.compile(r"[,\s]")  # flake8.utils.parse_comma_separated_list


class Config(Record):
    """What a config file says, and where: ``origin`` names the file and the key, for messages."""

    scopes: list[str] | None = None
    origin: str | None = None


def split_list(values: str | Iterable[str]) -> list[str]:
    """The items of a list value, as flake8 splits ``comma_separated_list`` options."""
    strings = [values] if isinstance(values, str) else values
    return [item for value in strings for item in _SEPARATOR.split(value) if item]


def load(start: str = ".") -> Config:
    """The configuration that applies to the working directory ``start``."""
    directory = os.path.abspath(start)
    while True:
        found = _in_directory(directory)
        if found is not None:
            return found
        parent = os.path.dirname(directory)
        if parent == directory:
            return Config()
        directory = parent


def _in_directory(directory: str) -> Config | None:
    relative = os.path.relpath(directory)
    if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
        directory = relative  # named as the user sees it, in messages
    pyproject = os.path.normpath(os.path.join(directory, "pyproject.toml"))
    if os.path.isfile(pyproject):
        found = read_pyproject(pyproject)
        if found is not None:
            return found
    for name in FLAKE8_FILES:
        path = os.path.normpath(os.path.join(directory, name))
        if os.path.isfile(path):
            found = read_flake8(path)
            if found is not None:
                return found
    return None


def read_flake8(path: str) -> Config | None:
    """``[flake8] tiktok-scopes`` (or ``tiktok_scopes``); None when the file has no ``[flake8]``."""
    parser = configparser.RawConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot read it: {error}".replace("\n", " ")) from None
    if not parser.has_section("flake8"):
        return None
    for key in ("tiktok-scopes", "tiktok_scopes"):
        if parser.has_option("flake8", key):
            return Config(split_list(parser.get("flake8", key)), f"{path}: [flake8] {key}")
    return Config()


def read_pyproject(path: str) -> Config | None:
    """``[tool.tiktok-scopes]``; None when pyproject.toml has no such table (or never names it)."""
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise UsageError(f"{path}: cannot read it: {error.strerror or error}") from None
    if TABLE.encode() not in data:
        return None
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: invalid TOML: {error}") from None
    tool = document.get("tool")
    table = tool.get(TABLE) if isinstance(tool, dict) else None
    return None if table is None else _config_from(table, path)


def _config_from(table: Any, path: str) -> Config:
    where = f"{path}: [tool.{TABLE}]"
    if not isinstance(table, dict):
        raise UsageError(f"{where} must be a table")
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise UsageError(f"{where}: unknown key '{unknown[0]}' (known: {', '.join(_KEYS)})")
    scopes = table.get("scopes")
    if scopes is None:
        return Config()
    if not (
        isinstance(scopes, str) or (isinstance(scopes, list) and all(isinstance(s, str) for s in scopes))
    ):
        raise UsageError(f"{where}: scopes must be a string or a list of strings")
    return Config(split_list(scopes), f"{where} scopes")
