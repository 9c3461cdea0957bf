"""The trees the harness checks, built once under the work folder (and again when what they are
made from changes).

Every tree has a root marker of its own (a ``pyproject.toml`` with an empty
``[tool.tiktok-scopes]`` table): the plugin's project view and the command line's
configuration stop there, and never reach the checkout around the work folder.
"""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
import subprocess
import zipfile
from collections.abc import Iterable
from pathlib import Path

import corpus

HERE = Path(__file__).resolve().parent

#: Directories of the stdlib that hold its tests (left out of the "ordinary code" corpus).
STDLIB_TEST_DIRS = frozenset({"test", "tests", "idle_test", "unittestgui"})
STDLIB_SKIP_DIRS = frozenset({"site-packages", "dist-packages", "__pycache__"})
#: Folders ``tiktok-scopes check`` does not walk into outside git (flake8 does): left out of the
#: trees both check, so that both check the same files.
CLI_SKIPPED_DIRS = frozenset({"venv", "build", "dist", "node_modules", "site-packages"})
MARKER = '[project]\nname = "benchmark-tree"\n\n[tool.tiktok-scopes]\n'
#: What makes every file of the stdlib reach libcst (appended: a coding cookie stays in place).
REACH = b"\n# tiktok\n"


def _stamp(target: Path) -> Path:
    return target / ".complete"


def _ready(target: Path, key: str) -> bool:
    stamp = _stamp(target)
    return stamp.exists() and stamp.read_text(encoding="utf-8") == key


