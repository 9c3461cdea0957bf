"""libcst's parse of a module: with libcst's node classes set up for the checker (see
:mod:`.constructors`), and for a long module piece by piece.

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

import libcst as cst

from ..source.lines import split_lines
from .constructors import while_parsing

#: A module parsed piece by piece is cut into pieces of about this many lines.
PIECE_LINES = 2_000


def parse_module(source: str, tree: ast.AST | None = None, *, for_values: bool = False) -> cst.Module:
    """``libcst.parse_module``, without validating the nodes when that is safe; piece by piece
    when the module's ``ast`` is given and it is long. ``for_values``: a module read only for
    the values it binds (no code is generated from it and none of its nodes is placed), whose
    equal whitespace and punctuation nodes may be one object."""
    with while_parsing(len(source), shared=for_values):
        return _parse(source, tree)


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
    most = source.count("\n") + source.count("\r") + 1  # lines, at most (without splitting them)
    if not isinstance(body, list) or most < 2 * PIECE_LINES:
        return [source]
    lines = split_lines(source, keepends=True)
    if len(lines) < 2 * PIECE_LINES:
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
