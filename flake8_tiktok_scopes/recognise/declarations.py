"""Recognise the scopes a module declares for its TikTok OAuth authorization.

Only an authorization site can leave the declared scopes unresolved (and so silence TTS001): an
authorization URL's ``scope`` parameter, the scope of an OAuth library or SDK call about TikTok,
a ``scope`` entry of a request to TikTok's authorization page. Elsewhere (a model constructor's
``scopes=``, a settings name, a dict) only what is resolved declares anything, and a value read
back from TikTok or storage declares nothing anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import libcst as cst

from ..analysis.evaluate import CallSite
from ..analysis.objects import ClassValue, Function
from ..analysis.values import Dict, Seq, Text, Value, alternatives, one_of, texts_of
from ..tiktok import catalog, libraries
from . import urls
from .observations import Declaration, ScopeRef, Written, all_known_scopes, scope_refs

_SCOPE_KEYS = ("scope", "scopes")
#: Names of settings and attributes that hold scopes: ``SCOPE``, ``DEFAULT_SCOPE``, ``tiktok_scopes``.
_SCOPE_NAME = re.compile(r"(?:^|_)scopes?$", re.IGNORECASE)


def declaration(
    value: Value,
    fallback: cst.CSTNode,
    *,
    about_tiktok: bool,
    joined_by: str | None = None,
    authorizes: bool = False,
) -> Declaration | None:
    """A declaration of the scopes a value holds; None when it declares nothing.

    At an authorization site (``authorizes``) a value that is not fully resolved is an
    unresolved declaration: the file declares scopes the checker cannot see. Elsewhere only
    what is resolved counts, and outside TikTok code only a value naming TikTok scopes.
    """
    value = _tiktok_options(value)
    refs, complete = scope_refs(value, fallback)
    if not about_tiktok and not any(r.scope.name in catalog.KNOWN_SCOPES for r in refs):
        return None  # another provider's scopes
    if not (authorizes and about_tiktok):
        complete = True
    if not refs and complete:
        return None
    lists = [a for a in alternatives(value) if isinstance(a, Seq) and len(a.items) > 1]
    return Declaration(tuple(refs), about_tiktok, complete, joined_by if lists else None, fallback)


def _tiktok_options(value: Value) -> Value:
    """Of several possible values, those about TikTok (``SCOPES[provider]``: TikTok's, not Google's)."""
    options = alternatives(value)
    if len(options) < 2:
        return value
    named = [o for o in options if any(_names_known(t) for t in texts_of(o))]
    return one_of(named) if named and len(named) < len(options) else value


def _names_known(text: Text) -> bool:
    return any(token in catalog.KNOWN_SCOPES for token in re.split(r"[\s,+]+|%2[cC]|%20", text.value))


def in_string(node: cst.BaseExpression, text: Text, found_urls: Sequence[urls.Url]) -> Iterator[Declaration]:
    """Authorization URLs' ``scope`` parameter, and strings made only of scope names."""
    for url in found_urls:
        if urls.is_authorize(url):
            for scope in url.params("scope"):
                found = declaration(scope, node, about_tiktok=True, authorizes=True)
                if found is not None:
                    yield found
    if all_known_scopes(text):
        found = declaration(text, node, about_tiktok=True)
        if found is not None:
            yield found


def in_call(site: CallSite) -> Iterator[Declaration]:
    """``scope=``/``scopes=`` arguments of library calls, and the SDKs' defaults when left out.

    A call of the analysed code's own function declares nothing by its arguments: its body,
    run with them, decides (an authorization URL built there is a declaration).
    """
    callee = site.callee or ""
    if site.runs_code:
        return
    mappings = [
        a for v in (*site.args, *site.kwargs.values()) for a in alternatives(v) if isinstance(a, Dict)
    ]
    scoped = any(key in site.kwargs for key in _SCOPE_KEYS) or any(
        key.lower() in _SCOPE_KEYS or key == "client_kwargs" for m in mappings for key, _, _ in m.entries
    )
    if not scoped and callee != libraries.PYTIKTOK_CLIENT:
        return  # (cheap) nothing here declares scopes
    library = libraries.SPACE_JOINING.get(callee.split(".", 1)[0])
    about_tiktok = _call_about_tiktok(site)
    authorizes = library is not None or callee.startswith(libraries.PYTIKTOK_PREFIX) or _calls_authorize(site)
    for key in _SCOPE_KEYS:
        if key in site.kwargs:
            found = declaration(
                site.kwargs[key],
                site.node,
                about_tiktok=about_tiktok,
                joined_by=library,
                authorizes=authorizes,
            )
            if found is not None:
                yield found
    if about_tiktok:  # requests.get(AUTHORIZE_URL, params={"scope": ...})
        for mapping in mappings:
            yield from _scope_entries(mapping, site.node, True, authorizes=_calls_authorize(site))
    if library is not None or site.method in libraries.REGISTER_METHODS:
        kwargs = site.kwargs.get("client_kwargs")
        scope = kwargs.get("scope") if isinstance(kwargs, Dict) else None
        if scope is not None:
            found = declaration(
                scope, site.node, about_tiktok=about_tiktok, joined_by="Authlib", authorizes=True
            )
            if found is not None:
                yield found
    if callee == libraries.PYTIKTOK_CLIENT and "scope" not in site.kwargs and len(site.args) < 7:
        default = catalog.PYTIKTOK_DEFAULT_SCOPE.split(",")
        yield Declaration(tuple(ScopeRef(Written(s, None, site.node)) for s in default), True)


