"""What each figure of RESULTS.md runs (:class:`Plan` of commands) and how its numbers are made.

Every figure is a list of groups; a group's commands run interleaved, round after round
(``measure.Meter.rounds``), and a figure's ratios and differences are medians of per-round
values, so that drift in the machine's speed falls on both sides alike.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import corpus
import trees
from measure import FRESH, BenchmarkError, Command, Meter, Run, added_ms, median, other_lines, ratio
from measure import tts_lines as tts

HERE = Path(__file__).resolve().parent
EDITOR_NAME = "app/tiktok_profile.py"
ORDINARY_NAME = "app/acme_profile.py"


@dataclass(frozen=True)
class Settings:
    """How much each figure measures (``--quick`` makes everything small)."""

    rounds: int = 5
    editor_runs: int = 21
    cli_rounds: int = 3
    count: int = corpus.DEFAULT_COUNT
    max_files: int = 0  # of the stdlib and the PyPI project (0: all)
    sizes: tuple[int, ...] = (1_000, 5_000, 20_000, 50_000, 100_000)
    repeats: int = 1  # and more, for a module timed in under scaling.ENOUGH_SECONDS
    project: tuple[int, int] = (500, 30)
    cli_tiktok: int = 50
    reach_every: int = 1  # the tree where every file reaches libcst: one stdlib file in so many
    reach_rounds: int = 1  # ...measured in so many rounds (each run takes minutes)
    pypi: str = "django==5.1.4"
    profile: bool = True
    quick: bool = False


QUICK = Settings(
    rounds=1,
    editor_runs=3,
    cli_rounds=1,
    count=60,
    max_files=120,
    sizes=(1_000, 5_000),
    repeats=1,
    project=(100, 10),
    cli_tiktok=10,
    reach_every=1,
    reach_rounds=1,
    quick=True,
)


@dataclass
class Interpreters:
    """The three venvs' interpreters (and the command line's script in the plugin's)."""

    plain: Path
    floor: Path
    plugin: Path
    cli: Path

    @classmethod
    def under(cls, work: Path) -> Interpreters:
        """Where ``envs.build`` puts them (what a dry run shows)."""
        bin_dir = "Scripts" if os.name == "nt" else "bin"
        python = "python.exe" if os.name == "nt" else "python"
        plain, floor, plugin = (
            work / f"venv-{name}" / bin_dir / python for name in ("plain", "floor", "plugin")
        )
        return cls(plain, floor, plugin, work / "venv-plugin" / bin_dir / "tiktok-scopes")


def flake8(python: Path, *arguments: str) -> list[str]:
    """The venv's flake8 with no configuration file (``--isolated``): the same checks in every venv.

    Its console script, not ``python -m flake8``, which would put the working directory (a copy
    of the stdlib) first on ``sys.path``.
    """
    script = python.parent / ("flake8.exe" if os.name == "nt" else "flake8")
    return [str(script), "--isolated", *arguments]


@dataclass
class Group:
    """Commands measured together, ``rounds`` times, interleaved."""

    title: str
    commands: list[Command]
    rounds: int
    warm_up: tuple[str, ...] = ()  # commands run once before the rounds, untimed
    facts: dict[str, Any] = field(default_factory=dict)  # what the figure needs to judge the runs


# -- 1. flake8 -j1 over whole corpora: plain, the parse floor, the plugin -----------------------


def corpora_plan(py: Interpreters, corpora: list[tuple[str, Path, bool]], settings: Settings) -> list[Group]:
    """One group a corpus: plain flake8, the floor plugin and the real plugin (each run of the
    plugin with a cache folder of its own, empty: a first run)."""
    groups = []
    for name, directory, ordinary in corpora:
        commands = [
            Command("plain", flake8(py.plain, "-j1", str(directory)), directory),
            Command("floor", flake8(py.floor, "-j1", str(directory)), directory),
            Command("plugin", flake8(py.plugin, "-j1", str(directory)), directory, cache=FRESH),
        ]
        group = Group(f"flake8 -j1 over {name}", commands, settings.rounds)
        group.facts = {"name": name, "directory": directory, "ordinary": ordinary}
        groups.append(group)
    return groups


