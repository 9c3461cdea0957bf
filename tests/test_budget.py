"""Every input costs time and memory linear in its size: values that double at every line stop
at their bounds and become unknown, in the flake8 plugin and in the command line."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flake8_tiktok_scopes.analysis.budget import MAX_IMPORT_CHAIN
from flake8_tiktok_scopes.engine import check, check_source
from flake8_tiktok_scopes.options import Settings

LEVELS = 40
URL = "https://open.tiktokapis.com/v2/user/info/"
AUTHORIZE = "https://www.tiktok.com/v2/auth/authorize/?client_key=k&scope=user.info.basic"

#: name -> (first line, the line that doubles level i from level j = i - 1, the request using level n)
CHAINS: dict[str, tuple[str, str, str]] = {
    "strings": ('F0 = "open_id,"\n', "F{i} = F{j} + F{j}\n", 'params={{"fields": F{n} + "follower_count"}}'),
    "lists": ('F0 = ["open_id"]\n', "F{i} = F{j} + F{j}\n", 'params={{"fields": ",".join(F{n})}}'),
    "f-strings": ('F0 = "open_id,"\n', 'F{i} = f"{{F{j}}}{{F{j}}}"\n', 'params={{"fields": f"{{F{n}}}x"}}'),
    "joins": (
        'F0 = ["open_id"]\n',
        'F{i} = [",".join(F{j}), ",".join(F{j})]\n',
        'params={{"fields": ",".join(F{n})}}',
    ),
    "dicts": ('F0 = {{"fields": "open_id"}}\n', 'F{i} = {{"a": F{j}, "b": F{j}, **F{j}}}\n', "params=F{n}"),
    "alternatives": (
        'F0 = "a" if c else "b"\n',
        'F{i} = F{j} + ("," if c else ";") + F{j}\n',
        'params={{"fields": F{n}}}',
    ),
    "calls": (
        "def f0(x):\n    return x + x\n",
        "def f{i}(x):\n    return f{j}(x) + f{j}(x)\n",
        'params={{"fields": f{n}("open_id,")}}',
    ),
    "methods": (
        "class C0:\n    def get(self, x):\n        return [x, x]\n",
        "class C{i}:\n    def get(self, x):\n        return C{j}().get(x) + C{j}().get(x)\n",
        'params={{"fields": ",".join(C{n}().get("open_id"))}}',
    ),
}


def chain(name: str, levels: int = LEVELS) -> str:
    """A module whose value doubles at every line, then flows into a request."""
    first, step, request = CHAINS[name]
    lines = [f"import requests\nAUTHORIZE = {AUTHORIZE!r}\n", first.format()]
    lines += [step.format(i=i, j=i - 1) for i in range(1, levels + 1)]
    lines.append(f"requests.get({URL!r}, {request.format(n=levels)})\n")
    return "".join(lines)


#: Runs argv[1:] and prints its wall time and its peak memory (kB). A small process of its own: a
#: child forked from the test process would count that process's pages in its peak.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False).returncode
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
"""


def _run_limited(command: list[str], cwd: Path) -> tuple[float, int]:
    """Run a command with an empty cache; its wall time (s) and peak memory (MB)."""
    environment = {**os.environ, "TIKTOK_SCOPES_CACHE_DIR": str(cwd / "cache")}
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    seconds, kilobytes = result.stdout.split()
    return float(seconds), int(kilobytes) // 1024


@pytest.mark.timed
@pytest.mark.parametrize("name", sorted(CHAINS))
@pytest.mark.parametrize("front_end", ["flake8", "tiktok-scopes"])
def test_doubling_chains_finish_in_time_and_memory(name: str, front_end: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name.replace('-', '_')}.py"
    path.write_text(chain(name), encoding="utf-8")
    if front_end == "flake8":
        command = [sys.executable, "-m", "flake8", "--isolated", "--select=TTS", str(path)]
    else:
        command = [sys.executable, "-m", "flake8_tiktok_scopes", "check", str(path)]
    elapsed, megabytes = _run_limited(command, tmp_path)
    assert elapsed < 2.0, f"{front_end} took {elapsed:.2f} s on the {name} chain"
    assert megabytes < 200, f"{front_end} used {megabytes} MB on the {name} chain"


