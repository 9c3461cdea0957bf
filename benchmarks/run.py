"""What the plugin and the command line cost, against flake8 without them and against the parse
floor, measured in one run; writes ``benchmarks/RESULTS.md``.

    python benchmarks/run.py            # everything: about 20-25 minutes on 2 idle cores
    python benchmarks/run.py --quick    # a smoke run of every figure: a few minutes
    python benchmarks/run.py --quick --dry-run   # build the inputs, check them, print the plan

Everything it needs is built under ``benchmarks/.work/`` (git-ignored; ``--work`` elsewhere)
and kept between runs (rebuilt when what it was made from changes; PyPI is needed once):
three venvs with the same flake8 and checkers (``envs.py``: no plugin, the parse floor, the
plugin from this checkout), the corpora (``trees.py``: the stdlib without its tests, a pinned
Django wheel, ``corpus.py``'s TikTok-heavy modules, the trees for the command line, an
application around a file in an editor, one module of each size).

The figures (``figures.py``), each with its targets (``targets.py``):

1. flake8 -j1 over each corpus: plain, with the parse floor, with the plugin (time, peak RSS);
2. one 60-line file through stdin as editors run flake8, alone and inside a generated
   application with a cold and a warm cache;
3. the plugin alone on modules of 1k to 100k lines, one process at a time, and a profile;
4. ``tiktok-scopes check`` against ``flake8 -j auto --select TTS`` (time, memory of the
   process tree), on the stdlib with TikTok modules and on a stdlib where every file is about
   TikTok;
5. a second run over unchanged files with a warm cache, for flake8 and the command line.

The machine should be otherwise idle: the load average at the start and the end is recorded.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import os
import platform
import subprocess
import sys
import sysconfig
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (benchmarks/ is not a package)
import envs  # noqa: E402
import figures  # noqa: E402
import report  # noqa: E402
import scaling  # noqa: E402
import targets  # noqa: E402
import trees  # noqa: E402
from figures import Group, Interpreters, Settings, log  # noqa: E402
from measure import BenchmarkError, Command, Meter  # noqa: E402

FIGURES = ("corpora", "editor", "scaling", "cli", "cache")
#: The plugin's size limits (source/guard.py), read from the checkout.
_GUARD = ROOT / "flake8_tiktok_scopes" / "source" / "guard.py"


def guard_limits() -> tuple[int, int]:
    """The plugin's largest file: lines and characters (``MAX_LINES``, ``MAX_CHARACTERS``)."""
    values = {}
    for line in _GUARD.read_text(encoding="utf-8").splitlines():
        name, _, value = line.partition(" = ")
        if name in ("MAX_LINES", "MAX_CHARACTERS"):
            values[name] = int(value.replace("_", ""))
    if len(values) != 2:
        raise SystemExit(f"{_GUARD} no longer defines MAX_LINES and MAX_CHARACTERS")
    return values["MAX_LINES"], values["MAX_CHARACTERS"]


# -- the machine ------------------------------------------------------------------------------


def _proc(path: str, prefix: str) -> str | None:
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def load() -> str:
    """The load average (1, 5, 15 minutes)."""
    return " / ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"


def machine() -> dict[str, Any]:
    """What the results were measured on."""
    memory = _proc("/proc/meminfo", "MemTotal:")
    described = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return {
        "date": datetime.date.today().isoformat(),
        "cpu": _proc("/proc/cpuinfo", "model name") or platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory": f"{int(memory.split()[0]) / 2**20:.1f} GiB" if memory else "unknown",
        "os": platform.platform(),
        "commit": described.stdout.strip() or "unknown",
        "load_start": load(),
    }


# -- the inputs -------------------------------------------------------------------------------


