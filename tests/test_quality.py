"""The package passes its own linters: ruff (check and format) and mypy --strict."""

from __future__ import annotations

import subprocess
import sys

import pytest

from expectations import ROOT


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "flake8_tiktok_scopes", "tests", "benchmarks"],
        ["ruff", "format", "--check", "flake8_tiktok_scopes", "tests", "benchmarks"],
        ["mypy", "--strict", "flake8_tiktok_scopes"],
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_tool_is_clean(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
