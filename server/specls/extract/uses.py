"""How a value is used where it appears: indexed, unpacked, iterated, a result read."""

from __future__ import annotations

import re
from collections.abc import Callable

from tree_sitter import Node

from specls.extract.positions import Positions, Scopes
from specls.extract.syntax import PATTERNS, is_store, key_kind_of, string_kind, targets_of
from specls.facts import CallUse
from specls.grammar import (
    F_ATTRIBUTE,
    F_FUNCTION,
    F_KEY,
    F_LEFT,
    F_OBJECT,
    F_RIGHT,
    F_SUBSCRIPT,
    F_VALUE,
)
from specls.kinds import (
    ITEM_ASSIGNABLE,
    MAPPINGS,
    SLICEABLE,
    SUBSCRIPTABLE,
)
from specls.nodetext import node_bytes as _bytes
from specls.nodetext import node_text as _text
from specls.usetext import STR_KEY, UNPACKED_INTO, unpacked_count  # noqa: F401

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
    keys = [c for c in sub.children_by_field_id(F_SUBSCRIPT)]
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
    elif key_kind == "tuple":
        shown = _text(key)[:30] if key is not None else ", ".join(_text(k)[:12] for k in keys)
        needs = MAPPINGS  # (a list of lists takes `x[r][c]`: `x[r, c]` raises TypeError)
        what = f"indexed by the tuple key `{shown}` (a list or a str raises TypeError)"
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
    if pt == "subscript" and parent.child_by_field_id(F_VALUE) == node:
        keys = parent.children_by_field_id(F_SUBSCRIPT)
        if len(keys) == 1:
            kk = key_kind_of(keys[0])
            if kk == "str":
                return "str-key"
            if kk == "int":
                return "int-index"
        return None
    if pt == "attribute" and parent.child_by_field_id(F_OBJECT) == node:
        name = _text(parent.child_by_field_id(F_ATTRIBUTE))
        if name.startswith("__"):
            return None
        return f"attr:{name}"
    if pt == "assignment" and parent.child_by_field_id(F_RIGHT) == node:
        left = parent.child_by_field_id(F_LEFT)
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
    if pt == "assignment" and parent.child_by_field_id(F_RIGHT) == call:
        left = parent.child_by_field_id(F_LEFT)
        if left is not None and left.type in PATTERNS:
            return unpacked(left)
    if pt == "subscript" and parent.child_by_field_id(F_VALUE) == call:
        return str_key(parent) or "indexed"
    if pt == "attribute" and parent.child_by_field_id(F_OBJECT) == call:
        return f"used with `.{_text(parent.child_by_field_id(F_ATTRIBUTE))}`"
    if pt in ("for_statement", "for_in_clause") and parent.child_by_field_id(F_RIGHT) == call:
        return "iterated"
    if pt == "argument_list" and (grand := parent.parent) is not None:
        fn = _text(grand.child_by_field_id(F_FUNCTION))
        if fn in ("len", "sorted", "sum", "list", "tuple", "iter", "next"):
            return f"passed to `{fn}()`"
    return None


# -- keys that are always text ---------------------------------------------------------------

#: Methods of str (and of bytes) whose result is one again: a key they make is never an int.
_TEXT_METHODS = frozenset(
    {"lower", "upper", "strip", "lstrip", "rstrip", "casefold", "title", "capitalize"}
)

Classify = Callable[[Node], tuple[frozenset[str] | None, bool, str]]


def text_valued(node: Node, classify: Classify) -> bool:
    """Whether ``node`` is a str: a literal, an f-string, ``str(...)``, or the result of
    ``name.lower()`` / ``.strip()`` ... (a str, or bytes, on a value of unknown kind)."""
    kinds = classify(node)[0]
    if kinds is not None:
        return kinds == {"str"}
    fn = node.child_by_field_id(F_FUNCTION) if node.type == "call" else None
    if fn is None or fn.type != "attribute":
        return False
    if _text(fn.child_by_field_id(F_ATTRIBUTE)) not in _TEXT_METHODS:
        return False
    obj = fn.child_by_field_id(F_OBJECT)
    held = classify(obj)[0] if obj is not None else None
    return held is None or held <= {"str", "bytes", "bytearray"}


def _str_literals(node: Node | None) -> bool:
    """``["a", "b"]``, ``("a", "b")``, ``{"a", "b"}``: str literals only, at least one."""
    if node is None or node.type not in ("list", "tuple", "set"):
        return False
    items = node.named_children
    return bool(items) and all(key_kind_of(c) == "str" for c in items)


