"""``tiktok-scopes fix``: edit scope declarations so that the checker's TTS001 and TTS004 go away.

The findings come from the engine, as ``check`` reports them; this module only decides how
to edit the literal each one points at: add the missing scopes to the declaration that
serves the request, turn space separators into commas, replace an unknown scope when
exactly one known scope is close to it. Everything else is left as written.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field

import libcst as cst
from libcst.metadata import MetadataWrapper, ParentNodeProvider

from ..analysis.places import Places
from ..engine import Analysis
from ..frontends.workspace import Options, Workspace
from ..recognise.observations import Declaration, ScopeRef
from ..tiktok import catalog
from .edits import Edits, ListLike

#: How close (difflib ratio) an unknown name must be to a known scope to be replaced by it;
#: stricter than the 0.75 of TTS004's "did you mean", so that one obvious typo has one candidate.
CLOSE = 0.85
_LISTS = (cst.List, cst.Tuple, cst.Set)
_STRINGS = (cst.SimpleString, cst.FormattedStringText)


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


@dataclass
class Plan:
    """The edits of one round, per file, and what was said about them."""

    edits: dict[str, Edits] = field(default_factory=dict)
    done: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    missing: dict[int, tuple[Target, set[str]]] = field(default_factory=dict)
    renamed: dict[tuple[int, int], str] = field(default_factory=dict)  # (id of literal, offset) -> name

    def of(self, path: str) -> Edits:
        """The edits of one file."""
        return self.edits.setdefault(path, Edits())


class File:
    """One analysed file: its declarations, where their scopes are written, its parents map."""

    def __init__(self, path: str, analysis: Analysis) -> None:
        self.path = path
        self.module = analysis.module
        self.declarations = [d for d in analysis.observations.declarations if d.scopes]
        refs = [ref.scope for d in self.declarations for ref in d.scopes]
        found = iter(Places.of_all(self.module, refs, analysis.layout))
        self.where: dict[int, tuple[int, int] | None] = {
            id(ref): next(found) for d in self.declarations for ref in d.scopes
        }
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

    def refs_at(self, line: int, column: int, name: str) -> Iterator[tuple[Declaration, int]]:
        """The scopes written at a place: each declaration that holds it, and its index there."""
        for declaration in self.declarations:
            for index, ref in enumerate(declaration.scopes):
                if ref.scope.name == name and self.where.get(id(ref)) == (line, column):
                    yield declaration, index

    def element(self, node: cst.CSTNode) -> tuple[ListLike, int] | None:
        """The list/tuple/set literal whose element is ``node`` exactly, and the element's index."""
        element = self.parent(node)
        literal = self.parent(element) if isinstance(element, cst.Element) else None
        if isinstance(literal, _LISTS) and isinstance(element, cst.Element):
            return literal, list(literal.elements).index(element)
        return None


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


def normalize(file: File, declaration: Declaration, index: int, plan: Plan) -> None:
    """Fix what TTS004 says of one scope: a misspelt name, a space before it, a space-joined list."""
    ref = declaration.scopes[index]
    name, line, edits = ref.scope.name, file.line(ref), plan.of(file.path)
    where = f"{file.path}:{line}"
    if name not in catalog.KNOWN_SCOPES:
        span, replacement = written_span(ref), fixed_name(name)
        if replacement is None:
            plan.left.append(f"{where}: '{name}' left as is: no single known scope is close to it")
        elif span is None:
            plan.left.append(f"{where}: '{name}' left as is: it is not written as a literal")
        else:
            edits.splice(*span, replacement)
            plan.renamed[(id(span[0]), span[1])] = replacement
            plan.done.append(f"{where}: '{name}' -> '{replacement}'")
    if ref.after_space and index > 0:
        _comma_before(file, declaration, index, plan)
    if declaration.joined_by and len(declaration.scopes) > 1:
        _join_list(file, declaration, plan)


def _comma_before(file: File, declaration: Declaration, index: int, plan: Plan) -> None:
    previous, ref = written_span(declaration.scopes[index - 1]), written_span(declaration.scopes[index])
    where = f"{file.path}:{file.line(declaration.scopes[index])}"
    if previous and ref and previous[0] is ref[0]:
        plan.of(file.path).splice(ref[0], previous[2], ref[1], ",")
        plan.done.append(f"{where}: scopes separated by a comma")
        return
    separator = _join_separator(file, previous[0] if previous else None, ref[0] if ref else None)
    if separator is None:  # the space written as a literal of its own: " ".join(NAMES), a + " " + b
        separator = _space_literal(declaration.scopes[index])
    if separator is None:
        plan.left.append(f"{where}: space before '{declaration.scopes[index].scope.name}' left as is")
        return
    start, end = body(separator)
    plan.of(file.path).splice(separator, start, end, ",")
    plan.done.append(f"{where}: scopes joined with a comma")


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


