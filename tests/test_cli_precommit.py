"""The pre-commit hook, for real: ``pre-commit try-repo`` installs this checkout and runs it.

pre-commit pip-installs the hook repository into a fresh virtualenv (PyPI must be reachable),
so this is the slowest test; the checkout is copied and committed first, since try-repo
only sees committed and tracked files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import BAD_VIEW, git, write
from expectations import ROOT

pytest.importorskip("pre_commit")
pytestmark = pytest.mark.slow


def _copy_checkout(destination: Path) -> None:
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if listing.returncode != 0:
        pytest.skip("the checkout is not a git work tree")
    listed = listing.stdout
    for name in filter(None, os.fsdecode(listed).split("\0")):
        source = ROOT / name
        if source.is_file():
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    git(destination, "init", "-q")
    git(destination, "add", "-A")
    git(destination, "commit", "-q", "-m", "snapshot")


def test_try_repo_fails_on_a_bad_module_and_passes_once_fixed(tmp_path: Path) -> None:
    hooks, project = tmp_path / "hooks", tmp_path / "project"
    _copy_checkout(hooks)
    project.mkdir()
    git(project, "init", "-q")
    module = write(project / "app" / "views.py", BAD_VIEW)
    git(project, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}

    def try_repo(hook: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), hook, "--all-files"]
        return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, check=False)

    for hook in ("tiktok-scopes", "tiktok-scopes-project"):
        failed = try_repo(hook)
        assert failed.returncode == 1, failed.stdout + failed.stderr
        assert "app/views.py:9:36: TTS001 'follower_count' needs scope 'user.info.stats'" in failed.stdout

    module.write_text(
        module.read_text().replace("scope=user.info.basic", "scope=user.info.basic,user.info.stats")
    )
    git(project, "add", "-A")
    for hook in ("tiktok-scopes", "tiktok-scopes-project"):
        passed = try_repo(hook)
        assert passed.returncode == 0, passed.stdout + passed.stderr
        assert "Passed" in passed.stdout
