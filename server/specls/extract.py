"""Turn Python source into :class:`~specls.facts.FileFacts` with tree-sitter.

tree-sitter is fast and error tolerant: a file with a syntax error still yields facts for
the parts that parse. The code is read, never imported or executed.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from operator import attrgetter

import tree_sitter_python
from tree_sitter import Language, Node, Parser, Query, QueryCursor, Tree

from specls import docstrings
from specls.calls import resolve as resolve_calls
from specls.facts import (
    INTS,
    Access,
    Claim,
    ClassFacts,
    Evidence,
    FileFacts,
    Flow,
    Gives,
    MethodFacts,
    Mutation,
    Param,
    Reach,
    SelfCall,
    Shape,
    Signature,
    Span,
    SpecRef,
    compact,
    compact_function,
    shift_lines,
)
from specls.flow import CHECK_NAME, flow, literal_text
from specls.kinds import (
    ALL_KINDS,
    ATTRIBUTE_RESULTS,
    CONSTRUCTORS,
    ITEM_ASSIGNABLE,
    ITERABLE,
    MAPPINGS,
    METHOD_RESULTS,
    SLICEABLE,
    SUBSCRIPTABLE,
    augmented_needs,
    kinds_with_attr,
    parse_doc_type,
    parse_type,
)
from specls.nodetext import node_bytes as _bytes
from specls.nodetext import node_text as _text
from specls.nodetext import reading
from specls.span import shared_span
from specls.values.extract import value_source

LANGUAGE = Language(tree_sitter_python.language())
#: What a file is searched for, in one pass: comments, classes, ``global`` statements and
#: attribute stores for the file; returns, assignments, conditions, calls and the rest for
#: each function (see :class:`_Captures`). One query over the file costs less than one per
#: function, and every pattern on ``call`` costs about as much as all the others: calls are
#: captured by their name once, and sorted out by :class:`_Captures`.
_QUERY = Query(
    LANGUAGE,
    """
    (comment) @comment
    (class_definition) @class
    [(function_definition) (lambda)] @fn
    (global_statement) @global
    (assignment left: (attribute) @store)
    (augmented_assignment left: (attribute) @store)
    (pattern_list (attribute) @store)
    (tuple_pattern (attribute) @store)
    (attribute object: (identifier)) @attr
    (return_statement) @ret
    (yield) @yield
    (assignment) @asg
    [(for_statement) (for_in_clause) (named_expression) (with_item) (except_clause)] @bind
    (raise_statement) @raise
    (if_statement condition: (_) @cond)
    (elif_clause condition: (_) @cond)
    (while_statement condition: (_) @cond)
    (assert_statement) @cond
    (conditional_expression) @cond
    (subscript subscript: [(integer) (unary_operator) (identifier)]) @sub
    (call function: (identifier) @fname)
    (call function: (attribute attribute: (identifier) @mname))
    """,
)
#: Calls of these builtins tell how an object is inspected (``bcall`` captures).
_INSPECTORS = frozenset(
    [b"isinstance", b"type", b"hasattr", b"getattr", b"setattr", b"delattr", b"vars"]
)
#: ``parser.parse_args(namespace=self)`` sets attributes on ``self`` at run time.
_PARSE_ARGS = frozenset([b"parse_args", b"parse_known_args"])
#: Methods that raise on a missing item (``pop`` captures).
_RAISING_METHODS = frozenset([b"pop", b"popitem", b"popleft", b"remove", b"index"])
#: What each function's body is given of the file's captures.
_FUNCTION_CAPTURES = (
    "attr",
    "ret",
    "yield",
    "asg",
    "bind",
    "class",
    "fn",
    "raise",
    "cond",
    "sub",
    "check",
    "bcall",
    "pcall",
    "pop",
    "next",
)


#: Bytes that may continue an identifier (in UTF-8, every byte of a non-ASCII letter is >= 128).
_NAME_BYTES = frozenset(bytes([b]) for b in range(256) if b >= 128 or chr(b).isalnum() or b == 95)


_start_byte: Callable[[Node], int] = attrgetter("start_byte")  # a sort key made in C

#: How deep a statement's syntax tree may nest (tree levels below the module) before the
#: innermost statement holding the deep part is skipped, with a note. tree-sitter finds a
#: node's parent by walking down from the root, so each step up from a node costs its depth,
#: and the facts of a node take a few steps up: the bound keeps extraction linear in the file
#: (and the extractor's few recursions, one frame a level, far from Python's limit). Python
#: itself refuses more than 200 nested brackets or 100 indented blocks; Django's deepest file
#: nests 32 levels, and of 13,000 files of the standard library and site-packages 7 pass 100
#: (generated tables of expressions, and tests of deep nesting).
MAX_DEPTH = 100
#: Why a part of a file was skipped (the notes of :attr:`FileFacts.notes`).
TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels"
TOO_COMPLEX = "too complex to analyse"
#: Lines longer than this (bytes) have their code-point columns counted from a table built
#: once per line (see :meth:`_Positions.col`) rather than by decoding the line up to each
#: node: each node of a 1 MB line would otherwise decode up to a megabyte.
_LONG_LINE = 1024
_BLOCK = 256  # bytes per entry of that table
#: Every byte but UTF-8 continuation bytes (0x80-0xBF): deleting them leaves one byte per
#: code point after the first byte of each.
_NOT_CONTINUATION = bytes(b for b in range(256) if not 0x80 <= b < 0xC0)


class _Captures:
    """The query's captures in one file (or top-level statement), each kind in source order,
    with the calls sorted out by name: ``bcall`` (``isinstance`` and kin), ``next``,
    ``setattr`` (with a string name), ``pcall`` (``parse_args``) and ``pop`` hold the call
    nodes, ``check`` the names that look like checks (see ``specls.flow.CHECK_NAME``).
    :meth:`within` gives one function the part of each list inside its body."""

    def __init__(
        self, found: dict[str, list[Node]], source: bytes, skips: _Skips | None = None
    ) -> None:
        if skips:  # nodes in skipped statements are not looked at
            found = {k: [n for n in nodes if not skips.holds(n)] for k, nodes in found.items()}
        calls: dict[str, list[Node]] = {
            kind: [] for kind in ("bcall", "next", "setattr", "pcall", "pop", "check")
        }
        # (the names themselves are not kept: only the calls sorted out of them)
        for name in found.pop("fname", ()):
            text = source[name.start_byte : name.end_byte]
            if CHECK_NAME.search(text):
                calls["check"].append(name)
            if text in _INSPECTORS:
                call = name.parent
                if call is not None:
                    calls["bcall"].append(call)
                    if text == b"setattr" and _names_attribute(call):
                        calls["setattr"].append(call)
            elif text == b"next" and (call := name.parent) is not None:
                calls["next"].append(call)
        for name in found.pop("mname", ()):
            text = source[name.start_byte : name.end_byte]
            if CHECK_NAME.search(text):
                calls["check"].append(name)
            if text == b"setattr":  # `monkeypatch.setattr(obj, "name", value)`
                attribute = name.parent
                call = attribute.parent if attribute is not None else None
                if call is not None and call.type == "call" and _names_attribute(call):
                    calls["setattr"].append(call)
            elif text in _RAISING_METHODS or text in _PARSE_ARGS:
                attribute = name.parent
                call = attribute.parent if attribute is not None else None
                if call is not None:
                    calls["pop" if text in _RAISING_METHODS else "pcall"].append(call)
        found.update(calls)
        for nodes in found.values():
            nodes.sort(key=_start_byte)
        self.nodes = found
        #: Where the class extractor found ``self.<name>`` (start bytes): not foreign stores.
        self.self_uses: set[int] = set()
        self.source = source
        #: The bytes the captures were found in (a top-level statement, or the file).
        self.extent = (0, len(source))
        self._passed: dict[str, list[int]] = {}
        #: (kind, start bytes, nodes) of the kinds functions need that the file has
        self._function_kinds = [
            (kind, [n.start_byte for n in found[kind]], found[kind])
            for kind in _FUNCTION_CAPTURES
            if found.get(kind)
        ]

    def passed(self, name: str) -> list[int]:
        """Where ``name`` is passed as an argument (``f(self)``, ``g(x, self)``: start
        bytes) in :attr:`extent`, found with one search per name."""
        found = self._passed.get(name)
        if found is None:
            pattern = _passed(name.encode())
            a, b = self.extent
            found = self._passed[name] = [m.start(1) for m in pattern.finditer(self.source, a, b)]
        return found

    def get(self, kind: str) -> list[Node]:
        """All captures of ``kind``, in source order."""
        return self.nodes.get(kind, [])

    def within(self, body: Node) -> dict[str, list[Node]]:
        """The captures a function needs that lie inside ``body``, by kind."""
        a, b = body.start_byte, body.end_byte
        out: dict[str, list[Node]] = {}
        for kind, starts, nodes in self._function_kinds:
            i = bisect_left(starts, a)
            j = bisect_left(starts, b, i)
            if i < j:
                out[kind] = nodes[i:j]
        return out


class _Scopes:
    """The functions, lambdas and classes nested in a body (byte ranges: nested or apart),
    each with a flag: which one holds an offset is a binary search, not a scan of them all
    (a body of a thousand lambdas made every node cost a thousand tests)."""

    def __init__(self, ranges: list[tuple[int, int, bool]]) -> None:
        ranges.sort(key=lambda r: (r[0], -r[1]))
        self.starts = [r[0] for r in ranges]
        self.ends = [r[1] for r in ranges]
        #: the scope around each (-1 for none), and whether it or one around it is flagged
        self.parents: list[int] = []
        self.flagged: list[bool] = []
        around: list[int] = []
        for i, (start, _, flag) in enumerate(ranges):
            while around and self.ends[around[-1]] <= start:
                around.pop()
            parent = around[-1] if around else -1
            self.parents.append(parent)
            self.flagged.append(flag or (parent >= 0 and self.flagged[parent]))
            around.append(i)

    def __bool__(self) -> bool:
        return bool(self.starts)

    def innermost(self, offset: int) -> int:
        """The index of the innermost scope holding ``offset``, or -1."""
        i = bisect_right(self.starts, offset) - 1
        while i >= 0 and self.ends[i] <= offset:  # ended before: one around it may hold it
            i = self.parents[i]
        return i

    def apart(self, node: Node, anchor: Node) -> bool:
        """Whether ``node`` is in a scope that does not also hold ``anchor``."""
        i = self.innermost(node.start_byte)
        return i >= 0 and not (
            self.starts[i] <= anchor.start_byte and anchor.end_byte <= self.ends[i]
        )


def _names_attribute(call: Node) -> bool:
    """Whether ``setattr(obj, "name", ...)`` names the attribute with a string literal."""
    args = call.child_by_field_name("arguments")
    named = args.named_children if args is not None else []
    return len(named) > 1 and named[1].type == "string"


_local = threading.local()

_SPEC_COMMENT = re.compile(r"#\s*spec:\s*(.*)$")
_IGNORE = re.compile(r"ignore(?:\[([^\]]*)\])?")
_ID = re.compile(r"[A-Za-z0-9][\w.\-]*")

#: Decorators that do not change what a method returns.
_PLAIN_DECORATORS = {"staticmethod", "classmethod", "override", "typing.override", "final"}
_DYNAMIC_DUNDERS = {"__getattr__", "__getattribute__", "__setattr__"}
_SKIP_SCOPES = {"class_definition"}
_FUNCS = {"function_definition", "lambda"}
_PATTERNS = {"pattern_list", "tuple_pattern", "list_pattern", "tuple", "list"}


def parser() -> Parser:
    """A tree-sitter parser for Python, one per thread (parsers are not thread safe)."""
    p = getattr(_local, "parser", None)
    if p is None:
        p = _local.parser = Parser(LANGUAGE)
    return p


def parse(source: bytes, old_tree: Tree | None = None) -> Tree:
    """Parse ``source``; pass the previous tree, already edited, to re-parse incrementally."""
    return parser().parse(source, old_tree) if old_tree else parser().parse(source)


class _Skips:
    """The byte ranges of the statements skipped in a file (disjoint, in source order)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def __bool__(self) -> bool:
        return bool(self.starts)

    def add(self, node: Node) -> None:
        """Skip ``node`` (which follows every range already added)."""
        self.starts.append(node.start_byte)
        self.ends.append(node.end_byte)

    def holds(self, node: Node) -> bool:
        """Whether ``node`` starts in a skipped statement."""
        return self.holds_byte(node.start_byte)

    def holds_byte(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]


