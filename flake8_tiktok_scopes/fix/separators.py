"""TTS004, scopes separated by a space: the space becomes a comma, where it is written."""

from __future__ import annotations

import libcst as cst

from ..recognise.observations import Declaration, ScopeRef
from .fixer import ScopeFixer
from .scopes import File, body, written_span


class SpaceSeparator(ScopeFixer):
    """``"user.info.basic user.info.profile"`` and ``" ".join([...])`` -> commas."""

    def fix_scope(self, file: File, declaration: Declaration, index: int) -> None:
        """Put commas where the spaces after the scope at ``index`` are written (the finding is at
        the first scope of a run of space-separated ones)."""
        scopes = declaration.scopes
        if scopes[index].after_space:
            return
        following = index + 1
        while following < len(scopes) and scopes[following].after_space:
            self._comma_before(file, declaration, following)
            following += 1

    def _comma_before(self, file: File, declaration: Declaration, index: int) -> None:
        previous, ref = written_span(declaration.scopes[index - 1]), written_span(declaration.scopes[index])
        where = f"{file.path}:{file.line(declaration.scopes[index])}"
        if previous and ref and previous[0] is ref[0]:
            self.plan.of(file.path).splice(ref[0], previous[2], ref[1], ",")
            self.plan.done.append(f"{where}: scopes separated by a comma")
            return
        separator = _join_separator(file, previous[0] if previous else None, ref[0] if ref else None)
        if separator is None:  # the space written as a literal of its own: " ".join(NAMES), a + " " + b
            separator = _space_literal(declaration.scopes[index])
        if separator is None:
            name = declaration.scopes[index].scope.name
            self.plan.left.append(f"{where}: space before '{name}' left as is")
            return
        start, end = body(separator)
        self.plan.of(file.path).splice(separator, start, end, ",")
        self.plan.done.append(f"{where}: scopes joined with a comma")


def _space_literal(ref: ScopeRef) -> cst.SimpleString | None:
    """The string literal that is nothing but the space before a scope, if there is one."""
    written = ref.separator
    if written is None or not isinstance(written.node, cst.SimpleString):
        return None
    return None if written.node.value[slice(*body(written.node))].strip() else written.node


def _join_separator(
    file: File, first: cst.CSTNode | None, second: cst.CSTNode | None
) -> cst.SimpleString | None:
    """The ``" "`` of ``" ".join([...])`` when both scopes are elements of that list literal."""
    if first is None or second is None:
        return None
    one, two = file.element(first), file.element(second)
    if one is None or two is None or one[0] is not two[0]:
        return None
    argument = file.parent(one[0])
    call = file.parent(argument) if isinstance(argument, cst.Arg) else None
    if isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "join":
        receiver = call.func.value
        if isinstance(receiver, cst.SimpleString) and not receiver.value[slice(*body(receiver))].strip():
            return receiver
    return None
