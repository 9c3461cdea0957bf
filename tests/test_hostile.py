"""The command line against a hostile user and a hostile machine, one test per way it failed:

- ``fix`` loses no edit: a file saved after it was read is left alone; concurrent runs never
  corrupt a file;
- ``fix`` writes nothing outside the tree and keeps what a file is: symbolic links, owner,
  group, mode, hard links, read-only files;
- nothing is skipped in silence: git's view of the tree, named folders, TikTok files that
  cannot be analysed (TTS000), unreadable folders (exit 2);
- lines are flake8's: form feeds and other separators ``str.splitlines`` knows, CR-only files,
  patches that ``git apply`` takes, byte-exact round trips;
- output and configuration: file names that are not UTF-8, flake8-style lists, the real
  source of a bad value, TOML on every Python, a full disk, compiler warnings, stdin;
- claims kept: the sdist holds what its tests need, and its metadata what it promises.
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_robustness import mutated_fixtures

from cli_support import BAD_VIEW, git, run, write
from expectations import ROOT, run_flake8
from flake8_tiktok_scopes.fix import apply
from flake8_tiktok_scopes.fix import write as fix_write
from flake8_tiktok_scopes.frontends import workspace
from flake8_tiktok_scopes.frontends.workspace import decode_source
from flake8_tiktok_scopes.source.lines import split_lines, universal, with_endings_of

FIXED_VIEW = BAD_VIEW.replace("scope=user.info.basic&", "scope=user.info.basic,user.info.stats&")
TYPO = 'A = "https://open.tiktokapis.com/v2/user/info/?fields=like_count"\n'
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _dedented(source: str) -> str:
    return textwrap.dedent(source).lstrip("\n")


def _reported(out: str) -> list[str]:
    """``path:line:col: CODE`` of each reported line."""
    return [line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in out.splitlines()]


# -- fix loses no edit ---------------------------------------------------------------------------


def test_a_file_saved_after_it_was_read_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "app.py", BAD_VIEW)
    analysed = apply.fix

    def fix_while_an_editor_saves(*args: object) -> apply.Outcome:
        outcome = analysed(*args)  # type: ignore[arg-type]
        with open(path, "a", encoding="utf-8") as file:
            file.write("# saved by an editor meanwhile\n")
        return outcome

    monkeypatch.setattr(apply, "fix", fix_while_an_editor_saves)
    result = run("fix")
    assert result.status == 1
    assert path.read_text() == _dedented(BAD_VIEW) + "# saved by an editor meanwhile\n"
    assert "app.py: not written: it changed since it was read; run fix again" in result.err.splitlines()
    assert result.err.splitlines()[-1] == "tiktok-scopes: changed 0 files"


def test_concurrent_fix_runs_never_corrupt_a_file(tmp_path: Path) -> None:
    paths = [write(tmp_path / f"app{i}.py", BAD_VIEW) for i in range(12)]
    command = [sys.executable, "-m", "flake8_tiktok_scopes", "fix"]
    runs = [subprocess.Popen(command, cwd=tmp_path, stderr=subprocess.PIPE) for _ in range(4)]
    errors = [process.communicate()[1].decode() for process in runs]
    assert all(process.returncode in (0, 1) for process in runs), errors
    assert {path.read_text() for path in paths} == {_dedented(FIXED_VIEW)}
    assert sorted(os.listdir(tmp_path)) == sorted(path.name for path in paths)  # no temporary file left
    written = sum(int(e.splitlines()[-1].split()[2]) for e in errors)
    assert written == len(paths)  # each file written once; the other runs saw it change and left it
    assert run("fix") == (0, "", "tiktok-scopes: changed 0 files\n")


# -- fix writes nothing outside the tree and keeps what a file is -------------------------------


def test_a_symbolic_link_out_of_the_tree_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = write(tmp_path / "outside" / "ext.py", BAD_VIEW)
    tree = tmp_path / "tree"
    (tree / "pkg").mkdir(parents=True)
    (tree / "pkg" / "ext.py").symlink_to(outside)
    monkeypatch.chdir(tree)
    result = run("fix")
    assert result.status == 1
    assert outside.read_text() == _dedented(BAD_VIEW)
    assert (
        f"pkg/ext.py: not written: it resolves to {os.path.realpath(outside)}, outside the tree being fixed "
        "(a symbolic link?)" in result.err.splitlines()
    )
    assert result.err.splitlines()[-1] == "tiktok-scopes: changed 0 files"


def test_a_symbolic_link_in_the_tree_is_written_through_once_and_said(tmp_path: Path) -> None:
    real = write(tmp_path / "real.py", BAD_VIEW)
    (tmp_path / "alias.py").symlink_to("real.py")
    result = run("fix")
    assert result.status == 0, result.err
    assert real.read_text() == _dedented(FIXED_VIEW)
    assert os.readlink(tmp_path / "alias.py") == "real.py"
    assert "tiktok-scopes: alias.py: the same file as real.py, written once" in result.err.splitlines()
    assert result.err.splitlines()[-1] == "tiktok-scopes: changed 1 file"
    write(real, BAD_VIEW)
    result = run("fix", "alias.py")
    assert real.read_text() == _dedented(FIXED_VIEW)
    assert f"tiktok-scopes: alias.py: a symbolic link; wrote the file it points to, {real}" in result.err


@pytest.mark.skipif(not IS_ROOT, reason="giving a file to another user takes root")
def test_owner_group_and_mode_are_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "app.py", BAD_VIEW)
    os.chown(path, 4321, 8765)
    os.chmod(path, 0o640)
    assert run("fix").status == 0
    after = os.stat(path)
    assert (after.st_uid, after.st_gid, after.st_mode & 0o7777) == (4321, 8765, 0o640)
    assert path.read_text() == _dedented(FIXED_VIEW)


def test_extended_attributes_are_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "app.py", BAD_VIEW)
    try:
        os.setxattr(path, "user.origin", b"review")
    except (AttributeError, OSError):
        pytest.skip("no user extended attributes on this system")
    inode = os.stat(path).st_ino
    assert run("fix").status == 0
    assert os.getxattr(path, "user.origin") == b"review"
    assert os.stat(path).st_ino != inode  # replaced by a rename, attributes copied
    assert path.read_text() == _dedented(FIXED_VIEW)


def test_a_file_of_another_owner_is_written_in_place(tmp_path: Path) -> None:
    """A user who may write the file but not give a new one its owner writes it in place."""
    if not IS_ROOT or shutil.which("setpriv") is None:
        pytest.skip("acting as two other users takes root and setpriv")
    user = ["setpriv", "--reuid=4321", "--regid=5678", "--clear-groups"]
    if subprocess.run([*user, sys.executable, "-c", "import flake8_tiktok_scopes"], check=False).returncode:
        pytest.skip("the package cannot be read by another user here")
    folder = Path(tempfile.mkdtemp())
    try:
        os.chmod(folder, 0o777)  # the other user may create files here: a rename would be possible
        path = write(folder / "app.py", BAD_VIEW)
        os.chown(path, 1234, 5678)
        os.chmod(path, 0o664)  # writable by its group, which the other user is in
        inode = os.stat(path).st_ino
        command = [*user, sys.executable, "-m", "flake8_tiktok_scopes", "fix"]
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        after = os.stat(path)
        assert (after.st_ino, after.st_uid, after.st_gid, after.st_mode & 0o777) == (inode, 1234, 5678, 0o664)
        assert path.read_text() == _dedented(FIXED_VIEW)
    finally:
        shutil.rmtree(folder)


def test_hard_links_stay_one_file(tmp_path: Path) -> None:
    path = write(tmp_path / "app.py", BAD_VIEW)
    other = tmp_path / "elsewhere" / "same.txt"
    other.parent.mkdir()
    os.link(path, other)
    inode = os.stat(path).st_ino
    assert run("fix", "app.py").status == 0
    assert os.stat(path).st_ino == inode
    assert os.stat(path).st_nlink == 2
    assert other.read_text() == _dedented(FIXED_VIEW)


def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "app.py", BAD_VIEW)
    os.chmod(path, 0o444)
    result = run("fix")
    assert result.status == 1
    assert path.read_text() == _dedented(BAD_VIEW)
    assert "app.py: not written: it is read-only" in result.err.splitlines()
    assert result.err.splitlines()[-1] == "tiktok-scopes: changed 0 files"


def test_sarif_places_a_symbolic_link_where_it_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = write(tmp_path / "outside" / "ext.py", BAD_VIEW)
    tree = tmp_path / "tree"
    (tree / "pkg").mkdir(parents=True)
    git(tree, "init", "-q")
    (tree / "pkg" / "ext.py").symlink_to(outside)
    monkeypatch.chdir(tree)
    (result,) = json.loads(run("check", "--format", "sarif").out)["runs"][0]["results"]
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "pkg/ext.py", "uriBaseId": "%SRCROOT%"}


# -- nothing is skipped in silence ---------------------------------------------------------------


def test_tracked_files_in_build_and_dist_folders_are_checked(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    for name in ("build/x.py", "src/dist/x.py", "src/app.py"):
        write(tmp_path / name, TYPO)
    git(tmp_path, "add", "-A")
    assert [line.split(":")[0] for line in run("check", ".").out.splitlines()] == [
        "build/x.py",
        "src/app.py",
        "src/dist/x.py",
    ]


def test_a_named_folder_that_git_ignores_is_checked(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitignore").write_text("generated/\n")
    write(tmp_path / "generated" / "client.py", TYPO)
    assert run("check") == (0, "", "")  # the tree: git ignores the folder
    result = run("check", "generated")
    assert (result.status, _reported(result.out)) == (1, ["generated/client.py:1:55: TTS002"])


def test_nested_repositories_and_submodules_are_checked(tmp_path: Path) -> None:
    library = tmp_path / "library"
    write(library / "client.py", TYPO)
    git(library, "init", "-q")
    git(library, "add", "-A")
    git(library, "commit", "-q", "-m", "library")
    project = tmp_path / "project"
    write(project / "app.py", TYPO)
    write(project / "nested" / "inner.py", TYPO)  # a repository of its own, untracked
    git(project / "nested", "init", "-q")
    git(project, "init", "-q")
    git(project, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(library), "lib")
    git(project, "add", "app.py")
    git(project, "commit", "-q", "-m", "project")
    result = run("check", "project")
    assert _reported(result.out) == [
        "project/app.py:1:55: TTS002",
        "project/lib/client.py:1:55: TTS002",
        "project/nested/inner.py:1:55: TTS002",
    ]
    git(tmp_path, "clone", "-q", str(project), "clone")  # its submodule is not checked out
    assert _reported(run("check", "clone").out) == ["clone/app.py:1:55: TTS002"]


def test_outside_git_the_folders_left_out_are_named_when_verbose(tmp_path: Path) -> None:
    write(tmp_path / "build" / "x.py", TYPO)
    assert run("check") == (0, "", "")
    says = "a folder the walk outside git leaves out (name it to check it)"
    assert run("check", "-v").err == f"tiktok-scopes: skipped build{os.sep}: {says}\n"
    assert run("check", "build").status == 1


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        (
            "import requests\nprint 'https://open.tiktokapis.com/v2/user/info/?fields=open_id'\n",
            "it is not valid Python",
        ),
        (
            TYPO + "TOTAL = " + " + ".join(["1"] * 300) + "\n",
            "its syntax tree is more than 100 levels deep",
        ),
    ],
    ids=["python-2", "too-deep-for-libcst"],
)
def test_a_tiktok_file_that_cannot_be_analysed_is_tts000(tmp_path: Path, source: str, reason: str) -> None:
    write(tmp_path / "bad.py", source)
    write(tmp_path / "not_tiktok.py", "print 'hello'\n")  # flake8's E999, not this tool's business
    result = run("check")
    assert result == (1, f"bad.py:1:1: TTS000 'bad.py' could not be analysed: {reason}\n", "")
    (sarif,) = json.loads(run("check", "--format", "sarif").out)["runs"][0]["results"]
    assert (sarif["ruleId"], sarif["level"]) == ("TTS000", "error")
    assert run("check", "--ignore", "TTS000") == (0, "", "")
    fixing = run("fix")
    assert fixing.status == 1
    assert f"bad.py: not fixed: {reason}" in fixing.err.splitlines()
    scopes = run("scopes")
    assert scopes.status == 1
    assert f"tiktok-scopes: bad.py: not counted: it could not be analysed: {reason}" in scopes.err


def test_a_reason_on_several_lines_is_reported_on_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "app.py", TYPO)

    def refuse(source: str, filename: str = "", tree: object = None, home: str | None = None) -> None:
        raise workspace.engine.Skipped("libcst cannot parse it: Syntax Error @ 2:5.\n\n  x = (\n      ^")

    monkeypatch.setattr(workspace.engine, "analyze", refuse)
    assert run("check").out == (
        "app.py:1:1: TTS000 'app.py' could not be analysed: "
        "libcst cannot parse it: Syntax Error @ 2:5. x = ( ^\n"
    )


def _without_read_permission(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command in a process that obeys permission bits, even when the tests run as root."""
    drop = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"] if IS_ROOT else []
    if drop and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permission bits cannot be obeyed")
    command = [*drop, sys.executable, "-m", "flake8_tiktok_scopes", *argv]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("in_git", [False, True], ids=["walk", "git"])
