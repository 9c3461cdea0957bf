"""Make the tests' helper modules importable; ``--regenerate-fixes`` for the fix fixture pairs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(autouse=True, scope="session")
def _own_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The checker's cache lives in a folder of the test run (never the user's)."""
    os.environ["TIKTOK_SCOPES_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regenerate-fixes",
        action="store_true",
        help="rewrite fixtures/fix/*.fixed.py, *.fixed/ and *.diff from what `tiktok-scopes fix` does now",
    )


@pytest.fixture
def regenerate_fixes(request: pytest.FixtureRequest) -> bool:
    """True when the run should rewrite the expected results of the fix fixture pairs."""
    return bool(request.config.getoption("--regenerate-fixes"))