class _Positions:
    """Converts tree-sitter byte columns to code-point columns; holds the skipped ranges."""

    def __init__(self, source: bytes) -> None:
        self.source = source
        self.ascii = source.isascii()
        self.lines = [] if self.ascii else source.split(b"\n")
        #: One span object per node range: many facts point at the same node.
        self.spans: dict[tuple[int, int], Span] = {}
        #: Statements too deep to analyse (see :data:`MAX_DEPTH`).
        self.skips = _Skips()
        #: Per long line: continuation bytes before each block of it (see :meth:`col`).
        self._blocks: dict[int, list[int]] = {}

    def col(self, row: int, byte_col: int) -> int:
        if self.ascii or row >= len(self.lines):
            return byte_col
        line = self.lines[row]
        if len(line) <= _LONG_LINE:
            return len(line[:byte_col].decode("utf-8", "replace"))
        # code points = bytes less continuation bytes (the source is valid UTF-8)
        conts = self._blocks.get(row)
        if conts is None:
            conts = self._blocks[row] = _continuations(line)
        byte_col = min(byte_col, len(line))
        i = byte_col // _BLOCK
        rest = line[i * _BLOCK : byte_col].translate(None, _NOT_CONTINUATION)
        return byte_col - conts[i] - len(rest)

    def span(self, node: Node) -> Span:
        key = (node.start_byte, node.end_byte)
        span = self.spans.get(key)
        if span is None:
            (r0, c0), (r1, c1) = node.start_point, node.end_point
            if not self.ascii:
                c0, c1 = self.col(r0, c0), self.col(r1, c1)
            span = self.spans[key] = shared_span(r0, c0, r1, c1)
        return span


def _continuations(line: bytes) -> list[int]:
    """UTF-8 continuation bytes in ``line`` before each multiple of ``_BLOCK``."""
    out = [0]
    total = 0
    for start in range(0, len(line), _BLOCK):
        total += len(line[start : start + _BLOCK].translate(None, _NOT_CONTINUATION))
        out.append(total)
    return out


#: Per-file cache of facts per top-level statement: (source, context) -> (first line, facts).
ChunkCache = dict[tuple, tuple[int, FileFacts]]


def extract(
    source: bytes,
    path: str,
    module: str,
    tree: Tree | None = None,
    cache: ChunkCache | None = None,
) -> FileFacts:
    """Facts of one file. ``tree`` may be given when the caller already parsed ``source``.

    With ``cache`` (kept by the caller between edits of one file), the facts of top-level
    statements whose source did not change are reused, their lines shifted if text above
    them moved: an edit re-extracts only the statement (class, function) it touched.
    """
    tree = tree or parse(source)
    with reading(source):
        return _extract(source, path, module, tree, cache)


def _extract(
    source: bytes, path: str, module: str, tree: Tree, cache: ChunkCache | None
) -> FileFacts:
    pos = _Positions(source)
    facts = FileFacts(path=path, module=module, line_count=source.count(b"\n") + 1)
    root = tree.root_node
    shadowed = _module_bindings(root)
    facts.imports = _imports(root, module, path.endswith("__init__.py"))
    if cache is None:
        try:
            parts = [_part(root, pos, shadowed, whole=True)]
        except (RecursionError, MemoryError):  # (a last resort: walks are bounded)
            # again a statement at a time, so that only the statements that fail are lost
            pos.skips = _Skips()
            parts = [_safe_part(child, pos, shadowed) for child in root.children]
    else:
        parts = []
        fresh: ChunkCache = {}
        for child in root.children:
            key = (child.text, child.type, child.has_error, child.start_point[1], shadowed)
            row = child.start_point[0]
            # a statement with errors may parse differently in another context: never reuse
            hit = None if child.has_error else cache.get(key)
            if hit is None:
                part = _safe_part(child, pos, shadowed)
            elif hit[0] == row:
                part = hit[1]
            else:
                part = _shift_part(hit[1], row - hit[0])
            fresh[key] = (row, part)
            parts.append(part)
        cache.clear()
        cache.update(fresh)
    for part in parts:
        facts.classes.extend(part.classes)
        facts.spec_refs.extend(part.spec_refs)
        facts.suppressions.update(part.suppressions)
        facts.foreign_stores |= part.foreign_stores
        facts.call_args |= part.call_args
        facts.syntax_errors.extend(part.syntax_errors)
        facts.function_facts.extend(part.function_facts)
        facts.constants.extend(part.constants)
        facts.variables.extend(part.variables)
        facts.rebound += part.rebound
        facts.notes.extend(part.notes)
    first: dict[str, Span] = {}
    rebound = set(facts.rebound)
    for name, span in facts.variables:
        if name in first:
            rebound.add(name)
        first.setdefault(name, span)
    facts.variables = list(first.items())
    facts.rebound = tuple(sorted(rebound))
    for child in root.named_children:
        target = _definition(child)
        if target is not None and target.type == "function_definition":
            facts.functions.append(_text(target.child_by_field_name("name")))
    facts.classes.sort(key=lambda c: (c.span.line, c.span.col))
    resolve_calls(facts)
    facts.spec_refs.sort(key=lambda r: (r.span.line, r.span.col))
    facts.syntax_errors = sorted(set(facts.syntax_errors), key=lambda e: (e.line, e.col))[:50]
    _attach_refs(facts)
    facts.values = value_source(root, source, facts.imports)
    return facts


def _lines(node: Node) -> Span:
    """The lines of ``node`` (as the span of a note)."""
    return Span(node.start_point[0], 0, node.end_point[0], 0)


def _safe_part(node: Node, pos: _Positions, shadowed: frozenset[str]) -> FileFacts:
    """:func:`_part` of one top-level statement; a statement that exhausts the stack or
    memory all the same (a last resort) is left out with a note, the others still read."""
    try:
        return _part(node, pos, shadowed)
    except (RecursionError, MemoryError):
        part = FileFacts(path="", module="")
        part.notes.append((_lines(node), TOO_COMPLEX))
        return part


def _deep_statements(top: Node) -> list[Node]:
    """The innermost statements of top-level statement ``top`` holding a node deeper than
    :data:`MAX_DEPTH` (none inside another, in source order). Only subtrees with nodes
    enough to reach that deep are walked: in ordinary code, a few nodes of its largest
    statements."""
    found: list[Node] = []
    inside = -1  # the end of the last statement found (what starts before it is in it)
    stack = [(top, 1, top)]  # (node, its depth, the innermost statement holding it)
    while stack:
        node, depth, stmt = stack.pop()
        if node.start_byte < inside:
            continue
        if depth > MAX_DEPTH:
            if not found or found[-1] != stmt:
                found.append(stmt)
            inside = max(inside, stmt.end_byte)
            continue
        # its children are one level down; only the rest of its nodes can be deeper
        if depth + node.descendant_count - node.child_count <= MAX_DEPTH:
            continue
        block = node.type == "block" or node.type == "module"
        for child in reversed(node.children):  # (popped in source order)
            if depth + child.descendant_count > MAX_DEPTH:
                stack.append((child, depth + 1, child if block else stmt))
    found.sort(key=lambda n: (n.start_byte, -n.end_byte))
    out: list[Node] = []
    for stmt in found:  # a statement found after one it holds (its own deep node came later)
        if not out or stmt.start_byte >= out[-1].end_byte:
            out.append(stmt)
    return out


def _part(node: Node, pos: _Positions, shadowed: frozenset[str], whole: bool = False) -> FileFacts:
    """Facts found in one node: the whole module (``whole``), or one top-level statement."""
    part = FileFacts(path="", module="")
    for child in node.children if whole else [node]:  # the root itself may be an ERROR
        if child.has_error or child.type == "ERROR" or child.is_missing:
            _errors(child, pos, part)
        if child.descendant_count > MAX_DEPTH:
            for stmt in _deep_statements(child):
                pos.skips.add(stmt)
                part.notes.append((_lines(stmt), TOO_DEEP))
    skips = pos.skips
    # A match in progress waits at the node it started on for the rest of its pattern: down
    # a chain of N subscripts (`a[0][0]…`, each the value of the next) N matches wait at
    # once, and every node below advances them all, quadratic in the depth (5,000 levels:
    # seconds, a 4 MB file: hours). Below MAX_DEPTH every node is in a skipped statement, so
    # no match need start there; its captures just below are dropped by `skips` as well.
    cursor = QueryCursor(_QUERY)
    cursor.set_max_start_depth(MAX_DEPTH if whole else MAX_DEPTH - 1)  # (the root: depth 0)
    captures = _Captures(cursor.captures(node), pos.source, skips)
    captures.extent = (node.start_byte, node.end_byte)
    for comment in captures.get("comment"):
        _comment(comment, pos, part)
    for cls_node in captures.get("class"):
        cls = _ClassExtractor(cls_node, pos, shadowed, captures).run()
        if cls is not None:
            part.classes.append(compact(cls))
    _foreign_stores(captures, part)
    statements = node.named_children if whole else [node]
    if skips:
        statements = [child for child in statements if not skips.holds(child)]
    for child in statements:
        target = _definition(child)
        if target is not None and target.type == "function_definition":
            fn_facts = _module_function(target, pos, captures, shadowed)
            part.function_facts.append(compact_function(fn_facts))
        if child.type == "expression_statement":
            for expr in child.named_children:
                left = expr.child_by_field_name("left") if expr.type == "assignment" else None
                if left is not None and left.type == "identifier":
                    value = literal_text(expr.child_by_field_name("right"))
                    if value is not None:
                        part.constants.append((_text(left), value, pos.span(left)))
                for target in _targets(left) if left is not None else []:
                    if target.type == "identifier":
                        part.variables.append((_text(target), pos.span(target)))
            for expr in child.named_children:
                call = expr.child_by_field_name("right") if expr.type == "assignment" else expr
                if call is not None and call.type == "call":
                    args = call.child_by_field_name("arguments")
                    for arg in args.named_children if args else []:
                        if arg.type == "identifier":
                            part.call_args.add(_text(arg))
    for child in statements:
        if child.type in _COMPOUND:  # `try: X = 1 except: X = 2`: X is not a constant
            part.rebound += tuple(_compound_bindings(child))
    for g in captures.get("global"):  # `global X` in a function: X is not a constant
        part.rebound += tuple(_text(c) for c in g.named_children if c.type == "identifier")
    return part


_COMPOUND = frozenset(
    {"if_statement", "try_statement", "with_statement", "for_statement", "while_statement"}
)


def _compound_bindings(node: Node) -> Iterator[str]:
    """Names assigned in a module-level ``if``/``try``/``with``/loop, outside defs and classes."""
    todo = [node]
    while todo:
        n = todo.pop()
        if n.type in ("function_definition", "class_definition", "decorated_definition"):
            continue
        if n.type in ("assignment", "augmented_assignment"):
            for target in _targets(n.child_by_field_name("left")):
                if target.type == "identifier":
                    yield _text(target)
        todo.extend(n.named_children)


def _shift_part(part: FileFacts, delta: int) -> FileFacts:
    moved = shift_lines(part, delta)
    moved.suppressions = {line + delta: codes for line, codes in part.suppressions.items()}
    return moved


def _definition(node: Node) -> Node | None:
    if node.type == "decorated_definition":
        return node.child_by_field_name("definition")
    if node.type in ("function_definition", "class_definition"):
        return node
    return None


#: Names the value tables of :mod:`specls.kinds` know, with the import that binds them to
#: what the tables mean: ``from datetime import datetime`` does not shadow ``datetime``.
_STDLIB_NAMES = {
    "datetime": ("datetime.datetime", "datetime"),
    "date": ("datetime.date",),
    "timedelta": ("datetime.timedelta",),
    "Path": ("pathlib.Path",),
    "Decimal": ("decimal.Decimal",),
    **{m: (m,) for m in ("os", "json", "tempfile", "time", "pathlib", "decimal")},
}


