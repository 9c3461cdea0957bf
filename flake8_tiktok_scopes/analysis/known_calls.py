"""Calls whose result the checker knows without reading their code: the standard library's string,
list and dict builders, functools, URL builders, environment readers, HTTP clients and OAuth
registries (the names come from :mod:`..tiktok.libraries`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..tiktok import libraries
from . import strings
from .objects import ClassValue, External, Function, Instance, Partial
from .values import (
    ENVIRONMENT,
    GRANTED,
    UNKNOWN,
    Dict,
    OneOf,
    Seq,
    Text,
    Unknown,
    Value,
    alternatives,
    as_text,
    bounded,
    choose,
    combine,
    spread,
    unknown_of,
)

if TYPE_CHECKING:
    from .evaluate import Evaluator

_SEQUENCES = {"builtins.list", "builtins.tuple", "builtins.set", "builtins.frozenset", "builtins.sorted"}
_PASS_THROUGH = {
    "builtins.str",
    "json.dumps",
    "json.loads",
    "urllib.parse.quote",
    "urllib.parse.quote_plus",
    "urllib.parse.unquote",
    "typing.cast",
    "typing.Final",
}
#: A decorator (or decorator factory) that hands back the function it decorates.
IDENTITY = "<identity>"
_IDENTITY_FACTORIES = {"functools.wraps", "functools.lru_cache", "functools.cache", IDENTITY}


def call(evaluator: Evaluator, target: External, args: Sequence[Value], kwargs: dict[str, Value]) -> Value:
    """The value of calling a library name (a function, a class, or a method of an instance)."""
    name = target.name
    first = args[0] if args else None
    if name in _PASS_THROUGH and first is not None:
        return first if name != "typing.cast" else (args[1] if len(args) > 1 else UNKNOWN)
    if name in _SEQUENCES and first is not None:
        items = evaluator.iterate(first)
        if isinstance(items, Seq):
            return Seq(items.items, is_tuple=name == "builtins.tuple")
        return GRANTED if items is GRANTED else unknown_of(items)
    if name == "builtins.dict":
        return _dict(first, kwargs)
    if name in ("builtins.enumerate", "builtins.zip"):
        return _pairs(evaluator, name, args)
    if name == "builtins.getattr" and len(args) >= 2 and isinstance(args[1], Text):
        return evaluator.attribute(args[0], args[1].value)
    if name == "builtins.super":
        return _super(evaluator)
    if name in libraries.ENVIRONMENT_READERS:
        position, keyword = libraries.ENVIRONMENT_READERS[name]
        if keyword is not None and keyword in kwargs:
            return kwargs[keyword]
        return args[position] if position is not None and len(args) > position else ENVIRONMENT
    if name == "urllib.parse.urlencode" and first is not None:
        return combine(spread(first), Text(), lambda params, _: strings.urlencode(params))
    if name == "urllib.parse.urljoin" and len(args) == 2:
        return combine(args[0], args[1], strings.url_join)
    if name == "functools.partial" and first is not None:
        return Partial(first, tuple(args[1:]), dict(kwargs))
    if name in _IDENTITY_FACTORIES:
        if len(args) == 1 and not kwargs and isinstance(first, Function):
            return first  # used bare: @lru_cache
        return External(IDENTITY) if name != IDENTITY else (first if first is not None else UNKNOWN)
    if name in libraries.URL_CLASSES and first is not None:
        params = kwargs.get("params") or kwargs.get("query")
        return first if params is None else combine(first, params, strings.with_query)
    if name in libraries.QUERY_CLASSES:
        return strings.urlencode(first if first is not None else _dict(None, kwargs))
    if name == "string.Template" and first is not None:
        template = External(name, instance=True)
        template.attrs["template"] = first
        return template
    if name in libraries.FIELD_SPECS:
        return _field_spec(name, args, kwargs)
    receiver = target.receiver
    if isinstance(receiver, Instance) or (
        isinstance(receiver, External) and (receiver.instance or receiver.name in libraries.FLASK_CONFIGS)
    ):
        return _method_of_object(evaluator, target, args, kwargs)
    if target.instance:
        return UNKNOWN
    return _library_result(target, kwargs)


def _library_result(target: External, kwargs: dict[str, Value]) -> Value:
    """A library class gives an instance (a client keeps its base URL); a function, its result."""
    name = target.name
    if target.last[:1].isupper() or name in libraries.HTTP_CLIENTS or name in libraries.OAUTH_REGISTRIES:
        keyword = libraries.HTTP_CLIENTS.get(name, "base_url")
        return External(name, instance=True, base_url=kwargs.get(keyword) if keyword else None)
    return External(f"{name}()", instance=True)


def _method_of_object(
    evaluator: Evaluator, target: External, args: Sequence[Value], kwargs: dict[str, Value]
) -> Value:
    """A method of a library object (or of a project object's library base)."""
    receiver, method = target.receiver, target.last
    first = args[0] if args else None
    if method in ("get", "getlist") and isinstance(first, Text) and first.value in libraries.GRANTED_KEYS:
        return GRANTED  # token.get("scope"), request.args.get("scopes")
    if isinstance(receiver, External):
        if method in ("substitute", "safe_substitute") and "template" in receiver.attrs:
            mapping = first if first is not None else Dict(())
            return strings.template(
                receiver.attrs["template"], mapping, kwargs, safe=method == "safe_substitute"
            )
        if method in libraries.REGISTER_METHODS and isinstance(first, Text) and first.complete:
            return receiver.attrs.get(first.value, UNKNOWN)
        if method == "get" and isinstance(first, Text) and first.complete and first.value in receiver.attrs:
            return receiver.attrs[first.value]
        if (
            method == "get"
            and receiver.name in libraries.FLASK_CONFIGS
            and isinstance(first, Text)
            and first.complete
        ):
            found = evaluator.project_setting(receiver, first.value)
            return found if not isinstance(found, Unknown) or len(args) < 2 else args[1]
    if isinstance(receiver, Instance) and method == "__init__":
        keyword = next(
            (libraries.HTTP_CLIENTS[b] for b in receiver.cls.library_bases() if b in libraries.HTTP_CLIENTS),
            None,
        )
        if keyword is not None and keyword in kwargs:
            receiver.attrs["base_url"] = kwargs[keyword]
        return UNKNOWN
    return External(f"{target.name}()", instance=True)


def mutate_external(
    evaluator: Evaluator, receiver: External, method: str, args: Sequence[Value], kwargs: dict[str, Value]
) -> None:
    """What a method call changes in a library object: an OAuth registry's clients, a Flask app's config."""
    first = args[0] if args else kwargs.get("name")
    if method == "register" and receiver.instance and isinstance(first, Text) and first.complete:
        client = External("authlib.client", instance=True, base_url=kwargs.get(libraries.REGISTRY_BASE_URL))
        receiver.attrs[first.value] = client
        return
    if receiver.name not in libraries.FLASK_CONFIGS:
        return
    if method == "from_object" and first is not None:
        for source in alternatives(first):
            if isinstance(source, Text) and source.complete:
                source = evaluator.project_object(source.value)
            if isinstance(source, (ClassValue, Instance)):
                for key in _setting_names(source):
                    receiver.attrs[key] = evaluator.attribute(source, key)
    elif method in ("update", "from_mapping"):
        for mapping in (*args, Dict(tuple((k, v, None) for k, v in kwargs.items()))):
            if isinstance(mapping, Dict):
                receiver.attrs.update({k: v for k, v, _ in mapping.entries})
    elif method == "setdefault" and isinstance(first, Text) and first.complete and len(args) == 2:
        receiver.attrs.setdefault(first.value, args[1])
    evaluator.config_changed(receiver)


def _setting_names(source: ClassValue | Instance) -> list[str]:
    cls = source if isinstance(source, ClassValue) else source.cls
    names = {name for klass in cls.mro() for name in klass.attrs if name.isupper()}
    if isinstance(source, Instance):
        names.update(name for name in source.attrs if name.isupper())
    return sorted(names)


def method(receiver: Value, name: str, args: Sequence[Value], kwargs: dict[str, Value]) -> Value:
    """``receiver.name(*args)`` for a string, list, dict or unknown receiver."""
    first = args[0] if args else None
    if name in ("encode", "decode") and isinstance(receiver, (Text, Dict, Seq)):
        return receiver  # json.dumps(body).encode(): the body it carries
    if isinstance(receiver, Text):
        return _string_method(receiver, name, args, kwargs)
    if isinstance(receiver, Dict):
        if name == "get" and first is not None:
            default = args[1] if len(args) > 1 else kwargs.get("default", UNKNOWN)
            return combine(first, default, lambda key, other: _get(receiver, key, other))
        if name in ("items", "keys", "values"):
            return _view(receiver, name)
        if name == "copy":
            return receiver
        return UNKNOWN
    if isinstance(receiver, Seq):
        return receiver if name == "copy" else UNKNOWN
    if isinstance(receiver, Unknown):
        if (
            name in ("get", "getlist", "pop")
            and isinstance(first, Text)
            and first.value in libraries.GRANTED_KEYS
        ):
            return GRANTED
        if receiver is GRANTED and name in ("split", "strip", "lower", "replace", "copy"):
            return GRANTED
        return unknown_of(receiver)
    return UNKNOWN


def _string_method(text: Text, name: str, args: Sequence[Value], kwargs: dict[str, Value]) -> Value:
    first = args[0] if args else None
    if name == "join" and first is not None:
        if isinstance(first, Text) and "://" in text.value:
            return combine(text, first, strings.url_join)  # yarl/httpx URL.join
        return combine(text, spread(first), strings.join)
    if name == "format":
        return combine(text, spread(Seq(tuple(args))), lambda t, a: strings.format_(t, a, kwargs))
    if name == "format_map" and first is not None:
        mapping = {k: v for k, v, _ in first.entries} if isinstance(first, Dict) else {}
        return strings.format_(text, Seq(()), mapping)
    if name == "split" and first is not None:
        return combine(text, first, strings.split)
    if name in ("strip", "rstrip", "lstrip") and (first is None or isinstance(first, Text)):
        characters = first.value if isinstance(first, Text) else None
        value = getattr(text.value, name)(characters)
        start = text.value.find(value) if value else 0
        return text.slice(start, start + len(value))
    if name in ("lower", "upper", "casefold"):
        changed = getattr(text.value, name)()
        return text if changed == text.value else Text.plain(changed) if text.complete else UNKNOWN
    if name == "replace" and len(args) in (2, 3) and isinstance(args[0], Text) and isinstance(args[1], Text):
        return strings.replace(text, args[0], args[1], counted=len(args) == 3 or "count" in kwargs)
    if name in libraries.URL_QUERY_METHODS and len(args) == 2 and isinstance(first, Text) and first.complete:
        pair = Dict(((first.value, args[1], None),))  # QueryParams.set(key, value), .add(key, value)
        return combine(text, pair, strings.with_query)
    if name in libraries.URL_QUERY_METHODS:
        params = first
        for keyword in ("params", "args", "query_params"):
            params = kwargs.get(keyword) if params is None else params
        if params is None and kwargs:
            params = _dict(None, kwargs)
        return text if params is None else combine(text, params, strings.with_query)
    if name in libraries.URL_JOIN_METHODS and first is not None:
        return combine(text, first, strings.path_join if name == "joinpath" else strings.url_join)
    if name in ("tostr", "human_repr", "copy"):
        return text
    return UNKNOWN


def _dict(first: Value | None, kwargs: dict[str, Value]) -> Value:
    extra = tuple((k, v, None) for k, v in kwargs.items())
    if first is None:
        return Dict(extra)
    if isinstance(first, Dict):
        return bounded(Dict(first.entries + extra, first.complete))
    if isinstance(first, Seq):
        entries = []
        complete = True
        for pair in first.items:
            if isinstance(pair, Seq) and len(pair.items) == 2 and isinstance(pair.items[0], Text):
                entries.append((pair.items[0].value, pair.items[1], None))
            else:
                complete = False
        return bounded(Dict((*entries, *extra), complete))
    return UNKNOWN


def _pairs(evaluator: Evaluator, name: str, args: Sequence[Value]) -> Value:
    sources = [evaluator.iterate(arg) for arg in args]
    if not sources or not all(isinstance(s, Seq) for s in sources):
        return UNKNOWN
    lists = [s.items for s in sources if isinstance(s, Seq)]
    if name == "builtins.enumerate":
        return bounded(Seq(tuple(Seq((UNKNOWN, item), is_tuple=True) for item in lists[0])))
    return bounded(Seq(tuple(Seq(items, is_tuple=True) for items in zip(*lists))))


def _get(mapping: Dict, key: Value, default: Value) -> Value:
    if not isinstance(key, Text) or not key.complete:
        return choose([*mapping.values(), default]) if mapping.complete else UNKNOWN
    found = mapping.get(key.value)
    if found is not None:
        return found
    return default if mapping.complete else UNKNOWN


def _view(mapping: Dict, name: str) -> Value:
    if not mapping.complete:
        return UNKNOWN
    if name == "keys":
        return Seq(tuple(Text.plain(k) for k, _, _ in mapping.entries))
    if name == "values":
        return Seq(mapping.values())
    return Seq(tuple(Seq((Text.plain(k), v), is_tuple=True) for k, v, _ in mapping.entries))


def _field_spec(name: str, args: Sequence[Value], kwargs: dict[str, Value]) -> Value:
    """``field(default=...)``, ``Field(...)``, ``attr.ib(...)``: what the field holds by default."""
    default_key, factory_key = libraries.FIELD_SPECS[name]
    spec = External(name, instance=True)
    if default_key in kwargs:
        spec.attrs["default"] = kwargs[default_key]
    elif args and name in libraries.POSITIONAL_DEFAULT_SPECS:
        spec.attrs["default"] = args[0]
    if factory_key in kwargs:
        spec.attrs["factory"] = kwargs[factory_key]
    return spec


def _super(evaluator: Evaluator) -> Value:
    """``super()`` in a method: the receiver, seen from the class after the method's own."""
    function, receiver = evaluator.frame.function, evaluator.frame.receiver
    if function is None or function.owner is None or receiver is None:
        return UNKNOWN
    proxy = External("builtins.super()", instance=True, receiver=receiver)
    proxy.attrs["__owner__"] = function.owner
    return proxy


def as_url(value: Value) -> Value:
    """A URL builder's value as the URL string (it already is one)."""
    return value if isinstance(value, (Text, OneOf)) else as_text(value)
