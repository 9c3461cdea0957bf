"""Read the configured scopes: ``[tool.tiktok-scopes]`` in pyproject.toml, or flake8's config files.

The nearest directory (from the working directory up) that holds either one wins; in one
directory pyproject.toml comes first, then ``setup.cfg``, ``tox.ini``, ``.flake8`` (the
files flake8 reads, ``[flake8] tiktok-scopes = ...``).
"""

from __future__ import annotations

import ast
import configparser
import importlib
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..options import UsageError

FLAKE8_FILES = ("setup.cfg", "tox.ini", ".flake8")
TABLE = "tiktok-scopes"
_KEYS = ("scopes",)


@dataclass(frozen=True)
class Config:
    """What a config file says, and where it was found."""

    scopes: str | list[str] | None = None
    path: str | None = None
    note: str | None = None  # something the user should know (a table that could not be read)


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
    pyproject = os.path.join(directory, "pyproject.toml")
    if os.path.isfile(pyproject):
        found = read_pyproject(pyproject)
        if found is not None:
            return found
    for name in FLAKE8_FILES:
        path = os.path.join(directory, name)
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
            return Config(parser.get("flake8", key), path)
    return Config(None, path)


def read_pyproject(path: str) -> Config | None:
    """``[tool.tiktok-scopes]``; None when pyproject.toml has no such table."""
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"{path}: cannot read it: {error}") from None
    if TABLE not in text:
        return None
    loads = _toml_loads()
    if loads is None:
        table = _minimal_table(text)
        if table is None:
            note = f"{path}: [tool.{TABLE}] not read: install tomli to read pyproject.toml on Python < 3.11"
            return Config(None, path, note)
    else:
        try:
            table = loads(text).get("tool", {}).get(TABLE)
        except ValueError as error:  # tomllib.TOMLDecodeError is a ValueError
            raise UsageError(f"{path}: invalid TOML: {error}") from None
        if table is None:
            return None
    return _config_from(table, path)


def _config_from(table: Any, path: str) -> Config:
    where = f"{path}: [tool.{TABLE}]"
    if not isinstance(table, dict):
        raise UsageError(f"{where} must be a table")
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise UsageError(f"{where}: unknown key '{unknown[0]}' (known: {', '.join(_KEYS)})")
    scopes = table.get("scopes")
    if not (
        scopes is None
        or isinstance(scopes, str)
        or (isinstance(scopes, list) and all(isinstance(s, str) for s in scopes))
    ):
        raise UsageError(f"{where}: scopes must be a string or a list of strings")
    return Config(scopes, path)


def _toml_loads() -> Callable[[str], dict[str, Any]] | None:
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib.loads
    try:
        module = importlib.import_module("tomli")
    except ImportError:
        return None
    loads: Callable[[str], dict[str, Any]] = module.loads
    return loads


_HEADER = re.compile(r"^\s*\[\s*(\S[^\]]*?)\s*\]\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=\s*(.*)$", re.DOTALL)


def _minimal_table(text: str) -> dict[str, Any] | None:
    """``[tool.tiktok-scopes]`` read without a TOML library: string and list-of-string values only.

    None when the table holds anything else (the caller then says it was not read).
    """
    table: dict[str, Any] | None = None
    pending = ""
    for line in text.splitlines():
        header = _HEADER.match(line) if not pending else None
        if header:
            if table is not None:
                break
            if header.group(1).replace('"', "").replace(" ", "") == f"tool.{TABLE}":
                table = {}
            continue
        if table is None or not (pending or line.strip()) or line.lstrip().startswith("#"):
            continue
        pending += line + "\n"
        match = _ASSIGNMENT.match(pending)
        if match is None:
            return None
        try:
            table[match.group(1)] = ast.literal_eval(match.group(2).strip())
        except (SyntaxError, ValueError):
            if pending.count("[") <= pending.count("]"):
                return None
            continue  # a list that goes on over the next lines
        pending = ""
    return None if pending else table
