"""The facts of one class: its attributes, claims from its docstring and annotations, methods."""

from __future__ import annotations

from tree_sitter import Node

from specls import docstrings
from specls.extract.functions import returned_kind
from specls.extract.methods import MethodScan
from specls.extract.params import ParamSources, read_parameters
from specls.extract.positions import Positions
from specls.extract.query import Captures
from specls.extract.syntax import (
    decorator_names,
    decorators_of,
    definition_of,
    doc_col,
    docstring_of,
    is_falsy_literal,
    is_stub_statement,
    qualname_of,
    targets_of,
)
from specls.extract.values import SHAPE_NOUN, Values
from specls.facts import (
    Claim,
    ClassFacts,
    Evidence,
    MethodFacts,
    Mutation,
    Shape,
    Span,
    shifted,
)
from specls.grammar import (
    F_ALIAS,
    F_BODY,
    F_FUNCTION,
    F_KEY,
    F_LEFT,
    F_MODULE_NAME,
    F_NAME,
    F_PARAMETERS,
    F_RETURN_TYPE,
    F_RIGHT,
    F_SUPERCLASSES,
    F_TYPE,
    F_VALUE,
)
from specls.nodetext import node_text as _text
from specls.records import replace

_DYNAMIC_DUNDERS = {"__getattr__", "__getattribute__", "__setattr__"}

#: What an editor keeps of each method it extracted (see :class:`MethodMemo`): by the
#: method's source and context, its first line and what it added to its class.
Memo = dict[tuple, tuple[int, tuple]]


class MethodMemo:
    """The methods extracted at an earlier edit (``known``), for a class extracted again
    because one of its methods changed: the others are taken from here, their lines moved
    if text above them moved, not scanned again (a keystroke in a class of 100 methods
    scanned all 100). ``used`` gets the key of every method of the classes extracted, so
    that the caller keeps only those of the file as it is now."""

    __slots__ = ("known", "used")

    def __init__(self, known: Memo) -> None:
        self.known = known
        self.used: list[tuple] = []


