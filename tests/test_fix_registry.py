"""The fixers' registry, and the origins findings carry to them."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_support import run, write
from flake8_tiktok_scopes.engine import check_source
from flake8_tiktok_scopes.fix.fixer import Fixer
from flake8_tiktok_scopes.fix.registry import FIXERS
from flake8_tiktok_scopes.recognise.observations import Request
from flake8_tiktok_scopes.rules.codes import CODES
from flake8_tiktok_scopes.rules.findings import ScopeAt

SOURCE = (
    'SOCIAL_AUTH_TIKTOK_SCOPE = "user.info.basic user.info.profil"\n'
    'INFO = "https://open.tiktokapis.com/v2/user/info/?fields=open_id,follower_count"\n'
)


def test_every_entry_is_a_code_with_fixers() -> None:
    assert set(FIXERS) <= set(CODES)
    for kinds in FIXERS.values():
        assert kinds
        assert all(issubclass(kind, Fixer) for kind in kinds)


def test_findings_keep_their_origin() -> None:
    found = {f.code: f for f in check_source(SOURCE)}
    scope = found["TTS004"].origin
    assert isinstance(scope, ScopeAt)
    assert scope.ref.scope.name == found["TTS004"].subject == "user.info.profil"
    request = found["TTS001"].origin
    assert isinstance(request, Request)
    assert [field.name for field in request.fields] == ["open_id", "follower_count"]


def test_origin_takes_no_part_in_comparing_findings() -> None:
    finding = next(f for f in check_source(SOURCE) if f.code == "TTS004")
    bare = finding.without_origin()
    assert bare.origin is None and finding.origin is not None
    assert bare == finding and hash(bare) == hash(finding)
    assert not bare < finding and not finding < bare


def test_codes_without_a_fixer_are_left(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = write(
        tmp_path / "app.py",
        'SCOPE = "user.info.basic"\n'
        'INFO = "https://open.tiktokapis.com/v2/user/info/?fields=open_id,like_count"\n'
        'OLD = "https://open-api.tiktok.com/user/info/"\n',
    )
    before = path.read_text()
    assert {code for code in ("TTS002", "TTS003") if code in run("check").out} == {"TTS002", "TTS003"}
    assert run("fix") == (0, "", "tiktok-scopes: changed 0 files\n")
    assert path.read_text() == before
