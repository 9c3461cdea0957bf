"""The benchmark harness still fits the package: a dry run builds its inputs and checks them
(nothing is timed, no venv is built, PyPI is not needed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from expectations import ROOT


def test_dry_run_builds_and_checks_the_inputs(tmp_path: Path) -> None:
    output = tmp_path / "RESULTS.md"
    options = ["--quick", "--dry-run", "--work", str(tmp_path / "work"), "--output", str(output)]
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), *options],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "the inputs are built and sound" in result.stdout
    for figure in (
        "flake8 -j1 over",
        "through stdin",
        "tiktok-scopes check",
        "second run",
        "one process per size",
    ):
        assert figure in result.stdout
    assert not output.exists()  # a dry run writes no results
    sizes = sorted((tmp_path / "work" / "sizes").glob("tiktok-*-lines.py"))
    assert [path.name for path in sizes] == ["tiktok-1000-lines.py", "tiktok-5000-lines.py"]