@pytest.mark.parametrize("name", sorted(CHAINS))
def test_a_value_past_its_bound_is_unknown_never_guessed(name: str) -> None:
    findings = check_source(chain(name))
    assert [f for f in findings if f.code in ("TTS001", "TTS002")] == []


def test_a_short_chain_is_still_followed() -> None:
    findings = check_source(chain("strings", levels=3))
    assert [(f.code, f.subject) for f in findings] == [("TTS001", "follower_count")]


@pytest.mark.timed
@settings(max_examples=25, deadline=None)
@given(
    names=st.lists(st.sampled_from(sorted(CHAINS)), min_size=1, max_size=3),
    levels=st.integers(min_value=1, max_value=LEVELS),
)
def test_generated_chains_stay_within_the_budget(names: list[str], levels: int) -> None:
    source = "".join(chain(name, levels).replace("F", f"F{index}_") for index, name in enumerate(names))
    start = time.perf_counter()
    check_source(source)
    assert time.perf_counter() - start < 2.0


def _package(tmp_path: Path, modules: dict[str, str]) -> Path:
    """An application of its own: ``app/`` with the given modules."""
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'app'\n", encoding="utf-8")
    (tmp_path / "app").mkdir()
    for name, text in modules.items():
        (tmp_path / "app" / f"{name}.py").write_text(text, encoding="utf-8")
    return tmp_path / "app"


_VIEW = (
    "import requests\n"
    "from .{module} import FIELDS\n"
    'SCOPES = "user.info.basic"\n'
    f"requests.get({URL!r}, params={{{{'fields': FIELDS}}}})\n"
)


def test_an_import_cycle_is_unknown(tmp_path: Path) -> None:
    app = _package(
        tmp_path,
        {
            "__init__": "from .b import FIELDS\n",
            "b": "from . import FIELDS\n",
            "views": _VIEW.format(module="b"),
        },
    )
    view = app / "views.py"
    found, reason = check(view.read_text(encoding="utf-8"), Settings(), filename=str(view))
    assert (found, reason) == ([], None)


@pytest.mark.parametrize(("links", "followed"), [(3, True), (MAX_IMPORT_CHAIN + 8, False)])
def test_an_import_chain_is_followed_to_its_bound(tmp_path: Path, links: int, followed: bool) -> None:
    modules = {f"m{i}": f"from .m{i + 1} import FIELDS\n" for i in range(links)}
    modules[f"m{links}"] = 'FIELDS = "open_id,follower_count"\n'
    app = _package(tmp_path, {**modules, "views": _VIEW.format(module="m0")})
    view = app / "views.py"
    found, reason = check(view.read_text(encoding="utf-8"), Settings(), filename=str(view))
    assert reason is None
    assert [f.subject for f in found if f.code == "TTS001"] == (["follower_count"] if followed else [])


_CYCLIC = """
import requests

SCOPES = "user.info.basic"
AUTHORIZE = f"https://www.tiktok.com/v2/auth/authorize/?scope={SCOPES}"


class Client:
    BASE = "https://open.tiktokapis.com/v2/"

    def __init__(self, token):
        self.token = token

    @classmethod
    def build(cls, token):
        return cls(token)

    def info(self, fields="open_id,follower_count"):
        return requests.get(self.BASE + "user/info/", params={"fields": fields})


class Stats(Client):
    pass


def helper():
    return Client.build("t").info()


handler = lambda: helper()
"""


def test_a_checked_module_leaves_no_tree_to_the_garbage_collector() -> None:
    """Once a file's check is over, its libcst tree is freed by reference counting: no cycle
    (a function and the scope that binds it, a class and its MRO) keeps a node alive until the
    collector's next pass over the whole heap."""
    assert [f.code for f in check_source(_CYCLIC)] == ["TTS001"]  # the module is analysed
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        check_source(_CYCLIC)
        gc.collect()
        kept = sorted({type(o).__name__ for o in gc.garbage if type(o).__module__.startswith("libcst")})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert kept == []
