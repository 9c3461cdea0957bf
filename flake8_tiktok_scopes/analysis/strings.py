"""Operations that build strings (and URLs) from values: join, format, ``%``, urlencode, urljoin,
URL builders, ``string.Template``. Every result keeps the anchors of the characters it copies."""

from __future__ import annotations

import re
from typing import Callable
from urllib.parse import urljoin

from .values import GRANTED, Dict, Seq, Text, Value, as_text, unknown_of


def join(separator: Value, items: Value) -> Value:
    """``separator.join(items)``."""
    if items is GRANTED:
        return GRANTED
    if not isinstance(separator, Text):
        return unknown_of(separator)
    if not isinstance(items, Seq):
        return as_text(items)
    result = Text()
    for index, item in enumerate(items.items):
        if index:
            result = result + separator
        result = result + as_text(item)
    return result


def split(text: Value, separator: Value) -> Value:
    """``text.split(separator)`` (a separator must be given)."""
    if not (isinstance(text, Text) and isinstance(separator, Text) and separator.value):
        return unknown_of(text, separator)
    pattern = re.compile(re.escape(separator.value))
    return Seq(tuple(item for _, item in text.split(pattern)))


def replace(text: Text, old: Text, new: Text, *, counted: bool = False) -> Value:
    """``text.replace(old, new)``: the characters it keeps keep their anchors, and each ``new``
    is anchored where it is written. Unknown when an unresolved part could hold ``old``, or
    when a count limits the replacements (``counted``: how many is not followed)."""
    if old.value not in text.value:
        return text
    if counted or not (text.complete and old.complete and old.value):
        return unknown_of(text)
    result, start = Text(), 0
    while (found := text.value.find(old.value, start)) >= 0:
        result = result + text.slice(start, found) + new
        start = found + len(old.value)
    return result + text.slice(start, len(text.value))


def urlencode(params: Value) -> Value:
    """``urlencode``: ``key=value&...``; values keep their anchors (their commas unencoded)."""
    entries: list[tuple[Value, Value]]
    if isinstance(params, Dict):
        entries = [(Text.plain(k), v) for k, v, _ in params.entries]
        if not params.complete:
            entries.append((Text.hole(), Text.hole()))
    elif isinstance(params, Seq):
        entries = []
        for item in params.items:
            pair = item.items if isinstance(item, Seq) else ()
            entries.append((pair[0], pair[1]) if len(pair) == 2 else (Text.hole(), Text.hole()))
    elif isinstance(params, Text):
        return params  # already a query string
    else:
        return as_text(params)
    result = Text()
    for index, (key, value) in enumerate(entries):
        if index:
            result = result + Text.plain("&")
        if isinstance(value, Seq):  # doseq: a list is sent as repeated keys
            for number, item in enumerate(value.items):
                separator = Text.plain("&") if number else Text()
                result = result + separator + as_text(key) + Text.plain("=") + as_text(item)
            continue
        result = result + as_text(key) + Text.plain("=") + as_text(value)
    return result


def with_query(url: Value, params: Value) -> Value:
    """A URL with query parameters added (``httpx.URL(url, params=...)``, ``URL.update_query``);
    for a query string itself (``httpx.QueryParams``), the parameters joined to it."""
    if not isinstance(url, Text):
        return unknown_of(url)
    query = urlencode(params)
    if not isinstance(query, Text) or not query.value:
        return url
    if not url.value:
        return query
    bare = "://" not in url.value and "?" not in url.value and "=" in url.value
    separator = "&" if "?" in url.value or bare else "?"
    return url + Text.plain(separator) + query


def url_join(base: Value, relative: Value) -> Value:
    """``urljoin(base, relative)``."""
    if not (isinstance(base, Text) and isinstance(relative, Text)):
        return as_text(unknown_of(base, relative))
    if not base.complete or not relative.complete:
        return base + Text.hole() if base.complete else Text.hole()
    joined = urljoin(base.value, relative.value)
    for keep in range(len(relative.value), -1, -1):
        tail = relative.value[len(relative.value) - keep :]
        if joined.endswith(tail):
            head = joined[: len(joined) - len(tail)]
            if base.value.startswith(head):
                return base.slice(0, len(head)) + relative.slice(
                    len(relative.value) - keep, len(relative.value)
                )
    return Text.plain(joined)