def corpora_row(group: Group, runs: dict[str, list[Run]], counts: dict[str, int]) -> dict[str, Any]:
    """A corpus's figures."""
    plain, floor, plugin = runs["plain"][-1], runs["floor"][-1], runs["plugin"][-1]
    if tts(plain) or tts(floor):
        raise BenchmarkError(f"{group.title}: TTS findings without the plugin")
    return {
        **{k: v for k, v in group.facts.items() if k != "directory"},
        **counts,
        "reach": counts["mentions"] - counts["skipped"],
        **{f"{label}_s": median(runs[label]) for label in runs},
        **{f"{label}_mib": median(runs[label], "peak_mib") for label in runs},
        "plugin_vs_plain": ratio(runs, "plain", "plugin"),
        "plugin_vs_floor": ratio(runs, "floor", "plugin"),
        "floor_vs_plain": ratio(runs, "plain", "floor"),
        "memory_vs_plain": ratio(runs, "plain", "plugin", "peak_mib"),
        "memory_vs_floor": ratio(runs, "floor", "plugin", "peak_mib"),
        "same": other_lines(plain) == other_lines(floor) == other_lines(plugin),
        "tts": len(tts(plugin)),
        "records": median(runs["plugin"], "cache_files"),
    }


# -- 2. an editor: one file through stdin ---------------------------------------------------------


def editor_plan(py: Interpreters, work: Path, settings: Settings) -> list[Group]:
    """The 60-line TikTok file (plain, floor, plugin; and the plugin on a file of a generated
    application, with a fresh cache and with a warm one), and the 60-line ordinary file."""
    folder = trees.editor_folder(work)
    project, edited = trees.editor_project(work, *settings.project)
    shown = edited.relative_to(project).as_posix()
    warm = work / "caches" / "editor-warm"

    def stdin(python: Path, name: str) -> list[str]:
        return flake8(python, f"--stdin-display-name={name}", "-")

    sample, in_project = corpus.EDITOR_SAMPLE, corpus.PROJECT_SAMPLE
    tiktok = [
        Command("plain", stdin(py.plain, EDITOR_NAME), folder, stdin=sample, vary=True),
        Command("floor", stdin(py.floor, EDITOR_NAME), folder, stdin=sample, vary=True),
        Command("plugin", stdin(py.plugin, EDITOR_NAME), folder, cache=FRESH, stdin=sample, vary=True),
        Command("project cold", stdin(py.plugin, shown), project, cache=FRESH, stdin=in_project, vary=True),
        Command("project warm", stdin(py.plugin, shown), project, cache=warm, stdin=in_project, vary=True),
    ]
    ordinary = [
        Command("plain", stdin(py.plain, ORDINARY_NAME), folder, stdin=corpus.ORDINARY_SAMPLE, vary=True),
        Command("plugin", stdin(py.plugin, ORDINARY_NAME), folder, stdin=corpus.ORDINARY_SAMPLE, vary=True),
    ]
    modules, about = settings.project
    return [
        Group(
            f"60-line TikTok file through stdin; and in an application of {modules} modules "
            f"({about} about TikTok)",
            tiktok,
            settings.editor_runs,
            warm_up=tuple(command.label for command in tiktok),
            facts={"warm": warm, "modules": modules, "about_tiktok": about},
        ),
        Group(
            "60-line file that does not mention TikTok, through stdin",
            ordinary,
            settings.editor_runs,
            warm_up=("plain", "plugin"),
        ),
    ]


def editor_figures(tiktok: dict[str, list[Run]], ordinary: dict[str, list[Run]]) -> dict[str, Any]:
    """The editor's figures (medians of per-round differences, in ms)."""
    if not tts(tiktok["plugin"][-1]) or tts(ordinary["plugin"][-1]):
        raise BenchmarkError("editor: findings expected on the TikTok file, and none on the other")
    cold, warm = tiktok["project cold"][-1], tiktok["project warm"][-1]
    if [line.split(":", 1)[1] for line in tts(cold)] != [line.split(":", 1)[1] for line in tts(warm)]:
        raise BenchmarkError(
            "editor: the project's file got other findings from a warm cache than from a cold one"
        )
    return {
        **{f"{label}_ms": 1000 * median(runs) for label, runs in tiktok.items()},
        "ordinary_plain_ms": 1000 * median(ordinary["plain"]),
        "ordinary_plugin_ms": 1000 * median(ordinary["plugin"]),
        "floor_over_plain_ms": added_ms(tiktok, "plain", "floor"),
        "plugin_over_plain_ms": added_ms(tiktok, "plain", "plugin"),
        "plugin_over_floor_ms": added_ms(tiktok, "floor", "plugin"),
        "cold_over_single_ms": added_ms(tiktok, "plugin", "project cold"),
        "warm_over_single_ms": added_ms(tiktok, "plugin", "project warm"),
        "ordinary_over_plain_ms": added_ms(ordinary, "plain", "plugin"),
        "project_findings": len(tts(warm)),
    }


