"""Which fixers fix which code, and one round of ``fix``: every finding handed to its code's fixers.

Adding a fixable rule is one entry here: the code, and the fixer classes that make its
findings go away (see CONTRIBUTING.md). Codes without an entry are left to the user.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..frontends.workspace import Options, Workspace
from .fixer import Fixer, Plan, Round
from .missing_scopes import MissingScopes
from .scope_names import MisspeltScope
from .scopes import File
from .separators import SpaceSeparator
from .space_joined import SpaceJoinedList

#: The fixers of each code, in the order they see a finding.
FIXERS: Mapping[str, Sequence[type[Fixer]]] = {
    "TTS001": (MissingScopes,),
    "TTS004": (MisspeltScope, SpaceSeparator, SpaceJoinedList),
}


def plan_round(workspace: Workspace, options: Options) -> Plan:
    """The edits that fix every finding the files have now that a fixer can fix."""
    files = {path: File(path, analysis) for path, analysis in workspace.analysed()}
    context = Round(files, options)
    fixers = {kind: kind(context) for kinds in FIXERS.values() for kind in kinds}
    for path, file in files.items():
        for finding in workspace.findings(path, options):
            for kind in FIXERS.get(finding.code, ()):
                fixers[kind].fix(finding, file)
    for fixer in fixers.values():
        fixer.finish()
    return context.plan