def _module_bindings(root: Node) -> frozenset[str]:
    """Top-level names bound by import, def, class or assignment (they may shadow builtins),
    and ``enum:NAME`` for each class of the module that is a plain ``Enum``."""
    names: set[str] = set()
    for child in root.named_children:
        target = _definition(child)
        if target is not None:
            names.add(_text(target.child_by_field_name("name")))
            if target.type == "class_definition" and _plain_enum(target):
                names.add(f"{ENUM_PREFIX}{_text(target.child_by_field_name('name'))}")
        elif child.type in ("import_statement", "import_from_statement"):
            module = child.child_by_field_name("module_name")
            prefix = f"{_text(module)}." if module is not None else ""
            for n in child.named_children:
                if n.type == "aliased_import":
                    names.add(_text(n.child_by_field_name("alias")))
                elif n.type == "dotted_name" and n != module:
                    name = _text(n).split(".")[0]
                    if f"{prefix}{name}" not in _STDLIB_NAMES.get(name, ()):
                        names.add(name)
        elif child.type == "expression_statement" and child.named_child_count:
            a = child.named_children[0]
            if a.type == "assignment" and a.child_by_field_name("left").type == "identifier":
                names.add(_text(a.child_by_field_name("left")))
    # names imported from collections keep their meaning
    return frozenset(names - {"defaultdict", "OrderedDict", "Counter", "deque"})


#: How :func:`_module_bindings` marks the module's plain enums (not an identifier).
ENUM_PREFIX = "enum:"


def _plain_enum(node: Node) -> bool:
    """``class Color(Enum)``: members never equal their values (``str, Enum``, ``StrEnum``
    and ``IntEnum`` members do)."""
    supers = node.child_by_field_name("superclasses")
    args = supers.named_children if supers is not None else []
    return len(args) == 1 and _text(args[0]) in ("Enum", "enum.Enum")


def _imports(root: Node, module: str, is_package: bool) -> dict[str, str]:
    """Top-level imports as local name -> dotted origin, relative imports made absolute."""
    out: dict[str, str] = {}
    package = module.split(".") if is_package else module.split(".")[:-1]
    for child in root.named_children:
        if child.type == "import_from_statement":
            mod_node = child.child_by_field_name("module_name")
            mod = _text(mod_node)
            if mod.startswith("."):
                dots = len(mod) - len(mod.lstrip("."))
                base = package[: len(package) - (dots - 1)] if dots - 1 <= len(package) else []
                mod = ".".join([*base, mod.lstrip(".")] if mod.lstrip(".") else base)
            for n in child.named_children:
                if n == mod_node:
                    continue
                if n.type == "aliased_import":
                    out[_text(n.child_by_field_name("alias"))] = (
                        f"{mod}.{_text(n.child_by_field_name('name'))}"
                    )
                elif n.type == "dotted_name":
                    out[_text(n)] = f"{mod}.{_text(n)}"
        elif child.type == "import_statement":
            for n in child.named_children:
                if n.type == "aliased_import":
                    out[_text(n.child_by_field_name("alias"))] = _text(
                        n.child_by_field_name("name")
                    )
    return out


def _comment(node: Node, pos: _Positions, facts: FileFacts) -> None:
    if b"spec:" not in _bytes(node):  # most comments: no need to decode them
        return
    text = _text(node)
    m = _SPEC_COMMENT.search(text)
    if not m:
        return
    body = m.group(1).strip()
    row = node.start_point[0]
    ig = _IGNORE.match(body)
    if ig and (ig.end() == len(body) or not body[ig.end()].isalnum()):
        codes = frozenset(c.strip().upper() for c in (ig.group(1) or "").split(",") if c.strip())
        facts.suppressions[row] = codes
        return
    idm = _ID.match(body)
    if idm:
        start = node.start_point[1] + len(text[: m.start(1)].encode())
        start += len(m.group(1)) - len(m.group(1).lstrip())
        col = pos.col(row, start)
        facts.spec_refs.append(SpecRef(idm.group(0), Span(row, col, row, col + len(idm.group(0)))))


#: Methods that change a container in place (mutations of ``self.x`` invariants care about).
_MUTATORS = frozenset(
    [
        "append",
        "appendleft",
        "extend",
        "insert",
        "add",
        "update",
        "pop",
        "popitem",
        "popleft",
        "remove",
        "discard",
        "clear",
        "sort",
        "reverse",
        "setdefault",
    ]
)


def _foreign_stores(captures: _Captures, facts: FileFacts) -> None:
    """Record ``obj.name = ...`` where obj is not the ``self`` of the enclosing method.

    Such names may be set from outside the class (or on a fresh instance in a classmethod:
    ``self = object.__new__(cls); self._x = 1``). Stores through ``self`` were recorded by
    the class extractor (``captures.self_uses``).
    """
    for store in captures.get("store"):
        obj, attr = store.child_by_field_name("object"), store.child_by_field_name("attribute")
        if obj is None or attr is None:
            continue
        if store.start_byte in captures.self_uses and obj.type == "identifier":
            continue
        if name := _text(attr):
            facts.foreign_stores.add(name)
    for call in captures.get("setattr"):
        args = call.child_by_field_name("arguments")
        named = args.named_children if args else []
        if len(named) > 1 and (name := _string_value(named[1])):
            facts.foreign_stores.add(name)


#: Syntax errors, found by tree-sitter in C: a walk in Python over a statement with an error
#: visits every child of each node on the way (a 1 MB list: a second per keystroke).
_ERROR_QUERY = Query(LANGUAGE, "(ERROR) @error (MISSING) @missing")


def _errors(root: Node, pos: _Positions, facts: FileFacts) -> None:
    """The outermost ``ERROR`` nodes in top-level statement ``root`` and the ``MISSING``
    ones outside them, down to :data:`MAX_DEPTH`; an error only deeper (in a statement that
    is skipped) is reported as ``root``."""
    cursor = QueryCursor(_ERROR_QUERY)
    # (unbounded, the cursor stalls for minutes past 65,535 levels: 50,000 nested f-strings)
    cursor.set_max_start_depth(MAX_DEPTH - 1)
    found = cursor.captures(root)
    nodes = [*found.get("error", ()), *found.get("missing", ())] or [root]
    nodes.sort(key=lambda n: (n.start_byte, -n.end_byte))
    inside = -1  # the end of the last error reported: what starts before it is in it
    for node in nodes:
        if node.start_byte < inside:
            continue
        facts.syntax_errors.append(pos.span(node))
        inside = max(inside, node.end_byte)


def _attach_refs(facts: FileFacts) -> None:
    """Tie each ``# spec:`` reference to the class and attribute assigned on its line.

    Classes (in source order) nest or stand apart, so a sweep over the references in line
    order with the classes open at each finds the innermost one: not every class for every
    reference (a file of many classes, each with a reference, made that quadratic)."""
    refs = facts.spec_refs
    for ref in refs:
        ref.class_qualname = ref.attr = None
    if not refs or not facts.classes:
        return
    classes = sorted(facts.classes, key=lambda c: (c.span.line, -c.end_line))
    attrs: dict[int, dict[int, str]] = {}  # per class (by id): line -> the attribute on it
    opened: list[ClassFacts] = []
    k = 0
    for ref in sorted(refs, key=lambda r: r.span.line):
        line = ref.span.line
        while k < len(classes) and classes[k].span.line <= line:
            opened.append(classes[k])
            k += 1
        opened = [c for c in opened if c.end_line >= line]  # each holds the line
        if not opened:
            continue
        cls = opened[-1]  # the innermost: the last opened
        ref.class_qualname = cls.qualname
        by_line = attrs.get(id(cls))
        if by_line is None:
            by_line = attrs[id(cls)] = _attributes_by_line(cls)
        ref.attr = by_line.get(line)


def _attributes_by_line(cls: ClassFacts) -> dict[int, str]:
    """The attribute each line of a class assigns (a claim before a write, the last of
    each): what a ``# spec:`` reference on the line is about."""
    out: dict[int, str] = {}
    for attr, accesses in cls.writes.items():
        for a in accesses:
            out[a.span.line] = attr
    for claim in cls.claims:
        out[claim.span.line] = claim.attr
    return out


def _targets(node: Node | None) -> list[Node]:
    """Assignment targets, looking through tuple and list patterns (in source order)."""
    if node is None:
        return []
    if node.type not in _TARGET_WRAPPERS:
        return [node]
    out: list[Node] = []
    todo = [node]
    while todo:  # (not recursive: patterns may nest as deep as the file likes)
        n = todo.pop()
        t = n.type
        if t in _PATTERNS or t == "parenthesized_expression":
            todo.extend(reversed(n.named_children))
        elif t == "list_splat_pattern":
            if n.named_child_count:
                todo.append(n.named_children[0])
        else:
            out.append(n)
    return out


def _string_value(node: Node) -> str | None:
    """The value of a plain string literal (no f-string, no concatenation)."""
    if node.type != "string":
        return None
    parts = [c for c in node.named_children if c.type not in ("string_start", "string_end")]
    if any(c.type == "interpolation" for c in parts):
        return None
    return "".join(_text(c) for c in parts)


def _string_kind(node: Node) -> str:
    start = node.child(0)
    prefix = _text(start).lower() if start is not None else ""
    return "bytes" if "b" in prefix else "str"


def _qualname(node: Node) -> str:
    parts = [_text(node.child_by_field_name("name"))]
    parent = node.parent
    while parent is not None:
        if parent.type in ("class_definition", "function_definition"):
            parts.append(_text(parent.child_by_field_name("name")))
        parent = parent.parent
    return ".".join(reversed(parts))


def _decorators(node: Node) -> list[str]:
    parent = node.parent
    if parent is None or parent.type != "decorated_definition":
        return []
    out = []
    for d in parent.named_children:
        if d.type == "decorator" and d.named_children:
            expr = d.named_children[0]
            if expr.type == "call":
                expr = expr.child_by_field_name("function")
            out.append(_text(expr))
    return out


def _docstring(body: Node | None) -> tuple[str | None, Node | None]:
    if body is None or not body.named_children:
        return None, None
    first = body.named_children[0]
    if first.type == "expression_statement" and first.named_children:
        s = first.named_children[0]
        if s.type == "string":
            return _string_value(s) or "", s
    return None, None


def _doc_col(pos: _Positions) -> Callable[[Node], int]:
    """Column of a docstring's first content character (after its opening quotes)."""

    def col(node: Node) -> int:
        start = node.children[0] if node.children else node
        return pos.col(start.end_point[0], start.end_point[1])

    return col


def _function_flow(
    body: Node,
    caps: dict[str, list[Node]],
    own: Callable[[Node], bool],
    pos: _Positions,
    docstring: tuple[str | None, Node | None],
) -> Flow:
    """``docstring`` is what :func:`_docstring` gives for ``body`` (the caller has it)."""
    doc, doc_node = docstring
    return flow(
        body, caps, own, pos.span, (doc, doc_node) if doc and doc_node else None, _doc_col(pos)
    )


def _assigned_locals(
    caps: dict[str, list[Node]], own: Callable[[Node], bool], shadowed: frozenset[str]
) -> dict[str, set[str] | None]:
    """The locals a function's own body binds: each name with the kinds of every value
    assigned to it (None once one is unknown, or bound by ``for``, ``with``, unpacking ...)."""
    assigned: dict[str, set[str] | None] = {}
    values = _Values(shadowed, {})
    for node in sorted([*caps.get("asg", []), *caps.get("bind", [])], key=_start_byte):
        if not own(node):
            continue
        if node.type != "assignment":
            for child in node.named_children:
                for target in _targets(child) if child.type != "block" else []:
                    binds = child == node.child_by_field_name("left") or node.type in (
                        "named_expression",
                        "with_item",
                        "except_clause",
                    )
                    if target.type == "identifier" and binds:
                        assigned[_text(target)] = None
            continue
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is not None and left.type == "identifier" and right is not None:
            name = _text(left)
            kinds, is_none, _ = values.classify(right)
            prev = assigned.get(name, set())
            if prev is not None and not is_none:
                assigned[name] = None if kinds is None else prev | kinds
        elif left is not None:
            for target in _targets(left):
                if target.type == "identifier":
                    assigned[_text(target)] = None
    return assigned


