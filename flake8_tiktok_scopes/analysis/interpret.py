"""Statements, function runs and classes: the module interpreted as Python would bind its values.

The module body runs first, in order; ``if``/``try``/loop branches run separately and their
bindings are merged as alternatives, and a ``for`` over a literal list runs once per element.
A call of the project's own function runs its body with the arguments bound at that call (up to
a depth and a number of runs per function); a class builds instances through its ``__init__`` or
its dataclass-style fields. Afterwards every function the module defines that no call has run
is run once on its own (parameters nobody passes are unknown, defaults are used), newest first;
what such a run observed is dropped if a later run shows the function is called after all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Callable

import libcst as cst

from ..tiktok import libraries
from .bindings import Env
from .budget import MAX_CALL_DEPTH, MAX_LOOP_ITEMS, MAX_RUNS_PER_FUNCTION, Budget
from .evaluate import (
    _SPREAD_KEY,
    NONE,
    Evaluator,
    Frame,
    Observer,
    _Spread,
    all_params,
    bound_names,
    dotted,
)
from .objects import BoundMethod, ClassValue, External, Function, Imported, Instance, Partial
from .values import (
    GRANTED,
    PARAMETER,
    UNKNOWN,
    Dict,
    OneOf,
    Seq,
    Text,
    Unknown,
    Value,
    alternatives,
    bounded,
    combine,
    concat,
    decisions,
    one_of,
    select,
)

if TYPE_CHECKING:
    from .project import Project

#: Methods that set up ``self`` in test classes: run before any other method of the class.
_SETUP = ("setUp", "setup_method", "asyncSetUp")


class Interpreter(Evaluator):
    """Runs a module through the evaluator, statement by statement."""

    def __init__(
        self,
        observer: Observer,
        budget: Budget | None = None,
        module: str = "__main__",
        project: Project | None = None,
    ) -> None:
        super().__init__(observer, budget or Budget(0), module)
        self.project = project
        self.classes: list[ClassValue] = []  # classes the module defines
        self._runs: dict[int, int] = {}  # def node -> how many calls ran its body
        self._stack: list[int] = []  # def nodes whose bodies are running
        self._memo: dict[tuple[int, ...], tuple[object, Value]] = {}
        self._standalone: dict[int, list[object]] = {}  # def node -> tags of its own runs
        self._alone: object | None = None  # the tag of the run on its own under way
        self._building: list[ClassValue] = []  # classes whose bodies are running
        #: id of a class -> the module's classes that have it in their MRO (for so many classes)
        self._subclasses: tuple[int, dict[int, list[ClassValue]]] = (0, {})

    def run(self, module: cst.Module) -> None:
        """Interpret the module body, then every function the module defines that nothing ran."""
        self.run_body(module)
        self.run_uncalled()

    def run_body(self, module: cst.Module) -> None:
        """Interpret the module-level statements, in order."""
        for index, statement in enumerate(module.body):
            self.top = index
            self._statement(statement)

    def run_uncalled(self) -> None:
        """Run, on their own, the functions no call ran; drop what such a run saw if one did later."""
        done: set[int] = set()
        while True:
            pending = [f for key, f in reversed(self.defined.items()) if key not in done]
            if not pending or self.budget.exhausted:
                break
            for function in pending:
                done.add(id(function.node))
                if not self._runs.get(id(function.node)):
                    self._run_alone(function)
        dropped = {tag for key, tags in self._standalone.items() if self._runs.get(key) for tag in tags}
        self.observer.discard(dropped)

    def _run_alone(self, function: Function) -> None:
        receivers: list[Value | None] = [None]
        if function.owner is not None and function.kind != "staticmethod":
            subclasses = [c for c in self._below(function.owner) if _resolves_to(c, function)]
            if function.kind == "classmethod":
                receivers = list(subclasses)
            else:
                receivers = [self.generic_instance(c) for c in subclasses]
        for receiver in receivers or [None]:
            tag = (id(function.node), id(receiver))
            self._standalone.setdefault(id(function.node), []).append(tag)
            self.observer.scope(tag)
            self._alone = tag
            try:
                bound = self._bind_alone(function, receiver)
                self._run_body(function, bound, receiver)
            finally:
                self.observer.scope(None)
                self._alone = None

    def _below(self, owner: ClassValue) -> list[ClassValue]:
        """The module's classes that have ``owner`` in their MRO (itself included), in order."""
        counted, below = self._subclasses
        if counted != len(self.classes):
            below = {}
            for cls in self.classes:
                for klass in cls.mro():
                    below.setdefault(id(klass), []).append(cls)
            self._subclasses = len(self.classes), below
        return below.get(id(owner), [])

    # -- calls of the analysed code -----------------------------------------------------------

    def run_function(
        self, function: Function, args: Sequence[Value], kwargs: dict[str, Value], receiver: Value | None
    ) -> Value:
        """Run a function of the analysed code with its arguments bound; what it returns."""
        key = id(function.node)
        if self.budget.exhausted or len(self._stack) >= MAX_CALL_DEPTH or key in self._stack:
            return UNKNOWN
        runs = self._runs.get(key, 0)
        self._runs[key] = runs + 1
        if runs >= MAX_RUNS_PER_FUNCTION:
            return UNKNOWN
        memo = (key, id(function.closure), id(receiver), *map(id, args), *(id(v) for v in kwargs.values()))
        memo += tuple(map(hash, kwargs))
        # a call made in a run on its own is reused in that run only (what it saw may be dropped)
        for made_in in (None, self._alone):
            found = self._memo.get((*memo, id(made_in)))
            if found is not None:
                return found[1]
        memo += (id(self._alone),)
        bound = self._bind_arguments(function, args, kwargs, receiver)
        result = self._run_body(function, bound, receiver)
        self._memo[memo] = ((args, kwargs, receiver), result)  # keeps the arguments (and their ids) alive
        return result

    def _bind_arguments(
        self, function: Function, args: Sequence[Value], kwargs: dict[str, Value], receiver: Value | None
    ) -> dict[str, Value]:
        """Bind arguments to parameters as Python does (positional, keywords, defaults, ``*``, ``**``)."""
        node = function.node
        params = node.params
        given = [receiver, *args] if receiver is not None else list(args)
        spread = next((i for i, a in enumerate(given) if isinstance(a, _Spread)), None)
        if spread is not None:
            lost: Value = given[spread]
            given = given[:spread]
        values: dict[str, Value] = {}
        positional = [*params.posonly_params, *params.params]
        for param, value in zip(positional, given):
            values[param.name.value] = value
        extra = given[len(positional) :]
        if isinstance(params.star_arg, cst.Param):
            values[params.star_arg.name.value] = (
                lost if spread is not None else Seq(tuple(extra), is_tuple=True)
            )
        by_keyword = {p.name.value for p in (*params.params, *params.kwonly_params)}
        rest: list[tuple[str, Value, cst.CSTNode | None]] = []
        for name, value in kwargs.items():
            if name == _SPREAD_KEY:
                continue
            if name in by_keyword and name not in values:
                values[name] = value
            else:
                rest.append((name, value, None))
        if params.star_kwarg is not None:
            values[params.star_kwarg.name.value] = bounded(Dict(tuple(rest), _SPREAD_KEY not in kwargs))
        missing: Value = kwargs.get(_SPREAD_KEY) or (lost if spread is not None else UNKNOWN)
        for param in all_params(params):
            name = param.name.value
            if name not in values:
                values[name] = function.defaults.get(name, missing)
        return values

    def _bind_alone(self, function: Function, receiver: Value | None) -> dict[str, Value]:
        """Parameters of a function nobody calls: the receiver, defaults, else nobody passes them."""
        params = all_params(function.node.params)
        values = {p.name.value: function.defaults.get(p.name.value, PARAMETER) for p in params}
        if (
            receiver is not None
            and params
            and params[0] in (*function.node.params.posonly_params, *function.node.params.params)
        ):
            values[params[0].name.value] = receiver
        return values

    def _run_body(self, function: Function, bound: dict[str, Value], receiver: Value | None) -> Value:
        saved = self.env, self.frame, self.own, self.top
        self.env = Env(function.closure, bound)
        self.frame = Frame(function, receiver)
        self.own = function.module == self.module
        self.top = function.top
        self._stack.append(id(function.node))
        try:
            node = function.node
            if isinstance(node, cst.Lambda):
                return self.evaluate(node.body)
            self._suite(node.body)
            if self.frame.generator:
                return UNKNOWN
            return one_of(self.frame.returns) if self.frame.returns else NONE
        finally:
            self._stack.pop()
            self.env, self.frame, self.own, self.top = saved

    def instantiate(self, cls: ClassValue, args: Sequence[Value], kwargs: dict[str, Value]) -> Value:
        """``cls(...)``: a new instance, set up by ``__init__`` or from its fields."""
        library = set(cls.library_bases())
        if library & libraries.ENUM_BASES:
            return UNKNOWN
        instance = Instance(cls)
        init = cls.lookup("__init__")
        if init is not None and isinstance(init[0], Function):
            self.run_function(init[0], args, kwargs, instance)
        elif _has_fields(cls, library):
            self._fill_fields(
                instance,
                args,
                kwargs,
                keyword_only=bool(library & libraries.MODEL_BASES - {"typing.NamedTuple"}),
            )
            post_init = cls.lookup("__post_init__")
            if post_init is not None and isinstance(post_init[0], Function):
                self.run_function(post_init[0], (), {}, instance)
        else:
            keyword = next((libraries.HTTP_CLIENTS[b] for b in library if b in libraries.HTTP_CLIENTS), None)
            if keyword is not None and keyword in kwargs:
                instance.attrs["base_url"] = kwargs[keyword]
        return instance

    def _fill_fields(
        self, instance: Instance, args: Sequence[Value], kwargs: dict[str, Value], *, keyword_only: bool
    ) -> None:
        names = instance.cls.field_names()
        given = dict(zip(names, () if keyword_only else args))
        given.update({k: v for k, v in kwargs.items() if k in names})
        for name in names:
            instance.attrs[name] = given[name] if name in given else self._field_default(instance.cls, name)

    def _field_default(self, cls: ClassValue, name: str) -> Value:
        found = cls.lookup(name)
        if found is None:
            return PARAMETER  # a required field nobody passes
        value = found[0]
        if isinstance(value, External) and value.name in libraries.FIELD_SPECS:
            if "default" in value.attrs:
                return value.attrs["default"]
            factory = value.attrs.get("factory")
            return self.call_value(factory, (), {}) if factory is not None else PARAMETER
        return value

    def generic_instance(self, cls: ClassValue) -> Instance:
        """Some instance of ``cls``: its fields' defaults, or what ``__init__`` sets when nobody
        passes its arguments (test classes run their ``setUp``)."""
        return cls.generic(self._make_generic)

    def _make_generic(self, cls: ClassValue) -> Instance:
        instance = Instance(cls)
        library = set(cls.library_bases())
        if _has_fields(cls, library):
            for name in cls.field_names():
                instance.attrs[name] = self._field_default(cls, name)
        for method in ("__init__", "__post_init__", *_SETUP):
            found = cls.lookup(method)
            if found is not None and isinstance(found[0], Function) and id(found[0].node) not in self._stack:
                self._run_body(found[0], self._bind_alone(found[0], instance), instance)
        return instance

    # -- statements ----------------------------------------------------------------------

    def _suite(self, suite: cst.BaseSuite) -> None:
        for statement in suite.body:
            self._statement(statement)

    def _statement(self, node: cst.CSTNode) -> None:
        handler = _STATEMENTS.get(type(node))
        if handler is not None:
            handler(self, node)

    def _simple_lines(self, node: cst.SimpleStatementLine | cst.SimpleStatementSuite) -> None:
        for statement in node.body:
            self._statement(statement)

    def _expression_statement(self, node: cst.Expr) -> None:
        if not isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString)):
            self.evaluate(node.value)  # a bare string is a docstring or a comment

    def _branches(
        self,
        suites: Sequence[cst.BaseSuite | None],
        *,
        may_skip: bool,
        known: Sequence[tuple[str, str] | None] = (),
    ) -> None:
        """Run alternative suites from the current bindings and merge what they bind; ``known``
        gives, per suite, a name and the string it is known to equal there (``if p == "x":``)."""
        start = self.env
        ends: list[Env] = []
        self.frame.depth += 1
        try:
            for number, suite in enumerate(suites):
                self.env = start.fork()
                equality = known[number] if number < len(known) else None
                narrowed = self._narrow(*equality) if equality is not None else {}
                if suite is not None:
                    self._suite(suite)
                for name, value in narrowed.items():  # what is known only inside the branch
                    if self.env.names.get(name) is value:
                        del self.env.names[name]
                ends.append(self.env)
        finally:
            self.frame.depth -= 1
            self.env = start
        start.merge(ends, may_skip=may_skip)

    def _narrow(self, name: str, equal: str) -> dict[str, Value]:
        """In a branch where ``name == equal``: the name is that string, and when it stood for a
        decision (``CONFIG[name]``), every local value of that decision takes that option.
        Returns what it bound."""
        value = self.env.local(name)
        narrowed: dict[str, Value] = {}
        if isinstance(value, OneOf) and value.choice:
            options = [o.value if isinstance(o, Text) and o.complete else None for o in value.options]
            if equal in options:
                choice, index = value.choice, options.index(equal)
                for bound, held in list(self.env.visible()):
                    if choice in decisions(held):
                        narrowed[bound] = select(held, choice, index)
        elif isinstance(value, Unknown) and value is not GRANTED:
            narrowed[name] = Text.plain(equal)
        for bound, held in narrowed.items():
            self.env.bind(bound, held)
        return narrowed

    def _if(self, node: cst.If) -> None:
        self.evaluate(node.test)
        orelse: cst.BaseSuite | None = None
        if isinstance(node.orelse, cst.Else):
            orelse = node.orelse.body
        elif isinstance(node.orelse, cst.If):
            orelse = cst.IndentedBlock(body=[node.orelse])
        self._branches([node.body, orelse], may_skip=False, known=_equality(node.test))

    def _with(self, node: cst.With) -> None:
        for item in node.items:
            value = self.evaluate(item.item)
            if item.asname is not None:
                self._bind(item.asname.name, value, node)
        self._suite(node.body)

    def _match(self, node: cst.Match) -> None:
        self.evaluate(node.subject)
        self._branches([case.body for case in node.cases], may_skip=True)

    def _return(self, node: cst.Return) -> None:
        self.frame.returns.append(self.evaluate(node.value) if node.value is not None else NONE)

    def _raise(self, node: cst.Raise) -> None:
        if node.exc is not None:
            self.evaluate(node.exc)

    def _assert(self, node: cst.Assert) -> None:
        self.evaluate(node.test, declares=False)

    def _delete(self, node: cst.Del) -> None:
        for name in bound_names(node.target):
            self.env.bind(name, UNKNOWN)

    def _global(self, node: cst.Global) -> None:
        self.frame.globals |= {name.name.value for name in node.names}

    def _for(self, node: cst.For) -> None:
        """A loop over a literal list runs once per element (tuples unpacked, never crossed)."""
        source = self.iterate(self.evaluate(node.iter))
        start = self.env
        if isinstance(source, Seq) and 0 < len(source.items) <= MAX_LOOP_ITEMS:
            ends: list[Env] = []
            self.frame.depth += 1
            try:
                for item in source.items:
                    self.env = start.fork()
                    self._bind(node.target, item, node)
                    self._suite(node.body)
                    ends.append(self.env)
            finally:
                self.frame.depth -= 1
                self.env = start
            start.merge(ends, may_skip=False)
        else:
            element = UNKNOWN if not isinstance(source, Unknown) else source
            self.env = start.fork()
            self.frame.depth += 1
            try:
                self._bind(node.target, element, node)
                self._suite(node.body)
            finally:
                self.frame.depth -= 1
                branch, self.env = self.env, start
            start.merge([branch], may_skip=True)
        if node.orelse is not None:
            self._suite(node.orelse.body)

    def _while(self, node: cst.While) -> None:
        self.evaluate(node.test)
        self._branches([node.body], may_skip=True)
        if node.orelse is not None:
            self._suite(node.orelse.body)

    def _try(self, node: cst.Try | cst.TryStar) -> None:
        start = self.env
        self.frame.depth += 1
        try:
            self.env = start.fork()
            self._suite(node.body)
            if node.orelse is not None:
                self._suite(node.orelse.body)
            ends = [self.env]
            for handler in node.handlers:
                self.env = start.fork()
                if handler.type is not None:
                    self.evaluate(handler.type)
                self._suite(handler.body)
                ends.append(self.env)
        finally:
            self.frame.depth -= 1
            self.env = start
        start.merge(ends, may_skip=False)
        if node.finalbody is not None:
            self._suite(node.finalbody.body)

    # -- bindings ------------------------------------------------------------------------

    def _assignment(self, node: cst.Assign | cst.AnnAssign | cst.AugAssign) -> None:
        self.tops[id(node)] = self.top if self.own else -2
        if isinstance(node, cst.Assign):
            value = self.evaluate(node.value)
            for target in node.targets:
                self._bind(target.target, value, node)
        elif isinstance(node, cst.AnnAssign):
            self._annotated(node)
        else:
            current = self._eval(node.target)
            addition = self.evaluate(node.value)
            operator = node.operator
            if isinstance(operator, cst.AddAssign):
                value = combine(current, addition, concat)
            elif (
                isinstance(operator, cst.BitOrAssign)
                and isinstance(current, Dict)
                and isinstance(addition, Dict)
            ):
                value = bounded(
                    Dict(current.entries + addition.entries, current.complete and addition.complete)
                )
            else:
                value = UNKNOWN
            self._bind(node.target, value, node)

    def _annotated(self, node: cst.AnnAssign) -> None:
        cls = self._class_body()
        field = node.target.value if isinstance(node.target, cst.Name) else None
        if (
            cls is not None
            and field is not None
            and field not in cls.fields
            and not _is_class_var(node.annotation)
        ):
            cls.fields.append(field)
        if node.value is not None:
            self._bind(node.target, self.evaluate(node.value), node)

    def _class_body(self) -> ClassValue | None:
        """The class whose body is running, if one is."""
        return self._building[-1] if self._building and self.env.names is self._building[-1].attrs else None

    def _bind(self, target: cst.BaseExpression, value: Value, node: cst.CSTNode) -> None:
        """Bind an assignment target (names, tuples, ``self.x``, ``d["k"]``) to a value."""
        if isinstance(target, cst.Name):
            name = target.value
            env = self.module_env if name in self.frame.globals else self.env
            env.bind(name, value)
            cls = self._class_body()
            spec = isinstance(value, External) and value.name in libraries.FIELD_SPECS
            if cls is not None and spec and name not in cls.fields:
                cls.fields.append(name)  # attr.ib() without an annotation is a field too
            if not self.quiet:
                self.observer.assigned(name, value, node, self._owner(), self.current_module())
        elif isinstance(target, (cst.Tuple, cst.List)):
            items = value.items if isinstance(value, Seq) else ()
            for index, element in enumerate(target.elements):
                fits = len(items) == len(target.elements) and not isinstance(element, cst.StarredElement)
                self._bind(element.value, items[index] if fits else UNKNOWN, node)
        elif isinstance(target, cst.Attribute):
            self._bind_attribute(target, value, node)
        elif isinstance(target, cst.Subscript):
            self._bind_item(target, value, node)

    def _owner(self) -> ClassValue | None:
        function = self.frame.function
        return self._class_body() or (function.owner if function is not None else None)

    def _bind_attribute(self, target: cst.Attribute, value: Value, node: cst.CSTNode) -> None:
        receiver = self._eval(target.value)
        name = target.attr.value
        owner = self._owner()
        for holder in alternatives(receiver):
            if not isinstance(holder, (Instance, External, ClassValue)):
                continue
            attrs = holder.attrs
            previous = attrs.get(name)
            weak = previous is not None and (self.frame.depth > 0 or len(alternatives(receiver)) > 1)
            attrs[name] = one_of([previous, value]) if weak and previous is not None else value
            if isinstance(holder, Instance):
                holder.computed.pop(name, None)
                owner = holder.cls
        path = dotted(target)
        if path and not self.quiet:
            self.observer.assigned(path, value, node, owner, self.current_module())

    def _bind_item(self, target: cst.Subscript, value: Value, node: cst.CSTNode) -> None:
        index = target.slice[0].slice if len(target.slice) == 1 else None
        key = self.evaluate(index.value) if isinstance(index, cst.Index) else UNKNOWN
        container = self._eval(target.value)
        if isinstance(key, Text) and key.complete:
            if isinstance(target.value, cst.Name) and isinstance(container, Dict):
                env = self.env.owner(target.value.value) or self.env
                env.bind(target.value.value, container.with_entry(key.value, value, target.slice[0]))
            elif isinstance(container, External):
                container.attrs[key.value] = value
                self.config_changed(container)
        path = dotted(target)
        if path and not self.quiet:
            self.observer.assigned(path, value, node, self._owner(), self.current_module())

    # -- imports -------------------------------------------------------------------------

    def _import(self, node: cst.Import | cst.ImportFrom) -> None:
        if isinstance(node, cst.Import):
            for alias in node.names:
                name = dotted(alias.name) or ""
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    self.env.bind(alias.asname.name.value, self._module(name))
                else:
                    top = name.split(".", 1)[0]
                    self.env.bind(top, self._module(top))
            return
        module = self._absolute(node)
        project = self.project is not None and module is not None and self.project.has_module(module)
        if isinstance(node.names, cst.ImportStar):
            if project and module is not None:
                self._import_star(module)
            return
        for alias in node.names:
            name = dotted(alias.name) or ""
            bound = (
                alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
            )
            if project and module is not None and self.project is not None:
                self.env.bind(bound, Imported(self.project.module_value(module), name))
            else:
                self.env.bind(bound, External(f"{module}.{name}" if module else name))

    def _module(self, name: str) -> Value:
        if self.project is not None and self.project.has_module(name):
            return self.project.module_value(name)
        return External(name)

    def _absolute(self, node: cst.ImportFrom) -> str | None:
        module = dotted(node.module) if node.module is not None else ""
        if not node.relative:
            return module
        package = self.current_module().split(".")
        if self.project is None or not self.project.is_package(self.current_module()):
            package = package[:-1]
        levels = len(node.relative) - 1
        if levels > len(package):
            return None
        base = package[: len(package) - levels] if levels else package
        return ".".join([*base, module] if module else base)

    def _import_star(self, module: str) -> None:
        assert self.project is not None
        env = self.project.module_value(module).env()
        if env is None:
            return
        for name, value in list(env.visible()):
            if not name.startswith("_"):
                self.env.bind(name, value)

    # -- functions and classes -----------------------------------------------------------

    def _define_function(self, node: cst.FunctionDef) -> None:
        decorators = [(d.decorator, self.evaluate(d.decorator)) for d in node.decorators]
        defaults = {p.name.value: self.evaluate(p.default) for p in all_params(node.params) if p.default}
        cls = self._class_body()
        kind = "function"
        for expression, value in decorators:
            name = value.name if isinstance(value, External) else dotted(expression)
            if name in libraries.PROPERTY_DECORATORS or name in ("builtins.property",):
                kind = "property"
            elif name in ("classmethod", "builtins.classmethod", "staticmethod", "builtins.staticmethod"):
                kind = name.rsplit(".", 1)[-1]
            if isinstance(expression, cst.Attribute) and expression.attr.value in ("setter", "deleter"):
                return  # ``@x.setter``: ``x`` stays the getter
        closure = self.env.parent if cls is not None and self.env.parent is not None else self.env
        function = Function(
            node, closure, self.current_module(), cls or self._owner_of_closure(), defaults, kind
        )
        function.top = self.top
        decorated: Value = function
        for _, decorator in reversed(decorators):
            if isinstance(decorator, (Function, BoundMethod, Partial, ClassValue)):
                wrapped = self.call_value(decorator, [decorated], {})
                if isinstance(wrapped, (Function, BoundMethod, Partial, Instance)):
                    decorated = wrapped
        self._bind(node.name, decorated, node)
        self.define(function)

    def _owner_of_closure(self) -> ClassValue | None:
        function = self.frame.function
        return function.owner if function is not None else None

    def _class(self, node: cst.ClassDef) -> None:
        decorators = tuple(_qualified(self.evaluate(d.decorator)) for d in node.decorators)
        bases: list[ClassValue] = []
        library: list[str] = []
        for arg in (*node.bases, *node.keywords):
            value = self.evaluate(arg.value)
            if arg.keyword is not None:
                continue
            for option in alternatives(value):
                if isinstance(option, ClassValue):
                    bases.append(option)
                elif isinstance(option, External) and not option.instance:
                    library.append(option.name)
        cls = ClassValue(
            node.name.value, node, self.current_module(), tuple(bases), tuple(library), decorators
        )
        saved = self.env
        self.env = Env(saved, cls.attrs)
        self._building = [*self._building, cls]
        try:
            self._suite(node.body)
        finally:
            self._building = self._building[:-1]
            self.env = saved
        self._bind(node.name, cls, node)
        self._made.append(cls)  # released with the functions (``Evaluator.release``)
        if self.own:
            self.classes.append(cls)

    # -- frameworks and the project ------------------------------------------------------

    def project_setting(self, owner: External, name: str) -> Value:
        """``settings.NAME`` (Django) or ``current_app.config["NAME"]`` (Flask), found in the project."""
        if self.project is None:
            return UNKNOWN
        if owner.name == libraries.DJANGO_SETTINGS:
            return self.project.django_setting(name)
        return self.project.flask_setting(name)

    def project_object(self, dotted_name: str) -> Value:
        """``"pkg.config.Config"`` as the project defines it."""
        if self.project is None:
            return UNKNOWN
        module, _, name = dotted_name.rpartition(".")
        if not module or not self.project.has_module(module):
            return UNKNOWN
        return Imported(self.project.module_value(module), name).resolve()

    def config_changed(self, config: External) -> None:
        """Remember a Flask app's configuration, for ``current_app.config`` in other functions."""
        if self.project is not None and config.name in libraries.FLASK_CONFIGS:
            self.project.config_filled(config, self.current_module())


