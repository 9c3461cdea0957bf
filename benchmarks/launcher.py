"""Run one command to its end; write its wall time and memory as JSON.

    python benchmarks/launcher.py REPORT.json [--sample SECONDS] [--timeout SECONDS] -- COMMAND...

A small process of its own, because Linux counts the RSS of the process that forks into the
child's ``ru_maxrss`` (the memory the child had before ``exec``): forked from the harness,
whose memory grows with what it keeps, a command's peak would be hidden under the harness's.

What it reports, for the command's whole process tree:

- ``peak``: ``ru_maxrss`` from ``wait4``: the peak RSS of the largest single process of the
  tree (the command, or any descendant it waited for: its workers). Exact, from the kernel.
- with ``--sample``, read from ``/proc`` every SECONDS (Linux only): ``parent_peak``, the
  command's own high-water mark (``VmHWM``, last read before it exits), ``worker_peak``, the
  largest ``VmHWM`` among its descendants, ``tree_rss``, the largest sum of ``VmRSS`` over
  the tree at one reading (pages shared by forked workers count once per process: an upper
  bound of the memory in use), and ``processes``, how many processes the tree had in all.

A command still running after ``--timeout`` seconds is killed with its descendants, and the
report says so (``timed_out``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path


def _status(pid: int) -> dict[str, int]:
    """``VmHWM`` and ``VmRSS`` of a process, in bytes (empty once it has exited)."""
    found = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith(("VmHWM:", "VmRSS:")):
                key, value = line.split(":", 1)
                found[key] = int(value.split()[0]) * 1024
    except (OSError, ValueError):
        pass
    return found


def _descendants(root: int) -> list[int]:
    """The processes below ``root`` now (parents read from ``/proc/*/stat``)."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{name}/stat").read_bytes()
        except OSError:
            continue
        parent = int(stat[stat.rindex(b")") + 2 :].split()[1])  # after "pid (comm) state"
        children.setdefault(parent, []).append(int(name))
    found, stack = [], [root]
    while stack:
        for child in children.get(stack.pop(), ()):
            found.append(child)
            stack.append(child)
    return found


class Sampler(threading.Thread):
    """Reads the memory of a process tree until told to stop."""

    def __init__(self, root: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.parent_peak = self.worker_peak = self.tree_rss = 0
        self.seen: set[int] = set()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            own = _status(self.root)
            total = own.get("VmRSS", 0)
            self.parent_peak = max(self.parent_peak, own.get("VmHWM", 0))
            for pid in _descendants(self.root):
                self.seen.add(pid)
                status = _status(pid)
                self.worker_peak = max(self.worker_peak, status.get("VmHWM", 0))
                total += status.get("VmRSS", 0)
            self.tree_rss = max(self.tree_rss, total)
            self.done.wait(self.interval)


def _kill(root: int, timed_out: list[bool]) -> None:
    """Kill a process and its descendants (found through /proc where there is one)."""
    timed_out.append(True)
    for pid in [*(_descendants(root) if os.path.isdir("/proc") else []), root]:
        with contextlib.suppress(OSError):  # gone already
            os.kill(pid, signal.SIGKILL)


def main() -> None:
    """Run the command; write the report."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("report")
    parser.add_argument("--sample", type=float, help="read the tree's memory every SECONDS")
    parser.add_argument("--timeout", type=float, help="kill the command after SECONDS")
    if "--" not in sys.argv:
        parser.error("give the command after --")
    split = sys.argv.index("--")
    arguments, command = parser.parse_args(sys.argv[1:split]), sys.argv[split + 1 :]
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE)
    timed_out: list[bool] = []
    timer = threading.Timer(arguments.timeout, _kill, (process.pid, timed_out)) if arguments.timeout else None
    if timer is not None:
        timer.start()
    sampler = Sampler(process.pid, arguments.sample) if arguments.sample and os.path.isdir("/proc") else None
    if sampler is not None:
        sampler.start()
    errors = process.stderr.read() if process.stderr is not None else b""
    if timer is not None:
        timer.cancel()
    if sampler is not None:  # the last reading, then stop (the process is about to be reaped)
        sampler.done.set()
        sampler.join()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    report = {
        "seconds": seconds,
        "peak": usage.ru_maxrss * scale,
        "errors": errors.decode(errors="replace"),
        "status": os.waitstatus_to_exitcode(status),
        "timed_out": bool(timed_out),
    }
    if sampler is not None:
        report.update(
            parent_peak=sampler.parent_peak,
            worker_peak=sampler.worker_peak,
            tree_rss=sampler.tree_rss,
            processes=1 + len(sampler.seen),
        )
    with open(arguments.report, "w", encoding="utf-8") as file:
        json.dump(report, file)


if __name__ == "__main__":
    main()
