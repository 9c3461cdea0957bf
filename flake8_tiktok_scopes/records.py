"""``Record``: the class syntax of ``typing.NamedTuple``, at a fraction of its cost to define.

``typing.NamedTuple`` checks every field's annotation when it makes a class (under
``from __future__ import annotations``, a string it compiles), and ``collections.namedtuple``
compiles each class's ``__new__`` from source: an editor's check defines 34 records before any
work, and those compilations were most of what they cost. Here a record's ``__new__`` is compiled
once for each number of fields and given the record's field names, and the rest of a named tuple
(``_make``, ``_replace``, ``_asdict``, ``__repr__``, pickling) is shared by every record: the same
tuples (equality, order, hashing, defaults, ``_fields``). Type checkers see ``typing.NamedTuple``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Record"]

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    import functools
    from collections import _tuplegetter  # what collections.namedtuple makes its fields with

    class _Shared(tuple):
        """What every record has, written once (``collections.namedtuple`` writes it per class)."""

        __slots__ = ()

        @classmethod
        def _make(cls, iterable):
            made = tuple.__new__(cls, iterable)
            if len(made) != len(cls._fields):
                raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(made)}")
            return made

        def _replace(self, /, **changes):
            made = self._make(map(changes.pop, self._fields, self))
            if changes:
                raise ValueError(f"Got unexpected field names: {list(changes)!r}")
            return made

        def __repr__(self):
            shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self))
            return f"{type(self).__name__}({shown})"

        def _asdict(self):
            return dict(zip(self._fields, self))

        def __getnewargs__(self):
            return tuple(self)

    @functools.cache
    def _new_code(arity: int) -> Any:
        """The code of a ``__new__`` taking ``arity`` fields (named ``_0``, ``_1``...)."""
        names = "".join(f"_{i}, " for i in range(arity))
        return eval(f"lambda _cls, {names}: _tuple_new(_cls, ({names}))").__code__

    _GLOBALS = {"_tuple_new": tuple.__new__, "__builtins__": {}}

    class _RecordMaker(type):
        """Makes each class that derives from ``Record`` a named tuple of its annotated fields."""

        def __new__(cls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> type:
            if not bases:  # Record itself
                return super().__new__(cls, name, bases, namespace)
            fields = tuple(namespace.get("__annotations__", ()))
            if any(field.startswith("_") for field in fields):
                raise ValueError(f"{name}: a field's name cannot start with an underscore")
            defaults = tuple(namespace[field] for field in fields if field in namespace)
            required = len(fields) - len(defaults)
            if any(field in namespace for field in fields[:required]):
                raise TypeError(f"{name}: a field without a default follows a field with one")
            code = _new_code(len(fields)).replace(co_varnames=("_cls", *fields))
            new = type(lambda: None)(code, _GLOBALS, "__new__", defaults or None)
            new.__qualname__ = f"{namespace['__qualname__']}.__new__"
            made = {key: value for key, value in namespace.items() if key not in fields}
            made.update(
                {field: _tuplegetter(index, f"Field {field}") for index, field in enumerate(fields)},
                __slots__=(),
                __new__=new,
                _fields=fields,
                _field_defaults=dict(zip(fields[required:], defaults)),
                __match_args__=fields,
            )
            return type(name, (_Shared,), made)

    Record = _RecordMaker("Record", (), {})
