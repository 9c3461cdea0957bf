"""The plugin alone (``engine.check_source``) on one module, or profiled over a corpus.

Run by ``run.py`` with the interpreter of the plugin's venv, one module per process (the
largest take about 2 GB: libcst keeps some 0.5 KB per character of source); prints one JSON
object.

    python benchmarks/scaling.py --module FILE [--warm-up FILE] [--repeats 1]
    python benchmarks/scaling.py --profile DIR

``--profile`` runs ``check_source`` over every file of a folder under cProfile and reports the
cumulative share of each stage of the pipeline (:data:`STAGES`).
"""

from __future__ import annotations

import argparse
import ast
import cProfile
import gc
import json
import pstats
import statistics
import time
from pathlib import Path
from typing import Any

#: The stages --profile reports, as (label, file of the package, function); nested stages'
#: shares are part of their callers'. Each must be called at least once in a profile.
STAGES = (
    ("prefilter (source/prefilter.py mentions_tiktok)", "source/prefilter.py", "mentions_tiktok"),
    ("ast for the guard (source/guard.py syntax_tree)", "source/guard.py", "syntax_tree"),
    ("guard (source/guard.py too_complex)", "source/guard.py", "too_complex"),
    ("libcst parse (analysis/parse.py parse_module)", "analysis/parse.py", "parse_module"),
    ("interpretation (analysis/interpret.py Interpreter.run)", "analysis/interpret.py", "run"),
    ("rules (rules/checks.py check)", "rules/checks.py", "check"),
    ("placing findings (engine.py locate)", "engine.py", "locate"),
    ("  of which token places (analysis/places.py Layout.place)", "analysis/places.py", "place"),
)
PACKAGE = "flake8_tiktok_scopes"


def stage_problems(package: Path) -> list[str]:
    """Stages whose file or function is not in the package's sources (a module moved)."""
    problems = []
    for label, file, function in STAGES:
        path = package / file
        if not path.is_file():
            problems.append(f"{label}: no {path}")
            continue
        names = {
            node.name
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        if function not in names:
            problems.append(f"{label}: {path} defines no function {function}")
    return problems


#: A module timed faster than this is timed again, up to MAX_REPEATS times (small ones are noisy).
ENOUGH_SECONDS = 3.0
MAX_REPEATS = 15


def time_module(path: Path, warm_up: Path | None, repeats: int) -> dict[str, Any]:
    """Median seconds of check_source on one module (after a warm-up on another): ``repeats``
    timings, more for a small module (until they add up to ENOUGH_SECONDS)."""
    from flake8_tiktok_scopes import engine
    from flake8_tiktok_scopes.source import guard

    source = path.read_text(encoding="utf-8")
    reason = guard.too_complex(source)
    if reason is not None:
        raise SystemExit(f"{path.name} is skipped by the guard ({reason}): no timing")
    if warm_up is not None:
        engine.check_source(warm_up.read_text(encoding="utf-8"))  # imports, libcst's first parse
    times: list[float] = []
    found = 0
    while len(times) < repeats or (sum(times) < ENOUGH_SECONDS and len(times) < MAX_REPEATS):
        gc.collect()  # the previous tree, freed outside the timing
        start = time.perf_counter()
        found = len(engine.check_source(source))
        times.append(time.perf_counter() - start)
    return {
        "lines": source.count("\n"),
        "characters": len(source),
        "findings": found,
        "seconds": statistics.median(times),
        "times": times,
    }


def profile(directory: Path) -> list[dict[str, Any]]:
    """Cumulative share of each stage while check_source runs over every file of a folder."""
    from flake8_tiktok_scopes import engine

    sources = [path.read_text(encoding="utf-8") for path in sorted(directory.rglob("*.py"))]
    profiler = cProfile.Profile()
    profiler.enable()
    for source in sources:
        engine.check_source(source)
    profiler.disable()
    table: dict[tuple[str, int, str], tuple[Any, ...]] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]

    def cumulative(suffix: str, function: str) -> tuple[int, float]:
        rows = [
            row
            for (file, _, name), row in table.items()
            if name == function and file.replace("\\", "/").endswith(f"{PACKAGE}/{suffix}")
        ]
        return sum(row[1] for row in rows), sum(row[3] for row in rows)

    _, total = cumulative("engine.py", "check_source")
    shares = []
    for label, suffix, function in STAGES:
        calls, seconds = cumulative(suffix, function)
        if not calls:
            raise SystemExit(f"profile: {label} was never called: has the pipeline changed?")
        shares.append({"stage": label, "seconds": seconds, "share": seconds / total if total else 0.0})
    return shares


def main() -> None:
    """Print the timing of one module, or the profile of a folder, as JSON."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--module", type=Path)
    parser.add_argument("--warm-up", type=Path)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--profile", type=Path)
    arguments = parser.parse_args()
    if arguments.module is not None:
        print(json.dumps(time_module(arguments.module, arguments.warm_up, arguments.repeats)))
    elif arguments.profile is not None:
        print(json.dumps({"profile": profile(arguments.profile)}))
    else:
        parser.error("give --module or --profile")


if __name__ == "__main__":
    main()
