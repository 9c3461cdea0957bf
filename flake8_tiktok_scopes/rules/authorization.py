"""Mistakes in how a module authorizes with TikTok: TTS004 (the scopes it asks for) and TTS007
(the parameters it sends, the token it uses for the Research and Commercial Content APIs)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from ..recognise.oauth import GRANT_TYPE
from ..recognise.observations import Authorization, Declaration, Observations, ScopeRef
from ..tiktok.catalog import CLIENT_CREDENTIALS, USER_GRANTS
from ..tiktok.endpoints import AUTHORIZE, CLIENT
from ..tiktok.scopes import KNOWN_SCOPES, LOGIN_KIT_SCOPES, OTHER_API_OF
from .codes import message
from .findings import Finding, ScopeAt
from .suggest import did_you_mean


def check(found: Observations) -> Iterator[Finding]:
    """TTS004 for the declared scopes, TTS007 for the OAuth parameters and grants."""
    for declaration in found.stated:
        for number, ref in enumerate(declaration.scopes):
            for problem in (
                _name_problem(found.authorization, declaration, ref),
                _joining_problem(declaration, number),
            ):
                if problem:
                    name = ref.scope.name
                    text = message("TTS004", scope=name, problem=problem)
                    yield Finding("TTS004", name, text, ref.scope, origin=ScopeAt(declaration, number))
    for misnamed in found.authorization.misnamed:
        endpoint = misnamed.endpoint
        what = "authorization page" if endpoint.kind == AUTHORIZE else "OAuth endpoint"
        problem = (
            f"is not a parameter of TikTok's {what} ({endpoint.url}); TikTok expects '{misnamed.expected}'"
        )
        name = misnamed.where.name
        yield Finding("TTS007", name, message("TTS007", parameter=name, problem=problem), misnamed.where)
    yield from _user_token_for_client_api(found)


def _name_problem(found: Authorization, declaration: Declaration, ref: ScopeRef) -> str | None:
    """What is wrong with the scope's name: unknown, or a scope of an API a user login cannot grant."""
    name = ref.scope.name
    if name not in KNOWN_SCOPES:
        close = did_you_mean(name, KNOWN_SCOPES)
        hint = f"; did you mean '{close}'?" if close else ""
        return f"is not a TikTok scope{hint}"
    api = OTHER_API_OF.get(name)
    if api is not None and _login_kit(found, declaration, ref):
        return f"is a {api.name} scope, which a Login Kit authorization cannot grant: {api.why}"
    return None


def _joining_problem(declaration: Declaration, number: int) -> str | None:
    """Scopes joined by spaces, reported once per run of them, at its first scope: the names that
    follow it are quoted in the message, so that one finding says what one edit fixes."""
    scopes = declaration.scopes
    if declaration.joined_by:
        if number > 0 or len(scopes) < 2:
            return None
        return (
            f"is joined to {_quoted(scopes[1:])} with spaces by {declaration.joined_by}, "
            "which TikTok rejects; pass one comma-joined string"
        )
    if scopes[number].after_space:
        return None
    run = list(itertools.takewhile(lambda ref: ref.after_space, scopes[number + 1 :]))
    if not run:
        return None
    return f"is separated from {_quoted(run)} by spaces; TikTok expects comma-separated scopes"


def _quoted(refs: Sequence[ScopeRef]) -> str:
    return ", ".join(f"'{ref.scope.name}'" for ref in refs)


def _login_kit(found: Authorization, declaration: Declaration, ref: ScopeRef) -> bool:
    """True when a scope is asked of a Login Kit authorization: it is written in an authorization
    URL, or in a list of Login Kit scopes in a module that authorizes users (not Business API code)."""
    anchor = ref.scope.anchor
    if anchor is not None and (id(anchor.node), anchor.offset) in found.authorize_scopes:
        return True
    if not (found.authorizes and declaration.about_tiktok) or found.business:
        return False
    return any(other.scope.name in LOGIN_KIT_SCOPES for other in declaration.scopes)


def _user_token_for_client_api(found: Observations) -> Iterator[Finding]:
    """TTS007: the Research or Commercial Content API called in a module whose only TikTok
    grants give user tokens (``authorization_code``, ``refresh_token``). Certain only when every
    grant is resolved, ``client_credentials`` is named nowhere, and no other request of the
    module takes a user token (those would explain the user grants)."""
    called = [r for r in found.requests if r.endpoint.token == CLIENT]
    grants = found.authorization.grants
    if not called or found.asks_user:
        return
    if any(g.grant is None or g.grant == CLIENT_CREDENTIALS for g in grants):
        return
    endpoint = called[0].endpoint
    for grant in grants:
        if grant.grant in USER_GRANTS and grant.where is not None:
            problem = (
                f"'{grant.grant}' gets a user access token, but this module calls the "
                f"{endpoint.product} ({endpoint.url}), which takes a client access token: "
                f"use {GRANT_TYPE} '{CLIENT_CREDENTIALS}'"
            )
            yield Finding(
                "TTS007", GRANT_TYPE, message("TTS007", parameter=GRANT_TYPE, problem=problem), grant.where
            )
