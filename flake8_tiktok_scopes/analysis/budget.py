"""The work one file may cost: a number of evaluation steps that grows with the file's size.

Every expression the interpreter evaluates spends one step (a value is itself bounded, see
:mod:`.values`); once the steps are spent, every further value is unknown (never guessed), and
where that happened is kept so that the front ends can say so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import libcst as cst

#: Steps every file may spend, and how many more per character of source.
BASE_STEPS = 50_000
STEPS_PER_CHARACTER = 3
#: How deep calls of the analysed code may nest while one is being followed.
MAX_CALL_DEPTH = 8
#: How many times one function's body may run (once per call site with new arguments).
MAX_RUNS_PER_FUNCTION = 48
#: How many elements of a literal list a ``for`` loop takes one by one.
MAX_LOOP_ITEMS = 32
#: How many modules a name may be imported through (``from .a import x`` where a imports x
#: from b...) before it is unknown; a cycle is unknown at once.
MAX_IMPORT_CHAIN = 32


class Budget:
    """Steps left for one file, and the first node evaluated after they ran out."""

    __slots__ = ("bounded_at", "exhausted_at", "steps")

    def __init__(self, characters: int) -> None:
        self.steps = BASE_STEPS + STEPS_PER_CHARACTER * characters
        self.exhausted_at: cst.CSTNode | None = None
        self.bounded_at: cst.CSTNode | None = None  # the first expression whose value met a bound

    def spend(self, node: cst.CSTNode) -> bool:
        """Note ``node`` as the first one evaluated once the steps ran out (the evaluator counts
        them down itself); False once none are left."""
        if self.steps >= 0:
            return True
        if self.exhausted_at is None:
            self.exhausted_at = node
        return False

    @property
    def exhausted(self) -> bool:
        """True once the steps are spent."""
        return self.steps < 0
