"""Recognise requests to TikTok API endpoints, and retired endpoints written in the code."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import libcst as cst

from ..analysis.evaluate import CallSite
from ..analysis.values import UNKNOWN, Dict, Seq, Text, Value, alternatives, texts_of
from ..tiktok import catalog, libraries
from ..tiktok.endpoints import CLIENT, USER
from . import urls
from .observations import DeprecatedUse, Request, Written, field_names

#: Words of a callee's name that say it sends a request (``post``, ``_request``, ``api_call``).
_SENDING_WORDS = libraries.HTTP_VERBS | {"request", "send", "fetch", "urlopen", "call", "api"}
#: Keyword arguments only a request takes.
_REQUEST_KEYWORDS = frozenset(
    {"headers", "json", "data", "params", "files", "body", "auth", "timeout", "content"}
)


def in_string(node: cst.BaseExpression, found: Sequence[urls.Url]) -> Iterator[Request]:
    """An endpoint URL with ``fields=`` in its query string, wherever it is written."""
    for url in found:
        endpoint = urls.endpoint_at(url)
        if endpoint is not None and endpoint.fields is not None:
            fields = tuple(f for v in url.params("fields") for f in field_names(v, node))
            if fields:
                yield Request(endpoint, fields, Written(url.written, url.anchor, node), carried=True)


def deprecated(node: cst.CSTNode, found: Iterable[tuple[urls.Url, Text]]) -> Iterator[DeprecatedUse]:
    """Retired endpoints among URLs, reported where each one's host is written."""
    for url, text in found:
        endpoint = urls.retired_endpoint(url)
        if endpoint is not None:
            written = Written(url.written, urls.host_written(text, url), node)
            yield DeprecatedUse(written.name, endpoint, written)


def in_call(site: CallSite, found_urls: Sequence[tuple[urls.Url, Text]]) -> Iterator[Request]:
    """A call whose URL argument names an API endpoint (the URL decides, not the library).

    ``found_urls`` are the URLs its URL arguments name (:func:`call_urls`). When they may
    name endpoints of different kinds (``USER if x else VIDEO``), which fields go with
    which endpoint is not known: no request.
    """
    found = [
        (endpoint, url)
        for url, _ in found_urls
        if (endpoint := urls.endpoint_at(url)) is not None and endpoint.token in (USER, CLIENT)
    ]
    if not found or len({endpoint.kind for endpoint, _ in found}) > 1:
        return  # (cheap, and most calls) no endpoint; or which fields go where is not known
    values = (*site.args, *site.kwargs.values())
    given = [f for value in values for f in _entries(value, "fields")]
    given.append(site.kwargs.get("fields", Text()))
    for endpoint, url in found:
        fields: tuple[Written, ...] = ()
        carried = False  # the fields are all in the URL's query
        if endpoint.fields is not None:
            queried = list(urls.query_params(url.query, "fields"))
            named = (*queried, *given)
            in_query = tuple(f for v in queried for f in field_names(v, site.node))
            fields = in_query + tuple(f for v in given for f in field_names(v, site.node))
            carried = len(in_query) == len(fields) > 0
            if not fields and endpoint.token == USER and any(not _empty(v) for v in named):
                continue  # fields are sent, but which is not known: never guessed
        choices = None
        if endpoint.parameter is not None:
            choices = _choices([v for value in values for v in _entries(value, endpoint.parameter.name)])
        if fields or url.relative or _sends(site):  # with no fields, the endpoint still needs its scope
            yield Request(
                endpoint, fields, Written(url.written, url.anchor, site.node), choices, carried=carried
            )


def _sends(site: CallSite) -> bool:
    """True for a call that sends a request, not one that prints or logs a URL: its name says so
    (``post``, ``_request``, ``call_api``), or it takes arguments only a request takes (``headers=``).
    (A relative path handed to a helper is a request: it names an endpoint under an API base.)"""
    if any(isinstance(r, (Dict, Seq, Text)) for r in alternatives(site.receiver or UNKNOWN)):
        return False  # LIMITS.get(URL): a lookup in data
    name = site.method or (site.callee or "").rsplit(".", 1)[-1]
    words = name.lower().split("_")
    return not _SENDING_WORDS.isdisjoint(words) or not _REQUEST_KEYWORDS.isdisjoint(site.kwargs)