def _module_function(
    fn: Node, pos: _Positions, captures: _Captures, shadowed: frozenset[str]
) -> MethodFacts:
    """A module-level function with its flow (no ``self``: only exits and checks) and the
    kind it returns."""
    name_node = fn.child_by_field_name("name")
    facts = MethodFacts(_text(name_node), pos.span(name_node), _decorators(fn))
    body = fn.child_by_field_name("body")
    docstring = _docstring(body)
    facts.params, facts.signature = _parameters(
        fn.child_by_field_name("parameters"), pos, docstring[0]
    )
    if body is not None:
        caps = captures.within(body)
        nested = [*caps.get("class", []), *caps.get("fn", [])]
        scopes = _Scopes([(n.start_byte, n.end_byte, False) for n in nested])

        def own(node: Node) -> bool:
            return not scopes or scopes.innermost(node.start_byte) < 0

        facts.flow = _function_flow(body, caps, own, pos, docstring)
        names = _reached_params(facts.params, True)
        if names:
            facts.reaches = _param_reaches(names, caps, own, pos, str)
        rets = caps.get("ret")
        if rets and not any(own(n) for n in caps.get("yield", ())):
            returns = [n for n in rets if own(n)]

            def values() -> _Values:  # (`return rows`: the locals, read only then)
                assigned = _assigned_locals(caps, own, shadowed)
                return _Values(shadowed, {k: frozenset(v) for k, v in assigned.items() if v})

            facts.gives = _gives(fn, facts.decorators, returns, values, None, str, pos)
    return facts


#: Decorators that leave what a function returns as its body returns it.
_TRANSPARENT = frozenset(
    {
        "staticmethod",
        "classmethod",
        "abstractmethod",
        "abc.abstractmethod",
        "cache",
        "functools.cache",
        "lru_cache",
        "functools.lru_cache",
        "override",
        "typing.override",
        "typing_extensions.override",
    }
)


def _gives(
    fn: Node,
    decorators: list[str],
    returns: list[Node],
    values: _Values | Callable[[], _Values],
    self_name: str | None,
    mangle: Callable[[str], str],
    pos: _Positions,
) -> Gives | None:
    """The kind ``fn`` returns (``returns``: its own ``return`` statements, ``values`` what
    classifies them in its body, or what makes that when a name is returned), when its
    annotation names one or every value returned has one and the same (``None`` aside);
    ``return self._x`` stands for attribute ``_x``. A generator, a coroutine or a function
    decorated otherwise than by :data:`_TRANSPARENT` returns something else: None."""
    annotation = fn.child_by_field_name("return_type")
    if annotation is None and not returns:
        return None
    if (decorators and any(d not in _TRANSPARENT for d in decorators)) or fn.child(0).type == (
        "async"
    ):
        return None
    if annotation is not None:
        text = _text(annotation)
        info = parse_type(text)
        if not info.kinds:
            return None
        return Gives(
            info.kinds, f"is annotated `-> {text[:40]}`", pos.span(annotation), declared=True
        )
    kinds: frozenset[str] | None = None
    what, attr, first, falsy = "", "", None, True
    for node in returns:
        if not node.named_child_count:  # a bare `return`
            continue
        value = node.named_child(0)
        t = value.type
        while t == "parenthesized_expression" and value.named_child_count:
            value = value.named_child(0)
            t = value.type
        if t == "none" or t == "comment":
            continue
        if t == "attribute" and self_name is not None:
            obj = value.child_by_field_name("object")
            if obj is not None and obj.type == "identifier" and _text(obj) == self_name:
                written = _text(value.child_by_field_name("attribute"))
                name = mangle(written)
                if kinds is not None or (attr and attr != name):
                    return None
                attr, first, falsy = name, first or node, False
                what = f"returns `{self_name}.{written}`"
                continue
        if t in _NOT_A_KIND:  # (what classify could not tell, told without it)
            return None
        if not isinstance(values, _Values):
            values = values()
        found, is_none, found_what = values.classify(value)
        if is_none:
            continue
        if found is None or attr or (kinds is not None and found != kinds):
            return None
        if kinds is None:
            what = f"returns {found_what}"
        kinds, first = found, first or node
        falsy = falsy and t in _FALSY_TYPES and _is_falsy_literal(value)
    if first is None:
        return None
    return Gives(kinds, what, pos.span(first), attr, falsy)


#: Returned expressions of no kind :class:`_Values` can tell.
_NOT_A_KIND = frozenset(
    {"attribute", "subscript", "await", "lambda", "generator_expression", "yield", "ellipsis"}
)
_FALSY_TYPES = frozenset({"integer", "float", "false", "string"})


#: An annotation that may name a class: ``Order``, ``"Order"``, ``models.Order``,
#: ``Optional[Order]``, ``Order | None``.
_CLASS_ANNOTATION = re.compile(
    r"[\"']?(?:Optional\[)?(?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:\]|\s*\|\s*None)?[\"']?"
)


def _reached_params(params: Sequence[Param], unannotated: bool) -> set[str]:
    """Parameters whose attribute reads are kept: those annotated with what may be a class,
    and (``unannotated``: in static methods and functions, which ``self`` may be passed to)
    those without an annotation."""
    return {
        p.name
        for p in params
        if (_CLASS_ANNOTATION.fullmatch(p.annotation) if p.annotation else unannotated)
    }


def _rebound_names(caps: dict[str, list[Node]], own: Callable[[Node], bool]) -> set[str]:
    """Names a function's own body assigns or binds (a parameter rebound is another value)."""
    out: set[str] = set()
    for node in [*caps.get("asg", []), *caps.get("bind", [])]:
        if not own(node):
            continue
        for child in node.named_children:
            if child.type == "block":
                continue
            for target in _targets(child):
                if target.type == "identifier":
                    out.add(_text(target))
    return out


def _param_reaches(
    names: set[str],
    caps: dict[str, list[Node]],
    own: Callable[[Node], bool],
    pos: _Positions,
    mangle: Callable[[str], str],
    rebound: set[str] | None = None,
) -> list[Reach]:
    """The first read of each attribute of the parameters ``names`` in a function's own
    body (``other.total``; stores are the file's foreign stores), unless the parameter is
    narrowed (``isinstance``, ``hasattr``) or rebound (``rebound``, found when None), or
    the read is in a ``try`` that catches ``AttributeError``."""
    source = pos.source
    for call in caps.get("bcall", []):  # isinstance(other, X), hasattr(other, "x"): narrowed
        args = call.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and args.named_children else None
        if first is not None and first.type == "identifier" and own(call):
            names = names - {_text(first)}
    if not names:
        return []
    prefixes = [(n, n.encode() + b".") for n in names]
    found: list[tuple[str, Node]] = []
    for node in caps.get("attr", []):
        b = node.start_byte
        name = next((n for n, prefix in prefixes if source.startswith(prefix, b)), None)
        if name is not None and own(node):
            found.append((name, node))
    if not found:
        return []
    if rebound is None:
        rebound = _rebound_names(caps, own)
    guarded = _guarded(caps, own)
    out: list[Reach] = []
    seen: set[tuple[str, str]] = set()
    for name, node in found:
        if name in rebound:
            continue
        member = mangle(_text(node.child_by_field_name("attribute")))
        if (
            not member
            or (member.startswith("__") and member.endswith("__"))
            or (name, member) in seen
            or _is_store(node, node.parent)
        ):
            continue
        seen.add((name, member))
        if not _within(guarded, node.start_byte):
            out.append(Reach(name, member, pos.span(node)))
    return out


_CATCH_ALL = re.compile(r"\b(?:AttributeError|Exception|BaseException)\b")


def _guarded(caps: dict[str, list[Node]], own: Callable[[Node], bool]) -> list[tuple[int, int]]:
    """The bodies (byte ranges) of a function's ``try`` statements whose handlers catch
    ``AttributeError``: reads there may fail by design."""
    out = []
    for handler in caps.get("bind", []):
        if handler.type != "except_clause" or not own(handler):
            continue
        caught = handler.named_children[0] if handler.named_children else None
        if caught is None or caught.type == "block" or _CATCH_ALL.search(_text(caught)):
            statement = handler.parent
            body = statement.child_by_field_name("body") if statement is not None else None
            if body is not None:
                out.append((body.start_byte, body.end_byte))
    return out


def _within(ranges: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset < b for a, b in ranges)


class _ClassExtractor:
    """Collects the facts of one class definition."""

    def __init__(
        self, node: Node, pos: _Positions, shadowed: frozenset[str], captures: _Captures
    ) -> None:
        self.node = node
        self.pos = pos
        self.captures = captures
        self.shadowed = shadowed
        name = _text(node.child_by_field_name("name"))
        self.cls = ClassFacts(
            name=name,
            qualname=_qualname(node),
            span=pos.span(node.child_by_field_name("name")),
            end_line=node.end_point[0],
            decorators=_decorators(node),
        )

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
        supers = node.child_by_field_name("superclasses")
        if supers is not None:
            for arg in supers.named_children:
                if arg.type != "keyword_argument":
                    cls.bases.append(_text(arg))
                elif _text(arg.child_by_field_name("name")) == "metaclass":
                    cls.dynamic = True  # metaclasses may add attributes
        body = node.child_by_field_name("body")
        doc, doc_node = _docstring(body)
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
        first = _doc_col(self.pos)(node)
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
        target = _definition(stmt)
        if target is not None:
            name = self.mangle(_text(target.child_by_field_name("name")))
            self.cls.class_names.add(name)
            if target.type == "function_definition":
                if name in _DYNAMIC_DUNDERS:
                    self.cls.dynamic = True
                self._method(target)
            return
        if stmt.type == "expression_statement":
            for expr in stmt.named_children:
                if expr.type == "assignment":
                    self._class_assignment(expr)
        elif stmt.type in ("import_statement", "import_from_statement"):
            for n in stmt.named_children:
                if n == stmt.child_by_field_name("module_name"):
                    continue
                if n.type == "aliased_import":
                    self.cls.class_names.add(_text(n.child_by_field_name("alias")))
                elif n.type == "dotted_name":
                    self.cls.class_names.add(_text(n).split(".")[0])

    def _class_assignment(self, node: Node) -> None:
        left = node.child_by_field_name("left")
        type_node = node.child_by_field_name("type")
        right = node.child_by_field_name("right")
        for target in _targets(left):
            if target.type != "identifier":
                continue
            name = self.mangle(_text(target))
            self.cls.class_names.add(name)
            if name == "__slots__":
                continue
            if name in self.cls.methods and right is not None and right.type == "call":
                # `f = staticmethod(f)`, `f = property(f)`: a decorator applied by hand
                fn = _text(right.child_by_field_name("function"))
                self.cls.methods[name].decorators.append(fn)
            span = self.pos.span(target)
            if type_node is not None:
                self.cls.claims.append(Claim(name, span, "annotation", _text(type_node)))
            if right is not None and target is left:
                self.cls.mutations.append(Mutation(name, "<class>", span, "=", _text(right)[:80]))
                kinds, is_none, what = _Values(self.shadowed, {}).classify(right)
                if not is_none:
                    self.cls.evidence.append(
                        Evidence(
                            name,
                            "<class>",
                            span,
                            "held",
                            kinds,
                            f"assigned {what}",
                            falsy=_is_falsy_literal(right),
                        )
                    )
                    self._made_items(name, "<class>", right, {})

    # -- methods ---------------------------------------------------------------------------

    def _method(self, fn: Node) -> None:
        name = self.mangle(_text(fn.child_by_field_name("name")))
        decorators = _decorators(fn)
        body = fn.child_by_field_name("body")
        docstring = _docstring(body)
        doc = docstring[0]
        method = MethodFacts(name, self.pos.span(fn.child_by_field_name("name")), decorators)
        method.is_async = fn.child_count > 0 and fn.children[0].type == "async"
        params = fn.child_by_field_name("parameters")
        sources: ParamSources = {}
        method.params, method.signature = _parameters(params, self.pos, doc, sources)
        self.cls.methods[name] = method
        stmts = [s for s in (body.named_children if body else []) if s.type != "comment"]
        if stmts and doc is not None:
            stmts = stmts[1:]
        method.is_stub = all(_is_stub_statement(s) for s in stmts)
        returns = _text(fn.child_by_field_name("return_type"))
        method.always_raises = (bool(stmts) and stmts[-1].type == "raise_statement") or (
            returns.rsplit(".", 1)[-1] in ("NoReturn", "Never")
        )
        plain = not ({"staticmethod", "classmethod"} & set(decorators)) and bool(method.params)
        if body is not None:
            self_name = method.params[0].name if plain else None
            scan = _MethodScan(self, name, self_name, method, body, docstring, sources)
            scan.run()
            method.gives = _gives(
                fn, decorators, scan.returns, scan.values, self_name, self.mangle, self.pos
            )

    def _made_items(self, attr: str, method: str, value: Node, env: dict) -> None:
        """Item shapes of a container literal assigned to an attribute."""
        if value.type in ("list", "set"):
            for el in value.named_children[:20]:
                shape = _Values(self.shadowed, env).shape(el) or "?"
                if shape:
                    self.cls.shapes.append(
                        Shape(
                            attr,
                            method,
                            self.pos.span(el),
                            "item",
                            True,
                            shape,
                            f"holds {_SHAPE_NOUN.get(shape, shape)} items",
                        )
                    )
        elif value.type == "dictionary":
            for pair in value.named_children[:20]:
                if pair.type != "pair":
                    continue
                for slot, field in (("key", "key"), ("item", "value")):
                    el = pair.child_by_field_name(field)
                    shape = (
                        (_Values(self.shadowed, env).shape(el) or "?") if el is not None else None
                    )
                    if shape:
                        noun = _SHAPE_NOUN.get(shape, shape)
                        what = f"has {noun} keys" if slot == "key" else f"holds {noun} values"
                        self.cls.shapes.append(
                            Shape(attr, method, self.pos.span(el), slot, True, shape, what)
                        )


