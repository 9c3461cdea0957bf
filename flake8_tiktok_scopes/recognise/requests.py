"""Recognise requests to endpoints that take ``fields``, and deprecated v1 endpoints."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import libcst as cst

from ..analysis.evaluate import CallSite
from ..analysis.values import Dict, Seq, Text, Value, alternatives, texts_of
from ..tiktok import catalog, libraries
from . import urls
from .observations import DeprecatedUse, Request, Written, field_names


def in_string(node: cst.BaseExpression, found: Sequence[urls.Url]) -> Iterator[Request]:
    """A field endpoint URL with ``fields=`` in its query string, wherever it is written."""
    for url in found:
        endpoint = urls.endpoint_at(url)
        if endpoint is not None:
            fields = tuple(f for v in url.params("fields") for f in field_names(v, node))
            if fields:
                yield Request(endpoint, fields)


def deprecated(node: cst.CSTNode, found: Iterable[tuple[urls.Url, Text]]) -> Iterator[DeprecatedUse]:
    """Deprecated v1 endpoints among URLs, reported where each one's host is written."""
    for url, text in found:
        replacement = urls.deprecated_replacement(url)
        if replacement is not None:
            written = Written(f"https://{url.host}{url.path}", text.anchor(url.host_index), node)
            yield DeprecatedUse(written.name, replacement, written)


def in_call(site: CallSite, found_urls: Sequence[tuple[urls.Url, Text]]) -> Iterator[Request]:
    """A call whose URL argument names a field endpoint (the URL decides, not the library).

    ``found_urls`` are the URLs its URL arguments name (:func:`call_urls`). When they may
    name endpoints of different kinds (``USER if x else VIDEO``), which fields go with
    which endpoint is not known: no request.
    """
    found = [(e, url.query) for url, _ in found_urls if (e := urls.endpoint_at(url)) is not None]
    if len({endpoint.kind for endpoint, _ in found}) > 1:
        return
    given = [f for value in (*site.args, *site.kwargs.values()) for f in _fields_in(value)]
    given.append(site.kwargs.get("fields", Text()))
    for endpoint, query in found:
        fields = [f for v in (*_query_fields(query), *given) for f in field_names(v, site.node)]
        yield Request(endpoint, tuple(fields))  # with no fields, the endpoint still needs its scope


def in_sdk_call(site: CallSite) -> Iterator[Request | DeprecatedUse]:
    """python-tiktok's ``KitApi`` methods that request fields (v1 endpoints)."""
    url = catalog.PYTIKTOK_URLS.get(site.method or "")
    if url is None or not (site.callee or "").startswith("pytiktok."):
        return
    node = site.node.func.attr if isinstance(site.node.func, cst.Attribute) else site.node
    host, _, path = url.removeprefix("https://").partition("/")
    yield DeprecatedUse(url, catalog.DEPRECATED_ENDPOINTS[(host, f"/{path}")], Written(url, None, node))
    method = catalog.PYTIKTOK_METHODS.get(site.method or "")
    if method is None:
        return
    position = method.fields_position
    given = site.kwargs.get("fields", site.args[position] if len(site.args) > position else None)
    if given is None:
        defaults = tuple(Written(name, None, node) for name in method.default_fields)
        yield Request(method.endpoint, defaults)
    else:
        yield Request(method.endpoint, tuple(field_names(given, node)))


def call_urls(site: CallSite, bases: Iterable[Text]) -> Iterator[tuple[urls.Url, Text, bool]]:
    """The URLs a call's URL arguments name, the string that holds each one's host, and
    whether it was given as a relative path.

    A relative path (``"user/info/"``) is resolved against the one TikTok API base URL in
    scope: the client's ``base_url=``, else the enclosing class's, else the module's (``bases``).
    """
    if site.runs_code:
        return  # the function's body, run with these arguments, makes the request
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
        yield urls.Url(base.host, base.host_index, base.join(path), query), written


def _query_fields(query: Text | None) -> Iterator[Text]:
    yield from urls.query_params(query, "fields")


def _fields_in(value: Value) -> Iterator[Value]:
    """The ``fields`` entry of a params/json/data argument: a dict, pairs, or a query string."""
    for alternative in alternatives(value):
        if isinstance(alternative, Dict):
            found = alternative.get("fields")
            if found is not None:
                yield found
        elif isinstance(alternative, Seq):
            for pair in alternative.items:
                if isinstance(pair, Seq) and len(pair.items) == 2:
                    key = pair.items[0]
                    if isinstance(key, Text) and key.value == "fields":
                        yield pair.items[1]
        elif isinstance(alternative, Text):  # a query string (httpx.QueryParams, urlencode)
            yield from urls.query_params(alternative, "fields")
