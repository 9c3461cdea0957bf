"""libcst's parse of a module: without the node validation a tree made by its parser does not
need, and for a long module piece by piece.

Every libcst node validates itself when it is made (``CSTNode.__post_init__`` calls
``_validate``): that protects trees built by hand, and costs about a tenth of the parse for a
tree the parser made from valid source. While the checker parses, ``__post_init__`` does
nothing -- but only when it is exactly that one call, so a libcst whose ``__post_init__``
does more is used as it is. Once a process has parsed :data:`FAST_AFTER` characters, the
node classes also get, while it parses, constructors that set each field straight into its
slot (dataclasses' own go through ``object.__setattr__`` for each field): another tenth of the
parse, for about 15 ms spent once to make them. The tree is the same either way (a test
compares them), and every class has its own constructor back once the parse is over.

libcst's parse of a whole module grows faster than the module (measured: 50,000 lines took
1.4 times as long as ten pieces of 5,000). A module of more than :data:`PIECE_LINES` lines is
cut before module-level statements (``ast`` says where they start) into pieces of about that
many lines; each is parsed alone and the pieces are joined into one module whose code is the
source's, the blank and comment lines between two pieces leading the later piece's first
statement. Pieces that libcst reads with different indentation or line endings (which nodes
leave to their module) are not joined: the whole module is parsed instead.
"""

from __future__ import annotations

import ast
import dataclasses
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import libcst as cst

from ..source.lines import split_lines

_POST_INIT = cst.CSTNode.__dict__.get("__post_init__")
#: True when ``__post_init__`` only validates (its code calls ``_validate`` and nothing else).
SKIPS_VALIDATION = (
    _POST_INIT is not None
    and getattr(_POST_INIT, "__code__", None) is not None
    and (_POST_INIT.__code__.co_names == ("_validate",))
)
#: A module parsed piece by piece is cut into pieces of about this many lines.
PIECE_LINES = 2_000
#: Characters a process parses before the node classes get constructors of the checker's own.
FAST_AFTER = 200_000

Constructor = Callable[..., None]


class _Parsed:
    """What the process has parsed so far, and the constructors made once it was enough."""

    characters = 0
    #: Each class, its own constructor and the checker's.
    constructors: list[tuple[type[cst.CSTNode], Constructor, Constructor]] | None = None


def _nothing(self: cst.CSTNode) -> None:
    """``__post_init__`` while the checker parses."""


def parse_module(source: str, tree: ast.AST | None = None) -> cst.Module:
    """``libcst.parse_module``, without validating the nodes when that is safe; piece by piece
    when the module's ``ast`` is given and it is long."""
    if not SKIPS_VALIDATION:
        return _parse(source, tree)
    _Parsed.characters += len(source)
    with _unvalidated():
        return _parse(source, tree)


@contextmanager
def _unvalidated() -> Iterator[None]:
    """Nodes made meanwhile are not validated (and, past :data:`FAST_AFTER`, are made by the
    checker's constructors); libcst is as it was afterwards."""
    if _Parsed.constructors is None and _Parsed.characters >= FAST_AFTER:
        _Parsed.constructors = _constructors()
    replaced = _Parsed.constructors or []
    cst.CSTNode.__post_init__ = _nothing  # type: ignore[method-assign]
    try:
        for cls, _, checkers in replaced:
            cls.__init__ = checkers  # type: ignore[method-assign]
        yield
    finally:
        cst.CSTNode.__post_init__ = _POST_INIT  # type: ignore[method-assign,assignment]
        for cls, own, _ in replaced:
            cls.__init__ = own  # type: ignore[method-assign]


def _constructors() -> list[tuple[type[cst.CSTNode], Constructor, Constructor]]:
    """For each node class whose constructor dataclasses wrote and whose fields are all slots:
    one that takes the same arguments with the same defaults and sets the slots directly (with
    no ``__post_init__``: they are made while validation is off)."""
    missing = dataclasses.MISSING
    names: dict[str, object] = {"_MISSING": missing}
    code: list[str] = []
    made: list[tuple[type[cst.CSTNode], str]] = []
    for number, cls in enumerate(_node_classes()):
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


def _node_classes() -> set[type[cst.CSTNode]]:
    """Every subclass of ``CSTNode``."""
    found: set[type[cst.CSTNode]] = set()
    stack = cst.CSTNode.__subclasses__()
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
        or getattr(cls, "__post_init__", None) is not _POST_INIT
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


def _parse(source: str, tree: ast.AST | None) -> cst.Module:
    pieces = pieces_of(source, tree) if tree is not None else [source]
    if len(pieces) == 1:
        return cst.parse_module(source)
    modules = [cst.parse_module(piece) for piece in pieces]
    if any(_style(module) != _style(modules[0]) for module in modules):
        return cst.parse_module(source)  # the pieces' code would come out in the first one's style
    body = list(modules[0].body)
    for previous, module in zip(modules, modules[1:]):
        first, *rest = module.body  # a piece starts with a statement
        between = [*previous.footer, *module.header, *first.leading_lines]
        body.append(first.with_changes(leading_lines=between))
        body.extend(rest)
    last = modules[-1]
    return modules[0].with_changes(
        body=body, footer=last.footer, has_trailing_newline=last.has_trailing_newline
    )


def _style(module: cst.Module) -> tuple[str, str]:
    """What libcst writes where a node leaves it to the module: indentation and line ending."""
    return module.default_indent, module.default_newline


def pieces_of(source: str, tree: ast.AST) -> list[str]:
    """``source`` cut before module-level statements into pieces of at least
    :data:`PIECE_LINES` lines (the whole source when it is not twice as long)."""
    body = getattr(tree, "body", None)
    lines = split_lines(source, keepends=True)
    if not isinstance(body, list) or len(lines) < 2 * PIECE_LINES:
        return [source]
    cuts = [0]
    ended = 0  # the last line of the statement before
    for statement in body:
        start = min([statement.lineno, *(d.lineno for d in getattr(statement, "decorator_list", ()))])
        if start > ended and start - 1 - cuts[-1] >= PIECE_LINES and len(lines) - (start - 1) >= PIECE_LINES:
            cuts.append(start - 1)
        ended = getattr(statement, "end_lineno", None) or statement.lineno
    cuts.append(len(lines))
    return ["".join(lines[begin:end]) for begin, end in zip(cuts, cuts[1:])]
