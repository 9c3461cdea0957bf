"""Timing commands: one run through ``launcher.py``, and interleaved rounds of several commands.

Every measured command gets its own environment: ``TIKTOK_SCOPES_CACHE_DIR`` names a cache
folder of the harness (a fresh one per run, a shared one, or one that must stay unused), and
``XDG_CACHE_HOME`` one too, so no run ever reads or writes the user's cache; ``PYTHONPATH`` is
removed, so a checkout on it cannot slip the plugin into the venv without it.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

HERE = Path(__file__).resolve().parent

#: Cache kinds: a new empty folder for every run (what a first run, or an edited buffer, meets),
#: or no cache use expected at all (the folder must still be empty afterwards).
FRESH = "fresh"
UNUSED = "unused"


class BenchmarkError(Exception):
    """A measurement that cannot be trusted: a command failed, or did not do what it should."""


@dataclass
class Run:
    """One process tree to its end: wall seconds, peak RSS in MiB, its stdout's lines."""

    seconds: float
    peak_mib: float
    output: list[str]
    memory: dict[str, float] = field(default_factory=dict)  # sampled MiB (launcher.py --sample)
    cache_files: int = 0  # records in its cache folder afterwards


@dataclass
class Command:
    """A command to measure: its arguments, where it runs, its input and its cache folder.

    ``cache`` is :data:`FRESH`, :data:`UNUSED` or a folder shared by its runs. ``stdin`` is
    the text fed on standard input; with ``vary`` each run's ends in a different comment line
    (an editor's buffer, edited between two checks).
    """

    label: str
    argv: list[str]
    cwd: Path
    cache: str | Path = UNUSED
    stdin: str | None = None
    vary: bool = False
    sample: bool = False  # read the process tree's memory from /proc while it runs
    extra_env: dict[str, str] = field(default_factory=dict)


class Meter:
    """Runs commands under the launcher; keeps its scratch files in ``work``."""

    def __init__(self, work: Path, interval: float = 0.05, timeout: float = 900.0) -> None:
        self.work = work
        self.interval = interval
        self.timeout = timeout  # seconds one command may take before it is killed
        self.count = 0

    def environment(self, cache: Path) -> dict[str, str]:
        """The environment of a measured run, with ``cache`` as the checker's cache folder."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TIKTOK_SCOPES_NO_CACHE")}
        env["TIKTOK_SCOPES_CACHE_DIR"] = str(cache)
        env["XDG_CACHE_HOME"] = str(self.work / "xdg-cache")
        return env

    def run(self, command: Command) -> Run:
        """Run ``command`` once; raises BenchmarkError when it fails or says anything on stderr."""
        self.count += 1
        scratch = self.work / "scratch"
        scratch.mkdir(parents=True, exist_ok=True)
        output_path, report_path = scratch / "output.txt", scratch / "report.json"
        cache = self._cache_folder(command)
        env = {**self.environment(cache), **command.extra_env}
        launcher = [
            sys.executable,
            str(HERE / "launcher.py"),
            str(report_path),
            "--timeout",
            str(self.timeout),
        ]
        if command.sample:
            launcher += ["--sample", str(self.interval)]
        stdin_path = None
        if command.stdin is not None:
            stdin_path = scratch / "stdin.py"
            text = command.stdin + (f"# edit {self.count}\n" if command.vary else "")
            stdin_path.write_text(text, encoding="utf-8")
        report_path.unlink(missing_ok=True)
        with open(output_path, "w", encoding="utf-8") as output, _open(stdin_path) as source:
            subprocess.run(
                [*launcher, "--", *command.argv],
                stdin=source,
                stdout=output,
                cwd=command.cwd,
                env=env,
                check=True,
            )
        report = json.loads(report_path.read_text(encoding="utf-8"))
        if report["timed_out"]:
            raise BenchmarkError(
                f"{command.label}: `{' '.join(command.argv)}` took over {self.timeout:.0f} s"
            )
        if report["status"] not in (0, 1) or report["errors"].strip():
            raise BenchmarkError(
                f"{command.label}: `{' '.join(command.argv)}` (in {command.cwd}) exited "
                f"{report['status']}:\n{report['errors'][-3000:]}"
            )
        records = _records(cache)
        if command.cache == UNUSED and records:
            raise BenchmarkError(f"{command.label}: wrote {records} records to a cache it should not use")
        if command.cache == FRESH:
            shutil.rmtree(cache, ignore_errors=True)
        memory = {
            key: report[key] / 2**20 for key in ("parent_peak", "worker_peak", "tree_rss") if key in report
        }
        if "processes" in report:
            memory["processes"] = report["processes"]
        lines = output_path.read_text(encoding="utf-8", errors="replace").splitlines()
        return Run(report["seconds"], report["peak"] / 2**20, lines, memory, records)

    def _cache_folder(self, command: Command) -> Path:
        if isinstance(command.cache, Path):
            return command.cache
        folder = self.work / "caches" / f"{command.cache}-{self.count}"
        shutil.rmtree(folder, ignore_errors=True)
        return folder

    def rounds(
        self, commands: Sequence[Command], rounds: int, warm_up: Sequence[str] = ()
    ) -> dict[str, list[Run]]:
        """``rounds`` runs of each command, interleaved: round ``r`` starts with command ``r``
        (mod their number), so that drift in the machine's speed falls on each alike. The
        commands named in ``warm_up`` run once before, untimed (to fill a shared cache)."""
        for command in commands:
            if command.label in warm_up:
                self.run(command)
        runs: dict[str, list[Run]] = {command.label: [] for command in commands}
        for number in range(rounds):
            shift = number % len(commands)
            for command in [*commands[shift:], *commands[:shift]]:
                runs[command.label].append(self.run(command))
        return runs


def _open(path: Path | None) -> TextIO:
    return open(path, encoding="utf-8") if path is not None else open(os.devnull, encoding="utf-8")


def _records(folder: Path) -> int:
    """How many records a cache folder holds (0 when it does not exist)."""
    return sum(1 for _ in folder.rglob("*.json")) if folder.is_dir() else 0


def ratio(runs: dict[str, list[Run]], base: str, other: str, what: str = "seconds") -> float:
    """Median over rounds of ``other / base`` (same round: run close together)."""
    pairs = zip(runs[base], runs[other])
    return float(statistics.median(getattr(b, what) / getattr(a, what) for a, b in pairs))


def added_ms(runs: dict[str, list[Run]], base: str, other: str) -> float:
    """Median over rounds of ``other - base``, in milliseconds."""
    return float(statistics.median(1000 * (b.seconds - a.seconds) for a, b in zip(runs[base], runs[other])))


def median(runs: list[Run], what: str = "seconds") -> float:
    """The median of one measure over runs (``memory`` keys too: ``worker_peak``...)."""
    values = [getattr(run, what) if hasattr(run, what) else run.memory.get(what, 0.0) for run in runs]
    return float(statistics.median(values))


def tts_lines(run: Run) -> list[str]:
    """The run's TTS findings (flake8's and the command line's formats both have `` TTS``)."""
    return [line for line in run.output if " TTS" in line]


def other_lines(run: Run) -> list[str]:
    """Every other line of its report, sorted (flake8's own findings)."""
    return sorted(line for line in run.output if " TTS" not in line)