#: Default values whose kind is a parameter's (``None`` is no kind: "not given").
_DEFAULT_LITERALS = frozenset(
    {
        "string",
        "concatenated_string",
        "integer",
        "float",
        "unary_operator",
        "list",
        "dictionary",
        "tuple",
        "set",
    }
)

#: The kinds a parameter whose default has one kind may hold: as its type name says.
_AS_TYPE = {k: parse_type(k).kinds or frozenset({k}) for k in ("int", "float", "complex")}

#: Statements (besides plain assignment) that bind local names; `x += 1` keeps x's kind.
_BINDERS = {"for_statement", "for_in_clause", "named_expression", "with_item", "except_clause"}

_STR_RESULTS = {"join", "format", "strip", "lower", "upper", "replace"}
_ARITHMETIC = frozenset({"+=", "-=", "*=", "/=", "//="})
_ENUM = frozenset({"Enum"})
#: Names of methods and attributes whose result kind :mod:`specls.kinds` knows.
_RESULT_NAMES = frozenset(name for _, name in [*METHOD_RESULTS, *ATTRIBUTE_RESULTS])
#: What a comparison with a str or int literal allows: anything but a plain enum member.
_COMPARED = ALL_KINDS - _ENUM

_SHAPE_NOUN = {
    "tuple": "tuple",
    "dict": "dict",
    "list": "list",
    "str": "str",
    "int": "int",
    "float": "float",
    "set": "set",
    "object": "object",
    "?": "unknown",
}


def _is_falsy_literal(node: Node) -> bool:
    """``0``, ``0.0``, ``False``, ``""`` or ``b""``: values often used as placeholders."""
    t = node.type
    if t in ("integer", "float"):
        return _text(node).strip("0._") in ("", "x", "o", "b")
    if t == "false":
        return True
    return t == "string" and _string_value(node) == ""


def _is_stub_statement(s: Node) -> bool:
    if s.type == "pass_statement":
        return True
    if s.type == "expression_statement" and s.named_children:
        e = s.named_children[0]
        return e.type in ("ellipsis", "string")
    if s.type == "raise_statement":
        return "NotImplemented" in _text(s)
    return False


def _call_arguments(call: Node) -> tuple[int, tuple[str, ...], bool]:
    """Positional count, keyword names and whether a ``*``/``**`` splat is passed."""
    args = call.child_by_field_name("arguments")
    if args is None:
        return 0, (), False
    if args.type == "generator_expression":
        return 1, (), False
    positional, keywords, splat = 0, [], False
    for a in args.named_children:
        if a.type == "keyword_argument":
            keywords.append(_text(a.child_by_field_name("name")))
        elif a.type in ("list_splat", "dictionary_splat"):
            splat = True
        elif a.type != "comment":
            positional += 1
    return positional, tuple(keywords), splat


def _param_name(p: Node) -> Node | None:
    """The identifier a parameter node binds (None for ``*args``, ``**kw``, ``/``, ``*``)."""
    t = p.type
    if t == "identifier":
        return p
    if t in ("typed_parameter", "typed_default_parameter"):
        name_node = p.child_by_field_name("name") or (
            p.named_children[0] if p.named_children else None
        )
        if name_node is None or name_node.type != "identifier":
            return None
        return name_node
    if t == "default_parameter":
        name_node = p.child_by_field_name("name")
        return name_node if name_node is not None and name_node.type == "identifier" else None
    return None


#: Per parameter, its docstring entry and its default value, where it has them (what
#: :func:`_parameters` gives a method's scan, to say where a kind was read).
ParamSources = dict[str, tuple["docstrings.DocEntry | None", "Node | None"]]


def _parameters(
    params: Node | None, pos: _Positions, doc: str | None, sources: ParamSources | None = None
) -> tuple[list[Param], Signature | None]:
    """Named parameters with their annotations, docstring types and positions, and the call
    signature (None when it cannot be read), in one pass over a ``parameters`` node; with
    ``sources``, each parameter's docstring entry and default value are put there."""
    if params is None:
        return [], None
    doc_entries = {e.name: e for e in docstrings.entries(doc or "", "params")}
    out = []
    sig: Signature | None = Signature()
    keyword_only = False
    for p in params.named_children:
        t = p.type
        if t == "comment":
            continue
        inner = p.named_children[0] if t == "typed_parameter" and p.named_children else p
        if inner.type == "list_splat_pattern":  # *args
            if sig is not None:
                sig.var = True
            keyword_only = True
            continue
        if inner.type == "dictionary_splat_pattern":  # **kwargs
            if sig is not None:
                sig.varkw = True
            continue
        if t == "keyword_separator":  # *
            keyword_only = True
            continue
        if t == "positional_separator":  # /
            if sig is not None:
                sig.positional_only = len(sig.positional)
            continue
        node = _param_name(p)
        if node is None:
            sig = None  # a parameter that cannot be read: no signature to check calls with
            continue
        name = _text(node)
        if not name:  # (a name missing in broken code: kept, but no signature)
            sig = None
        ann = (_text(p.child_by_field_name("type")) or None) if t.startswith("typed") else None
        line, col = node.start_point
        col = pos.col(line, col)
        if line < len(INTS) and col < len(INTS):
            line, col = INTS[line], INTS[col]
        doc_entry = doc_entries.get(name)
        out.append(Param(name, ann, doc_entry.type_text if doc_entry else None, line, col))
        if sources is not None:
            default = None
            if t == "default_parameter" or t == "typed_default_parameter":
                default = p.child_by_field_name("value")
                if default is not None and default.type not in _DEFAULT_LITERALS:
                    default = None
            if doc_entry is not None or default is not None:
                sources[name] = (doc_entry, default)
        if sig is not None:
            entry = (name, t in ("default_parameter", "typed_default_parameter"))
            (sig.keyword_only if keyword_only else sig.positional).append(entry)
    return out, sig


class _Values:
    """Classifies expressions into kinds, with a local environment of names."""

    def __init__(self, shadowed: frozenset[str], env: dict[str, frozenset[str]]) -> None:
        self.shadowed = shadowed  # module-level names (that may shadow builtins)
        self.env = env
        #: Parameters and locals of the function: ``date.today()`` with a local ``date`` is
        #: not the standard library's.
        self.local: set[str] | frozenset[str] = frozenset()

    def classify(self, node: Node) -> tuple[frozenset[str] | None, bool, str]:
        """``(kinds or None if unknown, is_none, description)`` of a value expression."""
        t = node.type
        while t == "parenthesized_expression" and node.named_child_count:
            node = node.named_children[0]
            t = node.type
        if t == "none":
            return None, True, "None"
        if t in ("dictionary", "dictionary_comprehension"):
            return (
                frozenset({"dict"}),
                False,
                "a dict" if t == "dictionary" else "a dict comprehension",
            )
        if t in ("list", "list_comprehension"):
            return frozenset({"list"}), False, "a list" if t == "list" else "a list comprehension"
        if t in ("set", "set_comprehension"):
            return frozenset({"set"}), False, "a set"
        if t == "tuple":
            return frozenset({"tuple"}), False, "a tuple"
        if t == "string":
            k = _string_kind(node)
            return frozenset({k}), False, f"a {k} literal"
        if t == "concatenated_string":
            return frozenset({"str"}), False, "a str literal"
        if t == "integer":
            return frozenset({"int"}), False, "an int"
        if t == "float":
            return frozenset({"float"}), False, "a float"
        if t in ("true", "false"):
            return frozenset({"bool"}), False, "a bool"
        if t in ("comparison_operator", "not_operator"):
            return frozenset({"bool"}), False, "a bool"
        if t == "unary_operator":
            arg = node.child_by_field_name("argument")
            if arg is not None and arg.type in ("integer", "float"):
                return self.classify(arg)
            return None, False, "an expression"
        if t == "call":
            return self._call(node)
        if t == "attribute":
            return self._attribute(node)
        if t == "identifier":
            kinds = self.env.get(_text(node))
            if kinds:
                return kinds, False, f"`{_text(node)}` ({_describe_kinds(kinds)})"
            return None, False, f"`{_text(node)}`"
        if t == "conditional_expression":
            branches = [c for c in node.named_children]
            if len(branches) == 3:
                return self._fallback(*branches) or self._union([branches[0], branches[2]])
        if (
            t == "boolean_operator"
            and _text(node.child(1) if node.child_count > 1 else None) == "or"
        ):
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            lk, _lnone, _ = self.classify(left)
            rk, _rnone, rwhat = self.classify(right)
            if rk is not None and (lk is None or lk == rk):
                return rk, False, rwhat
        if t == "binary_operator":
            op = _text(node.child_by_field_name("operator"))
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            sides = [x for x in (left, right) if x is not None]
            if op == "%" and left is not None and left.type == "string":
                return frozenset({_string_kind(left)}), False, "a formatted str"
            if op in ("/", "+", "-") and left is not None and right is not None:
                found = self._value_arithmetic(op, left, right)
                if found is not None:
                    return found
            if op in ("+", "*"):
                for side in sides:
                    if side.type in ("list", "list_comprehension") or (
                        op == "+" and side.type == "string"
                    ):
                        kinds, _, what = self.classify(side)
                        return kinds, False, what.replace(" literal", "")
        return None, False, "an expression"

    def _fallback(
        self, yes: Node, test: Node, no: Node
    ) -> tuple[frozenset[str] | None, bool, str] | None:
        """``items if items is not None else []`` (and ``[] if items is None else items``,
        ``items if items else []``): a name of unknown kind kept when it is set, else a
        value of known kind: that kind, as ``items or []`` has."""
        cond = " ".join(_text(test).split())
        for name, value, tests in (
            (yes, no, ("{}", "{} is not None")),
            (no, yes, ("not {}", "{} is None")),
        ):
            var = _text(name)
            if (
                name.type == "identifier"
                and var not in self.env
                and any(cond == form.format(var) for form in tests)
            ):
                kinds, is_none, what = self.classify(value)
                if kinds is not None:
                    return kinds, is_none, what
        return None

    def _union(self, nodes: list[Node]) -> tuple[frozenset[str] | None, bool, str]:
        kinds: set[str] = set()
        whats = []
        for n in nodes:
            k, is_none, what = self.classify(n)
            if is_none:
                continue
            if k is None:
                return None, False, "an expression"
            kinds |= k
            whats.append(what)
        if not kinds:
            return None, True, "None"
        return frozenset(kinds), False, " or ".join(whats)

    def _call(self, node: Node) -> tuple[frozenset[str] | None, bool, str]:
        fn = node.child_by_field_name("function")
        name = _text(fn)
        if (
            fn is not None
            and fn.type in ("identifier", "attribute")
            and name in CONSTRUCTORS
            and (root := name.split(".")[0]) not in self.shadowed
            and root not in self.local
        ):
            return frozenset({CONSTRUCTORS[name]}), False, f"`{name}(...)`"
        if fn is not None and fn.type == "identifier" and self._enum(name):
            return _ENUM, False, f"`{name}(...)`"  # `Color("red")`: the member of that value
        if fn is not None and fn.type == "attribute":
            obj = fn.child_by_field_name("object")
            attr = _text(fn.child_by_field_name("attribute"))
            if obj is not None and obj.type == "string" and attr in _STR_RESULTS:
                return frozenset({_string_kind(obj)}), False, f"`str.{attr}(...)`"
            if _text(obj) == "dict" and attr == "fromkeys":
                return frozenset({"dict"}), False, "`dict.fromkeys(...)`"
            result = self._result_of(obj, attr, METHOD_RESULTS)
            if result is not None:
                return result, False, f"`{name}(...)`" if len(name) < 40 else f"`.{attr}(...)`"
        return None, False, f"`{name}(...)`" if len(name) < 40 else "a call"

    def _attribute(self, node: Node) -> tuple[frozenset[str] | None, bool, str]:
        """``Path(...).parent``, ``path.name``: an attribute of a value of known kind;
        ``Color.RED``: a member of an enum of the module."""
        obj = node.child_by_field_name("object")
        attr = _text(node.child_by_field_name("attribute"))
        if obj is not None and obj.type == "identifier" and self._enum(_text(obj)):
            return _ENUM, False, f"`{_text(node)[:40]}`"
        result = self._result_of(obj, attr, ATTRIBUTE_RESULTS)
        if result is not None:
            text = _text(node)
            return result, False, f"`{text}`" if len(text) < 40 else f"`.{attr}`"
        return None, False, "an expression"

    def _enum(self, name: str) -> bool:
        """Whether ``name`` is a plain enum of the module (and not a local of that name)."""
        return f"{ENUM_PREFIX}{name}" in self.shadowed and name not in self.local

    def _result_of(
        self, obj: Node | None, attr: str, table: dict[tuple[str, str], str]
    ) -> frozenset[str] | None:
        """The kind ``obj.attr`` (or ``obj.attr(...)``) gives when ``obj``'s kind is known."""
        if attr not in _RESULT_NAMES or obj is None:
            return None  # (most names are in no table: `obj` is not classified for them)
        if obj.type in ("identifier", "attribute") and _text(obj) in CONSTRUCTORS:
            return None  # `datetime.now`, `Path.cwd`: a class, not a value (CONSTRUCTORS)
        kinds, _, _ = self.classify(obj)
        if not kinds:
            return None
        results = {table.get((k, attr)) for k in kinds}
        if len(results) == 1 and None not in results:
            return frozenset(results)  # type: ignore[arg-type]
        return None

    def _value_arithmetic(
        self, op: str, left: Node, right: Node
    ) -> tuple[frozenset[str] | None, bool, str] | None:
        """``Path(...) / "x"`` is a Path; ``datetime.now() - timedelta(...)`` a datetime."""
        lk, _, what = self.classify(left)
        if lk is None or len(lk) != 1:
            return None
        kind = next(iter(lk))
        if op == "/" and kind == "Path":
            return lk, False, what
        if op in ("+", "-") and kind in ("datetime", "date"):
            rk, _, _ = self.classify(right)
            if rk == {"timedelta"}:
                return lk, False, what
            if op == "-" and rk == lk:
                return frozenset({"timedelta"}), False, "a `timedelta` (a difference of dates)"
        return None

    def shape(self, node: Node) -> str | None:
        """The shape of one item value (for element-shape checks), or None if unknown."""
        t = node.type
        while t == "parenthesized_expression" and node.named_child_count:
            node = node.named_children[0]
            t = node.type
        if t == "tuple":
            return "tuple"
        if t == "dictionary":
            return "dict"
        if t == "list":
            return "list"
        if t == "string":
            return _string_kind(node)
        if t in ("integer", "float"):
            return t if t == "float" else "int"
        if t == "call":
            fn = node.child_by_field_name("function")
            name = _text(fn)
            if name in CONSTRUCTORS and name.split(".")[0] not in self.shadowed:
                return CONSTRUCTORS[name]
            last = name.rsplit(".", 1)[-1]
            if last[:1].isupper() and fn is not None and fn.type in ("identifier", "attribute"):
                return "object"
            return None
        if t == "identifier":
            kinds = self.env.get(_text(node))
            if kinds and len(kinds) == 1:
                return next(iter(kinds))
        return None


