"""Edits to string and list literals, applied to a libcst module that otherwise stays byte for byte.

Only three kinds of node change: a string literal's source text (spliced at offsets), a
list/tuple/set literal (new string elements in the style of its neighbours), and a list
literal replaced by one comma-joined string.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar, Union

import libcst as cst

Span = tuple[int, int, str]  # replace node source [start, end) with text
ListLike = Union[cst.List, cst.Tuple, cst.Set]
StringLike = TypeVar("StringLike", cst.SimpleString, cst.FormattedStringText)


@dataclass
class Edits:
    """Everything to change in one module, keyed by node (identity)."""

    spans: dict[cst.CSTNode, set[Span]] = field(default_factory=dict)
    inserts: dict[cst.CSTNode, tuple[int, list[str]]] = field(default_factory=dict)
    joins: dict[cst.CSTNode, list[str]] = field(default_factory=dict)
    wraps: set[cst.CSTNode] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.spans or self.inserts or self.joins or self.wraps)

    def wrap(self, expression: cst.Name | cst.Attribute) -> None:
        """Pass ``",".join(expression)`` where a list of scopes is passed."""
        self.wraps.add(expression)

    def splice(self, node: cst.CSTNode, start: int, end: int, text: str) -> None:
        """Replace part of a string literal's source text."""
        self.spans.setdefault(node, set()).add((start, end, text))

    def insert(self, literal: ListLike, index: int, names: Sequence[str]) -> None:
        """Add string elements after the element at ``index``."""
        _, known = self.inserts.get(literal, (index, []))
        self.inserts[literal] = (index, [*known, *(n for n in names if n not in known)])

    def join(self, literal: ListLike, names: Sequence[str]) -> None:
        """Replace a list literal by one string of comma-joined names."""
        self.joins[literal] = list(names)

    def apply(self, module: cst.Module) -> cst.Module:
        """The module with every edit made."""
        return module.visit(_Apply(self)) if self else module


class _Apply(cst.CSTTransformer):
    def __init__(self, edits: Edits) -> None:
        super().__init__()
        self.edits = edits

    def leave_SimpleString(
        self, original_node: cst.SimpleString, updated_node: cst.SimpleString
    ) -> cst.BaseExpression:
        return self._string(original_node, updated_node)

    def leave_FormattedStringText(
        self, original_node: cst.FormattedStringText, updated_node: cst.FormattedStringText
    ) -> cst.FormattedStringText:
        return self._string(original_node, updated_node)

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.BaseExpression:
        return self._wrapped(original_node, updated_node)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        return self._wrapped(original_node, updated_node)

    def _wrapped(self, original: cst.BaseExpression, updated: cst.BaseExpression) -> cst.BaseExpression:
        if original not in self.edits.wraps:
            return updated
        join = cst.Attribute(value=cst.SimpleString('","'), attr=cst.Name("join"))
        return cst.Call(func=join, args=[cst.Arg(updated)])

    def leave_List(self, original_node: cst.List, updated_node: cst.List) -> cst.BaseExpression:
        return self._literal(original_node, updated_node)

    def leave_Tuple(self, original_node: cst.Tuple, updated_node: cst.Tuple) -> cst.BaseExpression:
        return self._literal(original_node, updated_node)

    def leave_Set(self, original_node: cst.Set, updated_node: cst.Set) -> cst.BaseExpression:
        return self._literal(original_node, updated_node)

    def _string(self, original: StringLike, updated: StringLike) -> StringLike:
        spans = self.edits.spans.get(original)
        return updated if spans is None else updated.with_changes(value=spliced(updated.value, spans))

    def _literal(self, original: ListLike, updated: ListLike) -> cst.BaseExpression:
        if original in self.edits.joins:
            return joined(original, self.edits.joins[original])
        if original in self.edits.inserts:
            index, names = self.edits.inserts[original]
            return inserted(updated, index, names)
        return updated


def spliced(source: str, spans: set[Span]) -> str:
    """``source`` with each span replaced (spans do not overlap)."""
    for start, end, text in sorted(spans, reverse=True):
        source = source[:start] + text + source[end:]
    return source


def quoting(node: cst.SimpleString) -> tuple[str, str]:
    """A string literal's prefix and quote."""
    return node.prefix, node.quote


def string_like(template: cst.SimpleString, body: str) -> cst.SimpleString:
    """A new string literal with the prefix and quotes of ``template``."""
    prefix, quote = quoting(template)
    return cst.SimpleString(f"{prefix}{quote}{body}{quote}")


