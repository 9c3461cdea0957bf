"""What the plugin costs a flake8 user: flake8 with it against the same flake8 without it.

    python benchmarks/run.py [--rounds 5] [--editor-runs 21] [--output benchmarks/RESULTS.md]

Everything it needs is built under ``benchmarks/.work/`` (git-ignored) on the first run:

- a venv with the same flake8, pycodestyle, pyflakes and mccabe versions but without the plugin;
  the interpreter running this script is the one *with* the plugin when it has it installed,
  otherwise a second venv with the plugin installed from this checkout is built;
- three corpora: the running Python's stdlib without its test directories, one pinned PyPI
  project unpacked from its wheel (``pip download --no-deps``), and ``corpus.py``'s generated
  TikTok-heavy modules.

Measured in one run, each pair interleaved (the order alternates every round) and summarised as
the median of the per-pair ratios: ``flake8 -j1`` over each corpus (wall time, peak RSS of the
flake8 process from ``os.wait4``); one 50-line TikTok file checked the way editors run flake8
(a path, and stdin with ``--stdin-display-name``), as the median of the per-pair added
milliseconds; and the plugin alone (``engine.check_source``) on growing prefixes of the largest
TikTok module, to show how its cost grows with the input. The results go to ``RESULTS.md``.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (benchmarks/ is not a package)

PYPI_PROJECT = "django==5.1.4"
#: Directories of the stdlib that hold its tests (left out of the "ordinary code" corpus).
STDLIB_TEST_DIRS = frozenset({"test", "tests", "idle_test", "unittestgui"})
STDLIB_SKIP_DIRS = frozenset({"site-packages", "dist-packages", "__pycache__"})
FLAKE8_DISTRIBUTIONS = ("flake8", "pycodestyle", "pyflakes", "mccabe")
EDITOR_NAME = "app/tiktok_profile.py"
SCALING_SIZES = (30, 60, 120, 240, 480, 960)

# Targets, as ratios to plain flake8 measured in the same run.
ORDINARY_TIME = 1.02
ORDINARY_MEMORY = 1.10
TIKTOK_TIME = 2.0
EDITOR_ADDED_MS = 10.0
#: Linear growth: per-line cost of the largest size at most this many times the smallest's.
LINEAR_SPREAD = 1.5


@dataclass
class Run:
    """One flake8 process: wall seconds, peak RSS in MiB, and its report's lines."""

    seconds: float
    peak_mib: float
    output: list[str]


@dataclass
class Pairs:
    """Interleaved runs of the same command without (``plain``) and with (``plugin``) the plugin."""

    plain: list[Run] = field(default_factory=list)
    plugin: list[Run] = field(default_factory=list)

    def time_ratio(self) -> float:
        return statistics.median(b.seconds / a.seconds for a, b in zip(self.plain, self.plugin))

    def memory_ratio(self) -> float:
        return statistics.median(b.peak_mib / a.peak_mib for a, b in zip(self.plain, self.plugin))

    def added_ms(self) -> float:
        return statistics.median(1000 * (b.seconds - a.seconds) for a, b in zip(self.plain, self.plugin))

    def median(self, side: str, what: str) -> float:
        runs = self.plain if side == "plain" else self.plugin
        return float(statistics.median(getattr(run, what) for run in runs))


# -- environments -----------------------------------------------------------------------------

_VERSIONS = """
import importlib.metadata as m, json, platform, sys
names = ("flake8", "pycodestyle", "pyflakes", "mccabe", "libcst", "flake8-tiktok-scopes")
versions = {}
for name in names:
    try:
        versions[name] = m.version(name)
    except m.PackageNotFoundError:
        versions[name] = None
plugins = sorted({e.name for e in m.entry_points(group="flake8.extension")}
                 - {"F", "E", "W", "C90", "pycodestyle", "pyflakes"})
print(json.dumps({"versions": versions, "plugins": plugins,
                  "python": platform.python_version(), "implementation": platform.python_implementation(),
                  "stdlib": __import__("sysconfig").get_paths()["stdlib"]}))
"""


