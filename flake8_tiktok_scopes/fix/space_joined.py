"""TTS004, a list of scopes that an OAuth library joins with spaces: passed as one comma-joined string."""

from __future__ import annotations

import libcst as cst

from ..recognise.observations import Declaration
from .fixer import ScopeFixer
from .scopes import File, fixed_name, written_span


class SpaceJoinedList(ScopeFixer):
    """``OAuth2Session(scope=["a", "b"])`` -> ``scope="a,b"``; ``scope=SCOPES`` -> ``",".join(SCOPES)``."""

    def fix_scope(self, file: File, declaration: Declaration, index: int) -> None:
        """Join the list the declaration's library would join with spaces, where it is passed."""
        if not declaration.joined_by or len(declaration.scopes) < 2:
            return
        first = written_span(declaration.scopes[0])
        holder = file.element(first[0]) if first else None
        where = f"{file.path}:{file.line(declaration.scopes[0])}"
        literal = holder[0] if holder else None
        spans = [written_span(ref) for ref in declaration.scopes]
        edits = self.plan.of(file.path)
        if literal is not None and not isinstance(file.parent(literal), (cst.Arg, cst.DictElement)):
            passed = _passed_by_name(declaration)
            if passed is not None:  # OAuth2Session(scope=SCOPES): pass ",".join(SCOPES)
                if passed not in edits.wraps:
                    edits.wrap(passed)
                    self.plan.done.append(f"{where}: list of scopes passed as one comma-joined string")
                return
        if (
            literal is None
            or not isinstance(file.parent(literal), (cst.Arg, cst.DictElement))
            or any(s is None or file.element(s[0]) is None for s in spans)
            or len(literal.elements) != len(declaration.scopes)
        ):
            self.plan.left.append(f"{where}: list of scopes left as is: pass them as one comma-joined string")
            return
        if literal not in edits.joins:
            names = [fixed_name(ref.scope.name) or ref.scope.name for ref in declaration.scopes]
            edits.join(literal, list(dict.fromkeys(names)))
            self.plan.done.append(f"{where}: list of scopes turned into one comma-joined string")


def _passed_by_name(declaration: Declaration) -> cst.Name | cst.Attribute | None:
    """The name a call passes as its ``scope=`` (or ``client_kwargs={"scope": ...}``) argument."""
    call = declaration.scopes[0].scope.fallback
    if not isinstance(call, cst.Call):
        return None
    candidates: list[cst.BaseExpression] = []
    for arg in call.args:
        keyword = arg.keyword.value if arg.keyword else None
        if keyword in ("scope", "scopes"):
            candidates.append(arg.value)
        elif keyword == "client_kwargs" and isinstance(arg.value, cst.Dict):
            candidates.extend(
                element.value
                for element in arg.value.elements
                if isinstance(element, cst.DictElement)
                and isinstance(element.key, cst.SimpleString)
                and element.key.evaluated_value == "scope"
            )
    names = [c for c in candidates if isinstance(c, (cst.Name, cst.Attribute))]
    return names[0] if len(names) == 1 else None
