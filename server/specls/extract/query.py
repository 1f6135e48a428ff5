"""The one tree-sitter query that finds what extraction looks at, and its captures.

Every module of the extractor reads the nodes this query captured (see :class:`Captures`):
one pass of tree-sitter in C over a file, no walk in Python node by node.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from functools import cache, lru_cache

from tree_sitter import Node, Parser, Query, Tree

from specls.extract.positions import Skips
from specls.flow import CHECK_NAME
from specls.grammar import F_ARGUMENTS, F_FUNCTION, F_SUBSCRIPT, F_VALUE, LANGUAGE

#: What a file is searched for, in one pass: comments, classes, ``global`` statements and
#: attribute stores for the file; returns, assignments, conditions, calls and the rest for
#: each function (see :class:`Captures`). One query over the file costs less than one per
#: function, and every pattern on ``call`` costs about as much as all the others: calls are
#: captured by their name once, and sorted out by :class:`Captures`.
QUERY = Query(
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
    (subscript subscript: [(integer) (unary_operator) (identifier) (string)]) @sub
    (call function: (identifier) @fname)
    (call function: (attribute attribute: (identifier) @mname))
    """,
)


#: Calls of these builtins tell how an object is inspected (``bcall`` captures).
_INSPECTORS = frozenset(
    [b"isinstance", b"type", b"hasattr", b"getattr", b"setattr", b"delattr", b"vars"]
)


_TYPE_WORDS = [
    "iterable",
    "scalar",
    "list_like",
    "listlike",
    "array_like",
    "arraylike",
    "dict_like",
    "dictlike",
    "sequence",
    "mapping",
    "string",
    "str",
    "bytes",
    "number",
    "numeric",
    "integer",
    "int",
    "float",
    "bool",
    "list",
    "tuple",
    "dict",
    "set",
]
#: Functions testing a value's type as ``isinstance`` does (``np.iterable``,
#: ``is_list_like``, ``isscalar``), by name: ``iterable``, or a type word after ``is``. A
#: set, not a pattern: every call's name is looked up in it.
TYPE_TESTS = frozenset(
    [b"iterable", *(f"is{sep}{word}".encode() for sep in ("", "_") for word in _TYPE_WORDS)]
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
    "csub",
    "check",
    "bcall",
    "pcall",
    "pop",
    "next",
)


