"""The observer that turns what the interpreter sees into :class:`~.observations.Observations`.

Observations made while a function runs on its own (no call bound its parameters) are tagged
with that run; the interpreter discards them when a call of the function ran it after all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

import libcst as cst

from ..analysis.evaluate import CallSite
from ..analysis.objects import ClassValue
from ..analysis.values import Dict, Text, Value, decisions, select, texts_of
from . import declarations, oauth, requests, urls
from .observations import Authorization, Declaration, DeprecatedUse, OAuthFact, Observations, Request

_T = TypeVar("_T")


class Collector:
    """Collects requests, declarations and deprecated URLs from one module."""

    def __init__(self) -> None:
        self._tag: object | None = None
        self._requests: list[tuple[set[object | None], Request]] = []
        self._declarations: list[tuple[set[object | None], Declaration]] = []
        self._written: dict[tuple[int, int, bool], list[set[object | None]]] = {}
        self._kept_alive: list[Value] = []
        self._deprecated: list[DeprecatedUse] = []
        self._oauth: list[tuple[set[object | None], OAuthFact]] = []
        self._assignments: list[tuple[object | None, str, Value, cst.CSTNode, ClassValue | None]] = []
        self._discarded: set[object] = set()
        #: TikTok API base URLs assigned in a class (by id) or a module (by name), in order.
        self._bases: dict[object, dict[tuple[str, str], Text]] = {}

    # -- the observer protocol --------------------------------------------------------------

    def scope(self, tag: object | None) -> None:
        """What follows is observed in the run ``tag`` (None: a run that always counts)."""
        self._tag = tag

    def discard(self, tags: set[object]) -> None:
        """Forget what was observed in these runs."""
        self._discarded |= tags

    def written(self, node: cst.BaseExpression, value: Value, *, declares: bool = True) -> None:
        """A string expression was evaluated (``declares`` is False for compared strings).

        The same value written at the same place again (a function run for another call) is
        observed once, in every run that saw it.
        """
        key = (id(node), id(value), declares)
        seen = self._written.get(key)
        if seen is not None:
            for tags in seen:
                tags.add(self._tag)
            return
        first = len(self._requests), len(self._declarations), len(self._oauth)
        for text in texts_of(value):
            if "//" not in text.value and "." not in text.value:
                self._add(self._oauth, oauth.in_string(node, text, []))  # "client_credentials"
                continue  # neither a URL nor a scope name (most strings: keys, messages)
            found = list(urls.find_urls(text))
            self._add(self._requests, requests.in_string(node, found))
            if declares:
                self._add(self._declarations, declarations.in_string(node, text, found))
            self._deprecated.extend(requests.deprecated(node, ((url, text) for url in found)))
            self._add(self._oauth, oauth.in_string(node, text, found))
        tagged = (*self._requests[first[0] :], *self._declarations[first[1] :], *self._oauth[first[2] :])
        self._written[key] = [tags for tags, _ in tagged]
        self._kept_alive.append(value)  # its id stays its own

    def called(self, site: CallSite) -> None:
        """A call was evaluated (once for each option of a decision its arguments hold:
        ``requests.get(q["url"], params={"fields": q["fields"]})`` with ``q = QUERIES[kind]``)."""
        values = (*site.args, *site.kwargs.values())
        found_decisions: dict[int, int] = {}
        for value in values:
            found_decisions.update(decisions(value))
        if len(found_decisions) != 1:
            self._called(site)
            return
        ((choice, count),) = found_decisions.items()
        for index in range(count):
            args = tuple(select(value, choice, index) for value in site.args)
            kwargs = {key: select(value, choice, index) for key, value in site.kwargs.items()}
            self._called(site._replace(args=args, kwargs=kwargs))

    def _called(self, site: CallSite) -> None:
        found = list(requests.call_urls(site, self._bases_for(site)))
        self._add(self._requests, requests.in_call(site, [(url, text) for url, text, _ in found]))
        relative = ((url, base) for url, base, was_relative in found if was_relative)
        self._deprecated.extend(requests.deprecated(site.node, relative))
        self._add(self._requests, requests.in_sdk_call(site))
        self._add(self._declarations, declarations.in_call(site))
        self._add(self._oauth, oauth.in_call(site, [url for url, _, _ in found]))

    def built_dict(self, node: cst.Dict, value: Dict) -> None:
        """A dict literal was evaluated."""
        self._add(self._declarations, declarations.in_dict(node, value))
        self._add(self._oauth, oauth.in_dict(value))

    def assigned(
        self, path: str, value: Value, node: cst.CSTNode, owner: ClassValue | None, module: str
    ) -> None:
        """A name, attribute or item was assigned (judged once the classes are complete)."""
        self._assignments.append((self._tag, path, value, node, owner))
        for text in texts_of(value):
            base = urls.api_base(text)
            if base is not None:
                where = id(owner) if owner is not None and "." not in path.removeprefix("self.") else module
                self._bases.setdefault(where, {}).setdefault((base.host, base.path), text)

    def finish(self) -> Observations:
        """Everything found, once the whole module has been interpreted."""
        for tag, path, value, node, owner in self._assignments:
            for found in declarations.in_assignment(path, value, node, owner):
                self._declarations.append(({tag}, found))
        self._assignments.clear()
        authorization = Authorization.of(self._kept(self._oauth))
        requests = [
            request if None in tags else request._replace(alone=True)
            for tags, request in self._requests
            if self._counts(tags)
        ]
        return Observations(requests, self._kept(self._declarations), self._deprecated, authorization)

    # -- helpers -------------------------------------------------------------------------

    def _add(self, into: list[tuple[set[object | None], _T]], items: Iterable[_T]) -> None:
        into.extend(({self._tag}, item) for item in items)

    def _kept(self, tagged: list[tuple[set[object | None], _T]]) -> list[_T]:
        return [item for tags, item in tagged if self._counts(tags)]

    def _counts(self, tags: set[object | None]) -> bool:
        """True for what a run that always counts saw, or a run on its own that was not discarded."""
        return None in tags or not tags <= self._discarded

    def _bases_for(self, site: CallSite) -> Iterator[Text]:
        """The TikTok API base URLs a relative path at this call may be resolved against: those
        of the enclosing class (and its bases), else those of the module."""
        if site.owner is not None:
            found = [t for cls in site.owner.mro() for t in self._bases.get(id(cls), {}).values()]
            if found:
                yield from found
                return
        yield from self._bases.get(site.module, {}).values()