def check_warm(group: Group) -> int:
    """Records in the editor's warm cache after its warm-up: the application's must be there."""
    warm: Path = group.facts["warm"]
    if not any((warm / "application").rglob("*.json")):
        raise BenchmarkError(f"the warm cache {warm} holds no application record: the project was not read")
    return sum(1 for _ in warm.rglob("*.json"))


# -- 3. the plugin alone, on one module of each size ----------------------------------------------


def scaling_plan(py: Interpreters, modules: dict[int, Path], settings: Settings, work: Path) -> list[Command]:
    """One process per size (never two at once: the largest take about 2 GB)."""
    smallest = modules[min(modules)]
    return [
        Command(
            f"{size} lines",
            [
                str(py.plugin),
                str(HERE / "scaling.py"),
                "--module",
                str(path),
                "--warm-up",
                str(smallest),
                "--repeats",
                str(settings.repeats),
            ],
            work,
        )
        for size, path in sorted(modules.items())
    ]


def scaling_figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-line cost, its spread and the growth exponent (slope of log time over log lines)."""
    per_line = [row["seconds"] / row["lines"] for row in rows]
    xs = [math.log(row["lines"]) for row in rows]
    ys = [math.log(row["seconds"]) for row in rows]
    slope = float("nan")
    if len(rows) > 1:
        mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
        slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)
    return {"rows": rows, "spread": max(per_line) / min(per_line), "slope": slope}


def profile_command(py: Interpreters, directory: Path, work: Path) -> Command:
    """cProfile of check_source over the TikTok corpus."""
    return Command("profile", [str(py.plugin), str(HERE / "scaling.py"), "--profile", str(directory)], work)


# -- 4. the command line against flake8 -j auto --select TTS -------------------------------------


def cli_plan(py: Interpreters, cli_trees: list[tuple[str, Path, int]]) -> list[Group]:
    """Per tree: ``flake8 -j auto --select TTS`` and ``tiktok-scopes check --select TTS`` (its
    default -j: one worker per core; every code, as flake8's ``--select TTS`` turns on the codes
    that are off by default), each with a fresh cache, the process tree's memory sampled."""
    groups = []
    for name, tree, rounds in cli_trees:
        commands = [
            Command(
                "flake8", flake8(py.plugin, "-j", "auto", "--select", "TTS", "."), tree, FRESH, sample=True
            ),
            Command("cli", [str(py.cli), "check", "--select", "TTS", "."], tree, FRESH, sample=True),
        ]
        groups.append(
            Group(
                f"{name}: tiktok-scopes check vs flake8",
                commands,
                rounds,
                facts={"name": name, "rounds": rounds},
            )
        )
    return groups


def cli_row(group: Group, runs: dict[str, list[Run]], counts: dict[str, int]) -> dict[str, Any]:
    """A tree's figures for the command line and flake8."""
    flake8_found = sorted(line.removeprefix("./") for line in tts(runs["flake8"][-1]))
    cli_found = sorted(line for line in tts(runs["cli"][-1]) if " TTS000" not in line)
    row = {**group.facts, **counts, "reach": counts["mentions"] - counts["skipped"], "jobs": os.cpu_count()}
    row["ratio"] = ratio(runs, "flake8", "cli")
    for tool in ("flake8", "cli"):
        row[tool] = {
            "seconds": median(runs[tool]),
            "peak": max(run.peak_mib for run in runs[tool]),
            **{
                key: max(run.memory.get(key, 0.0) for run in runs[tool])
                for key in ("parent_peak", "worker_peak")
            },
            "tree_rss": max(run.memory.get("tree_rss", 0.0) for run in runs[tool]),
            "processes": max(run.memory.get("processes", 0) for run in runs[tool]),
        }
    row["flake8"]["findings"], row["cli"]["findings"] = len(flake8_found), len(cli_found)
    row["same"] = flake8_found == cli_found
    row["cli"]["unanalysed"] = sum(" TTS000" in line for line in runs["cli"][-1].output)
    return row


