"""Helpers for the command-line tests: run ``main`` in-process, write files, make git repos."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from flake8_tiktok_scopes.frontends.cli import main

GIT_IDENTITY = ("-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false")


class Result(NamedTuple):
    """Exit status and what was printed."""

    status: int
    out: str
    err: str


def run(*argv: str, stdin: bytes = b"") -> Result:
    """``tiktok-scopes ARGV`` in this process (the working directory is the caller's).

    stdout and stderr are strict UTF-8 streams, as on a terminal: text they cannot take fails
    the test. Bytes that are not UTF-8 (a diff of a Latin-1 file) come back as surrogates.
    """
    out, err = _stream(), _stream()
    with contextlib.ExitStack() as stack:
        stack.enter_context(contextlib.redirect_stdout(out))
        stack.enter_context(contextlib.redirect_stderr(err))
        stack.enter_context(_stdin(stdin))
        status = main(list(argv))
    return Result(status, _text(out), _text(err))


def _stream() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="")


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8", "surrogateescape")


@contextlib.contextmanager
def _stdin(data: bytes) -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        yield
    finally:
        sys.stdin = saved


def write(path: Path, source: str, *, encoding: str = "utf-8", newline: str = "\n") -> Path:
    """Write dedented source to ``path`` (parents created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = textwrap.dedent(source).lstrip("\n").replace("\n", newline)
    path.write_bytes(text.encode(encoding))
    return path


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd``; its output."""
    result = subprocess.run(
        ["git", *GIT_IDENTITY, *args], cwd=cwd, capture_output=True, text=True, check=True
    )
    return result.stdout


BAD_VIEW = """\
    import requests

    AUTHORIZE = "https://www.tiktok.com/v2/auth/authorize/?client_key=k&scope=user.info.basic&response_type=code"


    def me(token):
        return requests.get(
            "https://open.tiktokapis.com/v2/user/info/",
            params={"fields": "open_id,follower_count"},
        )
"""
