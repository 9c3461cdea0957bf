"""Objects the interpreter follows: the project's functions, classes, instances and modules, and
names from outside the project (libraries), with what the checker needs to know of each."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Callable

from .bindings import Env
from .budget import MAX_IMPORT_CHAIN
from .values import UNKNOWN, Value

if TYPE_CHECKING:
    import libcst as cst

_KEYS = itertools.count(1)


class Function:
    """A function or lambda of the analysed code, with the scope it was defined in."""

    __slots__ = ("closure", "defaults", "key", "kind", "module", "node", "owner", "top")

    def __init__(
        self,
        node: cst.FunctionDef | cst.Lambda,
        closure: Env,
        module: str,
        owner: ClassValue | None = None,
        defaults: dict[str, Value] | None = None,
        kind: str = "function",
    ) -> None:
        self.node = node
        self.closure = closure  # names it reads that it does not bind itself
        self.module = module  # the module that defines it
        self.owner = owner  # the class whose body defines it
        self.defaults = defaults or {}  # parameter name -> default, evaluated at definition
        self.kind = kind  # "function", "staticmethod", "classmethod", "property"
        self.key = next(_KEYS)
        self.top = -1  # the module-level statement that defines it (in its module)

    @property
    def name(self) -> str:
        """The function's name (``<lambda>`` for a lambda)."""
        name = getattr(self.node, "name", None)
        return name.value if name is not None else "<lambda>"

    def __repr__(self) -> str:
        return f"Function({self.name})"

    def release(self) -> None:
        """Forget its scope and class, once the run that made it is over (see ``Evaluator.release``)."""
        self.closure = Env()
        self.owner = None


class BoundMethod:
    """A method taken from an instance or a class (``obj.method``): its first argument is bound."""

    __slots__ = ("function", "receiver")

    def __init__(self, receiver: Value, function: Function) -> None:
        self.receiver = receiver
        self.function = function


class Partial:
    """``functools.partial(target, *args, **kwargs)``."""

    __slots__ = ("args", "kwargs", "target")

    def __init__(self, target: Value, args: tuple[Value, ...], kwargs: dict[str, Value]) -> None:
        self.target = target
        self.args = args
        self.kwargs = kwargs


