"""Functions' flow and what they return (module functions, and what methods share)."""

from __future__ import annotations

from collections.abc import Callable

from tree_sitter import Node

from specls.extract.params import param_reaches, reached_params, read_parameters
from specls.extract.positions import Positions, Scopes
from specls.extract.query import Captures
from specls.extract.syntax import (
    by_start,
    decorators_of,
    doc_col,
    docstring_of,
    is_falsy_literal,
    string_value,
    targets_of,
)
from specls.extract.uses import call_uses
from specls.extract.values import Values
from specls.facts import (
    Flow,
    Gives,
    MethodFacts,
)
from specls.flow import flow
from specls.grammar import (
    F_ATTRIBUTE,
    F_BODY,
    F_KEY,
    F_LEFT,
    F_NAME,
    F_OBJECT,
    F_PARAMETERS,
    F_RETURN_TYPE,
    F_RIGHT,
)
from specls.kinds import (
    parse_type,
)
from specls.nodetext import node_text as _text


def function_flow(
    body: Node,
    caps: dict[str, list[Node]],
    own: Callable[[Node], bool],
    pos: Positions,
    docstring: tuple[str | None, Node | None],
) -> Flow:
    """``docstring`` is what :func:`docstring_of` gives for ``body`` (the caller has it)."""
    doc, doc_node = docstring
    return flow(
        body, caps, own, pos.span, (doc, doc_node) if doc and doc_node else None, doc_col(pos)
    )


def assigned_locals(
    caps: dict[str, list[Node]], own: Callable[[Node], bool], shadowed: frozenset[str]
) -> dict[str, set[str] | None]:
    """The locals a function's own body binds: each name with the kinds of every value
    assigned to it (None once one is unknown, or bound by ``for``, ``with``, unpacking ...)."""
    assigned: dict[str, set[str] | None] = {}
    values = Values(shadowed, {})
    for node in sorted([*caps.get("asg", []), *caps.get("bind", [])], key=by_start):
        if not own(node):
            continue
        t = node.type
        if t != "assignment":
            if t in _BINDS_ALL:  # every name in it is bound
                children = node.named_children
            else:  # a loop binds the names on its left only
                left = node.child_by_field_id(F_LEFT)
                children = [left] if left is not None else []
            for child in children:
                for target in targets_of(child) if child.type != "block" else []:
                    if target.type == "identifier":
                        assigned[_text(target)] = None
            continue
        left = node.child_by_field_id(F_LEFT)
        right = node.child_by_field_id(F_RIGHT)
        if left is not None and left.type == "identifier" and right is not None:
            name = _text(left)
            kinds, is_none, _ = values.classify(right)
            prev = assigned.get(name, set())
            if prev is not None and not is_none:
                assigned[name] = None if kinds is None else prev | kinds
        elif left is not None:
            for target in targets_of(left):
                if target.type == "identifier":
                    assigned[_text(target)] = None
    return assigned


#: ``bind`` captures that bind every name in them (the others, loops, their left side only).
_BINDS_ALL = frozenset({"named_expression", "with_item", "except_clause"})


def module_function(
    fn: Node, stmt: Node, pos: Positions, captures: Captures, shadowed: frozenset[str]
) -> MethodFacts:
    """A module-level function with its flow (no ``self``: only exits and checks) and the
    kind it returns; ``stmt`` is the top-level statement defining it (``fn``, or its
    decorated definition)."""
    name_node = fn.child_by_field_id(F_NAME)
    facts = MethodFacts(_text(name_node), pos.span(name_node), decorators_of(stmt))
    facts.returns = _text(fn.child_by_field_id(F_RETURN_TYPE))
    body = fn.child_by_field_id(F_BODY)
    docstring = docstring_of(body)
    facts.params, facts.signature = read_parameters(
        fn.child_by_field_id(F_PARAMETERS), pos, docstring[0]
    )
    if body is not None:
        caps = captures.within(body)
        nested = [*caps.get("class", []), *caps.get("fn", [])]
        scopes = Scopes([(n.start_byte, n.end_byte, False) for n in nested])

        def own(node: Node) -> bool:
            return not scopes or scopes.innermost(node.start_byte) < 0

        facts.flow = function_flow(body, caps, own, pos, docstring)
        names = reached_params(facts.params, True)
        if names:
            facts.reaches = param_reaches(names, caps, own, pos, str)
        found: list[dict[str, set[str] | None]] = []

        def assigned() -> dict[str, set[str] | None]:  # (read only when asked, once)
            if not found:
                found.append(assigned_locals(caps, own, shadowed))
            return found[0]

        def bound() -> set[str]:
            names = {*assigned(), *(p.name for p in facts.params)}
            return names | {
                _text(n.child_by_field_id(F_NAME)) for n in nested if n.type != "lambda"
            }

        facts.call_uses = call_uses(caps, own, body, pos, scopes, bound, shadowed)
        rets = caps.get("ret")
        if rets and not any(own(n) for n in caps.get("yield", ())):
            returns = [n for n in rets if own(n)]

            def values() -> Values:  # (`return rows`: the locals, read only then)
                return Values(shadowed, {k: frozenset(v) for k, v in assigned().items() if v})

            facts.gives = returned_kind(fn, facts.decorators, returns, values, None, str, pos)
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