def in_sdk_call(site: CallSite) -> Iterator[Request]:
    """python-tiktok's ``KitApi`` methods that request fields (of v1 endpoints, which the SDK
    writes itself: no TTS003 here, where no URL is written)."""
    method = catalog.PYTIKTOK_METHODS.get(site.method or "")
    if method is None or not (site.callee or "").startswith("pytiktok."):
        return
    node = site.node.func.attr if isinstance(site.node.func, cst.Attribute) else site.node
    url = method.endpoint.url
    position = method.fields_position
    given = site.kwargs.get("fields", site.args[position] if len(site.args) > position else None)
    if given is None:
        fields = tuple(Written(name, None, node) for name in method.default_fields)
    else:
        fields = tuple(field_names(given, node))
    yield Request(method.endpoint, fields, Written(url, None, node))


def call_urls(site: CallSite, bases: Iterable[Text]) -> Iterator[tuple[urls.Url, Text, bool]]:
    """The URLs a call's URL arguments name, the string that holds each one's host, and
    whether it was given as a relative path.

    A relative path (``"user/info/"``) is resolved against the one TikTok API base URL in
    scope: the client's ``base_url=``, else the enclosing class's, else the module's (``bases``).
    """
    if site.runs_code or site.callee in libraries.URL_BUILDERS:
        return  # the function's body, run with these arguments, makes the request; a builder sends none
    candidates = [*site.args[:2], *(site.kwargs[k] for k in libraries.URL_KEYWORDS if k in site.kwargs)]
    for candidate in candidates:
        for text in (t for t in alternatives(candidate) if isinstance(t, Text)):
            absolute = list(urls.find_urls(text))
            yield from ((url, text, False) for url in absolute)
            if not absolute:
                yield from ((url, base, True) for url, base in _relative(site, text, bases))


def _relative(site: CallSite, text: Text, bases: Iterable[Text]) -> Iterator[tuple[urls.Url, Text]]:
    relative = urls.relative_path(text)
    if relative is None:
        return
    path, query = relative
    if site.base_url is not None:  # httpx.Client(base_url=...).get(path)
        bases = list(texts_of(site.base_url))
    found: dict[tuple[str, str], tuple[urls.ApiBase, Text]] = {}
    for candidate in bases:
        base = urls.api_base(candidate)
        if base is not None:
            found.setdefault((base.host, base.path), (base, candidate))
    if len(found) == 1:  # with several bases, which one the helper uses is not known
        ((base, written),) = found.values()
        anchor = text.anchor(0) or written.anchor(0)  # the endpoint is named where the path is written
        yield urls.Url(base.host, base.host_index, base.join(path), query, anchor, True), written


def _empty(value: Value) -> bool:
    """True for a value that is known to be an empty string (no ``fields`` given)."""
    return all(isinstance(a, Text) and not a.value for a in alternatives(value))


def _entries(value: Value, key: str) -> Iterator[Value]:
    """The ``key`` entries of a params/json/data argument: a dict, a list or tuple of pairs, or a
    query string."""
    for alternative in alternatives(value):
        if isinstance(alternative, Dict):
            found = alternative.get(key)
            if found is not None:
                yield found
        elif isinstance(alternative, Seq):
            for pair in alternative.items:
                if isinstance(pair, Seq) and len(pair.items) == 2:
                    name = pair.items[0]
                    if isinstance(name, Text) and name.value == key:
                        yield pair.items[1]
        elif isinstance(alternative, Text):  # a query string (httpx.QueryParams, urlencode)
            yield from urls.query_params(alternative, key)


def _choices(given: list[Value]) -> tuple[str | None, ...] | None:
    """The values a scope parameter may hold (each item of a list is one); None when not given."""
    if not given:
        return None
    choices: list[str | None] = []
    for value in given:
        for alternative in alternatives(value):
            items = alternative.items if isinstance(alternative, Seq) else (alternative,)
            for item in items:
                for option in alternatives(item):
                    known = isinstance(option, Text) and option.complete
                    choices.append(option.value if isinstance(option, Text) and known else None)
    return tuple(choices)
