"""Whatever the input, the plugin never takes flake8 down, never hangs and never guesses.

- pathological inputs (each in its own interpreter, so that a segfault fails the test instead
  of killing pytest) finish quickly, report nothing false, and the ones too deep or too big are
  stopped by the guard before libcst sees them;
- hypothesmith-generated modules and mutated fixtures (tokens deleted or duplicated, NUL bytes,
  BOM, CRLF, CR-only lines, form feeds and other characters ``str.splitlines`` ends a line at,
  coding cookies, tabs, undecodable bytes) never make ``check_source`` or the flake8
  ``Plugin`` raise, and give the same findings every time;
- ``flake8 -j2`` reports what ``-j1`` reports;
- an internal failure on one file is a logged skip (``flake8 -v`` shows why), never a flake8 error.

Slow sweeps over the whole stdlib are in ``test_sweep.py``.
"""

from __future__ import annotations

import ast
import contextlib
import json
import logging
import multiprocessing
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expectations import FIXTURES, ROOT, expected
from flake8_tiktok_scopes import engine
from flake8_tiktok_scopes.frontends.plugin import Plugin
from flake8_tiktok_scopes.source import guard

MENTION = 'USER_INFO = "https://open.tiktokapis.com/v2/user/info/?fields=follower_count"\n'
FIXTURE_FILES = sorted(FIXTURES.rglob("*.py"))
#: A generous bound for any one input (the issue's limit): real files take milliseconds.
SECONDS = 2.0

# -- pathological inputs, each in a subprocess ---------------------------------------------------

#: name -> (the module's body, must the guard skip it?); each module also holds MENTION.
PATHOLOGICAL: dict[str, tuple[Callable[[], str], bool]] = {
    "5000 nested parentheses": (lambda: "x = " + "(" * 5000 + "1" + ")" * 5000 + "\n", True),
    "10000-term + chain": (lambda: "x = " + "+".join(["a"] * 10000) + "\n", True),
    "5000 implicitly concatenated strings": (lambda: "x = (\n" + "\n".join(["'s'"] * 5000) + "\n)\n", True),
    "100000-line module": (lambda: "".join(f"v{i} = {i}\n" for i in range(100000)), True),
    "1 MB string literal": (lambda: "BLOB = '" + "ab" * 500000 + "'\n", False),
    "1 MB string literal holding a request": (
        lambda: f"URL = '{'a' * 500000} {MENTION.split(chr(34))[1]}&pad={'a' * 500000}'\n",
        False,
    ),
    "deeply nested f-strings": (lambda: "x = " + 'f"{' * 2000 + "a" + '}"' * 2000 + "\n", True),
    "f-strings nested as far as 3.11 allows": (lambda: "x = f'''{f\"\"\"{f'{f\"{a}\"}'}\"\"\"}'''\n", False),
    "10000-term + chain inside an f-string": (lambda: 'x = f"{' + "+".join(["a"] * 10000) + '}"\n', True),
    "5000 parentheses inside an f-string": (lambda: 'x = f"{' + "(" * 5000 + "a" + ")" * 5000 + '}"\n', True),
    "50k-character line": (lambda: "NAMES = [" + ", ".join(["'open_id'"] * 5000) + "]\n", False),
    "10000 nots": (lambda: "x = " + "not " * 10000 + "a\n", True),
    "10000-long attribute chain": (lambda: "x = a" + ".b" * 10000 + "\n", True),
    "10000 calls in a row": (lambda: "x = f" + "()" * 10000 + "\n", True),
    "5000 nested lambdas": (lambda: "x = " + "lambda: " * 5000 + "a\n", True),
    "5000 nested lambdas with parameters": (lambda: "x = " + "lambda a, b=1: " * 5000 + "a\n", True),
    "10000-way conditional expression": (lambda: "x = " + "a if b else " * 10000 + "a\n", True),
    "10000 comparisons": (lambda: "x = " + " < ".join(["a"] * 10000) + "\n", True),
    "blocks nested 150 deep": (
        lambda: "".join("    " * i + "if a:\n" for i in range(150)) + "    " * 150 + "pass\n",
        True,
    ),
    "NUL bytes": (lambda: "x = 1\0\0\ny = '\0'\n", True),
    "2500-term + chain starting after 7000 emoji": (
        lambda: '"' + "\U0001f600" * 7000 + '"; x = (a\n' + "+a" * 2500 + ")\n",
        True,
    ),
    "10000 names in one tuple": (lambda: "x = " + ", ".join(f"a{i}" for i in range(10000)) + "\n", False),
}

