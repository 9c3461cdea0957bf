"""The corpus and editor targets counted in instructions, for machines too noisy to time them.

    python benchmarks/instructions.py     # about 10 minutes on 2 idle or busy cores; needs valgrind

On a shared machine seconds swing by tens of percent from one minute to the next; the number of
instructions a process executes does not, within 0.1 % (valgrind's cachegrind, without its cache
simulation, with one seed for Python's string hashing). It counts the process's own work only: not the
kernel's (reading files, creating the cache's records: on tiktok-520, 0.1-0.2 s of system time
more than the floor's) and not what cache misses cost, so a ratio here runs a little under the
wall-clock one (on the TikTok-heavy corpus at commit 834769b: 1.139x in instructions, 1.153x in
a quiet wall-clock run). The venvs and inputs are ``run.py``'s, built the same way under ``--work``;
nothing is written but the cache folders of the runs, and the table goes to standard output.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (benchmarks/ is not a package)
import envs  # noqa: E402
import trees  # noqa: E402
from figures import EDITOR_NAME, flake8  # noqa: E402
from measure import Command, Meter  # noqa: E402

#: Python randomises string hashing per process, which moves a corpus's count by up to 0.2 % from
#: one run to the next (dicts and sets grow and iterate differently): every command gets one seed.
_HASH_SEED = "0"
#: What cachegrind says at its end: ``==123== I   refs:      1,303,426,196``.
_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def instructions(command: Command, meter: Meter) -> tuple[int, int]:
    """The instructions the command executed (in a cache folder of its own, empty), and how many
    TTS lines it printed."""
    with tempfile.TemporaryDirectory(prefix="instructions-cache-") as cache:
        result = subprocess.run(
            [
                "valgrind",
                "--tool=cachegrind",
                "--cache-sim=no",
                "--cachegrind-out-file=/dev/null",
                *command.argv,
            ],
            input=command.stdin,
            capture_output=True,
            text=True,
            check=False,
            cwd=command.cwd,
            env={**meter.environment(Path(cache)), "PYTHONHASHSEED": _HASH_SEED},
        )
    found = _REFS.findall(result.stderr)
    if result.returncode not in (0, 1) or not found:
        raise SystemExit(f"{command.label} failed:\n{result.stderr[-2000:]}")
    tts = sum(" TTS" in line for line in result.stdout.splitlines())
    return int(found[-1].replace(",", "")), tts


def main() -> None:
    """Build the inputs as run.py does, count each command (two at a time), print the table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=corpus.DEFAULT_COUNT, help="generated TikTok modules")
    parser.add_argument("--work", type=Path, default=HERE / ".work", help="where venvs and corpora are kept")
    arguments = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed (apt install valgrind)")
    work = arguments.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    plain, floor, plugin = envs.build(work)
    pythons = {"plain": plain.python, "floor": floor.python, "plugin": plugin.python}
    tiktok = trees.tiktok_corpus(work, arguments.count)
    editor = trees.editor_folder(work)
    figures = {
        f"flake8 -j1 over {tiktok.name}": [
            Command(venv, flake8(python, "-j1", str(tiktok)), tiktok) for venv, python in pythons.items()
        ],
        "60-line TikTok file, stdin": [
            Command(
                venv,
                flake8(python, f"--stdin-display-name={EDITOR_NAME}", "-"),
                editor,
                stdin=corpus.EDITOR_SAMPLE,
            )
            for venv, python in pythons.items()
        ],
    }
    meter = Meter(work)
    with ThreadPoolExecutor(max_workers=2) as pool:
        counted = {
            title: pool.map(lambda command: instructions(command, meter), commands)
            for title, commands in figures.items()
        }
        print("| figure | plain | floor | plugin | plugin / floor | plugin over the floor | TTS lines |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for title, results in counted.items():
            (base, plain_tts), (lower, floor_tts), (plugin_count, tts) = results
            if not tts or plain_tts or floor_tts:
                raise SystemExit(f"{title}: TTS findings expected from the plugin only")
            print(
                f"| {title} | {base / 1e6:,.0f} M | {lower / 1e6:,.0f} M | {plugin_count / 1e6:,.0f} M"
                f" | {plugin_count / lower:.3f}x | {(plugin_count - lower) / 1e6:+,.0f} M | {tts} |"
            )


if __name__ == "__main__":
    main()
