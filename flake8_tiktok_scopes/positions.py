"""Turn anchors into line and column numbers, only for the nodes findings name."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

import libcst as cst
from libcst._nodes.internal import CodegenState

from .observations import Written
from .rules import Finding

Place = tuple[int, int]  # 1-based line, 0-based column (in characters)
_NEWLINE = re.compile(r"\r\n?|\n")


@dataclass(frozen=True, order=True)
class Located:
    """A finding at its place: 1-based line, 0-based column (in characters)."""

    line: int
    column: int
    code: str
    subject: str
    text: str
    needs: str | None = None

    @property
    def message(self) -> str:
        """``TTS001 'field' needs ...``: the code and the message, as flake8 prints them."""
        return f"{self.code} {self.text}"


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

    def __init__(self, module: cst.Module, nodes: Iterable[cst.CSTNode]) -> None:
        state = _TargetedCodegenState(module, nodes)
        with suppress(_AllFound):
            module._codegen(state)
        self._starts = state.found

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
        places = cls(module, _nodes(names))
        return [places.of(written) for written in names]


def _nodes(names: Iterable[Written]) -> Iterator[cst.CSTNode]:
    for written in names:
        if written.anchor is not None:
            yield written.anchor.node
        yield written.fallback


def locate(module: cst.Module, findings: Iterable[Finding]) -> Iterator[Located]:
    """Place each finding at the exact character where its subject is written."""
    findings = list(findings)
    places = Places(module, _nodes(finding.where for finding in findings))
    for finding in findings:
        place = places.of(finding.where)
        if place is not None:
            yield Located(*place, finding.code, finding.subject, finding.text, finding.needs)


def _source_of(node: cst.CSTNode) -> str:
    value = getattr(node, "value", "")
    return value if isinstance(value, str) else ""
