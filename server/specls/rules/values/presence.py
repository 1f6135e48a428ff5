"""V104: a field that may be missing, read as if always present."""

from __future__ import annotations

from collections.abc import Iterator

from specls.findings import Finding
from specls.rules.values.common import q, same_value, show
from specls.rules.values.context import FunctionContext, ValueRule
from specls.values import shapes
from specls.values.facts import Stmt, V
from specls.values.reading import incoming


def check_absent(fn: FunctionContext, rule: ValueRule) -> Iterator[Finding]:
    d = rule.d
    meaning = show(d.absent)
    for node, parents, stmt in fn.nodes():
        if node.name != d.field:
            continue
        parent = parents[-1] if parents else None
        if node.op == "key":
            how, guarded = node.extra
            if how == "sub":
                if guarded or not incoming(node.args[0]):
                    continue
                if stmt.kind == "test" and stmt.value is node:
                    continue
                yield from fn.emit(
                    rule,
                    "V104",
                    f"{q(d.field)} is read as if always present, but decision "
                    f"`{rule.entry.id}` says it may be missing (missing means {meaning}): "
                    f'use `.get("{d.field}", {meaning})`',
                    node.span,
                    "absent",
                )
                continue
            default = node.args[1] if len(node.args) > 1 else None
        elif node.op == "attr" and node.extra == "getattr" and len(node.args) > 1:
            default = node.args[1]
        else:
            continue
        if default is None:
            if (
                parent is not None
                and parent.op == "bool"
                and parent.name == "or"
                and parent.args[0] is node
            ):
                default = parent.args[1]
            elif not _none_hurts(node, parent, stmt):
                continue
        shown = "None (no default)" if default is None else None
        try:
            value = shapes.literal(default) if default is not None else None
        except shapes.Unknown:
            continue
        if same_value(value, d.absent):
            continue
        shown = shown or show(value)
        yield from fn.emit(
            rule,
            "V104",
            f"a missing {q(d.field)} is taken as {shown}, but decision `{rule.entry.id}` "
            f"says missing means {meaning}",
            (default or node).span,
            "absent",
        )


# -- V105 -----------------------------------------------------------------------------------


def _none_hurts(node: V, parent: V | None, stmt: Stmt) -> bool:
    """Whether a ``None`` from ``.get(key)`` is used as a value (arithmetic, a number's
    constructor, written or returned as it is), not tested."""
    if parent is None:
        return stmt.kind in ("return",)
    if parent.op in ("bin", "unary") and parent.name != "not":
        return True
    if parent.op == "call" and parent.name.rsplit(".", 1)[-1] in (
        "int",
        "float",
        "Decimal",
        "round",
    ):
        return True
    if parent.op == "dict":
        index = next((i for i, a in enumerate(parent.args) if a is node), -1)
        return index >= 0 and index % 2 == 1
    if parent.op in ("call", "meth") and parent.extra and any(v is node for _, v in parent.extra):
        return parent.name[:1].isupper()  # a model built with it: Order(discount=None)
    return False