def build_inputs(
    work: Path, settings: Settings, stdlib: Path, version: str, pypi_python: Path | None, only: set[str]
) -> dict[str, Any]:
    """The trees the chosen figures check (``pypi_python`` None: the PyPI project is left out)."""
    inputs: dict[str, Any] = {}
    log("building the corpora ...")
    stdlib_tree = trees.stdlib_corpus(work, stdlib, version, settings.max_files)
    tiktok = trees.tiktok_corpus(work, settings.count)
    inputs["tiktok"] = tiktok
    inputs["corpora"] = [(f"stdlib {version} (no tests)", stdlib_tree, True)]
    if "corpora" in only and pypi_python is not None:
        pypi = trees.pypi_corpus(work, pypi_python, settings.pypi, settings.max_files)
        inputs["corpora"].append((settings.pypi.replace("==", " "), pypi, True))
    inputs["corpora"].append((f"generated TikTok-heavy ({settings.count} + 1 modules)", tiktok, False))
    if "cli" in only:
        every = settings.reach_every
        subset = f" (one file in {every} and the {trees.LARGEST_KEPT} largest)" if every > 1 else ""
        inputs["cli"] = [
            (
                f"stdlib + {settings.cli_tiktok} TikTok modules",
                trees.stdlib_with_tiktok(work, stdlib_tree, settings.cli_tiktok),
                settings.cli_rounds,
            ),
            (
                "stdlib, every file about TikTok" + subset,
                trees.stdlib_all_reach(work, stdlib_tree, settings.reach_every),
                settings.reach_rounds,
            ),
        ]
    if "scaling" in only:
        inputs["sizes"] = trees.sized_modules(work, settings.sizes, *guard_limits())
    return inputs


# -- a dry run --------------------------------------------------------------------------------


def dry_run(work: Path, settings: Settings, only: set[str]) -> None:
    """Build and check the inputs that need neither venvs nor PyPI, and print what a run would
    measure; nothing is timed, RESULTS.md is not written."""
    from flake8_tiktok_scopes.source import prefilter  # the checkout's (corpus.py puts it on the path)

    problems = scaling.stage_problems(ROOT / "flake8_tiktok_scopes")
    for name, text, about in (
        ("EDITOR_SAMPLE", corpus.EDITOR_SAMPLE, True),
        ("PROJECT_SAMPLE", corpus.PROJECT_SAMPLE, True),
        ("ORDINARY_SAMPLE", corpus.ORDINARY_SAMPLE, False),
    ):
        if text.count("\n") != 60 or prefilter.mentions_tiktok(text) != about:
            problems.append(f"corpus.{name}: not 60 lines, or the prefilter does not take it as it should")
    compile((HERE / "floor_plugin.py").read_text(encoding="utf-8"), "floor_plugin.py", "exec")
    py = Interpreters.under(work)
    inputs = build_inputs(
        work, settings, Path(sysconfig.get_paths()["stdlib"]), platform.python_version(), None, only
    )
    if "editor" in only:
        project, _ = trees.editor_project(work, *settings.project)
        count = sum(prefilter.mentions_tiktok(p.read_text(encoding="utf-8")) for p in project.rglob("*.py"))
        if count != settings.project[1]:
            problems.append(
                f"the editor's application has {count} modules about TikTok, not {settings.project[1]}"
            )
    for group in plan(py, work, settings, inputs, only):
        log(f"{group.title}: {group.rounds} rounds of")
        for command in group.commands:
            log(figures.describe_command(command))
    if "scaling" in only:
        log(f"the plugin alone, one process per size: {', '.join(map(str, sorted(inputs['sizes'])))} lines")
        for command in figures.scaling_plan(py, inputs["sizes"], settings, work):
            log(figures.describe_command(command))
    if "corpora" in only:
        log(f"(and {settings.pypi}, downloaded with pip into {work / 'downloads'})")
    if problems:
        raise SystemExit("dry run: " + "; ".join(problems))
    log("dry run: the inputs are built and sound; nothing was timed")


def plan(
    py: Interpreters, work: Path, settings: Settings, inputs: dict[str, Any], only: set[str]
) -> list[Group]:
    """Every interleaved group the chosen figures measure, in order."""
    groups: list[Group] = []
    if "corpora" in only:
        groups += figures.corpora_plan(py, inputs["corpora"], settings)
    if "editor" in only:
        groups += figures.editor_plan(py, work, settings)
    if "cli" in only:
        groups += figures.cli_plan(py, inputs["cli"])
    if "cache" in only:
        groups.append(figures.cache_plan(py, inputs["tiktok"], work, settings))
    return groups


