"""Name bindings: one environment per module, class or function run, copied on write for branches.

A branch of an ``if``/``try``/loop gets an overlay that records only what the branch binds; merging
the branches back touches only those names, so a module-level ``if`` costs what its body binds,
not what the module has bound so far.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .values import Value, one_of


class Env:
    """The names bound in one scope (``parent`` is the enclosing scope); an overlay of ``base``
    when it stands for one branch of that same scope."""

    __slots__ = ("base", "names", "parent")

    def __init__(self, parent: Env | None = None, names: dict[str, Value] | None = None) -> None:
        self.names: dict[str, Value] = {} if names is None else names
        self.parent = parent
        self.base: Env | None = None

    def lookup(self, name: str) -> Value | None:
        """The value bound to ``name`` in this scope or an enclosing one."""
        env: Env | None = self
        while env is not None:
            value = env.local(name)
            if value is not None:
                return value
            env = env.parent
        return None

    def local(self, name: str) -> Value | None:
        """The value bound to ``name`` in this scope (this branch, then what it overlays)."""
        env: Env | None = self
        while env is not None:
            value = env.names.get(name)
            if value is not None:
                return value
            env = env.base
        return None

    def owner(self, name: str) -> Env | None:
        """The scope (as seen from this branch) that binds ``name``."""
        env: Env | None = self
        while env is not None:
            if env.local(name) is not None:
                return env
            env = env.parent
        return None

    def bind(self, name: str, value: Value) -> None:
        """Bind a name in this scope (this branch)."""
        self.names[name] = value

    def fork(self) -> Env:
        """An overlay for one branch: it sees everything bound here and records only its own."""
        branch = Env(self.parent)
        branch.base = self
        return branch

    def merge(self, branches: Sequence[Env], *, may_skip: bool) -> None:
        """Take what the branches bound: each name may come from any of them (or from before
        them, when a branch could be skipped or did not bind it)."""
        bound = {name for branch in branches for name in branch.names}
        for name in bound:
            before = self.local(name)
            options = [branch.names.get(name, before) for branch in branches]
            if may_skip:
                options.append(before)
            self.names[name] = one_of([o for o in options if o is not None])

    def visible(self) -> Iterator[tuple[str, Value]]:
        """Every name this scope binds (its own branch first), once each."""
        seen: set[str] = set()
        env: Env | None = self
        while env is not None:
            for name, value in env.names.items():
                if name not in seen:
                    seen.add(name)
                    yield name, value
            env = env.base
