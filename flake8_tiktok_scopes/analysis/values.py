"""The values the interpreter computes: strings that remember where each character was written,
lists, dicts, alternatives, and the three ways a value can be unknown.

A :class:`Text` is a string whose characters each know the literal node and the offset in that
node's source text they came from, so a finding can point at the exact column of a field name
inside ``"open_id,follower_count"``. Parts that cannot be resolved are holes: analysis never
guesses what a hole holds. Every value is bounded (:data:`MAX_TEXT` characters,
:data:`MAX_SIZE` leaves, :data:`MAX_ALTERNATIVES` alternatives): past a bound it is unknown.
Objects (functions, classes, instances, library names) live in :mod:`.objects`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Callable, Union

from ..records import Record

if TYPE_CHECKING:
    import libcst as cst

    from .objects import BoundMethod, ClassValue, External, Function, Imported, Instance, ModuleValue, Partial

#: Stands for one unresolved part of a string whose value could matter (the environment, a
#: library's return value): a declaration holding one is unresolved.
HOLE = "\x00"
#: Stands for a part nobody passes (a parameter no call binds) or that was read back from
#: TikTok or storage (granted scopes): a declaration holding one declares nothing there.
QUIET_HOLE = "\x01"
_HOLES = (HOLE, QUIET_HOLE)

#: Bounds on one value; past them the value is unknown (the evaluation stays linear).
MAX_TEXT = 8_192  # characters of one string
MAX_SIZE = 2_048  # strings and other leaves inside one list or dict, all levels counted
MAX_ALTERNATIVES = 16  # possible values of one expression

#: How many times a value met a bound and became unknown (the evaluator notes where, to say so).
bounds_hit = [0]


def _past_bound() -> Unknown:
    bounds_hit[0] += 1
    return UNKNOWN


class Anchor(Record):
    """Where something was written: a node, and an offset into that node's source text."""

    node: cst.CSTNode
    offset: int = 0


class Piece(Record):
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
    def hole(cls, quiet: bool = False) -> Text:
        """One unresolved part (``quiet``: one that declares nothing, see :data:`QUIET_HOLE`)."""
        return _QUIET_HOLE_TEXT if quiet else _HOLE_TEXT

    @property
    def complete(self) -> bool:
        """True when no part of the string is unresolved."""
        return HOLE not in self.value and QUIET_HOLE not in self.value

    def __add__(self, other: Text) -> Text:
        if len(self.value) + len(other.value) > MAX_TEXT:
            bounds_hit[0] += 1
            return _HOLE_TEXT
        if not self.pieces:
            return other
        if not other.pieces:
            return self
        last, first = self.pieces[-1], other.pieces[0]
        if last.node is None and first.node is None and last.text in _HOLES and last.text == first.text:
            return Text(self.pieces + other.pieces[1:])  # neighbouring holes are one hole
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

    def run_start(self, index: int) -> int:
        """The index where the literal (or computed run) that holds the character at ``index`` begins."""
        starts = self._piece_starts()
        return starts[bisect.bisect_right(starts, index) - 1]

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


_HOLE_TEXT = Text([Piece(HOLE)])
_QUIET_HOLE_TEXT = Text([Piece(QUIET_HOLE)])


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


class Seq:
    """A list, tuple or set whose elements are known (``node`` is the literal, if any)."""

    __slots__ = ("is_tuple", "items", "node", "size")

    def __init__(self, items: tuple[Value, ...], node: cst.CSTNode | None = None, is_tuple: bool = False):
        self.items = items
        self.node = node
        self.is_tuple = is_tuple
        self.size = 1 + sum(size_of(item) for item in items)

    def __repr__(self) -> str:
        return f"Seq({list(self.items)!r})"


class Dict:
    """A dict with string keys; ``complete`` is False when some entries are unknown."""

    __slots__ = ("complete", "entries", "size")

    def __init__(self, entries: tuple[tuple[str, Value, cst.CSTNode | None], ...], complete: bool = True):
        self.entries = entries
        self.complete = complete
        self.size = 1 + sum(size_of(value) for _, value, _ in entries)

    def __repr__(self) -> str:
        return f"Dict({[(k, v) for k, v, _ in self.entries]!r})"

    def get(self, key: str) -> Value | None:
        """The value of the last entry with this key."""
        for name, value, _ in reversed(self.entries):
            if name == key:
                return value
        return None

    def with_entry(self, key: str, value: Value, node: cst.CSTNode | None) -> Value:
        """A copy with ``key`` set."""
        kept = tuple(entry for entry in self.entries if entry[0] != key)
        return bounded(Dict((*kept, (key, value, node)), self.complete))

    def values(self) -> tuple[Value, ...]:
        """Every entry's value, in order."""
        return tuple(value for _, value, _ in self.entries)