_CHILD = """
import json, sys, time
import libcst
from flake8_tiktok_scopes import engine
from flake8_tiktok_scopes.source import guard
from flake8_tiktok_scopes.frontends.plugin import Plugin

parsed = []
real_parse = libcst.parse_module
def recording_parse(source, *args, **kwargs):
    parsed.append(len(source))
    return real_parse(source, *args, **kwargs)
libcst.parse_module = recording_parse

mention = sys.argv[1]
with open(sys.argv[2], encoding="utf-8", newline="") as handle:
    source = handle.read()
reason = guard.too_complex(source)
start = time.perf_counter()
found = engine.check_source(source)
seconds = time.perf_counter() - start
start = time.perf_counter()
through_plugin = list(Plugin(None, source.splitlines(keepends=True), sys.argv[2]).run())
plugin_seconds = time.perf_counter() - start
print(json.dumps({
    "reason": reason,
    "parsed": bool(parsed),
    "seconds": seconds,
    "plugin_seconds": plugin_seconds,
    "found": sorted(f"{f.line}:{f.column} {f.message}" for f in found),
    "plugin": sorted(f"{line}:{column} {message}" for line, column, message, _ in through_plugin),
    "mention": sorted(f"{f.line}:{f.column} {f.message}" for f in engine.check_source(mention)),
    "messages": sorted({f.message for f in found}),
    "mention_messages": sorted({f.message for f in engine.check_source(mention)}),
}))
"""


@pytest.mark.timed
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_pathological_input(name: str, tmp_path: Path) -> None:
    body, must_skip = PATHOLOGICAL[name]
    path = tmp_path / "case.py"
    path.write_bytes((MENTION + body()).encode("utf-8"))  # Path.write_text(newline=) needs 3.10
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, MENTION, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, f"the checker crashed ({result.returncode}):\n{result.stderr[-2000:]}"
    report = json.loads(result.stdout)
    assert report["seconds"] < SECONDS, f"check_source took {report['seconds']:.2f} s"
    assert report["plugin_seconds"] < SECONDS, f"the flake8 plugin took {report['plugin_seconds']:.2f} s"
    # Nothing but what the TikTok line itself warrants, found the same way through both doors.
    assert set(report["messages"]) <= set(report["mention_messages"])
    assert report["plugin"] == report["found"]
    if must_skip:
        assert report["reason"] is not None, "the guard let it through"
        assert not report["parsed"], "skipped by the guard, yet handed to libcst"


def test_guard_passes_ordinary_code() -> None:
    """The limits are far above real code: the package's own modules and the fixtures pass."""
    sources = [*sorted((ROOT / "flake8_tiktok_scopes").glob("*.py")), *FIXTURE_FILES]
    refused = {str(path): guard.too_complex(path.read_text(encoding="utf-8")) for path in sources}
    assert {path: reason for path, reason in refused.items() if reason} == {}


def test_recursion_limit_is_never_changed() -> None:
    for path in (ROOT / "flake8_tiktok_scopes").glob("*.py"):
        assert "setrecursionlimit" not in path.read_text(encoding="utf-8"), path


def test_importing_the_plugin_does_not_import_libcst() -> None:
    """Every flake8 run imports every installed plugin: files without TikTok must not pay for libcst."""
    code = "import sys, flake8_tiktok_scopes.frontends.plugin; print('libcst' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_flake8_on_a_file_not_about_tiktok_imports_only_the_adapter(tmp_path: Path) -> None:
    """What flake8 loads of the plugin for such a file: its options (and the records they are),
    the codes, the prefilter (no engine, no catalog, no libcst, no hash for the cache)."""
    plain = tmp_path / "plain.py"
    plain.write_text("import os\n\nprint(os.sep)\n", encoding="utf-8")
    code = (
        "import sys\nfrom flake8.main.cli import main\n"
        "try:\n    main(['--isolated', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('flake8_tiktok_scopes', 'libcst'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(plain)], capture_output=True, text=True, check=True
    )
    loaded = {name.rpartition(".")[2] for name in ast.literal_eval(result.stdout.strip().splitlines()[-1])}
    adapter = {"flake8_tiktok_scopes", "frontends", "plugin", "options", "records", "cache", "rules", "codes"}
    assert loaded == adapter | {"source", "prefilter"}
    cache = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, flake8_tiktok_scopes.cache; print(sys.modules.keys() & {'hashlib', '_blake2'})",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert cache.stdout.strip() == "set()"


