"""RESULTS.md, written from the facts ``run.py`` measured (a figure not measured says so)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import targets


def verdict(met: bool | None) -> str:
    """``met``, ``**missed**``, or ``not measured``."""
    return "not measured" if met is None else ("met" if met else "**missed**")


def _ms(value: float) -> str:
    return f"{value:+.0f} ms" if abs(value) >= 10 else f"{value:+.1f} ms"


def _header(facts: dict[str, Any]) -> list[str]:
    s = facts["settings"]
    versions = facts["versions"]
    lines = ["# Benchmark results", ""]
    if s["quick"]:
        lines += [
            "> **A quick smoke run (`--quick`)**: small corpora, one round. These figures only show that "
            "the harness works; they are not comparable with a full run's.",
            "",
        ]
    else:
        changed = [
            f"{name.replace('_', '-')} {value} (default {facts['defaults'][name]})"
            for name, value in s.items()
            if value != facts["defaults"][name]
        ]
        if changed:
            lines += [
                f"> **Not a full run**: {', '.join(changed)}. Not comparable with a full run's figures.",
                "",
            ]
    lines += [
        f"Written by `python benchmarks/run.py{' --quick' if s['quick'] else ''}` on {facts['date']} in "
        f"{facts['minutes']:.1f} minutes ({s['rounds']} interleaved rounds per corpus, "
        f"{s['editor_runs']} per editor group, {s['cli_rounds']} on the command line's first tree and for "
        f"the second run, {s['reach_rounds']} on its tree where every file is about TikTok, at least "
        f"{s['repeats']} timings per module size). Commands measured together run "
        "interleaved, round after round, each round starting with the next command; ratios and added "
        "milliseconds are medians of the per-round values, times and memory are medians. Wall time "
        "and peak RSS are the launcher's (`benchmarks/launcher.py`).",
        "",
        "## Machine",
        "",
        "| what | value |",
        "| --- | --- |",
        f"| CPU | {facts['cpu']} |",
        f"| cores | {facts['cores']} (usable: {facts['usable_cores']}) |",
        f"| memory | {facts['memory']} |",
        f"| OS | {facts['os']} |",
        f"| Python | {facts['implementation']} {facts['python']} |",
        f"| flake8 | {versions['flake8']} (pycodestyle {versions['pycodestyle']}, "
        f"pyflakes {versions['pyflakes']}, mccabe {versions['mccabe']}) |",
        f"| libcst | {versions['libcst']} |",
        f"| flake8-tiktok-scopes | {versions['flake8-tiktok-scopes']} (commit {facts['commit']}) |",
        f"| load average (1/5/15 min) | at start {facts['load_start']}, at end {facts['load_end']} |",
        "",
        "## Targets",
        "",
        "| target | measured | result |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {name} | {shown} | {verdict(met)} |" for name, shown, met in facts["targets"]]
    return lines


def _corpora(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "",
        "## 1. flake8 -j1 over whole corpora: without a plugin, with the parse floor, with the plugin",
        "",
        "Each corpus: plain flake8 (no plugin), flake8 with the *parse floor* (`benchmarks/floor_plugin.py`: "
        "it parses with `libcst.parse_module` every file whose text names TikTok, importing libcst only "
        "then, and reports nothing) and flake8 with the plugin, all three with the same flake8 and "
        "checkers. Each run of the plugin has an empty cache folder of its own (a first run; it writes its "
        "records). Peak RSS is the flake8 process's.",
        "",
        "| corpus | files | lines | reach libcst | plain | floor | plugin | plugin / floor | plugin / plain "
        "| plain RSS | floor RSS | plugin RSS | RSS plugin / plain | TTS findings |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        lines.append(
            f"| {row['name']} | {row['files']} | {row['lines']} | {row['reach']} | {row['plain_s']:.2f} s | "
            f"{row['floor_s']:.2f} s | {row['plugin_s']:.2f} s | {row['plugin_vs_floor']:.3f}x | "
            f"{row['plugin_vs_plain']:.3f}x | {row['plain_mib']:.1f} MiB | {row['floor_mib']:.1f} MiB | "
            f"{row['plugin_mib']:.1f} MiB | {row['memory_vs_plain']:.3f}x | {row['tts']} |"
        )
    same = all(row["same"] for row in rows)
    lines += [
        "",
        "*reach libcst*: files the prefilter lets through minus those the guard keeps from libcst. "
        "The three runs of each corpus reported the same non-TTS findings: "
        + ("yes." if same else "**no** (see the run's output)."),
    ]
    return lines


def _editor(figures: dict[str, Any], settings: dict[str, Any]) -> list[str]:
    modules, about = settings["project"]
    f = figures
    return [
        "",
        "## 2. An editor: one file through stdin",
        "",
        "Editors run flake8 on the buffer on every save: `flake8 --stdin-display-name=NAME -`. The "
        "buffer's last line changes at every run (`# edit N`), as an edited buffer does. The TikTok file "
        f"(60 lines) declares its scopes; the application's file (60 lines, in a generated application of "
        f"{modules} modules, {about} of them about TikTok, itself one of them) declares none, so the plugin "
        "reads what the application's other modules declare: with an empty cache folder for each run "
        "(*cold*), and with one folder its earlier runs filled (*warm*: the application's summary is "
        "cached; the buffer's own findings are not, since it changed). Added milliseconds are medians of "
        "per-round differences.",
        "",
        "| file | plain flake8 | floor | plugin | plugin over the floor | plugin over plain flake8 |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        f"| 60-line TikTok file | {f['plain_ms']:.0f} ms | {f['floor_ms']:.0f} ms | "
        f"{f['plugin_ms']:.0f} ms | {_ms(f['plugin_over_floor_ms'])} | {_ms(f['plugin_over_plain_ms'])} |",
        f"| 60-line file not about TikTok | {f['ordinary_plain_ms']:.0f} ms | — | "
        f"{f['ordinary_plugin_ms']:.0f} ms | — | {_ms(f['ordinary_over_plain_ms'])} |",
        "",
        "| the application's file | plugin | over the single TikTok file with the plugin |",
        "| --- | ---: | ---: |",
        f"| cold cache | {f['project cold_ms']:.0f} ms | {_ms(f['cold_over_single_ms'])} |",
        f"| warm cache ({f['warm_records']} records) | {f['project warm_ms']:.0f} ms | "
        f"{_ms(f['warm_over_single_ms'])} |",
        "",
        f"The floor costs {_ms(f['floor_over_plain_ms'])} over plain flake8 on the TikTok file: importing "
        "libcst and parsing. The application's file gets "
        f"{f['project_findings']} findings, the same from a warm cache as from a cold one.",
    ]


def _scaling(figures: dict[str, Any], profile: list[dict[str, Any]] | None) -> list[str]:
    rows = figures["rows"]
    base = rows[0]["seconds"] / rows[0]["lines"]
    lines = [
        "",
        "## 3. The plugin alone (`engine.check_source`) on one module of each size",
        "",
        "Generated TikTok modules concatenated (one header, then each module's body) up to each size, each "
        "checked to parse with `ast`; one process per size, one size at a time; a warm-up on the smallest, "
        "then the median of the timings (a small module is timed until they add up to 3 seconds). "
        "Peak RSS is the process's.",
        "",
        "| lines | KiB | findings | timings | median time | µs per line | per-line cost vs smallest "
        "| peak RSS |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        per_line = row["seconds"] / row["lines"]
        lines.append(
            f"| {row['lines']} | {row['characters'] / 1024:.0f} | {row['findings']} | {len(row['times'])} | "
            f"{row['seconds']:.2f} s | {1e6 * per_line:.0f} | {per_line / base:.2f}x | "
            f"{row['peak_mib']:.0f} MiB |"
        )
    lines += [
        "",
        f"Growth exponent (least-squares slope of log time over log lines; 1.00 is linear): "
        f"{figures['slope']:.2f}. Spread of the per-line cost (largest / smallest): "
        f"{figures['spread']:.2f}x.",
    ]
    if profile:
        lines += [
            "",
            "### Where the plugin's time goes (cProfile of `check_source` over the TikTok corpus)",
            "",
            "| stage | cumulative share |",
            "| --- | ---: |",
            *(f"| {row['stage']} | {100 * row['share']:.0f} % |" for row in profile),
            "",
            "cProfile inflates pure-Python stages (guard, interpretation) relative to native ones "
            "(libcst's parser); shares are a guide to where the time goes, not exact.",
        ]
    return lines


def _cli(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "",
        "## 4. The command line on every core",
        "",
        "`tiktok-scopes check --select TTS .` (its default: one worker per core) against "
        "`flake8 -j auto --select TTS .` (flake8 still runs pycodestyle and pyflakes: `--select` only "
        "filters what is shown; both report every TTS code, those off by default too), in the tree's "
        "folder, each run with an empty cache folder. The command line also reports the files it could "
        "not analyse (TTS000), which flake8 only logs. Memory of the whole process tree, measured by "
        "the launcher: *largest process* is `ru_maxrss` from `wait4` (the kernel's peak RSS of the largest "
        "single process of the tree: the parent or any worker it waited for); *parent* and *largest "
        "worker* are `VmHWM` read from `/proc` every 50 ms while they run; *tree sum* is the largest sum of "
        "`VmRSS` over the tree at one reading (pages shared by forked workers count in each: an upper "
        "bound). The target is for the largest process.",
        "",
        "| tree | rounds | files | reach libcst | tool | time | cli / flake8 | largest process | parent | "
        "largest worker | tree sum | processes | TTS findings |",
        "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        for tool in ("flake8", "cli"):
            t = row[tool]
            label = (
                "flake8 -j auto --select TTS"
                if tool == "flake8"
                else f"tiktok-scopes check (-j {row['jobs']})"
            )
            found = str(t["findings"]) + (f" (+{t['unanalysed']} TTS000)" if t.get("unanalysed") else "")
            if tool == "cli":
                found += ", the same as flake8's" if row["same"] else ", **not the same as flake8's**"
            lines.append(
                f"| {row['name']} | {row['rounds']} | {row['files']} | {row['reach']} | {label} | "
                f"{t['seconds']:.2f} s | "
                + (f"{row['ratio']:.2f}x" if tool == "cli" else "")
                + f" | {t['peak']:.0f} MiB | {t['parent_peak']:.0f} MiB | {t['worker_peak']:.0f} MiB | "
                f"{t['tree_rss']:.0f} MiB | {t['processes']:.0f} | {found} |"
            )
    return lines


def _cache(figures: dict[str, Any]) -> list[str]:
    lines = [
        "",
        "## 5. A second run over unchanged files",
        "",
        "On the TikTok corpus, each tool with its default jobs: plain `flake8 -j auto` (no plugin), then "
        "flake8 with the plugin and `tiktok-scopes check`, each with an empty cache folder (*cold*) and with "
        "a folder its own earlier run filled (*warm*); both report the same findings either way.",
        "",
        "| tool | cold | warm | warm / cold | cold / plain flake8 | warm / plain flake8 "
        f"({figures['plain_s']:.2f} s) |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for tool, label in (("flake8", "flake8 -j auto with the plugin"), ("cli", "tiktok-scopes check")):
        t = figures[tool]
        lines.append(
            f"| {label} | {t['cold_s']:.2f} s | {t['warm_s']:.2f} s | {t['warm_vs_cold']:.2f}x | "
            f"{t['cold_vs_plain']:.2f}x | {t['warm_vs_plain']:.2f}x |"
        )
    return lines


def write_results(path: Path, facts: dict[str, Any]) -> None:
    """Write RESULTS.md from the measured facts."""
    lines = _header(facts)
    sections: tuple[tuple[str, Callable[[], list[str]]], ...] = (
        ("corpora", lambda: _corpora(facts["corpora"])),
        ("editor", lambda: _editor(facts["editor"], facts["settings"])),
        ("scaling", lambda: _scaling(facts["scaling"], facts.get("profile"))),
        ("cli", lambda: _cli(facts["cli"])),
        ("cache", lambda: _cache(facts["cache"])),
    )
    for name, render in sections:
        if name in facts:
            lines += render()
        else:
            lines += ["", f"## {targets.TITLES[name]}", "", "Not measured in this run (`--only`)."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