def returned_kind(
    fn: Node,
    decorators: list[str],
    returns: list[Node],
    values: Values | Callable[[], Values],
    self_name: str | None,
    mangle: Callable[[str], str],
    pos: Positions,
) -> Gives | None:
    """The kind ``fn`` returns (``returns``: its own ``return`` statements, ``values`` what
    classifies them in its body, or what makes that when a name is returned), when its
    annotation names one or every value returned has one and the same (``None`` aside);
    ``return self._x`` stands for attribute ``_x``. A generator, a coroutine or a function
    decorated otherwise than by :data:`_TRANSPARENT` returns something else: None."""
    annotation = fn.child_by_field_id(F_RETURN_TYPE)
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
    sizes: set[int] | None = set()
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
            obj = value.child_by_field_id(F_OBJECT)
            if obj is not None and obj.type == "identifier" and _text(obj) == self_name:
                written = _text(value.child_by_field_id(F_ATTRIBUTE))
                name = mangle(written)
                if kinds is not None or (attr and attr != name):
                    return None
                attr, first, falsy = name, first or node, False
                what = f"returns `{self_name}.{written}`"
                continue
        if t in _NOT_A_KIND:  # (what classify could not tell, told without it)
            return None
        if not isinstance(values, Values):
            values = values()
        found, is_none, found_what = values.classify(value)
        if is_none:
            continue
        if found is None or attr or (kinds is not None and found != kinds):
            return None
        if kinds is None:
            what = f"returns {found_what}"
        kinds, first = found, first or node
        falsy = falsy and t in _FALSY_TYPES and is_falsy_literal(value)
        if sizes is not None:
            size = literal_size(value)
            sizes = None if size is None else sizes | {size}
    if first is None:
        return None
    return Gives(kinds, what, pos.span(first), attr, falsy, sizes=tuple(sorted(sizes or ())))


def literal_size(node: Node) -> int | None:
    """How many items a tuple or list literal holds, or keys a dict literal: None when the
    source does not tell (``*rest``, ``**more``, a key that is not a literal, a repeated
    key's value may differ: ``{a: 1, b: 2}`` may have one key)."""
    t = node.type
    if t in ("tuple", "list", "expression_list"):
        items = [c for c in node.named_children if c.type != "comment"]
        if any(c.type in ("list_splat", "parenthesized_list_splat") for c in items):
            return None
        return len(items)
    if t != "dictionary":
        return None
    keys: set[str] = set()
    for pair in node.named_children:
        if pair.type == "comment":
            continue
        key = pair.child_by_field_id(F_KEY) if pair.type == "pair" else None
        value = string_value(key) if key is not None and key.type == "string" else None
        if value is None and (key is None or key.type != "integer"):
            return None  # (`**more`, a name, an f-string)
        if value is None:
            try:
                value = str(int(_text(key).replace("_", ""), 0))
            except ValueError:
                return None
            value = f"int {value}"
        keys.add(value)
    return len(keys)


#: Returned expressions of no kind :class:`Values` can tell.
_NOT_A_KIND = frozenset(
    {"attribute", "subscript", "await", "lambda", "generator_expression", "yield", "ellipsis"}
)


_FALSY_TYPES = frozenset({"integer", "float", "false", "string"})