def _join_list(file: File, declaration: Declaration, plan: Plan) -> None:
    """A list a library joins with spaces, passed right there: one comma-joined string instead."""
    first = written_span(declaration.scopes[0])
    holder = file.element(first[0]) if first else None
    where = f"{file.path}:{file.line(declaration.scopes[0])}"
    literal = holder[0] if holder else None
    spans = [written_span(ref) for ref in declaration.scopes]
    if literal is not None and not isinstance(file.parent(literal), (cst.Arg, cst.DictElement)):
        passed = _passed_by_name(declaration)
        if passed is not None:  # OAuth2Session(scope=SCOPES): pass ",".join(SCOPES)
            if passed not in plan.of(file.path).wraps:
                plan.of(file.path).wrap(passed)
                plan.done.append(f"{where}: list of scopes passed as one comma-joined string")
            return
    if (
        literal is None
        or not isinstance(file.parent(literal), (cst.Arg, cst.DictElement))
        or any(s is None or file.element(s[0]) is None for s in spans)
        or len(literal.elements) != len(declaration.scopes)
    ):
        plan.left.append(f"{where}: list of scopes left as is: pass them as one comma-joined string")
        return
    if literal not in plan.of(file.path).joins:
        names = [fixed_name(ref.scope.name) or ref.scope.name for ref in declaration.scopes]
        plan.of(file.path).join(literal, list(dict.fromkeys(names)))
        plan.done.append(f"{where}: list of scopes turned into one comma-joined string")


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


def add_missing(found: Target, missing: set[str], plan: Plan) -> None:
    """Add scopes after the last one a declaration names (in its string, or as list elements)."""
    edits = plan.of(found.path)
    present = {_renamed(ref, plan) for ref in found.declaration.scopes}
    if found.literal is not None and found.literal in edits.joins:
        present.update(edits.joins[found.literal])
    names = sorted(missing - present, key=catalog.scope_sort_key)
    if not names:
        return
    listed = ", ".join(f"'{name}'" for name in names)
    plan.done.append(f"{found.path}:{found.line}: added {listed} to the declared scopes")
    if found.literal is not None and found.literal in edits.joins:
        edits.joins[found.literal] += [n for n in names if n not in edits.joins[found.literal]]
    elif found.literal is not None:
        edits.insert(found.literal, found.index, names)
    else:
        edits.splice(found.node, found.end, found.end, "".join(found.separator + name for name in names))


def _renamed(ref: ScopeRef, plan: Plan) -> str:
    span = written_span(ref)
    return plan.renamed.get((id(span[0]), span[1]), ref.scope.name) if span else ref.scope.name


def plan_round(workspace: Workspace, options: Options) -> Plan:
    """The edits that fix every fixable TTS001 and TTS004 the files have now."""
    plan = Plan()
    files = {path: File(path, analysis) for path, analysis in workspace.analysed()}
    requests = {path: bool(a.observations.requests) for path, a in workspace.analysed()}
    fallback = _project_target(files, requests) if options.project else None
    for path, file in files.items():
        for finding in workspace.findings(path, options):
            if finding.code == "TTS004":
                for declaration, index in list(file.refs_at(finding.line, finding.column, finding.subject)):
                    normalize(file, declaration, index, plan)
            elif finding.code == "TTS001" and finding.needs:
                where = f"{path}:{finding.line}: '{finding.subject}' needs '{finding.needs}'"
                serving = _file_target(file) if file.declarations else fallback
                if isinstance(serving, Target):
                    plan.missing.setdefault(id(serving.node), (serving, set()))[1].add(finding.needs)
                elif serving is None:
                    plan.left.append(f"{where}: the configured scopes lack it; add it to tiktok-scopes")
                else:
                    plan.left.append(f"{where}: the declaration at {serving}")
    for found, missing in plan.missing.values():
        add_missing(found, missing, plan)
    return plan


def _file_target(file: File) -> Target | str:
    """The declaration of a file that gets its missing scopes; else why none can."""
    widest = _widest(file.declarations)
    targets = [target(file, d) for d in widest]
    editable = [t for t in targets if isinstance(t, Target)]
    if editable:
        return min(editable, key=lambda t: (not t.declaration.about_tiktok, t.line))
    return f"{file.path}:{file.line(widest[0].scopes[0])} cannot be edited: {targets[0]}"


def _widest(declarations: list[Declaration]) -> list[Declaration]:
    """Leave out declarations whose scopes are part of another's (a list's items seen one by one)."""

    def written(declaration: Declaration) -> frozenset[tuple[int, int]]:
        return frozenset(
            (id(ref.scope.anchor.node), ref.scope.anchor.offset)
            for ref in declaration.scopes
            if ref.scope.anchor is not None
        )

    sets = [written(d) for d in declarations]
    return [d for d, mine in zip(declarations, sets) if not any(mine < other for other in sets)]


def _project_target(files: dict[str, File], requests: dict[str, bool]) -> Target | str | None:
    """The project's declaration: the first editable one, in files without requests first
    (a settings module), then in path order."""
    reason: str | None = None
    for file in sorted(files.values(), key=lambda f: requests[f.path]):
        if file.declarations:
            found = _file_target(file)
            if isinstance(found, Target):
                return found
            reason = reason or found
    return reason
