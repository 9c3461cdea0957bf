"""Real flake8 over every fixture: what it reports must be exactly what the fixture expects.

The applications in fixtures/projects are checked by tests/test_projects.py (by every front end).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from expectations import FIXTURES, PROJECTS, Finding, expected, flake8_args, known_miss, run_flake8
from flake8_tiktok_scopes.engine import check_source
from flake8_tiktok_scopes.options import Settings

FIXTURE_FILES = sorted(path for path in FIXTURES.rglob("*.py") if PROJECTS not in path.parents)
OWN_DECLARATIONS = sorted((FIXTURES / "values").glob("*.py"))


def _fixture_param(path: Path) -> object:
    """A fixture as a test parameter; one with a ``# known-miss:`` header is a strict xfail."""
    why = known_miss(path)
    marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
    return pytest.param(path, marks=marks, id=str(path.relative_to(FIXTURES)))


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


@pytest.mark.parametrize("path", [_fixture_param(path) for path in FIXTURE_FILES])
def test_fixture(path: Path, reported: dict[str, set[Finding]]) -> None:
    want = expected(path)
    got = reported.get(str(path), set())
    assert sorted(got - want) == [], "reported but not expected"
    assert sorted(want - got) == [], "expected but not reported"


def test_known_miss_is_read_from_the_header_only(tmp_path: Path) -> None:
    fixture = tmp_path / "fixture.py"
    fixture.write_text('"""Doc."""\n# known-miss: the base URL is not followed\n', encoding="utf-8")
    assert known_miss(fixture) == "the base URL is not followed"
    fixture.write_text("x = 1\n" * 10 + "# known-miss: too late\n", encoding="utf-8")
    assert known_miss(fixture) is None


@pytest.mark.parametrize("path", OWN_DECLARATIONS, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_is_judged_by_its_own_declarations(path: Path) -> None:
    """A fixture that declares its own scopes means what it says alone: scopes configured for
    a project that declares nothing change none of its findings (a good fixture whose
    declaration were missed would otherwise pass for want of anything to judge by)."""
    source = path.read_text(encoding="utf-8")
    nothing_else = Settings(project=False)
    unrelated_configured = Settings(scopes=frozenset({"video.publish"}), project=False)
    alone = check_source(source, nothing_else, filename=str(path))
    assert check_source(source, unrelated_configured, filename=str(path)) == alone
