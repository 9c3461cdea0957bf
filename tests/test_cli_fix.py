"""``tiktok-scopes fix``: every declaration shape, byte-exact edits, atomic writes, a fixed point."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from cli_support import BAD_VIEW, run, write

REQUEST = 'INFO = "https://open.tiktokapis.com/v2/user/info/?fields=open_id,username,follower_count"\n'


@dataclass(frozen=True)
class Shape:
    """A module declaring scopes one way; ``lines``: where the declaration is (1-based, inclusive)."""

    name: str
    source: str
    lines: tuple[int, int]
    fixed: str  # what the declaration reads once fixed


SHAPES = [
    Shape(
        "list-constant-passed-to-a-space-joining-library",
        "from requests_oauthlib import OAuth2Session\n"
        "SCOPES = ['user.info.basic', 'user.info.profile', 'user.info.stats']\n"
        "session = OAuth2Session('k', scope=SCOPES)\n"
        "url, state = session.authorization_url('https://www.tiktok.com/v2/auth/authorize/')\n",
        (3, 3),
        "session = OAuth2Session('k', scope=\",\".join(SCOPES))",
    ),
    Shape(
        "space-join-of-a-constant-in-an-f-string",
        "SCOPES = ['user.info.basic', 'user.info.profile', 'user.info.stats']\n"
        "def login(key):\n"
        '    return (f"https://www.tiktok.com/v2/auth/authorize/?client_key={key}"\n'
        "            f\"&scope={' '.join(SCOPES)}\")\n",
        (4, 4),
        "&scope={','.join(SCOPES)}",
    ),
    Shape(
        "authorize-url-literal",
        'AUTH = "https://www.tiktok.com/v2/auth/authorize/?client_key=k&scope=user.info.basic&state=s"\n',
        (1, 1),
        "scope=user.info.basic,user.info.profile,user.info.stats&state=s",
    ),
    Shape(
        "url-encoded-commas",
        'AUTH = "https://www.tiktok.com/v2/auth/authorize/?client_key=k&scope=user.info.basic%2Cvideo.list"\n',
        (1, 1),
        'scope=user.info.basic%2Cvideo.list%2Cuser.info.profile%2Cuser.info.stats"',
    ),
    Shape(
        "f-string",
        "def login(key, state):\n"
        "    return f'https://www.tiktok.com/v2/auth/authorize/?client_key={key}&scope=user.info.basic"
        "&state={state}'  # login\n",
        (2, 2),
        "&scope=user.info.basic,user.info.profile,user.info.stats&state={state}'  # login",
    ),
    Shape(
        "urlencode-dict",
        "from urllib.parse import urlencode\n\n"
        "PARAMS = {\n"
        "    'client_key': 'k',\n"
        "    'scope': 'user.info.basic',  # keep me\n"
        "    'response_type': 'code',\n"
        "}\n"
        "URL = 'https://www.tiktok.com/v2/auth/authorize/?' + urlencode(PARAMS)\n",
        (5, 5),
        "'scope': 'user.info.basic,user.info.profile,user.info.stats',  # keep me",
    ),
    Shape(
        "scope-keyword",
        "from requests_oauthlib import OAuth2Session\n\n"
        "session = OAuth2Session('k', scope='user.info.basic')\n"
        "url, state = session.authorization_url('https://www.tiktok.com/v2/auth/authorize/')\n",
        (3, 3),
        "scope='user.info.basic,user.info.profile,user.info.stats')",
    ),
    Shape(
        "list",
        "TIKTOK_SCOPES = [\n    'user.info.basic',  # login\n]\n",
        (1, 3),
        "[\n    'user.info.basic',  # login\n    'user.info.profile',\n    'user.info.stats',\n]",
    ),
    Shape(
        "join-list",
        'PARAMS = {"client_key": "k", "scope": ",".join(("user.info.basic", "user.info.profile"))}\n'
        'URL = "https://www.tiktok.com/v2/auth/authorize/?client_key=k&scope=" + PARAMS["scope"]\n',
        (1, 1),
        '",".join(("user.info.basic", "user.info.profile", "user.info.stats"))',
    ),
    Shape(
        "allauth",
        "SOCIALACCOUNT_PROVIDERS = {\n"
        '    "tiktok": {\n'
        '        "SCOPE": [\n'
        '            "user.info.basic",\n'
        "        ],\n"
        '        "APP": {"client_id": "k", "secret": "s"},\n'
        "    },\n"
        "}\n",
        (3, 5),
        '"SCOPE": [\n            "user.info.basic",\n            "user.info.profile",\n'
        '            "user.info.stats",\n        ],',
    ),
    Shape(
        "social-auth",
        'SOCIAL_AUTH_TIKTOK_SCOPE = ["user.info.basic"]\n',
        (1, 1),
        'SOCIAL_AUTH_TIKTOK_SCOPE = ["user.info.basic", "user.info.profile", "user.info.stats"]',
    ),
    Shape(
        "spaces-and-a-typo",
        'SOCIAL_AUTH_TIKTOK_SCOPE = "user.info.basic user.info.profil"\n',
        (1, 1),
        'SOCIAL_AUTH_TIKTOK_SCOPE = "user.info.basic,user.info.profile,user.info.stats"',
    ),
    Shape(
        "space-joining-library",
        "from requests_oauthlib import OAuth2Session\n\n"
        "session = OAuth2Session(\n"
        "    'k',\n"
        "    scope=['user.info.basic'],\n"
        ")\n"
        "url, state = session.authorization_url('https://www.tiktok.com/v2/auth/authorize/')\n",
        (5, 5),
        "    scope='user.info.basic,user.info.profile,user.info.stats',\n",
    ),
    Shape(
        "space-join",
        'TIKTOK_SCOPE = " ".join(["user.info.basic", "user.info.profile"])\n',
        (1, 1),
        'TIKTOK_SCOPE = ",".join(["user.info.basic", "user.info.profile", "user.info.stats"])',
    ),
]


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _changed_lines(before: str, after: str) -> set[int]:
    """Lines of ``before`` (1-based) that a change touches or sits between."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(), autojunk=False)
    touched: set[int] = set()
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            touched.update(range(i1, i2 + 1) if tag == "insert" else range(i1 + 1, i2 + 1))
    return touched


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.name)
def test_fix_each_declaration_shape(tmp_path: Path, shape: Shape) -> None:
    path = write(tmp_path / "app.py", shape.source + REQUEST)
    before = path.read_text()
    assert run("check", "--select", "TTS001,TTS004").status == 1
    result = run("fix")
    assert result.status == 0, result.err
    after = path.read_text()
    assert shape.fixed in after
    first, last = shape.lines
    assert _changed_lines(before, after) <= set(range(first, last + 1))
    assert run("check", "--select", "TTS001,TTS004") == (0, "", "")
    again = run("fix")
    assert (again.status, path.read_text()) == (0, after)
    assert again.err == "tiktok-scopes: changed 0 files\n"


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


def test_project_adds_to_the_declaration_that_serves_the_request(tmp_path: Path) -> None:
    settings = write(tmp_path / "app" / "settings.py", 'SOCIAL_AUTH_TIKTOK_SCOPE = ["user.info.basic"]\n')
    view = write(tmp_path / "app" / "views.py", REQUEST)
    own = write(tmp_path / "app" / "own.py", "SCOPE = 'user.info.basic'\n" + REQUEST.replace("username,", ""))
    view_before = view.read_text()
    assert run("fix", "--project").status == 0
    assert settings.read_text() == (
        'SOCIAL_AUTH_TIKTOK_SCOPE = ["user.info.basic", "user.info.profile", "user.info.stats"]\n'
    )
    assert own.read_text().startswith("SCOPE = 'user.info.basic,user.info.stats'\n")
    assert view.read_text() == view_before
    assert run("check", "--project") == (0, "", "")
