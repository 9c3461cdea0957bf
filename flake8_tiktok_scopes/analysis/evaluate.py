"""Expressions: what each one holds, as far as the analysed code says, within the file's budget.

Literals, f-strings, ``+``, ``%``, names (through :class:`~.bindings.Env`), attributes of the
project's objects, subscripts, comprehensions over known lists, and calls: a call of the project's
own function runs its body with the arguments bound (:class:`~.interpret.Interpreter` does that);
a call of a library is known through :mod:`.known_calls`. Every call, every written string and
every dict is reported to an :class:`Observer`, which is where requests and scope declarations
are recognised.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Sequence
from typing import Any, Callable, Protocol

import libcst as cst

from ..records import Record
from ..tiktok import libraries
from . import known_calls, literals, strings
from .bindings import Env
from .budget import Budget
from .objects import BoundMethod, ClassValue, External, Function, Imported, Instance, ModuleValue, Partial
from .values import (
    ENVIRONMENT,
    GRANTED,
    MAX_ALTERNATIVES,
    UNKNOWN,
    Dict,
    OneOf,
    Seq,
    Text,
    Unknown,
    Value,
    alternatives,
    bounded,
    bounds_hit,
    choice_of,
    choose,
    combine,
    concat,
    each,
    one_of,
    spread,
    unknown_of,
)

#: ``None``: declares nothing, requests nothing (a parameter left at ``None`` is filled in later).
NONE = Unknown("None", quiet=True)
_BUILTIN_NAMES = frozenset(dir(builtins))
_DATA = (Text, Seq, Dict, Unknown)
_NAMES = frozenset({cst.Name, cst.Attribute, cst.Subscript})
_NOT_TEXT = frozenset({Seq, Dict, Unknown, Function, BoundMethod, Partial, ClassValue, Instance, External})
#: Comprehensions and loops over longer lists are not followed item by item.
MAX_MAPPED = 64


class CallSite(Record):
    """A call, with its callee and arguments evaluated."""

    node: cst.Call
    callee: str | None  # dotted name, qualified through imports: "requests.get"
    method: str | None  # attribute name for ``x.method(...)`` calls
    receiver: Value | None
    args: tuple[Value, ...]
    kwargs: dict[str, Value]
    owner: ClassValue | None  # the class whose method holds the call
    module: str  # the module whose code holds the call
    base_url: Value | None = None  # the receiver's base URL (an HTTP client's ``base_url=``)
    runs_code: bool = False  # the callee is the analysed code's own (its body ran with these arguments)


class Observer(Protocol):
    """Receives what the interpreter sees; recognises requests and declarations."""

    def written(self, node: cst.BaseExpression, value: Value, *, declares: bool = True) -> None: ...

    def called(self, site: CallSite) -> None: ...

    def built_dict(self, node: cst.Dict, value: Dict) -> None: ...

    def assigned(
        self, path: str, value: Value, node: cst.CSTNode, owner: ClassValue | None, module: str
    ) -> None: ...

    def scope(self, tag: object | None) -> None: ...

    def discard(self, tags: set[object]) -> None: ...


class Frame:
    """One function run: the function, what ``self`` is in it, and what it returns."""

    __slots__ = ("depth", "function", "generator", "globals", "receiver", "returns")

    def __init__(self, function: Function | None = None, receiver: Value | None = None) -> None:
        self.function = function
        self.receiver = receiver  # ``self`` (or ``cls``) of a method run
        self.returns: list[Value] = []
        self.depth = 0  # branches (if/try/loop) around the statement being run
        self.generator = False  # the body yields: calling it gives a generator, not its returns
        self.globals: frozenset[str] = frozenset()  # names a ``global`` statement sends to the module


class Evaluator:
    """Evaluates expressions in the current environment and reports them to the observer."""

    def __init__(self, observer: Observer, budget: Budget, module: str = "__main__") -> None:
        self.observer = observer
        self.budget = budget
        self.module = module  # the dotted name of the module being checked
        self.module_env = Env()
        self.env = self.module_env
        self.frame = Frame()
        self.quiet = 0  # inside test doubles: nothing is reported
        self.own = True  # running the checked module's own code (not an imported module's)
        self.top = -1  # the module-level statement being interpreted
        self.tops: dict[int, int] = {}  # id of a node that may be reported -> its top statement
        self.fstrings: dict[int, cst.FormattedString] = {}  # literal part of an f-string -> the f-string
        self._literals: dict[int, Value] = {}  # string literal -> its value (the same object each time)
        self.defined: dict[int, Function] = {}  # def or lambda node -> its first function value (own module)
        self._made: list[Function | ClassValue] = []  # every function and class made, to release

    # -- entry points -------------------------------------------------------------------

    def evaluate(self, node: cst.BaseExpression, *, declares: bool = True) -> Value:
        """Evaluate an expression whose value is used as a whole (not part of a string).

        ``declares`` is False for a string that is only compared (``"user.info.stats" in
        granted`` checks a scope; it asks for none).
        """
        hits = bounds_hit[0]
        value = self._eval(node)
        self.tops[id(node)] = self.top if self.own else -2
        if bounds_hit[0] != hits and self.budget.bounded_at is None and self.own:
            self.budget.bounded_at = node
        kind = type(value)
        if self.quiet or type(node) in _NAMES or kind in _NOT_TEXT:
            return value
        if kind is Text or any(type(v) is Text for v in alternatives(value)):
            self.observer.written(node, value, declares=declares)
        return value

    def _eval(self, node: cst.BaseExpression) -> Value:
        budget = self.budget
        budget.steps -= 1
        if budget.steps < 0 and not budget.spend(node):
            return UNKNOWN
        handler = _EVALUATORS.get(type(node))
        if handler is None:
            return UNKNOWN
        return handler(self, node)

    # -- hooks the interpreter fills in -----------------------------------------------------

    def run_function(
        self, function: Function, args: Sequence[Value], kwargs: dict[str, Value], receiver: Value | None
    ) -> Value:
        """Run a function of the analysed code with its arguments bound; what it returns."""
        return UNKNOWN

    def instantiate(self, cls: ClassValue, args: Sequence[Value], kwargs: dict[str, Value]) -> Value:
        """Call a class of the analysed code: a new instance."""
        return Instance(cls)

    def generic_instance(self, cls: ClassValue) -> Instance:
        """Some instance of ``cls`` (for a method that runs with no known receiver)."""
        return Instance(cls)

    def project_setting(self, owner: External, name: str) -> Value:
        """A framework setting (``settings.NAME``, ``current_app.config["NAME"]``) found in the project."""
        return UNKNOWN

    def project_object(self, dotted_name: str) -> Value:
        """What a dotted name of the project (``"app.config.Config"``) stands for."""
        return UNKNOWN

    def config_changed(self, config: External) -> None:
        """A Flask app's configuration was filled in (``from_object``, ``update``, item assignment)."""

    # -- names and attributes --------------------------------------------------------------

    def lookup(self, name: str) -> Value:
        """What a name holds here (an import of the project resolved on first use)."""
        value = self.env.lookup(name)
        if value is None:
            return External(f"builtins.{name}") if name in _BUILTIN_NAMES else UNKNOWN
        if isinstance(value, Imported):
            resolved = value.resolve()
            owner = self.env.owner(name)
            if owner is not None:
                owner.bind(name, resolved)
            return resolved
        return value

    def attribute(self, base: Value, name: str) -> Value:
        """``base.name``: an object's attribute, a method bound to it, or a property's value."""
        if isinstance(base, OneOf):
            return each(base, lambda option: self.attribute(option, name))
        if isinstance(base, Instance):
            return self._instance_attribute(base, name)
        if isinstance(base, ClassValue):
            found = base.lookup(name)
            if found is None:
                return self._library_member(base, name)
            value, _ = found
            if isinstance(value, Function) and value.kind == "classmethod":
                return BoundMethod(base, value)
            return value
        if isinstance(base, External):
            known = base.attrs.get(name)
            if known is not None:
                return known
            if base.name == "builtins.super()":
                return self._super_attribute(base, name)
            if base.name == libraries.DJANGO_SETTINGS:
                return self.project_setting(base, name)
            return base.member(name)
        if isinstance(base, ModuleValue):
            return base.get(name)
        if isinstance(base, Text) and name in ("value", "url"):
            return base  # an Enum member's value; a URL builder's string
        if isinstance(base, Unknown):
            return GRANTED if name in libraries.GRANTED_KEYS and not base.quiet else base
        return UNKNOWN

    def _instance_attribute(self, instance: Instance, name: str) -> Value:
        own = instance.attrs.get(name)
        if own is not None:
            return own
        found = instance.cls.lookup(name)
        if found is None:
            return self._library_member(instance.cls, name, instance)
        value, _ = found
        if isinstance(value, Function):
            if value.kind == "property":
                if name not in instance.computed:
                    instance.computed[name] = UNKNOWN  # a getter that reads itself
                    instance.computed[name] = self.run_function(value, (), {}, instance)
                return instance.computed[name]
            if value.kind == "staticmethod":
                return value
            return BoundMethod(instance.cls if value.kind == "classmethod" else instance, value)
        return value

    def _super_attribute(self, proxy: External, name: str) -> Value:
        """``super().name``: looked up in the classes after the method's own."""
        receiver, owner = proxy.receiver, proxy.attrs.get("__owner__")
        cls = receiver.cls if isinstance(receiver, Instance) else receiver
        if not isinstance(cls, ClassValue) or not isinstance(owner, ClassValue) or receiver is None:
            return UNKNOWN
        order = cls.mro()
        after = order[order.index(owner) + 1 :] if owner in order else []
        for klass in after:
            value = klass.attrs.get(name)
            if isinstance(value, Function):
                return value if value.kind == "staticmethod" else BoundMethod(receiver, value)
            if value is not None:
                return value
        for base in cls.library_bases():
            return External(f"{base}.{name}", receiver=receiver)
        return UNKNOWN

    def _library_member(self, cls: ClassValue, name: str, receiver: Value | None = None) -> Value:
        """An attribute no class of the analysed code defines: the library base's, if it has one.

        ``session.get(url)`` on a subclass of an HTTP client that overrides ``request`` goes
        through that override, as the library does.
        """
        for base in cls.library_bases():
            request = cls.lookup("request") if base in libraries.HTTP_CLIENTS else None
            if name in libraries.HTTP_VERBS and request is not None and isinstance(request[0], Function):
                return Partial(BoundMethod(receiver or cls, request[0]), (Text.plain(name.upper()),), {})
            return External(f"{base}.{name}", receiver=receiver)
        return UNKNOWN

    # -- expressions ---------------------------------------------------------------------

    def _simple_string(self, node: cst.SimpleString) -> Value:
        self.tops[id(node)] = self.top if self.own else -2
        known = self._literals.get(id(node))
        if known is None:
            known = UNKNOWN if "b" in node.prefix.lower() else literals.simple_string(node)
            self._literals[id(node)] = known
        return known

    def _concatenated(self, node: cst.ConcatenatedString) -> Value:
        return combine(self._eval(node.left), self._eval(node.right), concat)

    def _name_node(self, node: cst.Name) -> Value:
        if node.value == "None":
            return NONE
        return self.lookup(node.value)

    def _conditional(self, node: cst.IfExp) -> Value:
        self.evaluate(node.test)
        return one_of([self._eval(node.body), self._eval(node.orelse)])

    def _boolean(self, node: cst.BooleanOperation) -> Value:
        left, right = self._eval(node.left), self._eval(node.right)
        if isinstance(node.operator, cst.Or):  # ``scopes or DEFAULT``: None, the environment fall through
            kept = [a for a in alternatives(left) if a is not NONE and a is not ENVIRONMENT]
            return one_of([*kept, right])
        return one_of([left, right])

    def _collection(self, node: cst.List | cst.Tuple | cst.Set) -> Value:
        items: list[Value] = []
        for element in node.elements:
            value = self.evaluate(element.value)
            if isinstance(element, cst.StarredElement):
                items.extend(value.items if isinstance(value, Seq) else (UNKNOWN,))
            else:
                items.append(value)
        return bounded(Seq(tuple(items), node, isinstance(node, cst.Tuple)))

    def _comparison(self, node: cst.Comparison) -> Value:
        self.evaluate(node.left, declares=False)
        for target in node.comparisons:
            self.evaluate(target.comparator, declares=False)
        return UNKNOWN

    def _unary(self, node: cst.UnaryOperation) -> Value:
        self.evaluate(node.expression)
        return UNKNOWN

    def _await(self, node: cst.Await) -> Value:
        return self._eval(node.expression)

    def _yield(self, node: cst.Yield) -> Value:
        self.frame.generator = True
        if isinstance(node.value, cst.BaseExpression):
            self.evaluate(node.value)
        elif isinstance(node.value, cst.From):
            self.evaluate(node.value.item)
        return UNKNOWN

    def _walrus(self, node: cst.NamedExpr) -> Value:
        value = self._eval(node.value)
        if isinstance(node.target, cst.Name):
            self.env.bind(node.target.value, value)
        return value

    def _lambda(self, node: cst.Lambda) -> Value:
        defaults = {p.name.value: self.evaluate(p.default) for p in all_params(node.params) if p.default}
        function = Function(node, self.env, self.current_module(), None, defaults)
        function.top = self.top
        self.define(function)
        return function

    def define(self, function: Function) -> None:
        """Remember a function value (and, the first of each one the checked module defines, to
        run it on its own if nothing calls it)."""
        self._made.append(function)
        if self.own and id(function.node) not in self.defined:
            self.defined[id(function.node)] = function

    def release(self) -> None:
        """Break the cycles the run made, once its values are no longer needed: a function's scope
        binds the function, a method's class holds the method, a class is the first of its own
        method resolution order. Without them the module's tree is freed as soon as it is
        dropped, not by a pass of the cyclic collector over every node."""
        for made in self._made:
            made.release()
        self._made.clear()

    def current_module(self) -> str:
        """The module whose code is running."""
        function = self.frame.function
        return function.module if function is not None else self.module

    def _fstring(self, node: cst.FormattedString) -> Value:
        raw = "r" in node.start.lower()
        result: Value = Text()
        for part in node.parts:
            piece: Value
            if isinstance(part, cst.FormattedStringText):
                piece = literals.fstring_text(part, raw)
                self.tops[id(part)] = self.top if self.own else -2
                self.fstrings[id(part)] = node
            elif isinstance(part, cst.FormattedStringExpression):
                piece = self._eval(part.expression)
                if part.format_spec or part.conversion == "r":
                    piece = Text.hole()
            else:
                piece = Text.hole()
            result = combine(result, piece, concat)
        return result

    def _attribute(self, node: cst.Attribute) -> Value:
        return self.attribute(self._eval(node.value), node.attr.value)

    def _subscript(self, node: cst.Subscript) -> Value:
        base = self._eval(node.value)
        if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
            for element in node.slice:
                if isinstance(element.slice, cst.Index):
                    self.evaluate(element.slice.value)
            return UNKNOWN
        index = node.slice[0].slice.value
        if isinstance(index, cst.Integer):
            return combine(base, UNKNOWN, lambda b, _: _item_at(b, index.evaluated_value))
        key = self.evaluate(index)
        found = combine(base, key, self._item)
        if isinstance(key, Unknown) and isinstance(base, Dict) and isinstance(index, cst.Name):
            self._key_chosen(index.value, base, choice_of(found))
        return found

    def _key_chosen(self, name: str, mapping: Dict, choice: int) -> None:
        """``CONFIG[platform]`` worked, so ``platform`` is one of the keys: bound to them as the
        same decision as the value, so that ``if platform == "x":`` can tell which value it is."""
        if choice and self.env.local(name) is not None:
            self.env.bind(name, OneOf(tuple(Text.plain(key) for key, _, _ in mapping.entries), choice))

    def _item(self, base: Value, key: Value) -> Value:
        if isinstance(base, Dict):
            if isinstance(key, Text) and key.complete:
                found = base.get(key.value)
                return UNKNOWN if found is None else found
            # a key the code cannot know stands for every value of a dict whose values are all known
            return choose(base.values()) if base.complete and base.entries else UNKNOWN
        if isinstance(base, External):
            if isinstance(key, Text) and key.complete and key.value in base.attrs:
                return base.attrs[key.value]
            if base.name in libraries.FLASK_CONFIGS and isinstance(key, Text) and key.complete:
                return self.project_setting(base, key.value)
            return UNKNOWN
        if isinstance(base, Unknown) and isinstance(key, Text) and key.value in libraries.GRANTED_KEYS:
            return GRANTED if not base.quiet else base
        return unknown_of(base)

    def _binary(self, node: cst.BinaryOperation) -> Value:
        left, right = self._eval(node.left), self._eval(node.right)
        if isinstance(node.operator, cst.Add):
            return combine(left, right, concat)
        if isinstance(node.operator, cst.Modulo):
            return combine(left, spread(right), strings.percent_or_query)
        if isinstance(node.operator, cst.Divide):
            return combine(left, right, strings.path_join)  # yarl.URL / "path"
        if isinstance(node.operator, cst.BitOr) and isinstance(left, Dict) and isinstance(right, Dict):
            return bounded(Dict(left.entries + right.entries, left.complete and right.complete))
        return UNKNOWN

    def _dict(self, node: cst.Dict) -> Value:
        entries: list[tuple[str, Value, cst.CSTNode | None]] = []
        complete = True
        for element in node.elements:
            if not isinstance(element, cst.DictElement):  # **spread
                spread_value = self.evaluate(element.value)
                if isinstance(spread_value, Dict):
                    entries.extend(spread_value.entries)
                    complete = complete and spread_value.complete
                else:
                    complete = False
                continue
            key = self.evaluate(element.key)
            value = self.evaluate(element.value)
            if isinstance(key, Text) and key.complete:
                entries.append((key.value, value, element.key))
            else:
                complete = False
        mapping = bounded(Dict(tuple(entries), complete))
        if isinstance(mapping, Dict) and not self.quiet:
            self.observer.built_dict(node, mapping)
        return mapping

    def _comprehension(self, node: cst.ListComp | cst.GeneratorExp | cst.SetComp | cst.DictComp) -> Value:
        """``[f(x) for x in ITEMS for y in x]``: each known item mapped, when no condition filters
        them (a condition's outcome is not known: the result is then unknown)."""
        saved = self.env
        try:
            self.env = Env(saved)
            mapped = self._mapped(node, node.for_in)
            if mapped is not None:
                return bounded(Seq(tuple(mapped)))
            self.env = Env(saved)
            self._walk_unknown(node, node.for_in)
            return UNKNOWN
        finally:
            self.env = saved

    def _mapped(
        self, node: cst.ListComp | cst.GeneratorExp | cst.SetComp | cst.DictComp, clause: cst.CompFor
    ) -> list[Value] | None:
        """The values of ``node``'s element for every item of ``clause`` and the clauses inside
        it; None when a source is not a known list, a condition filters, or there are too many."""
        if clause.ifs or isinstance(node, cst.DictComp):
            return None
        source = self.iterate(self.evaluate(clause.iter))
        if not isinstance(source, Seq) or len(source.items) > MAX_MAPPED:
            return None
        outer = self.env
        mapped: list[Value] = []
        for item in source.items:
            self.env = Env(outer)
            self.bind_target(clause.target, item)
            inner = clause.inner_for_in
            values = self._mapped(node, inner) if inner is not None else [self._eval(node.elt)]
            if values is None or len(mapped) + len(values) > MAX_MAPPED:
                return None
            mapped.extend(values)
        return mapped

    def _walk_unknown(
        self, node: cst.ListComp | cst.GeneratorExp | cst.SetComp | cst.DictComp, clause: cst.CompFor
    ) -> None:
        """Evaluate a comprehension whose items are not known (its calls and strings still count)."""
        self.evaluate(clause.iter)
        self.bind_target(clause.target, UNKNOWN)
        for condition in clause.ifs:
            self.evaluate(condition.test)
        if clause.inner_for_in is not None:
            self._walk_unknown(node, clause.inner_for_in)
        elif isinstance(node, cst.DictComp):
            self.evaluate(node.key)
            self.evaluate(node.value)
        else:
            self.evaluate(node.elt)

    def bind_target(self, target: cst.BaseExpression, value: Value) -> None:
        """Bind the names of a loop or comprehension target (tuples unpacked element-wise)."""
        if isinstance(target, cst.Name):
            self.env.bind(target.value, value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            items = value.items if isinstance(value, Seq) else ()
            fits = len(items) == len(target.elements)
            for index, element in enumerate(target.elements):
                starred = isinstance(element, cst.StarredElement)
                self.bind_target(element.value, items[index] if fits and not starred else unknown_of(value))

    def iterate(self, value: Value) -> Value:
        """What iterating a value gives: a list's items, a dict's keys, an ``Enum`` class's members."""
        if isinstance(value, ClassValue) and any(b in libraries.ENUM_BASES for b in value.library_bases()):
            members = (v for k, v in value.attrs.items() if not k.startswith("_"))
            return Seq(tuple(v for v in members if isinstance(v, Text)))
        if isinstance(value, Dict):
            return Seq(tuple(Text.plain(k) for k, _, _ in value.entries)) if value.complete else UNKNOWN
        if isinstance(value, Text) and value.complete:
            return Seq(tuple(value.slice(i, i + 1) for i in range(min(len(value.value), MAX_MAPPED))))
        return value

    # -- calls ---------------------------------------------------------------------------

    def _call(self, node: cst.Call) -> Value:
        func = node.func
        top = self.top if self.own else -2
        self.tops[id(node)] = self.tops[id(func)] = top
        if isinstance(func, cst.Attribute):
            self.tops[id(func.attr)] = top
        receiver: Value | None = None
        method: str | None = None
        if isinstance(func, cst.Attribute):
            receiver = self._eval(func.value)
            method = func.attr.value
            target = UNKNOWN if _is_data(receiver) else self.attribute(receiver, method)
        else:
            target = self._eval(func)
        callee = target.name if isinstance(target, External) else dotted(func)
        mock = _is_mock(callee, method, target)
        self.quiet += mock
        try:
            args, kwargs = self._arguments(node.args)
            if method is not None and receiver is not None and _is_data(receiver):
                result = combine(receiver, UNKNOWN, lambda r, _: known_calls.method(r, method, args, kwargs))
            else:
                result = self.call_value(target, args, kwargs)
            self._mutate(func, method, receiver, args, kwargs)
            if not self.quiet:
                while isinstance(target, Partial):  # the call the partial makes, with all its arguments
                    args, kwargs = [*target.args, *args], {**target.kwargs, **kwargs}
                    target = target.target
                    callee = target.name if isinstance(target, External) else callee
                owner = self.frame.function.owner if self.frame.function is not None else None
                site = CallSite(
                    node,
                    callee,
                    method,
                    receiver,
                    tuple(args),
                    kwargs,
                    owner,
                    self.current_module(),
                    _base_url(receiver),
                    _runs_code(target),
                )
                self.observer.called(site)
            return result
        finally:
            self.quiet -= mock

    def _arguments(self, arguments: Sequence[cst.Arg]) -> tuple[list[Value], dict[str, Value]]:
        args: list[Value] = []
        kwargs: dict[str, Value] = {}
        for arg in arguments:
            value = self.evaluate(arg.value)
            if arg.star == "*":
                args.extend(value.items if isinstance(value, Seq) else (_Spread(value),))
            elif arg.star == "**":
                if isinstance(value, Dict):
                    kwargs.update({k: v for k, v, _ in value.entries})
                if not isinstance(value, Dict) or not value.complete:
                    kwargs[_SPREAD_KEY] = unknown_of(value)
            elif arg.keyword is None:
                args.append(value)
            else:
                kwargs[arg.keyword.value] = value
        return args, kwargs

    def call_value(self, target: Value, args: Sequence[Value], kwargs: dict[str, Value]) -> Value:
        """Call whatever ``target`` is with evaluated arguments."""
        if isinstance(target, OneOf):
            return one_of(
                [self.call_value(option, args, kwargs) for option in target.options[:MAX_ALTERNATIVES]]
            )
        if isinstance(target, Function):
            if target.kind == "classmethod" and target.owner is not None:
                return self.run_function(target, args, kwargs, target.owner)
            return self.run_function(target, args, kwargs, None)
        if isinstance(target, BoundMethod):
            return self.run_function(target.function, args, kwargs, target.receiver)
        if isinstance(target, ClassValue):
            return self.instantiate(target, args, kwargs)
        if isinstance(target, Partial):
            return self.call_value(target.target, [*target.args, *args], {**target.kwargs, **kwargs})
        if isinstance(target, External):
            return known_calls.call(self, target, args, kwargs)
        if isinstance(target, Instance):
            call = target.cls.lookup("__call__")
            if call is not None and isinstance(call[0], Function):
                return self.run_function(call[0], args, kwargs, target)
        return UNKNOWN

    def _mutate(
        self,
        func: cst.BaseExpression,
        method: str | None,
        receiver: Value | None,
        args: list[Value],
        kwargs: dict[str, Value],
    ) -> None:
        """Follow ``names.append(x)``, ``names.extend(xs)``, ``params.update(d)`` and
        ``app.config.from_object(...)``-style changes to what a name holds."""
        if isinstance(receiver, External) and method is not None:
            known_calls.mutate_external(self, receiver, method, args, kwargs)
            return
        if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name)):
            return
        if method not in ("append", "extend", "update", "insert", "add", "setdefault"):
            return
        name = func.value.value
        env = self.env.owner(name)
        current = env.local(name) if env is not None else None
        if env is None or not isinstance(current, (Seq, Dict)):
            return
        addition = args[-1] if args else UNKNOWN
        updated: Value = UNKNOWN
        if isinstance(current, Seq) and method in ("append", "insert", "add"):
            updated = Seq((*current.items, addition), current.node, current.is_tuple)
        elif isinstance(current, Seq) and method == "extend":
            items = addition.items if isinstance(addition, Seq) else (UNKNOWN,)
            updated = Seq((*current.items, *items), current.node, current.is_tuple)
        elif isinstance(current, Dict) and method == "update":
            if isinstance(addition, Dict) or (not args and kwargs):
                extra = (
                    addition
                    if isinstance(addition, Dict)
                    else Dict(tuple((k, v, None) for k, v in kwargs.items()))
                )
                updated = Dict(current.entries + extra.entries, current.complete and extra.complete)
        elif isinstance(current, Dict) and method == "setdefault" and len(args) == 2:
            key = args[0]
            if isinstance(key, Text) and key.complete:
                updated = (
                    current
                    if current.get(key.value) is not None
                    else current.with_entry(key.value, args[1], None)
                )
        env.bind(name, bounded(updated))


