"""The project's performance targets, and each one's verdict from a run's facts."""

from __future__ import annotations

from typing import Any

#: TikTok-heavy corpus: flake8 with the plugin against flake8 with the parse floor (time).
TIKTOK_VS_FLOOR = 1.10
#: Ordinary corpora: flake8 with the plugin against plain flake8 (time, peak RSS).
ORDINARY_TIME = 1.02
ORDINARY_MEMORY = 1.10
#: An editor: the TikTok file over the floor, the ordinary file over plain flake8 (ms).
EDITOR_OVER_FLOOR_MS = 10.0
ORDINARY_OVER_PLAIN_MS = 10.0
#: The application's file, warm cache, over the single TikTok file (ms).
PROJECT_WARM_OVER_SINGLE_MS = 20.0
#: The plugin alone: per-line cost, largest over smallest, from 1k to 100k lines.
LINEAR_SPREAD = 1.3
#: The command line: its largest process's peak RSS (300 MB).
CLI_PEAK_MIB = 300e6 / 2**20

TITLES = {
    "corpora": "1. flake8 -j1 over whole corpora",
    "editor": "2. An editor: one file through stdin",
    "scaling": "3. The plugin alone on one module of each size",
    "cli": "4. The command line on every core",
    "cache": "5. A second run over unchanged files",
}

Verdict = tuple[str, str, "bool | None"]


def _all(values: list[bool]) -> bool | None:
    return all(values) if values else None


def verdicts(facts: dict[str, Any]) -> list[Verdict]:
    """(target, what was measured, met: True/False, None when not measured)."""
    found: list[Verdict] = []
    rows = facts.get("corpora", [])
    tiktok = [row for row in rows if not row["ordinary"]]
    ordinary = [row for row in rows if row["ordinary"]]
    found.append(
        (
            f"TikTok-heavy corpus: plugin ≤ {TIKTOK_VS_FLOOR:.2f}x the parse floor (time)",
            ", ".join(f"{row['plugin_vs_floor']:.3f}x" for row in tiktok) or "—",
            _all([row["plugin_vs_floor"] <= TIKTOK_VS_FLOOR for row in tiktok]),
        )
    )
    found.append(
        (
            f"ordinary corpora: plugin ≤ {ORDINARY_TIME:.2f}x plain flake8 (time)",
            ", ".join(f"{row['name']} {row['plugin_vs_plain']:.3f}x" for row in ordinary) or "—",
            _all([row["plugin_vs_plain"] <= ORDINARY_TIME for row in ordinary]),
        )
    )
    found.append(
        (
            f"ordinary corpora: plugin ≤ {ORDINARY_MEMORY:.2f}x plain flake8 (peak RSS)",
            ", ".join(f"{row['name']} {row['memory_vs_plain']:.3f}x" for row in ordinary) or "—",
            _all([row["memory_vs_plain"] <= ORDINARY_MEMORY for row in ordinary]),
        )
    )
    editor = facts.get("editor")
    for name, key, bound in (
        (
            "60-line TikTok file through stdin: plugin ≤ the floor",
            "plugin_over_floor_ms",
            EDITOR_OVER_FLOOR_MS,
        ),
        (
            "60-line file not about TikTok through stdin: plugin ≤ plain flake8",
            "ordinary_over_plain_ms",
            ORDINARY_OVER_PLAIN_MS,
        ),
        (
            "the application's file, warm cache: ≤ the single TikTok file",
            "warm_over_single_ms",
            PROJECT_WARM_OVER_SINGLE_MS,
        ),
    ):
        found.append(
            (
                f"{name} + {bound:.0f} ms",
                f"{editor[key]:+.1f} ms" if editor else "—",
                editor[key] <= bound if editor else None,
            )
        )
    scaling = facts.get("scaling") if len(facts.get("scaling", {}).get("rows", ())) > 1 else None
    if scaling:
        rows = scaling["rows"]
        measured = (
            f"{scaling['spread']:.2f}x over {rows[0]['lines']} to {rows[-1]['lines']} lines, "
            f"exponent {scaling['slope']:.2f}"
        )
    found.append(
        (
            f"the plugin alone: per-line cost flat within {LINEAR_SPREAD:.1f}x from 1k to 100k lines",
            measured if scaling else "—",
            scaling["spread"] <= LINEAR_SPREAD if scaling else None,
        )
    )
    cli = facts.get("cli", [])
    found.append(
        (
            "tiktok-scopes check faster than flake8 -j auto --select TTS",
            ", ".join(f"{row['name']} {row['ratio']:.2f}x" for row in cli) or "—",
            _all([row["ratio"] < 1.0 for row in cli]),
        )
    )
    found.append(
        (
            f"tiktok-scopes check: largest process's peak RSS ≤ 300 MB ({CLI_PEAK_MIB:.0f} MiB)",
            ", ".join(f"{row['name']} {row['cli']['peak']:.0f} MiB" for row in cli) or "—",
            _all([row["cli"]["peak"] <= CLI_PEAK_MIB for row in cli]),
        )
    )
    return found