class OneOf(Record):
    """Several possible values (branches of a conditional, rebinding in branches, loops).

    ``choice`` (when not 0) names the decision the options stand for (a lookup with a key the
    code cannot know): values computed from the same decision are combined option by option,
    never crossed (``CONFIG[p]["url"]`` goes with ``CONFIG[p]["scope"]``, not another ``p``'s).
    """

    options: tuple[Value, ...]
    choice: int = 0


class Unknown:
    """A value the checker cannot know, and why (which decides what a declaration of it means)."""

    __slots__ = ("name", "quiet")

    def __init__(self, name: str, quiet: bool) -> None:
        self.name = name
        self.quiet = quiet  # True: declares nothing (see QUIET_HOLE); False: leaves a declaration unresolved

    def __repr__(self) -> str:
        return self.name


#: From outside the code (the environment, a library, a bound that was hit): never guessed.
UNKNOWN = Unknown("UNKNOWN", quiet=False)
#: The environment's value of a name read without a default (``os.getenv("X")``): unknown, but
#: ``os.getenv("X") or "default"`` gives the default, as ``os.getenv("X", "default")`` does.
ENVIRONMENT = Unknown("ENVIRONMENT", quiet=False)
#: A parameter that no call of the analysed code binds.
PARAMETER = Unknown("PARAMETER", quiet=True)
#: The scopes a user granted, read back from a token response, a callback or a stored row
#: (``token["scope"]``, ``request.args.get("scopes")``): what the server says, not what the code asks for.
GRANTED = Unknown("GRANTED", quiet=True)

Value = Union[
    Text,
    Seq,
    Dict,
    OneOf,
    Unknown,
    "Function",
    "BoundMethod",
    "Partial",
    "ClassValue",
    "Instance",
    "External",
    "ModuleValue",
    "Imported",
]


def size_of(value: Value) -> int:
    """How many leaves a value holds (lists and dicts count their contents)."""
    if isinstance(value, (Seq, Dict)):
        return value.size
    if isinstance(value, OneOf):
        return sum(size_of(option) for option in value.options)
    return 1


def bounded(value: Value) -> Value:
    """The value, or :data:`UNKNOWN` when it holds more than :data:`MAX_SIZE` leaves."""
    return _past_bound() if size_of(value) > MAX_SIZE else value


def alternatives(value: Value) -> tuple[Value, ...]:
    """The possible values, flattened."""
    if isinstance(value, OneOf):
        return value.options
    return (value,)


def one_of(options: Sequence[Value]) -> Value:
    """Combine possibilities; identical values collapse, too many become unknown."""
    if len(options) == 1:
        return options[0]  # (options of one decision stay aligned)
    flat: list[Value] = []
    for option in options:
        for alternative in alternatives(option):
            if not any(alternative is seen for seen in flat):
                flat.append(alternative)
    if len(flat) == 1:
        return flat[0]
    if len(flat) > MAX_ALTERNATIVES:
        return _past_bound()
    return bounded(OneOf(tuple(flat)))


_CHOICES = itertools.count(1)


def choose(options: Sequence[Value]) -> Value:
    """One of ``options``, by a decision the code cannot know (each option stays apart)."""
    if len(options) == 1:
        return options[0]
    if len(options) > MAX_ALTERNATIVES:
        return _past_bound()
    return bounded(OneOf(tuple(options), next(_CHOICES)))


def choice_of(value: Value) -> int:
    """The decision a value's options stand for (0: none)."""
    return value.choice if isinstance(value, OneOf) else 0


def each(value: Value, operation: Callable[[Value], Value]) -> Value:
    """Apply an operation to every alternative (options of one decision stay aligned)."""
    if not isinstance(value, OneOf):
        return operation(value)
    results = [operation(option) for option in value.options]
    return bounded(OneOf(tuple(results), value.choice)) if value.choice else one_of(results)


def combine(left: Value, right: Value, operation: Callable[[Value, Value], Value]) -> Value:
    """Apply a binary operation to every pair of alternatives (of one decision: pairwise)."""
    lefts, rights = alternatives(left), alternatives(right)
    choice = choice_of(left)
    if choice and choice == choice_of(right) and len(lefts) == len(rights):
        return bounded(OneOf(tuple(operation(a, b) for a, b in zip(lefts, rights)), choice))
    if choice and len(rights) == 1:
        return each(left, lambda a: operation(a, right))
    if choice_of(right) and len(lefts) == 1:
        return each(right, lambda b: operation(left, b))
    if len(lefts) * len(rights) > MAX_ALTERNATIVES:
        return _past_bound()
    return one_of([operation(a, b) for a in lefts for b in rights])


