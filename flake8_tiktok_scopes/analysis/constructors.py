"""How libcst's node classes make nodes while the checker parses, and only then.

Every libcst node validates itself when it is made (``CSTNode.__post_init__`` calls
``_validate``): that protects trees built by hand, and costs about a tenth of the parse for a
tree the parser made from valid source. While the checker parses, ``__post_init__`` does
nothing -- but only when it is exactly that one call, so a libcst whose ``__post_init__``
does more is used as it is.

Once a process has parsed :data:`FAST_AFTER` characters, the node classes also get, while it
parses, constructors that set each field straight into its slot (dataclasses' own go through
``object.__setattr__`` for each field): another tenth of the parse, for about 15 ms spent once
to make them (measured in instructions: making them costs what they save over ~95,000 characters).
The tree is the same either way (a test compares them).

A module read only for the values it binds (another module of the project, imported by the
checked one) keeps its tree as long as the process keeps its values, and most of its nodes
are whitespace and punctuation: there, equal ones (``SimpleWhitespace(" ")``, a comma with
the same whitespace around it) are made once and shared. Its code is still the same, but a
node may then be in several places: no code is generated from such a tree, and none of its
nodes is placed.

Every class has its own constructor back once the parse is over, or once the last of several
parses in a row is (:func:`in_a_row`: an application's scan; setting a class's constructor and
taking it back cost ~0.4 ms per parse, in all ~3 % of a scan's time).
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import libcst as cst

_POST_INIT = cst.CSTNode.__dict__.get("__post_init__")
#: True when ``__post_init__`` only validates (its code calls ``_validate`` and nothing else).
SKIPS_VALIDATION = (
    _POST_INIT is not None
    and getattr(_POST_INIT, "__code__", None) is not None
    and (_POST_INIT.__code__.co_names == ("_validate",))
)
#: Characters a process parses before the node classes get constructors of the checker's own.
FAST_AFTER = 100_000
#: Nodes that may be shared in a module read only for its values: whitespace and punctuation.
SHARED: tuple[type[cst.CSTNode], ...] = (
    cst.SimpleWhitespace,
    cst.Newline,
    cst.TrailingWhitespace,
    cst.EmptyLine,
    cst.ParenthesizedWhitespace,
    cst.Comma,
    cst.Dot,
    cst.Colon,
    cst.AssignEqual,
)

Constructor = Callable[..., None]


class _Parsed:
    """What the process has parsed so far, the constructors made once it was enough, and how the
    node classes are set up now."""

    characters = 0
    #: Each class, its own constructor and the checker's.
    constructors: list[tuple[type[cst.CSTNode], Constructor, Constructor]] | None = None
    #: What the classes had before they were set up for the checker (None: they are as they were).
    saved: list[tuple[type, str, object]] | None = None
    #: True once the checker's constructors are set (they may come in the middle of parses in a row).
    fast = False
    #: How many :func:`in_a_row` are open: the classes stay set up until the last is over.
    rows = 0


def _nothing(self: cst.CSTNode) -> None:
    """``__post_init__`` while the checker parses."""


class _Shared:
    """The nodes made so far in a module read only for its values (None: nodes are not shared)."""

    made: dict[tuple[object, ...], cst.CSTNode] | None = None


def _new(cls: type[cst.CSTNode], *args: object, **fields: object) -> cst.CSTNode:
    """``__new__`` of the nodes that may be shared: the node already made with the same
    arguments, if any (nodes are hashed by identity, so equal children are one shared node)."""
    made = _Shared.made
    if made is None:
        return object.__new__(cls)
    key = (cls, args, *fields.items())
    try:
        node = made.get(key)
    except TypeError:  # an argument that cannot be hashed (a list): not shared
        return object.__new__(cls)
    if node is None:
        node = made[key] = object.__new__(cls)
    return node  # its ``__init__`` runs again with the same arguments: the same fields


@contextmanager
def while_parsing(characters: int, *, shared: bool = False) -> Iterator[None]:
    """Node classes set up to parse ``characters`` more characters (``shared``: of a module read
    only for its values); as they were afterwards, unless parses :func:`in_a_row` go on. Nothing
    changes where validation cannot be skipped safely."""
    if not SKIPS_VALIDATION:
        yield
        return
    _Parsed.characters += characters
    if _Parsed.constructors is None and _Parsed.characters >= FAST_AFTER:
        _Parsed.constructors = _constructors()
    _set_up()
    try:
        if shared:
            for cls in SHARED:  # for good: CPython cannot take a class's ``__new__`` back
                if cls.__dict__.get("__new__") is None:
                    cls.__new__ = staticmethod(_new)  # type: ignore[assignment]
            _Shared.made = {}
        yield
    finally:
        _Shared.made = None
        if not _Parsed.rows:
            _restore()


@contextmanager
def in_a_row() -> Iterator[None]:
    """Several parses, one after the other (with the checker's work on each between them): the
    node classes are set up by the first and taken back once the last is over."""
    _Parsed.rows += 1
    try:
        yield
    finally:
        _Parsed.rows -= 1
        if not _Parsed.rows:
            _restore()


def _set_up() -> None:
    """Validation off and, once they are made, the checker's constructors on."""
    saved = _Parsed.saved
    if saved is None:
        saved = _Parsed.saved = []
        _set(saved, cst.CSTNode, "__post_init__", _nothing)
    if not _Parsed.fast and _Parsed.constructors:
        _Parsed.fast = True
        for cls, _, checkers in _Parsed.constructors:
            _set(saved, cls, "__init__", checkers)


def _set(saved: list[tuple[type, str, object]], cls: type, name: str, value: object) -> None:
    saved.append((cls, name, cls.__dict__[name]))
    setattr(cls, name, value)


def _restore() -> None:
    """Every class as it was."""
    saved, _Parsed.saved, _Parsed.fast = _Parsed.saved or [], None, False
    for cls, name, value in reversed(saved):
        setattr(cls, name, value)


def _constructors() -> list[tuple[type[cst.CSTNode], Constructor, Constructor]]:
    """For each node class whose constructor dataclasses wrote and whose fields are all slots:
    one that takes the same arguments with the same defaults and sets the slots directly (with
    no ``__post_init__``: they are made while validation is off)."""
    missing = dataclasses.MISSING
    names: dict[str, object] = {"_MISSING": missing}
    code: list[str] = []
    made: list[tuple[type[cst.CSTNode], str]] = []
    for number, cls in enumerate(node_classes()):
        slots = _slotted_fields(cls)
        if slots is None:
            continue
        parameters, body = [], []
        for index, (spec, slot) in enumerate(slots):
            name, tag = spec.name, f"_{number}_{index}"
            names[f"_set{tag}"] = slot.__set__
            if spec.default is not missing:
                names[f"_default{tag}"] = spec.default
                parameters.append(f"{name}=_default{tag}")
            elif spec.default_factory is not missing:
                names[f"_factory{tag}"] = spec.default_factory
                parameters.append(f"{name}=_MISSING")
                body.append(f"    if {name} is _MISSING: {name} = _factory{tag}()")
            else:
                parameters.append(name)
            body.append(f"    _set{tag}(self, {name})")
        code.append(f"def _init_{number}(self, {', '.join(parameters)}):\n" + "\n".join(body or ["    pass"]))
        made.append((cls, f"_init_{number}"))
    exec(compile("\n".join(code), "<flake8-tiktok-scopes: libcst node constructors>", "exec"), names)
    return [(cls, cls.__dict__["__init__"], names[name]) for cls, name in made]  # type: ignore[misc]


def node_classes() -> set[type[cst.CSTNode]]:
    """Every subclass of ``CSTNode``, its direct ones (``Param``, ``Arg``, ``EmptyLine``) included."""
    found: set[Any] = set()  # abstract classes too, which mypy will not have in a type[CSTNode]
    stack: list[Any] = [cst.CSTNode]
    while stack:
        for subclass in stack.pop().__subclasses__():
            if subclass not in found:
                found.add(subclass)
                stack.append(subclass)
    return found


def _slotted_fields(cls: type[cst.CSTNode]) -> list[tuple[dataclasses.Field[Any], Any]] | None:
    """The fields of a class the checker can make (each with the slot that holds it), or None:
    its constructor is its own, it validates more, or a field is not a plain one in a slot."""
    code = getattr(cls.__dict__.get("__init__"), "__code__", None)
    if (
        code is None
        or code.co_filename != "<string>"  # written by dataclasses
        or not dataclasses.is_dataclass(cls)
        or getattr(cls, "__post_init__", None) is not cst.CSTNode.__dict__.get("__post_init__")
    ):
        return None
    plain = dataclasses.fields(cls)
    if code.co_varnames[1 : code.co_argcount] != tuple(spec.name for spec in plain) or code.co_kwonlyargcount:
        return None  # an InitVar, a keyword-only field or one set by default
    slots = []
    for spec in plain:
        if not spec.init or spec.name.startswith("_"):
            return None
        slot = next((base.__dict__[spec.name] for base in cls.__mro__ if spec.name in base.__dict__), None)
        if not isinstance(slot, types.MemberDescriptorType):
            return None
        slots.append((spec, slot))
    return slots
