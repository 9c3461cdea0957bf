"""The observer that turns what the interpreter sees into :class:`~.observations.Observations`."""

from __future__ import annotations

import libcst as cst

from ..analysis.bindings import ClassInfo
from ..analysis.evaluate import CallSite
from ..analysis.values import Mapping, Value, texts_of
from . import declarations, requests, urls
from .observations import DeprecatedUse, Observations


class Collector:
    """Collects requests, declarations and deprecated URLs from one module."""

    def __init__(self) -> None:
        self.found = Observations()
        self._assignments: list[tuple[str, Value, cst.CSTNode, ClassInfo | None]] = []

    def written(self, node: cst.BaseExpression, value: Value, *, declares: bool = True) -> None:
        """A string expression was evaluated (``declares`` is False for compared strings)."""
        for text in texts_of(value):
            found = list(urls.find_urls(text))
            self.found.requests.extend(requests.in_string(node, found))
            if declares:
                self.found.declarations.extend(declarations.in_string(node, text, found))
            self.found.deprecated.extend(requests.deprecated(node, ((url, text) for url in found)))

    def called(self, site: CallSite) -> None:
        """A call was evaluated."""
        found = list(requests.call_urls(site))
        self.found.requests.extend(requests.in_call(site, [(url, text) for url, text, _ in found]))
        relative = ((url, base) for url, base, was_relative in found if was_relative)
        self.found.deprecated.extend(requests.deprecated(site.node, relative))
        for item in requests.in_sdk_call(site):
            if isinstance(item, DeprecatedUse):
                self.found.deprecated.append(item)
            else:
                self.found.requests.append(item)
        self.found.declarations.extend(declarations.in_call(site))

    def built_dict(self, node: cst.Dict, value: Mapping) -> None:
        """A dict literal was evaluated."""
        self.found.declarations.extend(declarations.in_dict(node, value))

    def assigned(self, path: str, value: Value, node: cst.CSTNode, owner: ClassInfo | None) -> None:
        """A name, attribute or item was assigned (judged once the classes are complete)."""
        self._assignments.append((path, value, node, owner))

    def finish(self) -> Observations:
        """Everything found, once the whole module has been interpreted."""
        for path, value, node, owner in self._assignments:
            self.found.declarations.extend(declarations.in_assignment(path, value, node, owner))
        self._assignments.clear()
        return self.found
