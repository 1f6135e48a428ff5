"""V107 and V109: one value or a list, and positions counted from 0 or 1."""

from __future__ import annotations

from collections.abc import Iterator

from specls.findings import Finding
from specls.rules.values.common import q
from specls.rules.values.context import FunctionContext, ValueRule
from specls.values.facts import V
from specls.values.reading import MAP, READS, affine_of, read_of, view


def check_cardinality(fn: FunctionContext, rule: ValueRule) -> Iterator[Finding]:
    d = rule.d
    if d.cardinality == "one":
        for s in fn.stmts:
            if s.kind == "for" and read_of(s.value, d.field) is not None:
                yield from fn.emit(
                    rule,
                    "V107",
                    f"{q(d.field)} is iterated, but decision `{rule.entry.id}` says it is one "
                    "value, not a list (iterating it walks its keys or characters)",
                    s.value.span,
                    "cardinality",
                )
        for node, _, _ in fn.nodes():
            if (
                node.op == "sub"
                and node.args[1].op in ("num", "unary")
                and read_of(node.args[0], d.field) is not None
            ):
                yield from fn.emit(
                    rule,
                    "V107",
                    f"an item of {q(d.field)} is taken, but decision `{rule.entry.id}` says "
                    "it is one value, not a list",
                    node.span,
                    "cardinality",
                )
    for name, decided, spec_field in (
        (d.field, d.cardinality, "cardinality"),
        (d.to_field, d.to_cardinality, "to_cardinality"),
    ):
        if not name or not decided:
            continue
        for w in fn.writes():
            if w.name != name:
                continue
            got = _cardinality_of_value(fn, w.value)
            if got is not None and got != decided:
                what = "a single value" if got == "one" else "a list"
                want = "a list" if decided == "list" else "one value"
                yield from fn.emit(
                    rule,
                    "V107",
                    f"{q(name)} is given {what}, but decision `{rule.entry.id}` says it is {want}",
                    w.value.span,
                    spec_field,
                )


def _cardinality_of_value(fn: FunctionContext, v: V) -> str | None:
    base, _ = view(v)
    if base.op == "seq" and base.name in ("list", "tuple"):
        return "list"
    if base.op == "comp" and base.name in ("list", "gen"):
        return "list"
    if base.op == "call" and base.name in ("list", "sorted", "tuple") and base.args:
        return "list"
    if base.op in ("str", "num", "fstr", "dict"):
        return "one"
    if base.op in READS:
        return fn.cardinality_of(base.name)
    if (
        base.op == "sub"
        and base.args[1].op == "num"
        and cardinality_of_read(fn, base.args[0]) == "list"
    ):
        return "one"
    return None


def cardinality_of_read(fn: FunctionContext, v: V) -> str | None:
    base, _ = view(v)
    return fn.cardinality_of(base.name) if base.op in READS else None


# -- V108 -----------------------------------------------------------------------------------


def check_positions(fn: FunctionContext, rule: ValueRule) -> Iterator[Finding]:
    d = rule.d
    for node, _, _ in fn.nodes():
        if node.op != "sub" or node.args[1].op == "slice" or _mapping(node.args[0]):
            continue  # (a dict keyed by the numbers is no index)
        status, got = affine_of(node.args[1], d.field)
        if status != MAP or got is None or got.a != 1 or got.b.denominator != 1:
            continue
        shift = int(got.b)
        if d.index_base == 1 and shift == 0:
            problem = (
                f"{q(d.field)} is used as a 0-based index, but decision `{rule.entry.id}` "
                "says it counts from 1: subtract 1"
            )
        elif d.index_base == 0 and shift == -1:
            problem = (
                f"{q(d.field)} is shifted by -1 to index, but decision `{rule.entry.id}` says "
                "it already counts from 0"
            )
        else:
            continue
        yield from fn.emit(rule, "V109", problem, node.args[1].span, "index_base")
    for w in fn.writes():
        if w.name != d.field:
            continue
        shift = _position_shift(w.value)
        if shift is None or shift == d.index_base:
            continue
        yield from fn.emit(
            rule,
            "V109",
            f"{q(d.field)} is given a position counted from {shift} (`.index()` counts from 0"
            f"{'' if shift == 0 else ', plus 1'}), but decision `{rule.entry.id}` says it counts "
            f"from {d.index_base}",
            w.value.span,
            "index_base",
        )


def _mapping(v: V) -> bool:
    """Whether ``v`` is known to be a mapping: a dict literal or comprehension, ``dict()``,
    or a module constant holding one."""
    base, _ = view(v)
    if base.op == "dict" or (base.op == "comp" and base.name == "dict"):
        return True
    if base.op == "name" and base.extra == "dict":
        return True
    return base.op == "call" and base.name.rsplit(".", 1)[-1] in ("dict", "defaultdict")


_POSITIONS = frozenset({"index", "find", "rfind", "rindex"})


def _position_shift(v: V) -> int | None:
    """``items.index(x) + c``: c (a 0-based position shifted by a literal), else None."""
    base, _ = view(v)
    shift = 0
    if base.op == "bin" and base.name in ("+", "-") and base.args[1].op == "num":
        try:
            amount = int(base.args[1].name)
        except ValueError:
            return None
        shift = amount if base.name == "+" else -amount
        base = base.args[0]
    if base.op == "meth" and base.name in _POSITIONS and len(base.args) == 2:
        return shift
    return None
