"""Every application in fixtures/projects, checked the ways users check it.

Front ends: ``flake8`` over the project's folder, ``stdin`` (flake8 on each requesting file's text
through stdin, from its application's root, as an editor checks an unsaved buffer), ``cli``
(``tiktok-scopes check PROJECT``) and ``cli-project`` (the same with ``--project``). Each must
report exactly the findings the files' comments expect (format: tests/expectations.py), and a
message that judges a file by declared scopes must name only lines marked ``# declares:``: the
file's own when it has some, else those of its own application.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from cli_support import run
from expectations import (
    PROJECTS,
    ROOT,
    Finding,
    Report,
    declarations,
    expected,
    flake8_args,
    flake8_reports,
    known_false,
    known_misses,
    subject,
)

FRONT_ENDS = ("flake8", "stdin", "cli", "cli-project")
#: Projects a front end does not check as the contract says yet, and why: each is a strict xfail
#: (once the front end gets such a project right, the test fails until the entry goes).
KNOWN_GAPS: dict[str, tuple[str, frozenset[str]]] = {}

_CLI_LINE = re.compile(r"^(?P<path>.+?):(?P<row>\d+):(?P<col>\d+): (?P<code>TTS\d{3}) (?P<text>.*)$")
_OWN_SCOPES = re.compile(r"which the declared scopes '(?P<scopes>[^']*)' lack$")
_OWN_UNRESOLVED = re.compile(
    r"but the scope declaration on line (?P<line>\d+) of this file could not be resolved$"
)
_ELSEWHERE = re.compile(r"which the scopes declared in (?P<places>.+) \('(?P<scopes>[^']*)'\) lack$")
_UNRESOLVED_AT = re.compile(r"but the scope declaration at (?P<place>\S+) could not be resolved$")
_MORE = re.compile(r" and \d+ more$")
_PLACE = re.compile(r"(?P<path>[^\s,(']+\.py):(?P<line>\d+)")


class Project:
    """One folder of fixtures/projects: one application, or several side by side."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files = sorted(path for path in folder.rglob("*.py") if "__pycache__" not in path.parts)
        given = {flake8_args(path) for path in self.files} - {()}
        assert len(given) <= 1, f"{folder.name}: its files ask for different flake8 arguments {given}"
        self.args = given.pop() if given else ()
        self.marks = {
            (path, line): scopes for path in self.files for line, scopes in declarations(path).items()
        }

    def __str__(self) -> str:
        return self.folder.name

    @staticmethod
    def application(path: Path) -> Path:
        """The root of the application that holds ``path``: the nearest folder with pyproject.toml."""
        return next(folder for folder in path.parents if (folder / "pyproject.toml").is_file())

    def requesting(self) -> list[Path]:
        """The files stdin checks: those that expect findings or name ``fields``."""
        return [
            path
            for path in self.files
            if expected(path) or known_false(path) or "fields" in path.read_text(encoding="utf-8")
        ]

    def wanted(self, front_end: str) -> tuple[set[Finding], set[Finding], set[Finding]]:
        """What ``front_end`` must report; the expected findings it is known to miss, and the
        findings it is known to report wrongly."""
        want, missed, wrong = set(), set(), set()
        for path in self.files if front_end != "stdin" else self.requesting():
            want |= expected(path)
            missed |= {f for f, by in known_misses(path).items() if front_end in by or "all" in by}
            wrong |= {f for f, by in known_false(path).items() if front_end in by or "all" in by}
        return (want - missed) | wrong, missed, wrong


def _in(report: Report, cwd: Path) -> Report:
    """A report whose paths, its own and those its message names, are absolute (front ends print
    them relative to the directory they run in)."""
    finding, message = report
    message = _PLACE.sub(lambda m: f"{(cwd / m['path']).resolve()}:{m['line']}", message)
    return Report(finding._replace(path=str((cwd / finding.path).resolve())), message)


def _flake8(projects: list[Project], args: tuple[str, ...], cache: Path) -> list[Report]:
    arguments = [*args, f"--tiktok-scopes-cache-dir={cache}", *(str(project.folder) for project in projects)]
    return [_in(report, ROOT) for report in flake8_reports(arguments, ROOT)]


def _stdin(path: Path, args: tuple[str, ...], cache: Path) -> list[Report]:
    root = Project.application(path)
    shown = path.relative_to(root).as_posix()
    arguments = [*args, f"--tiktok-scopes-cache-dir={cache}", f"--stdin-display-name={shown}", "-"]
    return [_in(report, root) for report in flake8_reports(arguments, root, stdin=path.read_text("utf-8"))]


