"""What a function body does at its exits: the facts behaviour and invariant rules read.

Given the captures of the method query (see :mod:`specls.extract`) this records the ways a
function raises (``raise`` statements and operations that raise by nature), what it returns,
whether its end is reachable, the conditions it tests and the check functions it calls. It
never interprets code beyond its shape: a guard is any test, so uncertain cases stay silent.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from specls import docstrings
from specls.facts import Flow, Raise, Return, Span
from specls.grammar import (
    F_ARGUMENTS,
    F_ATTRIBUTE,
    F_BODY,
    F_CONDITION,
    F_CONSEQUENCE,
    F_FUNCTION,
    F_LEFT,
    F_SUBSCRIPT,
)
from specls.nodetext import node_text as _text

#: Operations that raise by nature, by method name: (exceptions, what is said of them).
_RAISING_METHODS = {
    "pop": ("IndexError", "KeyError"),
    "popitem": ("KeyError",),
    "popleft": ("IndexError",),
    "remove": ("ValueError", "KeyError"),
    "index": ("ValueError",),
}
#: Names of called functions that are taken as checks (a guard of what follows).
CHECK_NAME = re.compile(
    rb"[Cc]heck|[Vv]alid|[Ee]nsure|[Vv]erify|[Aa]ssert|[Rr]equire|[Cc]lamp|[Gg]uard"
)
#: Literal node types whose source is the value.
_LITERALS = {"integer", "float", "string", "true", "false", "none", "concatenated_string"}
_EXITS = {"return_statement", "raise_statement", "continue_statement", "break_statement"}
#: Ancestors under which an operation may not run on every call.
_GUARDING = {
    "if_statement",
    "elif_clause",
    "else_clause",
    "while_statement",
    "for_statement",
    "try_statement",
    "with_statement",
    "conditional_expression",
    "boolean_operator",
    "list_comprehension",
    "set_comprehension",
    "dictionary_comprehension",
    "generator_expression",
}


_NOWHERE = Span(0, 0, 0, 0)


def literal_text(node: Node | None) -> str | None:
    """Source of a literal value (``-1``, ``"x"``, ``None``, ``()``, ``[]``), else None."""
    if node is None:
        return None
    t = node.type
    while t == "parenthesized_expression" and node.named_child_count:
        node = node.named_children[0]
        t = node.type
    if t in _LITERALS:
        if t == "string" and any(c.type == "interpolation" for c in node.named_children):
            return None
        return _text(node)
    if t == "unary_operator" and node.named_children:
        inner = node.named_children[-1]
        return _text(node) if inner.type in ("integer", "float") else None
    if t in ("list", "tuple", "set", "dictionary") and not node.named_child_count:
        return _text(node)  # (the count: a list of a million items has as many children)
    return None


def _exception_names(node: Node) -> tuple[str, ...]:
    """Names of what a ``raise`` statement raises: ``raise X(...)`` / ``raise X`` -> ("X",)."""
    value = node.named_children[0] if node.named_children else None
    if value is None:
        return ()
    if value.type == "call":
        value = value.child_by_field_id(F_FUNCTION) or value
    if value.type in ("identifier", "attribute"):
        return (_text(value).rsplit(".", 1)[-1],)
    return ("?",)


def _ancestors(node: Node, body: Node) -> list[tuple[Node, Node]]:
    """``(child, parent)`` pairs from ``body`` down to ``node``, ``body`` left out as a
    parent. Found from ``body`` down: tree-sitter finds a node's parent by walking down from
    the root, so walking up would cost the depth of each node on the way."""
    out = []
    up = body.child_with_descendant(node)
    while up is not None and up != node:
        child = up.child_with_descendant(node)
        if child is None:
            break
        out.append((child, up))
        up = child
    return out


def _caught(ancestors: list[tuple[Node, Node]], excs: tuple[str, ...]) -> bool:
    """Whether the node whose ``ancestors`` these are is in a ``try`` body whose handlers
    catch one of ``excs``."""
    for child, up in ancestors:
        if up.type == "try_statement" and child == up.child_by_field_id(F_BODY):
            for clause in up.named_children:
                if clause.type != "except_clause":
                    continue
                caught = [c for c in clause.named_children if c.type != "block"]
                if not caught:
                    return True  # bare except
                names = _text(caught[0])
                if any(n in names for n in (*excs, "LookupError", "Exception", "BaseException")):
                    return True
    return False


def _implicit(node: Node, kind: str, body: Node) -> Raise | None:
    """An operation that raises by nature, unless a handler around it catches that."""
    excs: tuple[str, ...]
    if kind == "pop":
        fn = node.child_by_field_id(F_FUNCTION)
        name = _text(fn.child_by_field_id(F_ATTRIBUTE)) if fn is not None else ""
        args = node.child_by_field_id(F_ARGUMENTS)
        n = [a for a in (args.named_children if args else []) if a.type != "comment"]
        if name not in _RAISING_METHODS:
            return None
        excs = _RAISING_METHODS[name]
        if name == "pop":
            if len(n) >= 2 or any(a.type == "keyword_argument" for a in n):
                return None  # pop(key, default)
            if n and n[0].type in ("integer", "unary_operator"):
                excs = ("IndexError",)
        what = f"`{_text(node)[:50]}` raises {' or '.join(excs)} when there is nothing to take"
    elif kind == "next":
        args = node.child_by_field_id(F_ARGUMENTS)
        if args is None or len(args.named_children) != 1:
            return None
        excs = ("StopIteration",)
        what = f"`{_text(node)[:50]}` raises StopIteration when the iterator is exhausted"
    else:  # subscript read
        parent = node.parent
        if (
            parent is not None
            and parent.type in ("assignment", "augmented_assignment")
            and parent.child_by_field_id(F_LEFT) == node
        ):
            return None
        if parent is not None and parent.type == "delete_statement":
            return None
        index = node.child_by_field_id(F_SUBSCRIPT)
        if index is None or index.type not in ("integer", "unary_operator", "identifier"):
            return None  # slices, tuples of types, computed keys: not an edge-case lookup
        excs = ("IndexError", "KeyError")
        what = f"`{_text(node)[:50]}` raises IndexError or KeyError when the item is missing"
    ancestors = _ancestors(node, body)
    if _caught(ancestors, excs):
        return None
    guarded = any(up.type in _GUARDING for _, up in ancestors)
    return Raise(excs, _NOWHERE, what, False, guarded)  # the caller sets the span


def _falls_through(stmts: list[Node]) -> bool:
    """Whether the end of a block of statements can be reached: it does not end in an exit,
    or in an ``if`` whose every branch ends in one (looked into a level at a time, not
    recursively: ``if`` statements may nest as deep as the file likes)."""
    todo = [stmts]
    while todo:
        stmts = todo.pop()
        if not stmts:
            return True
        last = stmts[-1]
        if last.type in _EXITS:
            continue
        if last.type == "if_statement":  # every branch ends in an exit (if/elif/else)
            branches = [last.child_by_field_id(F_CONSEQUENCE)]
            has_else = False
            for clause in last.named_children:
                if clause.type == "elif_clause":
                    branches.append(clause.child_by_field_id(F_CONSEQUENCE))
                elif clause.type == "else_clause":
                    has_else = True
                    branches.append(clause.child_by_field_id(F_BODY))
            if not has_else or any(b is None for b in branches):
                return True
            todo.extend([c for c in b.named_children if c.type != "comment"] for b in branches)
            continue
        if last.type == "while_statement":
            if _text(last.child_by_field_id(F_CONDITION)) not in ("True", "1"):
                return True
            continue
        return True
    return False


def flow(
    body: Node,
    caps: dict[str, list[Node]],
    own: Callable[[Node], bool],
    span: Callable[[Node], Span],
    doc: tuple[str, Node] | None,
    doc_col: Callable[[Node], int],
) -> Flow:
    """The flow facts of one function body from the captures inside it (by kind, each kind
    in source order).

    ``own`` tells whether a node is in the function itself (not a nested def or class);
    raises in nested functions count as paths of the function (they run when called);
    ``span`` converts a node to a span; ``doc`` is the docstring and its node."""
    out = Flow(end_line=body.end_point[0])
    # raises in nested functions count (they are defined to be called: callbacks, helpers)
    for node in caps.get("raise", []):
        excs = _exception_names(node)
        out.raises.append(Raise(excs, span(node), _text(node)[:80], True))
    for kind in ("pop", "next", "sub"):
        for node in caps.get(kind, []):
            r = _implicit(node, kind, body)
            if r is not None:
                r.span = span(node)
                if not own(node):
                    r.guarded = False  # in a nested function: a path whenever it is called
                out.raises.append(r)
    for node in caps.get("ret", []):
        if own(node):
            value = node.named_children[0] if node.named_children else None
            text = "None" if value is None else literal_text(value)
            out.returns.append(Return(text, span(node)))
    conditions = [_text(n)[:200] for n in caps.get("cond", []) if own(n)]
    out.conditions = tuple(conditions)
    # names of called functions that match CHECK_NAME, in source order
    out.checks = tuple(_text(n) for n in caps.get("check", []) if own(n))
    if len(out.raises) > 1:  # raises come from several kinds of capture
        out.raises.sort(key=lambda r: (r.span.line, r.span.col, r.span.end_line, r.span.end_col))
    # (only the last statement tells: the types of the others are not asked for)
    last = next((s for s in reversed(body.named_children) if s.type != "comment"), None)
    out.falls_through = _falls_through([last] if last is not None else [])
    if doc is not None:
        text, node = doc
        base = node.start_point[0]
        lines = text.splitlines()
        for e in docstrings.raises(text):
            col = e.col + (doc_col(node) if e.line == 0 else 0)
            rest = lines[e.line][e.col + len(e.text) :].lstrip(" :") if e.line < len(lines) else ""
            out.doc_raises.append(
                (e.text, Span(base + e.line, col, base + e.line, col + len(e.text)), rest.strip())
            )
        ret = docstrings.returns_text(text)
        if ret is not None:
            col = ret.col + (doc_col(node) if ret.line == 0 else 0)
            out.doc_returns = (
                ret.text,
                Span(base + ret.line, col, base + ret.line, col + len(ret.text)),
            )
    return out
