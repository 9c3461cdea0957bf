"""``tiktok-scopes fix``: byte-exact edits, atomic writes, what it leaves and why.

What it makes of each declaration shape is in the fixture pairs (tests/test_fix_pairs.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cli_support import BAD_VIEW, run, write

REQUEST = 'INFO = "https://open.tiktokapis.com/v2/user/info/?fields=open_id,username,follower_count"\n'


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_diff_writes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path / "app.py", BAD_VIEW)
    before = path.read_bytes()
    result = run("fix", "--diff")
    assert result.status == 1
    assert path.read_bytes() == before
    assert result.out.startswith("--- a/app.py\n+++ b/app.py\n@@ -1,6 +1,6 @@\n")
    assert '+AUTHORIZE = "https://www.tiktok.com/v2/auth/authorize/?client_key=k&scope=user.info.basic,' in (
        result.out
    )
    assert result.err.splitlines() == [
        "app.py:3: added 'user.info.stats' to the declared scopes",
        "tiktok-scopes: would change 1 file",
    ]


def test_every_other_byte_stays(tmp_path: Path) -> None:
    source = "# -*- coding: latin-1 -*-\r\n# caf\xe9\r\n" + BAD_VIEW.replace("\n    ", "\r\n").lstrip()
    source = source.replace('"https://www.tiktok', "'https://www.tiktok").replace('code"', "code'")
    path = tmp_path / "app.py"
    path.write_bytes(source.rstrip("\n").encode("latin-1"))  # no newline at the end either
    os.chmod(path, 0o750)
    assert run("fix").status == 0
    fixed = path.read_bytes()
    expected = source.rstrip("\n").replace("scope=user.info.basic&", "scope=user.info.basic,user.info.stats&")
    assert fixed == expected.encode("latin-1")
    assert os.stat(path).st_mode & 0o777 == 0o750
    assert sorted(os.listdir(tmp_path)) == ["app.py"]  # no temporary file left behind


def test_utf8_bom_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "app.py", BAD_VIEW, encoding="utf-8-sig")
    assert run("fix").status == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbfimport requests")


@pytest.mark.parametrize(
    ("source", "says"),
    [
        (
            'SOCIALACCOUNT_PROVIDERS = {\n    "tiktok": {"APP": {"client_id": "k"}},\n}\n',
            "app.py:4: 'follower_count' needs 'user.info.stats': the declaration at app.py:2 cannot be "
            "edited: its scopes are a library's default, not written in the code; declare them explicitly",
        ),
        (
            'BASE = "https://www.tiktok.com/v2/auth/authorize/"\n'
            'SCOPE = "user.info." + "basic"\n'
            'URL = f"{BASE}?client_key=k&scope={SCOPE}"\n',
            "app.py:4: 'follower_count' needs 'user.info.stats': the declaration at app.py:2 cannot be "
            "edited: it is built at run time, not written as one string or list literal",
        ),
    ],
    ids=["library-default", "built-at-run-time"],
)
def test_declarations_it_cannot_edit_are_left_alone_and_named(tmp_path: Path, source: str, says: str) -> None:
    path = write(tmp_path / "app.py", source + REQUEST.replace("username,", ""))
    before = path.read_bytes()
    result = run("fix")
    assert result.status == 1
    assert says in result.err.splitlines()
    assert path.read_bytes() == before


def test_unknown_scope_with_no_single_close_match_is_left(tmp_path: Path) -> None:
    write(tmp_path / "app.py", 'SOCIAL_AUTH_TIKTOK_SCOPE = "user.info.basic,user.info"\n' + REQUEST)
    result = run("fix")
    assert result.status == 1
    assert "app.py:1: 'user.info' left as is: no single known scope is close to it" in result.err


def test_configured_scopes_are_not_edited(tmp_path: Path) -> None:
    write(tmp_path / "app.py", REQUEST)
    result = run("fix", "--tiktok-scopes", "user.info.basic")
    assert result.status == 1
    assert "the configured scopes lack it; add it to tiktok-scopes" in result.err


def test_noqa_and_select_are_honoured(tmp_path: Path) -> None:
    path = write(
        tmp_path / "app.py", BAD_VIEW.replace('"open_id,follower_count"},', '"follower_count"},  # noqa')
    )
    before = path.read_text()
    assert run("fix") == (0, "", "tiktok-scopes: changed 0 files\n")
    path.write_text(before.replace("  # noqa", ""))
    assert run("fix", "--ignore", "TTS001").status == 0
    assert "user.info.stats" not in path.read_text()