class _Spread(Unknown):
    """``*values`` that could not be expanded: the positions after it are unknown."""

    def __init__(self, value: Value) -> None:
        super().__init__("SPREAD", quiet=isinstance(value, Unknown) and value.quiet)


#: The keyword under which ``**values`` that could not be expanded are passed.
_SPREAD_KEY = "**"


def _runs_code(target: Value) -> bool:
    """True when calling ``target`` runs the analysed code (a class with its own ``__init__`` or fields)."""
    for option in alternatives(target):
        if isinstance(option, Partial):
            option = option.target
        if isinstance(option, (Function, BoundMethod)):
            return True
        if isinstance(option, ClassValue):
            init = option.lookup("__init__")
            return init is not None or not any(True for _ in option.library_bases())
    return False


def _is_data(value: Value) -> bool:
    return all(isinstance(a, _DATA) for a in alternatives(value))


def _is_mock(callee: str | None, method: str | None, target: Value) -> bool:
    """True for calls that set up or check test doubles."""
    if method in libraries.MOCK_ASSERTIONS:
        return True
    root = (callee or "").split(".", 1)[0]
    return root in libraries.MOCK_ROOTS or (callee or "").startswith(("self.mock", "mock_"))


def _base_url(receiver: Value | None) -> Value | None:
    if isinstance(receiver, External):
        return receiver.base_url
    if isinstance(receiver, Instance):
        return receiver.attrs.get("base_url") or receiver.attrs.get("_base_url")
    return None


