"""String evaluation: compute what an expression holds, as far as the module itself says.

Handles literals, f-strings, ``+`` and implicit concatenation, ``sep.join(...)``,
``urlencode``, ``urljoin``, ``str.format`` and ``%``, dict and list literals, names
(through :class:`~.scopes.Env`), ``self.``/``cls.`` attributes and ``os.getenv`` defaults.
Every call, every written string and every dict is reported to an :class:`Observer`,
which is where requests and scope declarations are recognised.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol
from urllib.parse import urljoin

import libcst as cst

from . import literals
from .bindings import Classes, ClassInfo, Env
from .values import (
    GRANTED,
    UNKNOWN,
    Mapping,
    Obj,
    OneOf,
    Seq,
    Text,
    Value,
    alternatives,
    as_text,
    combine,
    concat,
    one_of,
    spread,
)

#: Roots of qualified names whose calls set up test doubles: what they are given is test data.
MOCK_ROOTS = frozenset(
    {
        "responses",
        "respx",
        "respx_mock",
        "httpretty",
        "requests_mock",
        "aioresponses",
        "httpx_mock",
        "pook",
        "mock",
        "unittest",
        "mocker",
        "rsps",
        "vcr",
    }
)
_GETENV = ("os.getenv", "os.environ.get", "getenv", "environ.get", "os.environ.setdefault")
#: Keys and attributes that hold the scopes a user granted, when read from something unknown.
_GRANTED_KEYS = frozenset({"scope", "scopes"})
_SEQUENCE_BUILTINS = frozenset({"list", "tuple", "set", "frozenset", "sorted"})
#: Comprehensions over longer lists are not mapped item by item.
MAX_MAPPED = 64
_SKIPPED = (cst.BaseParenthesizableWhitespace, cst.Comma, cst.LeftParen, cst.RightParen)


@dataclass(frozen=True)
class CallSite:
    """A call, with its arguments evaluated."""

    node: cst.Call
    callee: str | None  # dotted name, qualified through imports: "requests.get"
    method: str | None  # attribute name for ``x.method(...)`` calls
    receiver: Value | None
    args: tuple[Value, ...]
    kwargs: dict[str, Value]
    owner: ClassInfo | None  # class whose method holds the call
    constants: Callable[[], Iterator[Value]] = field(compare=False)  # class, then module values


class Observer(Protocol):
    """Receives what the interpreter sees; recognises requests and declarations."""

    def written(self, node: cst.BaseExpression, value: Value, *, declares: bool = True) -> None: ...

    def called(self, site: CallSite) -> None: ...

    def built_dict(self, node: cst.Dict, value: Mapping) -> None: ...

    def assigned(self, path: str, value: Value, node: cst.CSTNode, owner: ClassInfo | None) -> None: ...


def _root(name: str | None) -> str:
    return (name or "").split(".", 1)[0]


class Evaluator:
    """Evaluates expressions in the current environment and reports them to the observer."""

    def __init__(self, observer: Observer) -> None:
        self.observer = observer
        self.classes = Classes()
        self.module_env = Env()
        self.env = self.module_env
        self.owner: ClassInfo | None = None
        self.quiet = 0  # inside test doubles: nothing is reported
        self.top = -1  # the module-level statement being interpreted
        self.tops: dict[int, int] = {}  # id of a node that may be reported -> its top statement

    # -- entry points -------------------------------------------------------------------

    def evaluate(self, node: cst.BaseExpression, *, declares: bool = True) -> Value:
        """Evaluate an expression whose value is used as a whole (not part of a string).

        ``declares`` is False for a string that is only compared (``"user.info.stats" in
        granted`` checks a scope; it asks for none).
        """
        value = self._eval(node)
        self.tops[id(node)] = self.top
        written = not isinstance(node, (cst.Name, cst.Attribute, cst.Subscript))
        if written and not self.quiet and any(isinstance(v, Text) for v in alternatives(value)):
            self.observer.written(node, value, declares=declares)
        return value

    def visit_children(self, node: cst.CSTNode) -> None:
        """Evaluate every expression inside a node this module does not model."""
        for child in node.children:
            kind = _KINDS.get(type(child))
            if kind is None:
                kind = _KINDS[type(child)] = _kind(child)
            if kind == _EXPRESSION:
                self.evaluate(child)  # type: ignore[arg-type]
            elif kind == _CONTAINER:
                self.visit_children(child)

    def returns(self, function: Obj) -> Value:
        """What a function of the module returns; the interpreter knows, this class does not."""
        return UNKNOWN

    def prepare(self, info: ClassInfo) -> None:
        """Called before a class's attributes are read (the interpreter runs ``__init__``)."""

    # -- expressions ---------------------------------------------------------------------

    def _eval(self, node: cst.BaseExpression) -> Value:
        handler = _EVALUATORS.get(type(node))
        if handler is None:
            self.visit_children(node)
            return UNKNOWN
        return handler(self, node)

    def _simple_string(self, node: cst.SimpleString) -> Value:
        self.tops[id(node)] = self.top
        return literals.simple_string(node)

    def _concatenated(self, node: cst.ConcatenatedString) -> Value:
        return combine(self._eval(node.left), self._eval(node.right), concat)

    def _name_node(self, node: cst.Name) -> Value:
        return self._name(node.value)

    def _conditional(self, node: cst.IfExp) -> Value:
        self.evaluate(node.test)
        return one_of([self._eval(node.body), self._eval(node.orelse)])

    def _boolean(self, node: cst.BooleanOperation) -> Value:
        return one_of([self._eval(node.left), self._eval(node.right)])

    def _collection(self, node: cst.List | cst.Tuple | cst.Set) -> Value:
        return self._sequence(node.elements, node)

    def _comparison(self, node: cst.Comparison) -> Value:
        self.evaluate(node.left, declares=False)
        for target in node.comparisons:
            self.evaluate(target.comparator, declares=False)
        return UNKNOWN

    def _walrus(self, node: cst.NamedExpr) -> Value:
        value = self._eval(node.value)
        if isinstance(node.target, cst.Name):
            self.env.names[node.target.value] = value
        return value

    def _own_scope(self, node: cst.Lambda | cst.DictComp) -> Value:
        saved = self.env
        self.env = Env(saved)
        try:
            self.visit_children(node)
        finally:
            self.env = saved
        return UNKNOWN

    def _fstring(self, node: cst.FormattedString) -> Value:
        raw = "r" in node.start.lower()
        result: Value = Text()
        for part in node.parts:
            piece: Value
            if isinstance(part, cst.FormattedStringText):
                piece = literals.fstring_text(part, raw)
                self.tops[id(part)] = self.top
            elif isinstance(part, cst.FormattedStringExpression):
                piece = self._eval(part.expression)
                if part.format_spec or part.conversion == "r":
                    piece = Text.hole()
            else:
                piece = Text.hole()
            result = combine(result, piece, concat)
        return result

    def _name(self, name: str) -> Value:
        value = self.env.lookup(name)
        return UNKNOWN if value is None else value

    def _attribute(self, node: cst.Attribute) -> Value:
        base = self._eval(node.value)
        attr = node.attr.value
        if isinstance(base, Obj):
            info = self.classes.by_name.get(base.name)
            if base.kind in ("instance", "class") and info is not None:
                self.prepare(info)
                return self.classes.attribute(info, attr)
            return Obj("import", f"{base.name}.{attr}")
        if attr == "value" and isinstance(base, (Text, OneOf)):
            return base  # an Enum member's value
        return GRANTED if attr in _GRANTED_KEYS else UNKNOWN

    def _subscript(self, node: cst.Subscript) -> Value:
        base = self._eval(node.value)
        keys = [
            self.evaluate(element.slice.value)
            for element in node.slice
            if isinstance(element.slice, cst.Index)
        ]
        if len(keys) != 1 or len(node.slice) != 1:
            return UNKNOWN
        return combine(base, keys[0], _item)

    def _binary(self, node: cst.BinaryOperation) -> Value:
        left, right = self._eval(node.left), self._eval(node.right)
        if isinstance(node.operator, cst.Add):
            return combine(left, right, concat)
        if isinstance(node.operator, cst.Modulo):
            return combine(left, spread(right), _percent)
        return UNKNOWN

    def _sequence(self, elements: Sequence[cst.BaseElement], node: cst.CSTNode) -> Value:
        items: list[Value] = []
        for element in elements:
            value = self.evaluate(element.value)
            if isinstance(element, cst.StarredElement):
                if isinstance(value, Seq):
                    items.extend(value.items)
                else:
                    items.append(UNKNOWN)
            else:
                items.append(value)
        return Seq(tuple(items), node)

    def _dict(self, node: cst.Dict) -> Value:
        entries: list[tuple[str, Value, cst.CSTNode | None]] = []
        complete = True
        for element in node.elements:
            if not isinstance(element, cst.DictElement):  # **spread
                spread = self.evaluate(element.value)
                if isinstance(spread, Mapping):
                    entries.extend(spread.entries)
                    complete = complete and spread.complete
                else:
                    complete = False
                continue
            key = self.evaluate(element.key)
            value = self.evaluate(element.value)
            if isinstance(key, Text) and key.complete:
                entries.append((key.value, value, element.key))
            else:
                complete = False
        mapping = Mapping(tuple(entries), complete)
        if not self.quiet:
            self.observer.built_dict(node, mapping)
        return mapping

    def _comprehension(self, node: cst.ListComp | cst.GeneratorExp | cst.SetComp) -> Value:
        """``[f(x) for x in ITEMS]``: each known item mapped, when no condition filters them."""
        source = self.iterate(self.evaluate(node.for_in.iter))
        target, saved = node.for_in.target, self.env
        simple = not node.for_in.ifs and node.for_in.inner_for_in is None
        try:
            if simple and isinstance(target, cst.Name) and isinstance(source, Seq):
                mapped = []
                for item in source.items[:MAX_MAPPED]:
                    self.env = Env(saved, {target.value: item})
                    mapped.append(self._eval(node.elt))
                return Seq(tuple(mapped)) if len(source.items) <= MAX_MAPPED else UNKNOWN
            self.env = Env(saved, dict.fromkeys(bound_names(target), UNKNOWN))
            for condition in node.for_in.ifs:
                self.evaluate(condition.test)
            if node.for_in.inner_for_in is not None:
                self.visit_children(node.for_in.inner_for_in)
            self.evaluate(node.elt)
            return UNKNOWN
        finally:
            self.env = saved

    def iterate(self, value: Value) -> Value:
        """What iterating a value gives: a list's items, or an ``Enum`` class's members."""
        if isinstance(value, Obj) and value.kind == "class" and value.name in self.classes.by_name:
            info = self.classes.by_name[value.name]
            if any(base.rsplit(".", 1)[-1].endswith("Enum") for base in info.bases):
                members = (v for k, v in info.attributes.items() if not k.startswith("_"))
                return Seq(tuple(v for v in members if not isinstance(v, Obj)))
        return value

    # -- calls ---------------------------------------------------------------------------

    def callee_name(self, func: cst.BaseExpression) -> tuple[str | None, Value | None, Obj | None]:
        """A callee's dotted name (qualified through imports), its receiver, and what it names."""
        if isinstance(func, cst.Name):
            value = self.env.lookup(func.value)
            if isinstance(value, Obj):
                return value.name, None, value
            return func.value, None, None
        if isinstance(func, cst.Attribute):
            receiver = self._eval(func.value)
            if isinstance(receiver, Obj):
                name = f"{receiver.name}.{func.attr.value}"
                info = self.classes.by_name.get(receiver.name)
                if info is not None and receiver.kind in ("instance", "class"):
                    method = self.classes.attribute(info, func.attr.value)
                    return name, receiver, method if isinstance(method, Obj) else None
                return name, receiver, Obj("import", name) if receiver.kind in ("import", "module") else None
            prefix = dotted(func.value)
            return (f"{prefix}.{func.attr.value}" if prefix else None), receiver, None
        self.visit_children(func)
        return None, None, None

    def _call(self, node: cst.Call) -> Value:
        self.tops[id(node)] = self.tops[id(node.func)] = self.top
        callee, receiver, target = self.callee_name(node.func)
        method = node.func.attr.value if isinstance(node.func, cst.Attribute) else None
        mock = _root(callee) in MOCK_ROOTS or (callee or "").startswith("self.mock")
        self.quiet += mock
        try:
            args: list[Value] = []
            kwargs: dict[str, Value] = {}
            for arg in node.args:
                value = self.evaluate(arg.value)
                if arg.star:
                    if arg.star == "**" and isinstance(value, Mapping):
                        kwargs.update({k: v for k, v, _ in value.entries})
                    continue
                if arg.keyword is None:
                    args.append(value)
                else:
                    kwargs[arg.keyword.value] = value
            result = self._builtin(callee, method, receiver, args, kwargs)
            if target is not None and target.kind == "function":
                result = self.returns(target)
            elif result is UNKNOWN and target is not None and target.kind in ("import", "module", "class"):
                result = Obj("instance", target.name, kwargs.get("base_url"))  # a library's or module's class
            self._mutate(node.func, method, args)
            if not self.quiet:
                owner = self.owner
                self.observer.called(
                    CallSite(
                        node,
                        callee,
                        method,
                        receiver,
                        tuple(args),
                        kwargs,
                        owner,
                        lambda: self._constants(owner),
                    )
                )
            return result
        finally:
            self.quiet -= mock

    def _constants(self, owner: ClassInfo | None) -> Iterator[Value]:
        if owner is not None:
            for klass in self.classes.lineage(owner):
                yield from klass.attributes.values()
                yield from klass.instance.values()
        yield from self.module_env.names.values()

    def _builtin(
        self,
        callee: str | None,
        method: str | None,
        receiver: Value | None,
        args: list[Value],
        kwargs: dict[str, Value],
    ) -> Value:
        """The value of the standard-library calls that build strings, lists and dicts."""
        name = callee or ""
        last = name.rsplit(".", 1)[-1]
        if method == "join" and receiver is not None and len(args) == 1:
            return combine(receiver, spread(args[0]), _join)
        if method == "format" and receiver is not None:
            return combine(receiver, spread(Seq(tuple(args))), lambda t, a: _format(t, a, kwargs))
        if method == "split" and receiver is not None and len(args) == 1:
            return combine(receiver, args[0], _split)
        if method == "get" and isinstance(receiver, Mapping) and args:
            return combine(args[0], args[1] if len(args) > 1 else UNKNOWN, lambda k, d: _get(receiver, k, d))
        if receiver is GRANTED and method in ("split", "strip", "lower", "replace"):
            return GRANTED
        if last in ("dumps", "loads") and len(args) == 1:
            return args[0]  # json.dumps: the body it encodes
        if name in _GETENV or last == "getenv":
            default = args[1] if len(args) > 1 else kwargs.get("default", UNKNOWN)
            return default
        granted_key = args and isinstance(args[0], Text) and args[0].value in _GRANTED_KEYS
        if method in ("get", "getlist") and granted_key:  # request.args.get("scopes"), token.get("scope")
            return GRANTED
        if last == "urlencode" and args:
            return combine(spread(args[0]), Text(), lambda params, _: _urlencode(params))
        if last in ("quote", "quote_plus", "str") and len(args) == 1:
            return args[0] if isinstance(args[0], Text) else UNKNOWN
        if last == "urljoin" and len(args) == 2:
            return combine(args[0], args[1], _urljoin)
        if name == "dict" and not args:
            return Mapping(tuple((k, v, None) for k, v in kwargs.items()))
        if name in _SEQUENCE_BUILTINS and args and args[0] is GRANTED:
            return GRANTED
        if name in _SEQUENCE_BUILTINS and len(args) == 1:
            items = self.iterate(args[0])
            return items if isinstance(items, Seq) else UNKNOWN
        return UNKNOWN

    def _mutate(self, func: cst.BaseExpression, method: str | None, args: list[Value]) -> None:
        """Follow ``names.append(x)``, ``names.extend(xs)`` and ``params.update(d)``."""
        if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)):
            return
        name = func.value.value
        env = self.env.owner(name)
        if env is None or method not in ("append", "extend", "update", "insert", "add"):
            return
        current = env.names[name]
        addition = args[-1] if args else UNKNOWN
        if isinstance(current, Seq) and method in ("append", "insert", "add"):
            env.names[name] = Seq((*current.items, addition), current.node)
        elif isinstance(current, Seq) and method == "extend":
            items = addition.items if isinstance(addition, Seq) else (UNKNOWN,)
            env.names[name] = Seq((*current.items, *items), current.node)
        elif isinstance(current, Mapping) and method == "update" and isinstance(addition, Mapping):
            env.names[name] = Mapping(
                current.entries + addition.entries, current.complete and addition.complete
            )
        elif isinstance(current, (Seq, Mapping)):
            env.names[name] = UNKNOWN


