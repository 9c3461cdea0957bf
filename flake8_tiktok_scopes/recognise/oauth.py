"""Recognise how a module talks to TikTok's OAuth: misnamed parameters, grants, authorization URLs.

TikTok's authorization page and OAuth requests take ``client_key`` where OAuth says
``client_id``; a ``client_id`` written into one of them is a :class:`~.observations.Misnamed`.
The grants a module uses (``grant_type``) tell a user's token from a client token; a Login Kit
authorization URL, or a Business API URL, tells which TikTok API a module's scopes are for.
Each recogniser yields facts; :meth:`~.observations.Authorization.of` gathers them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import libcst as cst

from ..analysis.evaluate import CallSite
from ..analysis.values import Anchor, Dict, Text, Value, alternatives, texts_of
from ..tiktok import catalog
from ..tiktok.endpoints import AUTHORIZE
from . import urls
from .observations import (
    BusinessUrl,
    ClientIdDict,
    EncodedClientId,
    Grant,
    LoginUrl,
    Misnamed,
    OAuthFact,
    Written,
)

GRANT_TYPE = "grant_type"


def in_string(node: cst.BaseExpression, text: Text, found_urls: Sequence[urls.Url]) -> Iterator[OAuthFact]:
    """A string: the OAuth URLs it holds and their parameters; the client-credentials grant named."""
    if catalog.CLIENT_CREDENTIALS in text.value:
        yield Grant(catalog.CLIENT_CREDENTIALS, None)
    for url in found_urls:
        if url.host in catalog.BUSINESS_HOSTS:
            yield BusinessUrl()
        endpoint = urls.endpoint_at(url)
        if endpoint is None or endpoint.kind not in catalog.CLIENT_KEY_KINDS:
            continue
        if endpoint.kind == AUTHORIZE:
            yield LoginUrl(frozenset(_places(url.params("scope"))))
        names = dict(urls.query_names(url.query))
        if GRANT_TYPE in names:
            at = Written(GRANT_TYPE, names[GRANT_TYPE], node)
            yield from (Grant(_resolved(value), at) for value in url.params(GRANT_TYPE))
        if catalog.CLIENT_ID not in names or catalog.CLIENT_KEY in names:
            continue
        where = names[catalog.CLIENT_ID]
        if where is not None:  # "...authorize/?client_id=..." written as it is
            yield Misnamed(Written(catalog.CLIENT_ID, where, node), catalog.CLIENT_KEY, endpoint)
        elif url.query is not None:  # AUTHORIZE + "?" + urlencode(params): the dict it came from
            yield EncodedClientId(endpoint, frozenset(names), frozenset(_nodes([url.query])))


def in_call(site: CallSite, called: Sequence[urls.Url]) -> Iterator[OAuthFact]:
    """A call to ``called`` URLs: parameters sent to a TikTok OAuth endpoint; oauthlib's
    client-credentials client."""
    if (site.callee or "").endswith("BackendApplicationClient"):
        yield Grant(catalog.CLIENT_CREDENTIALS, None)
    oauth = [
        endpoint
        for url in called
        if (endpoint := urls.endpoint_at(url)) is not None and endpoint.kind in catalog.CLIENT_KEY_KINDS
    ]
    if not oauth or len(oauth) < len(called):
        return  # a URL that is TikTok's for one provider and Google's for another: not certain
    for value in (*site.args, *site.kwargs.values()):
        for sent in (a for a in alternatives(value) if isinstance(a, Dict)):
            yield from _grants(sent)
            key = _client_id_key(sent)
            if key is not None:
                yield Misnamed(key, catalog.CLIENT_KEY, oauth[0])


def in_dict(sent: Dict) -> Iterator[OAuthFact]:
    """A dict literal: TikTok's token parameters (beside ``client_key``); a ``client_id`` dict."""
    keys = frozenset(key for key, _, _ in sent.entries)
    if catalog.CLIENT_KEY in keys:
        yield from _grants(sent)
    key = _client_id_key(sent)
    if key is not None:
        yield ClientIdDict(key, keys, frozenset(_nodes(sent.values())))


def _grants(sent: Dict) -> Iterator[Grant]:
    """The ``grant_type`` of a dict of token parameters (one per possible value)."""
    for key, value, node in sent.entries:
        if key == GRANT_TYPE:
            where = _key_written(GRANT_TYPE, node)
            for option in alternatives(value):
                yield Grant(_resolved(option) if isinstance(option, Text) else None, where)


def _client_id_key(sent: Dict) -> Written | None:
    """Where a dict's ``client_id`` key is written, when it has no ``client_key`` beside it."""
    keys = [key for key, _, _ in sent.entries]
    if catalog.CLIENT_ID not in keys or catalog.CLIENT_KEY in keys:
        return None
    node = next(n for key, _, n in reversed(sent.entries) if key == catalog.CLIENT_ID)
    return _key_written(catalog.CLIENT_ID, node)


def _key_written(name: str, node: cst.CSTNode | None) -> Written | None:
    """A dict key as written: the name inside its string literal (None for computed keys)."""
    if not isinstance(node, cst.SimpleString) or name not in node.value:
        return None
    return Written(name, Anchor(node, node.value.index(name)), node)


def _nodes(values: Iterable[Value]) -> Iterator[int]:
    """Ids of the literals the strings among ``values`` are written in."""
    for value in values:
        for text in texts_of(value):
            yield from (id(piece.node) for piece in text.pieces if piece.node is not None)


def _resolved(value: Text) -> str | None:
    return value.value.strip() if value.complete else None


def _places(values: Iterator[Text]) -> Iterator[tuple[int, int]]:
    """Where each character of the values is written, as (node id, offset)."""
    for value in values:
        for index in range(len(value.value)):
            anchor = value.anchor(index)
            if anchor is not None:
                yield id(anchor.node), anchor.offset