def _item_at(base: Value, index: object) -> Value:
    if isinstance(base, Seq) and isinstance(index, int) and -len(base.items) <= index < len(base.items):
        return base.items[index]
    return unknown_of(base)


def all_params(params: cst.Parameters) -> list[cst.Param]:
    """Every parameter, in order: positional-only, positional, ``*args``, keyword-only, ``**kwargs``."""
    star = [params.star_arg] if isinstance(params.star_arg, cst.Param) else []
    extra = [params.star_kwarg] if params.star_kwarg is not None else []
    return [*params.posonly_params, *params.params, *star, *params.kwonly_params, *extra]


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


def bound_names(target: cst.BaseExpression) -> Iterator[str]:
    """The names an assignment or loop target binds."""
    if isinstance(target, cst.Name):
        yield target.value
    elif isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from bound_names(element.value)


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
    cst.UnaryOperation: Evaluator._unary,
    cst.Await: Evaluator._await,
    cst.Yield: Evaluator._yield,
    cst.ListComp: Evaluator._comprehension,
    cst.GeneratorExp: Evaluator._comprehension,
    cst.SetComp: Evaluator._comprehension,
    cst.DictComp: Evaluator._comprehension,
    cst.NamedExpr: Evaluator._walrus,
    cst.Lambda: Evaluator._lambda,
}