#: How ``visit_children`` treats a child node, by the child's class.
_EXPRESSION, _CONTAINER, _SKIP = 1, 2, 3
_KINDS: dict[type, int] = {}


def _kind(node: cst.CSTNode) -> int:
    if isinstance(node, cst.BaseExpression):
        return _EXPRESSION
    return _SKIP if isinstance(node, _SKIPPED) else _CONTAINER


#: The evaluation of each kind of expression, by class (one lookup instead of a chain of
#: isinstance checks, which libcst's abstract base classes make slow).
_EVALUATORS: dict[type, Callable[[Evaluator, Any], Value]] = {
    cst.SimpleString: Evaluator._simple_string,
    cst.ConcatenatedString: Evaluator._concatenated,
    cst.FormattedString: Evaluator._fstring,
    cst.Name: Evaluator._name_node,
    cst.Attribute: Evaluator._attribute,
    cst.Subscript: Evaluator._subscript,
    cst.BinaryOperation: Evaluator._binary,
    cst.IfExp: Evaluator._conditional,
    cst.BooleanOperation: Evaluator._boolean,
    cst.List: Evaluator._collection,
    cst.Tuple: Evaluator._collection,
    cst.Set: Evaluator._collection,
    cst.Dict: Evaluator._dict,
    cst.Call: Evaluator._call,
    cst.Comparison: Evaluator._comparison,
    cst.ListComp: Evaluator._comprehension,
    cst.GeneratorExp: Evaluator._comprehension,
    cst.SetComp: Evaluator._comprehension,
    cst.NamedExpr: Evaluator._walrus,
    cst.Lambda: Evaluator._own_scope,
    cst.DictComp: Evaluator._own_scope,
}


