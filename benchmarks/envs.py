"""The three venvs the harness compares, all with the same flake8 and checkers:

- ``venv-plugin``: the checkout installed as users install it (a wheel, not editable);
- ``venv-plain``: no flake8 plugin at all;
- ``venv-floor``: the parse floor (``floor_plugin.py``) and the same libcst as the plugin's.

Each is rebuilt when what it was built from changes (for the plugin's: any file of the package,
``flake8_tiktok_scopes/**/*.py``, or ``pyproject.toml``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FLAKE8_DISTRIBUTIONS = ("flake8", "pycodestyle", "pyflakes", "mccabe")
FLOOR_CODE = "TTF"

_DESCRIBE = """
import importlib.metadata as m, json, platform, sysconfig
names = ("flake8", "pycodestyle", "pyflakes", "mccabe", "libcst", "flake8-tiktok-scopes")
versions = {}
for name in names:
    try:
        versions[name] = m.version(name)
    except m.PackageNotFoundError:
        versions[name] = None
plugins = sorted({e.name for e in m.entry_points(group="flake8.extension")}
                 - {"F", "E", "W", "C90", "pycodestyle", "pyflakes"})
print(json.dumps({"versions": versions, "plugins": plugins, "python": platform.python_version(),
                  "implementation": platform.python_implementation(),
                  "stdlib": sysconfig.get_paths()["stdlib"]}))
"""


@dataclass(frozen=True)
class Env:
    """One venv's interpreter and what is installed in it."""

    python: Path
    versions: dict[str, str | None]
    plugins: list[str]
    python_version: str
    implementation: str
    stdlib: Path

    def script(self, name: str) -> Path:
        """A console script of the venv (``tiktok-scopes``)."""
        return self.python.parent / (f"{name}.exe" if os.name == "nt" else name)


def describe(python: Path, work: Path) -> Env:
    """What an interpreter's environment holds (run outside the checkout, whose egg-info would
    make any interpreter see the plugin)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [str(python), "-c", _DESCRIBE], capture_output=True, text=True, check=False, cwd=work, env=env
    )
    if result.returncode != 0:
        raise SystemExit(f"cannot describe {python}:\n{result.stderr[-2000:]}")
    facts: dict[str, Any] = json.loads(result.stdout)
    return Env(
        python,
        facts["versions"],
        facts["plugins"],
        facts["python"],
        facts["implementation"],
        Path(facts["stdlib"]),
    )


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _make_venv(venv: Path, base: Path, requirements: list[str], built_from: str) -> Path:
    """A venv of ``base`` with ``requirements``; kept while they and ``built_from`` are the same."""
    stamp = venv / "benchmark-stamp.json"
    wanted = json.dumps({"base": str(base), "requirements": requirements, "from": built_from})
    if stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return _venv_python(venv)
    shutil.rmtree(venv, ignore_errors=True)
    print(f"building {venv} ...", flush=True)
    subprocess.run([str(base), "-m", "venv", str(venv)], check=True)
    python = _venv_python(venv)
    install = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *requirements]
    result = subprocess.run(install, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        shutil.rmtree(venv, ignore_errors=True)
        raise SystemExit(f"pip could not build {venv.name}:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
    stamp.write_text(wanted, encoding="utf-8")
    return python


def package_digest() -> str:
    """What the plugin's venv is built from: every module of the package, and pyproject.toml."""
    package = ROOT / "flake8_tiktok_scopes"
    sources = sorted(package.rglob("*.py")) + sorted(package.rglob("py.typed")) + [ROOT / "pyproject.toml"]
    digest = hashlib.sha256()
    for path in sources:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _pins(versions: dict[str, str | None], names: tuple[str, ...]) -> list[str]:
    return [f"{name}=={versions[name]}" for name in names if versions.get(name)]


def plugin_env(work: Path) -> Env:
    """The venv with the plugin, and the flake8 of the interpreter running the harness (when it
    has one; else pip's choice)."""
    running = describe(Path(sys.executable), work)
    pins = _pins(running.versions, FLAKE8_DISTRIBUTIONS)
    python = _make_venv(work / "venv-plugin", Path(sys.executable), [str(ROOT), *pins], package_digest())
    return describe(python, work)


def plain_env(work: Path, plugin: Env) -> Env:
    """The venv of the same interpreter with the same flake8 and checkers, and no plugin."""
    pins = _pins(plugin.versions, FLAKE8_DISTRIBUTIONS)
    return describe(_make_venv(work / "venv-plain", Path(sys.executable), pins, ""), work)


FLOOR_PYPROJECT = f"""[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "tiktok-parse-floor"
version = "1"
dependencies = []

[project.entry-points."flake8.extension"]
{FLOOR_CODE} = "tiktok_parse_floor:Floor"

[tool.setuptools]
py-modules = ["tiktok_parse_floor"]
"""


def floor_env(work: Path, plugin: Env) -> Env:
    """The venv with the parse floor plugin (written into ``work``) and the plugin's libcst."""
    source = (HERE / "floor_plugin.py").read_text(encoding="utf-8")
    project = work / "floor-plugin"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    (project / "pyproject.toml").write_text(FLOOR_PYPROJECT, encoding="utf-8")
    (project / "tiktok_parse_floor.py").write_text(source, encoding="utf-8")
    pins = _pins(plugin.versions, (*FLAKE8_DISTRIBUTIONS, "libcst"))
    built_from = hashlib.sha256((source + FLOOR_PYPROJECT).encode()).hexdigest()[:16]
    return describe(
        _make_venv(work / "venv-floor", Path(sys.executable), [str(project), *pins], built_from), work
    )


def build(work: Path) -> tuple[Env, Env, Env]:
    """The plain, floor and plugin venvs; checked to hold what each should and nothing else."""
    plugin = plugin_env(work)
    plain = plain_env(work, plugin)
    floor = floor_env(work, plugin)
    expected = {"plain": (plain, []), "floor": (floor, [FLOOR_CODE]), "plugin": (plugin, ["TTS"])}
    for name, (env, plugins) in expected.items():
        if env.plugins != plugins:
            raise SystemExit(f"the {name} venv has flake8 plugins {env.plugins}, expected {plugins}")
        for distribution in FLAKE8_DISTRIBUTIONS:
            if env.versions[distribution] != plugin.versions[distribution]:
                raise SystemExit(f"{distribution} differs between the {name} and the plugin venvs")
    if floor.versions["libcst"] != plugin.versions["libcst"]:
        raise SystemExit("libcst differs between the floor and the plugin venvs")
    if plain.versions["libcst"] is not None:
        print("note: the plain venv has libcst (flake8 never imports it there)", file=sys.stderr)
    return plain, floor, plugin
