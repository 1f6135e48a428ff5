"""What a file does with values (:class:`~specls.values.facts.ValueFacts`), read from the
parts extraction kept (:class:`~specls.values.facts.ValueSource`), when a rule needs them.

Each part is parsed on its own (an indented method as the body of ``if 1:``, so its lines and
columns stay the file's) and read in order, statement by statement, keeping what each local
holds: a use of ``amount`` after ``amount = payload["amount"]`` is the key read itself. A
local assigned on only some paths (in a branch, a loop, a ``try``) holds an ambiguous value
afterwards (``?``), so nothing downstream of it is judged. Calls of the module's simple
helpers (straight-line code ending in one ``return``, or an if/elif chain returning
literals) are replaced by what they return with their arguments bound, three levels deep at
most; module constants by their literal. Everything is bounded: expression depth, helpers
inlined per file, statements kept per file.

Node texts come from the nodes themselves (never :mod:`specls.nodetext`'s source of the
extraction under way, which may be another file's).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from functools import lru_cache

from tree_sitter import Node

from specls.span import Span, shared_span
from specls.values.facts import (
    CODE,
    CONSTANT,
    FUNCTION,
    METHOD,
    Region,
    Stmt,
    V,
    ValueFacts,
    ValueSource,
)

#: ``"k" in x`` / ``"k" not in x``: the key is tested before it is read.
_IN_TEST = re.compile(rb"""["']([^"'\n\\]{1,100})["']\s+(?:not\s+)?in\s""")
#: Exceptions whose handler makes a missing key a handled case.
_KEY_CATCHERS = frozenset({"KeyError", "LookupError", "Exception", "BaseException"})
#: Deepest expression read (deeper parts are ``?``), helpers inlined per file and how deep,
#: and the statements kept per file.
MAX_EXPR_DEPTH = 60
MAX_INLINED = 400
MAX_INLINE_DEPTH = 3
MAX_STMTS = 20_000
#: The longest helper inlined (bytes).
HELPER_BYTES = 4000

_COMPREHENSIONS = {
    "list_comprehension": "list",
    "set_comprehension": "set",
    "dictionary_comprehension": "dict",
    "generator_expression": "gen",
}
_SEQUENCES = {"list": "list", "tuple": "tuple", "set": "set", "expression_list": "tuple"}
_CONSTS = {"true": "True", "false": "False", "none": "None"}
_BLOCKISH = frozenset({"for_statement", "while_statement", "try_statement", "with_statement"})


def node_text(node: Node | None) -> str:
    """A node's text (from the node: see the module's docstring)."""
    if node is None:
        return ""
    data = node.text
    return data.decode("utf-8", "replace") if data else ""


def read_values(
    src: ValueSource, names: Iterable[str] | None = None, pattern: re.Pattern[bytes] | None = None
) -> ValueFacts:
    """The value statements of a file's parts: every part, or only the parts whose text
    names one of ``names`` (and, with ``pattern``, one of specls's own, matches it)."""
    reader = _File(src)
    wanted = _mentions(names) if names is not None else None
    for region in src.regions:
        if region[0] != CODE or len(reader.stmts) >= MAX_STMTS:
            continue
        if wanted is not None and not wanted.search(reader.text, region[5], region[6]):
            continue
        if pattern is not None and not pattern.search(reader.text, region[5], region[6]):
            continue
        reader.read(region)
    return ValueFacts(tuple(reader.stmts), frozenset(reader.names))


#: Up to this many field names are searched with one expression; more with a word set.
_FEW_NAMES = 64
_WORD = re.compile(rb"\w+")


@lru_cache(maxsize=64)
def _mentions_of(names: tuple[str, ...]) -> _Mentions:
    return _Mentions(names)


class _Mentions:
    """Whether a part of a file names one of the fields, as a whole word (`id` is not in
    `valid`). Our own expression of escaped names (they come from the spec); with many
    names, a set of the part's words instead (an alternation of thousands of names would
    try each at every byte)."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self.words = frozenset(n.encode() for n in names if n.isidentifier())
        others = [n for n in names if not n.isidentifier()][:_FEW_NAMES]
        self.few = len(names) <= _FEW_NAMES
        chosen = names if self.few else tuple(others)
        alternatives = b"|".join(re.escape(n.encode()) for n in chosen)
        self.pattern = (
            re.compile(rb"(?<![\w])(?:" + alternatives + rb")(?![\w])") if chosen else None
        )

    def search(self, text: bytes, start: int, end: int) -> bool:
        if self.pattern is not None and self.pattern.search(text, start, end):
            return True
        if self.few:
            return False
        return not self.words.isdisjoint(_WORD.findall(text, start, end))


def _mentions(names: Iterable[str]) -> _Mentions:
    return _mentions_of(tuple(sorted({n for n in names if n})))


def _definition(node: Node) -> Node:
    if node.type == "decorated_definition":
        inner = node.child_by_field_name("definition")
        if inner is not None:
            return inner
    return node


class _Part:
    """One part, parsed: its statement and the way back to the file's positions."""

    def __init__(self, text: bytes, line: int) -> None:
        from specls.extract import parse

        indented = text[:1] in (b" ", b"\t")
        self.data = b"if 1:\n" + text if indented else text
        self.shift = line - 1 if indented else line
        root = parse(self.data).root_node
        if indented:
            block = (
                root.named_children[0].child_by_field_name("consequence")
                if root.named_child_count
                else None
            )
            nodes = block.named_children if block is not None else []
        else:
            nodes = root.named_children
        self.node: Node | None = next((n for n in nodes if n.type != "comment"), None)
        self.ascii = self.data.isascii()
        self._lines: list[bytes] | None = None

    def span(self, node: Node) -> Span:
        (r0, c0), (r1, c1) = node.start_point, node.end_point
        if not self.ascii:
            c0, c1 = self._col(r0, c0), self._col(r1, c1)
        return shared_span(r0 + self.shift, c0, r1 + self.shift, c1)

    def _col(self, row: int, byte_col: int) -> int:
        if self._lines is None:
            self._lines = self.data.split(b"\n")
        if row >= len(self._lines):
            return byte_col
        return len(self._lines[row][:byte_col].decode("utf-8", "replace"))

    def bytes_of(self, node: Node) -> bytes:
        return self.data[node.start_byte : node.end_byte]


class _File:
    """One file's parts being read: its helpers and constants (parsed on demand), the facts."""

    def __init__(self, src: ValueSource) -> None:
        self.text = src.text
        self.regions = src.regions
        self.stmts: list[Stmt] = []
        self.names: set[str] = set()
        self.inlined = 0
        self._parts: dict[Region, _Part] = {}
        self._functions: dict[str, Region] = {}
        self._methods: dict[tuple[str, str], Region] = {}
        self._constants: dict[str, Region] = {}
        for r in src.regions:
            kind, name, where, cls = r[0], r[1], r[2], r[3]
            if kind == FUNCTION or (kind == CODE and not cls and where and where == name):
                self._functions.setdefault(name, r)
            elif kind == METHOD or (kind == CODE and cls):
                self._methods.setdefault((cls, name), r)
            elif kind == CONSTANT or (kind == CODE and not where and name):
                self._constants.setdefault(name, r)
        self._constant_values: dict[str, V] = {}
        self.module_env: dict[str, V] = {}

    def part(self, region: Region) -> _Part:
        found = self._parts.get(region)
        if found is None:
            found = self._parts[region] = _Part(self.text[region[5] : region[6]], region[4])
        return found

    def read(self, region: Region) -> None:
        part = self.part(region)
        node = part.node
        if node is None:
            return
        inner = _definition(node)
        if inner.type == "function_definition":
            cls = region[3] or None
            _Function(self, part, inner, region[2], cls=cls).run()
        else:
            _Function(self, part, None, "", self.module_env).statement(node)

    # -- the module's helpers and constants -------------------------------------------------

    def function(self, name: str) -> tuple[_Part, Node] | None:
        region = self._functions.get(name)
        return self._definition_of(region)

    def method(self, cls: str, name: str) -> tuple[_Part, Node] | None:
        return self._definition_of(self._methods.get((cls, name)))

    def _definition_of(self, region: Region | None) -> tuple[_Part, Node] | None:
        if region is None:
            return None
        part = self.part(region)
        if part.node is None:
            return None
        inner = _definition(part.node)
        return (part, inner) if inner.type == "function_definition" else None

    def constant(self, name: str) -> V | None:
        """What a module-level name bound once to a literal (or a call of literals) holds."""
        if name in self._constant_values:
            return self._constant_values[name]
        region = self._constants.get(name)
        if region is None:
            return None
        part = self.part(region)
        stmt = part.node
        asg = stmt.named_children[0] if stmt is not None and stmt.named_child_count else None
        right = (
            asg.child_by_field_name("right")
            if asg is not None and asg.type == "assignment"
            else None
        )
        if right is None:
            return None
        self._constant_values[name] = V("?", part.span(right), "recursive constant")
        value = _Function(self, part, None, "").expr(right)
        if not _literalish(value):  # the name, and what kind of container it holds
            value = V("name", value.span, name, (), _container(value))
        self._constant_values[name] = value
        return value


_MAPPINGS = frozenset({"dict", "defaultdict", "OrderedDict", "Counter", "ChainMap"})


def _container(v: V) -> str | None:
    """``dict`` for a value that is a mapping (a dict literal or comprehension, ``dict()``),
    ``list`` for a list, None when neither is known."""
    if v.op == "dict" or (v.op == "comp" and v.name == "dict"):
        return "dict"
    if v.op == "call" and v.name.rsplit(".", 1)[-1] in _MAPPINGS:
        return "dict"
    if (v.op == "seq" and v.name == "list") or (v.op == "comp" and v.name == "list"):
        return "list"
    return None


def _literalish(v: V, depth: int = 0) -> bool:
    """A value built from literals only (a constant's value worth substituting)."""
    if depth > 20:
        return False
    if v.op in ("num", "str", "const"):
        return True
    if v.op in ("dict", "seq", "unary", "bin", "fstr", "fmt"):
        return all(_literalish(a, depth + 1) for a in v.args)
    if v.op in ("call", "meth"):
        return all(_literalish(a, depth + 1) for a in v.args if a.op != "name") and all(
            _literalish(kv[1], depth + 1) for kv in v.extra or ()
        )
    return v.op == "name"


_AMBIGUOUS = "assigned on some paths only"


class _Function:
    """One function (or the module's top level) read statement by statement."""

    def __init__(
        self,
        file: _File,
        part: _Part,
        node: Node | None,
        where: str,
        env: dict[str, V] | None = None,
        cls: str | None = None,
        inline_depth: int = 0,
    ) -> None:
        self.file = file
        self.part = part
        self.node = node
        self.where = where
        self.env: dict[str, V] = {} if env is None else env
        self.cls = cls
        self.inline_depth = inline_depth
        self.guarded: frozenset[str] = frozenset()
        self.catching = 0  # enclosing try bodies whose handlers catch a missing key
        self.depth = 0
        #: While a helper is inlined: the values it returns at its top level, else None.
        self.returns: list[tuple[V, bool]] | None = None
        self.top = True

    # -- statements -----------------------------------------------------------------------

    def run(self) -> None:
        node = self.node
        assert node is not None
        self.guarded = self._guarded(node)
        self.bind_parameters(node)
        body = node.child_by_field_name("body")
        if body is not None:
            self.block(body)

    def _guarded(self, node: Node) -> frozenset[str]:
        data = self.part.bytes_of(node)
        return frozenset(m.group(1).decode("utf-8", "replace") for m in _IN_TEST.finditer(data))

    def bind_parameters(self, node: Node, args: dict[str, V] | None = None) -> None:
        params = node.child_by_field_name("parameters")
        if params is None:
            return
        for p in params.named_children:
            name_node = p
            if p.type in ("default_parameter", "typed_default_parameter"):
                name_node = p.child_by_field_name("name")
            elif p.type in ("typed_parameter", "list_splat_pattern", "dictionary_splat_pattern"):
                name_node = next((c for c in p.named_children if c.type == "identifier"), None)
            if name_node is None or name_node.type != "identifier":
                continue
            name = node_text(name_node)
            if args is not None and name in args:
                self.env[name] = args[name]
            else:
                self.env[name] = V("param", self.part.span(name_node), name)
                if name not in ("self", "cls"):
                    self.file.names.add(name)

    def record(self, kind: str, node: Node, value: V, target: V | None = None) -> None:
        if self.returns is not None:
            if kind == "return" and self.top:
                self.returns.append((value, True))
            elif kind == "return":
                self.returns.append((value, False))
            return
        if kind in ("local", "expr") and value.op in ("num", "str", "const", "name", "?"):
            return
        if len(self.file.stmts) < MAX_STMTS:
            self.file.stmts.append(Stmt(kind, self.part.span(node), self.where, value, target))

    def block(self, block: Node) -> None:
        children = block.named_children
        i = 0
        while i < len(children):
            child = children[i]
            if child.type == "if_statement":
                used = self._table_at(children, i)
                if used:
                    i += used
                    continue
            self.statement(child)
            i += 1

    def statement(self, node: Node) -> None:
        t = node.type
        if t == "expression_statement":
            for child in node.named_children:
                self._expression_statement(child)
        elif t == "return_statement":
            value = node.named_children[0] if node.named_child_count else None
            self.record(
                "return", node, self.expr(value) if value is not None else _none(self, node)
            )
        elif t == "if_statement":
            self._if(node)
        elif t == "for_statement":
            self._for(node)
        elif t == "while_statement":
            cond = node.child_by_field_name("condition")
            if cond is not None:
                self.record("test", cond, self.expr(cond))
            self._branches([node.child_by_field_name("body")], optional=True)
        elif t == "try_statement":
            self._try(node)
        elif t == "with_statement":
            self._with(node)
        elif t == "match_statement":
            self._match(node)
        elif t in ("assert_statement",):
            for child in node.named_children[:1]:
                self.record("test", child, self.expr(child))
        elif t == "raise_statement":
            for child in node.named_children[:1]:
                self.record("expr", child, self.expr(child))
        elif t == "function_definition":
            name = node_text(node.child_by_field_name("name"))
            inner = _Function(
                self.file, self.part, node, f"{self.where}.{name}" if self.where else name
            )
            inner.env = dict(self.env)
            if self.returns is None:
                inner.run()
            self.env[name] = V("?", self.part.span(node), "a function")
        elif t == "decorated_definition":
            inner_def = node.child_by_field_name("definition")
            if inner_def is not None:
                self.statement(inner_def)
        elif t == "class_definition":
            name = node_text(node.child_by_field_name("name"))
            self.env[name] = V("?", self.part.span(node), "a class")

    def _expression_statement(self, node: Node) -> None:
        t = node.type
        if t == "assignment":
            self._assign(node)
        elif t == "augmented_assignment":
            self._augmented(node)
        else:
            self.record("expr", node, self.expr(node))

    def _assign(self, node: Node) -> None:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if right is None:  # an annotation alone
            return
        if right.type == "assignment":  # a = b = value
            self._assign(right)
            inner = right
            while inner.type == "assignment" and inner.child_by_field_name("right") is not None:
                inner = inner.child_by_field_name("right")  # type: ignore[assignment]
            value = self.expr(inner)
        else:
            value = self.expr(right)
        if left is not None:
            self._bind(left, value, node)

    def _bind(self, left: Node, value: V, node: Node) -> None:
        t = left.type
        if t == "identifier":
            name = node_text(left)
            self.env[name] = value
            self.record("local", node, value, V("name", self.part.span(left), name))
        elif t in ("subscript", "attribute"):
            self.record("store", node, value, self.expr(left, store=True))
        elif t in ("pattern_list", "tuple_pattern", "list_pattern", "tuple", "list"):
            self.record("local", node, value)
            for i, part in enumerate(left.named_children):
                if part.type in ("list_splat_pattern", "list_splat"):
                    self._forget(part)
                    continue
                index = V("num", self.part.span(part), str(i))
                self._bind(part, V("sub", self.part.span(part), "", (value, index)), node)
        elif t == "parenthesized_expression" and left.named_child_count == 1:
            self._bind(left.named_children[0], value, node)
        else:
            self._forget(left)

    def _forget(self, node: Node) -> None:
        for name in _names_in(node):
            self.env[name] = V("?", self.part.span(node), "not followed")

    def _augmented(self, node: Node) -> None:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        op = node.child_by_field_name("operator")
        if left is None or right is None or op is None:
            return
        current = self.expr(left)
        value = V("bin", self.part.span(node), node_text(op)[:-1], (current, self.expr(right)))
        if left.type == "identifier":
            self.env[node_text(left)] = value
            self.record("local", node, value, V("name", self.part.span(left), node_text(left)))
        elif left.type in ("subscript", "attribute"):
            self.record("aug", node, value, self.expr(left, store=True))

    # -- blocks on some paths ---------------------------------------------------------------

    def _branches(self, blocks: list[Node | None], optional: bool) -> None:
        """Run each block from the current locals; afterwards a local keeps a value only if
        every path (and, when ``optional``, the path through none of them) agrees."""
        before = dict(self.env)
        outcomes: list[dict[str, V]] = []
        was_top = self.top
        self.top = False
        for block in blocks:
            self.env = dict(before)
            if block is not None:
                self.block(block)
            outcomes.append(self.env)
        self.top = was_top
        if optional or not outcomes:
            outcomes.append(before)
        merged: dict[str, V] = {}
        names = set().union(*outcomes)
        for name in names:
            values = [o.get(name) for o in outcomes]
            first = values[0]
            if first is not None and all(v is first for v in values):
                merged[name] = first
            else:
                span = next(v.span for v in values if v is not None)
                merged[name] = V("?", span, _AMBIGUOUS)
        self.env = merged

    def _if(self, node: Node) -> None:
        blocks: list[Node | None] = []
        has_else = False
        cond = node.child_by_field_name("condition")
        if cond is not None:
            self.record("test", cond, self.expr(cond))
        blocks.append(node.child_by_field_name("consequence"))
        for alt in node.children_by_field_name("alternative"):
            if alt.type == "elif_clause":
                c = alt.child_by_field_name("condition")
                if c is not None:
                    self.record("test", c, self.expr(c))
                blocks.append(alt.child_by_field_name("consequence"))
            elif alt.type == "else_clause":
                has_else = True
                blocks.append(alt.child_by_field_name("body"))
        self._branches(blocks, optional=not has_else)

    def _for(self, node: Node) -> None:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        iterable = self.expr(right) if right is not None else V("?", self.part.span(node))
        self.record("for", right or node, iterable)
        before = dict(self.env)
        if left is not None:
            self._bind_iter(left, iterable)
        self._branches([node.child_by_field_name("body")], optional=True)
        for name in _names_in(left) if left is not None else ():
            if name not in before:
                self.env.pop(name, None)

    def _bind_iter(self, left: Node, iterable: V) -> None:
        item = V("iter", self.part.span(left), "", (iterable,))
        if left.type == "identifier":
            self.env[node_text(left)] = item
        elif left.type in ("pattern_list", "tuple_pattern", "tuple", "list_pattern"):
            for i, part in enumerate(left.named_children):
                index = V("num", self.part.span(part), str(i))
                if part.type == "identifier":
                    self.env[node_text(part)] = V("sub", self.part.span(part), "", (item, index))
                else:
                    self._forget(part)
        else:
            self._forget(left)

    def _try(self, node: Node) -> None:
        catches = False
        handlers: list[Node | None] = []
        final: Node | None = None
        for child in node.named_children:
            if child.type == "except_clause":
                kinds = [c for c in child.named_children if c.type != "block"]
                names = {part for k in kinds for part in re.findall(r"\w+", node_text(k))}
                if not kinds or names & _KEY_CATCHERS:
                    catches = True
                handlers.append(next((c for c in child.named_children if c.type == "block"), None))
            elif child.type == "finally_clause":
                final = next((c for c in child.named_children if c.type == "block"), None)
            elif child.type == "else_clause":
                handlers.append(child.child_by_field_name("body"))
        body = node.child_by_field_name("body")
        self.catching += catches
        self._branches([body], optional=True)
        self.catching -= catches
        if handlers:
            self._branches(handlers, optional=True)
        if final is not None:
            self.block(final)

    def _with(self, node: Node) -> None:
        for item in _with_items(node):
            value = item.child_by_field_name("value")
            if value is None:
                continue
            if value.type == "as_pattern":
                target = value.child_by_field_name("alias")
                inner = value.named_children[0] if value.named_child_count else None
                v = self.expr(inner) if inner is not None else V("?", self.part.span(value))
                self.record("expr", value, v)
                if target is not None:
                    for name in _names_in(target):
                        self.env[name] = v
            else:
                self.record("expr", value, self.expr(value))
        body = node.child_by_field_name("body")
        if body is not None:
            self.block(body)

    def _match(self, node: Node) -> None:
        subject = node.child_by_field_name("subject")
        subject_v = self.expr(subject) if subject is not None else None
        body = node.child_by_field_name("body")
        clauses = [c for c in body.named_children if c.type == "case_clause"] if body else []
        table = self._match_table(subject_v, clauses) if subject_v is not None else None
        if table is not None:
            kind, name, value = table
            if kind == "return":
                self.record("return", node, value)
            else:
                self.env[name] = value
                self.record("local", node, value, V("name", value.span, name))
            return
        if subject_v is not None:
            self.record("expr", subject or node, subject_v)
        self._branches([c.child_by_field_name("consequence") for c in clauses], optional=True)

    # -- code tables: if/elif chains and match statements mapping a code to a value --------

    def _table_at(self, children: list[Node], i: int) -> int:
        """``if x == 1: s = "closed" elif x == 2: s = "open" else: s = "?"``, the same with
        ``return``, or a run of ``if x == 1: return ...`` statements and a last ``return``:
        the local (or the return) becomes a ``table`` of ``x``. The statements it took (0:
        none, read them as they are)."""
        node = children[i]
        found = _clauses(node)
        if found is None:
            return 0
        clauses, default = found
        used = 1
        if default is None and len(clauses) == 1:  # a run of single ifs
            while i + used < len(children) and children[i + used].type == "if_statement":
                more = _clauses(children[i + used])
                if more is None or more[1] is not None or len(more[0]) != 1:
                    break
                clauses += more[0]
                used += 1
        following = children[i + used] if i + used < len(children) else None
        taken = self._table(node, clauses, default, following)
        return 0 if taken is None else used + taken

    def _table(
        self,
        node: Node,
        clauses: list[tuple[Node, Node]],
        default: Node | None,
        following: Node | None,
    ) -> int | None:
        """The table of ``clauses`` (see :meth:`_table_at`); how many statements after
        them it took (the last ``return``), or None when they are not a table."""
        cond = clauses[0][0]
        if len(clauses) < 2 and default is None:
            return None
        subject_text = None
        entries: list[tuple[Node, Node]] = []  # (code literal, body)
        for c, b in clauses:
            if c.type != "comparison_operator" or c.named_child_count != 2:
                return None
            ops = [node_text(o) for o in c.children_by_field_name("operators")]
            left, right = c.named_children
            if ops == ["=="] and _is_literal(right):
                codes = [right]
            elif ops == ["in"] and right.type in ("tuple", "list", "set"):
                codes = list(right.named_children)
                if not codes or not all(_is_literal(x) for x in codes):
                    return None
            else:
                return None
            text = node_text(left)
            if subject_text is None:
                subject_text = text
            elif text != subject_text:
                return None
            entries.extend((code, b) for code in codes)
            subject = left
        outcome = None
        pairs: list[tuple[V, V]] = []
        for code, b in entries:
            found = _single_outcome(b)
            if found is None or (outcome is not None and found[:2] != outcome):
                return None
            outcome = found[:2]
            pairs.append((self.expr(code), self.expr(found[2])))
        assert outcome is not None
        default_v: V | None = None
        taken = 0
        if default is not None:
            found = _single_outcome(default)
            if found is None or found[:2] != outcome:
                return None
            default_v = self.expr(found[2])
        elif outcome[0] == "return" and following is not None and _is_return(following):
            value = following.named_children[0] if following.named_child_count else None
            if value is None:
                return None
            default_v = self.expr(value)
            taken = 1
        elif outcome[0] == "return":
            return None
        self.record("test", cond, self.expr(cond))
        key = self.expr(subject)
        args = (key,) if default_v is None else (key, default_v)
        table = V("table", self.part.span(node), "", args, tuple(pairs))
        if outcome[0] == "return":
            self.record("return", node, table)
        else:
            name = outcome[1]
            if default_v is None and name in self.env:  # no else: the old value stays
                table = V("table", table.span, "", (key, self.env[name]), tuple(pairs))
            elif default_v is None:
                return None
            self.env[name] = table
            self.record("local", node, table, V("name", table.span, name))
        return taken

    def _match_table(self, subject: V, clauses: list[Node]) -> tuple[str, str, V] | None:
        outcome = None
        pairs: list[tuple[V, V]] = []
        default_v: V | None = None
        for clause in clauses:
            patterns = [c for c in clause.named_children if c.type == "case_pattern"]
            body = clause.child_by_field_name("consequence")
            if len(patterns) != 1 or body is None or clause.child_by_field_name("guard"):
                return None
            found = _single_outcome(body)
            if found is None or (outcome is not None and found[:2] != outcome):
                return None
            outcome = found[:2]
            pattern = patterns[0]
            inner = pattern.named_children[0] if pattern.named_child_count == 1 else None
            if inner is None and node_text(pattern) == "_":
                default_v = self.expr(found[2])
                continue
            if inner is None or not _is_literal(inner):
                return None
            pairs.append((self.expr(inner), self.expr(found[2])))
        if outcome is None or len(pairs) < 1:
            return None
        args = (subject,) if default_v is None else (subject, default_v)
        return outcome[0], outcome[1], V("table", subject.span, "", args, tuple(pairs))

    # -- expressions ------------------------------------------------------------------------

    def expr(self, node: Node | None, store: bool = False) -> V:
        if node is None:
            return V("?", shared_span(0, 0, 0, 0), "missing")
        if self.depth >= MAX_EXPR_DEPTH:
            return V("?", self.part.span(node), "too deep")
        self.depth += 1
        try:
            return self._expr(node, store)
        finally:
            self.depth -= 1

    def _expr(self, node: Node, store: bool) -> V:
        t = node.type
        span = self.part.span
        if t == "identifier":
            name = node_text(node)
            found = self.env.get(name)
            if found is not None:
                return found
            const = self.file.constant(name)
            if const is not None:
                return const
            return V("name", span(node), name)
        if t == "subscript":
            return self._subscript(node, store)
        if t == "attribute":
            obj = node.child_by_field_name("object")
            attr = node_text(node.child_by_field_name("attribute"))
            self.file.names.add(attr)
            return V("attr", span(node), attr, (self.expr(obj),))
        if t == "call":
            return self._call(node)
        if t in ("integer", "float"):
            return V("num", span(node), node_text(node))
        if t == "string":
            return self._string(node)
        if t == "concatenated_string":
            parts = [self._string(c) for c in node.named_children]
            if all(p.op == "str" for p in parts):
                return V("str", span(node), "".join(p.name for p in parts))
            flat: list[V] = []
            for p in parts:
                flat.extend(p.args if p.op == "fstr" else (p,))
            return V("fstr", span(node), "", tuple(flat))
        if t in _CONSTS:
            return V("const", span(node), _CONSTS[t])
        if t == "binary_operator":
            op = node.child_by_field_name("operator")
            return V(
                "bin",
                span(node),
                node_text(op),
                (
                    self.expr(node.child_by_field_name("left")),
                    self.expr(node.child_by_field_name("right")),
                ),
            )
        if t == "unary_operator":
            op = node.child_by_field_name("operator")
            return V(
                "unary",
                span(node),
                node_text(op),
                (self.expr(node.child_by_field_name("argument")),),
            )
        if t == "not_operator":
            return V("unary", span(node), "not", (self.expr(node.child_by_field_name("argument")),))
        if t == "boolean_operator":
            op = node.child_by_field_name("operator")
            return V(
                "bool",
                span(node),
                node_text(op),
                (
                    self.expr(node.child_by_field_name("left")),
                    self.expr(node.child_by_field_name("right")),
                ),
            )
        if t == "comparison_operator":
            ops = " ".join(node_text(o) for o in node.children_by_field_name("operators"))
            return V("cmp", span(node), ops, tuple(self.expr(c) for c in node.named_children))
        if t == "parenthesized_expression":
            inner = node.named_children
            return self.expr(inner[0]) if len(inner) == 1 else V("?", span(node), "parentheses")
        if t == "conditional_expression":
            parts = node.named_children
            if len(parts) != 3:
                return V("?", span(node), "conditional")
            test = self.expr(parts[1])
            if self.returns is None:
                self.record("test", parts[1], test)
            return V("cond", span(node), "", (self.expr(parts[0]), test, self.expr(parts[2])))
        if t in _SEQUENCES:
            return V(
                "seq", span(node), _SEQUENCES[t], tuple(self.expr(c) for c in node.named_children)
            )
        if t == "dictionary":
            return self._dict(node)
        if t in _COMPREHENSIONS:
            return self._comprehension(node, _COMPREHENSIONS[t])
        if t == "await":
            inner = node.named_children
            return self.expr(inner[0]) if inner else V("?", span(node), "await")
        if t == "named_expression":
            value = self.expr(node.child_by_field_name("value"))
            name = node.child_by_field_name("name")
            if name is not None:
                self.env[node_text(name)] = value
            return value
        if t == "list_splat":
            inner = node.named_children
            return V("star", span(node), "", (self.expr(inner[0]),) if inner else ())
        return V("?", span(node), t)

    def _subscript(self, node: Node, store: bool) -> V:
        span = self.part.span(node)
        recv = self.expr(node.child_by_field_name("value"))
        subs = node.children_by_field_name("subscript")
        if len(subs) != 1:
            return V("sub", span, "", (recv, V("?", span, "several indices")))
        sub = subs[0]
        if sub.type == "string":
            key = _string_value(sub)
            if key is not None:
                self.file.names.add(key)
                guarded = key in self.guarded or self.catching > 0
                return V("key", span, key, (recv,), ("sub", guarded))
        if sub.type == "slice":
            return V("sub", span, "", (recv, self._slice(sub)))
        return V("sub", span, "", (recv, self.expr(sub)))

    def _slice(self, node: Node) -> V:
        parts: list[V] = []
        current: V | None = None
        for child in node.children:
            if child.type == ":":
                parts.append(current or _none(self, child))
                current = None
            elif child.is_named:
                current = self.expr(child)
        parts.append(current or _none(self, node))
        while len(parts) < 3:
            parts.append(_none(self, node))
        return V("slice", self.part.span(node), "", tuple(parts[:3]))

    def _string(self, node: Node) -> V:
        if node.type != "string":
            return self.expr(node)
        value = _string_value(node)
        if value is not None:
            return V("str", self.part.span(node), value)
        parts: list[V] = []
        for child in node.named_children:
            if child.type == "string_content":
                parts.append(V("str", self.part.span(child), node_text(child)))
            elif child.type == "interpolation":
                inner = child.child_by_field_name("expression")
                spec = child.child_by_field_name("format_specifier")
                spec_text = node_text(spec)[1:] if spec is not None else ""
                parts.append(V("fmt", self.part.span(child), spec_text, (self.expr(inner),)))
        return V("fstr", self.part.span(node), "", tuple(parts))

    def _dict(self, node: Node) -> V:
        args: list[V] = []
        for child in node.named_children:
            if child.type == "pair":
                key = self.expr(child.child_by_field_name("key"))
                if key.op == "str":
                    self.file.names.add(key.name)
                args += [key, self.expr(child.child_by_field_name("value"))]
            elif child.type == "dictionary_splat":
                inner = child.named_children
                args += [
                    V("?", self.part.span(child), "**"),
                    self.expr(inner[0]) if inner else _none(self, child),
                ]
        return V("dict", self.part.span(node), "", tuple(args))

    def _comprehension(self, node: Node, kind: str) -> V:
        saved = self.env
        self.env = dict(saved)
        try:
            for child in node.named_children:
                if child.type == "for_in_clause":
                    left, right = (
                        child.child_by_field_name("left"),
                        child.child_by_field_name("right"),
                    )
                    iterable = (
                        self.expr(right) if right is not None else V("?", self.part.span(child))
                    )
                    if self.returns is None:
                        self.record("for", right or child, iterable)
                    if left is not None:
                        self._bind_iter(left, iterable)
                elif child.type == "if_clause":
                    for cond in child.named_children[:1]:
                        test = self.expr(cond)
                        if self.returns is None:
                            self.record("test", cond, test)
            body = node.child_by_field_name("body")
            if body is not None and body.type == "pair":
                elts = (
                    self.expr(body.child_by_field_name("key")),
                    self.expr(body.child_by_field_name("value")),
                )
            else:
                elts = (self.expr(body),)
            return V("comp", self.part.span(node), kind, elts)
        finally:
            self.env = saved

    def _call(self, node: Node) -> V:
        span = self.part.span(node)
        func = node.child_by_field_name("function")
        args_node = node.child_by_field_name("arguments")
        positional: list[V] = []
        keywords: list[tuple[str, V]] = []
        if args_node is not None:
            if args_node.type == "generator_expression":
                positional.append(self.expr(args_node))
            else:
                for a in args_node.named_children:
                    if a.type == "keyword_argument":
                        name = node_text(a.child_by_field_name("name"))
                        self.file.names.add(name)
                        keywords.append((name, self.expr(a.child_by_field_name("value"))))
                    elif a.type == "dictionary_splat":
                        keywords.append(("**", V("?", self.part.span(a), "**")))
                    elif a.type != "comment":
                        positional.append(self.expr(a))
        kw = tuple(keywords)
        if func is not None and func.type == "attribute":
            method = node_text(func.child_by_field_name("attribute"))
            recv = self.expr(func.child_by_field_name("object"))
            if method in ("get", "pop", "setdefault") and positional and positional[0].op == "str":
                key = positional[0].name
                self.file.names.add(key)
                return V("key", span, key, (recv, *positional[1:2]), (method, key in self.guarded))
            if recv.op == "param" and recv.name == "self" and self.cls is not None:
                inlined = self._inline(
                    self.file.method(self.cls, method), method, positional, kw, span, recv
                )
                if inlined is not None:
                    return inlined
            return V("meth", span, method, (recv, *positional), kw)
        if func is not None and func.type == "identifier":
            name = node_text(func)
            if name == "getattr" and len(positional) >= 2 and positional[1].op == "str":
                attr = positional[1].name
                self.file.names.add(attr)
                return V("attr", span, attr, (positional[0], *positional[2:3]), "getattr")
            if name not in self.env:
                inlined = self._inline(self.file.function(name), name, positional, kw, span, None)
                if inlined is not None:
                    return inlined
            return V("call", span, name, tuple(positional), kw)
        if func is not None:
            text = node_text(func)
            return V("call", span, text if len(text) <= 200 else "?", tuple(positional), kw)
        return V("?", span, "call")

    def _inline(
        self,
        found: tuple[_Part, Node] | None,
        name: str,
        positional: list[V],
        keywords: tuple[tuple[str, V], ...],
        span: Span,
        self_v: V | None,
    ) -> V | None:
        """What the helper returns for these arguments, or None when it is not one that can
        be followed (several exits, loops, too long, too deep)."""
        file = self.file
        if found is None or self.inline_depth >= MAX_INLINE_DEPTH or file.inlined >= MAX_INLINED:
            return None
        part, fn = found
        if fn.end_byte - fn.start_byte > HELPER_BYTES or fn == self.node:
            return None
        bound = _bind_arguments(fn, positional, keywords, self_v)
        if bound is None:
            return None
        body = fn.child_by_field_name("body")
        if body is None or any(c.type in _BLOCKISH for c in body.named_children):
            return None
        file.inlined += 1
        helper = _Function(
            file, part, fn, self.where, cls=self.cls, inline_depth=self.inline_depth + 1
        )
        helper.guarded = helper._guarded(fn)
        helper.returns = []
        helper.bind_parameters(fn, bound)
        helper.block(body)
        results = helper.returns
        top = [v for v, at_top in results if at_top]
        if len(results) != 1 or len(top) != 1:
            return None
        return V("via", span, name, (top[0],))


def _bind_arguments(
    fn: Node, positional: list[V], keywords: tuple[tuple[str, V], ...], self_v: V | None
) -> dict[str, V] | None:
    params = fn.child_by_field_name("parameters")
    if params is None:
        return None
    names: list[str] = []
    for p in params.named_children:
        if p.type == "identifier":
            names.append(node_text(p))
        elif p.type in ("default_parameter", "typed_default_parameter"):
            names.append(node_text(p.child_by_field_name("name")))
        elif p.type == "typed_parameter":
            ident = next((c for c in p.named_children if c.type == "identifier"), None)
            if ident is None:
                return None
            names.append(node_text(ident))
        else:
            return None  # *args, **kwargs, separators: not followed
    args = list(positional)
    if self_v is not None:
        args.insert(0, self_v)
    if len(args) > len(names) or any(a.op == "star" for a in args):
        return None
    bound = dict(zip(names, args, strict=False))
    for key, value in keywords:
        if key not in names or key in bound:
            return None
        bound[key] = value
    return bound


def _clauses(node: Node) -> tuple[list[tuple[Node, Node]], Node | None] | None:
    """The (condition, body) clauses of an if statement, and its else body."""
    cond = node.child_by_field_name("condition")
    body = node.child_by_field_name("consequence")
    if cond is None or body is None:
        return None
    clauses = [(cond, body)]
    default = None
    for alt in node.children_by_field_name("alternative"):
        if alt.type == "elif_clause":
            c, b = alt.child_by_field_name("condition"), alt.child_by_field_name("consequence")
            if c is None or b is None:
                return None
            clauses.append((c, b))
        else:
            default = alt.child_by_field_name("body")
    return clauses, default


def _single_outcome(block: Node) -> tuple[str, str, Node] | None:
    """A block that only assigns a literal to one name or returns a literal:
    ``("local", name, value)`` or ``("return", "", value)``."""
    stmts = [c for c in block.named_children if c.type != "comment"]
    if len(stmts) != 1:
        return None
    s = stmts[0]
    if s.type == "return_statement" and s.named_child_count == 1:
        value = s.named_children[0]
        return ("return", "", value) if _is_outcome(value) else None
    if s.type == "expression_statement" and s.named_child_count == 1:
        asg = s.named_children[0]
        if asg.type == "assignment":
            left, right = asg.child_by_field_name("left"), asg.child_by_field_name("right")
            if (
                left is not None
                and right is not None
                and left.type == "identifier"
                and _is_outcome(right)
            ):
                return ("local", node_text(left), right)
    return None


def _is_outcome(node: Node) -> bool:
    """A literal, or an enum-like ``Status.CLOSED``."""
    if _is_literal(node):
        return True
    return node.type == "attribute" and all(
        c.type in ("identifier", "attribute") for c in node.named_children
    )


def _is_literal(node: Node) -> bool:
    t = node.type
    if t in ("integer", "float", "true", "false", "none"):
        return True
    if t == "string":
        return _string_value(node) is not None
    if t == "unary_operator":
        arg = node.child_by_field_name("argument")
        return arg is not None and arg.type in ("integer", "float")
    return False


def _is_return(node: Node) -> bool:
    return node.type == "return_statement"


def _none(fn: _Function, node: Node) -> V:
    return V("const", fn.part.span(node), "None")


def _names_in(node: Node) -> list[str]:
    if node.type == "identifier":
        return [node_text(node)]
    out: list[str] = []
    for child in node.named_children:
        out.extend(_names_in(child))
    return out


def _with_items(node: Node) -> list[Node]:
    out = []
    for child in node.named_children:
        if child.type == "with_clause":
            out.extend(c for c in child.named_children if c.type == "with_item")
    return out


def _string_value(node: Node) -> str | None:
    """The value of a plain string literal (no interpolation, not bytes), or None."""
    children = node.children
    if not children or children[0].type != "string_start":
        return None
    prefix = node_text(children[0]).lower()
    if "f" in prefix or "b" in prefix:
        if "f" in prefix and not any(c.type == "interpolation" for c in children):
            pass  # an f-string without fields is a plain string
        else:
            return None
    inner = children[1:-1]
    if not inner:
        return ""
    if len(inner) == 1 and inner[0].type == "string_content" and inner[0].named_child_count == 0:
        return node_text(inner[0])
    text = node_text(node)
    if len(text) > 10_000:
        return None
    try:
        value = ast.literal_eval(text.lstrip("fF") if "f" in prefix else text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, str) else None