def _str_keyed(node: Node | None) -> bool:
    """``{"a": 1, "b": 2}``: a dict literal whose keys are str literals, at least one."""
    if node is None or node.type != "dictionary":
        return False
    pairs = node.named_children
    return bool(pairs) and all(
        p.type == "pair"
        and (k := p.child_by_field_id(F_KEY)) is not None
        and key_kind_of(k) == "str"
        for p in pairs
    )


def text_locals(
    caps: dict[str, list[Node]], own: Callable[[Node], bool], classify: Classify
) -> set[str]:
    """The locals of a function that are str wherever bound: assigned str values only (see
    :func:`text_valued`), or the target of a ``for`` over str literals or over a local dict
    whose keys are str literals (itself, or its ``.keys()``)."""
    good: set[str] = set()
    bad: set[str] = set()
    keyed: set[str] = set()
    unkeyed: set[str] = set()  # (bound to anything else once)
    loops: list[tuple[str, Node]] = []
    for node in [*caps.get("asg", []), *caps.get("bind", [])]:
        if not own(node):
            continue
        left = node.child_by_field_id(F_LEFT)
        right = node.child_by_field_id(F_RIGHT)
        plain = left is not None and left.type == "identifier" and right is not None
        if node.type == "assignment" and plain:
            name = _text(left)
            if right.type != "assignment" and text_valued(right, classify):
                good.add(name)
            else:
                bad.add(name)
            if _str_keyed(right) and name not in unkeyed:
                keyed.add(name)
            else:
                unkeyed.add(name)
            continue
        if node.type == "for_statement" and plain:
            if _str_literals(right):
                good.add(_text(left))
            else:
                loops.append((_text(left), right))
            unkeyed.add(_text(left))
            continue
        for child in node.named_children:
            for target in targets_of(child) if child.type != "block" else []:
                if target.type == "identifier":
                    bad.add(_text(target))
                    unkeyed.add(_text(target))
    keyed -= unkeyed
    for name, right in loops:
        source = right
        if right.type == "call" and right.named_child_count:  # `d.keys()`
            fn = right.child_by_field_id(F_FUNCTION)
            if (
                fn is not None
                and fn.type == "attribute"
                and _text(fn.child_by_field_id(F_ATTRIBUTE)) == "keys"
            ):
                source = fn.child_by_field_id(F_OBJECT)
        if source is not None and source.type == "identifier" and _text(source) in keyed:
            good.add(name)
        else:
            bad.add(name)
    return good - bad


def unpacked(pattern: Node) -> str:
    """``unpacked into 2 names`` for ``a, b = ...`` (every target a name or an attribute,
    none starred), else ``unpacked``: what :data:`UNPACKED_INTO` reads back."""
    targets = [c for c in pattern.named_children if c.type != "comment"]
    if targets and all(t.type in ("identifier", "attribute", "subscript") for t in targets):
        return f"{UNPACKED_INTO}{len(targets)} names"
    return "unpacked"


def str_key(sub: Node) -> str | None:
    """``indexed by the str key "name"`` for ``x["name"]`` (a str literal, not bytes)."""
    keys = sub.children_by_field_id(F_SUBSCRIPT)
    if len(keys) == 1 and key_kind_of(keys[0]) == "str" and string_kind(keys[0]) == "str":
        return f"{STR_KEY}{_text(keys[0])[:30]}"
    return None


