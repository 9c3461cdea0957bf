"""The cache: a second run costs little, and never changes an answer (stale, corrupt, shared,
or turned off)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from cli_support import run, write
from flake8_tiktok_scopes import engine
from flake8_tiktok_scopes.options import Settings

SETTINGS = """\
    TIKTOK_AUTHORIZE = "https://www.tiktok.com/v2/auth/authorize/?client_key=k&scope=user.info.basic"
"""
VIEWS = """\
    import requests

    from .endpoints import USER_INFO


    def stats(token):
        return requests.get(USER_INFO, params={"fields": "open_id,follower_count"})
"""
ENDPOINTS = 'USER_INFO = "https://open.tiktokapis.com/v2/user/info/"\n'


def _project(root: Path) -> Path:
    write(root / "pyproject.toml", "")
    write(root / "app" / "__init__.py", "")
    write(root / "app" / "settings.py", SETTINGS)
    write(root / "app" / "endpoints.py", ENDPOINTS)
    return write(root / "app" / "views.py", VIEWS)


def _check(path: Path, cache: Path | None) -> list[tuple[int, int, str, str]]:
    settings = Settings(cache=str(cache) if cache else None)
    found = engine.check_source(path.read_text(encoding="utf-8"), settings, filename=str(path))
    return [(f.line, f.column, f.code, f.subject) for f in found]


def _touch(path: Path, text: str) -> None:
    """Write ``text``; the modification time moves even on a coarse clock."""
    before = path.stat().st_mtime_ns
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    if path.stat().st_mtime_ns == before:
        os.utime(path, ns=(before + 1_000_000, before + 1_000_000))


def _analysed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files analysed from now on, in order."""
    analysed: list[str] = []
    real = engine.analyze
    monkeypatch.setattr(engine, "analyze", lambda *a, **k: analysed.append(Path(a[1]).name) or real(*a, **k))
    return analysed


@pytest.mark.parametrize("touched", [False, True], ids=["unchanged", "touched but unchanged"])
def test_a_second_run_reads_the_cache_and_analyses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, touched: bool
) -> None:
    views = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    first = _check(views, cache)
    assert [code for _, _, code, _ in first] == ["TTS001"]
    if touched:  # same text, a new modification time (a checkout, a formatter)
        _touch(views.parent / "settings.py", SETTINGS)
    engine.new_run()
    analysed = _analysed(monkeypatch)
    assert _check(views, cache) == first
    assert analysed == []


def test_a_change_in_a_module_the_values_came_from_is_seen(tmp_path: Path) -> None:
    views = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    assert _check(views, cache)
    _touch(views.parent / "endpoints.py", 'USER_INFO = "https://example.com/user/info/"\n')
    assert _check(views, cache) == []


def test_a_change_in_the_declarations_elsewhere_is_seen(tmp_path: Path) -> None:
    views = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    assert _check(views, cache)
    _touch(
        views.parent / "settings.py", SETTINGS.replace("user.info.basic", "user.info.basic,user.info.stats")
    )
    engine.new_run()  # a run reads each file of the application once; the next run sees the change
    assert _check(views, cache) == []


def test_flake8_keeps_a_record_per_application_and_the_findings_of_each_file(tmp_path: Path) -> None:
    views = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    assert _check(views, cache)
    folders = [p.relative_to(cache).parent.as_posix() for p in cache.rglob("*.json")]
    assert folders.count("application") == 1 and set(folders) == {"application", "results"}


def test_a_corrupt_cache_is_ignored(tmp_path: Path) -> None:
    views = _project(tmp_path / "project")
    cache = tmp_path / "cache"
    expected = _check(views, cache)
    records = [p for p in cache.rglob("*.json")]
    assert records
    for record in records:
        record.write_bytes(b"\x00{not json")
    assert _check(views, cache) == expected
    for record in records:
        record.write_text('{"key": "someone else", "value": 1}', encoding="utf-8")
    assert _check(views, cache) == expected


def test_records_are_whole_private_and_leave_no_temporary_file(tmp_path: Path) -> None:
    from flake8_tiktok_scopes.cache import Cache

    cache = Cache(str(tmp_path / "cache"))
    cache.put("summary", "a key", {"scopes": ["user.info.basic"]})
    (record,) = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert record.suffix == ".json" and cache.get("summary", "a key") == {"scopes": ["user.info.basic"]}
    if os.name == "posix":
        assert record.stat().st_mode & 0o777 == 0o600
    record.unlink()  # the folders removed behind its back
    for folder in sorted((tmp_path / "cache").rglob("*"), reverse=True):
        folder.rmdir()
    cache.put("summary", "a key", [1])
    assert cache.get("summary", "a key") == [1]
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_a_batch_writes_its_records_when_it_is_over_and_reads_them_before(tmp_path: Path) -> None:
    from flake8_tiktok_scopes.cache import Cache, batched

    cache = Cache(str(tmp_path / "cache"))
    with batched():
        cache.put("results", "one", [1])
        with batched():  # an inner batch leaves the writing to the outer one
            cache.put("results", "two", [2])
            cache.put("results", "one", [3])  # the later record stands
        assert not [p for p in tmp_path.rglob("*.json")]
        assert cache.get("results", "one") == [3] and cache.get("results", "two") == [2]
    assert len([p for p in tmp_path.rglob("*.json")]) == 2
    assert Cache(cache.directory).get("results", "one") == [3]


