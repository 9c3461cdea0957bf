"""TTS001, a scope the declared scopes lack: added to the declaration that serves the request."""

from __future__ import annotations

import functools

from ..recognise.observations import Declaration, ScopeRef
from ..rules.findings import Located
from ..tiktok import catalog
from .fixer import Fixer, Plan, Round
from .scopes import File, Target, target, written_span


class MissingScopes(Fixer):
    """Gathers the scopes each declaration lacks, then adds them after its last scope."""

    def __init__(self, context: Round) -> None:
        super().__init__(context)
        self.missing: dict[int, tuple[Target, set[str]]] = {}  # id of the literal -> target, scopes

    def fix(self, finding: Located, file: File) -> None:
        """Note the missing scope for the file's own declaration, else for the project's."""
        if not finding.needs:
            return
        where = f"{file.path}:{finding.line}: '{finding.subject}' needs '{finding.needs}'"
        serving = _file_target(file) if file.declarations else self.project_target
        if isinstance(serving, Target):
            self.missing.setdefault(id(serving.node), (serving, set()))[1].add(finding.needs)
        elif serving is None:
            self.plan.left.append(f"{where}: the configured scopes lack it; add it to tiktok-scopes")
        else:
            self.plan.left.append(f"{where}: the declaration at {serving}")

    def finish(self) -> None:
        """Add what each declaration lacks, once for all the findings it serves."""
        for found, missing in self.missing.values():
            add_missing(found, missing, self.plan)

    @functools.cached_property
    def project_target(self) -> Target | str | None:
        """With ``--project``, the declaration that serves files declaring nothing; else None."""
        return _project_target(self.round.files) if self.round.options.project else None


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


def _project_target(files: dict[str, File]) -> Target | str | None:
    """The project's declaration: the first editable one, in files without requests first
    (a settings module), then in path order."""
    reason: str | None = None
    for file in sorted(files.values(), key=lambda f: f.requests):
        if file.declarations:
            found = _file_target(file)
            if isinstance(found, Target):
                return found
            reason = reason or found
    return reason
