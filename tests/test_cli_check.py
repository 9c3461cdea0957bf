"""``tiktok-scopes check``: findings, exit status, options, config files, noqa, file discovery."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cli_support import BAD_VIEW, git, run, write
from flake8_tiktok_scopes.frontends import batch, workspace

FINDING = "app.py:9:36: TTS001 'follower_count' needs scope 'user.info.stats', which the declared"


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_reports_flake8_style_and_exits_1(tmp_path: Path) -> None:
    write(tmp_path / "app.py", BAD_VIEW)
    result = run("check")
    assert result.status == 1
    assert result.out.startswith(FINDING)
    assert result.out.count("\n") == 1
    assert result.err == ""


def test_nothing_found_exits_0(tmp_path: Path) -> None:
    write(tmp_path / "app.py", BAD_VIEW.replace("user.info.basic", "user.info.basic,user.info.stats"))
    write(tmp_path / "other.py", "print('no tiktok here')\n")
    assert run("check", ".") == (0, "", "")


def test_exit_zero(tmp_path: Path) -> None:
    write(tmp_path / "app.py", BAD_VIEW)
    assert run("check", "--exit-zero").status == 0


@pytest.mark.parametrize("command", ["check", "scopes", "fix"])
def test_every_subcommand_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.status == 0
    assert f"usage: tiktok-scopes {command}" in result.out


def test_version_and_top_level_help() -> None:
    assert run("--version").out.startswith("tiktok-scopes ")
    assert "check" in run("--help").out


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["check", "missing.py"], "tiktok-scopes: error: missing.py: no such file or directory"),
        (["check", "--bogus"], "tiktok-scopes: error: unrecognized arguments: --bogus (see --help)"),
        (["check", "--format", "xml"], "invalid choice: 'xml'"),
        (["check", "--select", "E501"], "tiktok-scopes: error: unknown code 'E501'"),
        (["check", "--tiktok-scopes", "user.info.stat"], "did you mean 'user.info.stats'?"),
        ([], "the following arguments are required: COMMAND"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(argv: list[str], says: str) -> None:
    result = run(*argv)
    assert result.status == 2
    assert says in result.err
    assert result.err.count("\n") == 1
    assert "Traceback" not in result.err


def test_unreadable_file_exits_2_after_checking_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "app.py", BAD_VIEW)
    write(tmp_path / "broken.py", "x = 1\n")
    real = workspace.read_source

    def failing(path: str) -> workspace.Source:
        if path.endswith("broken.py"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(workspace, "read_source", failing)
    result = run("check")
    assert result.status == 2
    assert result.out.startswith(FINDING)
    assert result.err == "tiktok-scopes: error: broken.py: Permission denied\n"


def test_select_extend_select_ignore(tmp_path: Path) -> None:
    write(
        tmp_path / "app.py",
        """\
        URL = "https://open.tiktokapis.com/v2/user/info/?fields=follower_count,like_count"
        """,
    )
    codes = lambda *argv: [line.split()[1] for line in run("check", *argv).out.splitlines()]  # noqa: E731
    assert codes() == ["TTS002"]  # TTS005 is off by default
    assert codes("--extend-select", "TTS005") == ["TTS005", "TTS002"]
    assert codes("--select", "TTS") == ["TTS005", "TTS002"]
    assert codes("--select", "TTS005,TTS002", "--ignore", "TTS002") == ["TTS005"]
    assert codes("--ignore", "TTS00") == []
    assert codes("--select", "tts002") == ["TTS002"]


def test_noqa_as_flake8_reads_it(tmp_path: Path) -> None:
    write(
        tmp_path / "app.py",
        '''\
        A = "https://open.tiktokapis.com/v2/user/info/?fields=likes"  # noqa
        B = "https://open.tiktokapis.com/v2/user/info/?fields=likes"  # noqa: TTS002
        C = "https://open.tiktokapis.com/v2/user/info/?fields=likes"  # noqa:TTS
        D = "https://open.tiktokapis.com/v2/user/info/?fields=likes"  # noqa: tts002
        E = "https://open.tiktokapis.com/v2/user/info/?fields=likes"  # noqa: TTS001
        F = """
        https://open.tiktokapis.com/v2/user/info/?fields=likes
        """  # noqa: TTS002
        ''',
    )
    lines = run("check").out.splitlines()
    assert [line.split(":")[1] for line in lines] == ["4", "5"]
    assert len(run("check", "--disable-noqa").out.splitlines()) == 6


def test_file_level_noqa(tmp_path: Path) -> None:
    write(tmp_path / "app.py", "# flake8: noqa\n" + BAD_VIEW)
    assert run("check").status == 0


def test_project_mode_unites_declarations_and_names_their_origin(tmp_path: Path) -> None:
    write(tmp_path / "app" / "settings.py", 'SOCIAL_AUTH_TIKTOK_SCOPE = ["user.info.basic"]\n')
    view = BAD_VIEW.replace("AUTHORIZE = ", "# ").replace("user.info.basic", "")
    write(tmp_path / "app" / "views.py", view)
    assert run("check", "--per-file").status == 0  # views.py declares nothing, nothing is configured
    assert run("check", "--project").out == run("check").out  # the project view is the default
    result = run("check")
    assert result.status == 1
    assert result.out == (
        "app/views.py:9:36: TTS001 'follower_count' needs scope 'user.info.stats', which the scopes "
        "declared in app/settings.py:1 ('user.info.basic') lack\n"
    )


def test_origins_name_the_lines_where_the_declarations_are_made(tmp_path: Path) -> None:
    write(
        tmp_path / "app" / "service.py",
        """\
        from urllib.parse import urlencode

        class TikTokService:
            SCOPES = ["user.info.basic", "video.list"]

            def build_auth_url(self, key):
                query = {"client_key": key, "scope": ",".join(self.SCOPES), "response_type": "code"}
                return "https://www.tiktok.com/v2/auth/authorize/?" + urlencode(query)
        """,
    )
    # its scopes are the service's: where it asks for the URL is where it declares them
    write(
        tmp_path / "app" / "auth.py",
        "from app.service import TikTokService\n\ndef login(key):  # the TikTok scope\n"
        "    return TikTokService().build_auth_url(key)\n",
    )
    write(tmp_path / "app" / "consts.py", 'BASIC = "user.info.basic"\n')
    # its scope is written in consts.py: it declares it where it builds the URL
    write(
        tmp_path / "app" / "login.py",
        "from app.consts import BASIC\n\n"
        'URL = f"https://www.tiktok.com/v2/auth/authorize/?client_key=k&scope={BASIC}"\n',
    )
    view = BAD_VIEW.replace("AUTHORIZE = ", "# ").replace("user.info.basic", "")
    write(tmp_path / "app" / "views.py", view)
    assert run("check").out == (
        "app/views.py:9:36: TTS001 'follower_count' needs scope 'user.info.stats', which the scopes "
        "declared in app/auth.py:4, app/consts.py:1, app/login.py:3 and 1 more "
        "('user.info.basic,video.list') lack\n"
    )


# --- configuration ---------------------------------------------------------------------------

CONFIGURED_VIEW = BAD_VIEW.replace("AUTHORIZE = ", "# ").replace("user.info.basic", "")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("setup.cfg", "[flake8]\ntiktok-scopes = user.info.basic\n"),
        ("tox.ini", "[flake8]\ntiktok_scopes =\n    user.info.basic,\n    user.info.profile\n"),
        (".flake8", "[flake8]\nmax-line-length = 100\ntiktok-scopes = user.info.basic\n"),
        ("pyproject.toml", '[tool.tiktok-scopes]\nscopes = ["user.info.basic"]\n'),
        ("pyproject.toml", '[project]\nname = "x"\n\n[tool.tiktok-scopes]\nscopes = "user.info.basic"\n'),
    ],
)
def test_configured_scopes(tmp_path: Path, name: str, text: str) -> None:
    write(tmp_path / "app.py", CONFIGURED_VIEW)
    assert run("check").status == 0
    (tmp_path / name).write_text(text)
    result = run("check")
    assert result.status == 1
    assert "which the configured scopes 'user.info.basic" in result.out
    assert run("check", "--tiktok-scopes", "user.info.basic,user.info.stats").status == 0


def test_config_is_found_from_a_subdirectory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "setup.cfg").write_text("[flake8]\ntiktok-scopes = user.info.basic\n")
    write(tmp_path / "src" / "app.py", CONFIGURED_VIEW)
    monkeypatch.chdir(tmp_path / "src")
    assert "configured scopes" in run("check").out


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        (
            "setup.cfg",
            "[flake8]\ntiktok-scopes = user.info.stat\n",
            "setup.cfg: [flake8] tiktok-scopes: unknown",
        ),
        ("pyproject.toml", "[tool.tiktok-scopes]\nscope = 'user.info.basic'\n", "unknown key 'scope'"),
        ("pyproject.toml", "[tool.tiktok-scopes]\nscopes = 3\n", "must be a string or a list"),
        ("pyproject.toml", "[tool.tiktok-scopes\n", "invalid TOML"),
    ],
)
def test_bad_config_is_a_usage_error(tmp_path: Path, name: str, text: str, says: str) -> None:
    (tmp_path / name).write_text(text)
    result = run("check")
    assert result.status == 2
    assert says in result.err


# --- discovery ---------------------------------------------------------------------------------


def test_walk_skips_virtualenvs_and_build_folders(tmp_path: Path) -> None:
    for folder in (".venv", "venv", ".tox", "build", "dist", "node_modules", "lib/site-packages"):
        write(tmp_path / folder / "app.py", BAD_VIEW)
    write(tmp_path / "pkg" / "app.py", BAD_VIEW)
    write(tmp_path / "pkg" / "notes.txt", BAD_VIEW)
    assert [line.split(":")[0] for line in run("check").out.splitlines()] == ["pkg/app.py"]


def test_git_ignored_files_are_skipped_untracked_and_tracked_ones_checked(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitignore").write_text("generated/\n")
    write(tmp_path / "generated" / "app.py", BAD_VIEW)
    write(tmp_path / "tracked.py", BAD_VIEW)
    git(tmp_path, "add", "tracked.py")
    write(tmp_path / "untracked.py", BAD_VIEW)
    write(tmp_path / "venv" / "app.py", BAD_VIEW)  # committed: checked, as git lists it
    git(tmp_path, "add", "-f", "venv/app.py")
    paths = [line.split(":")[0] for line in run("check").out.splitlines()]
    assert paths == ["tracked.py", "untracked.py", "venv/app.py"]


def test_named_files_are_checked_whatever_their_folder(tmp_path: Path) -> None:
    write(tmp_path / "build" / "app.py", BAD_VIEW)
    assert run("check", "build/app.py").out.startswith("build/app.py:9:36: TTS001")


def test_source_encodings(tmp_path: Path) -> None:
    latin = "# -*- coding: latin-1 -*-\n# caf\xe9\n" + textwrap.dedent(BAD_VIEW)
    write(tmp_path / "latin.py", latin, encoding="latin-1")
    write(tmp_path / "bom.py", BAD_VIEW, encoding="utf-8-sig")
    write(tmp_path / "crlf.py", BAD_VIEW, newline="\r\n")
    out = run("check").out.splitlines()
    assert [line.split(": TTS")[0] for line in out] == ["bom.py:9:36", "crlf.py:9:36", "latin.py:11:36"]


def test_an_engine_failure_is_reported_as_tts000(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "app.py", BAD_VIEW)

    def broken(source: str, filename: str = "", tree: object = None, home: str | None = None) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(workspace.engine, "analyze", broken)
    assert run("check") == (
        1,
        "app.py:1:1: TTS000 'app.py' could not be analysed: internal error: RecursionError: "
        "maximum recursion depth exceeded\n",
        "",
    )


def test_a_bug_is_one_line_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "app.py", BAD_VIEW)
    monkeypatch.setattr(batch, "check_files", lambda *args, **kwargs: 1 / 0)
    assert run("check") == (2, "", "tiktok-scopes: internal error: ZeroDivisionError: division by zero\n")


def test_workers_report_what_one_process_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    from expectations import FIXTURES

    monkeypatch.chdir(FIXTURES.parent)
    one = run("check", "--extend-select=TTS005,TTS006", "-j1", "fixtures")
    two = run("check", "--extend-select=TTS005,TTS006", "-j2", "fixtures")
    assert one.status == two.status == 1
    assert one.out == two.out  # the same findings, in the same order
    assert len(one.out.splitlines()) > 100