def _cli(projects: list[Project], args: tuple[str, ...], cache: Path, *options: str) -> list[Report]:
    folders = [project.folder.relative_to(ROOT).as_posix() for project in projects]
    command = [sys.executable, "-m", "flake8_tiktok_scopes", "check", *options, *args]
    result = subprocess.run(
        [*command, f"--tiktok-scopes-cache-dir={cache}", *folders],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode in (0, 1) and not result.stderr, result.stderr
    reports = []
    for line in result.stdout.splitlines():
        match = _CLI_LINE.match(line)
        assert match is not None, f"not a finding: {line!r}"
        finding = Finding(
            match["path"], int(match["row"]), int(match["col"]), match["code"], subject(match["text"])
        )
        reports.append(_in(Report(finding, match["text"]), ROOT))
    return reports


ALL = [Project(folder) for folder in sorted(PROJECTS.iterdir()) if folder.is_dir()]
Runs = dict[tuple[str, object], "Future[list[Report]]"]


@pytest.fixture(scope="session")
def reported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    """Every project checked by every front end, all runs started at once: one per front end and
    set of arguments (the projects that share them are checked together), one per file through
    stdin. Each front end has a cache of its own, so that none sees what another one cached."""
    caches = {front_end: tmp_path_factory.mktemp(f"cache-{front_end}") for front_end in FRONT_ENDS}
    groups: dict[tuple[str, ...], list[Project]] = {}
    for project in ALL:
        groups.setdefault(project.args, []).append(project)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        runs: Runs = {}
        for args, projects in groups.items():
            runs["flake8", args] = pool.submit(_flake8, projects, args, caches["flake8"])
            runs["cli", args] = pool.submit(_cli, projects, args, caches["cli"])
            runs["cli-project", args] = pool.submit(_cli, projects, args, caches["cli-project"], "--project")
        for project in ALL:
            for path in project.requesting():
                runs["stdin", path] = pool.submit(_stdin, path, project.args, caches["stdin"])
        yield runs


def _reports(runs: Runs, project: Project, front_end: str) -> list[Report]:
    """What a front end reported for the files of one project."""
    if front_end == "stdin":
        return [report for path in project.requesting() for report in runs["stdin", path].result()]
    found = runs[front_end, project.args].result()
    return [report for report in found if project.folder in Path(report.finding.path).parents]


def _cases() -> Sequence[object]:
    """Each project with each front end; a known gap is a strict xfail."""
    cases = []
    for front_end in FRONT_ENDS:
        why, projects = KNOWN_GAPS.get(front_end, ("", frozenset()))
        for project in ALL:
            marks = [pytest.mark.xfail(reason=why, strict=True)] if str(project) in projects else []
            cases.append(pytest.param(project, front_end, marks=marks, id=f"{front_end}-{project}"))
    return cases


def _shown(findings: set[Finding]) -> list[str]:
    return [
        f"{Path(f.path).relative_to(PROJECTS).as_posix()}:{f.line}:{f.column} {f.code} {f.subject}"
        for f in sorted(findings)
    ]


@pytest.mark.parametrize(("project", "front_end"), _cases())
def test_project(project: Project, front_end: str, reported: Runs) -> None:
    reports = _reports(reported, project, front_end)
    got = {report.finding for report in reports}
    want, missed, wrong = project.wanted(front_end)
    assert _shown(got & missed) == [], "reported now, though known as missed: drop the missed-by"
    assert _shown(wrong - got) == [], "no longer reported: drop the not-expected comment"
    assert _shown(got - want) == [], "reported but not expected"
    assert _shown(want - got) == [], "expected but not reported"
    assert [problem for report in reports for problem in _judged(project, report)] == []


def _judged(project: Project, report: Report) -> Iterator[str]:
    """What is wrong with the declarations a TTS001/TTS005 message names."""
    finding, message = report
    path = Path(finding.path)
    shown = f"{path.relative_to(PROJECTS).as_posix()}:{finding.line}: {message}"
    own = {line: scopes for (file, line), scopes in project.marks.items() if file == path}
    application = project.application(path)
    theirs = {
        (file, line): scopes
        for (file, line), scopes in project.marks.items()
        if file != path and project.application(file) == application
    }
    if finding.code == "TTS001" and own:
        match = _OWN_SCOPES.search(message)
        if match is None or set(match["scopes"].split(",")) != _union(own.values()):
            yield f"{shown}: should name the file's own scopes {sorted(_union(own.values()))}"
    elif finding.code == "TTS005" and own:
        match = _OWN_UNRESOLVED.search(message)
        if None in own.values() and (match is None or own.get(int(match["line"]), ()) is not None):
            yield f"{shown}: should say on which line the file's own declaration could not be resolved"
    elif finding.code == "TTS001" and theirs:
        match = _ELSEWHERE.search(message)
        if match is None or set(match["scopes"].split(",")) != _union(theirs.values()):
            yield f"{shown}: should name where {sorted(_union(theirs.values()))} are declared"
        else:
            yield from _unmarked(shown, _MORE.sub("", match["places"]).split(", "), theirs, resolved=True)
    elif finding.code == "TTS005" and theirs:
        match = _UNRESOLVED_AT.search(message)
        if match is None:
            yield f"{shown}: should say which declaration of its application could not be resolved"
        else:
            yield from _unmarked(shown, [match["place"]], theirs, resolved=False)


def _unmarked(
    shown: str, places: list[str], marks: dict[tuple[Path, int], frozenset[str] | None], *, resolved: bool
) -> Iterator[str]:
    """The places a message names that are not marked declarations (resolved or not) of the
    application."""
    for place in places:
        name, _, line = place.rpartition(":")
        key = (Path(name), int(line) if line.isdigit() else 0)
        if key not in marks or (marks[key] is not None) != resolved:
            kind = "declaration" if resolved else "unresolved declaration"
            yield f"{shown}: names {place}, which is not a marked {kind} of its application"


def _union(marks: Iterable[frozenset[str] | None]) -> set[str]:
    return {scope for scopes in marks for scope in scopes or ()}


def test_every_file_belongs_to_an_application_of_its_project() -> None:
    assert len(ALL) >= 10
    for project in ALL:
        assert project.files, project
        for path in project.files:
            assert project.folder in [Project.application(path), *Project.application(path).parents], path


def _left_out(empty_packages: bool) -> Callable[[str, list[str]], set[str]]:
    """What a copy leaves out: the root markers, and with ``empty_packages`` the empty
    ``__init__.py`` files (their folders become namespace packages)."""

    def left_out(folder: str, names: list[str]) -> set[str]:
        init = Path(folder, "__init__.py")
        empty = empty_packages and "__init__.py" in names and not init.read_bytes().strip()
        return {"pyproject.toml", *(["__init__.py"] if empty else [])}

    return left_out


@pytest.mark.parametrize(
    ("project", "empty_packages"),
    [
        pytest.param(
            project,
            empty,
            id=f"{project}-{'namespace-packages' if empty else 'packages'}",
        )
        for project in ALL
        for empty in (False, True)
        if not (empty and str(project) == "monorepo")  # with neither markers nor packages, one tree
    ],
)
def test_a_tree_without_root_markers_is_the_application_python_imports(
    project: Project, empty_packages: bool, tmp_path: Path
) -> None:
    """A repository copied without its ``pyproject.toml`` (and with no other marker above it) is
    found as Python imports it: the folder above its files' outermost package (applications
    side by side stay apart), or for a file outside any package (a namespace package) the
    folder flake8 checks. flake8 run there reports what the project expects."""
    copy = tmp_path / project.folder.name
    shutil.copytree(project.folder, copy, ignore=_left_out(empty_packages))
    assert not [f for f in (copy, *copy.parents) if (f / "pyproject.toml").exists() or (f / ".git").exists()]
    got = {
        report.finding._replace(path=str(project.folder / report.finding.path))
        for report in flake8_reports([*project.args, "--tiktok-scopes-no-cache", "."], copy)
    }
    want, _, _ = project.wanted("flake8")
    assert _shown(got - want) == [], "reported but not expected"
    assert _shown(want - got) == [], "expected but not reported"


_SIGN_IN = """\
from urllib.parse import urlencode

SCOPES = "user.info.basic,user.info.profile"


def login_url(client_key: str) -> str:
    query = urlencode({"client_key": client_key, "scope": SCOPES, "response_type": "code"})
    return f"https://www.tiktok.com/v2/auth/authorize/?{query}"
"""
_PROFILE = """\
import requests

FIELDS = "open_id,bio_description,follower_count"


def profile(token: str) -> dict:
    url = "https://open.tiktokapis.com/v2/user/info/"
    return requests.get(url, params={"fields": FIELDS}, headers={"Authorization": token}).json()
"""


@pytest.mark.parametrize("front_end", ["flake8", "cli"])
def test_a_tree_without_markers_or_packages_is_the_folder_checked(
    front_end: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Scripts beside a folder of modules with no ``__init__.py`` (a namespace package) and no
    marker: the folder checked is their application, so the scopes ``main.py`` declares judge
    ``services/tiktok.py``; checking only ``services/`` leaves them out."""
    (tmp_path / "services").mkdir()
    (tmp_path / "main.py").write_text(_SIGN_IN, encoding="utf-8")
    (tmp_path / "services" / "tiktok.py").write_text(_PROFILE, encoding="utf-8")
    assert not [f for f in (tmp_path, *tmp_path.parents) if (f / ".git").exists()]
    monkeypatch.chdir(tmp_path)

    def judged(folder: str) -> list[str]:
        if front_end == "flake8":
            reports = flake8_reports(["--tiktok-scopes-no-cache", "--select=TTS", folder], tmp_path)
            return [f"{r.finding.code} {r.message}" for r in reports]
        result = run("check", "--tiktok-scopes-no-cache", "--select=TTS", folder)
        return [line.split(" ", 1)[1] for line in result.out.splitlines()]

    assert judged(".") == [
        "TTS001 'follower_count' needs scope 'user.info.stats', which the scopes declared in "
        "main.py:3 ('user.info.basic,user.info.profile') lack"
    ]
    assert [message.split(",")[0] for message in judged("services")] == [
        "TTS005 'bio_description' needs scope 'user.info.profile'",
        "TTS005 'follower_count' needs scope 'user.info.stats'",
    ]


_PROFILE_FIELDS_IMPORTED = """\
import requests

from services.fields import FIELDS


def profile(token: str) -> dict:
    url = "https://open.tiktokapis.com/v2/user/info/"
    return requests.get(url, params={"fields": FIELDS}, headers={"Authorization": token}).json()
"""


@pytest.mark.parametrize("front_end", ["flake8", "check", "scopes"])
def test_a_namespace_package_imports_its_modules_from_the_folder_checked(
    front_end: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``from services.fields import FIELDS`` in ``services/tiktok.py``, with no ``__init__.py``
    and no marker: the module is found from the folder checked, as ``python -m`` run there finds
    it, so the fields it binds are requested."""
    (tmp_path / "services").mkdir()
    (tmp_path / "main.py").write_text(_SIGN_IN, encoding="utf-8")
    (tmp_path / "services" / "fields.py").write_text(
        'FIELDS = "open_id,bio_description,follower_count"\n', encoding="utf-8"
    )
    (tmp_path / "services" / "tiktok.py").write_text(_PROFILE_FIELDS_IMPORTED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    if front_end == "scopes":
        assert run("scopes", ".").out.strip() == "user.info.basic,user.info.profile,user.info.stats"
        return
    if front_end == "flake8":
        reports = flake8_reports(["--tiktok-scopes-no-cache", "--select=TTS", "."], tmp_path)
        found = [f"{r.finding.path}:{r.finding.line} {r.finding.code} {r.message}" for r in reports]
    else:
        found = run("check", "--tiktok-scopes-no-cache", "--select=TTS", ".").out.splitlines()
    assert [line.replace("./", "").replace(":8:12:", ":8") for line in found] == [
        "services/tiktok.py:8 TTS001 'follower_count' needs scope 'user.info.stats', which the scopes "
        "declared in main.py:3 ('user.info.basic,user.info.profile') lack"
    ]


def test_the_correct_project_needs_exactly_what_it_declares() -> None:
    """``tiktok-scopes scopes``: the requests of the correct project are seen, and need every
    scope it declares (so that "nothing reported" is not "nothing seen")."""
    project = next(p for p in ALL if str(p) == "correct_studio")
    result = run("scopes", str(project.folder))
    assert result.status == 0, result.err
    assert set(result.out.strip().split(",")) == _union(project.marks.values())


_MONOREPO = PROJECTS / "monorepo"


@pytest.mark.parametrize(
    ("path", "edit", "args", "want"),
    [
        pytest.param(
            _MONOREPO / "web/storefront/creator_page.py",
            ("import requests\n", 'import requests\n\nSCOPES = "user.info.basic,user.info.profile"\n'),
            (),
            (
                "TTS001",
                "follower_count",
                "which the declared scopes 'user.info.basic,user.info.profile' lack",
            ),
            id="a-declaration-typed-in-wins",
        ),
        pytest.param(
            _MONOREPO / "worker/sync/config.py",
            (
                '"scope": "user.info.basic,user.info.profile",',
                '"me": "https://open.tiktokapis.com/v2/user/info/?fields=open_id,username",',
            ),
            ("--extend-select=TTS005",),
            ("TTS005", "username", "but no scope declaration is visible"),
            id="a-declaration-deleted-is-gone",
        ),
    ],
)
def test_an_unsaved_buffer_is_judged_by_what_it_says(
    path: Path, edit: tuple[str, str], args: tuple[str, ...], want: tuple[str, str, str]
) -> None:
    """An editor's buffer through stdin counts as the file, not the file on disk: a declaration
    typed in is the file's own, a declaration deleted no longer counts (for this file or as its
    application's)."""
    before, after = edit
    text = path.read_text(encoding="utf-8")
    assert before in text
    root = Project.application(path)
    shown = path.relative_to(root).as_posix()
    found = flake8_reports([*args, f"--stdin-display-name={shown}", "-"], root, text.replace(before, after))
    code, name, says = want
    assert [(report.finding.code, report.finding.subject) for report in found] == [(code, name)]
    assert says in found[0].message
