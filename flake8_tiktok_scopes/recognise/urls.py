"""Find URLs inside evaluated strings and read their host, path and query parameters."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..analysis.values import Anchor, Text, split_items
from ..records import Record
from ..tiktok import catalog

_URL = re.compile(
    r"(?:https?:)?//(?P<host>[A-Za-z0-9.-]+)(?::\d+)?"
    r"(?P<path>/[^?#\s\"'<>\x00]*)?(?P<tail>\x00)?"
    # a space in the query is kept when a scope name follows it: "scope=a.b c.d" is a mistake to report
    r"(?:\?(?P<query>(?:[^#\s\"'<>]|[ ](?=[a-z]+(?:\.[a-z0-9_]+)+))*))?"
)
_RELATIVE = re.compile(r"^/?(?P<path>[\w.-]+(?:/[\w.-]+)*/[\w.-]*)(?:\?(?P<query>[^#\s]*))?$")
_AMPERSAND = re.compile("&")


class Url(Record):
    """One URL written in a string: its host (with where it starts), path and query."""

    host: str
    host_index: int  # index of the host's first character in the string it was found in
    path: str | None  # None when part of the path is unresolved
    query: Text | None
    anchor: Anchor | None = None  # where the URL's first character (its scheme) is written
    relative: bool = False  # a relative path resolved against a base URL (``"user/info/"``)
    start: int = 0  # index of the URL's first character in the string it was found in

    @property
    def written(self) -> str:
        """The URL without its query, as a message names it: ``https://host/path``."""
        return f"https://{self.host}{self.path or '/'}"

    def params(self, name: str) -> Iterator[Text]:
        """The values of the query parameter ``name``."""
        yield from query_params(self.query, name)


def host_written(text: Text, url: Url) -> Anchor | None:
    """Where the literal that holds a URL's host is written: the URL's first character when the
    host is written with it, else the start of the part that holds the host (``f"{SCHEME}://{HOST}"``)."""
    return text.anchor(max(text.run_start(url.host_index), url.start))


def query_names(query: Text | None) -> Iterator[tuple[str, Anchor | None]]:
    """The parameter names of a query string (``a=1&b=2``), and where each is written."""
    if query is None:
        return
    for start, item in split_items(query.value, _AMPERSAND):
        key, equals, _ = item.partition("=")
        if equals:
            yield key.strip(), query.anchor(start)


def query_params(query: Text | None, name: str) -> Iterator[Text]:
    """Values of ``name`` in a query string (``a=1&b=2``)."""
    if query is None:
        return
    for start, item in split_items(query.value, _AMPERSAND):
        key, equals, _ = item.partition("=")
        if equals and key.strip() == name:
            yield query.slice(start + len(key) + 1, start + len(item))


def find_urls(text: Text) -> Iterator[Url]:
    """Every absolute URL in ``text`` (``https://host/path?query``)."""
    if "//" not in text.value:
        return
    for match in _URL.finditer(text.value):
        path = match.group("path") or "/"
        query = None
        if match.group("query") is not None:
            query = text.slice(match.start("query"), match.end("query"))
        yield Url(
            host=match.group("host").lower(),
            host_index=match.start("host"),
            path=None if match.group("tail") else path,
            query=query,
            anchor=_where_written(text, match),
            start=match.start(),
        )


def _where_written(text: Text, match: re.Match[str]) -> Anchor | None:
    """Where a URL is written: its first character; or, when its path ends in a literal of its own
    (``f"{BASE_URL}{path}"`` called with ``"video/list/"``), where that literal's part of the path
    begins, since that is where the endpoint is named."""
    start = match.start()
    if match.group("path") is None:
        return text.anchor(start)
    end = match.end("path") - 1
    while end > match.start("path") and text.value[end] == "/":
        end -= 1
    run = text.run_start(end)
    if run <= start:
        return text.anchor(start)
    return text.anchor(max(run, match.start("path"))) or text.anchor(start)


def relative_path(text: Text) -> tuple[str, Text | None] | None:
    """For relative API paths (``"user/info/"``, ``"/v2/user/info/?fields=..."``): path and query."""
    match = _RELATIVE.match(text.value)
    if match is None:
        return None
    query = None
    if match.group("query") is not None:
        query = text.slice(match.start("query"), match.end("query"))
    return match.group("path"), query


def _normal_path(path: str) -> str:
    return path if path.endswith("/") else path + "/"


def endpoint_at(url: Url) -> catalog.Endpoint | None:
    """The catalog endpoint a URL names, if it names one."""
    return None if url.path is None else catalog.endpoint_at(url.host, url.path)


def is_authorize(url: Url) -> bool:
    """True for TikTok's OAuth authorization pages (v1 and v2)."""
    return url.path is not None and (url.host, _normal_path(url.path)) in catalog.AUTHORIZE_ENDPOINTS


def retired_endpoint(url: Url) -> catalog.Endpoint | None:
    """The retired or deprecated endpoint a URL names, if it names one."""
    endpoint = endpoint_at(url)
    return endpoint if endpoint is not None and endpoint.retired is not None else None


def is_tiktok_host(host: str) -> bool:
    """True for hosts of TikTok's Login Kit and TikTok API (not the Business API)."""
    return host in catalog.TIKTOK_HOSTS or host.endswith(".tiktokapis.com")


def mentions_tiktok(text: Text) -> bool:
    """True when the string holds a TikTok Login Kit / API URL."""
    return any(is_tiktok_host(url.host) for url in find_urls(text))


_API_BASE = re.compile(r"^https?://(?P<host>[a-z0-9.-]+)(?P<path>(?:/[\w.-]+){0,3})/?$")


class ApiBase(Record):
    """A TikTok API base URL (``https://open.tiktokapis.com/v2/``), not an endpoint."""

    host: str
    path: str  # "/", "/v2/", "/v2/research/", "/v2/post/publish/"
    host_index: int

    def join(self, relative: str) -> str:
        """The path a relative API path names under this base."""
        if relative.startswith("/"):
            return relative
        if relative.startswith("v2/") and self.path == "/v2/":
            return f"/{relative}"
        return f"{self.path}{relative}"


def api_base(text: Text) -> ApiBase | None:
    """The TikTok API base URL a string holds, if it is one (a known endpoint is none)."""
    match = _API_BASE.match(text.value) if text.complete else None
    if match is None:
        return None
    host, path = match.group("host"), _normal_path(match.group("path") or "/")
    if host not in catalog.V2_HOSTS and host != catalog.V1_HOST:
        return None
    if catalog.endpoint_at(host, path) is not None:
        return None
    return ApiBase(host, path, match.start("host"))