def in_dict(node: cst.Dict, mapping: Dict) -> Iterator[Declaration]:
    """A ``"scope"``/``"scopes"`` entry of a dict about TikTok, and a ``"tiktok"`` provider entry."""
    yield from _scope_entries(mapping, node, _mapping_about_tiktok(mapping))
    provider = mapping.get(libraries.ALLAUTH_PROVIDER)
    if isinstance(provider, Dict):
        yield from _provider_settings(provider, node)


def in_assignment(
    path: str, value: Value, node: cst.CSTNode, owner: ClassValue | None
) -> Iterator[Declaration]:
    """Settings and attributes named like scopes in TikTok code (``SOCIAL_AUTH_TIKTOK_SCOPE``)."""
    last = path.rsplit(".", 1)[-1]
    if _SCOPE_NAME.search(last) and (
        "tiktok" in path.lower() or (owner is not None and _class_about_tiktok(owner))
    ):
        found = declaration(value, node, about_tiktok=True)
        if found is not None:
            yield found
    if last == libraries.ALLAUTH_SETTING and isinstance(value, Dict):
        provider = value.get(libraries.ALLAUTH_PROVIDER)
        if isinstance(provider, Dict):
            key_node = next((n for k, _, n in value.entries if k == libraries.ALLAUTH_PROVIDER and n), node)
            yield from _provider_settings(provider, key_node, with_default=True)


def _provider_settings(
    provider: Dict, node: cst.CSTNode, with_default: bool = False
) -> Iterator[Declaration]:
    """django-allauth's ``SOCIALACCOUNT_PROVIDERS["tiktok"]``: ``SCOPE``, per-app ``settings.scope``."""
    found = list(_scope_entries(provider, node, True))
    apps = next((provider.get(key) for key in libraries.ALLAUTH_APPS if provider.get(key) is not None), None)
    for app in alternatives(apps) if apps is not None else ():
        for item in app.items if isinstance(app, Seq) else (app,):
            settings = item.get("settings") if isinstance(item, Dict) else None
            if isinstance(settings, Dict):
                found.extend(_scope_entries(settings, node, True))
    yield from found
    if with_default and not found and provider.complete:
        refs = tuple(ScopeRef(Written(s, None, node)) for s in catalog.ALLAUTH_DEFAULT_SCOPE)
        yield Declaration(refs, True)


def _scope_entries(
    mapping: Dict, node: cst.CSTNode, about_tiktok: bool, *, authorizes: bool = False
) -> Iterator[Declaration]:
    for key, value, key_node in mapping.entries:
        if key.lower() in _SCOPE_KEYS:
            found = declaration(value, key_node or node, about_tiktok=about_tiktok, authorizes=authorizes)
            if found is not None:
                yield found


def _mentions_tiktok(value: Value) -> bool:
    return any(urls.mentions_tiktok(text) for text in texts_of(value))


def _calls_authorize(site: CallSite) -> bool:
    """True for a request to TikTok's authorization page (``requests.get(AUTHORIZE, params=...)``)."""
    candidates = [*site.args[:1], *(site.kwargs[k] for k in libraries.URL_KEYWORDS if k in site.kwargs)]
    return any(
        urls.is_authorize(url)
        for value in candidates
        for text in texts_of(value)
        for url in urls.find_urls(text)
    )


def _call_about_tiktok(site: CallSite) -> bool:
    """True when a call is about TikTok: its callee, a TikTok URL or name among its arguments."""
    if "tiktok" in (site.callee or "").lower():
        return True
    values = (*site.args, *site.kwargs.values())
    if any(
        isinstance(v, Text) and v.value.lower() == "tiktok" for value in values for v in alternatives(value)
    ):
        return True
    return any(_mentions_tiktok(value) for value in values)


def _mapping_about_tiktok(mapping: Dict) -> bool:
    """True for a dict with a TikTok URL among its values."""
    return any(_mentions_tiktok(value) for _, value, _ in mapping.entries)


def _class_about_tiktok(cls: ClassValue) -> bool:
    """True for a class named after TikTok, with ``name = "tiktok"``, or holding a TikTok URL."""
    for klass in cls.mro():
        if "tiktok" in klass.name.lower():
            return True
        for name, value in klass.attrs.items():
            if isinstance(value, Function):
                continue
            if name == "name" and any(t.value.lower().startswith("tiktok") for t in texts_of(value)):
                return True
            if _mentions_tiktok(value):
                return True
    return False
