"""The rules: from what a module requests and declares to findings (TTS001-TTS007)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from ..recognise.observations import Declaration, Observations, Request
from ..records import Record
from ..tiktok import catalog
from ..tiktok.scopes import BASIC, Requirement, scope_sort_key
from . import authorization, needs
from .codes import message
from .findings import Finding
from .suggest import did_you_mean

if TYPE_CHECKING:
    from ..application import Elsewhere


def check(found: Observations, judge: Judge) -> Iterator[Finding]:
    """Every finding for one module, its requests judged by ``judge`` (see :func:`judge_of`)."""
    wanted = needs.of_requests(found.requests)
    yield from _missing(wanted, judge)
    yield from _unknown_fields(found.requests)
    yield from authorization.check(found)
    for use in found.deprecated:
        retired = use.endpoint.retired
        since = f", retired on {retired.date}" if retired and retired.date else ""
        what = retired.what if retired else "deprecated"
        text = message("TTS003", url=use.url, what=what, since=since, replacement=use.replacement)
        yield Finding("TTS003", use.url, text, use.where)
    if judge.asks_elsewhere or found.asks_user:
        accepted = needs.accepted(wanted) | judge.accepted_elsewhere
        place = "its application" if judge.asks_elsewhere else "this file"
        for declaration in found.stated:
            for ref in declaration.scopes:
                name = ref.scope.name
                if name in catalog.JUDGED_SCOPES and name not in accepted:
                    yield Finding("TTS006", name, message("TTS006", scope=name, place=place), ref.scope)


def describe(requirement: Requirement) -> str:
    """How a message names a requirement: ``scope 'video.publish'``, ``scope 'a' or 'b'``."""
    if requirement.label:
        return requirement.label
    return "scope " + " or ".join(f"'{scope}'" for scope in requirement.scopes)


class Judge(Record):
    """The scopes a file's requests are judged against, and how a message names them; when they
    cannot be known (None), why TTS001 is silent."""

    scopes: AbstractSet[str] | None
    named: str = ""  # "the declared scopes 'a,b'", "the scopes declared in app/oauth.py:12 ('a,b')"
    silent_because: str = ""  # for TTS005: "no scope declaration is visible ..." or where one is unresolved
    # TTS006 in the project view: what the other files' requests accept, and whether they make any
    accepted_elsewhere: frozenset[str] = frozenset()
    asks_elsewhere: bool = False


def judge_of(
    found: Observations,
    configured: AbstractSet[str] | None,
    elsewhere: Elsewhere | None = None,
    line_of: Callable[[Declaration], int] = lambda declaration: 0,
) -> Judge:
    """What a module's requests are judged against: its own declarations win; else those of the
    other files of its application (``elsewhere``, the project view); else the configured
    scopes. ``line_of`` tells the line of one of the module's declarations (0: not known)."""
    own = found.stated
    if own:
        unresolved = [d for d in own if not d.complete]
        if unresolved:
            line = line_of(unresolved[0])
            where = f"on line {line} of this file" if line else "in this file"
            return Judge(None, silent_because=f"the scope declaration {where} could not be resolved")
        declared = frozenset(ref.scope.name for d in own for ref in d.scopes)
        named = f"the declared scopes '{_listed(declared)}'"
        if elsewhere is None or elsewhere.accepted is None:
            return Judge(declared, named)
        return Judge(declared, named, accepted_elsewhere=elsewhere.accepted, asks_elsewhere=elsewhere.asks)
    if elsewhere:
        if elsewhere.unresolved:
            where = elsewhere.unresolved[0].where
            return Judge(None, silent_because=f"the scope declaration at {where} could not be resolved")
        scopes = elsewhere.scopes
        return Judge(scopes, f"the scopes declared in {elsewhere.origins} ('{_listed(scopes)}')")
    if configured:
        return Judge(configured, f"the configured scopes '{_listed(configured)}'")
    return Judge(
        None, silent_because="no scope declaration is visible and none is configured (--tiktok-scopes)"
    )


def _listed(scopes: AbstractSet[str]) -> str:
    return ",".join(sorted(scopes, key=scope_sort_key))


def _missing(wanted: Sequence[needs.Need], judge: Judge) -> Iterator[Finding]:
    """TTS001 for every need the scopes do not meet; TTS005 for gated fields when they cannot be known."""
    scopes = judge.scopes
    if scopes is not None:
        unmet = [need for need in wanted if not need.requirement.met_by(scopes)]
        served = needs.serving((need.requirement for need in unmet), scopes)
        # A request whose field lacks the scope is reported at the field; its URL is not also
        # reported for a parameter value (the scope added for the field serves both).
        fielded = {id(need.request) for need in unmet if need.is_field}
        for need in unmet:
            if not need.is_field and id(need.request) in fielded:
                continue
            scope = describe(need.requirement)
            text = message(
                "TTS001", subject=need.subject, detail=need.detail, scope=scope, scopes=judge.named
            )
            yield Finding("TTS001", need.subject, text, need.where, served[need.requirement], need.request)
    else:
        gated = [need for need in wanted if need.is_field and BASIC not in need.requirement.scopes]
        served = needs.serving(need.requirement for need in gated)
        for need in gated:
            text = message(
                "TTS005", field=need.subject, scope=describe(need.requirement), why=judge.silent_because
            )
            yield Finding("TTS005", need.subject, text, need.where, served[need.requirement], need.request)


def _unknown_fields(requests: Sequence[Request]) -> Iterator[Finding]:
    """TTS002: a field that is not a field of its endpoint."""
    for request in requests:
        endpoint = request.endpoint
        if endpoint.fields is None:
            continue
        for written in request.fields:
            name = written.name
            if name not in endpoint.fields:
                text = message("TTS002", field=name, endpoint=endpoint.url, hint=_field_hint(name, endpoint))
                yield Finding("TTS002", name, text, written, origin=request)


def _field_hint(name: str, endpoint: catalog.Endpoint) -> str:
    if name in endpoint.misspellings:
        meant = endpoint.misspellings[name]
        return f"; did you mean '{meant}'?" if meant else " (TikTok does not provide it)"
    close = did_you_mean(name, endpoint.fields or ())
    return f"; did you mean '{close}'?" if close else ""