def bound_names(target: cst.BaseExpression) -> list[str]:
    """The names an assignment or loop target binds."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements for name in bound_names(element.value)]
    return []


def dotted(node: cst.BaseExpression) -> str | None:
    """``a.b["c"].d`` as ``a.b.c.d``; None when a part is not a name or a string key."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        prefix = dotted(node.value)
        return f"{prefix}.{node.attr.value}" if prefix else None
    if isinstance(node, cst.Subscript) and len(node.slice) == 1:
        index = node.slice[0].slice
        if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
            prefix = dotted(node.value)
            key = index.value.evaluated_value
            return f"{prefix}.{key}" if prefix and isinstance(key, str) else None
    return None


# -- operations on values -----------------------------------------------------------------


def _item(base: Value, key: Value) -> Value:
    if isinstance(base, Mapping) and isinstance(key, Text):
        found = base.get(key.value)
        return UNKNOWN if found is None else found
    return GRANTED if isinstance(key, Text) and key.value in _GRANTED_KEYS else UNKNOWN


def _get(mapping: Mapping, key: Value, default: Value) -> Value:
    if not isinstance(key, Text):
        return UNKNOWN
    found = mapping.get(key.value)
    if found is not None:
        return found
    return default if mapping.complete else UNKNOWN


def _join(separator: Value, items: Value) -> Value:
    if items is GRANTED:
        return GRANTED
    if not isinstance(separator, Text):
        return UNKNOWN
    if not isinstance(items, Seq):
        return Text.hole()
    result = Text()
    for index, item in enumerate(items.items):
        if index:
            result = result + separator
        result = result + as_text(item)
    return result


