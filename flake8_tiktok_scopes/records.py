"""``Record``: the class syntax of ``typing.NamedTuple``, at less than half its cost to define.

``typing.NamedTuple`` checks every field's annotation when it makes a class, and under
``from __future__ import annotations`` each annotation is a string it compiles: the package's
records cost an editor's check about 2.5 ms before any work. Nothing reads those types at
run time, so here a record is made by ``collections.namedtuple`` from its fields' names and
defaults, with the class's own attributes (docstring, methods, properties) copied on: the
same tuple (``_replace``, ``_fields``, equality, order, hashing, pickling). Type checkers
see ``typing.NamedTuple`` itself.
"""

from __future__ import annotations

import collections
from typing import TYPE_CHECKING, Any

__all__ = ["Record"]

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:

    class _RecordMaker(type):
        """Makes each class that derives from ``Record`` a ``collections.namedtuple``."""

        def __new__(cls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> type:
            if not bases:  # Record itself
                return super().__new__(cls, name, bases, namespace)
            fields = tuple(namespace.get("__annotations__", ()))
            defaults = [namespace[field] for field in fields if field in namespace]
            if any(field in namespace for field in fields[: len(fields) - len(defaults)]):
                raise TypeError(f"{name}: a field without a default follows a field with one")
            record = collections.namedtuple(name, fields, defaults=defaults, module=namespace["__module__"])
            for key, value in namespace.items():
                if key not in fields:
                    setattr(record, key, value)
            return record

    Record = _RecordMaker("Record", (), {})
