"""The project around the checked file: its own modules, read and interpreted on demand.

A name imported from the project (``from .config import SCOPES``) resolves to what that module
binds; Django's ``settings.NAME`` to the project's settings module; Flask's
``current_app.config["NAME"]`` to what ``app.config.from_object(...)`` filled in. Module roots are
the project root (:func:`~..source.roots.find_root`, from the folders a run checks) and its
``src/``; nothing outside them is read, nothing is imported or run, and a module that cannot be
read, parsed or guarded (or that imports itself in a cycle) gives unknown values. Loaded modules
are interpreted once per process.
"""

from __future__ import annotations

import functools
import logging
import os
import re

import libcst as cst

from ..source import guard, reading
from ..source.reading import stamp, still
from ..source.roots import above_packages, application_files, find_root
from .bindings import Env
from .budget import Budget
from .evaluate import CallSite
from .objects import ClassValue, External, Imported, ModuleValue
from .parse import parse_module
from .values import UNKNOWN, Dict, Value, one_of

LOG = logging.getLogger("flake8.tiktok_scopes")

#: Compiled at their first use (``re`` keeps them): most checks read no settings.
_SETTINGS_MODULE = r"""DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']"""
#: What fills a Flask app's configuration: ``app.config.from_object(...)``, ``app.config["X"] = ...``.
_FLASK_CONFIG = r"\.config\s*(?:\.(?:from_object|from_mapping|update)\s*\(|\[[^\]\n]+\]\s*=[^=])"
#: How many files a search for settings or configuration reads at most.
MAX_SEARCHED = 400


_PROJECTS: dict[str, Project] = {}


def forget_projects() -> None:
    """Drop every project read so far (its modules are read afresh)."""
    _PROJECTS.clear()


def project_of(path: str, root: str | None = None) -> Project:
    """The project holding a file, whose modules are imported from ``root`` (None: the file's
    :func:`~..source.roots.find_root`); one per root and process: its modules are read once."""
    root = root or find_root(path)
    if root not in _PROJECTS:
        _PROJECTS[root] = Project(root)
    return _PROJECTS[root]


class _Ignore:
    """The observer of a module read for its values: what it requests or declares is its own."""

    def written(self, node: cst.BaseExpression, value: Value, *, declares: bool = True) -> None:
        pass

    def called(self, site: CallSite) -> None:
        pass

    def built_dict(self, node: cst.Dict, value: Dict) -> None:
        pass

    def assigned(
        self, path: str, value: Value, node: cst.CSTNode, owner: ClassValue | None, module: str
    ) -> None:
        pass

    def scope(self, tag: object | None) -> None:
        pass

    def discard(self, tags: set[object]) -> None:
        pass


