"""How a value is used where it appears: indexed, unpacked, iterated, a result read."""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from specls.extract.syntax import PATTERNS, is_store, key_kind_of, string_kind
from specls.kinds import (
    ITEM_ASSIGNABLE,
    MAPPINGS,
    SLICEABLE,
    SUBSCRIPTABLE,
)
from specls.nodetext import node_text as _text

USE_WHAT = {
    "int-index": "its items are indexed by position",
    "str-key": "its items are indexed by str keys",
    "pair": "its items are unpacked as pairs",
    "attr": "its items are used as objects",
}


def subscript_needs(
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
    key_kind = key_kind_of(key) if key is not None else ("tuple" if keys else None)
    parent = sub.parent
    store = is_store(sub, parent) or (parent is not None and parent.type == "delete_statement")
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


def value_use(node: Node) -> str | None:
    """How an item value is used where it appears: ``x[0]``, ``x["k"]``, ``x.a``, ``a, b = x``."""
    parent = node.parent
    if parent is None:
        return None
    pt = parent.type
    if pt == "subscript" and parent.child_by_field_name("value") == node:
        keys = parent.children_by_field_name("subscript")
        if len(keys) == 1:
            kk = key_kind_of(keys[0])
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
        if left is not None and left.type in PATTERNS and len(left.named_children) == 2:
            return "pair"
    return None


#: Where a name is tested for None or truth.
TESTS = frozenset(
    {
        "comparison_operator",
        "not_operator",
        "if_statement",
        "boolean_operator",
        "conditional_expression",
        "while_statement",
    }
)


def result_use(call: Node, parent: Node | None) -> str | None:
    """How the result of ``self.m(...)`` is used, when the use needs a value (``parent`` is
    the call's)."""
    if parent is None:
        return None
    pt = parent.type
    if pt == "assignment" and parent.child_by_field_name("right") == call:
        left = parent.child_by_field_name("left")
        if left is not None and left.type in PATTERNS:
            return unpacked(left)
    if pt == "subscript" and parent.child_by_field_name("value") == call:
        return str_key(parent) or "indexed"
    if pt == "attribute" and parent.child_by_field_name("object") == call:
        return f"used with `.{_text(parent.child_by_field_name('attribute'))}`"
    if pt in ("for_statement", "for_in_clause") and parent.child_by_field_name("right") == call:
        return "iterated"
    if pt == "argument_list" and (grand := parent.parent) is not None:
        fn = _text(grand.child_by_field_name("function"))
        if fn in ("len", "sorted", "sum", "list", "tuple", "iter", "next"):
            return f"passed to `{fn}()`"
    return None


def unpacked(pattern: Node) -> str:
    """``unpacked into 2 names`` for ``a, b = ...`` (every target a name or an attribute,
    none starred), else ``unpacked``: what :data:`UNPACKED_INTO` reads back."""
    targets = [c for c in pattern.named_children if c.type != "comment"]
    if targets and all(t.type in ("identifier", "attribute", "subscript") for t in targets):
        return f"{UNPACKED_INTO}{len(targets)} names"
    return "unpacked"


#: How a use says the number of names a result is unpacked into.
UNPACKED_INTO = "unpacked into "
#: How a use says a result is indexed by a str key.
STR_KEY = "indexed by the str key "


def str_key(sub: Node) -> str | None:
    """``indexed by the str key "name"`` for ``x["name"]`` (a str literal, not bytes)."""
    keys = sub.children_by_field_name("subscript")
    if len(keys) == 1 and key_kind_of(keys[0]) == "str" and string_kind(keys[0]) == "str":
        return f"{STR_KEY}{_text(keys[0])[:30]}"
    return None


def unpacked_count(use: str) -> int | None:
    """The number of names a use unpacks a result into (see :func:`unpacked`)."""
    _, found, rest = use.partition(UNPACKED_INTO)
    head = rest.split(" ", 1)[0]
    return int(head) if found and head.isdigit() else None
