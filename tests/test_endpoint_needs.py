"""What requests need, shared by TTS001, TTS006, ``tiktok-scopes scopes`` and ``fix``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import run, write
from flake8_tiktok_scopes import engine
from flake8_tiktok_scopes.rules import needs
from flake8_tiktok_scopes.tiktok import scopes

POSTING = """\
    import requests

    API = "https://open.tiktokapis.com/v2/post/publish"


    def publish(token, url):
        body = {"source_info": {"source": "PULL_FROM_URL", "video_url": url}}
        return requests.post(API + "/video/init/", json=body, headers={"Authorization": f"Bearer {token}"})


    def status(token, publish_id):
        return requests.post(API + "/status/fetch/", json={"publish_id": publish_id}, headers={})
"""
SETTINGS = """\
    TIKTOK_SCOPES = "user.info.basic,video.list"
    AUTHORIZE_URL = f"https://www.tiktok.com/v2/auth/authorize/?client_key=k&scope={TIKTOK_SCOPES}"
"""


def _needs(source: str) -> list[needs.Need]:
    analysis = engine.analyze(source)
    assert analysis is not None
    return needs.of_requests(analysis.observations.requests)


def test_field_needs_and_endpoint_needs() -> None:
    found = _needs(
        'import requests\nrequests.post("https://open.tiktokapis.com/v2/video/list/", json={}, headers={})\n'
        'requests.get("https://open.tiktokapis.com/v2/user/info/", params={"fields": "open_id,username"})\n'
    )
    assert [(n.subject, n.requirement.scopes, n.is_field) for n in found] == [
        ("https://open.tiktokapis.com/v2/video/list/", (scopes.VIDEO_LIST,), False),
        ("open_id", (scopes.BASIC, scopes.OPEN_ID), True),
        ("username", (scopes.PROFILE,), True),
    ]


@pytest.mark.parametrize(
    ("mode", "needed"),
    [
        ('"DIRECT_POST"', [(scopes.VIDEO_PUBLISH,)]),
        ('"MEDIA_UPLOAD"', [(scopes.VIDEO_UPLOAD,)]),
        ("mode", [scopes.ANY_POSTING.scopes]),  # not known: either scope
        ('"DIRECT_POST" if direct else "MEDIA_UPLOAD"', [(scopes.VIDEO_PUBLISH,), (scopes.VIDEO_UPLOAD,)]),
    ],
)
def test_post_mode_decides_the_scope(mode: str, needed: list[tuple[str, ...]]) -> None:
    found = _needs(
        "import requests\n"
        "INIT = 'https://open.tiktokapis.com/v2/post/publish/content/init/'\n"
        "def post(mode, direct):\n"
        f"    body = {{'media_type': 'PHOTO', 'post_mode': {mode}}}\n"
        "    requests.post(INIT, json=body, headers={})\n"
    )
    assert [n.requirement.scopes for n in found] == needed


def test_categories_each_need_a_scope_that_covers_them() -> None:
    found = _needs(
        "import requests\n"
        "requests.post('https://open.tiktokapis.com/v2/user/data/add/', json={'category_selection_list': "
        "['activity', 'direct_message']}, headers={})\n"
    )
    covering = [set(n.requirement.scopes) for n in found]
    assert covering == [
        {*scopes.portability("activity"), *scopes.portability("all")},
        {*scopes.portability("directmessages"), *scopes.portability("all")},
    ]


def test_printing_an_endpoint_is_no_request() -> None:
    assert (
        _needs(
            'import logging\nlogging.info("posting to %s", "https://open.tiktokapis.com/v2/post/publish/video/init/")\n'
        )
        == []
    )
    assert _needs('print("https://open.tiktokapis.com/v2/user/data/download/")\n') == []
    lookup = 'URL = "https://open.tiktokapis.com/v2/post/publish/creator_info/query/"\nLIMITS = {URL: 20}\n'
    assert _needs(lookup + "LIMITS.get(URL, 6)\n") == []


def test_research_calls_need_no_login_scope() -> None:
    url = "https://open.tiktokapis.com/v2/research/video/query/"
    source = f"import requests\nrequests.post({url!r}, json={{}}, headers={{}})\n"
    analysis = engine.analyze(source)
    assert analysis is not None and len(analysis.observations.requests) == 1
    assert needs.of_requests(analysis.observations.requests) == []


def test_serving_prefers_a_scope_another_need_asks_for() -> None:
    served = needs.serving([scopes.ANY_POSTING, scopes.needs(scopes.VIDEO_PUBLISH)])
    assert served[scopes.ANY_POSTING] == scopes.VIDEO_PUBLISH
    assert needs.serving([scopes.ANY_POSTING])[scopes.ANY_POSTING] == scopes.VIDEO_UPLOAD
    assert (
        needs.serving([scopes.ANY_POSTING], {scopes.VIDEO_PUBLISH})[scopes.ANY_POSTING]
        == scopes.VIDEO_PUBLISH
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "posting.py", POSTING)
    write(tmp_path / "settings.py", SETTINGS)
    write(
        tmp_path / "videos.py",
        'import requests\nrequests.post("https://open.tiktokapis.com/v2/video/list/", json={}, headers={})\n',
    )
    return tmp_path


def test_scopes_counts_every_endpoint(project: Path) -> None:
    assert run("scopes").out == "video.list,video.publish\n"
    report = json.loads(run("scopes", "--format", "json").out)
    by_scope = {need["scope"]: need for need in report["needs"]}
    assert by_scope["video.publish"]["fields"] == []
    assert by_scope["video.publish"]["endpoints"] == [
        "https://open.tiktokapis.com/v2/post/publish/status/fetch/",
        "https://open.tiktokapis.com/v2/post/publish/video/init/",
    ]
    assert by_scope["video.list"]["endpoints"] == ["https://open.tiktokapis.com/v2/video/list/"]


def test_project_check_reports_endpoint_needs(project: Path) -> None:
    lines = run("check", "--project", "posting.py", "settings.py", "videos.py").out.splitlines()
    url = "https://open.tiktokapis.com/v2/post/publish/video/init/"
    assert any(
        line.startswith(f"posting.py:8:33: TTS001 '{url}' needs scope 'video.publish'") for line in lines
    )
    assert not any("videos.py" in line for line in lines)  # video.list is declared


def test_fix_adds_an_endpoints_scope(project: Path) -> None:
    assert run("fix", "--project").status in (0, 1)
    assert (
        'TIKTOK_SCOPES = "user.info.basic,video.list,video.publish"' in (project / "settings.py").read_text()
    )
    assert "TTS001" not in run("check", "--project").out


def test_scopes_says_which_needs_are_in_functions_nothing_calls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(
        tmp_path / "app.py",
        "import requests\n"
        'URL = "https://open.tiktokapis.com/v2/user/info/"\n'
        "def helper(token):\n"
        '    return requests.get(URL, params={"fields": "follower_count"})\n'
        "def used(token):\n"
        '    return requests.get(URL, params={"fields": "bio_description"})\n'
        'used("t")\n',
    )
    assert run("scopes").out == "user.info.profile,user.info.stats\n"
    report = json.loads(run("scopes", "--format", "json").out)
    uncalled = {
        location["field"]: location["uncalled"] for need in report["needs"] for location in need["locations"]
    }
    assert uncalled == {"follower_count": True, "bio_description": False}