class Captures:
    """The query's captures in one file (or top-level statement), each kind in source order,
    with the calls sorted out by name: ``bcall`` (``isinstance`` and kin), ``next``,
    ``setattr`` (with a string name), ``pcall`` (``parse_args``) and ``pop`` hold the call
    nodes, ``check`` the names that look like checks (see ``specls.flow.CHECK_NAME``).
    :meth:`within` gives one function the part of each list inside its body."""

    def __init__(
        self, found: dict[str, list[Node]], source: bytes, skips: Skips | None = None
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
            elif text in TYPE_TESTS and (call := name.parent) is not None:
                calls["bcall"].append(call)
        for name in found.pop("mname", ()):
            text = source[name.start_byte : name.end_byte]
            if CHECK_NAME.search(text):
                calls["check"].append(name)
            if text == b"setattr":  # `monkeypatch.setattr(obj, "name", value)`
                attribute = name.parent
                call = attribute.parent if attribute is not None else None
                if call is not None and call.type == "call" and _names_attribute(call):
                    calls["setattr"].append(call)
            elif text in TYPE_TESTS:  # `np.iterable(x)`
                attribute = name.parent
                call = attribute.parent if attribute is not None else None
                if call is not None and call.type == "call":
                    calls["bcall"].append(call)
            elif text in _RAISING_METHODS or text in _PARSE_ARGS:
                attribute = name.parent
                call = attribute.parent if attribute is not None else None
                if call is not None:
                    calls["pop" if text in _RAISING_METHODS else "pcall"].append(call)
        found.update(calls)
        found["sub"], found["csub"] = _str_keyed(found.get("sub", []), source)
        starts_of: dict[str, list[int]] = {}
        for kind, nodes in found.items():  # (mostly in source order already: checked in C)
            starts = [n.start_byte for n in nodes]
            if starts != sorted(starts):
                order = sorted(range(len(nodes)), key=starts.__getitem__)  # (stable)
                nodes[:] = [nodes[i] for i in order]
                starts = [starts[i] for i in order]
            starts_of[kind] = starts
        self.nodes = found
        #: Where the class extractor found ``self.<name>`` (start bytes): not foreign stores.
        self.self_uses: set[int] = set()
        self.source = source
        #: The bytes the captures were found in (a top-level statement, or the file).
        self.extent = (0, len(source))
        self._passed: dict[str, list[int]] = {}
        #: (kind, start bytes, nodes) of the kinds functions need that the file has
        self._function_kinds = [
            (kind, starts_of[kind], found[kind]) for kind in _FUNCTION_CAPTURES if found.get(kind)
        ]

    def passed(self, name: str) -> list[int]:
        """Where ``name`` is passed as an argument (``f(self)``, ``g(x, self)``: start
        bytes) in :attr:`extent`, found with one search per name."""
        found = self._passed.get(name)
        if found is None:
            a, b = self.extent
            found = self._passed[name] = passed_at(self.source, name.encode(), a, b)
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


def _str_keyed(subs: list[Node], source: bytes) -> tuple[list[Node], list[Node]]:
    """The ``sub`` captures without those the query took for a str key alone (one pattern
    more would cost a tenth of a query's compilation), and of these the calls of a bare
    name indexed at once (``make_pair(a, b)["x"]``, ``util.make_pair(a, b)["x"]``: ``csub``)."""
    kept: list[Node] = []
    calls: list[Node] = []
    for node in subs:
        if source[node.end_byte - 2 : node.end_byte - 1] not in (b'"', b"'"):
            kept.append(node)  # (a str key ends in its quote)
            continue
        key = node.child_by_field_id(F_SUBSCRIPT)
        if key is None or key.type != "string":
            kept.append(node)  # `x[i, "k"]`: its index is the name
            continue
        value = node.child_by_field_id(F_VALUE)
        call = value is not None and value.type == "call"
        fn = value.child_by_field_id(F_FUNCTION) if call else None
        if fn is not None and fn.type in ("identifier", "attribute"):
            calls.append(node)
    return kept, calls


def _names_attribute(call: Node) -> bool:
    """Whether ``setattr(obj, "name", ...)`` names the attribute with a string literal."""
    args = call.child_by_field_id(F_ARGUMENTS)
    named = args.named_children if args is not None else []
    return len(named) > 1 and named[1].type == "string"


_local = threading.local()


def parser(use: str = "parser") -> Parser:
    """A tree-sitter parser for Python, one per thread (parsers are not thread safe) and per
    ``use`` (a parser whose included ranges are set per parse is kept apart)."""
    p = getattr(_local, use, None)
    if p is None:
        p = Parser(LANGUAGE)
        setattr(_local, use, p)
    return p


def parse(source: bytes, old_tree: Tree | None = None) -> Tree:
    """Parse ``source``; pass the previous tree, already edited, to re-parse incrementally."""
    return parser().parse(source, old_tree) if old_tree else parser().parse(source)


@cache
def error_query() -> Query:
    """Syntax errors, found by tree-sitter in C: a walk in Python over a statement with an
    error visits every child of each node on the way (a 1 MB list: a second per keystroke).
    Compiled when first wanted (a compile costs 1.5 ms, in every process that extracts)."""
    return Query(LANGUAGE, "(ERROR) @error (MISSING) @missing")


@lru_cache(maxsize=16)
def passed_pattern(name: bytes) -> re.Pattern[bytes]:
    """``name`` followed by the end of an argument (group 1): what :func:`passed_at` looks
    before, as a search from the name costs a fifth of one from every ``(`` and ``,``."""
    return re.compile(rb"(" + re.escape(name) + rb")\s*[,)]")


_SPACE = b" \t\n\r\x0b\x0c"


def passed_at(source: bytes, name: bytes, a: int, b: int) -> list[int]:
    """Where ``name`` is passed as an argument in ``source[a:b]`` (``(self,``, ``, self)``,
    ``f(self, self)``): the start bytes of the name."""
    out: list[int] = []
    for m in passed_pattern(name).finditer(source, a, b):
        k = m.start(1) - 1
        while k >= a and source[k] in _SPACE:
            k -= 1
        if k >= a and source[k] in b"(,":
            out.append(m.start(1))
    return out
