"""Real flake8 over every fixture: what it reports must be exactly what the fixture expects.

The applications in fixtures/projects are checked by tests/test_projects.py (by every front end).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from expectations import FIXTURES, PROJECTS, Finding, expected, flake8_args, run_flake8

FIXTURE_FILES = sorted(path for path in FIXTURES.rglob("*.py") if PROJECTS not in path.parents)


@pytest.fixture(scope="session")
def reported() -> dict[str, set[Finding]]:
    """Every fixture checked by flake8, one run per set of arguments."""
    groups: dict[tuple[str, ...], list[Path]] = defaultdict(list)
    for path in FIXTURE_FILES:
        groups[flake8_args(path)].append(path)
    by_file: dict[str, set[Finding]] = defaultdict(set)
    for args, paths in groups.items():
        for finding in run_flake8(paths, args):
            by_file[finding.path].add(finding)
    return by_file


def test_there_are_fixtures() -> None:
    assert len(FIXTURE_FILES) >= 10


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture(path: Path, reported: dict[str, set[Finding]]) -> None:
    want = expected(path)
    got = reported.get(str(path), set())
    assert sorted(got - want) == [], "reported but not expected"
    assert sorted(want - got) == [], "expected but not reported"