class Project:
    """The modules of one application, found under its root (and ``root/src``)."""

    def __init__(self, root: str) -> None:
        self.root = root
        #: Flask configurations the application's modules fill (found by one search, in no file's
        #: context) and those the checked module fills itself.
        self.flask_configs: list[External] = []
        self._own_configs: list[External] = []
        self._paths: dict[str, str | None] = {}
        self._modules: dict[str, bool] = {}  # name -> has_module
        self._envs: dict[str, Env | None] = {}
        self._settings: str | None = None
        self._flask_read: set[str] | None = None  # the files the search read (None: not searched yet)
        self._searching = False
        #: Files whose contents the values read since :meth:`begin` came from (a cached result that
        #: used them is stale when one of them changes).
        self.read: set[str] = set()
        self._depends: dict[str, set[str]] = {}  # module -> files its values came from
        self._stamps: dict[str, dict[str, str | None]] = {}  # module -> those files' stamps
        #: Modules whose bodies are running: the checked one, then those loaded while it runs.
        self._running: list[str] = []
        #: Modules loaded while a module they import was still running (an import cycle): their
        #: names hold what was bound so far, good for this file only; the next file loads them afresh.
        self._partial: set[str] = set()

    @functools.cached_property
    def module_roots(self) -> list[str]:
        """Where top-level modules are found: the root, and its ``src/`` when there is one (when
        the root is itself a package, the folder above its outermost package); looked for once
        in a run, as the modules' paths are."""
        top = above_packages(self.root)
        source = os.path.join(self.root, "src")
        return [top, source] if os.path.isdir(source) else [top]

    def module_name(self, path: str) -> str:
        """The dotted name a file has in the project (``app/views.py`` -> ``app.views``)."""
        absolute = os.path.abspath(path)
        for base in sorted(self.module_roots, key=len, reverse=True):
            relative = os.path.relpath(absolute, base)
            if not relative.startswith(os.pardir) and relative.endswith(".py"):
                parts = relative[:-3].split(os.sep)
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                if parts and all(p.isidentifier() for p in parts):
                    return ".".join(parts)
        return os.path.splitext(os.path.basename(path))[0]

    def path_of(self, name: str) -> str | None:
        """The file of a project module (a package's ``__init__.py``), or None."""
        if name in self._paths:
            return self._paths[name]
        found = None
        if name and all(part.isidentifier() for part in name.split(".")):
            relative = os.path.join(*name.split("."))
            for base in self.module_roots:
                for candidate in (f"{relative}.py", os.path.join(relative, "__init__.py")):
                    path = os.path.join(base, candidate)
                    if os.path.isfile(path):
                        found = path
                        break
                if found:
                    break
        self._paths[name] = found
        return found

    def has_module(self, name: str) -> bool:
        """True for a module or package of the project (a folder of modules counts)."""
        if name not in self._modules:
            relative = os.path.join(*name.split(".")) if name else ""
            self._modules[name] = self.path_of(name) is not None or (
                bool(relative)
                and any(os.path.isdir(os.path.join(base, relative)) for base in self.module_roots)
            )
        return self._modules[name]

    def is_package(self, name: str) -> bool:
        """True when the module is a package (its names include its submodules)."""
        path = self.path_of(name)
        return path is not None and os.path.basename(path) == "__init__.py"

    def module_value(self, name: str) -> ModuleValue:
        """The module as a value whose names are read on demand."""
        return ModuleValue(name, self.load)

    def begin(self, name: str, env: Env) -> None:
        """A file's analysis starts: ``name`` is the module being checked (a cycle that imports it
        back sees the names bound so far), and the files values are read from are noted anew.
        The module checked before is dropped: the trees of checked files do not pile up."""
        for partial in self._partial:
            self._envs.pop(partial, None)
        self._partial.clear()
        if self._running:  # the module checked before: its tree goes (a file that imports it reads it)
            self._envs.pop(self._running[0], None)
        self._envs[name] = env
        self._running = [name]
        self._own_configs = []
        self.read = set()

    def load(self, name: str) -> Env | None:
        """The names a project module binds once its body has run (None when it cannot be read)."""
        if name in self._envs and self._fresh(name):
            self.read |= self._depends.get(name, set())
            if name in self._running:  # a cycle sees what is bound so far, and so do those loading
                self._partial.update(self._running[self._running.index(name) + 1 :])
            return self._envs[name]
        self._envs[name] = None
        path = self.path_of(name)
        if path is None:
            return None
        from .interpret import Interpreter

        outer, self.read = self.read, {path}
        self._running.append(name)
        try:
            text = self._read(path)
            if text is None or guard.too_complex(text) is not None:
                return None
            module = parse_module(text, for_values=True)
            interpreter = Interpreter(_Ignore(), Budget(len(text)), name, self)
            self._envs[name] = interpreter.module_env
            interpreter.run_body(module)
            return interpreter.module_env
        except (Exception, RecursionError) as error:  # a module that cannot be read gives unknown values
            LOG.info("flake8-tiktok-scopes: could not read %s: %s: %s", path, type(error).__name__, error)
            return self._envs.get(name)
        finally:
            self._running.pop()
            self._depends[name] = self.read
            self._stamps[name] = {path: stamp(path) for path in self.read}
            self.read = outer | self.read

    def _fresh(self, name: str) -> bool:
        """True when the files a loaded module's values came from are as they were."""
        stamps = self._stamps.get(name)
        return stamps is None or still(stamps)

    def _read(self, path: str) -> str | None:
        self.read.add(path)
        return reading.read_text(path)

    # -- frameworks ----------------------------------------------------------------------

    def django_setting(self, name: str) -> Value:
        """``django.conf.settings.NAME``: what the project's settings module binds."""
        module = self.settings_module()
        env = self.load(module) if module is not None else None
        value = env.local(name) if env is not None else None
        if value is None:
            return UNKNOWN
        return value.resolve() if isinstance(value, Imported) else value

    def settings_module(self) -> str | None:
        """The Django settings module: ``DJANGO_SETTINGS_MODULE``'s default in manage.py, wsgi.py
        or asgi.py, else the one ``settings.py`` (or ``settings/`` package) of the project."""
        if self._settings is None:
            self._settings = self._find_settings() or ""
        return self._settings or None

    def _find_settings(self) -> str | None:
        lone: list[str] = []
        for path in application_files(self.root, MAX_SEARCHED):
            base = os.path.basename(path)
            if base in ("manage.py", "wsgi.py", "asgi.py"):
                text = self._read(path) or ""
                match = re.search(_SETTINGS_MODULE, text)
                if match and self.has_module(match.group(1)):
                    return match.group(1)
            if base == "settings.py" or path.endswith(os.path.join("settings", "__init__.py")):
                lone.append(self.module_name(path))
        return lone[0] if len(lone) == 1 else None

    def flask_setting(self, name: str) -> Value:
        """``current_app.config["NAME"]``: what the project's ``app.config`` is filled with (in a
        function the search itself runs: what it has found so far)."""
        if self._flask_read is None and not self._searching:
            self._flask_read = self._search_flask_configs()
        self.read |= self._flask_read or set()
        configs = [*self.flask_configs, *self._own_configs]
        found = [config.attrs[name] for config in configs if name in config.attrs]
        return one_of(found) if found else UNKNOWN

    def config_filled(self, config: External, module: str) -> None:
        """A Flask app's configuration was filled by ``module``'s code: kept when the search runs
        it, or when it is the checked module (any other module is the search's to read)."""
        kept = self.flask_configs if self._searching else self._own_configs
        if (self._searching or (self._running and module == self._running[0])) and all(
            config is not other for other in kept
        ):
            kept.append(config)  # once: a config filled by several statements is one alternative

    def _search_flask_configs(self) -> set[str]:
        """Run the modules that fill a Flask config (their functions too: ``create_app``), the
        same whichever file asks first: the modules still running are read afresh, not as far as
        they got. The files read."""
        running, read = self._running, self.read
        hidden = {name: self._envs.pop(name) for name in running if name in self._envs}
        self._running, self.read, self._searching = [], set(), True
        try:
            self._run_flask_configs()
            return self.read
        finally:
            self._running, self.read, self._searching = running, read, False
            self._envs.update(hidden)

    def _run_flask_configs(self) -> None:
        from .interpret import Interpreter

        for path in application_files(self.root, MAX_SEARCHED):
            text = reading.read_text(path) or ""
            if "flask" not in text.lower() and "quart" not in text.lower():
                continue
            if not re.search(_FLASK_CONFIG, text) or guard.too_complex(text) is not None:
                continue
            self.read.add(path)
            try:
                interpreter = Interpreter(_Ignore(), Budget(len(text)), self.module_name(path), self)
                interpreter.run(parse_module(text, for_values=True))
            except (Exception, RecursionError) as error:
                LOG.info("flake8-tiktok-scopes: could not read %s: %s: %s", path, type(error).__name__, error)
