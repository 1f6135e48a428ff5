"""What the value checks share: how values are shown and compared."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from specls.values import shapes
from specls.values.facts import Stmt, V
from specls.values.reading import view


def q(name: str) -> str:
    """A field's name as the messages show it."""
    return f"`{name}`"


def show(value: Any) -> str:
    if isinstance(value, str):
        return "None" if value == "None" else repr(value)
    return repr(value)


def same_value(a: Any, b: Any) -> bool:
    """Equal as values: numbers numerically (a numeric string too), lists item by item."""
    if isinstance(b, str) and b == "None":
        return a is None
    if a is None or b is None:
        return a is b
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    na, nb = as_number(a), as_number(b)
    if na is not None and nb is not None:
        return na == nb
    if isinstance(a, list) or isinstance(b, list):
        return (
            isinstance(a, list)
            and isinstance(b, list)
            and len(a) == len(b)
            and all(map(same_value, a, b))
        )
    return a == b


def as_number(x: Any) -> Decimal | None:
    if isinstance(x, bool):
        return None
    if isinstance(x, int | float):
        return Decimal(str(x))
    if isinstance(x, str) and x.strip():
        try:
            return Decimal(x.strip())
        except ArithmeticError:
            return None
    return None


def literals(v: V) -> list[Any] | None:
    """The literals of a tuple, list or set literal (None when one is not a literal)."""
    if v.op == "seq":
        out = []
        for item in v.args:
            try:
                out.append(shapes.literal(item))
            except shapes.Unknown:
                return None
        return out
    if v.op == "str":
        return None  # `in "YS"`: a substring test, not a list of values
    return None


def literals_one(v: V) -> list[Any] | None:
    try:
        return [shapes.literal(v)]
    except shapes.Unknown:
        return None


def fold(value: Any, case: str) -> Any:
    if isinstance(value, str) and case:
        return value.upper() if case == "upper" else value.lower()
    return value


def tested(node: V, parents: tuple[V, ...], stmt: Stmt) -> bool:
    """Whether ``node`` is used for its truth: the whole condition, under ``not``, or an
    operand of ``and``/``or`` in one, or a conditional's test."""
    base, _ = view(node)
    if base is not node and node.op != "via":
        return False
    chain = [*parents, node]
    top = chain[0]
    if stmt.kind == "test" and stmt.value is top:
        return all(o.op == "bool" or (o.op == "unary" and o.name == "not") for o in chain[:-1])
    parent = parents[-1] if parents else None
    return parent is not None and parent.op == "cond" and parent.args[1] is node


def outcomes(v: V, depth: int = 0) -> list[V]:
    """The literals a written value can be: itself, or the branches of a conditional."""
    base, _ = view(v)
    if base.op == "cond" and depth < 20:
        return [*outcomes(base.args[0], depth + 1), *outcomes(base.args[2], depth + 1)]
    if base.op in ("str", "num", "const"):
        return [base]
    return []