class ClassExtractor:
    """Collects the facts of one class definition."""

    def __init__(
        self,
        node: Node,
        pos: Positions,
        shadowed: frozenset[str],
        captures: Captures,
        memo: MethodMemo | None = None,
    ) -> None:
        self.node = node
        self.memo = memo
        self.pos = pos
        self.captures = captures
        self.shadowed = shadowed
        name = _text(node.child_by_field_id(F_NAME))
        self.cls = ClassFacts(
            name=name,
            qualname=qualname_of(node),
            span=pos.span(node.child_by_field_id(F_NAME)),
            end_line=node.end_point[0],
            decorators=decorator_names(node),
        )
        #: The class docstring and its node (set by run): it may document ``__init__``.
        self.doc: str | None = None
        self.doc_node: Node | None = None
        self.body: Node | None = None
        #: Names the class body uses as plain functions (see :func:`_used_as_functions`).
        self._functions: set[str] | None = None

    def mangle(self, name: str) -> str:
        """Private names as Python stores them: ``__x`` in class ``C`` is ``_C__x``."""
        if name.startswith("__") and not name.endswith("__"):
            owner = self.cls.name.lstrip("_")
            return f"_{owner}{name}" if owner else name
        return name

    def run(self) -> ClassFacts | None:
        node, cls = self.node, self.cls
        if not cls.name:
            return None
        supers = node.child_by_field_id(F_SUPERCLASSES)
        if supers is not None:
            for arg in supers.named_children:
                if arg.type != "keyword_argument":
                    cls.bases.append(_text(arg))
                elif _text(arg.child_by_field_id(F_NAME)) == "metaclass":
                    cls.dynamic = True  # metaclasses may add attributes
        body = self.body = node.child_by_field_id(F_BODY)
        doc, doc_node = docstring_of(body)
        self.doc, self.doc_node = doc, doc_node
        if doc and doc_node is not None:
            self._doc_claims(doc, doc_node)
            self._doc_invariants(doc, doc_node)
        if body is not None:
            self._body(body)
        return cls

    def _doc_claims(self, doc: str, node: Node) -> None:
        base = node.start_point[0]
        # first line of content starts after the quotes; other lines are absolute-indented
        quote_col = self.pos.col(base, node.start_point[1]) + 3
        for e in docstrings.entries(doc, "attributes"):
            col = e.col + (quote_col if e.line == 0 else 0)
            span = Span(base + e.line, col, base + e.line, col + len(e.name))
            self.cls.claims.append(Claim(e.name, span, "docstring", e.type_text))

    def _doc_invariants(self, doc: str, node: Node) -> None:
        base = node.start_point[0]
        first = doc_col(self.pos)(node)
        for e in docstrings.invariants(doc):
            col = e.col + (first if e.line == 0 else 0)
            span = Span(base + e.line, col, base + e.line, col + len(e.text))
            self.cls.doc_invariants.append((e.text, span))

    def _body(self, body: Node) -> None:
        skips = self.pos.skips
        todo = [iter(body.named_children)]
        while todo:  # (the blocks of `if`/`try` in a class body, not recursively)
            stmt = next(todo[-1], None)
            if stmt is None:
                todo.pop()
                continue
            if skips and skips.holds(stmt):
                continue
            if stmt.type in ("if_statement", "try_statement", "else_clause", "block"):
                blocks = [c for c in stmt.named_children if c.type == "block"]
                todo.append(stmt for block in blocks for stmt in block.named_children)
                continue
            self._statement(stmt)

    def _statement(self, stmt: Node) -> None:
        """One statement of the class body (or of an ``if``/``try`` block in it)."""
        target = definition_of(stmt)
        if target is not None:
            name = self.mangle(_text(target.child_by_field_id(F_NAME)))
            self.cls.class_names.add(name)
            if target.type == "function_definition":
                if name in _DYNAMIC_DUNDERS:
                    self.cls.dynamic = True
                self._method(target, stmt)
            return
        if stmt.type == "expression_statement":
            for expr in stmt.named_children:
                if expr.type == "assignment":
                    self._class_assignment(expr)
        elif stmt.type in ("import_statement", "import_from_statement"):
            for n in stmt.named_children:
                if n == stmt.child_by_field_id(F_MODULE_NAME):
                    continue
                if n.type == "aliased_import":
                    self.cls.class_names.add(_text(n.child_by_field_id(F_ALIAS)))
                elif n.type == "dotted_name":
                    self.cls.class_names.add(_text(n).split(".")[0])

    def _class_assignment(self, node: Node) -> None:
        left = node.child_by_field_id(F_LEFT)
        type_node = node.child_by_field_id(F_TYPE)
        right = node.child_by_field_id(F_RIGHT)
        for target in targets_of(left):
            if target.type != "identifier":
                continue
            name = self.mangle(_text(target))
            self.cls.class_names.add(name)
            if name == "__slots__":
                continue
            if name in self.cls.methods and right is not None and right.type == "call":
                # `f = staticmethod(f)`, `f = property(f)`: a decorator applied by hand
                fn = _text(right.child_by_field_id(F_FUNCTION))
                self.cls.methods[name].decorators.append(fn)
            span = self.pos.span(target)
            if type_node is not None:
                self.cls.claims.append(Claim(name, span, "annotation", _text(type_node)))
            if right is not None and target is left:
                self.cls.mutations.append(Mutation(name, "<class>", span, "=", _text(right)[:80]))
                kinds, is_none, what = Values(self.shadowed, {}).classify(right)
                if not is_none:
                    self.cls.evidence.append(
                        Evidence(
                            name,
                            "<class>",
                            span,
                            "held",
                            kinds,
                            f"assigned {what}",
                            falsy=is_falsy_literal(right),
                        )
                    )
                    self._made_items(name, "<class>", right, {})

    # -- methods ---------------------------------------------------------------------------

    def _method(self, fn: Node, stmt: Node) -> None:
        """Method ``fn``, defined by class body statement ``stmt`` (``fn`` or its decorated
        definition); with a :class:`MethodMemo`, taken from there when it holds it."""
        memo = self.memo
        key = self._memo_key(fn, stmt) if memo is not None else None
        if key is None:
            self._scan_method(fn, stmt)
            return
        assert memo is not None
        memo.used.append(key)
        row = stmt.start_point[0]
        hit = memo.known.get(key)
        if hit is None:
            # the method's facts go to a class of their own, then to this one
            real, uses = self.cls, self.captures.self_uses
            scratch = self.cls = ClassFacts(
                name=real.name, qualname=real.qualname, span=real.span, end_line=real.end_line
            )
            mine: set[int] = set()
            self.captures.self_uses = mine
            try:
                self._scan_method(fn, stmt)
            finally:
                self.cls, self.captures.self_uses = real, uses
            start = stmt.start_byte
            (method,) = scratch.methods.values()
            added = (
                method,
                tuple(method.decorators),  # (a later `f = staticmethod(f)` adds to them)
                scratch.evidence,
                scratch.shapes,
                scratch.claims,
                scratch.reads,
                scratch.writes,
                scratch.self_calls,
                scratch.mutations,
                scratch.polymorphic,
                scratch.guarded,
                scratch.dynamic,
                tuple(sorted(b - start for b in mine)),
            )
        else:
            added = hit[1] if hit[0] == row else shifted(hit[1], row - hit[0])
            method, decorators = added[:2]
            added = (replace(method, decorators=list(decorators)), *added[1:])
        # (facts are never changed once their class is made, the method's decorators aside:
        # the next edit reuses these; the method is this class's, so that a pickle of the
        # memo and the class holds it once)
        memo.known[key] = (row, added)
        self._add_method(added, stmt.start_byte)

    def _memo_key(self, fn: Node, stmt: Node) -> tuple | None:
        """What the facts of method ``fn`` depend on: its source (``stmt``'s, decorators
        included) and column, the class's name (private names), the module's names, and
        whether the class body calls it as a plain function; None when they depend on more
        (a statement with errors, parts too deep, ``__init__`` documented by the class's
        docstring, text before it on its first line)."""
        if stmt.has_error or self.pos.skips:
            return None
        name = self.mangle(_text(fn.child_by_field_id(F_NAME)))
        if name == "__init__" and self.doc is not None:
            return None
        source = self.pos.source
        start = stmt.start_byte
        col = stmt.start_point[1]
        if source[start - col : start].strip(b" \t"):
            return None
        if self._functions is None and self.body is not None:
            self._functions = {self.mangle(n) for n in _used_as_functions(self.body)}
        called = name in self._functions if self._functions else False
        text = source[start : stmt.end_byte]
        return (text, col, self.cls.name, self.shadowed, called)

    def _add_method(self, added: tuple, start: int) -> None:
        """What one method's extraction added (see :meth:`_method`), to this class."""
        method, _, evidence, shapes, claims, reads, writes, calls = added[:8]
        mutations, polymorphic, guarded, dynamic, uses = added[8:]
        cls = self.cls
        cls.methods[method.name] = method
        cls.evidence.extend(evidence)  # type: ignore[attr-defined]
        cls.shapes.extend(shapes)  # type: ignore[attr-defined]
        cls.claims.extend(claims)  # type: ignore[attr-defined]
        for attr, accesses in reads.items():
            cls.reads.setdefault(attr, []).extend(accesses)  # type: ignore[attr-defined]
        for attr, accesses in writes.items():
            cls.writes.setdefault(attr, []).extend(accesses)  # type: ignore[attr-defined]
        cls.self_calls.extend(calls)  # type: ignore[attr-defined]
        cls.mutations.extend(mutations)  # type: ignore[attr-defined]
        cls.polymorphic |= polymorphic
        cls.guarded |= guarded
        cls.dynamic = cls.dynamic or dynamic
        self.captures.self_uses.update([start + b for b in uses])

    def _scan_method(self, fn: Node, stmt: Node) -> None:
        """:meth:`_method`, scanning the method's body."""
        name = self.mangle(_text(fn.child_by_field_id(F_NAME)))
        decorators = decorators_of(stmt)
        body = fn.child_by_field_id(F_BODY)
        docstring = docstring_of(body)
        doc = docstring[0]
        method = MethodFacts(name, self.pos.span(fn.child_by_field_id(F_NAME)), decorators)
        first = fn.child(0)
        method.is_async = first is not None and first.type == "async"
        params = fn.child_by_field_id(F_PARAMETERS)
        sources: ParamSources = {}
        class_doc = self.doc if name == "__init__" else None
        method.params, method.signature = read_parameters(params, self.pos, doc, sources, class_doc)
        self.cls.methods[name] = method
        stmts = [s for s in (body.named_children if body else []) if s.type != "comment"]
        if stmts and doc is not None:
            stmts = stmts[1:]
        method.is_stub = all(is_stub_statement(s) for s in stmts)
        returns = _text(fn.child_by_field_id(F_RETURN_TYPE))
        method.returns = returns
        method.always_raises = (bool(stmts) and stmts[-1].type == "raise_statement") or (
            returns.rsplit(".", 1)[-1] in ("NoReturn", "Never")
        )
        plain = not ({"staticmethod", "classmethod"} & set(decorators)) and bool(method.params)
        if plain and method.params[0].name != "self" and self.body is not None:
            if self._functions is None:
                self._functions = {self.mangle(n) for n in _used_as_functions(self.body)}
            plain = name not in self._functions  # (its first parameter is no instance)
        if body is not None:
            self_name = method.params[0].name if plain else None
            scan = MethodScan(self, name, self_name, method, body, docstring, sources)
            scan.run()
            method.gives = returned_kind(
                fn, decorators, scan.returns, scan.values, self_name, self.mangle, self.pos
            )

    def _made_items(self, attr: str, method: str, value: Node, env: dict) -> None:
        """Item shapes of a container literal assigned to an attribute."""
        if value.type in ("list", "set"):
            for el in value.named_children[:20]:
                shape = Values(self.shadowed, env).shape(el) or "?"
                if shape:
                    self.cls.shapes.append(
                        Shape(
                            attr,
                            method,
                            self.pos.span(el),
                            "item",
                            True,
                            shape,
                            f"holds {SHAPE_NOUN.get(shape, shape)} items",
                        )
                    )
        elif value.type == "dictionary":
            for pair in value.named_children[:20]:
                if pair.type != "pair":
                    continue
                for slot, field in (("key", F_KEY), ("item", F_VALUE)):
                    el = pair.child_by_field_id(field)
                    shape = (
                        (Values(self.shadowed, env).shape(el) or "?") if el is not None else None
                    )
                    if shape:
                        noun = SHAPE_NOUN.get(shape, shape)
                        what = f"has {noun} keys" if slot == "key" else f"holds {noun} values"
                        self.cls.shapes.append(
                            Shape(attr, method, self.pos.span(el), slot, True, shape, what)
                        )