# -- a run ------------------------------------------------------------------------------------


def measure_all(
    meter: Meter, py: Interpreters, work: Path, settings: Settings, inputs: dict[str, Any], only: set[str]
) -> dict[str, Any]:
    """Measure the chosen figures; their facts."""
    facts: dict[str, Any] = {}
    groups = plan(py, work, settings, inputs, only)
    if "corpora" in only:
        facts["corpora"] = []
        for group in [g for g in groups if "directory" in g.facts]:
            directory = group.facts["directory"]
            counts = trees.census(py.plugin, directory)
            trees.warm_page_cache(directory)
            log(f"{group.title}: {counts['files']} files, {group.rounds} rounds ...")
            runs = meter.rounds(group.commands, group.rounds)
            row = figures.corpora_row(group, runs, counts)
            facts["corpora"].append(row)
            log(f"  plugin / floor {row['plugin_vs_floor']:.3f}x, plain {row['plugin_vs_plain']:.3f}x")
    if "editor" in only:
        tiktok_group, ordinary_group = [g for g in groups if g.title.startswith("60-line")]
        figures.reset([tiktok_group.facts["warm"]])
        log(f"{tiktok_group.title}: {tiktok_group.rounds} rounds ...")
        tiktok = meter.rounds(tiktok_group.commands, tiktok_group.rounds, tiktok_group.warm_up)
        records = figures.check_warm(tiktok_group)
        log(f"{ordinary_group.title}: {ordinary_group.rounds} rounds ...")
        ordinary = meter.rounds(ordinary_group.commands, ordinary_group.rounds, ordinary_group.warm_up)
        facts["editor"] = {**figures.editor_figures(tiktok, ordinary), "warm_records": records}
        log(f"  plugin over floor {facts['editor']['plugin_over_floor_ms']:+.1f} ms")
    if "scaling" in only:
        log("the plugin alone, one module of each size ...")
        rows = figures.measure_scaling(meter, figures.scaling_plan(py, inputs["sizes"], settings, work))
        facts["scaling"] = figures.scaling_figures(rows)
        if settings.profile:
            log("  profile over the TikTok corpus ...")
            facts["profile"] = figures.measure_profile(
                meter, figures.profile_command(py, inputs["tiktok"], work)
            )
    if "cli" in only:
        facts["cli"] = []
        for group in [g for g in groups if "name" in g.facts and "cli" in {c.label for c in g.commands}]:
            tree = group.commands[0].cwd
            counts = trees.census(py.plugin, tree)
            trees.warm_page_cache(tree)
            log(f"{group.title}: {counts['files']} files, {group.rounds} rounds ...")
            row = figures.cli_row(group, meter.rounds(group.commands, group.rounds), counts)
            facts["cli"].append(row)
            log(f"  cli / flake8 {row['ratio']:.2f}x, cli's largest process {row['cli']['peak']:.0f} MiB")
    if "cache" in only:
        (group,) = [g for g in groups if g.title == "a second run over unchanged files"]
        figures.reset(list(group.facts.values()))
        log(f"{group.title}: {group.rounds} rounds ...")
        facts["cache"] = figures.cache_figures(meter.rounds(group.commands, group.rounds, group.warm_up))
    return facts


def settings_from(arguments: argparse.Namespace) -> Settings:
    """The defaults, or --quick's, with what the command line overrides."""
    settings = figures.QUICK if arguments.quick else Settings()
    changes: dict[str, Any] = {}
    for name in (
        "rounds",
        "editor_runs",
        "cli_rounds",
        "count",
        "max_files",
        "repeats",
        "pypi",
        "reach_every",
        "reach_rounds",
    ):
        value = getattr(arguments, name)
        if value is not None:
            changes[name] = value
    if arguments.sizes:
        changes["sizes"] = tuple(int(size) for size in arguments.sizes.split(","))
    if arguments.no_profile:
        changes["profile"] = False
    return dataclasses.replace(settings, **changes)


