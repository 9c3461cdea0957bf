"""The package passes its own linters: ruff (check and format) and mypy --strict, on the package
and on the benchmarks (whose modules import each other as top-level modules)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from expectations import ROOT

BENCHMARKS = {path.name for path in (ROOT / "benchmarks").glob("*.py")}  # not its .work folder


@pytest.mark.parametrize(
    ("command", "folder"),
    [
        (["ruff", "check", "flake8_tiktok_scopes", "tests", "benchmarks"], "."),
        (["ruff", "format", "--check", "flake8_tiktok_scopes", "tests", "benchmarks"], "."),
        (["mypy", "--strict", "flake8_tiktok_scopes"], "."),
        (
            ["mypy", "--strict", "--config-file", "../pyproject.toml", *sorted(BENCHMARKS)],
            "benchmarks",
        ),
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict", "mypy-strict-benchmarks"],
)
def test_tool_is_clean(command: list[str], folder: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command],
        cwd=ROOT / folder,
        env={**os.environ, "MYPYPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