def test_an_unreadable_folder_is_an_error(tmp_path: Path, in_git: bool) -> None:
    if in_git:
        git(tmp_path, "init", "-q")
    write(tmp_path / "app.py", TYPO)
    write(tmp_path / "secret" / "inner.py", TYPO)
    os.chmod(tmp_path / "secret", 0)
    try:
        result = _without_read_permission("check", cwd=tmp_path)
    finally:
        os.chmod(tmp_path / "secret", 0o755)
    assert result.returncode == 2, result.stderr
    assert _reported(result.stdout) == ["app.py:1:55: TTS002"]
    assert "tiktok-scopes: error: secret: Permission denied\n" in result.stderr


# -- lines as flake8 counts them -----------------------------------------------------------------

#: Characters ``str.splitlines`` ends a line at, which Python and flake8 read as ordinary ones.
NOT_NEWLINES = ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def test_lines_and_noqa_are_flake8s(tmp_path: Path) -> None:
    """One file per separator; TTS002 on lines 2 (silenced by its ``# noqa``), 3 and 5."""
    paths = []
    for separator in NOT_NEWLINES:
        source = (
            f"# one{separator}two\n"
            + TYPO.replace("\n", "  # noqa: TTS002\n")
            + TYPO.replace("A =", "B =")
            + f"C = 1  # three{separator}four\n"
            + TYPO.replace("A =", "D =")
        )
        paths.append(write(tmp_path / f"u{ord(separator):04x}.py", source))
    expected = sorted(f"{path.name}:{line}:55: TTS002" for path in paths for line in (3, 5))
    assert sorted(_reported(run("check", "--select", "TTS002").out)) == expected
    flake8 = run_flake8([Path(path.name) for path in paths], ["--select=TTS002"], cwd=tmp_path)
    assert sorted(f"{f.path}:{f.line}:{f.column}: {f.code}" for f in flake8) == expected