def describe(python: Path) -> dict[str, Any]:
    """Versions of flake8, its checkers, libcst and the plugin in an interpreter's environment."""
    # Not from the checkout: its egg-info would make any interpreter see the plugin.
    result = subprocess.run(
        [str(python), "-c", _VERSIONS], capture_output=True, text=True, check=True, cwd=WORK
    )
    described: dict[str, Any] = json.loads(result.stdout)
    return described


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _make_venv(venv: Path, base: Path, requirements: list[str]) -> Path:
    stamp = venv / "benchmark-stamp.json"
    wanted = json.dumps({"base": str(base), "requirements": requirements})
    if stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return _venv_python(venv)
    shutil.rmtree(venv, ignore_errors=True)
    print(f"building {venv.relative_to(ROOT)} ...", flush=True)
    subprocess.run([str(base), "-m", "venv", str(venv)], check=True)
    python = _venv_python(venv)
    subprocess.run(
        [
            str(python),
            *("-m", "pip", "install", "--quiet", "--disable-pip-version-check"),
            *(r for r in requirements if not r.startswith("#")),
        ],
        check=True,
    )
    stamp.write_text(wanted, encoding="utf-8")
    return python


def plugin_python(versions: dict[str, str | None]) -> Path:
    """A venv with the checkout installed as users install it (a wheel, not editable), and the
    same flake8 and checkers as this interpreter; rebuilt whenever the package's sources change."""
    sources = [*sorted((ROOT / "flake8_tiktok_scopes").glob("*.py")), ROOT / "pyproject.toml"]
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in sources)).hexdigest()[:16]
    pins = [f"{name}=={versions[name]}" for name in FLAKE8_DISTRIBUTIONS if versions.get(name)]
    return _make_venv(WORK / "venv-plugin", Path(sys.executable), [f"{ROOT}", *pins, f"# {digest}"])


def plain_python(plugin: Path, versions: dict[str, str | None]) -> Path:
    """A venv of the same interpreter with the same flake8 and checkers, and no plugin."""
    pins = [f"{name}=={versions[name]}" for name in FLAKE8_DISTRIBUTIONS if versions.get(name)]
    tag = "-".join(pin.replace("==", "") for pin in pins[:1])
    return _make_venv(WORK / f"venv-plain-{tag}", plugin, pins)


# -- corpora ----------------------------------------------------------------------------------


def stdlib_corpus(stdlib: Path, python_version: str) -> Path:
    """The stdlib's ``.py`` files without test directories, copied (site-packages left out)."""
    target = WORK / "corpora" / f"stdlib-{python_version}"
    if (target / ".complete").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    for path in stdlib.rglob("*.py"):
        relative = path.relative_to(stdlib)
        if set(relative.parts[:-1]) & (STDLIB_TEST_DIRS | STDLIB_SKIP_DIRS) or not path.is_file():
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    (target / ".complete").touch()
    return target


def pypi_corpus(python: Path, requirement: str) -> Path:
    """A pinned PyPI project's ``.py`` files, from its wheel (or sdist) downloaded with pip."""
    name, _, version = requirement.partition("==")
    target = WORK / "corpora" / f"{name}-{version}"
    if (target / ".complete").exists():
        return target
    downloads = WORK / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(python), "-m", "pip", "download", "--quiet", "--no-deps", "--dest", str(downloads), requirement],
        check=True,
    )
    shutil.rmtree(target, ignore_errors=True)
    prefix = f"{name}-{version}".lower()
    archives = sorted(
        (path for path in downloads.iterdir() if path.name.lower().startswith(prefix)),
        key=lambda path: path.suffix != ".whl",
    )
    if not archives:
        raise SystemExit(f"pip downloaded nothing for {requirement}")
    archive = archives[0]
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as wheel:
            for member in wheel.namelist():
                if member.endswith(".py") and ".dist-info/" not in member:
                    wheel.extract(member, target)
    else:
        shutil.unpack_archive(str(archive), str(target))
    (target / ".complete").touch()
    return target


def tiktok_corpus(count: int) -> Path:
    """The generated TikTok-heavy modules (regenerated when the generator changes)."""
    generator = (HERE / "corpus.py").read_bytes()
    target = WORK / "corpora" / f"tiktok-{count}"
    stamp = target / ".complete"
    digest = hashlib.sha256(generator).hexdigest()
    if stamp.exists() and stamp.read_text(encoding="utf-8") == digest:
        return target
    shutil.rmtree(target, ignore_errors=True)
    corpus.generate(target, count)
    stamp.write_text(digest, encoding="utf-8")
    return target