# -- 5. the cache: a second run over unchanged files ---------------------------------------------


def cache_plan(py: Interpreters, directory: Path, work: Path, settings: Settings) -> Group:
    """On the TikTok corpus: plain flake8; flake8 with the plugin and the command line, each
    with a fresh cache (cold) and with a cache its own first run filled (warm)."""
    warm = {tool: work / "caches" / f"second-run-{tool}" for tool in ("flake8", "cli")}
    commands = [
        Command("plain", flake8(py.plain, "-j", "auto", str(directory)), directory),
        Command("flake8 cold", flake8(py.plugin, "-j", "auto", str(directory)), directory, FRESH),
        Command("flake8 warm", flake8(py.plugin, "-j", "auto", str(directory)), directory, warm["flake8"]),
        Command("cli cold", [str(py.cli), "check", str(directory)], directory, FRESH),
        Command("cli warm", [str(py.cli), "check", str(directory)], directory, warm["cli"]),
    ]
    return Group(
        "a second run over unchanged files",
        commands,
        settings.cli_rounds,
        warm_up=("flake8 warm", "cli warm"),  # their first run fills their cache
        facts=warm,
    )


def cache_figures(runs: dict[str, list[Run]]) -> dict[str, Any]:
    """Cold and warm runs of both tools, against each other and against plain flake8."""
    for tool in ("flake8", "cli"):
        if sorted(tts(runs[f"{tool} cold"][-1])) != sorted(tts(runs[f"{tool} warm"][-1])):
            raise BenchmarkError(f"{tool}: a warm cache gave other findings than a cold one")
    figures: dict[str, Any] = {"plain_s": median(runs["plain"])}
    for tool in ("flake8", "cli"):
        figures[tool] = {
            "cold_s": median(runs[f"{tool} cold"]),
            "warm_s": median(runs[f"{tool} warm"]),
            "warm_vs_cold": ratio(runs, f"{tool} cold", f"{tool} warm"),
            "warm_vs_plain": ratio(runs, "plain", f"{tool} warm"),
            "cold_vs_plain": ratio(runs, "plain", f"{tool} cold"),
            "findings": len(tts(runs[f"{tool} warm"][-1])),
        }
    return figures


def reset(folders: list[Path]) -> None:
    """Empty the shared cache folders a group warms itself."""
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def measure_scaling(meter: Meter, commands: list[Command]) -> list[dict[str, Any]]:
    """Each size's timing, and the peak RSS of its process."""
    rows = []
    for command in commands:
        print(f"  {command.label} ...", flush=True)
        run = meter.run(command)
        try:
            row = json.loads(run.output[-1])
        except (IndexError, ValueError):
            raise BenchmarkError(
                f"scaling.py printed no result for {command.label}: {run.output[-5:]}"
            ) from None
        row["peak_mib"] = run.peak_mib
        rows.append(row)
        print(f"    {row['lines']} lines: {row['seconds']:.2f} s, {run.peak_mib:.0f} MiB", flush=True)
    return rows


def measure_profile(meter: Meter, command: Command) -> list[dict[str, Any]]:
    """The profile's stages (scaling.py fails when one was never called)."""
    run = meter.run(command)
    shares: list[dict[str, Any]] = json.loads(run.output[-1])["profile"]
    return shares


def describe_command(command: Command) -> str:
    """One line of a dry run's plan."""
    cache = command.cache if isinstance(command.cache, str) else f"shared {command.cache}"
    stdin = f" < {len(command.stdin.splitlines())}-line buffer" if command.stdin is not None else ""
    return f"    [{command.label}] (cd {command.cwd}) {' '.join(command.argv)}{stdin}  (cache: {cache})"


def log(text: str) -> None:
    """Progress on stdout."""
    print(text, flush=True)
    sys.stdout.flush()
