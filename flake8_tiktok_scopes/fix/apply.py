"""Run the fixes to a fixed point in memory, then write files atomically or show a diff."""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
import tempfile
from dataclasses import dataclass, field

from ..frontends.workspace import Options, Workspace
from .registry import plan_round

#: Rounds of fixing: a fix can reveal another (a list that grew to two scopes for a space-joining library).
MAX_ROUNDS = 4


@dataclass
class Outcome:
    """What ``fix`` changed (path -> text before, after) and what it said."""

    changed: dict[str, tuple[str, str]] = field(default_factory=dict)
    done: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)


def fix(workspace: Workspace, options: Options) -> Outcome:
    """Fix every file of ``workspace`` in memory; its sources then hold the fixed texts."""
    before = {path: source.text for path, source in workspace.sources.items()}
    outcome = Outcome()
    for _ in range(MAX_ROUNDS):
        plan = plan_round(workspace, options)
        outcome.done += plan.done
        outcome.left = list(plan.left)
        changed = False
        for path, edits in plan.edits.items():
            source, analysis = workspace.sources[path], workspace.analyses[path]
            if not edits or analysis is None:
                continue
            if source.encoding is None:
                outcome.left.append(f"{path}: not rewritten: it does not decode as its declared encoding")
                continue
            if workspace.replace(path, edits.apply(analysis.module).code):
                changed = True
        if not changed:
            break
    outcome.done = list(dict.fromkeys(outcome.done))
    outcome.left = list(dict.fromkeys(outcome.left))
    for path, text in before.items():
        if workspace.sources[path].text != text:
            outcome.changed[path] = (text, workspace.sources[path].text)
    return outcome


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file, ``a/path`` to ``b/path``."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def write_atomic(path: str, data: bytes) -> None:
    """Replace a file's contents in one step (temporary file beside it, then rename), mode kept."""
    real = os.path.realpath(path)
    mode = stat.S_IMODE(os.stat(real).st_mode)
    handle, temporary = tempfile.mkstemp(
        dir=os.path.dirname(real), prefix=f".{os.path.basename(real)}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
