"""Turn anchors into line and column numbers, only for the nodes findings name.

Almost every finding points into a string literal. Its text is looked for in the lines of the
one module-level statement that holds it (``ast`` gives them): found there once, that is the
literal; else it is found among the statement's tokens (``tokenize`` over its lines), matched
by its text: no code generation at all. Any other node (a call, a name) is placed by
libcst's code generation of that one statement, and the place is checked against the source;
where libcst's code generation cannot be used or disagrees, libcst's public ``PositionProvider``
runs over that statement alone.
"""

from __future__ import annotations

import ast
import tokenize
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext, suppress
from itertools import accumulate

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from ..recognise.observations import Written
from ..records import Record
from ..source.lines import LINE_END, split_lines

try:  # libcst's code generation state: private API, with PositionProvider as the fallback
    from libcst._nodes.internal import CodegenState as _CodegenState
except ImportError:  # pragma: no cover - depends on the libcst version
    _CodegenState = None  # type: ignore[assignment,misc]

Place = tuple[int, int]  # 1-based line, 0-based column (in characters)
_FSTRING_START = getattr(tokenize, "FSTRING_START", -1)
_FSTRING_END = getattr(tokenize, "FSTRING_END", -1)
_NULL = nullcontext()
_FSTRING = "f-string"  # the key of a statement's f-strings among its literals
#: The fast ways to place a node; the tests turn them off to check the PositionProvider fallback.
USE_CODEGEN = _CodegenState is not None
USE_TOKENS = True