def _equality(test: cst.BaseExpression) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """For ``name == "text"`` (or ``!=``): the name and the string it equals in the ``if``'s body
    (or its ``else``)."""
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return None, None
    target = test.comparisons[0]
    sides = (test.left, target.comparator)
    names = [side.value for side in sides if isinstance(side, cst.Name)]
    texts = [side.evaluated_value for side in sides if isinstance(side, cst.SimpleString)]
    if len(names) != 1 or len(texts) != 1 or not isinstance(texts[0], str):
        return None, None
    known = (names[0], texts[0])
    if isinstance(target.operator, cst.Equal):
        return known, None
    return (None, known) if isinstance(target.operator, cst.NotEqual) else (None, None)


def _resolves_to(cls: ClassValue, function: Function) -> bool:
    """True when ``function`` is what ``cls`` finds for the function's name."""
    found = cls.lookup(function.name)
    value = found[0] if found is not None else None
    return value is function or (isinstance(value, Function) and value.node is function.node)


def _has_fields(cls: ClassValue, library: set[str]) -> bool:
    decorators = {name.removesuffix("()") for name in cls.all_decorators()}
    return bool(decorators & libraries.DATACLASS_DECORATORS or library & libraries.MODEL_BASES)


def _qualified(value: Value) -> str:
    return value.name if isinstance(value, External) else ""