def _describe_kinds(kinds: frozenset[str]) -> str:
    from specls.kinds import describe

    return describe(kinds)


class _MethodScan:
    """Walks one method body and records how ``self`` and its attributes are used."""

    def __init__(
        self,
        owner: _ClassExtractor,
        method: str,
        self_name: str | None,
        facts: MethodFacts,
        body: Node,
        docstring: tuple[str | None, Node | None],
        sources: ParamSources | None = None,
    ) -> None:
        self.owner = owner
        self.cls = owner.cls
        self.pos = owner.pos
        self.method = method
        self.self_name = self_name  # None in static and class methods
        self.facts = facts
        self.body = body
        self.docstring = docstring  # (text, node) as _docstring gives them
        self.sources = sources or {}
        self.env: dict[str, frozenset[str]] = {}
        #: Parameters whose kind the environment holds (see :meth:`_origin`).
        self.params: dict[str, Param] = {}
        self.values = _Values(owner.shadowed, self.env)
        self.scopes = _Scopes([])  # the nested functions and classes (set by run)
        self.caps: dict[str, list[Node]] = {}  # the body's captures (set by run)
        self.own: Callable[[Node], bool] = bool  # in the method itself (set by run)
        self._guarded: list[tuple[int, int]] | None = None  # see `_guarded`, when asked
        #: The method's own ``return`` statements (none for a generator), set by run.
        self.returns: list[Node] = []
        #: What binds names in the method (see :meth:`_local_names`), set by run.
        self._bound: tuple[dict, dict[str, list[Node]]] = ({}, {})
        self._names: set[str] | None = None

    def run(self) -> None:
        """Record returns and locals of the method itself, then every use of ``self``
        (nested functions included, unless they rebind the name).

        One tree-sitter query finds the nodes of interest; nesting is decided by byte ranges
        of the nested classes and functions, so the body is never walked node by node."""
        facts = self.facts
        caps = self.owner.captures.within(self.body)
        ranges: list[tuple[int, int, bool]] = []  # (start, end, uses of self are skipped)
        for node in caps.get("class", []):
            ranges.append((node.start_byte, node.end_byte, True))
        for node in caps.get("fn", []):
            rebinds = node.type == "function_definition" and self._rebinds_self(node)
            ranges.append((node.start_byte, node.end_byte, rebinds))
        self.scopes = scopes = _Scopes(ranges)
        classes = _Scopes([(n.start_byte, n.end_byte, False) for n in caps.get("class", [])])

        def place(node: Node) -> tuple[bool, bool]:
            """(inside a nested def or class, inside a class or a def that rebinds self)."""
            if not scopes:
                return False, False
            i = scopes.innermost(node.start_byte)
            return i >= 0, i >= 0 and scopes.flagged[i]

        def own(node: Node) -> bool:
            """In the method itself: not in a nested def or class."""
            return not place(node)[0]

        self.caps, self.own = caps, own

        for node in caps.get("ret", []):
            if own(node):
                self.returns.append(node)
                value = node.named_children[0] if node.named_children else None
                if value is not None and value.type != "none":
                    facts.returns_value = True
        if any(own(node) for node in caps.get("yield", [])):
            facts.is_generator = True
            self.returns = []
        facts.flow = _function_flow(self.body, caps, own, self.pos, self.docstring)
        self.values.local = {p.name for p in facts.params}
        assigned = _assigned_locals(caps, own, self.owner.shadowed)
        calls = [
            n
            for n in [*caps.get("bcall", []), *caps.get("pcall", [])]
            if not classes or classes.innermost(n.start_byte) < 0
        ]
        self._environment(assigned)
        if self.self_name is None:
            for node in calls:
                self._type_call(node)
            names = _reached_params(facts.params, "staticmethod" in facts.decorators)
            if "classmethod" in facts.decorators:
                names -= {facts.params[0].name} if facts.params else set()
            if names:
                facts.reaches = _param_reaches(names, caps, own, self.pos, self.owner.mangle)
            return
        self._bound = (assigned, caps)
        self._reaches(caps, own, assigned)
        # `self.x`: an attribute capture's object is an identifier and starts it, so the
        # source tells (reading the object node costs more, and most objects are not self)
        self_bytes = self.self_name.encode()
        after = len(self_bytes)
        source = self.pos.source
        uses = [
            n
            for n in caps.get("attr", [])
            if source.startswith(self_bytes, b := n.start_byte)
            and source[b + after : b + after + 1] not in _NAME_BYTES
        ]
        for node in sorted([*uses, *calls], key=_start_byte):
            if place(node)[1]:
                continue
            if node.type == "attribute":
                self._self_attribute(node)
            else:
                self._type_call(node)
                self._builtin_call(node)

    def _reaches(
        self,
        caps: dict[str, list[Node]],
        own: Callable[[Node], bool],
        assigned: dict[str, set[str] | None],
    ) -> None:
        """Reads of annotated parameters' attributes, and the calls passing ``self``."""
        facts = self.facts
        facts.reaches = []
        if any(p.annotation for p in facts.params[1:]):
            names = _reached_params(facts.params[1:], False)
            if names:
                mangle = self.owner.mangle
                facts.reaches = _param_reaches(names, caps, own, self.pos, mangle, set(assigned))
        a, b = self.body.start_byte, self.body.end_byte
        passed = self.owner.captures.passed(self.self_name)  # type: ignore[arg-type]
        i = bisect_left(passed, a)
        for start in passed[i : bisect_left(passed, b, i)]:
            arg = self.body.descendant_for_byte_range(start, start + len(self.self_name or ""))
            args = arg.parent if arg is not None else None
            call = args.parent if args is not None and args.type == "argument_list" else None
            if call is None or call.type != "call" or not own(call):
                continue
            fn = call.child_by_field_name("function")
            positional = [c for c in args.named_children if c.type != "keyword_argument"]
            index = next((i for i, c in enumerate(positional) if c == arg), -1)
            if fn is not None and index >= 0 and fn.type in ("identifier", "attribute"):
                facts.passes_self.append((_text(fn), index, self.pos.span(call)))

    def _type_call(self, node: Node) -> None:
        if _text(node.child_by_field_name("function")) == "type":
            args = node.child_by_field_name("arguments")
            if args is not None and len(args.named_children) == 3:
                self.cls.dynamic = True  # builds subclasses at run time

    def _rebinds_self(self, fn: Node) -> bool:
        params = fn.child_by_field_name("parameters")
        return any(
            (name := _param_name(p)) is not None and _text(name) == self.self_name
            for p in (params.named_children if params else [])
        )

    def _narrowed(self) -> set[str]:
        """Names the method's own body tests with ``isinstance()``."""
        out: set[str] = set()
        for call in self.caps.get("bcall", []):
            fn = call.child_by_field_name("function")
            if fn is None or _text(fn) != "isinstance" or not self.own(call):
                continue
            args = call.child_by_field_name("arguments")
            first = args.named_children[0] if args is not None and args.named_children else None
            if first is not None and first.type == "identifier":
                out.add(_text(first))
        return out

    def _environment(self, assigned: dict[str, set[str] | None]) -> None:
        """Kinds of parameters (annotated, documented or by a literal default) and of
        consistently assigned locals."""
        sources = self.sources
        narrowed: set[str] | None = None
        for p in self.facts.params[1:]:
            kinds = None
            if p.annotation:
                kinds = parse_type(p.annotation).kinds
            elif p.doc_type:
                kinds = parse_doc_type(p.doc_type).kinds
            else:
                default = sources[p.name][1] if p.name in sources else None
                if default is not None and narrowed is None:
                    narrowed = self._narrowed()
                if default is not None and p.name not in narrowed:  # type: ignore[operator]
                    # (`value=0` then `if isinstance(value, str)`: the default is one of
                    # the kinds it may have, not the kind)
                    kinds, _, _ = self.values.classify(default)
                    if kinds and len(kinds) == 1:  # (`10`: an int or a bool ...)
                        kinds = _AS_TYPE.get(next(iter(kinds)), kinds)
                    else:
                        kinds = None
            if kinds:
                self.env[p.name] = kinds
                self.params[p.name] = p
        for name, kinds in assigned.items():
            if name in self.env and kinds is None:
                del self.env[name]
                self.params.pop(name, None)
            elif kinds:
                self.env[name] = frozenset(kinds)
                self.params.pop(name, None)
        self.values.local = {p.name for p in self.facts.params} | set(assigned)

    def _origin(self, p: Param) -> tuple[Span, str] | None:
        """Where the kind of parameter ``p`` (in the environment) was read, and what says
        it there: its annotation, its docstring entry or its default."""
        entry, default = self.sources.get(p.name, (None, None))
        if p.annotation:
            return p.span, f"`{p.name}` is annotated `{p.annotation[:40]}`"
        if p.doc_type:
            doc_node = self.docstring[1]
            if entry is None or doc_node is None:
                return None
            line = doc_node.start_point[0] + entry.line
            col = entry.col + (_doc_col(self.pos)(doc_node) if entry.line == 0 else 0)
            span = Span(line, col, line, col + len(p.name))
            return span, f"the docstring of `{p.name}` says `{p.doc_type[:40]}`"
        if default is not None:  # (a literal: see _parameters)
            return self.pos.span(default), f"`{p.name}` defaults to `{_text(default)[:30]}`"
        return None

    # -- uses of self.<attr> -------------------------------------------------------------

    def _add(
        self,
        attr: str,
        node: Node,
        role: str,
        kinds: frozenset[str] | None,
        what: str,
        pairs: bool = False,
    ) -> None:
        self.cls.evidence.append(
            Evidence(attr, self.method, self.pos.span(node), role, kinds, what, pairs)
        )

    def _shape(self, attr: str, node: Node, slot: str, made: bool, shape: str, what: str) -> None:
        self.cls.shapes.append(
            Shape(attr, self.method, self.pos.span(node), slot, made, shape, what)
        )

    def _self_attribute(self, node: Node) -> None:
        attr = self.owner.mangle(_text(node.child_by_field_name("attribute")))
        self.owner.captures.self_uses.add(node.start_byte)
        parent = node.parent
        span = self.pos.span(node)
        access = Access(self.method, span)
        pt = parent.type if parent is not None else ""
        if _is_store(node, parent):
            if pt == "augmented_assignment":  # `x += 1` reads x first: it provides nothing
                self.cls.reads.setdefault(attr, []).append(access)
                op = _text(parent.child_by_field_name("operator"))
                value = _text(parent.child_by_field_name("right"))[:80]
                self.cls.mutations.append(Mutation(attr, self.method, span, op, value))
                self._augmented(attr, node, parent)
                return
            self.cls.writes.setdefault(attr, []).append(access)
            if pt == "assignment" and parent.child_by_field_name("left") == node:
                right = parent.child_by_field_name("right")
                while right is not None and right.type == "assignment":
                    right = right.child_by_field_name("right")
                value = _text(right)[:80]
                self.cls.mutations.append(Mutation(attr, self.method, span, "=", value))
                self._assignment(attr, node, parent)
            else:
                self.cls.mutations.append(Mutation(attr, self.method, span, "=", ""))
                self._add(attr, node, "held", None, "unpacking")
            return
        self.cls.reads.setdefault(attr, []).append(access)
        # (a node's parent is looked up from the root: each is asked for once)
        grand = parent.parent if pt == "argument_list" or pt == "call" else None
        if pt == "argument_list" and grand is not None and grand.type == "call":
            callee = _text(grand.child_by_field_name("function")).rsplit(".", 1)[-1]
            if callee.startswith("insort") or callee.startswith("heappush"):
                self.cls.mutations.append(Mutation(attr, self.method, span, "arg", callee))
        if pt == "call" and parent.child_by_field_name("function") == node:
            use = _result_use(parent, grand) or self._local_result_use(parent, grand)
            n, keywords, splat = _call_arguments(parent)
            self.cls.self_calls.append(SelfCall(attr, self.method, span, use, n, keywords, splat))
            return
        if pt == "attribute" and parent.child_by_field_name("object") == node:
            self._member(attr, node, parent)
        elif pt == "subscript" and parent.child_by_field_name("value") == node:
            self._subscript(attr, node, parent)
        elif (
            pt in ("for_statement", "for_in_clause") and parent.child_by_field_name("right") == node
        ):
            self._iteration(attr, node, parent, "iter")
        elif pt == "comparison_operator":
            self._comparison(attr, node, parent)

    def _comparison(self, attr: str, node: Node, cmp: Node) -> None:
        """``self.color == "red"``, ``self.color in ("red", "blue")``: compared with str or
        int values, which a member of a plain enum never equals."""
        operands = cmp.named_children
        if len(operands) != 2:
            return
        op = (
            _text(cmp.child(1))
            if cmp.child_count == 3
            else " ".join(_text(c) for c in cmp.children[1:-1])
        )
        other = operands[1] if operands[0] == node else operands[0]
        if op in ("==", "!="):
            values = [other]
        elif op in ("in", "not in") and operands[0] == node and other.type in _LITERAL_BAGS:
            values = other.named_children
        else:
            return
        kinds = {_literal_kind(v) for v in values}
        if len(kinds) != 1 or None in kinds or not values:
            return
        kind = next(iter(kinds))
        self._add(
            attr,
            node,
            "needs",
            _COMPARED,
            f"compared with the {kind} {_text(other)[:30]} (a plain enum member never equals "
            "its value)",
        )

    def _assignment(self, attr: str, node: Node, parent: Node) -> None:
        type_node = parent.child_by_field_name("type")
        if type_node is not None:
            self.cls.claims.append(Claim(attr, self.pos.span(node), "annotation", _text(type_node)))
        right = parent.child_by_field_name("right")
        while right is not None and right.type == "assignment":  # a = b = value
            right = right.child_by_field_name("right")
        if right is None:
            return
        kinds, is_none, what = self.values.classify(right)
        if is_none:
            return
        param = self.params.get(_text(right)) if right.type == "identifier" and kinds else None
        origin = self._origin(param) if param is not None else None
        if origin is not None and kinds:
            what = f"the parameter `{_text(right)}` ({_describe_kinds(kinds)})"
        self._add(attr, node, "held", kinds, f"assigned {what}")
        e = self.cls.evidence[-1]
        e.falsy = _is_falsy_literal(right)
        if origin is not None and kinds:
            e.origin = origin
        elif kinds is None and right.type == "call":
            e.via = self._callee(right)
        self.owner._made_items(attr, self.method, right, self.env)

    def _local_names(self) -> set[str]:
        """Names the method binds itself (parameters, locals, nested defs and classes): a
        call of one is no call of the module's function. Made on first use."""
        if self._names is None:
            assigned, caps = self._bound
            names = {*assigned, *(p.name for p in self.facts.params)}
            for node in [*caps.get("fn", []), *caps.get("class", [])]:
                name_node = node.child_by_field_name("name")
                if name_node is not None:
                    names.add(_text(name_node))
            self._names = names
        return self._names

    def _callee(self, call: Node) -> str:
        """``"self.make"`` for ``self.make(...)``, ``"make"`` for ``make(...)``, else ``""``:
        a call whose kind may be the callee's result (see :mod:`specls.calls`)."""
        fn = call.child_by_field_name("function")
        if fn is None:
            return ""
        if fn.type == "identifier":
            name = _text(fn)
            return "" if name in self._local_names() else name
        if fn.type == "attribute":
            obj = fn.child_by_field_name("object")
            if obj is not None and obj.type == "identifier" and _text(obj) == self.self_name:
                return f"self.{self.owner.mangle(_text(fn.child_by_field_name('attribute')))}"
        return ""

    def _augmented(self, attr: str, node: Node, parent: Node) -> None:
        op = _text(parent.child_by_field_name("operator"))
        right = parent.child_by_field_name("right")
        if right is None:
            return
        kinds, _, _ = self.values.classify(right)
        if kinds is None:
            return
        if op == "+=" and kinds <= {"list", "tuple"}:
            needs = frozenset({"list", "deque", "tuple"} & set(kinds) | {"list", "deque"})
            self._add(attr, node, "needs", needs, f"extended with `{op}` {_text(right)[:30]}")
        elif kinds <= {"int", "float", "bool", "timedelta"} and op in _ARITHMETIC:
            needs = frozenset().union(*(augmented_needs(op, k) for k in kinds))
            what = f"updated with `{op} {_text(right)[:20]}`"
            if kinds == {"float"}:
                what += " (a float)"
            elif kinds == {"timedelta"}:
                what += " (a `timedelta`)"
            self._add(attr, node, "needs", needs, what)
        elif kinds == {"str"} and op == "+=":
            self._add(attr, node, "needs", frozenset({"str"}), f"extended with `{op}` a str")

    def _member(self, attr: str, node: Node, member: Node) -> None:
        name = _text(member.child_by_field_name("attribute"))
        if name.startswith("__") and name.endswith("__"):
            return
        call = member.parent
        called = (
            call is not None
            and call.type == "call"
            and call.child_by_field_name("function") == member
        )
        if _is_store(member, call):
            self._add(attr, member, "needs", frozenset(), f"has attribute `.{name}` assigned")
            return
        what = f"calls `.{name}()`" if called else f"uses `.{name}`"
        self._add(attr, member, "needs", kinds_with_attr(name), what)
        if not called:
            if call is not None:
                self._chain(attr, name, member, call)
            return
        if name in _MUTATORS:
            self.cls.mutations.append(
                Mutation(attr, self.method, self.pos.span(call), "call", name)
            )
        args = call.child_by_field_name("arguments")
        positional = [
            a for a in (args.named_children if args else []) if a.type != "keyword_argument"
        ]
        if name in ("append", "add", "appendleft") and len(positional) == 1:
            self._made(attr, positional[0], "item", f"`.{name}()`")
        elif name == "insert" and len(positional) == 2:
            self._made(attr, positional[1], "item", "`.insert()`")
        elif name == "setdefault" and len(positional) == 2:
            self._made(attr, positional[1], "item", "`.setdefault()`")
        slot = {"values": "item", "keys": "key", "get": "item", "pop": "item"}.get(name)
        if name == "items":
            self._iteration_of(attr, call, "items")
        elif slot:
            if name in ("values", "keys"):
                self._iteration_of(attr, call, slot)
            else:
                self._result_shape(attr, call, slot)

    def _chain(self, attr: str, name: str, member: Node, outer: Node) -> None:
        """``self.inventory.stock.append(x)``: what ``stock`` of the object in
        ``self.inventory`` must support (a :class:`Reach`)."""
        ot = outer.type
        if ot == "attribute" and outer.child_by_field_name("object") == member:
            op = _text(outer.child_by_field_name("attribute"))
            kinds = kinds_with_attr(op)
            if not kinds or op.startswith("__"):
                return
            called = self.pos.source[outer.end_byte : outer.end_byte + 1] == b"("
            what = f"calls `.{op}()`" if called else f"uses `.{op}`"
        elif ot == "subscript" and outer.child_by_field_name("value") == member:
            kinds, what = _subscript_needs(outer)[:2]
        else:
            return
        if self._guarded is None:
            self._guarded = _guarded(self.caps, self.own)
        if _within(self._guarded, outer.start_byte):
            return
        reach = Reach(f"self.{attr}", name, self.pos.span(outer), kinds, what)
        self.facts.reaches.append(reach)  # type: ignore[attr-defined]

    def _made(self, attr: str, value: Node, slot: str, via: str) -> None:
        shape = self.values.shape(value) or "?"
        if shape:
            self._shape(
                attr,
                value,
                slot,
                True,
                shape,
                f"{'adds' if slot == 'item' else 'uses'} {_SHAPE_NOUN.get(shape, shape)} items "
                f"via {via}",
            )

    def _subscript(self, attr: str, node: Node, sub: Node) -> None:
        needs, what, store, key, key_kind, parent, known_key = _subscript_needs(
            sub, self._known_key, lambda key: self._past_end(attr, key)
        )
        self._add(attr, sub, "needs", needs, what)
        if (key_kind in ("str", "int", "tuple") and key is not None) or key_kind == "tuple":
            self._shape(
                attr,
                key if key is not None else sub,
                "key",
                False,
                key_kind,
                f"indexed by {key_kind} keys",
            )
        elif known_key is not None and store and key is not None:
            self._shape(attr, key, "key", True, known_key, f"has {known_key} keys")
        if store and key_kind == "slice":
            return  # `x[:] = new` replaces items: the value is a sequence of them, not one
        if store and parent is not None and parent.type == "assignment":
            right = parent.child_by_field_name("right")
            if right is not None:
                self._made(attr, right, "item", "item assignment")
        elif not store:
            self._result_shape(attr, sub, "item")

    def _known_key(self, key: Node) -> str | None:
        """``"str"``, ``"int"`` or ``"bool"`` for a key that is not a literal but whose kind
        is known: a name annotated or bound to one kind, an f-string."""
        if key.type == "identifier":
            kinds = self.env.get(_text(key))
            if kinds == {"str"} or kinds == {"bool"}:
                return next(iter(kinds))
            if kinds == {"int", "bool"} or kinds == {"int"}:
                return "int"
        elif key.type == "string" and _string_kind(key) == "str":
            return "str"  # an f-string (plain literals are read by _key_kind)
        return None

    def _past_end(self, attr: str, key: Node) -> bool:
        """``self.items[len(self.items)]``: the index one past the last item."""
        if key.type != "call" or _text(key.child_by_field_name("function")) != "len":
            return False
        args = key.child_by_field_name("arguments")
        arg = args.named_children[0] if args is not None and args.named_child_count == 1 else None
        return (
            arg is not None
            and arg.type == "attribute"
            and _text(arg.child_by_field_name("object")) == self.self_name
            and self.owner.mangle(_text(arg.child_by_field_name("attribute"))) == attr
        )

    def _result_shape(self, attr: str, value: Node, slot: str) -> None:
        """Record how a value taken out of the attribute (``x[k]``, ``x.get(k)``) is used."""
        use = _value_use(value)
        if use:
            self._shape(attr, value.parent or value, slot, False, use, _USE_WHAT[use.split(":")[0]])

    def _iteration_of(self, attr: str, call: Node, slot: str) -> None:
        parent = call.parent
        if (
            parent is not None
            and parent.type in ("for_statement", "for_in_clause")
            and (parent.child_by_field_name("right") == call)
        ):
            self._iteration(attr, call, parent, slot)

    def _iteration(self, attr: str, node: Node, loop: Node, slot: str) -> None:
        left = loop.child_by_field_name("left")
        if left is None:
            return
        if left.type in _PATTERNS:
            targets = left.named_children
            if slot == "items":
                if len(targets) == 2:
                    for var, s in ((targets[0], "key"), (targets[1], "item")):
                        if var.type == "identifier":
                            self._var_uses(attr, _text(var), _loop_scope(loop), s)
                        elif var.type in _PATTERNS:
                            self._shape(attr, var, s, False, "pair", _USE_WHAT["pair"])
                return
            if slot == "iter" and len(targets) >= 2:
                self._add(
                    attr,
                    node,
                    "needs",
                    ITERABLE - MAPPINGS,
                    f"iterated as {'pairs' if len(targets) == 2 else 'tuples'}",
                    pairs=True,
                )
            self._shape(attr, left, slot, False, "pair", _USE_WHAT["pair"])
        elif left.type == "identifier" and slot != "items":
            self._var_uses(attr, _text(left), _loop_scope(loop), slot)

    def _var_uses(self, attr: str, var: str, scope: Node | None, slot: str) -> None:
        if scope is None:
            return
        stack = [scope]
        seen = 0
        skips = self.pos.skips
        while stack and seen < 8:
            node = stack.pop()
            if node.type in _SKIP_SCOPES or node.type in _FUNCS:
                continue
            if skips and skips.holds(node):
                continue
            if node.type == "identifier" and _text(node) == var:
                use = _value_use(node)
                if use:
                    seen += 1
                    self._shape(
                        attr, node.parent or node, slot, False, use, _USE_WHAT[use.split(":")[0]]
                    )
                continue
            if node.type == "assignment":
                left = node.child_by_field_name("left")
                if any(_text(t) == var for t in _targets(left)):
                    return  # rebound: later uses are of another value
            stack.extend(reversed(node.named_children))

    def _local_result_use(self, call: Node, parent: Node | None) -> str | None:
        """``x = self.m()`` then ``x[0]`` / ``x.a`` / ``a, b = x``: the first use of ``x``,
        when nothing in the method tests ``x`` for None or truth first (``parent`` is the
        call's)."""
        if parent is None or parent.type != "assignment":
            return None
        left = parent.child_by_field_name("left")
        if left is None or left.type != "identifier" or parent.child_by_field_name("right") != call:
            return None
        var = _text(left)
        var_bytes = left.text or b""
        first: Node | None = None
        # Every use of the name after the assignment, up to the end of the body, outside
        # defs and classes that do not also hold the assignment. The name is searched for in
        # the source and each hit looked up in the tree: walking the rest of the body node by
        # node cost more than anything else the extractor does per method.
        end = self.body.end_byte
        skips = self.pos.skips
        at = self.pos.source.find(var_bytes, parent.end_byte, end)
        while at != -1:
            if skips and skips.holds_byte(at):
                at = self.pos.source.find(var_bytes, at + 1, end)
                continue
            node = self.body.descendant_for_byte_range(at, at + len(var_bytes))
            at = self.pos.source.find(var_bytes, at + 1, end)
            if node is None or node.type != "identifier" or _bytes(node) != var_bytes:
                continue  # part of a longer name, a string or a comment
            if self.scopes and self.scopes.apart(node, parent):
                continue
            up = node.parent
            if up is not None and up.type in _TESTS:
                return None  # tested: may be handled
            if first is None:
                first = node
        if first is None:
            return None
        use = _value_use(first)
        if use is None:
            return None
        kind = {"int-index": "indexed", "str-key": "indexed", "pair": "unpacked"}.get(use)
        what = kind or f"used with `.{use.split(':', 1)[1]}`"
        return f"stored in `{var}` and {what}"

    def _builtin_call(self, node: Node) -> None:
        fn = _text(node.child_by_field_name("function"))
        if fn.endswith(("parse_args", "parse_known_args")):  # argparse filling self
            args = node.child_by_field_name("arguments")
            if args is not None and any(
                _text(a) in (self.self_name, f"namespace={self.self_name}")
                for a in args.named_children
            ):
                self.cls.dynamic = True
            return
        if fn not in ("isinstance", "type", "hasattr", "getattr", "setattr", "delattr", "vars"):
            return
        args = node.child_by_field_name("arguments")
        named = args.named_children if args else []
        if not named:
            return
        first = named[0]
        if fn in ("isinstance", "type"):
            if (
                first.type == "attribute"
                and _text(first.child_by_field_name("object")) == self.self_name
            ):
                self.cls.polymorphic.add(_text(first.child_by_field_name("attribute")))
            return
        if _text(first) != self.self_name:
            return
        if fn == "vars":
            self.cls.dynamic = True
        elif len(named) >= 2 and named[1].type == "string" and _string_value(named[1]):
            name = _string_value(named[1]) or ""
            self.cls.guarded.add(name)
            if fn == "setattr":
                self.cls.writes.setdefault(name, []).append(
                    Access(self.method, self.pos.span(node))
                )
        elif fn in ("setattr", "delattr"):
            self.cls.dynamic = True


