"""Turn anchors into line and column numbers, only for the nodes findings name."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

import libcst as cst
from libcst._nodes.internal import CodegenState

from ..recognise.observations import Written
from ..source.lines import split_lines

Place = tuple[int, int]  # 1-based line, 0-based column (in characters)
_NEWLINE = re.compile(r"\r\n?|\n")


class _TargetedCodegenState(CodegenState):
    """libcst's code generation, noting where a few chosen nodes start.

    PositionProvider records a range for every node of the module while it regenerates the
    code; measured over TikTok-heavy modules that is ten times the cost of the code
    generation itself, and half of the whole check. The findings need the start of a few
    nodes, so this state keeps line and column only when one of them is generated, with
    PositionProvider's rules (the syntactic start when the node records one).
    """

    def __init__(self, module: cst.Module, targets: Iterable[cst.CSTNode]) -> None:
        super().__init__(default_indent=module.default_indent, default_newline=module.default_newline)
        self.targets = {id(node) for node in targets}
        self.found: dict[int, Place] = {}
        self._generated: set[int] = set()  # targets whose code is complete (positions final)
        self._seen = 0  # tokens already counted into line and column
        self._line, self._column = 1, 0

    def restart(self, line: int) -> None:
        """Continue with a module-level statement that starts at ``line``, column 0."""
        self._line, self._column, self._seen = line, 0, len(self.tokens)

    def _here(self) -> Place:
        chunk = "".join(self.tokens[self._seen :])
        self._seen = len(self.tokens)
        newlines = list(_NEWLINE.finditer(chunk))
        if newlines:
            self._line += len(newlines)
            self._column = len(chunk) - newlines[-1].end()
        else:
            self._column += len(chunk)
        return self._line, self._column

    def before_codegen(self, node: cst.CSTNode) -> None:
        if len(self._generated) == len(self.targets):
            raise _AllFound  # the rest of the module need not be generated
        if id(node) in self.targets:
            self.found[id(node)] = self._here()

    def after_codegen(self, node: cst.CSTNode) -> None:
        if id(node) in self.targets:
            self._generated.add(id(node))

    @contextmanager
    def record_syntactic_position(
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> Iterator[None]:
        if id(node) not in self.targets:
            yield
            return
        if start_node is None:
            self.found[id(node)] = self._here()
            yield
            return
        self.targets.add(id(start_node))
        yield
        self.found[id(node)] = self.found[id(start_node)]


class _AllFound(Exception):
    """Every chosen node has been placed."""


class Places:
    """Where chosen nodes of a module start, found in one pass of libcst's code generation."""

    def __init__(
        self, module: cst.Module, nodes: Iterable[cst.CSTNode], layout: Layout | None = None
    ) -> None:
        chosen = list(nodes)
        found = layout.places(module, chosen) if layout is not None else None
        if found is None:  # generate the module's code up to the last chosen node
            state = _TargetedCodegenState(module, chosen)
            with suppress(_AllFound):
                module._codegen(state)
            found = state.found
        self._starts = found

    def of(self, where: Written) -> Place | None:
        """Where a name is written: the exact character inside its literal, else its node."""
        anchor = where.anchor
        if anchor is not None and id(anchor.node) in self._starts:
            line, column = self._starts[id(anchor.node)]
            before = _source_of(anchor.node)[: anchor.offset]
            newlines = before.count("\n")
            if newlines:
                return line + newlines, anchor.offset - before.rfind("\n") - 1
            return line, column + anchor.offset
        return self._starts.get(id(where.fallback))  # None: written in another module

    @classmethod
    def of_all(cls, module: cst.Module, names: Sequence[Written]) -> list[Place | None]:
        """Where each of several names is written."""
        places = cls(module, anchored_nodes(names))
        return [places.of(written) for written in names]


def anchored_nodes(names: Iterable[Written]) -> Iterator[cst.CSTNode]:
    for written in names:
        if written.anchor is not None:
            yield written.anchor.node
        yield written.fallback


@dataclass(frozen=True)
class Layout:
    """What places findings without regenerating the whole module: the source, flake8's ``ast``
    (the first line of each module-level statement) and, for each node that may be reported,
    the module-level statement it is written in (noted while the module was interpreted)."""

    source: str
    tree: ast.AST
    tops: dict[int, int]

    def places(self, module: cst.Module, nodes: list[cst.CSTNode]) -> dict[int, Place] | None:
        """Where the nodes start, generating only the statements that hold them; None when the
        statements cannot be lined up with the ``ast`` or a place does not match the source."""
        needed = {self.tops.get(id(node), -1) for node in nodes}
        starts = _statement_lines(module, self.tree)
        if -1 in needed or starts is None:
            return None
        state = _TargetedCodegenState(module, nodes)
        for index in sorted(needed):
            state.restart(starts[index])
            with suppress(_AllFound):
                module.body[index]._codegen(state)
        lines = split_lines(self.source)
        for node in nodes:
            place = state.found.get(id(node))
            if place is None or not _written_at(node, place, lines, module):
                return None
        return state.found


def _statement_lines(module: cst.Module, tree: ast.AST) -> list[int] | None:
    """The first line of each module-level statement's code (its leading comments included)."""
    body = getattr(tree, "body", None)
    if not isinstance(body, list):
        return None
    statements = iter(body)
    starts = []
    try:
        for statement in module.body:
            first = next(statements)
            for _ in range(len(statement.body) - 1 if isinstance(statement, cst.SimpleStatementLine) else 0):
                next(statements)
            line = min([first.lineno, *(d.lineno for d in getattr(first, "decorator_list", ()))])
            starts.append(line - len(statement.leading_lines))
    except StopIteration:
        return None
    return starts if next(statements, None) is None else None


def _written_at(node: cst.CSTNode, place: Place, lines: list[str], module: cst.Module) -> bool:
    """True when the source at ``place`` begins with the node's code."""
    line, column = place
    if not 0 < line <= len(lines):
        return False
    code = _source_of(node) or module.code_for_node(node).lstrip("(\t ")
    first = code.splitlines()[0] if code else ""
    return lines[line - 1][column:].startswith(first)


def _source_of(node: cst.CSTNode) -> str:
    value = getattr(node, "value", "")
    return value if isinstance(value, str) else ""