class Layout:
    """What places findings cheaply: the source, its ``ast`` (where each module-level statement
    starts and ends) and what the interpreter noted: for each node that may be reported, the
    module-level statement it is written in (``tops``; -2 for another module's node), and the
    f-string each literal part of an f-string belongs to."""

    def __init__(
        self,
        source: str,
        tree: ast.AST,
        tops: dict[int, int],
        fstrings: dict[int, cst.FormattedString],
    ) -> None:
        self.source = source
        self.tree = tree
        self.tops = tops
        self.fstrings = fstrings
        self._lines: list[str] | None = None
        self._units: dict[int, dict[str, list[_Unit]]] = {}
        self._texts: dict[int, tuple[str, list[int]]] = {}
        self._spans: tuple[list[tuple[int, int]] | None] | None = None  # found once: (spans,)

    @property
    def lines(self) -> list[str]:
        """The source's lines (with their endings), as flake8 and ``ast`` count them."""
        if self._lines is None:
            self._lines = split_lines(self.source, keepends=True)
        return self._lines

    def place(self, module: cst.Module, nodes: Iterable[cst.CSTNode]) -> dict[int, Place]:
        """Where each node starts (nodes of another module are left out)."""
        if self._spans is None:
            self._spans = (_statement_spans(module, self.tree),)
        spans = self._spans[0]
        found: dict[int, Place] = {}
        left: dict[int, list[cst.CSTNode]] = {}
        for node in nodes:
            if id(node) in found:
                continue
            index = self.tops.get(id(node), -1)
            if index == -2:
                continue  # written in another module
            fast = USE_TOKENS and spans is not None and index >= 0
            place = self._string_place(node, index, spans) if fast and spans is not None else None
            if place is not None:
                found[id(node)] = place
            else:
                left.setdefault(index, []).append(node)
        for index, chosen in left.items():
            found.update(self._generated(module, index, chosen, spans))
        return found

    # -- strings, from the tokens of their statement --------------------------------------------

    def _string_place(self, node: cst.CSTNode, index: int, spans: list[tuple[int, int]]) -> Place | None:
        if isinstance(node, cst.SimpleString):
            only = self._only_occurrence(node.value, index, spans)
            if only is not None:
                return only
            matches = self._statement_units(index, spans).get(node.value, ())
            return (matches[0].line, matches[0].column) if len(matches) == 1 else None
        if isinstance(node, cst.FormattedStringText):
            outer = self.fstrings.get(id(node))
            if outer is None:
                return None
            parts = [
                (unit, offsets)
                for unit in self._statement_units(index, spans).get(_FSTRING, ())
                for offsets in [unit.text_parts(outer)]
                if offsets is not None and id(node) in offsets
            ]
            if len(parts) == 1:  # f-strings with the same text parts: the node's own code tells
                unit, offsets = parts[0]
                return unit.at(offsets[id(node)])
        return None

    def _only_occurrence(self, text: str, index: int, spans: list[tuple[int, int]]) -> Place | None:
        """Where ``text`` is written in a statement, when it is written there once (a literal's
        text found once is that literal: no need to tokenize the statement)."""
        if index not in self._texts:
            first, last = spans[index]
            lines = self.lines[first - 1 : last]
            self._texts[index] = "".join(lines), list(accumulate((len(line) for line in lines), initial=0))
        joined, starts = self._texts[index]
        at = joined.find(text)
        if at < 0 or joined.find(text, at + 1) >= 0:
            return None
        row = bisect_right(starts, at) - 1
        return spans[index][0] + row, at - starts[row]

    def _statement_units(self, index: int, spans: list[tuple[int, int]]) -> dict[str, list[_Unit]]:
        """A statement's string literals by their text (f-strings all under one key)."""
        if index not in self._units:
            first, last = spans[index]
            by_text: dict[str, list[_Unit]] = {}
            for unit in _string_units(self.lines[first - 1 : last], first):
                prefix = unit.text[: len(unit.text) - len(unit.text.lstrip("rRbBuUfF"))]
                key = _FSTRING if "f" in prefix.lower() else unit.text
                by_text.setdefault(key, []).append(unit)
            self._units[index] = by_text
        return self._units[index]

    # -- anything else, from libcst -------------------------------------------------------------

    def _generated(
        self,
        module: cst.Module,
        index: int,
        nodes: list[cst.CSTNode],
        spans: list[tuple[int, int]] | None,
    ) -> dict[int, Place]:
        """Places of nodes in one statement (or anywhere, when its statement is not known)."""
        if index < 0 or spans is None:
            found = _codegen(module, [module], [1], nodes) if USE_CODEGEN else {}
            return (
                found
                if found and self._agree(found, nodes, module)
                else self._past_form_feeds(_provider(module, nodes))
            )
        statement = module.body[index]
        start = spans[index][0] - len(statement.leading_lines)
        found = _codegen(module, [statement], [start], nodes) if USE_CODEGEN else {}
        if found and self._agree(found, nodes, module):
            return found
        wrapper = cst.Module(
            body=[statement], default_indent=module.default_indent, default_newline=module.default_newline
        )
        found = {key: (line + start - 1, column) for key, (line, column) in _provider(wrapper, nodes).items()}
        return self._past_form_feeds(found)

    def _past_form_feeds(self, found: dict[int, Place]) -> dict[int, Place]:
        """Places from libcst's PositionProvider, each moved past the form feeds of its line's
        indentation: libcst, as Python's tokenizer, counts columns again from 0 after one."""
        for key, (line, column) in found.items():
            text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
            indentation = text[: len(text) - len(text.lstrip(" \t\f"))]
            if "\f" in indentation:
                found[key] = line, column + indentation.rindex("\f") + 1
        return found

    def _agree(self, found: dict[int, Place], nodes: list[cst.CSTNode], module: cst.Module) -> bool:
        """True when the source, at each place found, begins with the node's code."""
        lines = self.lines
        for node in nodes:
            place = found.get(id(node))
            if place is None:
                return False
            line, column = place
            code = _source_of(node) or module.code_for_node(node).lstrip("(\t ")
            first = split_lines(code)[0] if code else ""
            if not (0 < line <= len(lines) and lines[line - 1][column:].startswith(first)):
                return False
        return True


