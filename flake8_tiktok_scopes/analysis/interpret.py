"""Walk a module's statements in order, binding names as Python would, branch by branch.

Module and class bodies run first; function bodies run afterwards, seeing the module's
final bindings (as they do when called). ``if``/``try``/loop branches are interpreted
separately and their bindings merged as alternatives.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Callable, Union

import libcst as cst

from .bindings import ClassInfo, Env
from .evaluate import Evaluator, bound_names, dotted
from .values import UNKNOWN, Mapping, Obj, Seq, Text, Value, combine, concat, one_of

_Function = tuple[cst.FunctionDef, Env, Union[ClassInfo, None], int]  # node, env, class, top
#: Methods that set up ``self``: run before any other method reads an attribute.
_INITIALISERS = ("__init__", "__post_init__", "setUp", "setup")
#: How many function bodies may be interpreted inside one another to learn a return value.
_MAX_NESTED_CALLS = 6


class Interpreter(Evaluator):
    """Runs a module through the evaluator, statement by statement."""

    def run(self, module: cst.Module) -> None:
        """Interpret the module body, then every function and method in it."""
        self._functions: dict[str, _Function] = {}
        self._returned: dict[str, Value] = {}
        self._running: list[list[Value]] = []
        for index, statement in enumerate(module.body):
            self.top = index
            self._statement(statement)
        order = list(self._functions)
        for key in order:  # grows while it is walked: functions defined inside functions
            self._ensure(key)
            if len(self._functions) > len(order):
                order.extend(list(self._functions)[len(order) :])

    def _ensure(self, key: str) -> None:
        """Interpret a function body once (its return value is then known)."""
        if key in self._returned or len(self._running) > _MAX_NESTED_CALLS:
            return
        self._returned[key] = UNKNOWN  # a recursive call sees an unknown value
        node, parent, owner, top = self._functions[key]
        saved_top, self.top = self.top, top
        self._running.append([])
        quiet, self.quiet = self.quiet, 0  # a body first run from inside a mock is no test data
        try:
            self._function(node, parent, owner)
        finally:
            returns = self._running.pop()
            self.quiet, self.top = quiet, saved_top
        self._returned[key] = one_of(returns) if returns else UNKNOWN

    def returns(self, function: Obj) -> Value:
        """What a function of the module returns (interpreting it first if needed)."""
        if function.name not in self._functions:
            return UNKNOWN
        self._ensure(function.name)
        return self._returned.get(function.name, UNKNOWN)

    def prepare(self, info: ClassInfo) -> None:
        """Run the initialisers of a class and its bases before ``self.`` attributes are read."""
        for klass in self.classes.lineage(info):
            for name in _INITIALISERS:
                method = klass.attributes.get(name)
                if isinstance(method, Obj) and method.kind == "function":
                    self._ensure(method.name)

    # -- statements ----------------------------------------------------------------------

    def _block(self, statements: Sequence[cst.BaseStatement] | Sequence[cst.BaseSmallStatement]) -> None:
        for statement in statements:
            self._statement(statement)

    def _suite(self, suite: cst.BaseSuite) -> None:
        self._block(suite.body)

    def _branches(self, suites: Sequence[cst.CSTNode | None], *, may_skip: bool) -> None:
        """Interpret alternative suites from the current bindings and merge what they bind."""
        start = self.env
        ends: list[Env] = [start.fork()] if may_skip else []
        for suite in suites:
            self.env = start.fork()
            if isinstance(suite, cst.BaseSuite):
                self._suite(suite)
            elif isinstance(suite, cst.CSTNode):
                self._statement(suite)
            ends.append(self.env)
        self.env = start
        start.merge(ends)

    def _statement(self, node: cst.CSTNode) -> None:
        handler = _STATEMENTS.get(type(node))
        if handler is None:
            self.visit_children(node)
        else:
            handler(self, node)

    def _simple_lines(self, node: cst.SimpleStatementLine | cst.SimpleStatementSuite) -> None:
        self._block(node.body)

    def _expression_statement(self, node: cst.Expr) -> None:
        if not isinstance(node.value, (cst.SimpleString, cst.ConcatenatedString)):
            self.evaluate(node.value)  # a bare string is a docstring or a comment

    def _if(self, node: cst.If) -> None:
        self.evaluate(node.test)
        orelse = node.orelse.body if isinstance(node.orelse, cst.Else) else node.orelse
        self._branches([node.body, orelse], may_skip=orelse is None)

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
        value = self.evaluate(node.value) if node.value is not None else UNKNOWN
        if self._running:
            self._running[-1].append(value)

    def _delete(self, node: cst.Del) -> None:
        for target in bound_names(node.target):
            self.env.names.pop(target, None)

    def _loop(self, node: cst.For | cst.While) -> None:
        if isinstance(node, cst.For):
            source = self.iterate(self.evaluate(node.iter))
            element = one_of(list(source.items)) if isinstance(source, Seq) and source.items else UNKNOWN
            self._bind(node.target, element, node)
        else:
            self.evaluate(node.test)
        self._branches([node.body], may_skip=True)
        if node.orelse is not None:
            self._suite(node.orelse.body)

    def _try(self, node: cst.Try | cst.TryStar) -> None:
        start = self.env
        self.env = start.fork()
        self._suite(node.body)
        after_body = self.env
        ends = [after_body]
        for handler in node.handlers:
            self.env = start.fork()
            if handler.type is not None:
                self.evaluate(handler.type)
            self._suite(handler.body)
            ends.append(self.env)
        if node.orelse is not None:
            self.env = after_body
            self._suite(node.orelse.body)
        self.env = start
        start.merge(ends)
        if node.finalbody is not None:
            self._suite(node.finalbody.body)

    # -- bindings ------------------------------------------------------------------------

    def _assignment(self, node: cst.Assign | cst.AnnAssign | cst.AugAssign) -> None:
        self.tops[id(node)] = self.top
        if isinstance(node, cst.Assign):
            value = self.evaluate(node.value)
            for target in node.targets:
                self._bind(target.target, value, node)
        elif isinstance(node, cst.AnnAssign):
            if node.value is not None:
                self._bind(node.target, self.evaluate(node.value), node)
        else:
            current = self._eval(node.target)
            addition = self.evaluate(node.value)
            value = (
                combine(current, addition, concat) if isinstance(node.operator, cst.AddAssign) else UNKNOWN
            )
            self._bind(node.target, value, node)

    def _bind(self, target: cst.BaseExpression, value: Value, node: cst.CSTNode) -> None:
        """Bind an assignment target (names, tuples, ``self.x``, ``d["k"]``) to a value."""
        if isinstance(target, cst.Name):
            self.env.names[target.value] = value
            if not self.quiet:
                self.observer.assigned(target.value, value, node, self.owner)
        elif isinstance(target, (cst.Tuple, cst.List)):
            items = value.items if isinstance(value, Seq) else ()
            for index, element in enumerate(target.elements):
                fits = len(items) == len(target.elements) and not isinstance(element, cst.StarredElement)
                self._bind(element.value, items[index] if fits else UNKNOWN, node)
        elif isinstance(target, cst.Attribute):
            receiver = self._eval(target.value)
            info = self.classes.by_name.get(receiver.name) if isinstance(receiver, Obj) else None
            if info is not None:
                info.set_instance(target.attr.value, value)
            path = dotted(target)
            if path and not self.quiet:
                self.observer.assigned(path, value, node, info or self.owner)
        elif isinstance(target, cst.Subscript):
            self._bind_item(target, value, node)
        else:
            self.visit_children(target)

    def _bind_item(self, target: cst.Subscript, value: Value, node: cst.CSTNode) -> None:
        key = (
            self.evaluate(target.slice[0].slice.value)
            if isinstance(target.slice[0].slice, cst.Index)
            else UNKNOWN
        )
        if isinstance(target.value, cst.Name) and isinstance(key, Text) and key.complete:
            env = self.env.owner(target.value.value)
            current = env.names[target.value.value] if env is not None else None
            if env is not None and isinstance(current, Mapping):
                env.names[target.value.value] = current.with_entry(key.value, value, target.slice[0])
        else:
            self._eval(target.value)
        path = dotted(target)
        if path and not self.quiet:
            self.observer.assigned(path, value, node, self.owner)

    def _import(self, node: cst.Import | cst.ImportFrom) -> None:
        if isinstance(node, cst.Import):
            for alias in node.names:
                dotted = _module_name(alias.name)
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    self.env.names[alias.asname.name.value] = Obj("module", dotted)
                else:
                    top = dotted.split(".", 1)[0]
                    self.env.names[top] = Obj("module", top)
            return
        if isinstance(node.names, cst.ImportStar):
            return
        module = "." * len(node.relative) + (_module_name(node.module) if node.module else "")
        for alias in node.names:
            name = _module_name(alias.name)
            bound = (
                alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
            )
            self.env.names[bound] = Obj("import", f"{module}.{name}" if module else name)

    # -- functions and classes -----------------------------------------------------------

    def _define_function(self, node: cst.FunctionDef) -> None:
        for decorator in node.decorators:
            self.evaluate(decorator.decorator)
        for param in _all_params(node.params):
            if param.default is not None:
                self.evaluate(param.default)
        key = f"{node.name.value}#{len(self._functions)}"
        self._functions[key] = (node, self.env, self.owner, self.top)
        self.env.names[node.name.value] = Obj("function", key)

    def _function(self, node: cst.FunctionDef, parent: Env, owner: ClassInfo | None) -> None:
        saved_env, saved_owner = self.env, self.owner
        self.env, self.owner = Env(parent), owner
        try:
            params = _all_params(node.params)
            is_static = any(_decorator_name(d) == "staticmethod" for d in node.decorators)
            is_class = any(_decorator_name(d) == "classmethod" for d in node.decorators)
            for index, param in enumerate(params):
                value: Value = UNKNOWN
                if index == 0 and owner is not None and not is_static and param in node.params.params:
                    value = Obj("class" if is_class else "instance", owner.name)
                elif param.default is not None:
                    value = one_of([self._eval(param.default), UNKNOWN])
                self.env.names[param.name.value] = value
            self._suite(node.body)
        finally:
            self.env, self.owner = saved_env, saved_owner

    def _class(self, node: cst.ClassDef) -> None:
        for decorator in node.decorators:
            self.evaluate(decorator.decorator)
        bases = []
        for arg in node.bases:
            self.evaluate(arg.value)
            if isinstance(arg.value, (cst.Name, cst.Attribute)):
                bases.append(dotted(arg.value) or "")
        info = ClassInfo(node.name.value, node, tuple(bases))
        self.classes.by_name[info.name] = info
        saved_env, saved_owner = self.env, self.owner
        self.env, self.owner = Env(saved_env), info
        try:
            info.attributes = self.env.names
            self._suite(node.body)
            info.attributes = self.env.names
        finally:
            self.env, self.owner = saved_env, saved_owner
        self.env.names[info.name] = Obj("class", info.name)


def _all_params(params: cst.Parameters) -> list[cst.Param]:
    star = [params.star_arg] if isinstance(params.star_arg, cst.Param) else []
    extra = [params.star_kwarg] if params.star_kwarg is not None else []
    return [*params.posonly_params, *params.params, *star, *params.kwonly_params, *extra]


def _decorator_name(decorator: cst.Decorator) -> str | None:
    return dotted(decorator.decorator) if isinstance(decorator.decorator, (cst.Name, cst.Attribute)) else None


def _module_name(node: cst.BaseExpression) -> str:
    return dotted(node) or ""


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
    cst.For: Interpreter._loop,
    cst.While: Interpreter._loop,
    cst.Try: Interpreter._try,
    cst.TryStar: Interpreter._try,
    cst.With: Interpreter._with,
    cst.FunctionDef: Interpreter._define_function,
    cst.ClassDef: Interpreter._class,
    cst.Match: Interpreter._match,
    cst.Return: Interpreter._return,
    cst.Del: Interpreter._delete,
}