_SCOPES = ("function_definition", "class_definition", "lambda", "decorated_definition")


def _used_as_functions(body: Node) -> set[str]:
    """Names the class body itself calls (``x = f(1)``), stores (``spec["w"] = f``) or puts
    in a literal (``[f, g]``, ``{"w": f}``) while the class is built: functions defined
    there for that, not methods (``property(f)`` and ``g = f`` take methods, and count not)."""
    out: set[str] = set()
    stack = [c for c in body.named_children if c.type not in _SCOPES]
    while stack:
        node = stack.pop()
        t = node.type
        if t in _SCOPES:
            continue
        if t == "call":
            fn = node.child_by_field_id(F_FUNCTION)
            if fn is not None and fn.type == "identifier":
                out.add(_text(fn))
        elif t == "assignment":
            left, right = node.child_by_field_id(F_LEFT), node.child_by_field_id(F_RIGHT)
            if left is not None and left.type == "subscript" and right is not None:
                out.update([_text(right)] if right.type == "identifier" else [])
        elif t in ("list", "tuple", "set"):
            out.update(_text(c) for c in node.named_children if c.type == "identifier")
        elif t == "pair":
            value = node.child_by_field_id(F_VALUE)
            if value is not None and value.type == "identifier":
                out.add(_text(value))
        stack.extend(node.named_children)
    return out