def test_the_checker_s_own_key_changes_with_any_of_its_files(tmp_path: Path) -> None:
    """Every file of the package, at any depth, counts; compiled code does not."""
    from flake8_tiktok_scopes.cache import _stamps

    package = tmp_path / "package"
    write(package / "b.py", "B = 1\n")
    write(package / "a" / "catalog.py", "A = 1\n")
    write(package / "a" / "__pycache__" / "catalog.cpython-311.pyc", "")
    stamps = list(_stamps(str(package)))
    assert [s.rpartition(":")[0].rpartition(":")[0] for s in stamps] == [
        str(package / "a" / "catalog.py"),
        str(package / "b.py"),
    ]
    write(package / "a" / "__pycache__" / "catalog.cpython-311.pyc", "changed")
    assert list(_stamps(str(package))) == stamps
    write(package / "a" / "catalog.py", "A = 22\n")
    assert list(_stamps(str(package))) != stamps
    assert list(_stamps(str(tmp_path / "gone"))) == []


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    views = _project(tmp_path / "project")
    before = sorted(p for p in tmp_path.rglob("*"))
    assert _check(views, None)
    assert sorted(p for p in tmp_path.rglob("*")) == before


def test_flake8_jobs_sharing_one_cache_agree(tmp_path: Path) -> None:
    root = tmp_path / "project"
    _project(root)
    for number in range(6):  # more files that declare nothing: the application is summed up by several jobs
        write(root / "app" / f"views_{number}.py", VIEWS)
    env = {**os.environ, "TIKTOK_SCOPES_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "flake8", "--isolated", "--select=TTS", "-j2", "app"]
    runs = [
        subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
        for _ in range(3)
    ]
    assert all(run.returncode == 1 and run.stderr == "" for run in runs)
    assert runs[0].stdout.count("TTS001") == 7
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout


def test_the_user_files_are_never_written(tmp_path: Path) -> None:
    views = _project(tmp_path / "project")
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "project").rglob("*")}
    time.sleep(0.01)
    _check(views, tmp_path / "cache")
    _check(views, tmp_path / "cache")
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "project").rglob("*")} == stamps


def _check_all(paths: list[Path]) -> dict[str, list[tuple[int, int, str, str]]]:
    """A new run (no cache folder) over ``paths`` in that order: each file's findings."""
    engine.new_run()
    return {path.name: _check(path, None) for path in paths}


@pytest.mark.parametrize("order", ["sorted", "reversed"])
def test_each_file_is_analysed_once_in_a_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, order: str
) -> None:
    """The scan for a file that declares nothing takes the files already checked, and the files
    it analyses are not analysed again by their own check (another file that declares nothing
    is judged once the scan is over); the findings are those of files checked one by one, each
    in a run of its own."""
    views = _project(tmp_path / "project")
    more = "    # its scope is the settings' (a file the scan reads)\n" + VIEWS.replace(
        "follower_", "following_"
    )
    write(views.parent / "more_views.py", more)
    paths = sorted(views.parent.glob("*.py"), reverse=order == "reversed")
    alone = {path.name: _check_all([path])[path.name] for path in paths}
    analysed = _analysed(monkeypatch)
    assert _check_all(paths) == alone
    assert sorted(analysed) == ["endpoints.py", "more_views.py", "settings.py", "views.py"]


def test_flask_configuration_is_found_the_same_whichever_file_asks_first() -> None:
    root = Path(__file__).parent.parent / "fixtures" / "projects" / "flask_tokboard"
    paths = sorted(root.rglob("*.py"))
    forward = _check_all(paths)
    assert any(forward.values())
    assert _check_all(paths[::-1]) == forward
    for path in paths:
        assert _check_all([path])[path.name] == forward[path.name], path.name


def test_the_command_line_analyses_each_file_once_and_a_second_run_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its first pass (what each file declares) keeps the findings of the files that do not
    depend on the others; a second run takes both passes from the cache folder."""
    views = _project(tmp_path / "project")
    monkeypatch.setenv("TIKTOK_SCOPES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(views.parent.parent)
    analysed = _analysed(monkeypatch)
    engine.new_run()
    first = run("check", "-j1", ".")
    assert "TTS001" in first.out
    assert sorted(analysed) == ["endpoints.py", "settings.py", "views.py"]
    analysed.clear()
    engine.new_run()
    assert run("check", "-j1", ".") == first
    assert analysed == []