# -- generated and mutated inputs -------------------------------------------------------------


class _Failures(logging.Handler):
    """Collects the engine's reports of internal failures (warnings; skips are infos)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _collecting_failures() -> Iterator[_Failures]:
    handler = _Failures()
    logger = logging.getLogger("flake8.tiktok_scopes")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def _findings(source: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.message) for f in engine.check_source(source, filename="fuzz.py")]


def _plugin_findings(source: str) -> list[tuple[int, int, str]]:
    plugin = Plugin(ast.Module(body=[], type_ignores=[]), source.splitlines(keepends=True), "fuzz.py")
    return [(line, column, message) for line, column, message, _ in plugin.run()]


def check_robust(source: str) -> None:
    """Never raises, same findings every time, the same through the flake8 plugin.

    And no internal failure: a skip must come from the guard or from libcst refusing the
    syntax, not from an exception inside the analysis.
    """
    with _collecting_failures() as failures:
        first = _findings(source)
        assert _findings(source) == first
        assert _plugin_findings(source) == first
    assert failures.messages == []


_FUZZ = settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


@pytest.mark.filterwarnings("ignore::SyntaxWarning")  # hypothesmith compiles odd but valid code
@_FUZZ
@given(hypothesmith.from_grammar())
def test_generated_modules(source: str) -> None:
    check_robust(MENTION + source)
    check_robust(source + "\n" + MENTION)


def _tokens_of(source: str) -> list[str]:
    return re.findall(r"\w+|\s+|[^\w\s]", source)


@st.composite
def mutated_fixtures(draw: st.DrawFn) -> str:
    """A fixture with a few of the mutations real editors and files produce."""
    source = draw(st.sampled_from(FIXTURE_FILES)).read_text(encoding="utf-8")
    for _ in range(draw(st.integers(1, 3))):
        mutation = draw(
            st.sampled_from(
                [
                    "delete",
                    "duplicate",
                    "nul",
                    "bom",
                    "crlf",
                    "cr",
                    "separator",
                    "cookie",
                    "tabs",
                    "bytes",
                    "cut",
                ]
            )
        )
        tokens = _tokens_of(source)
        if mutation in ("delete", "duplicate") and tokens:
            index = draw(st.integers(0, len(tokens) - 1))
            tokens[index] = "" if mutation == "delete" else tokens[index] * 2
            source = "".join(tokens)
        elif mutation == "nul":
            index = draw(st.integers(0, len(source)))
            source = source[:index] + "\0" + source[index:]
        elif mutation == "bom":
            source = "\ufeff" + source
        elif mutation == "crlf":
            source = source.replace("\n", "\r\n")
        elif mutation == "cr":
            source = source.replace("\n", "\r")
        elif mutation == "separator":  # a character str.splitlines ends a line at, Python does not
            index = draw(st.integers(0, len(source)))
            separator = draw(st.sampled_from(["\x0c", "\x0b", "\x1c", "\x85", "\u2028", "\x0c\n"]))
            source = source[:index] + separator + source[index:]
        elif mutation == "cookie":
            cookie = draw(st.sampled_from(["utf-8", "latin-1", "cp1252", "ascii", "bogus-codec"]))
            source = f"# -*- coding: {cookie} -*-\n" + source
        elif mutation == "tabs":
            source = source.replace("    ", "\t")
        elif mutation == "bytes":
            raw = source.encode("utf-8", errors="surrogateescape")
            index = draw(st.integers(0, len(raw)))
            raw = (
                raw[:index]
                + draw(st.sampled_from([b"\xff", b"\xc3", b"\xe9t\xe9", b"\x80\x81"]))
                + raw[index:]
            )
            decoding = draw(st.sampled_from(["surrogateescape", "replace"]))
            source = raw.decode("utf-8", errors=decoding)
        elif mutation == "cut":
            source = source[: draw(st.integers(0, len(source)))]
    return source


@_FUZZ
@given(mutated_fixtures())
def test_mutated_fixtures(source: str) -> None:
    check_robust(source)


@pytest.mark.parametrize("indentation", ["\x0c    ", "  \x0c    ", "\x0c\x0c    "])
def test_a_form_feed_in_the_indentation_is_a_character_of_the_column(indentation: str) -> None:
    """Found by the sweep: placed without flake8's tree (by libcst), a finding on a line whose
    indentation holds a form feed came one column short of the one placed from the tree."""
    source = (
        'URL = "https://open.tiktokapis.com/v2/user/info/"\nSCOPE = "user.info.basic"\n\n\n'
        f"def fetch(params):\n    params = {{}}\n{indentation}params['fields'] = 'open_id,follower_count'\n"
        "    return requests.get(URL, params=params)\n"
    )
    check_robust(source)
    (finding,) = engine.check_source(source, filename="fuzz.py")
    assert (finding.line, finding.column) == (7, len(indentation) + len("params['fields'] = 'open_id,"))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixtures_analyse_without_internal_failure(path: Path) -> None:
    """The fixtures are ordinary code: the same findings every time, no internal failure."""
    check_robust(path.read_text(encoding="utf-8"))


# -- flake8 end to end ------------------------------------------------------------------------

_FORMAT = "--format=%(path)s:%(row)d:%(col)d: %(code)s %(text)s"


def _flake8(*arguments: str, cwd: Path = ROOT, code: str | None = None) -> subprocess.CompletedProcess[str]:
    prefix = ["-c", code] if code is not None else ["-m", "flake8"]
    return subprocess.run(
        [sys.executable, *prefix, "--isolated", _FORMAT, *arguments],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        timeout=300,
    )


def test_parallel_jobs_report_what_one_job_reports() -> None:
    arguments = ("--select=TTS", "--extend-select=TTS005,TTS006", str(FIXTURES))
    one = _flake8("-j1", *arguments)
    two = _flake8("-j2", *arguments)
    assert one.returncode == two.returncode == 1, one.stderr + two.stderr
    assert one.stderr == two.stderr == ""
    assert sorted(one.stdout.splitlines()) == sorted(two.stdout.splitlines())
    # Not a vacuous comparison: at least as many findings as there are fixtures that expect any
    # (the good twins in fixtures/values/ expect none).
    assert len(one.stdout.splitlines()) >= sum(1 for path in FIXTURE_FILES if expected(path))


def test_a_file_the_guard_refuses_is_a_logged_skip(tmp_path: Path) -> None:
    path = tmp_path / "generated_client.py"
    path.write_text(MENTION + "TOTAL = " + " + ".join(["1"] * 300) + "\n", encoding="utf-8")
    result = _flake8("-v", "--select=TTS", "--extend-select=TTS005", str(path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "flake8-tiktok-scopes: skipped" in result.stderr
    assert f"its syntax tree is more than {guard.MAX_DEPTH} levels deep" in result.stderr
    assert "failed during execution" not in result.stderr


# flake8 run in a process where the interpretation of every file fails.
_BROKEN_ENGINE = textwrap.dedent(
    """
    import sys
    from flake8_tiktok_scopes import engine
    def broken(*args, **kwargs):
        raise RuntimeError("simulated internal failure")
    engine.findings = broken
    from flake8.main.cli import main
    sys.argv[0] = "flake8"
    raise SystemExit(main())
    """
)


@pytest.mark.parametrize("jobs", ["-j1", "-j2"])
def test_an_internal_failure_is_no_flake8_error(tmp_path: Path, jobs: str) -> None:
    source = (FIXTURES / "requests" / "requests_params.py").read_text(encoding="utf-8")
    for name in ("a.py", "b.py"):  # two files, so that -j2 really runs in parallel
        (tmp_path / name).write_text(source + "x=1\n", encoding="utf-8")  # plus an E225 for pycodestyle
    if jobs == "-j2" and multiprocessing.get_start_method() != "fork":
        pytest.skip("the monkeypatch reaches flake8's workers only when they are forked")
    quiet = _flake8(jobs, "--select=TTS,E225", str(tmp_path), code=_BROKEN_ENGINE)
    assert "failed during execution" not in quiet.stderr
    assert "Traceback" not in quiet.stderr
    # not a silent zero: each broken file is named on stderr, without -v too
    assert quiet.stderr.count("RuntimeError: simulated internal failure") == 2
    lines = quiet.stdout.splitlines()
    assert [line for line in lines if " TTS" in line] == []  # the broken files yield no findings
    assert sorted(line.split(":", 1)[0] for line in lines if " E225 " in line) == sorted(
        [str(tmp_path / "a.py"), str(tmp_path / "b.py")]
    )  # and the rest of flake8 goes on
    assert quiet.returncode == 1
    verbose = _flake8(jobs, "-v", "--select=TTS,E225", str(tmp_path), code=_BROKEN_ENGINE)
    assert "flake8-tiktok-scopes: skipped" in verbose.stderr
    assert "RuntimeError: simulated internal failure" in verbose.stderr
