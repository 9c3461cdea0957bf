"""The TikTok API facts the checker relies on: one place, read by rules, messages and docs.

:mod:`.endpoints` holds one entry per endpoint, :mod:`.scopes` the scope names and the APIs
that grant them, :mod:`.sources` the pages every fact comes from (the project's research notes,
``shared/research/tiktok-api.md`` and ``tiktok-endpoints.md``, cite TikTok's own pages). This
module indexes them: endpoints by host and path, the hosts, the SDKs' defaults, and the words
the prefilter looks for. Names written ``import X as X`` are defined beside it and read through
it by the other stages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..records import Record
from .endpoints import (
    AUTHORIZE,
    CLIENT,
    OAUTH,
    SANDBOX_HOST,
    USER,
    USER_INFO_V1,
    VIDEO_LIST_V1,
    VIDEO_QUERY_V1,
    WEB_HOST,
)
from .endpoints import ENDPOINTS as ENDPOINTS
from .endpoints import USER_INFO_FIELDS as USER_INFO_FIELDS
from .endpoints import V1_HOST as V1_HOST
from .endpoints import V2_HOST as V2_HOST
from .endpoints import Endpoint as Endpoint
from .scopes import ALL_SCOPES, BASIC, OPEN_ID, PROFILE, VIDEO_LIST, VIDEO_UPLOAD, Requirement
from .scopes import KNOWN_SCOPES as KNOWN_SCOPES
from .scopes import scope_sort_key as scope_sort_key

#: Hosts that serve the TikTok API v2 (the second appears in some TikTok curl examples).
V2_HOSTS: frozenset[str] = frozenset({V2_HOST, "open-platform.tiktokapis.com"})
#: Hosts whose URLs make surrounding code "about TikTok" (the Business API is another API).
TIKTOK_HOSTS: frozenset[str] = frozenset({*V2_HOSTS, V1_HOST, WEB_HOST, SANDBOX_HOST})
#: The TikTok API for Business: other scopes, other fields; never judged by this catalog.
BUSINESS_HOSTS: frozenset[str] = frozenset({"business-api.tiktok.com"})


def _normal(path: str) -> str:
    return path if path.endswith("/") else path + "/"


_AT: Mapping[tuple[str, str], Endpoint] = {(e.host, _normal(e.path)): e for e in ENDPOINTS}


def endpoint_at(host: str, path: str) -> Endpoint | None:
    """The endpoint served at ``host`` + ``path`` (with or without its trailing slash)."""
    return _AT.get((V2_HOST if host in V2_HOSTS else host, _normal(path)))


#: Authorization pages, as (host, path): their ``scope`` query parameter declares scopes.
AUTHORIZE_ENDPOINTS: frozenset[tuple[str, str]] = frozenset(
    (e.host, e.path) for e in ENDPOINTS if e.kind == AUTHORIZE
)
#: Retired and deprecated endpoints, as (host, path), and the URL that replaces each.
DEPRECATED_ENDPOINTS: Mapping[tuple[str, str], str] = {
    (e.host, e.path): e.retired.replacement for e in ENDPOINTS if e.retired is not None
}
#: Kinds of endpoint that take ``client_key``: TikTok's name for OAuth's ``client_id`` (S30, T3, T35).
CLIENT_KEY_KINDS: frozenset[str] = frozenset({AUTHORIZE, OAUTH})
CLIENT_KEY, CLIENT_ID = "client_key", "client_id"
#: The token request's ``grant_type`` values: a client token, and a user's (login and refresh) (T2, T3).
CLIENT_CREDENTIALS = "client_credentials"
USER_GRANTS: tuple[str, ...] = ("authorization_code", "refresh_token")


def requirements(endpoint: Endpoint) -> Iterator[Requirement]:
    """Everything an endpoint may need: as a whole, per field, per value of its scope parameter."""
    if endpoint.scope is not None:
        yield endpoint.scope
    yield from (endpoint.fields or {}).values()
    if endpoint.parameter is not None:
        yield from endpoint.parameter.values.values()


#: Scopes a declaration may hold for nothing (TTS006): those some user-token endpoint needs, but
#: not ``user.info.basic`` (every Login Kit app has it, S24), ``user.info.open_id`` (Minis, S25) or
#: ``video.upload`` (Share Kit, a mobile SDK with no HTTP endpoint, uses it too: T26).
JUDGED_SCOPES: frozenset[str] = frozenset(
    scope
    for endpoint in ENDPOINTS
    if endpoint.token == USER
    for requirement in requirements(endpoint)
    for scope in requirement.scopes
) - {BASIC, OPEN_ID, VIDEO_UPLOAD}


def _path_words() -> set[str]:
    """The first two segments of each API path after its version: ``post/publish``, ``user/info``."""
    words = set()
    for endpoint in ENDPOINTS:
        if endpoint.token in (USER, CLIENT):  # API calls, which a relative path may name
            segments = [s for s in endpoint.path.split("/") if s and s not in ("v0", "v2")]
            words.add("/".join(segments[:2]))
    return words


def _grouped(words: set[str]) -> Mapping[str, tuple[str, ...]]:
    """The words by their first part and separator (``user/``: ``user/data``, ``user/info``),
    leaving out those that contain another one (finding the shorter one is enough)."""
    kept = sorted(w for w in words if not any(o != w and o in w for o in words))
    groups: dict[str, list[str]] = {}
    for word in kept:
        head = word[: min(i for i, c in enumerate(word) if c in "./") + 1]
        groups.setdefault(head, []).append(word)
    return {head: tuple(group) for head, group in groups.items()}


#: What a file must contain (lowercased) for the checker to look at it, besides "tiktok": an API
#: path a relative URL may name, or the start of a scope name (``user.info``, ``portability.all``),
#: grouped by their first part, which is looked for first (a miss there costs one search).
PREFILTER_WORDS: Mapping[str, tuple[str, ...]] = _grouped(
    _path_words() | {".".join(scope.split(".")[:2]) for scope in ALL_SCOPES}
)
#: User Info field names no other API uses: a file that names one may request it through a URL
#: it imports from another module.
PREFILTER_FIELDS: tuple[str, ...] = tuple(
    name
    for name in USER_INFO_FIELDS
    if name.startswith(("open_", "union_", "follow", "likes_", "bio_", "profile_"))
)


class SdkMethod(Record):
    """A python-tiktok ``KitApi`` method that requests fields."""

    endpoint: Endpoint
    default_fields: tuple[str, ...]
    fields_position: int  # index of ``fields`` among the positional arguments


#: python-tiktok 0.1.12 ``KitApi`` (v1 only; source L1): default scope and the methods that take fields.
PYTIKTOK_DEFAULT_SCOPE = f"{BASIC},{VIDEO_LIST}"
_PYTIKTOK_VIDEO_DEFAULT = ("id", "create_time", "duration", "share_url")
PYTIKTOK_METHODS: Mapping[str, SdkMethod] = {
    "get_user_info": SdkMethod(USER_INFO_V1, ("open_id", "union_id", "display_name", "avatar_url"), 1),
    "get_user_videos": SdkMethod(VIDEO_LIST_V1, _PYTIKTOK_VIDEO_DEFAULT, 1),
    "query_videos": SdkMethod(VIDEO_QUERY_V1, _PYTIKTOK_VIDEO_DEFAULT, 2),
}

#: django-allauth's TikTok provider scope when settings name none (source L3).
ALLAUTH_DEFAULT_SCOPE: tuple[str, ...] = (BASIC, PROFILE)
