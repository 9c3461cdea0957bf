"""Slow sweeps: the whole stdlib of the running Python, through flake8 and through the engine.

- flake8 with the plugin over every stdlib file, test directories included: no plugin crash
  ("failed during execution", a traceback) and no odd TTS line;
- the engine over every stdlib file made to look like TikTok code (a TikTok URL prepended, so
  that the prefilter lets it through to the guard, libcst and the interpretation): no crash of
  the process, no internal failure, the same findings on a second run (of every eighth file);
- longer hypothesmith and mutation fuzzing than the quick suite runs.

Run with ``pytest -m slow``; deselect with ``-m 'not slow'``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings
from test_robustness import MENTION, check_robust, mutated_fixtures

from expectations import ROOT

pytestmark = pytest.mark.slow

STDLIB = Path(sysconfig.get_paths()["stdlib"])
#: Makes any file TikTok code for the prefilter, without a finding of its own (the scope is declared),
#: so that the sweep's time goes to parsing and interpreting the stdlib's code.
DECLARED_MENTION = MENTION + 'SCOPE = "user.info.stats"\n'
_TTS_LINE = re.compile(r"^.+:\d+:\d+: TTS00[1-6] '[^']*' .+$")


def test_flake8_over_the_whole_stdlib() -> None:
    result = subprocess.run(
        [
            *(sys.executable, "-m", "flake8", "--isolated", "-j2"),
            *(
                "--select=TTS",
                "--extend-select=TTS005,TTS006",
                "--extend-exclude=site-packages,dist-packages",
            ),
            str(STDLIB),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=900,
    )
    assert result.returncode in (0, 1), result.stderr[-3000:]
    assert "failed during execution" not in result.stderr
    assert "Traceback" not in result.stderr
    assert "flake8-tiktok-scopes" not in result.stderr  # no internal failure was logged
    odd = [line for line in result.stdout.splitlines() if not _TTS_LINE.match(line)]
    assert odd == []


_WORKER = """
import json, logging, sys, time, tokenize
from flake8_tiktok_scopes import engine

failures = []
class Failures(logging.Handler):
    def emit(self, record):
        failures.append(record.getMessage())
logging.getLogger("flake8.tiktok_scopes").addHandler(Failures(logging.WARNING))

mention, files = sys.argv[1], sys.argv[2:]
checked = skipped = 0
slowest = (0.0, "")
unstable = []
for index, name in enumerate(files):
    try:
        with tokenize.open(name) as handle:
            source = mention + handle.read()
    except (SyntaxError, UnicodeDecodeError, OSError):
        continue
    start = time.perf_counter()
    first = engine.check_source(source, filename=name)
    seconds = time.perf_counter() - start
    slowest = max(slowest, (seconds, name))
    if index % 8 == 0 and engine.check_source(source, filename=name) != first:
        unstable.append(name)
    checked += 1
print(json.dumps({"checked": checked, "failures": failures, "unstable": unstable, "slowest": slowest}))
"""


def test_engine_over_the_whole_stdlib_as_tiktok_code() -> None:
    files = sorted(
        str(path)
        for path in STDLIB.rglob("*.py")
        if not {"site-packages", "dist-packages"} & set(path.relative_to(STDLIB).parts)
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, DECLARED_MENTION, *files[index::2]],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for index in range(2)
    ]
    reports = []
    for worker in workers:
        stdout, stderr = worker.communicate(timeout=900)
        assert worker.returncode == 0, f"the engine crashed ({worker.returncode}):\n{stderr[-3000:]}"
        reports.append(json.loads(stdout))
    assert sum(report["checked"] for report in reports) > 0.9 * len(files)
    assert [failure for report in reports for failure in report["failures"]] == []
    assert [name for report in reports for name in report["unstable"]] == []


_LONG_FUZZ = settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


@pytest.mark.filterwarnings("ignore::SyntaxWarning")
@_LONG_FUZZ
@given(hypothesmith.from_grammar())
def test_many_generated_modules(source: str) -> None:
    check_robust(MENTION + source)


@_LONG_FUZZ
@given(mutated_fixtures())
def test_many_mutated_fixtures(source: str) -> None:
    check_robust(source)
