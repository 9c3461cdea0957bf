"""``tiktok-scopes scopes``: the minimal scope string the requests need, and who needs what."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..analysis.places import Places
from ..records import Record
from ..rules import needs
from ..tiktok import catalog
from .report import printable
from .workspace import Workspace


class Need(Record):
    """One requested field (or endpoint, needed as a whole) that needs a scope, where it is written."""

    path: str
    line: int  # 0: written in another module (placed in that module's own entry)
    column: int  # 0-based
    subject: str  # the field, or the endpoint's URL
    is_field: bool
    alone: bool  # in a function nothing in its file calls (run on its own, its parameters unknown)


@dataclass
class Needs:
    """Each scope the requests need, with the fields that need it."""

    by_scope: dict[str, set[Need]] = field(default_factory=dict)

    @property
    def scopes(self) -> list[str]:
        """The scopes, in the catalog's order."""
        return sorted(self.by_scope, key=catalog.scope_sort_key)

    @property
    def scope_string(self) -> str:
        """Ready to paste into an authorization URL: ``user.info.basic,user.info.stats``."""
        return ",".join(self.scopes)

    def as_json(self) -> str:
        """The scope string, and per scope the fields and endpoints that need it and their
        places (1-based; ``uncalled``: in a function that nothing in its file calls). A field a
        file asks for through another module's function is written there: that module's own
        place is listed when it is checked, and the asking file adds none."""
        needs: list[dict[str, Any]] = []
        for scope in self.scopes:
            places_ = sorted(self.by_scope[scope])
            needs.append(
                {
                    "scope": scope,
                    "fields": sorted({n.subject for n in places_ if n.is_field}),
                    "endpoints": sorted({n.subject for n in places_ if not n.is_field}),
                    "locations": [
                        {
                            "path": printable(n.path),
                            "line": n.line,
                            "column": n.column + 1,
                            "field" if n.is_field else "endpoint": n.subject,
                            "uncalled": n.alone,
                        }
                        for n in places_
                        if n.line
                    ],
                }
            )
        return json.dumps({"scopes": self.scope_string, "needs": needs}, indent=2) + "\n"


def needed_scopes(workspace: Workspace) -> Needs:
    """What every request of the workspace's files needs (fields that do not exist are left out)."""
    found = {
        path: needs.of_requests(analysis.observations.requests) for path, analysis in workspace.analysed()
    }
    served = needs.serving(need.requirement for wanted in found.values() for need in wanted)
    report = Needs()
    for path, analysis in workspace.analysed():
        located = Places.of_all(analysis.module, [need.where for need in found[path]], analysis.layout)
        for need, place in zip(found[path], located):
            line, column = place if place is not None else (0, 0)
            scope = served[need.requirement]
            report.by_scope.setdefault(scope, set()).add(
                Need(path, line, column, need.subject, need.is_field, need.request.alone)
            )
    return report
