"""Name bindings while a module is interpreted: environments and class attributes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import libcst as cst

from .values import UNKNOWN, Value, one_of


class Env:
    """The names bound in one function, class or module body, over an outer environment."""

    __slots__ = ("names", "parent")

    def __init__(self, parent: Env | None = None, names: dict[str, Value] | None = None) -> None:
        self.names: dict[str, Value] = {} if names is None else names
        self.parent = parent

    def lookup(self, name: str) -> Value | None:
        """The value bound to ``name`` here or in an outer environment."""
        env: Env | None = self
        while env is not None:
            value = env.names.get(name)
            if value is not None:
                return value
            env = env.parent
        return None

    def owner(self, name: str) -> Env | None:
        """The environment that binds ``name``."""
        env: Env | None = self
        while env is not None and name not in env.names:
            env = env.parent
        return env

    def fork(self) -> Env:
        """A copy for one branch of a conditional."""
        return Env(self.parent, dict(self.names))

    def merge(self, branches: Sequence[Env]) -> None:
        """Take the union of what the branches bound (each name may come from any of them)."""
        merged: dict[str, Value] = {}
        for name in {name for branch in branches for name in branch.names}:
            values = [branch.names[name] for branch in branches if name in branch.names]
            merged[name] = one_of(values)
        self.names = merged


@dataclass
class ClassInfo:
    """A class defined in the module: its attributes and those its methods set on ``self``."""

    name: str
    node: cst.ClassDef
    bases: tuple[str, ...]
    attributes: dict[str, Value] = field(default_factory=dict)
    instance: dict[str, Value] = field(default_factory=dict)

    def set_instance(self, name: str, value: Value) -> None:
        """Record ``self.name = value`` (several assignments become alternatives)."""
        previous = self.instance.get(name)
        self.instance[name] = value if previous is None else one_of([previous, value])


class Classes:
    """Every class of the module, by name."""

    def __init__(self) -> None:
        self.by_name: dict[str, ClassInfo] = {}

    def lineage(self, info: ClassInfo) -> Iterator[ClassInfo]:
        """The class and its base classes defined in the module (method resolution order, roughly)."""
        seen: set[str] = set()
        pending = [info]
        while pending:
            current = pending.pop(0)
            if current.name in seen:
                continue
            seen.add(current.name)
            yield current
            pending.extend(self.by_name[b] for b in current.bases if b in self.by_name)

    def attribute(self, info: ClassInfo, name: str) -> Value:
        """``self.name`` / ``cls.name`` as seen from a method of ``info``."""
        for klass in self.lineage(info):
            for table in (klass.instance, klass.attributes):
                if name in table:
                    return table[name]
        return UNKNOWN