_CENSUS = """
import json, sys, tokenize
from pathlib import Path
from flake8_tiktok_scopes.source import guard, prefilter
files = lines = mentions = skipped = 0
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
        skipped += guard.too_complex(source) is not None
print(json.dumps({"files": files, "lines": lines, "mentions": mentions, "skipped": skipped}))
"""


def census(python: Path, directory: Path) -> dict[str, int]:
    """Files, lines, files the prefilter lets through, and of those the ones the guard skips."""
    result = subprocess.run(
        [str(python), "-c", _CENSUS, str(directory)], capture_output=True, text=True, check=True, cwd=WORK
    )
    counts: dict[str, int] = json.loads(result.stdout)
    return counts


# -- measuring --------------------------------------------------------------------------------


# Runs one command and reports its wall time and its own peak RSS. A small process of its own,
# because Linux counts the RSS of the process that forks into the child's ru_maxrss (the
# high-water mark of the memory the child had before exec): forked from this script, whose
# memory grows with the reports it keeps, flake8's peak would be hidden under the script's.
_LAUNCHER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
process = subprocess.Popen(sys.argv[2:], stderr=subprocess.PIPE)
errors = process.stderr.read()
_, status, usage = os.wait4(process.pid, 0)
seconds = time.perf_counter() - start
scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
with open(sys.argv[1], "w", encoding="utf-8") as report:
    json.dump({"seconds": seconds, "peak": usage.ru_maxrss * scale, "errors": errors.decode(errors="replace"),
               "status": os.waitstatus_to_exitcode(status)}, report)