@lru_cache(maxsize=16)
def _passed(name: bytes) -> re.Pattern[bytes]:
    """``(self,`` / ``, self)``: ``name`` passed as an argument (group 1)."""
    return re.compile(rb"[(,]\s*(" + re.escape(name) + rb")\s*[,)]")


_USE_WHAT = {
    "int-index": "its items are indexed by position",
    "str-key": "its items are indexed by str keys",
    "pair": "its items are unpacked as pairs",
    "attr": "its items are used as objects",
}


_LITERAL_BAGS = frozenset({"tuple", "list", "set"})


def _literal_kind(node: Node) -> str | None:
    """``"str"`` or ``"int"`` for a plain str or int literal, else None."""
    if node.type == "string" and _string_value(node) is not None and _string_kind(node) == "str":
        return "str"
    if node.type == "integer":
        return "int"
    return None


def _subscript_needs(
    sub: Node,
    known_key: Callable[[Node], str | None] | None = None,
    past_end: Callable[[Node], bool] | None = None,
) -> tuple[frozenset[str], str, bool, Node | None, str | None, Node | None, str | None]:
    """What ``x[k]`` needs of ``x`` (by the key: a str, a slice, an item assigned), how to
    say it, whether it stores, and its key, the key's kind, the subscript's parent and the
    kind ``known_key`` told.
    ``known_key`` tells the kind of a key that is a name (a str parameter); ``past_end``
    whether a key is past the end of ``x`` (``x[len(x)]``: a store that always fails)."""
    keys = [c for c in sub.children_by_field_name("subscript")]
    key = keys[0] if len(keys) == 1 else None
    key_kind = _key_kind(key) if key is not None else ("tuple" if keys else None)
    parent = sub.parent
    store = _is_store(sub, parent) or (parent is not None and parent.type == "delete_statement")
    known = None if key_kind or key is None or known_key is None else known_key(key)
    if key_kind == "str" or known == "str":
        needs, what = MAPPINGS, f"indexed by the str key {_text(key)[:30]}"
    elif store and key is not None and past_end is not None and past_end(key):
        needs = MAPPINGS
        what = (
            f"indexed at `{_text(key)[:40]}`, past its end (on a list this raises "
            "IndexError: use `.append()`)"
        )
    elif key_kind == "slice":
        needs, what = SLICEABLE, "sliced"
    elif store:
        needs, what = ITEM_ASSIGNABLE, "assigned by index"
    else:
        needs, what = SUBSCRIPTABLE, "indexed"
    if store and key_kind != "slice":
        needs = needs & ITEM_ASSIGNABLE
        what = what.replace("indexed", "item-assigned")
    return needs, what, store, key, key_kind, parent, known


