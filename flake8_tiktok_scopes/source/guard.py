"""Keep inputs that libcst or a recursive visitor cannot take away from them.

libcst's native parser crashes the process (it cannot be caught) on deep syntax trees: long
operator chains (``a+a+...``), ``not not ...``, ``x.a.a...``, ``f()()...``, ``lambda: lambda:
...``, and it takes quadratic time on such chains long before it crashes; the visitors that
follow recurse once per level too. The guard measures the depth of the module's ``ast`` tree
(flake8 has already built it; the command line builds it once), counting a chain of ``and``/
``or`` or of comparisons at its length, as libcst nests those where ``ast`` keeps them flat.

Measured on this machine: the deepest module of CPython's standard library is 55 levels
deep, the median 10; walking the tree costs a third of ``ast.parse``, a fifth of tokenizing.
"""

from __future__ import annotations

import ast
import re
import warnings
from itertools import accumulate

from .lines import split_lines

#: Larger files are skipped (and said to be): about 15 s and 2 GB for libcst's tree at the bound.
MAX_CHARACTERS = 4_000_000
MAX_LINES = 100_000
MAX_DEPTH = 100
MAX_PIECES = 200  # literals concatenated implicitly
#: Levels of a statement's tree that take no character of their own (a context, a wrapper).
_WRAPPERS = 8
#: Nodes that say where they start and end.
_PLACED = (ast.stmt, ast.expr)
#: Where one literal may end and the next begin: a quote, blanks or comments, a prefix, a quote.
_BOUNDARY = r"['\"](?:\s|#[^\n]*)*[rRbBuUfFtT]{0,2}['\"]"  # compiled at its first use


def too_large(source: str) -> str | None:
    """Why ``source`` is too large to analyse (checked before anything parses it), or None."""
    if len(source) > MAX_CHARACTERS:
        return f"more than {MAX_CHARACTERS} characters"
    if source.count("\n") > MAX_LINES:
        return f"more than {MAX_LINES} lines"
    return None


def too_complex(source: str, tree: ast.AST | None = None) -> str | None:
    """Why ``source`` must not be handed to libcst, or None when it is safe to.

    ``tree`` is the module's ``ast`` when the caller has it (flake8 does).
    """
    reason = too_large(source)
    if reason is not None:
        return reason
    if "\0" in source:
        return "it contains a NUL character"
    if not source.isascii():
        try:
            source.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates, from bytes decoded with "surrogateescape"
            return "it is not valid Unicode text"
    if tree is None:
        tree = syntax_tree(source)
        if tree is None:
            return "it is not valid Python"
    return _measure(tree, source)


def syntax_tree(source: str) -> ast.AST | None:
    """The module's ``ast``, or None when Python cannot parse it.

    The compiler's warnings about the code (``SyntaxWarning: invalid escape sequence``) are
    not shown: they would name no file, and they are flake8's and Python's to report.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source.removeprefix("\ufeff"))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _measure(tree: ast.AST, source: str) -> str | None:
    """Walk the tree once (without recursion): its depth, and its long string literals.

    Every level of an expression is written with at least one character, so a statement or
    an expression shorter than the depth still allowed can be neither too deep nor made of too
    many pieces: it is not walked node by node (most are short).
    """
    starts = _line_starts(source)
    children = ast.iter_child_nodes
    stack = [(tree, 0)]
    long_literals = []
    while stack:
        node, depth = stack.pop()
        if isinstance(node, ast.BoolOp):  # libcst nests ``a or b or c``; ast keeps it flat
            depth += len(node.values) - 1
        elif isinstance(node, ast.Compare):
            depth += len(node.ops) - 1
        elif isinstance(node, (ast.Constant, ast.JoinedStr)) and _long(node):
            long_literals.append(node)
        if depth > MAX_DEPTH:
            return f"its syntax tree is more than {MAX_DEPTH} levels deep"
        depth += 1
        for child in children(node):
            if isinstance(child, _PLACED) and _span(child, starts) + depth + _WRAPPERS < MAX_DEPTH:
                continue  # too short to be too deep
            stack.append((child, depth))
    if long_literals and _too_many_pieces(long_literals, source):
        return f"more than {MAX_PIECES} strings are concatenated implicitly"
    return None


def _line_starts(source: str) -> list[int]:
    """The offset of each line's first character (index 0 unused: lines count from 1)."""
    return [0, 0, *accumulate(map(len, split_lines(source, keepends=True)))]


def _span(node: ast.stmt | ast.expr, starts: list[int]) -> int:
    """At least how many characters a statement or an expression spans.

    Columns count UTF-8 bytes: on one line, the node's bytes are never fewer than its
    characters; over several, its first column counts at most four bytes per character.
    """
    end_line = getattr(node, "end_lineno", None) or node.lineno
    end_column = getattr(node, "end_col_offset", None) or 0
    if end_line >= len(starts) or node.lineno >= len(starts):
        return MAX_DEPTH  # a tree that does not fit the source: walk it
    if end_line == node.lineno:
        return end_column - node.col_offset
    return starts[end_line] + end_column - starts[node.lineno] - node.col_offset // 4


def _long(node: ast.Constant | ast.JoinedStr) -> bool:
    lines = (getattr(node, "end_lineno", None) or node.lineno) - node.lineno
    width = (getattr(node, "end_col_offset", None) or 0) - node.col_offset
    return lines >= MAX_PIECES or (lines == 0 and width >= 4 * MAX_PIECES)


def _too_many_pieces(literals: list[ast.Constant | ast.JoinedStr], source: str) -> bool:
    """True for ``"a" "b" ...`` of more than MAX_PIECES literals (libcst nests them one per level).

    ``ast`` keeps such a concatenation as one constant: the lines of a long one are searched
    for places where one literal may end and the next begin (an over-estimate, which is safe).
    """
    lines = split_lines(source, keepends=True)
    for node in literals:
        segment = "".join(lines[node.lineno - 1 : getattr(node, "end_lineno", None) or node.lineno])
        if len(re.findall(_BOUNDARY, segment)) > MAX_PIECES:
            return True
    return False