LINE_ENDINGS = {
    "lf": "\n",
    "crlf": "\r\n",
    "cr": "\r",
}


def _module(newline: str) -> str:
    return _dedented(BAD_VIEW).replace("\n", newline)


@pytest.mark.parametrize("newline", sorted(LINE_ENDINGS), ids=str)
def test_a_finding_in_a_multi_line_string_is_on_flake8s_line(tmp_path: Path, newline: str) -> None:
    source = 'DOC = """\nsee https://open.tiktokapis.com/v2/user/info/?fields=like_count\n"""\n'
    path = tmp_path / "app.py"
    path.write_bytes(source.replace("\n", LINE_ENDINGS[newline]).encode())
    assert _reported(run("check").out) == ["app.py:2:54: TTS002"]
    assert [(f.line, f.column) for f in run_flake8([path], ["--select=TTS"], cwd=tmp_path)] == [(2, 54)]


HOSTILE_FILES = {
    "lf": _module("\n").encode(),
    "crlf": _module("\r\n").encode(),
    "cr": _module("\r").encode(),
    "mixed": _module("\n").replace("\n", "\r\n", 3).encode(),
    "no-final-newline": _module("\r\n").rstrip("\r\n").encode(),
    "form-feeds-and-u2028": ("# \x0c\u2028\x85\n\x0c\n" + _module("\n")).encode(),
    "bom": b"\xef\xbb\xbf" + _module("\r\n").encode(),
    "latin-1-cr": ("# -*- coding: latin-1 -*-\r# caf\xe9\r" + _module("\r")).encode("latin-1"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_fix_is_byte_exact_and_its_diff_applies_with_git(tmp_path: Path, name: str) -> None:
    data = HOSTILE_FILES[name]
    path = tmp_path / "app.py"
    path.write_bytes(data)
    diff = run("fix", "--diff")
    assert diff.status == 1, diff.err
    patch = diff.out.encode("utf-8", "surrogateescape")
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "app.py").write_bytes(data)
    applied = subprocess.run(["git", "apply", "-"], cwd=copy, input=patch, capture_output=True, check=False)
    assert applied.returncode == 0, applied.stderr.decode()
    assert run("fix").status == 0
    old, new = b"scope=user.info.basic&", b"scope=user.info.basic,user.info.stats&"
    assert data.count(old) == 1
    assert path.read_bytes() == data.replace(old, new)
    assert (copy / "app.py").read_bytes() == path.read_bytes()


_TEXT = st.lists(st.sampled_from(["a", " ", "\n", "\r", "\r\n", *NOT_NEWLINES]), max_size=40).map("".join)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(_TEXT)
def test_split_lines_are_python_and_flake8_lines(text: str) -> None:
    assert "".join(split_lines(text, keepends=True)) == text
    assert split_lines(text, keepends=True) == io.StringIO(text, newline="").readlines()
    assert split_lines(text) == [line.rstrip("\r\n") for line in io.StringIO(text, newline="").readlines()]
    flake8 = io.TextIOWrapper(io.BytesIO(text.encode()), encoding="utf-8").readlines()  # universal newlines
    assert [universal(line) for line in split_lines(text, keepends=True)] == flake8


@settings(max_examples=200, deadline=None, derandomize=True)
@given(_TEXT, st.data())
def test_line_endings_survive_an_edit(original: str, data: st.DataObject) -> None:
    lines = split_lines(universal(original), keepends=True)
    assert with_endings_of(original, universal(original)) == original
    if lines:
        index = data.draw(st.integers(0, len(lines) - 1))
        edited = [*lines[:index], lines[index].replace("a", "b"), *lines[index + 1 :]]
        restored = split_lines(with_endings_of(original, "".join(edited)), keepends=True)
        kept = split_lines(original, keepends=True)
        assert [line[len(line.rstrip("\r\n")) :] for line in restored] == [
            line[len(line.rstrip("\r\n")) :] for line in kept
        ]


@settings(max_examples=60, deadline=None, derandomize=True)
@given(mutated_fixtures())
def test_reading_and_writing_back_is_byte_exact(text: str) -> None:
    data = text.encode("utf-8", "surrogateescape")
    source = decode_source("fuzz.py", data)
    assert "\r" not in source.text
    if source.encoding is not None:
        assert source.encode(source.text) == data


# -- output and configuration --------------------------------------------------------------------


@pytest.mark.skipif(sys.platform in ("darwin", "win32"), reason="the file system takes only valid names")
def test_a_file_name_that_is_not_utf8_in_every_format(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.py")
    (tmp_path / name).write_text(_dedented(BAD_VIEW))
    shown = "caf\\xe9.py"
    assert run("check").out.startswith(f"{shown}:9:36: TTS001 ")
    assert json.loads(run("check", "--format", "json").out)[0]["path"] == shown
    assert run("check", "--format", "github").out.startswith(f"::error file={shown},line=9,col=36,")
    (result,) = json.loads(run("check", "--format", "sarif").out)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "caf%E9.py"
    needs = json.loads(run("scopes", "--format", "json").out)["needs"]
    assert {location["path"] for need in needs for location in need["locations"]} == {shown}
    diff = run("fix", "--diff")
    assert diff.out.startswith('--- "a/caf\\351.py"\n+++ "b/caf\\351.py"\n')
    assert f"{shown}:3: added 'user.info.stats' to the declared scopes" in diff.err
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / name).write_text(_dedented(BAD_VIEW))
    subprocess.run(["git", "apply", "-"], cwd=copy, input=diff.out.encode(), check=True)
    assert (copy / name).read_text() == _dedented(FIXED_VIEW)


CONFIGURED_VIEW = BAD_VIEW.replace("AUTHORIZE = ", "# ").replace("user.info.basic", "")


@pytest.mark.parametrize(
    "value",
    [
        "\n    user.info.basic\n    user.info.profile",
        "user.info.basic user.info.profile",
        "user.info.basic,\n user.info.profile",
    ],
    ids=["new-lines", "blanks", "commas-and-new-lines"],
)
def test_config_lists_are_read_as_flake8_reads_them(tmp_path: Path, value: str) -> None:
    path = write(tmp_path / "app.py", CONFIGURED_VIEW)
    (tmp_path / "setup.cfg").write_text(f"[flake8]\ntiktok-scopes ={value}\n")
    result = run("check")
    message = "which the configured scopes 'user.info.basic,user.info.profile' lack"
    assert result.status == 1, result.err
    assert message in result.out
    flake8 = subprocess.run(
        [sys.executable, "-m", "flake8", "--select=TTS", str(path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert message in flake8.stdout, flake8.stderr


@pytest.mark.parametrize(
    ("name", "text", "argv", "says"),
    [
        (
            "pyproject.toml",
            '[tool.tiktok-scopes]\nscopes = ["user.info.stat"]\n',
            (),
            "pyproject.toml: [tool.tiktok-scopes] scopes: unknown TikTok scope 'user.info.stat'",
        ),
        (
            "tox.ini",
            "[flake8]\ntiktok_scopes = user.info.stat\n",
            (),
            "tox.ini: [flake8] tiktok_scopes: unknown TikTok scope 'user.info.stat'",
        ),
        (
            "setup.cfg",
            "[flake8]\ntiktok-scopes = user.info.basic\n",
            ("--tiktok-scopes", "user.info.stat"),
            "--tiktok-scopes: unknown TikTok scope 'user.info.stat'",
        ),
    ],
    ids=["pyproject", "flake8-file", "command-line"],
)
def test_a_bad_value_names_where_it_was_written(
    tmp_path: Path, name: str, text: str, argv: tuple[str, ...], says: str
) -> None:
    (tmp_path / name).write_text(text)
    result = run("check", *argv)
    assert result.status == 2
    assert result.err.startswith(f"tiktok-scopes: error: {says}")


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ('[tool.tiktok-scopes]\nscopes = """user.info.basic,\nuser.info.profile"""\n', True),
        (
            "[tool.tiktok-scopes]\nscopes = [\n  'user.info.basic',  # login\n  'user.info.profile',\n]\n",
            True,
        ),
        ('[tool.tiktok-scopes]\nscopes = "user.info.basic" "user.info.profile"\n', False),
        ("[tool.tiktok-scopes]\nscopes = ['user.info.basic',\n", False),
    ],
    ids=["multi-line-string", "list-with-comments", "two-strings", "unclosed-list"],
)
def test_pyproject_is_read_by_a_toml_parser_on_every_python(
    tmp_path: Path, text: str, accepted: bool
) -> None:
    write(tmp_path / "app.py", CONFIGURED_VIEW)
    (tmp_path / "pyproject.toml").write_text(text)
    result = run("check")
    if accepted:
        assert (result.status, result.err) == (1, "")
        assert "configured scopes 'user.info.basic,user.info.profile'" in result.out
    else:
        assert result.status == 2
        assert "pyproject.toml: invalid TOML" in result.err


@pytest.mark.parametrize("links", [1, 2], ids=["renamed", "in-place"])
def test_a_full_disk_writes_nothing_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: int
) -> None:
    path = write(tmp_path / "app.py", BAD_VIEW)
    if links == 2:
        os.link(path, tmp_path / "link.txt")
    real_write = os.write

    def full(fd: int, data: bytes) -> int:  # no room for the fixed text (the old one fits back)
        if b"user.info.stats" in bytes(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(fix_write.os, "write", full)
    monkeypatch.setattr(fix_write.os, "posix_fallocate", lambda *args: None, raising=False)
    result = run("fix")
    assert result.status == 2
    assert result.err.splitlines()[-2:] == [
        "tiktok-scopes: error: app.py: not written: No space left on device",
        "tiktok-scopes: changed 0 files",
    ]
    assert path.read_text() == _dedented(BAD_VIEW)
    assert sorted(os.listdir(tmp_path)) == sorted(["app.py", *(["link.txt"] if links == 2 else [])])


def test_compiler_warnings_that_name_no_file_are_not_shown(tmp_path: Path) -> None:
    write(tmp_path / "app.py", TYPO + 'PATTERN = "\\d+"\n')  # an invalid escape sequence
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert run("check").status == 1
    assert [f"{w.category.__name__}: {w.message}" for w in caught if w.filename == "<unknown>"] == []


def test_stdin_is_read_and_reported_under_its_display_name(tmp_path: Path) -> None:
    latin = "# -*- coding: latin-1 -*-\n# caf\xe9\n" + _dedented(BAD_VIEW)
    data = latin.encode("latin-1")
    write(tmp_path / "app" / "views.py", FIXED_VIEW)  # on disk: fixed; in the editor: not yet
    result = run("check", "-", stdin=data)
    assert (result.status, result.err) == (1, "")
    assert result.out.startswith("stdin:11:36: TTS001 'follower_count'")
    named = run("check", "--stdin-display-name", "app/views.py", "-", ".", stdin=data)
    assert _reported(named.out) == ["app/views.py:11:36: TTS001"]
    assert run("scopes", "-", stdin=data).out == "user.info.basic,user.info.stats\n"
    assert run("fix", "-", stdin=data).status == 2


# -- claims kept ---------------------------------------------------------------------------------


def test_the_sdist_holds_what_its_tests_need(tmp_path: Path) -> None:
    pytest.importorskip("build")
    checkout = tmp_path / "checkout"  # built from a copy: the build writes its egg-info beside the sources
    shutil.copytree(
        ROOT, checkout, ignore=shutil.ignore_patterns(".git", "__pycache__", "*.egg-info", ".*cache", ".work")
    )
    command = [
        sys.executable,
        "-m",
        "build",
        "--sdist",
        "--no-isolation",
        "--outdir",
        str(tmp_path),
        str(checkout),
    ]
    built = subprocess.run(command, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    (sdist,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
        info = archive.extractfile(next(n for n in archive.getnames() if n.endswith("/PKG-INFO")))
        assert info is not None
        metadata = info.read().decode()
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False)
    if tracked.returncode == 0:
        wanted = {
            name
            for name in tracked.stdout.splitlines()
            if name.startswith(("tests/", "fixtures/", "benchmarks/"))
        }
    else:
        wanted = {str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("*.py")}
    assert wanted - names == set()
    assert {"LICENSE", "README.md", "CHANGELOG.md", "pyproject.toml", "tests/conftest.py"} <= names
    assert "License-Expression: MIT" in metadata
    assert "License-File: LICENSE" in metadata
    assert "Project-URL: Source, https://github.com/" in metadata
    assert 'Requires-Dist: tomli>=1.1; python_version < "3.11"' in metadata