def local_use(
    call: Node, parent: Node | None, body: Node, pos: Positions, scopes: Scopes
) -> str | None:
    """``x = f()`` then ``x[0]`` / ``x.a`` / ``a, b = x``: the first use of ``x`` in
    ``body``, when nothing there tests ``x`` for None or truth (``parent`` is the call's);
    past uses by position only, its first use by a str key (``x[0]``, then ``x["k"]``)."""
    if parent is None or parent.type != "assignment":
        return None
    left = parent.child_by_field_id(F_LEFT)
    if left is None or left.type != "identifier" or parent.child_by_field_id(F_RIGHT) != call:
        return None
    var = _text(left)
    var_bytes = _bytes(left)  # (not ``Node.text``: a statement kept from an earlier parse)
    first: Node | None = None
    keyed: Node | None = None  # the first use by a str key after uses by position only
    stop = False
    # Every use of the name after the assignment, up to the end of the body, outside defs
    # and classes that do not also hold the assignment. The name is searched for in the
    # source and each hit looked up in the tree: walking the rest of the body node by node
    # cost more than anything else the extractor does per method.
    end = body.end_byte
    skips = pos.skips
    source = pos.source
    at = source.find(var_bytes, parent.end_byte, end)
    while at != -1:
        if skips and skips.holds_byte(at):
            at = source.find(var_bytes, at + 1, end)
            continue
        node = body.descendant_for_byte_range(at, at + len(var_bytes))
        at = source.find(var_bytes, at + 1, end)
        if node is None or node.type != "identifier" or _bytes(node) != var_bytes:
            continue  # part of a longer name, a string or a comment
        if scopes and scopes.apart(node, parent):
            continue
        up = node.parent
        if up is not None and up.type in TESTS:
            return None  # tested: may be handled
        if first is None:
            first = node
        if stop or keyed is not None:
            continue
        # past uses by position only (`r[0]` first, then `r["value"]`): any other use
        # (passed, tested, bound again) may have changed what the name holds
        use = value_use(node)
        if use == "str-key" and node is not first:
            keyed = node
        elif use != "int-index":
            stop = True
    if first is None:
        return None
    use = value_use(first)
    if use != "str-key" and keyed is not None:
        first, use = keyed, "str-key"
    if use is None:
        return None
    up = first.parent
    if use == "str-key" and up is not None:
        what = str_key(up) or "indexed"
    elif use == "pair" and up is not None:
        what = unpacked(up.child_by_field_id(F_LEFT) or up)
    else:
        kind = {"int-index": "indexed", "str-key": "indexed"}.get(use)
        what = kind or f"used with `.{use.split(':', 1)[1]}`"
    return f"stored in `{var}` and {what}"


_DOTTED = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")


def _callee(fn: Node | None, module_names: frozenset[str]) -> str | None:
    """``make_pair`` or ``util.make_pair`` (a module's function, through a name the module
    binds), not a class (``Point(...)``, whose result is no return), or None."""
    if fn is None or fn.type not in ("identifier", "attribute"):
        return None
    name = _text(fn)
    last = name.rpartition(".")[2]
    if last[:1].isupper() or name.partition(".")[0] not in module_names:
        return None
    return name if fn.type == "identifier" or _DOTTED.fullmatch(name) else None


def call_uses(
    caps: dict[str, list[Node]],
    own: Callable[[Node], bool],
    body: Node,
    pos: Positions,
    scopes: Scopes,
    bound: Callable[[], set[str] | frozenset[str]],
    module_names: frozenset[str],
) -> list[CallUse]:
    """``r = make_pair(...)`` then ``r["x"]``, ``make_pair(...)["x"]``, ``a, b = totals(...)``:
    calls of a name the module binds (``module_names``) and the function does not
    (``bound``, asked only when there is such a call), whose result is indexed by a str key
    or unpacked into names, in source order."""
    out: list[CallUse] = []
    local: set[str] | frozenset[str] | None = None
    for node in caps.get("asg", ()):
        right = node.child_by_field_id(F_RIGHT)
        if right is None or right.type != "call" or not own(node):
            continue
        name = _callee(right.child_by_field_id(F_FUNCTION), module_names)
        if name is None:
            continue
        if local is None:
            local = bound()
        if name.partition(".")[0] in local:
            continue
        left = node.child_by_field_id(F_LEFT)
        if left is None:
            continue
        if left.type in PATTERNS:
            use: str | None = unpacked(left)
        else:
            use = local_use(right, node, body, pos, scopes)
        if use is not None and (STR_KEY in use or UNPACKED_INTO in use):
            out.append(CallUse(name, pos.span(right), use))
    direct = caps.get("csub", ())
    for node in direct:  # `make_pair(a, b)["x"]`, the call indexed at once
        call = node.child_by_field_id(F_VALUE)
        fn = call.child_by_field_id(F_FUNCTION) if call is not None else None
        name = _callee(fn, module_names) if call is not None and own(node) else None
        if name is None or call is None:
            continue
        if local is None:
            local = bound()
        use = str_key(node)
        if name.partition(".")[0] not in local and use is not None:
            out.append(CallUse(name, pos.span(call), use))
    if direct:
        out.sort(key=lambda u: (u.span.line, u.span.col))
    return out