def _split(text: Value, separator: Value) -> Value:
    if not (isinstance(text, Text) and isinstance(separator, Text) and separator.value):
        return UNKNOWN
    pattern = re.compile(re.escape(separator.value))
    return Seq(tuple(item for _, item in text.split(pattern)))


def _urlencode(params: Value) -> Value:
    """``urlencode``: ``key=value&...``; values keep their anchors (their commas unencoded)."""
    entries: list[tuple[Value, Value]]
    if isinstance(params, Mapping):
        entries = [(Text.plain(k), v) for k, v, _ in params.entries]
        if not params.complete:
            entries.append((Text.hole(), Text.hole()))
    elif isinstance(params, Seq):
        entries = []
        for item in params.items:
            pair = item.items if isinstance(item, Seq) else ()
            entries.append((pair[0], pair[1]) if len(pair) == 2 else (Text.hole(), Text.hole()))
    else:
        return Text.hole()
    result = Text()
    for index, (key, value) in enumerate(entries):
        if index:
            result = result + Text.plain("&")
        result = result + as_text(key) + Text.plain("=") + as_text(value)
    return result


def _urljoin(base: Value, relative: Value) -> Value:
    if not (isinstance(base, Text) and isinstance(relative, Text) and base.complete):
        return Text.hole()
    if not relative.complete:
        return Text.hole()
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