class Places:
    """Where names of a module are written: their literals, else the nodes they fall back to."""

    def __init__(self, module: cst.Module, names: Iterable[Written], layout: Layout | None = None) -> None:
        chosen = list(names)
        anchors = [w.anchor.node for w in chosen if w.anchor is not None]
        self._starts = self._place(module, anchors, layout)
        fallbacks = [w.fallback for w in chosen if w.anchor is None or id(w.anchor.node) not in self._starts]
        if fallbacks:
            self._starts.update(self._place(module, fallbacks, layout))

    @staticmethod
    def _place(module: cst.Module, nodes: list[cst.CSTNode], layout: Layout | None) -> dict[int, Place]:
        if not nodes:
            return {}
        if layout is not None:
            return layout.place(module, nodes)
        found = _codegen(module, [module], [1], nodes) if USE_CODEGEN else {}
        return found or _provider(module, nodes)

    def of(self, where: Written) -> Place | None:
        """Where a name is written: the exact character inside its literal, else its node."""
        anchor = where.anchor
        if anchor is not None and id(anchor.node) in self._starts:
            line, column = self._starts[id(anchor.node)]
            before = _source_of(anchor.node)[: anchor.offset]
            newlines = list(LINE_END.finditer(before))
            if newlines:
                return line + len(newlines), len(before) - newlines[-1].end()
            return line, column + anchor.offset
        return self._starts.get(id(where.fallback))  # None: written in another module

    @classmethod
    def of_all(
        cls, module: cst.Module, names: Sequence[Written], layout: Layout | None = None
    ) -> list[Place | None]:
        """Where each of several names is written."""
        places = cls(module, names, layout)
        return [places.of(written) for written in names]


# -- statements -------------------------------------------------------------------------------


def _statement_spans(module: cst.Module, tree: ast.AST) -> list[tuple[int, int]] | None:
    """The first and last line of each module-level statement (its decorators included, its
    leading comments not); None when libcst's statements do not line up with the ``ast``."""
    body = getattr(tree, "body", None)
    if not isinstance(body, list):
        return None
    statements = iter(body)
    spans = []
    try:
        for statement in module.body:
            first = last = next(statements)
            for _ in range(len(statement.body) - 1 if isinstance(statement, cst.SimpleStatementLine) else 0):
                last = next(statements)
            start = min([first.lineno, *(d.lineno for d in getattr(first, "decorator_list", ()))])
            spans.append((start, getattr(last, "end_lineno", None) or last.lineno))
    except StopIteration:
        return None
    return spans if next(statements, None) is None else None


class _Unit(Record):
    """One string literal among a statement's tokens (an f-string is one, nested parts and all)."""

    text: str
    line: int
    column: int

    def at(self, offset: int) -> Place:
        """The place of the character at ``offset`` in the literal's text."""
        newlines = list(LINE_END.finditer(self.text[:offset]))
        if newlines:
            return self.line + len(newlines), offset - newlines[-1].end()
        return self.line, self.column + offset

    def text_parts(self, node: cst.FormattedString) -> dict[int, int] | None:
        """If this literal is the f-string ``node``: the offset of each of its text parts."""
        start, end = node.start, node.end
        if not (self.text.startswith(start) and self.text.endswith(end)):
            return None
        raw = "r" in start.lower()
        scanned = _fstring_text_parts(self.text[len(start) : len(self.text) - len(end)], raw)
        texts = [part for part in node.parts if isinstance(part, cst.FormattedStringText)]
        if scanned is None or [text for _, text in scanned] != [part.value for part in texts]:
            return None
        return {id(part): len(start) + offset for part, (offset, _) in zip(texts, scanned)}


def _string_units(lines: list[str], first: int) -> list[_Unit]:
    """The string literals of a statement's lines, in order (none when they do not tokenize)."""
    units: list[_Unit] = []
    depth = 0
    start: tuple[int, int] = (0, 0)
    readline = iter(lines).__next__
    try:
        for token in tokenize.generate_tokens(readline):
            if token.type == tokenize.STRING and depth == 0:
                units.append(_Unit(token.string, first + token.start[0] - 1, token.start[1]))
            elif token.type == _FSTRING_START:
                depth += 1
                if depth == 1:
                    start = token.start
            elif token.type == _FSTRING_END:
                depth -= 1
                if depth == 0:
                    text = _between(lines, start, token.end)
                    units.append(_Unit(text, first + start[0] - 1, start[1]))
    except (tokenize.TokenError, SyntaxError, StopIteration):
        return units
    return units