def inserted(literal: ListLike, index: int, names: Sequence[str]) -> ListLike:
    """``literal`` with string elements for ``names`` after the element at ``index``.

    Its neighbours give the style: quotes, and the comma and whitespace between elements
    (a one-per-line list stays one per line, a trailing comma stays trailing, a comment
    stays on the line of its element).
    """
    elements = list(literal.elements)
    anchor = elements[index]
    template = anchor.value if isinstance(anchor.value, cst.SimpleString) else cst.SimpleString('""')
    new = [cst.Element(string_like(template, name)) for name in names]
    between = _between(literal, elements)
    if index < len(elements) - 1:
        middle = [e.with_changes(comma=between) for e in new]
        return literal.with_changes(elements=[*elements[: index + 1], *middle, *elements[index + 1 :]])
    kept, last = between, anchor.comma
    closer = _closing(literal)
    indent = between.whitespace_after
    if isinstance(closer, cst.ParenthesizedWhitespace) and isinstance(indent, cst.ParenthesizedWhitespace):
        # one element per line: the anchor keeps its comment, the closing bracket its indentation
        own = (
            anchor.comma.whitespace_before
            if isinstance(anchor.comma, cst.Comma)
            else between.whitespace_before
        )
        moved = closer.with_changes(indent=indent.indent, last_line=indent.last_line)
        kept = cst.Comma(whitespace_before=own, whitespace_after=moved)
        literal = _with_closing(literal, _uncommented(closer))
    tail = [e.with_changes(comma=between) for e in new[:-1]] + [new[-1].with_changes(comma=last)]
    return literal.with_changes(elements=[*elements[:index], anchor.with_changes(comma=kept), *tail])


def _closing(literal: ListLike) -> cst.BaseParenthesizableWhitespace | None:
    """The whitespace before the closing bracket."""
    if isinstance(literal, cst.List):
        return literal.rbracket.whitespace_before
    if isinstance(literal, cst.Set):
        return literal.rbrace.whitespace_before
    return literal.rpar[0].whitespace_before if literal.rpar else None


def _with_closing(literal: ListLike, whitespace: cst.BaseParenthesizableWhitespace) -> ListLike:
    if isinstance(literal, cst.List):
        return literal.with_changes(rbracket=literal.rbracket.with_changes(whitespace_before=whitespace))
    if isinstance(literal, cst.Set):
        return literal.with_changes(rbrace=literal.rbrace.with_changes(whitespace_before=whitespace))
    rpar = [literal.rpar[0].with_changes(whitespace_before=whitespace), *literal.rpar[1:]]
    return literal.with_changes(rpar=rpar)


def _between(literal: ListLike, elements: Sequence[cst.BaseElement]) -> cst.Comma:
    """The comma (and whitespace, without comments) to put between two elements of ``literal``."""
    if len(elements) >= 2 and isinstance(elements[-2].comma, cst.Comma):
        comma = elements[-2].comma
        return comma.with_changes(whitespace_after=_uncommented(comma.whitespace_after))
    opening: cst.BaseParenthesizableWhitespace | None = None
    if isinstance(literal, cst.List):
        opening = literal.lbracket.whitespace_after
    elif isinstance(literal, cst.Set):
        opening = literal.lbrace.whitespace_after
    elif literal.lpar:
        opening = literal.lpar[-1].whitespace_after
    if isinstance(opening, cst.ParenthesizedWhitespace):
        return cst.Comma(whitespace_after=_uncommented(opening))
    return cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


def _uncommented(whitespace: cst.BaseParenthesizableWhitespace) -> cst.BaseParenthesizableWhitespace:
    """Line-breaking whitespace without its comment and blank lines."""
    if not isinstance(whitespace, cst.ParenthesizedWhitespace):
        return whitespace
    first = cst.TrailingWhitespace(newline=whitespace.first_line.newline)
    return whitespace.with_changes(first_line=first, empty_lines=())


def joined(literal: ListLike, names: Sequence[str]) -> cst.SimpleString:
    """One comma-joined string literal in place of ``literal`` (quotes of its first element)."""
    first = next((e.value for e in literal.elements if isinstance(e.value, cst.SimpleString)), None)
    template = first if first is not None else cst.SimpleString('""')
    return string_like(template, ",".join(names)).with_changes(lpar=literal.lpar, rpar=literal.rpar)