@contextlib.contextmanager
def only_run(work: Path) -> Iterator[None]:
    """Hold the work folder for this run: two runs at once would share its scratch files and
    slow each other down."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    with open(work / ".lock", "w", encoding="utf-8") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise SystemExit(f"another benchmark run is using {work}; wait for it to end") from None
        yield


def main() -> None:
    """Parse the options, build what is needed, measure, write RESULTS.md."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small corpora, one round: a smoke run")
    parser.add_argument("--dry-run", action="store_true", help="build and check the inputs, print the plan")
    parser.add_argument("--only", help=f"comma-separated figures to measure ({','.join(FIGURES)})")
    parser.add_argument("--rounds", type=int, help="interleaved rounds per corpus (5)")
    parser.add_argument("--editor-runs", type=int, help="interleaved rounds per editor group (21)")
    parser.add_argument(
        "--cli-rounds", type=int, help="interleaved rounds per command-line tree and for the second run (3)"
    )
    parser.add_argument("--count", type=int, help=f"generated TikTok modules ({corpus.DEFAULT_COUNT})")
    parser.add_argument(
        "--max-files", type=int, help="at most this many files of the stdlib and Django (all)"
    )
    parser.add_argument("--sizes", help="module sizes in lines (1000,5000,20000,50000,100000)")
    parser.add_argument("--repeats", type=int, help="timings per module size, at least (1; small: more)")
    parser.add_argument("--pypi", help="the pinned PyPI project (django==5.1.4)")
    parser.add_argument(
        "--reach-every",
        type=int,
        help="figure 4's tree about TikTok: one stdlib file in N, and the largest (1)",
    )
    parser.add_argument(
        "--reach-rounds", type=int, help="interleaved rounds on that tree (1: a run takes minutes)"
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile breakdown")
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="where venvs and corpora are kept")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    arguments = parser.parse_args()
    settings = settings_from(arguments)
    only = set(arguments.only.split(",")) if arguments.only else set(FIGURES)
    if only - set(FIGURES):
        parser.error(f"--only: unknown figures {sorted(only - set(FIGURES))}")
    work = arguments.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    with only_run(work):
        if arguments.dry_run:
            dry_run(work, settings, only)
        else:
            run(work, settings, only, arguments.output)


def run(work: Path, settings: Settings, only: set[str], output: Path) -> None:
    """Build what is needed, measure, write RESULTS.md."""
    if not settings.quick and (settings.rounds < 5 or settings.editor_runs < 11):
        print("warning: fewer rounds than the defaults: the results are not comparable", file=sys.stderr)
    started = time.monotonic()
    facts: dict[str, Any] = {
        **machine(),
        "settings": dataclasses.asdict(settings),
        "defaults": dataclasses.asdict(Settings()),
    }
    try:
        plain, floor, plugin = envs.build(work)
        py = Interpreters(plain.python, floor.python, plugin.python, plugin.script("tiktok-scopes"))
        facts.update(
            versions=plugin.versions, python=plugin.python_version, implementation=plugin.implementation
        )
        inputs = build_inputs(work, settings, plugin.stdlib, plugin.python_version, plain.python, only)
        for python in (py.plain, py.floor, py.plugin):  # bytecode and page cache, before timing anything
            Meter(work).run(Command("version", figures.flake8(python, "--version"), work))
        facts.update(measure_all(Meter(work), py, work, settings, inputs, only))
    except BenchmarkError as error:
        raise SystemExit(f"benchmark failed: {error}") from None
    facts["load_end"] = load()
    facts["minutes"] = (time.monotonic() - started) / 60
    facts["targets"] = targets.verdicts(facts)
    report.write_results(output, facts)
    log(f"wrote {output} ({facts['minutes']:.1f} minutes)")
    for name, shown, met in facts["targets"]:
        log(f"  {report.verdict(met):12s} {name}: {shown}")


if __name__ == "__main__":
    main()
