"""Scope declarations as written in one module: which literal holds each scope, where a list ends.

What every fixer needs to edit a declaration: the literal (and offsets) a scope name is
written at, the list literal it is an element of, the place where missing scopes can be
added, and the known scope an unknown name stands for.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Union

import libcst as cst
from libcst.metadata import MetadataWrapper, ParentNodeProvider

from ..analysis.places import Places
from ..analysis.values import Anchor
from ..engine import Analysis
from ..recognise.observations import Declaration, ScopeRef, Written
from ..tiktok import catalog
from .edits import ListLike

#: How close (difflib ratio) an unknown name must be to a known scope to be replaced by it;
#: stricter than the 0.75 of TTS004's "did you mean", so that one obvious typo has one candidate.
CLOSE = 0.85
_LISTS = (cst.List, cst.Tuple, cst.Set)
_STRINGS = (cst.SimpleString, cst.FormattedStringText)
_Key = tuple[str, Union[Anchor, cst.CSTNode]]


@dataclass
class Target:
    """Where a declaration's scope list ends, in a literal that can be edited."""

    path: str
    declaration: Declaration
    line: int
    node: cst.CSTNode  # the string literal (part) that holds the last scope
    end: int  # offset just after the last scope in ``node``'s source
    literal: ListLike | None = None  # the list holding one scope per element, if so
    index: int = 0  # the element of ``literal`` holding the last scope
    separator: str = ","  # as the string separates its scopes already (``,`` or ``%2C``)


class File:
    """One analysed file: its declarations, where their scopes are written, its parents map."""

    def __init__(self, path: str, analysis: Analysis) -> None:
        self.path = path
        self.module = analysis.module
        self.requests = bool(analysis.observations.requests)
        self.declarations = [d for d in analysis.observations.declarations if d.scopes]
        refs = [ref.scope for d in self.declarations for ref in d.scopes]
        found = iter(Places.of_all(self.module, refs, analysis.layout))
        self.where: dict[int, tuple[int, int] | None] = {
            id(ref): next(found) for d in self.declarations for ref in d.scopes
        }
        self._holding: dict[_Key, list[tuple[Declaration, int]]] = {}
        for declaration in self.declarations:
            for index, ref in enumerate(declaration.scopes):
                self._holding.setdefault(_written_key(ref.scope), []).append((declaration, index))
        self._parents: dict[cst.CSTNode, cst.CSTNode] | None = None

    def parent(self, node: cst.CSTNode) -> cst.CSTNode | None:
        """The node that holds ``node``."""
        if self._parents is None:
            wrapper = MetadataWrapper(self.module, unsafe_skip_copy=True)
            self._parents = dict(wrapper.resolve(ParentNodeProvider))
        return self._parents.get(node)

    def line(self, ref: ScopeRef) -> int:
        """The line a scope is written on (0 when unknown)."""
        place = self.where.get(id(ref))
        return place[0] if place else 0

    def holding(self, ref: ScopeRef) -> list[tuple[Declaration, int]]:
        """Each declaration of the file that holds the scope written where ``ref`` is, and its index.

        One literal can be read by several declarations: a list as a whole and item by item,
        a constant where it is written and where it is passed.
        """
        return self._holding.get(_written_key(ref.scope), [])

    def element(self, node: cst.CSTNode) -> tuple[ListLike, int] | None:
        """The list/tuple/set literal whose element is ``node`` exactly, and the element's index."""
        element = self.parent(node)
        literal = self.parent(element) if isinstance(element, cst.Element) else None
        if isinstance(literal, _LISTS) and isinstance(element, cst.Element):
            return literal, list(literal.elements).index(element)
        return None


def _written_key(written: Written) -> _Key:
    """What makes two names the same written name: the name, and where it is written."""
    return written.name, written.anchor if written.anchor is not None else written.fallback


def written_span(ref: ScopeRef) -> tuple[cst.SimpleString | cst.FormattedStringText, int, int] | None:
    """The literal and the offsets where a scope name is written as is (no escapes, not computed)."""
    anchor = ref.scope.anchor
    if anchor is None or not isinstance(anchor.node, _STRINGS):
        return None
    start, end = anchor.offset, anchor.offset + len(ref.scope.name)
    if anchor.node.value[start:end] != ref.scope.name:
        return None
    return anchor.node, start, end


def body(node: cst.SimpleString) -> tuple[int, int]:
    """Offsets of a string literal's contents, between its quotes."""
    return len(node.prefix) + len(node.quote), len(node.value) - len(node.quote)


def target(file: File, declaration: Declaration) -> Target | str:
    """Where missing scopes go in ``declaration``, or why they cannot go there."""
    refs = declaration.scopes
    if all(ref.scope.anchor is None for ref in refs):
        return "its scopes are a library's default, not written in the code; declare them explicitly"
    span = written_span(refs[-1]) if declaration.complete else None
    if span is None:
        return "it is built at run time, not written as one string or list literal"
    node, start, end = span
    found = Target(file.path, declaration, file.line(refs[-1]), node, end)
    before = written_span(refs[-2]) if len(refs) > 1 else None
    if before is not None and before[0] is node and node.value[before[2] : start].upper() == "%2C":
        found.separator = node.value[before[2] : start]
    if isinstance(node, cst.SimpleString) and body(node) == (start, end):
        holder = file.element(node)
        if holder is not None:
            found.literal, found.index = holder
    return found


def fixed_name(name: str) -> str | None:
    """The known scope an unknown name stands for, when exactly one is close to it."""
    if name in catalog.KNOWN_SCOPES:
        return name
    close = difflib.get_close_matches(name, catalog.KNOWN_SCOPES, n=2, cutoff=CLOSE)
    return close[0] if len(close) == 1 else None
