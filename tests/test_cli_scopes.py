"""``tiktok-scopes scopes``: the minimal scope string, and who needs each scope."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_support import BAD_VIEW, run, write


@pytest.fixture(autouse=True)
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "views.py", BAD_VIEW)
    write(
        tmp_path / "videos.py",
        """\
        import requests

        FIELDS = ["id", "title", "like_count", "likes_count"]
        LIST = "https://open.tiktokapis.com/v2/video/list/?fields=" + ",".join(FIELDS)
        PROFILE = "https://open.tiktokapis.com/v2/user/info/?fields=username,bio_description"
        """,
    )
    return tmp_path


def test_scope_string_in_canonical_order() -> None:
    assert run("scopes") == (0, "user.info.basic,user.info.profile,user.info.stats,video.list\n", "")


def test_json_says_which_fields_need_each_scope_and_where() -> None:
    result = run("scopes", "--format", "json")
    assert result.status == 0
    report = json.loads(result.out)
    assert report["scopes"] == "user.info.basic,user.info.profile,user.info.stats,video.list"
    by_scope = {need["scope"]: need for need in report["needs"]}
    assert by_scope["user.info.profile"]["fields"] == ["bio_description", "username"]
    assert by_scope["video.list"]["fields"] == [
        "id",
        "like_count",
        "title",
    ]  # 'likes_count' is no video field
    assert by_scope["user.info.stats"]["locations"] == [
        {"path": "views.py", "line": 9, "column": 36, "field": "follower_count", "uncalled": True}
    ]


def test_a_field_written_in_another_module_is_listed_where_it_is_written(tmp_path: Path) -> None:
    write(
        tmp_path / "client.py",
        """\
        import requests

        class TikTokClient:
            def videos(self, token):
                return requests.post("https://open.tiktokapis.com/v2/video/list/", params={"fields": "id"})
        """,
    )
    write(tmp_path / "job.py", "from client import TikTokClient\nTikTokClient().videos('t')  # tiktok\n")
    report = json.loads(run("scopes", "--format", "json", "client.py", "job.py").out)
    assert report["needs"][0]["fields"] == ["id"]
    assert report["needs"][0]["locations"] == [
        {"path": "client.py", "line": 5, "column": 95, "field": "id", "uncalled": True}
    ]
    only_the_caller = json.loads(run("scopes", "--format", "json", "job.py").out)
    assert only_the_caller["scopes"] == "video.list"  # still needed: written where it is not checked
    assert only_the_caller["needs"][0]["locations"] == []


def test_only_the_paths_given(tmp_path: Path) -> None:
    assert run("scopes", "views.py").out == "user.info.basic,user.info.stats\n"


def test_nothing_requested(tmp_path: Path) -> None:
    write(tmp_path / "empty" / "x.py", "print('hi')\n")
    assert run("scopes", "empty") == (0, "", "tiktok-scopes: no request for TikTok fields found\n")
    assert json.loads(run("scopes", "empty", "--format", "json").out) == {"scopes": "", "needs": []}
