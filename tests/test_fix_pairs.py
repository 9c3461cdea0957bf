"""``tiktok-scopes fix`` over the fixture pairs in ``fixtures/fix/``.

A pair is ``name.py`` (expected findings as ``# expect:`` comments, as in every fixture),
``name.fixed.py`` (what ``fix`` makes of it, without those comments: flake8 must find
nothing in it) and ``name.diff`` (what ``fix --diff`` prints; it applies with ``git apply``).
A folder ``name/`` with ``name.fixed/`` and ``name.diff`` is a project, fixed with
``--project``. After changing a fixer, rewrite the expected files and read their diff::

    python -m pytest tests/test_fix_pairs.py --regenerate-fixes
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from cli_support import run
from expectations import FIXTURES

PAIRS = FIXTURES / "fix"
_EXPECTATION = re.compile(r"[ \t]*# expect:[^\r\n]*")


@dataclass(frozen=True)
class Pair:
    """A fixture to fix, and where its expected results are."""

    source: Path  # name.py, or a folder name/

    @property
    def project(self) -> bool:
        return self.source.is_dir()

    @property
    def fixed(self) -> Path:
        name = self.source.name
        return self.source.with_name(f"{name}.fixed" if self.project else name.replace(".py", ".fixed.py"))

    @property
    def diff(self) -> Path:
        return self.source.with_name(f"{self.source.name.replace('.py', '')}.diff")

    @property
    def args(self) -> tuple[str, ...]:
        return ("--project",) if self.project else ()

    def copy_to(self, work: Path) -> Path:
        """A copy of the source in ``work`` (a folder's files at its top); ``work`` itself."""
        if self.project:
            shutil.copytree(self.source, work, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            work.mkdir()
            shutil.copy(self.source, work / self.source.name)
        return work

    def expected(self) -> dict[str, str]:
        """The expected fixed texts, by path relative to the source."""
        if self.project:
            return texts(self.fixed)
        return {self.source.name: self.fixed.read_bytes().decode("utf-8")}

    def write_expected(self, fixed: dict[str, str], diff: str) -> None:
        """Rewrite the expected results (``--regenerate-fixes``)."""
        self.diff.write_bytes(diff.encode("utf-8"))
        if not self.project:
            self.fixed.write_bytes(fixed[self.source.name].encode("utf-8"))
            return
        shutil.rmtree(self.fixed, ignore_errors=True)
        for relative, text in fixed.items():
            (self.fixed / relative).parent.mkdir(parents=True, exist_ok=True)
            (self.fixed / relative).write_bytes(text.encode("utf-8"))


def _is_source(path: Path) -> bool:
    if path.is_dir():
        return not path.name.endswith(".fixed") and path.name != "__pycache__"
    return path.suffix == ".py" and not path.name.endswith(".fixed.py")


SOURCES = [Pair(path) for path in sorted(PAIRS.iterdir()) if _is_source(path)]


def texts(root: Path) -> dict[str, str]:
    """Every Python file under ``root``, by relative path, as written (line endings kept)."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes().decode("utf-8")
        for path in sorted(root.rglob("*.py"))
        if "__pycache__" not in path.parts
    }


def without_expectations(text: str) -> str:
    """A fixture's text without its ``# expect:`` comments."""
    return _EXPECTATION.sub("", text)


def test_every_pair_is_complete() -> None:
    assert len(SOURCES) >= 10
    for pair in SOURCES:
        assert pair.fixed.exists(), f"{pair.fixed} is missing: run pytest with --regenerate-fixes"
        assert pair.diff.exists(), f"{pair.diff} is missing: run pytest with --regenerate-fixes"
    leftovers = {p for p in PAIRS.iterdir() if p.name != "__pycache__"} - {
        path for pair in SOURCES for path in (pair.source, pair.fixed, pair.diff)
    }
    assert not leftovers, "files in fixtures/fix/ that belong to no pair"


@pytest.mark.parametrize("pair", SOURCES, ids=lambda p: p.source.name)
def test_fix_makes_the_fixed_file_and_prints_the_diff(
    pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, regenerate_fixes: bool
) -> None:
    work = pair.copy_to(tmp_path / "work")
    monkeypatch.chdir(work)
    before = texts(work)
    shown = run("fix", "--diff", *pair.args)
    assert (shown.status, texts(work)) == (1, before), shown.err  # a change to show; nothing written
    result = run("fix", *pair.args)
    assert result.status == 0, result.err
    after = texts(work)
    fixed = {path: without_expectations(text) for path, text in after.items()}
    if regenerate_fixes:
        pair.write_expected(fixed, shown.out)
    assert shown.out == pair.diff.read_bytes().decode("utf-8")
    assert fixed == pair.expected()
    assert run("check", *pair.args) == (0, "", "")
    assert run("fix", *pair.args) == (0, "", "tiktok-scopes: changed 0 files\n")
    assert texts(work) == after


@pytest.mark.parametrize("pair", SOURCES, ids=lambda p: p.source.name)
def test_the_diff_applies_with_git_apply(pair: Pair, tmp_path: Path) -> None:
    work = pair.copy_to(tmp_path / "work")
    subprocess.run(["git", "apply", str(pair.diff)], cwd=work, check=True, capture_output=True)
    applied = {path: without_expectations(text) for path, text in texts(work).items()}
    assert applied == pair.expected()
