"""Values the string evaluator computes: strings that remember where each character was written.

A :class:`Text` is a string whose characters each know the literal node and the offset in
that node's source text they came from, so a finding can point at the exact column of a
field name inside ``"open_id,follower_count"``. Parts that cannot be resolved are holes
(:data:`HOLE`): analysis never guesses what a hole holds.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Union

if TYPE_CHECKING:
    import libcst as cst


#: Stands for one unresolved part of a string.
HOLE = "\x00"

#: At most this many alternatives are tracked for one value (conditional branches, rebinding).
MAX_ALTERNATIVES = 16


@dataclass(frozen=True)
class Anchor:
    """Where something was written: a node, and an offset into that node's source text."""

    node: cst.CSTNode
    offset: int = 0


@dataclass(frozen=True)
class Piece:
    """A run of characters written in one literal (``node`` is None for computed text)."""

    text: str
    node: cst.CSTNode | None = None
    offsets: Sequence[int] = ()  # one offset per character into the node's source text


class Text:
    """A string with, for each character, where it was written (if anywhere)."""

    __slots__ = ("_starts", "pieces", "value")

    def __init__(self, pieces: Sequence[Piece] = ()) -> None:
        self.pieces = tuple(piece for piece in pieces if piece.text)
        self.value = "".join(piece.text for piece in self.pieces)
        self._starts: list[int] | None = None  # where each piece starts, once needed

    def _piece_starts(self) -> list[int]:
        if self._starts is None:
            self._starts = list(itertools.accumulate((len(p.text) for p in self.pieces), initial=0))
        return self._starts

    @classmethod
    def plain(cls, value: str) -> Text:
        """Text computed by the checker itself, written nowhere in the file."""
        return cls([Piece(value)])

    @classmethod
    def hole(cls) -> Text:
        """One unresolved part."""
        return cls([Piece(HOLE)])

    @property
    def complete(self) -> bool:
        """True when no part of the string is unresolved."""
        return HOLE not in self.value

    def __add__(self, other: Text) -> Text:
        return Text(self.pieces + other.pieces)

    def __repr__(self) -> str:
        return f"Text({self.value!r})"

    def anchor(self, index: int) -> Anchor | None:
        """Where the character at ``index`` was written."""
        if not 0 <= index < len(self.value):
            return None
        starts = self._piece_starts()
        number = bisect.bisect_right(starts, index) - 1
        piece = self.pieces[number]
        if piece.node is None:
            return None
        return Anchor(piece.node, piece.offsets[index - starts[number]])

    def slice(self, start: int, end: int) -> Text:
        """The characters from ``start`` up to ``end``, still anchored."""
        pieces = []
        for piece, first in zip(self.pieces, self._piece_starts()):
            lo, hi = max(start - first, 0), min(end - first, len(piece.text))
            if lo < hi:
                offsets = piece.offsets[lo:hi] if piece.node is not None else ()
                pieces.append(Piece(piece.text[lo:hi], piece.node, offsets))
        return Text(pieces)

    def split(self, separator: re.Pattern[str]) -> Iterator[tuple[int, Text]]:
        """Split on a pattern, yielding each stripped item (still anchored) with its index."""
        for first, item in split_items(self.value, separator):
            yield first, self.slice(first, first + len(item))


