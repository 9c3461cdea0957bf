"""The plugin alone (``engine.check_source``) on prefixes of the TikTok corpus's largest module.

Run by ``run.py`` with the interpreter that has the plugin; prints one JSON object. With
``--profile`` it also profiles ``check_source`` over a corpus directory and reports where the
time goes (cumulative share of the engine's own functions and libcst's entry points).

    python benchmarks/scaling.py --sizes 15,30,60,120,240 --repeats 5 [--profile DIR]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

from flake8_tiktok_scopes import engine
from flake8_tiktok_scopes.source import guard

#: Functions whose cumulative time is reported by --profile, as (label, file suffix, function name).
STAGES = (
    ("prefilter.mentions_tiktok", "flake8_tiktok_scopes/prefilter.py", "mentions_tiktok"),
    ("guard.too_complex", "flake8_tiktok_scopes/guard.py", "too_complex"),
    ("libcst.parse_module", "libcst/_parser/entrypoints.py", "parse_module"),
    ("interpret.Interpreter.run", "flake8_tiktok_scopes/interpret.py", "run"),
    ("rules.check", "flake8_tiktok_scopes/rules.py", "check"),
    ("positions.locate (PositionProvider)", "flake8_tiktok_scopes/positions.py", "locate"),
)


def scaling(sizes: list[int], repeats: int) -> list[dict[str, Any]]:
    """Median seconds of check_source on each prefix of the largest module."""
    rows = []
    settings = engine.Settings()
    for snippets in sizes:
        source = corpus.largest_source(snippets)
        reason = guard.too_complex(source)
        if reason is not None:
            raise SystemExit(f"the {snippets}-snippet module is skipped by the guard ({reason}): no timing")
        found = engine.check_source(source, settings)  # warm-up, and the findings to show
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            engine.check_source(source, settings)
            times.append(time.perf_counter() - start)
        rows.append(
            {
                "snippets": snippets,
                "lines": source.count("\n"),
                "characters": len(source),
                "findings": len(found),
                "seconds": statistics.median(times),
            }
        )
    return rows


def profile(directory: Path) -> list[dict[str, Any]]:
    """Cumulative share of each stage while check_source runs over every file of a corpus."""
    sources = [path.read_text(encoding="utf-8") for path in sorted(directory.rglob("*.py"))]
    profiler = cProfile.Profile()
    profiler.enable()
    for source in sources:
        engine.check_source(source)
    profiler.disable()
    stats = pstats.Stats(profiler)
    table: dict[tuple[str, int, str], tuple[Any, ...]] = stats.stats  # type: ignore[attr-defined]
    total = sum(
        row[3]
        for (file, _, name), row in table.items()
        if name == "check_source" and file.endswith("engine.py")
    )
    shares = []
    for label, suffix, function in STAGES:
        cumulative = sum(
            row[3]
            for (file, _, name), row in table.items()
            if name == function and file.replace("\\", "/").endswith(suffix)
        )
        shares.append({"stage": label, "seconds": cumulative, "share": cumulative / total if total else 0.0})
    return shares


def main() -> None:
    """Print the scaling rows (and the profile) as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="15,30,60,120,240")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--profile", type=Path, default=None)
    arguments = parser.parse_args()
    result: dict[str, Any] = {
        "scaling": scaling([int(size) for size in arguments.sizes.split(",")], arguments.repeats)
    }
    if arguments.profile is not None:
        result["profile"] = profile(arguments.profile)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