class ClassValue:
    """A class of the analysed code: its body's names, its bases, and how it builds instances."""

    __slots__ = (
        "_generic",
        "_mro",
        "attrs",
        "bases",
        "decorators",
        "external_bases",
        "fields",
        "module",
        "name",
        "node",
    )

    def __init__(
        self,
        name: str,
        node: cst.ClassDef | None,
        module: str,
        bases: tuple[ClassValue, ...] = (),
        external_bases: tuple[str, ...] = (),
        decorators: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        self.node = node
        self.module = module
        self.bases = bases  # the bases defined in the analysed code
        self.external_bases = external_bases  # qualified names of library bases
        self.decorators = decorators  # qualified names of its decorators
        self.attrs: dict[str, Value] = {}  # the class body's names
        self.fields: list[str] = []  # annotated names in the body, in order (dataclass-style fields)
        self._mro: list[ClassValue] | None = None
        self._generic: Instance | None = None

    def __repr__(self) -> str:
        return f"ClassValue({self.name})"

    def release(self) -> None:
        """Forget its method resolution order and generic instance (both refer back to it)."""
        self._mro = None
        self._generic = None

    def mro(self) -> list[ClassValue]:
        """The class and its analysed bases in method resolution order (C3; depth-first if C3 fails)."""
        if self._mro is None:
            self._mro = [self]  # a class that (wrongly) inherits from itself stops here
            self._mro = _c3(self) or _depth_first(self)
        return self._mro

    def lookup(self, name: str) -> tuple[Value, ClassValue] | None:
        """An attribute through the bases: its value and the class that defines it."""
        for klass in self.mro():
            value = klass.attrs.get(name)
            if value is not None:
                return value, klass
        return None

    def library_bases(self) -> Iterator[str]:
        """The qualified names of every library class among its bases, through the analysed ones."""
        for klass in self.mro():
            yield from klass.external_bases

    def all_decorators(self) -> Iterator[str]:
        """Its decorators and those of its analysed bases."""
        for klass in self.mro():
            yield from klass.decorators

    def field_names(self) -> list[str]:
        """Annotated names of the class and its bases, bases first (dataclass field order)."""
        names: list[str] = []
        for klass in reversed(self.mro()):
            names.extend(name for name in klass.fields if name not in names)
        return names

    def generic(self, make: Callable[[ClassValue], Instance]) -> Instance:
        """The instance that stands for "some instance" when a method runs with no known receiver."""
        if self._generic is None:
            self._generic = Instance(self)  # while ``make`` runs, reads see this one
            self._generic = make(self)
        return self._generic


def _c3(klass: ClassValue) -> list[ClassValue] | None:
    sequences = [base.mro() for base in klass.bases] + [list(klass.bases)]
    result = [klass]
    while True:
        sequences = [s for s in sequences if s]
        if not sequences:
            return result
        for sequence in sequences:
            head = sequence[0]
            if not any(head in s[1:] for s in sequences):
                break
        else:
            return None
        result.append(head)
        sequences = [s[1:] if s[0] is head else s for s in sequences]


def _depth_first(klass: ClassValue) -> list[ClassValue]:
    result: list[ClassValue] = []
    pending = [klass]
    while pending:
        current = pending.pop(0)
        if current not in result:
            result.append(current)
            pending.extend(current.bases)
    return result


class Instance:
    """An instance of a class of the analysed code; its attributes are set as its methods run."""

    __slots__ = ("attrs", "cls", "computed")

    def __init__(self, cls: ClassValue, attrs: dict[str, Value] | None = None) -> None:
        self.cls = cls
        self.attrs: dict[str, Value] = {} if attrs is None else attrs
        self.computed: dict[str, Value] = {}  # property values already computed

    def __repr__(self) -> str:
        return f"Instance({self.cls.name})"


class External:
    """A name from outside the analysed code (``requests.get``), or an instance of a library class
    (``httpx.Client(...)``), with what the checker learnt of it (a client's base URL, attributes
    set on it, such as an Authlib registry's clients or a Flask app's configuration)."""

    __slots__ = ("attrs", "base_url", "instance", "name", "receiver")

    def __init__(
        self, name: str, instance: bool = False, base_url: Value | None = None, receiver: Value | None = None
    ) -> None:
        self.name = name  # qualified name: "requests.Session"
        self.instance = instance
        self.base_url = base_url
        self.receiver = receiver  # for a method: the object it was taken from
        self.attrs: dict[str, Value] = {}

    def __repr__(self) -> str:
        return f"External({self.name}{'()' if self.instance else ''})"

    def member(self, attribute: str) -> External:
        """``name.attribute``: an instance's attribute is the same object each time it is read."""
        if not self.instance:
            return External(f"{self.name}.{attribute}", receiver=self)
        found = self.attrs.get(attribute)
        if isinstance(found, External):
            return found
        member = External(f"{self.name}.{attribute}", receiver=self)
        self.attrs[attribute] = member
        return member

    @property
    def last(self) -> str:
        """The last part of the qualified name (``get`` of ``requests.Session.get``)."""
        return self.name.rsplit(".", 1)[-1]


class ModuleValue:
    """A module of the analysed project; its names are read (and the module interpreted) on demand."""

    __slots__ = ("loader", "name")

    def __init__(self, name: str, loader: Callable[[str], Env | None]) -> None:
        self.name = name
        self.loader = loader

    def __repr__(self) -> str:
        return f"ModuleValue({self.name})"

    def env(self) -> Env | None:
        """The module's names once it has run (None when it cannot be read)."""
        return self.loader(self.name)

    def get(self, name: str) -> Value:
        """``module.name``: what the module binds (a submodule when it binds nothing by that name)."""
        value = self.bound(name)
        return value.resolve() if isinstance(value, Imported) else value

    def bound(self, name: str) -> Value:
        """What the module binds to ``name``, an import not followed (a submodule when it binds nothing)."""
        env = self.env()
        value = env.local(name) if env is not None else None
        return ModuleValue(f"{self.name}.{name}", self.loader) if value is None else value


class Imported:
    """A name imported from a module of the project, read from that module when first used."""

    __slots__ = ("module", "name")

    def __init__(self, module: ModuleValue, name: str) -> None:
        self.module = module
        self.name = name

    def resolve(self) -> Value:
        """The value the module binds to the name (a submodule when it binds none), through the
        modules that import it in turn; an import cycle, or a chain longer than
        ``MAX_IMPORT_CHAIN``, is unknown."""
        seen: set[tuple[str, str]] = set()
        imported = self
        while (imported.module.name, imported.name) not in seen and len(seen) < MAX_IMPORT_CHAIN:
            seen.add((imported.module.name, imported.name))
            value = imported.module.bound(imported.name)
            if not isinstance(value, Imported):
                return value
            imported = value
        return UNKNOWN
