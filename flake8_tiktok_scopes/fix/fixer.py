"""What a fixer is: it turns the findings of one code into edits, within one round of ``fix``.

A round analyses every file, asks the registry (``registry.FIXERS``) for the fixers of each
finding's code and hands them the finding and its file. A fixer plans edits on
``self.plan`` and says what it did (``plan.done``) or why it could not (``plan.left``);
nothing is written until every fixer of the round has planned.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from ..frontends.workspace import Options
from ..recognise.observations import Declaration
from ..rules.findings import Located, ScopeAt
from .edits import Edits
from .scopes import File


@dataclass
class Plan:
    """The edits of one round, per file, and what was said about them."""

    edits: dict[str, Edits] = field(default_factory=dict)
    done: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    renamed: dict[tuple[int, int], str] = field(default_factory=dict)  # (id of literal, offset) -> name

    def of(self, path: str) -> Edits:
        """The edits of one file."""
        return self.edits.setdefault(path, Edits())


@dataclass
class Round:
    """One round of fixing: the analysed files, the options of the run, the plan being made."""

    files: dict[str, File]
    options: Options
    plan: Plan = field(default_factory=Plan)


class Fixer(ABC):
    """Plans the edits that make one kind of finding go away; a new one is made each round."""

    def __init__(self, context: Round) -> None:
        self.round = context
        self.plan = context.plan

    @abstractmethod
    def fix(self, finding: Located, file: File) -> None:
        """Plan the edits for one finding of ``file`` (or say in ``plan.left`` why there are none)."""

    def finish(self) -> None:  # noqa: B027 (an optional hook: most fixers have nothing to finish)
        """Called once every finding of the round was seen (for fixers that gather first)."""


class ScopeFixer(Fixer):
    """A fixer of findings about one declared scope (their origin is a :class:`ScopeAt`)."""

    def fix(self, finding: Located, file: File) -> None:
        """Fix the scope in each declaration of the file that holds it as written."""
        if isinstance(finding.origin, ScopeAt):
            for declaration, index in file.holding(finding.origin.ref):
                self.fix_scope(file, declaration, index)

    @abstractmethod
    def fix_scope(self, file: File, declaration: Declaration, index: int) -> None:
        """Plan the edits for the scope at ``index`` of ``declaration``."""
