"""The rules: from what a module requests and declares to findings (TTS001-TTS006)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..recognise.observations import Declaration, Observations, Request, ScopeRef
from ..tiktok import catalog
from .codes import message
from .findings import Finding, ScopeAt

if TYPE_CHECKING:
    from ..application import Elsewhere

#: Scopes whose need the requests of a file show (TTS006 judges only these).
_MEASURABLE_SCOPES = frozenset({catalog.PROFILE, catalog.STATS, catalog.VIDEO_LIST})


def check(
    found: Observations, configured: AbstractSet[str] | None, elsewhere: Elsewhere | None = None
) -> Iterator[Finding]:
    """Every finding for one module, given the scopes configured for the project and those the
    other files of its application declare (``elsewhere``, the project view)."""
    tiktok = [d for d in found.declarations if d.scopes or not d.complete]
    judge = _judged_against(tiktok, configured, elsewhere)
    yield from _fields(found.requests, judge)
    yield from _declarations(tiktok)
    for use in found.deprecated:
        yield Finding(
            "TTS003", use.url, message("TTS003", url=use.url, replacement=use.replacement), use.where
        )
    if found.requests:
        yield from _unneeded(found.requests, tiktok)


@dataclass(frozen=True)
class Judge:
    """The scopes a file's requests are judged against, and how a message names them; when they
    cannot be known (None), why TTS001 is silent."""

    scopes: AbstractSet[str] | None
    named: str = ""  # "the declared scopes 'a,b'", "the scopes declared in app/oauth.py:12 ('a,b')"
    silent_because: str = ""  # for TTS005: "no scope declaration is visible ..." or where one is unresolved


def _judged_against(
    own: list[Declaration], configured: AbstractSet[str] | None, elsewhere: Elsewhere | None
) -> Judge:
    """The file's own declarations win; else the application's; else the configured scopes."""
    if own:
        unresolved = [d for d in own if not d.complete]
        if unresolved:
            return Judge(None, silent_because="a scope declaration in this file could not be resolved")
        declared = frozenset(ref.scope.name for d in own for ref in d.scopes)
        return Judge(declared, f"the declared scopes '{_listed(declared)}'")
    if elsewhere:
        if elsewhere.unresolved:
            where = elsewhere.unresolved[0].where
            return Judge(None, silent_because=f"the scope declaration at {where} could not be resolved")
        scopes = elsewhere.scopes
        return Judge(scopes, f"the scopes declared in {elsewhere.origins()} ('{_listed(scopes)}')")
    if configured:
        return Judge(configured, f"the configured scopes '{_listed(configured)}'")
    return Judge(
        None, silent_because="no scope declaration is visible and none is configured (--tiktok-scopes)"
    )


def _listed(scopes: AbstractSet[str]) -> str:
    return ",".join(sorted(scopes, key=catalog.scope_sort_key))


def _fields(requests: list[Request], judge: Judge) -> Iterator[Finding]:
    """TTS001, TTS002 and TTS005 for every requested field."""
    scopes = judge.scopes
    for request in requests:
        endpoint = request.endpoint
        for written in request.fields:
            name = written.name
            needed = endpoint.fields.get(name)
            if needed is None:
                hint = _field_hint(name, endpoint)
                text = message("TTS002", field=name, endpoint=endpoint.url, hint=hint)
                yield Finding("TTS002", name, text, written)
            elif scopes is not None:
                if needed not in scopes:
                    text = message("TTS001", field=name, scope=needed, scopes=judge.named)
                    yield Finding("TTS001", name, text, written, needed, request)
            elif needed != catalog.BASIC:
                text = message("TTS005", field=name, scope=needed, why=judge.silent_because)
                yield Finding("TTS005", name, text, written, needed)


def _field_hint(name: str, endpoint: catalog.Endpoint) -> str:
    if name in endpoint.misspellings:
        meant = endpoint.misspellings[name]
        return f"; did you mean '{meant}'?" if meant else " (TikTok does not provide it)"
    close = difflib.get_close_matches(name, endpoint.fields, n=1, cutoff=0.75)
    return f"; did you mean '{close[0]}'?" if close else ""


def _declarations(declarations: list[Declaration]) -> Iterator[Finding]:
    """TTS004: unknown scope names, and scopes that would be sent space-separated."""
    for declaration in declarations:
        for number, ref in enumerate(declaration.scopes):
            problem = _scope_problem(declaration, number, ref)
            if problem:
                yield Finding(
                    "TTS004",
                    ref.scope.name,
                    message("TTS004", scope=ref.scope.name, problem=problem),
                    ref.scope,
                    origin=ScopeAt(declaration, number),
                )


def _scope_problem(declaration: Declaration, number: int, ref: ScopeRef) -> str | None:
    name = ref.scope.name
    if name not in catalog.KNOWN_SCOPES:
        close = difflib.get_close_matches(name, catalog.KNOWN_SCOPES, n=1, cutoff=0.75)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"is not a TikTok scope{hint}"
    if ref.after_space:
        return "is separated from the previous scope by a space; TikTok expects comma-separated scopes"
    if declaration.joined_by and number > 0:
        return (
            f"would be joined to the previous scope with a space by {declaration.joined_by}, "
            "which TikTok rejects; pass one comma-joined string"
        )
    return None


def _unneeded(requests: list[Request], declarations: list[Declaration]) -> Iterator[Finding]:
    """TTS006: declared scopes that no request in the file needs."""
    needed = {
        scope
        for request in requests
        for written in request.fields
        if (scope := request.endpoint.fields.get(written.name)) is not None
    }
    needed.update(catalog.VIDEO_LIST for request in requests if request.endpoint.kind == "video")
    for declaration in declarations:
        for ref in declaration.scopes:
            name = ref.scope.name
            if name in _MEASURABLE_SCOPES and name not in needed:
                yield Finding("TTS006", name, message("TTS006", scope=name), ref.scope)