def _is_class_var(annotation: cst.Annotation) -> bool:
    name = dotted(annotation.annotation.value) if isinstance(annotation.annotation, cst.Subscript) else None
    return (name or dotted(annotation.annotation) or "").endswith("ClassVar")


#: How each kind of statement is interpreted, by class.
_STATEMENTS: dict[type, Callable[[Interpreter, Any], None]] = {
    cst.SimpleStatementLine: Interpreter._simple_lines,
    cst.SimpleStatementSuite: Interpreter._simple_lines,
    cst.Assign: Interpreter._assignment,
    cst.AnnAssign: Interpreter._assignment,
    cst.AugAssign: Interpreter._assignment,
    cst.Expr: Interpreter._expression_statement,
    cst.Import: Interpreter._import,
    cst.ImportFrom: Interpreter._import,
    cst.If: Interpreter._if,
    cst.For: Interpreter._for,
    cst.While: Interpreter._while,
    cst.Try: Interpreter._try,
    cst.TryStar: Interpreter._try,
    cst.With: Interpreter._with,
    cst.FunctionDef: Interpreter._define_function,
    cst.ClassDef: Interpreter._class,
    cst.Match: Interpreter._match,
    cst.Return: Interpreter._return,
    cst.Raise: Interpreter._raise,
    cst.Assert: Interpreter._assert,
    cst.Del: Interpreter._delete,
    cst.Global: Interpreter._global,
}
