"""Which scopes a request needs: the one answer TTS001, TTS005, TTS006, ``scopes`` and ``fix`` share.

A request to a user-token endpoint needs, for each field it names, that field's scope; when it
names no field of the endpoint, the endpoint's scope as a whole; and for each value of the
endpoint's scope parameter (``post_mode``, ``category_selection_list``), that value's scope.
Requests to client-token APIs (Research, Commercial Content) need nothing a login declares.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet

from ..recognise.observations import Request, Written
from ..records import Record
from ..tiktok.endpoints import USER
from ..tiktok.scopes import Requirement


class Need(Record):
    """Something a request asks for, where it is written, and the scopes that satisfy it."""

    subject: str  # the field, or the endpoint's URL
    where: Written
    requirement: Requirement
    is_field: bool
    request: Request
    detail: str = ""  # why, when the subject alone does not say: " with post_mode 'DIRECT_POST'"


def of_request(request: Request) -> Iterator[Need]:
    """What one request needs."""
    endpoint = request.endpoint
    if endpoint.token != USER:
        return
    named = False
    for written in request.fields:
        requirement = (endpoint.fields or {}).get(written.name)
        if requirement is not None:
            named = True
            yield Need(written.name, written, requirement, True, request)
    url = request.url
    if url is None:
        return
    whole = endpoint.scope if not named else None
    parameter = endpoint.parameter
    if parameter is not None and request.choices:
        for value in request.choices:
            requirement = parameter.values.get(value or "")
            if requirement is not None:
                detail = f" with {parameter.name} '{value}'"
                yield Need(url.name, url, requirement, False, request, detail)
            elif whole is not None:  # a value not resolved or not documented: any of the endpoint's scopes
                yield Need(url.name, url, whole, False, request)
    elif whole is not None:
        yield Need(url.name, url, whole, False, request)


def of_requests(requests: Iterable[Request]) -> list[Need]:
    """What every request needs."""
    return [need for request in requests for need in of_request(request)]


def serving(
    requirements: Iterable[Requirement], given: AbstractSet[str] = frozenset()
) -> dict[Requirement, str]:
    """The scope that serves each requirement in a smallest set of scopes that meets them all.

    Scopes in ``given`` (declared already) serve first; a requirement only one scope meets adds
    it; then each of the others is served by a scope already chosen, else by its first scope.
    """
    requirements = set(requirements)
    chosen = set(given) | {r.scopes[0] for r in requirements if len(r.scopes) == 1}
    served: dict[Requirement, str] = {}
    for requirement in sorted(requirements, key=lambda r: (len(r.scopes), r.scopes)):
        scope = next((s for s in requirement.scopes if s in chosen), requirement.scopes[0])
        chosen.add(scope)
        served[requirement] = scope
    return served


def accepted(needs: Iterable[Need]) -> set[str]:
    """Every scope some need accepts (a declared scope outside it is needed by nothing)."""
    return {scope for need in needs for scope in need.requirement.scopes}