def _between(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    (first, column), (last, end_column) = start, end
    if first == last:
        return lines[first - 1][column:end_column]
    return lines[first - 1][column:] + "".join(lines[first : last - 1]) + lines[last - 1][:end_column]


def _fstring_text_parts(body: str, raw: bool) -> list[tuple[int, str]] | None:
    """The literal parts of an f-string's body: (offset, raw text) of each, in order."""
    parts: list[tuple[int, str]] = []
    start = position = 0
    while position < len(body):
        character = body[position]
        if body.startswith(("{{", "}}"), position):
            position += 2
        elif character == "{":
            if position > start:
                parts.append((start, body[start:position]))
            end = _expression_end(body, position)
            if end is None:
                return None
            start = position = end
        elif character == "\\" and not raw:
            position += 2
        else:
            position += 1
    if len(body) > start:
        parts.append((start, body[start:]))
    return parts


def _expression_end(body: str, position: int) -> int | None:
    """The index just after the ``}`` that closes the replacement field opened at ``position``."""
    depth = 0
    while position < len(body):
        character = body[position]
        if character in "{[(":
            depth += 1
        elif character in "}])":
            depth -= 1
            if depth == 0:
                return position + 1
        elif character in "'\"":
            quote = body[position : position + 3] if body.startswith(character * 3, position) else character
            close = body.find(quote, position + len(quote))
            while close > 0 and body[close - 1] == "\\":
                close = body.find(quote, close + 1)
            if close < 0:
                return None
            position = close + len(quote)
            continue
        position += 1
    return None


# -- libcst's code generation -----------------------------------------------------------------


def _codegen(
    module: cst.Module, roots: list[cst.CSTNode], starts: list[int], nodes: list[cst.CSTNode]
) -> dict[int, Place]:
    """Places of ``nodes`` found by generating the code of ``roots`` (each starting at its line)."""
    state = _TargetedCodegenState(module, nodes)
    for root, line in zip(roots, starts):
        state.restart(line)
        with suppress(_AllFound):
            root._codegen(state)
    return state.found


def _provider(module: cst.Module, nodes: list[cst.CSTNode]) -> dict[int, Place]:
    """Places of ``nodes`` by libcst's PositionProvider (public API; positions of every node)."""
    wanted = {id(node) for node in nodes}
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    return {id(node): (p.start.line, p.start.column) for node, p in positions.items() if id(node) in wanted}


class _AllFound(Exception):
    """Every chosen node has been placed."""


if _CodegenState is not None:

    class _TargetedCodegenState(_CodegenState):
        """libcst's code generation, noting where a few chosen nodes start.

        PositionProvider records a range for every node while it regenerates the code; the
        findings need the start of a few nodes, so this state keeps line and column only when
        one of them is generated, with PositionProvider's rules (the syntactic start when the
        node records one).
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
            newlines = list(LINE_END.finditer(chunk))
            if newlines:
                self._line += len(newlines)
                self._column = len(chunk) - newlines[-1].end()
            else:
                self._column += len(chunk)
            return self._line, self._column

        def before_codegen(self, node: cst.CSTNode) -> None:
            if len(self._generated) == len(self.targets):
                raise _AllFound  # the rest need not be generated
            if id(node) in self.targets:
                self.found[id(node)] = self._here()

        def after_codegen(self, node: cst.CSTNode) -> None:
            if id(node) in self.targets:
                self._generated.add(id(node))

        def record_syntactic_position(  # type: ignore[override]
            self,
            node: cst.CSTNode,
            *,
            start_node: cst.CSTNode | None = None,
            end_node: cst.CSTNode | None = None,
        ) -> AbstractContextManager[None]:
            if id(node) not in self.targets:
                return _NULL  # (most nodes: no generator made for them)
            return self._record(node, start_node)

        @contextmanager
        def _record(self, node: cst.CSTNode, start_node: cst.CSTNode | None) -> Iterator[None]:
            if start_node is None:
                self.found[id(node)] = self._here()
                yield
                return
            self.targets.add(id(start_node))
            yield
            self.found[id(node)] = self.found[id(start_node)]


def _source_of(node: cst.CSTNode) -> str:
    value = getattr(node, "value", "")
    return value if isinstance(value, str) else ""
