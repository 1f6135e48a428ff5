"""Small readers of tree-sitter nodes: targets, literals, decorators, docstrings, keys."""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter

from tree_sitter import Node

from specls.extract.positions import Positions
from specls.grammar import F_ARGUMENTS, F_BODY, F_DEFINITION, F_FUNCTION, F_LEFT, F_NAME
from specls.nodetext import node_text as _text

#: Bytes that may continue an identifier (in UTF-8, every byte of a non-ASCII letter is >= 128).
NAME_BYTES = frozenset(bytes([b]) for b in range(256) if b >= 128 or chr(b).isalnum() or b == 95)


by_start: Callable[[Node], int] = attrgetter("start_byte")  # a sort key made in C


SKIP_SCOPES = {"class_definition"}


FUNCS = {"function_definition", "lambda"}


PATTERNS = {"pattern_list", "tuple_pattern", "list_pattern", "tuple", "list"}


def definition_of(node: Node) -> Node | None:
    if node.type == "decorated_definition":
        return node.child_by_field_id(F_DEFINITION)
    if node.type in ("function_definition", "class_definition"):
        return node
    return None


def targets_of(node: Node | None) -> list[Node]:
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
        if t in PATTERNS or t == "parenthesized_expression":
            todo.extend(reversed(n.named_children))
        elif t == "list_splat_pattern":
            if n.named_child_count:
                todo.append(n.named_children[0])
        else:
            out.append(n)
    return out


def string_value(node: Node) -> str | None:
    """The value of a plain string literal (no f-string, no concatenation)."""
    if node.type != "string":
        return None
    parts = [c for c in node.named_children if c.type not in ("string_start", "string_end")]
    if any(c.type == "interpolation" for c in parts):
        return None
    return "".join(_text(c) for c in parts)


def string_kind(node: Node) -> str:
    start = node.child(0)
    prefix = _text(start).lower() if start is not None else ""
    return "bytes" if "b" in prefix else "str"


def qualname_of(node: Node) -> str:
    parts = [_text(node.child_by_field_id(F_NAME))]
    parent = node.parent
    while parent is not None:
        if parent.type in ("class_definition", "function_definition"):
            parts.append(_text(parent.child_by_field_id(F_NAME)))
        parent = parent.parent
    return ".".join(reversed(parts))


def decorator_names(node: Node) -> list[str]:
    parent = node.parent
    return decorators_of(parent) if parent is not None else []


def decorators_of(stmt: Node) -> list[str]:
    """The decorators' names of statement ``stmt`` holding a definition: none but for a
    ``decorated_definition`` (cheaper than :func:`decorator_names` of the definition when
    the statement is at hand: tree-sitter finds a parent walking down from the root)."""
    if stmt.type != "decorated_definition":
        return []
    out = []
    for d in stmt.named_children:
        if d.type == "decorator" and d.named_children:
            expr = d.named_children[0]
            if expr.type == "call":
                expr = expr.child_by_field_id(F_FUNCTION)
            out.append(_text(expr))
    return out


def docstring_of(body: Node | None) -> tuple[str | None, Node | None]:
    if body is None or not body.named_child_count:
        return None, None
    first = body.named_child(0)
    if first.type == "expression_statement" and first.named_child_count:
        s = first.named_child(0)
        if s.type == "string":
            return string_value(s) or "", s
    return None, None


def doc_col(pos: Positions) -> Callable[[Node], int]:
    """Column of a docstring's first content character (after its opening quotes)."""

    def col(node: Node) -> int:
        start = node.children[0] if node.children else node
        return pos.col(start.end_point[0], start.end_point[1])

    return col


def is_falsy_literal(node: Node) -> bool:
    """``0``, ``0.0``, ``False``, ``""`` or ``b""``: values often used as placeholders."""
    t = node.type
    if t in ("integer", "float"):
        return _text(node).strip("0._") in ("", "x", "o", "b")
    if t == "false":
        return True
    return t == "string" and string_value(node) == ""


def is_stub_statement(s: Node) -> bool:
    if s.type == "pass_statement":
        return True
    if s.type == "expression_statement" and s.named_children:
        e = s.named_children[0]
        return e.type in ("ellipsis", "string")
    if s.type == "raise_statement":
        return "NotImplemented" in _text(s)
    return False


def call_arguments(call: Node) -> tuple[int, tuple[str, ...], bool]:
    """Positional count, keyword names and whether a ``*``/``**`` splat is passed."""
    args = call.child_by_field_id(F_ARGUMENTS)
    if args is None:
        return 0, (), False
    if args.type == "generator_expression":
        return 1, (), False
    positional, keywords, splat = 0, [], False
    for a in args.named_children:
        if a.type == "keyword_argument":
            keywords.append(_text(a.child_by_field_id(F_NAME)))
        elif a.type in ("list_splat", "dictionary_splat"):
            splat = True
        elif a.type != "comment":
            positional += 1
    return positional, tuple(keywords), splat


def param_name(p: Node) -> Node | None:
    """The identifier a parameter node binds (None for ``*args``, ``**kw``, ``/``, ``*``)."""
    t = p.type
    if t == "identifier":
        return p
    if t in ("typed_parameter", "typed_default_parameter"):
        name_node = p.child_by_field_id(F_NAME) or (
            p.named_children[0] if p.named_children else None
        )
        if name_node is None or name_node.type != "identifier":
            return None
        return name_node
    if t == "default_parameter":
        name_node = p.child_by_field_id(F_NAME)
        return name_node if name_node is not None and name_node.type == "identifier" else None
    return None


def literal_kind(node: Node) -> str | None:
    """``"str"`` or ``"int"`` for a plain str or int literal, else None."""
    if node.type == "string" and string_value(node) is not None and string_kind(node) == "str":
        return "str"
    if node.type == "integer":
        return "int"
    return None


def loop_scope(loop: Node) -> Node | None:
    if loop.type == "for_statement":
        return loop.child_by_field_id(F_BODY)
    return loop.parent  # a comprehension: the whole expression


def key_kind_of(key: Node) -> str | None:
    t = key.type
    if t == "string" and string_value(key) is not None:
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


_TARGET_WRAPPERS = frozenset(PATTERNS | {"parenthesized_expression", "list_splat_pattern"})


def is_store(node: Node, parent: Node | None) -> bool:
    """Whether ``node`` (whose parent is ``parent``) is an assignment target (plain,
    augmented, unpacking, for, with, del)."""
    child = node
    while parent is not None and parent.type in _TARGET_WRAPPERS:
        child, parent = parent, parent.parent
    if parent is None:
        return False
    pt = parent.type
    if pt in ("assignment", "augmented_assignment", "for_statement", "for_in_clause"):
        return parent.child_by_field_id(F_LEFT) == child
    if pt == "as_pattern_target":
        return True
    return pt == "delete_statement"
