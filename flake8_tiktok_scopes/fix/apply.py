"""Run the fixes to a fixed point in memory, then write the files back (see :mod:`.write`) or show a diff."""

from __future__ import annotations

import difflib
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..frontends.workspace import Log, Options, Workspace
from . import write
from .registry import plan_round

#: Rounds of fixing: a fix can reveal another (a list that grew to two scopes for a space-joining library).
MAX_ROUNDS = 4


@dataclass
class Outcome:
    """What ``fix`` changed (path -> the file's bytes before, after) and what it said."""

    changed: dict[str, tuple[bytes, bytes]] = field(default_factory=dict)
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
    outcome.left += [f"{path}: not fixed: {reason}" for path, reason in workspace.unanalysed.items()]
    for path, text in before.items():
        source = workspace.sources[path]
        if source.text == text:
            continue
        old = source.encode(text)
        if hashlib.sha256(old).hexdigest() != source.digest:
            outcome.left.append(f"{path}: not rewritten: its text does not encode back to the bytes read")
            continue
        outcome.changed[path] = (old, source.encode(source.text))
    return outcome


def write_all(outcome: Outcome, workspace: Workspace, named: Sequence[str], log: Log) -> int:
    """Write the changed files back; how many were written.

    A file refused (changed since it was read, outside the trees named, read-only) is added to
    ``outcome.left``; a failed write is an error on ``log``.
    """
    trees = write.roots(named)
    written: dict[str, str] = {}
    for path in sorted(outcome.changed, key=os.path.islink):  # a link after the file it names
        try:
            real = write.target(path, trees)
            if real in written:
                log.say(f"tiktok-scopes: {path}: the same file as {written[real]}, written once")
                continue
            write.replace(real, outcome.changed[path][1], workspace.sources[path].digest)
        except write.Refused as reason:
            outcome.left.append(f"{path}: not written: {reason}")
            continue
        except OSError as error:
            log.error(f"{path}: not written: {error.strerror or error}")
            continue
        written[real] = path
        if os.path.islink(path):
            log.say(f"tiktok-scopes: {path}: a symbolic link; wrote the file it points to, {real}")
    return len(written)


def unified_diff(path: str, before: bytes, after: bytes) -> bytes:
    """A unified diff of one file, ``a/path`` to ``b/path``, that ``git apply`` and ``patch`` take.

    Lines are split at ``\\n`` only, as those tools split them (a carriage return is part of a
    line), and the file's bytes are kept as they are (any encoding, a BOM).
    """
    name = os.fsencode(path)
    lines = difflib.diff_bytes(
        difflib.unified_diff,
        _lf_lines(before),
        _lf_lines(after),
        _quoted(b"a/" + name),
        _quoted(b"b/" + name),
    )
    return b"".join(
        line if line.endswith(b"\n") else line + b"\n\\ No newline at end of file\n" for line in lines
    )


def _lf_lines(data: bytes) -> list[bytes]:
    lines = data.split(b"\n")
    return [line + b"\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def _quoted(name: bytes) -> bytes:
    """A file name as git writes it in a patch: in double quotes with C escapes when it needs them."""
    if all(32 < byte < 127 and byte not in b'"\\' for byte in name):
        return name
    escapes = {ord("\t"): b"\\t", ord("\n"): b"\\n", ord('"'): b'\\"', ord("\\"): b"\\\\"}
    quoted = b"".join(
        escapes.get(byte, bytes([byte]) if 32 <= byte < 127 else b"\\%03o" % byte) for byte in name
    )
    return b'"' + quoted + b'"'