_FORMAT_FIELD = re.compile(r"\{\{|\}\}|\{([^{}!:]*)(![rsa])?(:[^{}]*)?\}")
_PERCENT_FIELD = re.compile(r"%%|%(?:\(([^)]*)\))?[-#0 +]*\d*(?:\.\d+)?([sdirfxXeEgGc])")


def _substitute(
    template: Text, pattern: re.Pattern[str], lookup: Callable[[int, re.Match[str]], Value]
) -> Value:
    result = Text()
    position = number = 0
    for match in pattern.finditer(template.value):
        result = result + template.slice(position, match.start())
        if match.group() in ("{{", "}}", "%%"):
            result = result + Text.plain(match.group()[0])
        else:
            result = result + as_text(lookup(number, match))
            number += 1
        position = match.end()
    return result + template.slice(position, len(template.value))


def _format(template: Value, args: Value, kwargs: dict[str, Value]) -> Value:
    """``str.format`` with positional and keyword fields."""
    if not isinstance(template, Text) or not isinstance(args, Seq):
        return UNKNOWN
    counter = iter(range(len(args.items) + 1000))

    def lookup(_: int, match: re.Match[str]) -> Value:
        key = match.group(1)
        if match.group(2) == "!r" or match.group(3):
            return UNKNOWN
        if key == "":
            index = next(counter)
            return args.items[index] if index < len(args.items) else UNKNOWN
        if key.isdigit():
            return args.items[int(key)] if int(key) < len(args.items) else UNKNOWN
        return kwargs.get(key, UNKNOWN) if key.isidentifier() else UNKNOWN

    return _substitute(template, _FORMAT_FIELD, lookup)


def _percent(template: Value, args: Value) -> Value:
    """``"..." % value`` with ``%s`` fields (a tuple, a single value or a dict)."""
    if not isinstance(template, Text):
        return UNKNOWN
    items = (
        args.items
        if isinstance(args, Seq) and args.node is not None and isinstance(args.node, cst.Tuple)
        else (args,)
    )

    def lookup(number: int, match: re.Match[str]) -> Value:
        if match.group(2) != "s":
            return UNKNOWN
        if match.group(1) is not None:
            found = args.get(match.group(1)) if isinstance(args, Mapping) else None
            return UNKNOWN if found is None else found
        return items[number] if number < len(items) else UNKNOWN

    return _substitute(template, _PERCENT_FIELD, lookup)
