"""What the analysis finds in a module: requests, scope declarations, deprecated URLs, OAuth parameters."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Union

from ..analysis.values import (
    HOLE,
    QUIET_HOLE,
    Anchor,
    Seq,
    Text,
    Unknown,
    Value,
    alternatives,
    split_items,
    texts_of,
)
from ..records import Record
from ..tiktok import catalog
from ..tiktok.endpoints import USER

if TYPE_CHECKING:
    import libcst as cst

#: Separators between the items of a ``fields`` or ``scope`` value.
ITEM_SEPARATOR = re.compile(r",|%2[cC]")
#: What separates scope names that were meant to be comma-separated.
SPACE_SEPARATOR = re.compile(r"\s+|\+|%20")
#: A template's placeholder (``{}``, ``{scope}``, ``%s``, ``%(scope)s``, ``$scope``): filled in elsewhere.
_PLACEHOLDER = re.compile(r"\{[\w.]*\}|\$\{?\w+\}?|%(?:\(\w+\))?s")
#: What a string made only of scope names can hold (a cheap test before splitting it).
_SCOPE_CHARACTERS = re.compile(r"[a-z0-9_]+\.[a-z0-9_.,%+ ]*")


class Written(Record):
    """A name as written in the source: where it is, or the node to report at when unknown."""

    name: str
    anchor: Anchor | None
    fallback: cst.CSTNode


class Request(Record):
    """A request to a TikTok API endpoint: the fields it names, and where its URL is written."""

    endpoint: catalog.Endpoint
    fields: tuple[Written, ...]
    url: Written | None = None  # the URL (at its first character): what the endpoint as a whole needs
    #: Values given to the endpoint's scope parameter (``post_mode``); None inside: a value not
    #: resolved; None: the parameter is not seen.
    choices: tuple[str | None, ...] | None = None
    alone: bool = False  # seen only in functions that nothing in the module calls, run on their own
    #: Its fields are all in its URL's query (``.../user/info/?fields=bio_description``): the URL
    #: is a request wherever it is written, and its own module reports it there.
    carried: bool = False


class ScopeRef(Record):
    """One scope name in a declaration, and how it was separated from the one before it."""

    scope: Written
    after_space: bool = False  # separated from the previous scope by a space, not a comma
    separator: Anchor | None = None  # where that space is written


class Declaration(Record):
    """Scopes the module asks for in its OAuth authorization."""

    scopes: tuple[ScopeRef, ...]
    about_tiktok: bool  # stated in TikTok code; otherwise recognised by its names alone
    complete: bool = True  # False when part of the value could not be resolved
    joined_by: str | None = None  # a library that joins this list with spaces
    site: cst.CSTNode | None = None  # where it is made (a call, a string)


class DeprecatedUse(Record):
    """A retired or deprecated endpoint written in the module."""

    url: str
    endpoint: catalog.Endpoint
    where: Written

    @property
    def replacement(self) -> str:
        """The URL that replaces it."""
        return self.endpoint.retired.replacement if self.endpoint.retired else ""


class Misnamed(Record):
    """A parameter of a TikTok OAuth request that TikTok knows by another name (``client_id``)."""

    where: Written
    expected: str  # the name TikTok expects: ``client_key``
    endpoint: catalog.Endpoint


class Grant(Record):
    """An OAuth grant the module uses: ``grant_type`` where it is written (None: not resolved)."""

    grant: str | None
    where: Written | None  # None for a grant named without a place (``BackendApplicationClient``)


class ClientIdDict(Record):
    """A dict with a ``client_id`` key and no ``client_key``: where the key is written, its keys,
    and the literals its values are written in (to recognise it inside an encoded query)."""

    key: Written
    keys: frozenset[str]
    value_nodes: frozenset[int]


class EncodedClientId(Record):
    """A TikTok OAuth URL whose query holds a ``client_id`` encoded from a dict (``urlencode``):
    its parameter names and the literals its values are written in."""

    endpoint: catalog.Endpoint
    names: frozenset[str]
    value_nodes: frozenset[int]


class LoginUrl(Record):
    """A Login Kit authorization URL: where the characters of its ``scope`` value are written."""

    scope_places: frozenset[tuple[int, int]]  # (node id, offset)


class BusinessUrl(Record):
    """A TikTok API for Business URL (another API, with scopes of its own)."""


OAuthFact = Union[Misnamed, Grant, ClientIdDict, EncodedClientId, LoginUrl, BusinessUrl]


class Authorization:
    """What a module's OAuth code shows: misnamed parameters, the grants it uses, the APIs its
    URLs are for."""

    __slots__ = ("authorize_scopes", "authorizes", "business", "grants", "misnamed")

    def __init__(self) -> None:
        self.misnamed: list[Misnamed] = []
        self.grants: list[Grant] = []
        self.authorizes = False  # a Login Kit authorization URL is written
        self.business = False  # a TikTok API for Business URL is written
        #: Where the characters of authorization URLs' ``scope`` values are written: (node id, offset).
        self.authorize_scopes: set[tuple[int, int]] = set()

    @classmethod
    def of(cls, facts: Iterable[OAuthFact]) -> Authorization:
        """Gather facts; a ``client_id`` dict counts once a TikTok OAuth URL was encoded from it
        (all its keys are the URL's parameters, and one of its values is written where one of the
        URL's is)."""
        found = cls()
        dicts: list[ClientIdDict] = []
        encoded: list[EncodedClientId] = []
        for fact in facts:
            if isinstance(fact, Misnamed):
                found.misnamed.append(fact)
            elif isinstance(fact, Grant):
                found.grants.append(fact)
            elif isinstance(fact, ClientIdDict):
                dicts.append(fact)
            elif isinstance(fact, EncodedClientId):
                encoded.append(fact)
            elif isinstance(fact, LoginUrl):
                found.authorizes = True
                found.authorize_scopes |= fact.scope_places
            else:
                found.business = True
        for url in encoded:
            for sent in dicts:
                if sent.keys <= url.names and sent.value_nodes & url.value_nodes:
                    found.misnamed.append(Misnamed(sent.key, catalog.CLIENT_KEY, url.endpoint))
        return found


class Observations:
    """Everything found in one module."""

    __slots__ = ("authorization", "declarations", "deprecated", "requests")

    def __init__(
        self,
        requests: list[Request],
        declarations: list[Declaration],
        deprecated: list[DeprecatedUse],
        authorization: Authorization,
    ) -> None:
        self.requests = requests
        self.declarations = declarations
        self.deprecated = deprecated
        self.authorization = authorization

    @property
    def stated(self) -> list[Declaration]:
        """The declarations that say which TikTok scopes the module asks for: those with scope
        names, and those that could not be resolved."""
        return [d for d in self.declarations if d.scopes or not d.complete]

    @property
    def asks_user(self) -> bool:
        """True when a request goes to an endpoint that takes a user's token."""
        return any(request.endpoint.token == USER for request in self.requests)


def written_items(text: Text, fallback: cst.CSTNode) -> Iterator[tuple[int, str, Written | None]]:
    """Comma-separated items of a string: index, text, and the name (None when unresolved)."""
    for start, item in split_items(text.value, ITEM_SEPARATOR):
        resolved = HOLE not in item and QUIET_HOLE not in item
        yield start, item, Written(item, text.anchor(start), fallback) if resolved else None


def _is_field_name(name: str) -> bool:
    """True for what a field's name can be: ASCII letters, digits and ``_``, not first a digit."""
    return name.isascii() and name.isidentifier()


def field_names(value: Value, fallback: cst.CSTNode) -> Iterator[Written]:
    """Field names in a ``fields`` value: a comma-separated string or a list of names."""
    for text in texts_of(value):
        for _, _, written in written_items(text, fallback):
            if written is not None and _is_field_name(written.name):
                yield written


def scope_refs(value: Value, fallback: cst.CSTNode) -> tuple[list[ScopeRef], bool]:
    """Scope names in a declared value, and whether every part of it was resolved."""
    refs: list[ScopeRef] = []
    complete = True
    for text in _declared_texts(value):
        if text is None:
            complete = False
            continue
        for first, item, written in written_items(text, fallback):
            if written is None:
                complete = complete and HOLE not in item  # a part nobody passes declares nothing
                continue
            if _PLACEHOLDER.fullmatch(item):
                continue  # the template is filled in where it is used
            previous_end = None
            for start, token in split_items(item, SPACE_SEPARATOR):
                separator: Anchor | None = None if previous_end is None else text.anchor(first + previous_end)
                written = Written(token, text.anchor(first + start), fallback)
                refs.append(ScopeRef(written, previous_end is not None, separator))
                previous_end = start + len(token)
    return refs, complete


def _declared_texts(value: Value) -> Iterator[Text | None]:
    """The strings of a declared value (a string or a list of them); None for unknown parts.

    Quiet unknowns (scopes read back from TikTok or storage, parameters nobody passes) declare
    nothing; other unknowns leave the declaration unresolved.
    """
    for alternative in alternatives(value):
        if isinstance(alternative, Text):
            yield alternative
        elif isinstance(alternative, Seq):
            for item in alternative.items:
                yield from _declared_texts(item)
        elif not (isinstance(alternative, Unknown) and alternative.quiet):
            yield None


def all_known_scopes(text: Text) -> bool:
    """True for a string whose comma-separated items are all TikTok scope names
    (``"user.info.basic,video.list"``); names joined by spaces or ``+`` count only where they are
    used as a scope (a label or a caption declares nothing)."""
    if not _SCOPE_CHARACTERS.fullmatch(text.value):
        return False
    items = [item for _, item in split_items(text.value, ITEM_SEPARATOR)]
    return bool(items) and all(item in catalog.KNOWN_SCOPES for item in items)