def _loop_scope(loop: Node) -> Node | None:
    if loop.type == "for_statement":
        return loop.child_by_field_name("body")
    return loop.parent  # a comprehension: the whole expression


def _key_kind(key: Node) -> str | None:
    t = key.type
    if t == "string" and _string_value(key) is not None:
        return "str"
    if t == "integer" or (t == "unary_operator" and _text(key).lstrip("-").isdigit()):
        return "int"
    if t == "slice":
        return "slice"
    if t == "tuple" or (
        t == "parenthesized_expression"
        and key.named_children
        and key.named_children[0].type == "tuple"
    ):
        return "tuple"
    return None


def _value_use(node: Node) -> str | None:
    """How an item value is used where it appears: ``x[0]``, ``x["k"]``, ``x.a``, ``a, b = x``."""
    parent = node.parent
    if parent is None:
        return None
    pt = parent.type
    if pt == "subscript" and parent.child_by_field_name("value") == node:
        keys = parent.children_by_field_name("subscript")
        if len(keys) == 1:
            kk = _key_kind(keys[0])
            if kk == "str":
                return "str-key"
            if kk == "int":
                return "int-index"
        return None
    if pt == "attribute" and parent.child_by_field_name("object") == node:
        name = _text(parent.child_by_field_name("attribute"))
        if name.startswith("__"):
            return None
        return f"attr:{name}"
    if pt == "assignment" and parent.child_by_field_name("right") == node:
        left = parent.child_by_field_name("left")
        if left is not None and left.type in _PATTERNS and len(left.named_children) == 2:
            return "pair"
    return None


#: Where a name is tested for None or truth.
_TESTS = frozenset(
    {
        "comparison_operator",
        "not_operator",
        "if_statement",
        "boolean_operator",
        "conditional_expression",
        "while_statement",
    }
)


def _result_use(call: Node, parent: Node | None) -> str | None:
    """How the result of ``self.m(...)`` is used, when the use needs a value (``parent`` is
    the call's)."""
    if parent is None:
        return None
    pt = parent.type
    if pt == "assignment" and parent.child_by_field_name("right") == call:
        left = parent.child_by_field_name("left")
        if left is not None and left.type in _PATTERNS:
            return "unpacked"
    if pt == "subscript" and parent.child_by_field_name("value") == call:
        keys = parent.children_by_field_name("subscript")
        if len(keys) == 1 and _key_kind(keys[0]) == "str" and _string_kind(keys[0]) == "str":
            return f"indexed by the str key {_text(keys[0])[:30]}"
        return "indexed"
    if pt == "attribute" and parent.child_by_field_name("object") == call:
        return f"used with `.{_text(parent.child_by_field_name('attribute'))}`"
    if pt in ("for_statement", "for_in_clause") and parent.child_by_field_name("right") == call:
        return "iterated"
    if pt == "argument_list" and (grand := parent.parent) is not None:
        fn = _text(grand.child_by_field_name("function"))
        if fn in ("len", "sorted", "sum", "list", "tuple", "iter", "next"):
            return f"passed to `{fn}()`"
    return None


_TARGET_WRAPPERS = frozenset(_PATTERNS | {"parenthesized_expression", "list_splat_pattern"})


def _is_store(node: Node, parent: Node | None) -> bool:
    """Whether ``node`` (whose parent is ``parent``) is an assignment target (plain,
    augmented, unpacking, for, with, del)."""
    child = node
    while parent is not None and parent.type in _TARGET_WRAPPERS:
        child, parent = parent, parent.parent
    if parent is None:
        return False
    pt = parent.type
    if pt in ("assignment", "augmented_assignment", "for_statement", "for_in_clause"):
        return parent.child_by_field_name("left") == child
    if pt == "as_pattern_target":
        return True
    return pt == "delete_statement"