def path_join(base: Value, segment: Value) -> Value:
    """``URL("https://h/v2") / "user/info/"``: one slash between the two."""
    if not (isinstance(base, Text) and isinstance(segment, Text)):
        return as_text(unknown_of(base, segment))
    head = base if base.value.endswith("/") else base + Text.plain("/")
    start = len(segment.value) - len(segment.value.lstrip("/"))
    return head + segment.slice(start, len(segment.value))


#: Compiled at their first use (``re`` keeps them): most modules format no string.
_FORMAT_FIELD = r"\{\{|\}\}|\{([^{}!:]*)(![rsa])?(:[^{}]*)?\}"
_PERCENT_FIELD = r"%%|%(?:\(([^)]*)\))?[-#0 +]*\d*(?:\.\d+)?([sdirfxXeEgGc])"
_TEMPLATE_FIELD = r"\$\$|\$(?:\{([_a-zA-Z][_a-zA-Z0-9]*)\}|([_a-zA-Z][_a-zA-Z0-9]*))"


def _substitute(
    template: Text, pattern: re.Pattern[str], lookup: Callable[[int, re.Match[str]], Value]
) -> Text:
    result = Text()
    position = number = 0
    for match in pattern.finditer(template.value):
        result = result + template.slice(position, match.start())
        if match.group() in ("{{", "}}", "%%", "$$"):
            result = result + Text.plain(match.group()[0])
        else:
            result = result + as_text(lookup(number, match))
            number += 1
        position = match.end()
    return result + template.slice(position, len(template.value))


def format_(template: Value, args: Value, kwargs: dict[str, Value]) -> Value:
    """``str.format`` with positional and keyword fields."""
    if not isinstance(template, Text) or not isinstance(args, Seq):
        return unknown_of(template)
    positional = iter(args.items)

    def lookup(_: int, match: re.Match[str]) -> Value:
        key = match.group(1)
        if match.group(2) == "!r" or match.group(3):
            return Text.hole()
        if key == "":
            return next(positional, Text.hole())
        if key.isdigit():
            return args.items[int(key)] if int(key) < len(args.items) else Text.hole()
        return kwargs.get(key, Text.hole()) if key.isidentifier() else Text.hole()

    return _substitute(template, re.compile(_FORMAT_FIELD), lookup)


def percent_or_query(template: Value, args: Value) -> Value:
    """``left % right``: ``str`` formatting, or yarl's ``URL % mapping`` (a query update) for a
    URL without ``%`` fields and a dict."""
    query = isinstance(template, Text) and isinstance(args, Dict) and "://" in template.value
    if (
        query
        and isinstance(template, Text)
        and not re.search(_PERCENT_FIELD, template.value.replace("%%", ""))
    ):
        return with_query(template, args)
    return percent(template, args)


def percent(template: Value, args: Value) -> Value:
    """``"..." % value`` with ``%s`` fields (a tuple, a single value or a dict)."""
    if not isinstance(template, Text):
        return unknown_of(template)
    items = args.items if isinstance(args, Seq) and args.is_tuple else (args,)

    def lookup(number: int, match: re.Match[str]) -> Value:
        if match.group(2) != "s":
            return Text.hole()
        if match.group(1) is not None:
            found = args.get(match.group(1)) if isinstance(args, Dict) else None
            return Text.hole() if found is None else found
        return items[number] if number < len(items) else Text.hole()

    return _substitute(template, re.compile(_PERCENT_FIELD), lookup)


def template(text: Value, mapping: Value, kwargs: dict[str, Value], *, safe: bool) -> Value:
    """``string.Template(text).substitute(mapping, **kwargs)`` (and ``safe_substitute``)."""
    if not isinstance(text, Text):
        return unknown_of(text)
    names = dict(kwargs)
    if isinstance(mapping, Dict):
        names = {**{k: v for k, v, _ in mapping.entries}, **names}

    def lookup(_: int, match: re.Match[str]) -> Value:
        name = match.group(1) or match.group(2)
        if name in names:
            return names[name]
        return Text.plain(match.group()) if safe else Text.hole()

    return _substitute(text, re.compile(_TEMPLATE_FIELD), lookup)