"""


def measure(command: list[str], stdin: Path | None = None) -> Run:
    """Run one process to its end: wall time, its own peak RSS (``wait4``), its stdout lines."""
    output_path, report_path = WORK / "output.txt", WORK / "report.json"
    with open(output_path, "w", encoding="utf-8") as output, _open_or_null(stdin) as source:
        subprocess.run(
            [sys.executable, "-c", _LAUNCHER, str(report_path), *command],
            stdin=source,
            stdout=output,
            cwd=WORK,
            check=True,
        )
    report = json.loads(report_path.read_text(encoding="utf-8"))
    if report["status"] not in (0, 1) or report["errors"].strip():
        raise SystemExit(f"{' '.join(command)} failed ({report['status']}):\n{report['errors']}")
    lines = output_path.read_text(encoding="utf-8").splitlines()
    return Run(report["seconds"], report["peak"] / 2**20, lines)


def _open_or_null(path: Path | None) -> TextIO:
    return open(path, encoding="utf-8") if path is not None else open(os.devnull, encoding="utf-8")


def interleaved(plain: list[str], plugin: list[str], rounds: int, stdin: Path | None = None) -> Pairs:
    """``rounds`` pairs of runs; the first of each pair alternates to cancel drift."""
    pairs = Pairs()
    for number in range(rounds):
        if number % 2 == 0:
            pairs.plain.append(measure(plain, stdin))
            pairs.plugin.append(measure(plugin, stdin))
        else:
            pairs.plugin.append(measure(plugin, stdin))
            pairs.plain.append(measure(plain, stdin))
    return pairs


def same_apart_from_tts(pairs: Pairs) -> bool:
    """Both sides reported exactly the same non-TTS findings."""
    plain = sorted(pairs.plain[-1].output)
    plugin = sorted(line for line in pairs.plugin[-1].output if " TTS" not in line)
    return plain == plugin


def tts_count(run: Run) -> int:
    return sum(" TTS" in line for line in run.output)


def flake8_command(python: Path, *arguments: str) -> list[str]:
    return [str(python), "-m", "flake8", "--isolated", *arguments]


# -- the machine ------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def load() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


# -- the report -------------------------------------------------------------------------------


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"


def write_results(path: Path, facts: dict[str, Any]) -> None:
    """Write RESULTS.md from the measured facts."""
    versions = facts["versions"]
    lines = [
        "# Benchmark results",
        "",
        f"Written by `python benchmarks/run.py` on {facts['date']} in {facts['minutes']:.1f} minutes "
        f"({facts['rounds']} interleaved rounds per corpus, {facts['editor_runs']} per editor mode). "
        "Ratios are the median of the per-pair ratios (flake8 with the plugin / the same flake8 "
        "without it, run back to back); times and memory are medians.",
        "",
        "## Machine",
        "",
        "| what | value |",
        "| --- | --- |",
        f"| CPU | {facts['cpu']} |",
        f"| cores | {os.cpu_count()} (usable: {facts['usable_cores']}) |",
        f"| memory | {memory_gib()} |",
        f"| OS | {platform.platform()} |",
        f"| Python | {facts['implementation']} {facts['python']} |",
        f"| flake8 | {versions['flake8']} (pycodestyle {versions['pycodestyle']}, "
        f"pyflakes {versions['pyflakes']}, mccabe {versions['mccabe']}) |",
        f"| libcst | {versions['libcst']} |",
        f"| flake8-tiktok-scopes | {versions['flake8-tiktok-scopes']} (commit {facts['commit']}) |",
        f"| load average (1/5/15 min) | at start {facts['load_start']}, at end {facts['load_end']} |",
        "",
        "## flake8 -j1 over whole corpora",
        "",
        "| corpus | files | lines | reach libcst | plain flake8 | with plugin | time ratio | target "
        "| plain peak RSS | with plugin | RSS ratio | target | TTS findings |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- | ---: |",
    ]
    for row in facts["corpora"]:
        lines.append(
            f"| {row['name']} | {row['files']} | {row['lines']} | {row['reach']} | "
            f"{row['plain_s']:.2f} s | {row['plugin_s']:.2f} s | {row['time_ratio']:.3f}x | "
            f"≤ {row['time_target']:.2f}x {verdict(row['time_ratio'] <= row['time_target'])} | "
            f"{row['plain_mib']:.1f} MiB | {row['plugin_mib']:.1f} MiB | {row['memory_ratio']:.3f}x | "
            + (
                f"≤ {ORDINARY_MEMORY:.2f}x {verdict(row['memory_ratio'] <= ORDINARY_MEMORY)}"
                if row["ordinary"]
                else "—"
            )
            + f" | {row['tts']} |"
        )
    lines += [
        "",
        "*reach libcst*: files the prefilter lets through (they name TikTok) minus those the guard "
        "skips. Every run reported the same non-TTS findings with and without the plugin: "
        + ("yes." if all(row["same"] for row in facts["corpora"]) else "**no** (see the run's output)."),
        "",
        f"## One 50-line file, as an editor runs flake8 ({facts['editor_runs']} pairs each)",
        "",
        "An editor re-checks the file on every save, by path or through stdin (`-` with "
        "`--stdin-display-name`). The target is for a file that does not mention TikTok; a file "
        "that does is parsed with libcst, and importing libcst alone takes about 100 ms.",
        "",
        "| file | mode | plain flake8 | with plugin | added (median of pairs) | target |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    for row in facts["editor"]:
        target = (
            f"≤ +{EDITOR_ADDED_MS:.0f} ms {verdict(row['added_ms'] <= EDITOR_ADDED_MS)}"
            if row["targeted"]
            else "—"
        )
        lines.append(
            f"| {row['sample']} | {row['mode']} | {row['plain_ms']:.0f} ms | {row['plugin_ms']:.0f} ms | "
            f"+{row['added_ms']:.0f} ms | {target} |"
        )
    scaling = facts["scaling"]
    base = scaling[0]["seconds"] / scaling[0]["lines"]
    lines += [
        "",
        "## The plugin alone (`engine.check_source`) on the largest TikTok module, cut to size",
        "",
        "| snippets | lines | KiB | findings | median time | µs per line | per-line cost vs smallest |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in scaling:
        per_line = row["seconds"] / row["lines"]
        lines.append(
            f"| {row['snippets']} | {row['lines']} | {row['characters'] / 1024:.0f} | {row['findings']} | "
            f"{1000 * row['seconds']:.0f} ms | {1e6 * per_line:.0f} | {per_line / base:.2f}x |"
        )
    lines += [
        "",
        f"Growth exponent (least-squares slope of log time over log lines): {facts['slope']:.2f} "
        f"(1.00 is linear). Largest spread of the per-line cost: {facts['spread']:.2f}x "
        f"(target ≤ {LINEAR_SPREAD:.1f}x, slope ≤ 1.15): {verdict(facts['linear'])}.",
    ]
    if facts.get("profile"):
        lines += [
            "",
            "## Where the plugin's time goes (cProfile of `check_source` over the TikTok corpus)",
            "",
            "| stage | cumulative share |",
            "| --- | ---: |",
        ]
        lines += [f"| `{row['stage']}` | {100 * row['share']:.0f} % |" for row in facts["profile"]]
        lines += [
            "",
            "cProfile inflates pure-Python stages (guard, interpretation) relative to native ones "
            "(libcst's parser); shares are a guide to where the time goes, not exact.",
        ]
    lines += ["", "## Targets", "", "| target | result |", "| --- | --- |"]
    lines += [f"| {name} | {verdict(met)} |" for name, met in facts["targets"]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# -- main -------------------------------------------------------------------------------------


def fit_slope(rows: list[dict[str, Any]]) -> float:
    """Least-squares slope of log(time) over log(lines): 1 for linear growth, 2 for quadratic."""
    xs = [math.log(float(row["lines"])) for row in rows]
    ys = [math.log(float(row["seconds"])) for row in rows]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)


def commit() -> str:
    result = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return result.stdout.strip() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5, help="interleaved pairs per corpus (at least 5)")
    parser.add_argument("--editor-runs", type=int, default=21, help="interleaved pairs per editor mode")
    parser.add_argument("--count", type=int, default=corpus.DEFAULT_COUNT, help="generated TikTok modules")
    parser.add_argument("--pypi", default=PYPI_PROJECT, help="the pinned PyPI project (name==version)")
    parser.add_argument("--sizes", default=",".join(map(str, SCALING_SIZES)), help="snippets per size")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile breakdown")
    arguments = parser.parse_args()
    if arguments.rounds < 5:
        print("warning: fewer than 5 rounds: the results are not comparable", file=sys.stderr)
    started = time.monotonic()
    WORK.mkdir(parents=True, exist_ok=True)
    facts: dict[str, Any] = {
        "date": datetime.date.today().isoformat(),
        "rounds": arguments.rounds,
        "editor_runs": arguments.editor_runs,
        "load_start": load(),
        "cpu": cpu_model(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "commit": commit(),
    }

    with_plugin = plugin_python(describe(Path(sys.executable))["versions"])
    described = describe(with_plugin)
    without = plain_python(with_plugin, described["versions"])
    plain_described = describe(without)
    if plain_described["plugins"]:
        raise SystemExit(f"the plain venv has flake8 plugins: {plain_described['plugins']}")
    if [p for p in described["plugins"] if p != "TTS"]:
        print(f"warning: other flake8 plugins in the plugin env: {described['plugins']}", file=sys.stderr)
    for name in FLAKE8_DISTRIBUTIONS:
        if plain_described["versions"][name] != described["versions"][name]:
            raise SystemExit(f"{name} differs between the two environments")
    facts.update(versions=described["versions"], python=described["python"])
    facts["implementation"] = described["implementation"]

    corpora = [
        (
            "stdlib " + described["python"] + " (no tests)",
            stdlib_corpus(Path(described["stdlib"]), described["python"]),
            True,
        ),
        (arguments.pypi.replace("==", " "), pypi_corpus(without, arguments.pypi), True),
        (f"generated TikTok-heavy ({arguments.count} + 1 modules)", tiktok_corpus(arguments.count), False),
    ]
    for python in (without, with_plugin):  # compile the venvs' bytecode before timing anything
        measure(flake8_command(python, "--version"))

    facts["corpora"] = []
    for name, directory, ordinary in corpora:
        counts = census(with_plugin, directory)
        for path in directory.rglob("*.py"):  # warm the page cache
            path.read_bytes()
        print(f"flake8 -j1 over {name}: {counts['files']} files, {arguments.rounds} pairs ...", flush=True)
        pairs = interleaved(
            flake8_command(without, "-j1", str(directory)),
            flake8_command(with_plugin, "-j1", str(directory)),
            arguments.rounds,
        )
        facts["corpora"].append(
            {
                "name": name,
                "ordinary": ordinary,
                "files": counts["files"],
                "lines": counts["lines"],
                "reach": counts["mentions"] - counts["skipped"],
                "plain_s": pairs.median("plain", "seconds"),
                "plugin_s": pairs.median("plugin", "seconds"),
                "time_ratio": pairs.time_ratio(),
                "time_target": ORDINARY_TIME if ordinary else TIKTOK_TIME,
                "plain_mib": pairs.median("plain", "peak_mib"),
                "plugin_mib": pairs.median("plugin", "peak_mib"),
                "memory_ratio": pairs.memory_ratio(),
                "same": same_apart_from_tts(pairs),
                "tts": tts_count(pairs.plugin[-1]),
            }
        )
        row = facts["corpora"][-1]
        print(f"  time {row['time_ratio']:.3f}x, memory {row['memory_ratio']:.3f}x")

    facts["editor"] = []
    for sample, source, targeted in (
        ("ordinary", corpus.ORDINARY_SAMPLE, True),
        ("TikTok", corpus.EDITOR_SAMPLE, False),
    ):
        editor_file = WORK / "editor" / sample / EDITOR_NAME
        editor_file.parent.mkdir(parents=True, exist_ok=True)
        editor_file.write_text(source, encoding="utf-8")
        for mode, arguments_for, stdin in (
            ("path", [str(editor_file)], None),
            ("stdin", [f"--stdin-display-name={EDITOR_NAME}", "-"], editor_file),
        ):
            print(f"editor, {sample} file, {mode}: {arguments.editor_runs} pairs ...", flush=True)
            measure(flake8_command(with_plugin, *arguments_for), stdin)  # warm-up
            pairs = interleaved(
                flake8_command(without, *arguments_for),
                flake8_command(with_plugin, *arguments_for),
                arguments.editor_runs,
                stdin,
            )
            if (tts_count(pairs.plugin[-1]) > 0) == targeted:
                raise SystemExit(f"unexpected TTS findings on the {sample} editor sample ({mode})")
            facts["editor"].append(
                {
                    "sample": sample,
                    "mode": mode,
                    "targeted": targeted,
                    "plain_ms": 1000 * pairs.median("plain", "seconds"),
                    "plugin_ms": 1000 * pairs.median("plugin", "seconds"),
                    "added_ms": pairs.added_ms(),
                }
            )
            print(f"  +{facts['editor'][-1]['added_ms']:.1f} ms")

    print("the plugin alone, growing input ...", flush=True)
    command = [str(with_plugin), str(HERE / "scaling.py"), "--sizes", arguments.sizes]
    if not arguments.no_profile:
        command += ["--profile", str(corpora[-1][1])]
    result = subprocess.run(command, capture_output=True, text=True, check=True, cwd=WORK)
    measured = json.loads(result.stdout)
    scaling = measured["scaling"]
    per_line = [row["seconds"] / row["lines"] for row in scaling]
    facts["scaling"] = scaling
    facts["profile"] = measured.get("profile")
    facts["slope"] = fit_slope(scaling)
    facts["spread"] = max(per_line) / min(per_line)
    linear = facts["slope"] <= 1.15 and facts["spread"] <= LINEAR_SPREAD
    facts["linear"] = linear

    ordinaries = [row for row in facts["corpora"] if row["ordinary"]]
    tiktok = [row for row in facts["corpora"] if not row["ordinary"]]
    facts["targets"] = [
        (
            f"ordinary corpora: time ≤ {ORDINARY_TIME}x",
            all(row["time_ratio"] <= ORDINARY_TIME for row in ordinaries),
        ),
        (
            f"ordinary corpora: peak memory ≤ {ORDINARY_MEMORY}x",
            all(row["memory_ratio"] <= ORDINARY_MEMORY for row in ordinaries),
        ),
        (
            f"50-line file that does not mention TikTok, in an editor: ≤ +{EDITOR_ADDED_MS:.0f} ms",
            all(row["added_ms"] <= EDITOR_ADDED_MS for row in facts["editor"] if row["targeted"]),
        ),
        (
            f"TikTok-heavy corpus: time ≤ {TIKTOK_TIME}x",
            all(row["time_ratio"] <= TIKTOK_TIME for row in tiktok),
        ),
        ("the plugin's cost grows linearly with the input", linear),
    ]
    facts["load_end"] = load()
    facts["minutes"] = (time.monotonic() - started) / 60
    write_results(arguments.output, facts)
    print(f"wrote {arguments.output}")
    for name, met in facts["targets"]:
        print(f"  {verdict(met):12s} {name}")


if __name__ == "__main__":
    main()