def concat(left: Value, right: Value) -> Value:
    """``left + right`` for strings and sequences."""
    if isinstance(left, Seq) and isinstance(right, Seq):
        return bounded(Seq(left.items + right.items, is_tuple=left.is_tuple))
    if isinstance(left, Text) or isinstance(right, Text):
        return as_text(left) + as_text(right)
    return unknown_of(left, right)


def unknown_of(*values: Value) -> Unknown:
    """The unknown that stands for a value computed from ``values``: quiet only when all inputs are."""
    quiet = [v for v in values if isinstance(v, Unknown)]
    return quiet[0] if quiet and len(quiet) == len(values) and all(v.quiet for v in quiet) else UNKNOWN


def spread(value: Value) -> Value:
    """Move alternatives out of a list's items or a dict's values: ``[a, b|c]`` -> ``[a, b]|[a, c]``."""
    if isinstance(value, Seq):
        found = _variants(list(value.items))
        if found is None:
            return value
        variants, choice = found
        seqs: list[Value] = [Seq(items, value.node, value.is_tuple) for items in variants]
        return _options(seqs, choice)
    if isinstance(value, Dict):
        found = _variants([item for _, item, _ in value.entries])
        if found is None:
            return value
        variants, choice = found
        keys = [(key, node) for key, _, node in value.entries]
        dicts: list[Value] = [
            Dict(tuple((key, item, node) for (key, node), item in zip(keys, items)), value.complete)
            for items in variants
        ]
        return _options(dicts, choice)
    if isinstance(value, OneOf):
        return each(value, spread)
    return value


def _variants(parts: list[Value]) -> tuple[list[tuple[Value, ...]], int] | None:
    """Every combination of the parts' alternatives (parts of one decision go together); None
    when no part varies or there are too many."""
    spread_parts = [spread(part) for part in parts]
    varying = [p for p in spread_parts if isinstance(p, OneOf)]
    if not varying:
        return None
    choices = {p.choice for p in varying}
    if len(choices) == 1 and 0 not in choices and len({len(p.options) for p in varying}) == 1:
        count = len(varying[0].options)
        rows = [
            tuple(p.options[i] if isinstance(p, OneOf) else p for p in spread_parts) for i in range(count)
        ]
        return rows, varying[0].choice
    variants: list[tuple[Value, ...]] = [()]
    for part in spread_parts:
        variants = [(*v, option) for v in variants for option in alternatives(part)]
        if len(variants) > MAX_ALTERNATIVES:
            return None
    return variants, 0


def _option(value: Value, index: int) -> Value:
    return value.options[index] if isinstance(value, OneOf) else value


def _options(options: list[Value], choice: int) -> Value:
    return bounded(OneOf(tuple(options), choice)) if choice else one_of(options)


def as_text(value: Value) -> Text:
    """The value as a string: Text as is, anything else a hole (quiet for quiet unknowns)."""
    if isinstance(value, Text):
        return value
    return Text.hole(quiet=isinstance(value, Unknown) and value.quiet)


def texts_of(value: Value) -> Iterator[Text]:
    """Every Text a value holds, through alternatives and sequences."""
    for alternative in alternatives(value):
        if isinstance(alternative, Text):
            yield alternative
        elif isinstance(alternative, Seq):
            for item in alternative.items:
                yield from texts_of(item)


def decisions(value: Value, depth: int = 3) -> dict[int, int]:
    """The decisions whose options a value (or a list or dict in it) holds: choice -> options."""
    found: dict[int, int] = {}
    if isinstance(value, OneOf):
        if value.choice:
            found[value.choice] = len(value.options)
        parts: tuple[Value, ...] = value.options
    elif isinstance(value, Dict):
        parts = value.values()
    elif isinstance(value, Seq):
        parts = value.items
    else:
        return found
    if depth > 0:
        for part in parts:
            found.update(decisions(part, depth - 1))
    return found


def select(value: Value, choice: int, index: int) -> Value:
    """The value as it is when a decision took its ``index``-th option."""
    if isinstance(value, OneOf):
        if value.choice == choice:
            return select(value.options[index], choice, index)
        return OneOf(tuple(select(o, choice, index) for o in value.options), value.choice)
    if isinstance(value, Dict):
        return Dict(tuple((k, select(v, choice, index), n) for k, v, n in value.entries), value.complete)
    if isinstance(value, Seq):
        return Seq(tuple(select(item, choice, index) for item in value.items), value.node, value.is_tuple)
    return value
