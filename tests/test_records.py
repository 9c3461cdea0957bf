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


class Nothing(Record):
    """A record without fields."""


class Wide(Record):
    """More fields than most records have."""

    a: int
    b: int
    c: int
    d: int
    e: int
    f: int
    g: int
    h: int
    i: int
    j: int = 10
    k: int = 11


def test_records_of_any_width_take_their_fields_by_position_and_by_name() -> None:
    assert Nothing() == () and Nothing._fields == ()
    assert Wide(*range(9)) == (0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11)
    assert Wide(0, 1, 2, 3, 4, 5, 6, 7, i=8, k=0).k == 0
    assert Point(column=2, line=1) == Point(1, 2)
    assert Point._make([1, 2, "z"]) == Point(1, 2, "z")
    assert Point(1)._replace(label="a") == Point(1, 0, "a")
    assert Point.__match_args__ == ("line", "column", "label")


def test_a_record_refuses_what_a_named_tuple_refuses() -> None:
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'line'"):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'row'"):
        Point(1, row=2)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="Expected 3 arguments, got 2"):
        Point._make([1, 2])
    with pytest.raises(ValueError, match="unexpected field names: \\['row'\\]"):
        Point(1)._replace(row=2)
    with pytest.raises(ValueError, match="cannot start with an underscore"):

        class Hidden(Record):
            _secret: int
