"""``Record`` makes the same tuples as ``typing.NamedTuple``, only cheaper to define."""

from __future__ import annotations

import pickle
from typing import NamedTuple

import pytest

from flake8_tiktok_scopes.records import Record


class Point(Record):
    """A point on a line of text."""

    line: int
    column: int = 0
    label: str | None = None

    @property
    def place(self) -> str:
        """Where it is, as a human writes it."""
        return f"{self.line}:{self.column}"

    def moved(self, columns: int) -> Point:
        """The same point ``columns`` further right."""
        return self._replace(column=self.column + columns)


class TypedPoint(NamedTuple):
    line: int
    column: int = 0
    label: str | None = None


def test_a_record_is_the_named_tuple_typing_would_make() -> None:
    point, typed = Point(3, label="x"), TypedPoint(3, label="x")
    assert isinstance(point, tuple)
    assert point == typed == (3, 0, "x")
    assert Point._fields == TypedPoint._fields
    assert Point._field_defaults == TypedPoint._field_defaults
    assert repr(point) == "Point(line=3, column=0, label='x')"
    assert hash(point) == hash(typed)
    assert sorted([Point(2, 5), Point(1, 9), Point(2, 1)]) == [(1, 9, None), (2, 1, None), (2, 5, None)]
    assert point._asdict() == typed._asdict()


def test_a_record_keeps_its_docstring_methods_and_properties() -> None:
    point = Point(3, 4)
    assert Point.__doc__ == "A point on a line of text."
    assert point.place == "3:4"
    assert point.moved(2) == Point(3, 6)
    assert Point.__module__ == __name__
    assert Point.__qualname__ == "Point"


def test_a_record_pickles_as_itself() -> None:
    point = Point(3, 4, "y")
    copy = pickle.loads(pickle.dumps(point))
    assert copy == point
    assert type(copy) is Point


def test_a_field_without_a_default_cannot_follow_one_with_a_default() -> None:
    with pytest.raises(TypeError, match="without a default follows"):

        class Wrong(Record):
            first: int = 0
            second: int