def split_items(value: str, separator: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    """Split on a pattern, yielding each stripped, non-empty item with its index in ``value``."""
    start = 0
    for match in itertools.chain(separator.finditer(value), (None,)):
        end = match.start() if match else len(value)
        item = value[start:end]
        stripped = item.strip()
        if stripped:
            yield start + item.index(stripped), stripped
        if match:
            start = match.end()


@dataclass(frozen=True)
class Seq:
    """A list, tuple or set whose elements are known (``node`` is the literal, if any)."""

    items: tuple[Value, ...]
    node: cst.CSTNode | None = None


@dataclass(frozen=True)
class Mapping:
    """A dict with string keys; ``complete`` is False when some entries are unknown."""

    entries: tuple[tuple[str, Value, cst.CSTNode | None], ...]
    complete: bool = True

    def get(self, key: str) -> Value | None:
        """The value of the last entry with this key."""
        for name, value, _ in reversed(self.entries):
            if name == key:
                return value
        return None

    def with_entry(self, key: str, value: Value, node: cst.CSTNode | None) -> Mapping:
        """A copy with ``key`` set."""
        kept = tuple(entry for entry in self.entries if entry[0] != key)
        return Mapping((*kept, (key, value, node)), self.complete)


@dataclass(frozen=True)
class OneOf:
    """Several possible values (branches of a conditional, rebinding in branches)."""

    options: tuple[Value, ...]


@dataclass(frozen=True)
class Obj:
    """An object the checker recognises: an imported name, an SDK client, a class."""

    kind: str  # "import", "instance", "class", "module", "function"
    name: str  # qualified name (imports, instances), class name, or function key
    base_url: Value | None = field(default=None, compare=False)  # an HTTP client's ``base_url=``


#: The scopes a user granted, read back from a token response, a callback or a stored row
#: (``token["scope"]``, ``request.args.get("scopes")``): what the server says, not what the code asks for.
GRANTED = Obj("granted", "scope")


class _Unknown:
    """A value the checker cannot know."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()

Value = Union[Text, Seq, Mapping, OneOf, Obj, _Unknown]


def alternatives(value: Value) -> tuple[Value, ...]:
    """The possible values, flattened."""
    if isinstance(value, OneOf):
        return value.options
    return (value,)


def one_of(options: Sequence[Value]) -> Value:
    """Combine possibilities; identical objects collapse, too many become unknown."""
    flat: list[Value] = []
    for option in options:
        for alternative in alternatives(option):
            if not any(alternative is seen for seen in flat):
                flat.append(alternative)
    if len(flat) == 1:
        return flat[0]
    if len(flat) > MAX_ALTERNATIVES:
        return UNKNOWN
    return OneOf(tuple(flat))


def combine(left: Value, right: Value, operation: Callable[[Value, Value], Value]) -> Value:
    """Apply a binary operation to every pair of alternatives."""
    pairs = [(a, b) for a in alternatives(left) for b in alternatives(right)]
    if len(pairs) > MAX_ALTERNATIVES:
        return UNKNOWN
    return one_of([operation(a, b) for a, b in pairs])


def concat(left: Value, right: Value) -> Value:
    """``left + right`` for strings and sequences."""
    if isinstance(left, Seq) and isinstance(right, Seq):
        return Seq(left.items + right.items)
    if isinstance(left, Text) or isinstance(right, Text):
        return as_text(left) + as_text(right)
    return UNKNOWN


def spread(value: Value) -> Value:
    """Move alternatives out of a list's items or a dict's values: ``[a, b|c]`` -> ``[a, b]|[a, c]``."""
    if isinstance(value, Seq):
        variants: list[tuple[Value, ...]] = [()]
        for item in value.items:
            variants = [(*v, option) for v in variants for option in alternatives(spread(item))]
            if len(variants) > MAX_ALTERNATIVES:
                return value
        return one_of([Seq(items, value.node) for items in variants]) if len(variants) > 1 else value
    if isinstance(value, Mapping):
        entries: list[tuple[tuple[str, Value, cst.CSTNode | None], ...]] = [()]
        for key, item, node in value.entries:
            entries = [(*e, (key, option, node)) for e in entries for option in alternatives(spread(item))]
            if len(entries) > MAX_ALTERNATIVES:
                return value
        return one_of([Mapping(e, value.complete) for e in entries]) if len(entries) > 1 else value
    if isinstance(value, OneOf):
        return one_of([spread(option) for option in value.options])
    return value


def as_text(value: Value) -> Text:
    """The value as a string: Text as is, anything else a hole."""
    return value if isinstance(value, Text) else Text.hole()


def texts_of(value: Value) -> Iterator[Text]:
    """Every Text a value holds, through alternatives and sequences."""
    for alternative in alternatives(value):
        if isinstance(alternative, Text):
            yield alternative
        elif isinstance(alternative, Seq):
            for item in alternative.items:
                yield from texts_of(item)