def _start(target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    (target / "pyproject.toml").write_text(MARKER, encoding="utf-8")


def _key(*parts: object) -> str:
    generator = (HERE / "corpus.py").read_bytes() + (HERE / "trees.py").read_bytes()
    return hashlib.sha256(generator + json.dumps([str(p) for p in parts]).encode()).hexdigest()


def _subset(paths: list[Path], limit: int) -> list[Path]:
    """At most ``limit`` of the paths, spread evenly (all of them when ``limit`` is 0)."""
    if not limit or len(paths) <= limit:
        return paths
    return [paths[index * len(paths) // limit] for index in range(limit)]


def _copy(files: Iterable[tuple[Path, Path]], target: Path) -> None:
    for source, relative in files:
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)


def stdlib_corpus(work: Path, stdlib: Path, version: str, limit: int = 0) -> Path:
    """The stdlib's ``.py`` files without test directories (site-packages left out)."""
    target = work / "corpora" / (f"stdlib-{version}" + (f"-{limit}" if limit else ""))
    key = _key(stdlib, limit)
    if _ready(target, key):
        return target
    _start(target)
    found = sorted(
        path
        for path in stdlib.rglob("*.py")
        if path.is_file()
        and not set(path.relative_to(stdlib).parts[:-1]) & (STDLIB_TEST_DIRS | STDLIB_SKIP_DIRS)
    )
    _copy(((path, path.relative_to(stdlib)) for path in _subset(found, limit)), target)
    _stamp(target).write_text(key, encoding="utf-8")
    return target


def pypi_corpus(work: Path, python: Path, requirement: str, limit: int = 0) -> Path:
    """A pinned PyPI project's ``.py`` files, from its wheel (or sdist) downloaded with pip."""
    name, _, version = requirement.partition("==")
    if not version:
        raise SystemExit(f"--pypi wants name==version, not {requirement!r}")
    target = work / "corpora" / (f"{name}-{version}" + (f"-{limit}" if limit else ""))
    key = _key(requirement, limit)
    if _ready(target, key):
        return target
    downloads = work / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    prefix = f"{name}-{version}".lower().replace("-", "_")
    archives = [p for p in downloads.iterdir() if p.name.lower().replace("-", "_").startswith(prefix)]
    if not archives:
        command = [str(python), "-m", "pip", "download", "--quiet", "--no-deps", "--dest", str(downloads)]
        result = subprocess.run([*command, requirement], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SystemExit(f"pip could not download {requirement} (needs PyPI):\n{result.stderr[-2000:]}")
        archives = [p for p in downloads.iterdir() if p.name.lower().replace("-", "_").startswith(prefix)]
    if not archives:
        raise SystemExit(f"pip downloaded nothing for {requirement}")
    archive = sorted(archives, key=lambda path: path.suffix != ".whl")[0]
    unpacked = work / "corpora" / f".unpacked-{name}-{version}"
    shutil.rmtree(unpacked, ignore_errors=True)
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as wheel:
            wheel.extractall(
                unpacked, [m for m in wheel.namelist() if m.endswith(".py") and ".dist-info/" not in m]
            )
    else:
        shutil.unpack_archive(str(archive), str(unpacked))
    _start(target)
    found = sorted(unpacked.rglob("*.py"))
    _copy(((path, path.relative_to(unpacked)) for path in _subset(found, limit)), target)
    shutil.rmtree(unpacked, ignore_errors=True)
    _stamp(target).write_text(key, encoding="utf-8")
    return target


def tiktok_corpus(work: Path, count: int) -> Path:
    """``corpus.py``'s generated TikTok-heavy modules (and its largest), one application."""
    target = work / "corpora" / f"tiktok-{count}"
    key = _key(count)
    if _ready(target, key):
        return target
    _start(target)
    corpus.generate(target, count)
    _stamp(target).write_text(key, encoding="utf-8")
    return target


def _cli_files(stdlib_tree: Path) -> list[Path]:
    return sorted(
        path
        for path in stdlib_tree.rglob("*.py")
        if not set(path.relative_to(stdlib_tree).parts[:-1]) & CLI_SKIPPED_DIRS
    )


def stdlib_with_tiktok(work: Path, stdlib_tree: Path, count: int) -> Path:
    """The stdlib corpus (less the folders the command line skips) and ``count`` generated
    TikTok modules in ``tiktok_app/``, all one application."""
    target = work / "corpora" / f"{stdlib_tree.name}-with-{count}-tiktok"
    key = _key(stdlib_tree, count, _stamp(stdlib_tree).read_text(encoding="utf-8"))
    if _ready(target, key):
        return target
    _start(target)
    _copy(((path, path.relative_to(stdlib_tree)) for path in _cli_files(stdlib_tree)), target)
    corpus.generate(target / "tiktok_app", count, largest=False)
    _stamp(target).write_text(key, encoding="utf-8")
    return target


#: The largest files of the stdlib are always in the tree where every file reaches libcst: they
#: set the peak memory of a worker.
LARGEST_KEPT = 10


def stdlib_all_reach(work: Path, stdlib_tree: Path, every: int = 1) -> Path:
    """The stdlib corpus (less the folders the command line skips) with a ``# tiktok`` line at
    the end of every file: every file the guard lets through reaches libcst. With ``every``
    over 1, only every so many files, and the largest ones (a shorter run, the same peak)."""
    suffix = "" if every == 1 else f"-every-{every}"
    target = work / "corpora" / f"{stdlib_tree.name}-all-tiktok{suffix}"
    key = _key(stdlib_tree, REACH, every, _stamp(stdlib_tree).read_text(encoding="utf-8"))
    if _ready(target, key):
        return target
    _start(target)
    files = _cli_files(stdlib_tree)
    largest = set(sorted(files, key=lambda path: path.stat().st_size)[-LARGEST_KEPT:])
    for path in [p for index, p in enumerate(files) if index % every == 0 or p in largest]:
        destination = target / path.relative_to(stdlib_tree)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(path.read_bytes() + REACH)
    _stamp(target).write_text(key, encoding="utf-8")
    return target


def editor_folder(work: Path) -> Path:
    """A small application holding the 60-line files an editor re-checks (they are read from
    standard input; the files on disk are what the editor last saved)."""
    target = work / "editor" / "single"
    key = _key(corpus.EDITOR_SAMPLE, corpus.ORDINARY_SAMPLE)
    if _ready(target, key):
        return target
    _start(target)
    (target / "app").mkdir()
    (target / "app" / "__init__.py").touch()
    (target / "app" / "tiktok_profile.py").write_text(corpus.EDITOR_SAMPLE, encoding="utf-8")
    (target / "app" / "acme_profile.py").write_text(corpus.ORDINARY_SAMPLE, encoding="utf-8")
    _stamp(target).write_text(key, encoding="utf-8")
    return target


def editor_project(work: Path, modules: int, about_tiktok: int) -> tuple[Path, Path]:
    """The generated application around a file an editor has open: its folder, and the file."""
    target = work / "editor" / f"project-{modules}-{about_tiktok}"
    key = _key(modules, about_tiktok)
    edited = None
    if not _ready(target, key):
        shutil.rmtree(target, ignore_errors=True)
        edited = corpus.generate_project(target, modules, about_tiktok)
        (target / "pyproject.toml").write_text(MARKER, encoding="utf-8")
        _stamp(target).write_text(key, encoding="utf-8")
    found = edited or next(target.rglob("tiktok_feed.py"))
    return target, found


def sized_modules(work: Path, sizes: Iterable[int], max_lines: int, max_characters: int) -> dict[int, Path]:
    """One TikTok module of at most each size in lines (generated modules concatenated); each
    checked to parse with ``ast`` and to stay within the plugin's size limits."""
    target = work / "sizes"
    target.mkdir(parents=True, exist_ok=True)
    written = {}
    for size in sizes:
        path = target / f"tiktok-{size}-lines.py"
        key = _key(size)
        stamp = target / f".{path.name}.complete"
        if not (path.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == key):
            source = corpus.sized_source(size)
            try:
                ast.parse(source)
            except SyntaxError as error:
                raise SystemExit(f"the {size}-line module does not parse: {error}") from None
            lines = source.count("\n")
            if lines > max_lines or len(source) > max_characters or lines < 0.95 * size:
                raise SystemExit(
                    f"the {size}-line module has {lines} lines, {len(source)} characters: "
                    f"not near {size} lines, or over the plugin's limits ({max_lines}, {max_characters})"
                )
            path.write_text(source, encoding="utf-8")
            stamp.write_text(key, encoding="utf-8")
        written[size] = path
    return written


_CENSUS = """
import json, sys, tokenize
from pathlib import Path
from flake8_tiktok_scopes.source import guard, prefilter
files = lines = mentions = skipped = declaring = 0
for path in sorted(Path(sys.argv[1]).rglob("*.py")):
    try:
        with tokenize.open(path) as handle:
            source = handle.read()
    except (SyntaxError, UnicodeDecodeError):
        continue
    files += 1
    lines += source.count("\\n")
    if prefilter.mentions_tiktok(source):
        mentions += 1
        declaring += prefilter.may_declare(source)
        skipped += guard.too_complex(source) is not None
print(json.dumps({"files": files, "lines": lines, "mentions": mentions, "skipped": skipped,
                  "declaring": declaring}))
"""


def census(python: Path, directory: Path) -> dict[str, int]:
    """Files, lines, files the prefilter lets through, those of them that may declare scopes, and
    those the guard keeps from libcst (by the plugin's own prefilter and guard)."""
    result = subprocess.run(
        [str(python), "-c", _CENSUS, str(directory)],
        capture_output=True,
        text=True,
        check=False,
        cwd=directory.parent,  # not in the tree: a copy of the stdlib would shadow the real one
    )
    if result.returncode != 0:
        raise SystemExit(f"census of {directory} failed:\n{result.stderr[-2000:]}")
    counts: dict[str, int] = json.loads(result.stdout)
    return counts


def warm_page_cache(directory: Path) -> None:
    """Read every file once, so that the first timed run does not read from disk."""
    for path in directory.rglob("*.py"):
        path.read_bytes()
