"""Invariant expressions of the spec, parsed with Python's grammar and never evaluated.

``parse_invariant("0 <= self.pct <= 100")`` gives the conditions specls can check; anything
else is reported as unsupported (S008) rather than guessed at. Supported shapes:

- ``self.x >= 0``, ``0 <= self.x <= 100`` (bounds are literal numbers, not names);
- ``self.x is not None``;
- ``len(self.x) <= 10``, ``len(self.x) > 0``;
- ``self.x in {"open", "closed"}`` (a literal set, tuple or list);
- ``sorted(self.x)``, ``unique(self.x)``, ``frozen(self.x)``;
- any of these joined with ``and``. ``NAME`` (a module-level name) may stand for ``self.x``.
"""

from __future__ import annotations

import ast
import operator
from typing import Any

from specls.records import record

_FLIP = {ast.Lt: ">", ast.LtE: ">=", ast.Gt: "<", ast.GtE: "<="}
_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">="}
_COMPARE = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
PREDICATES = ("sorted", "unique", "frozen")
#: The longest invariant expression read. Python's parser and ``ast`` read and print
#: expressions by recursion: a long one (``self.a + self.a + ...``, 100k terms) exhausts the
#: stack or memory; a real invariant is a line. Longer ones are S008, unsupported.
MAX_EXPR_CHARS = 1000


@record(frozen=True)
class Condition:
    """One checkable condition on ``subject`` (an attribute of self, or a module name).

    ``form`` is ``bound`` (``subject op value``), ``len`` (``len(subject) op value``),
    ``not-none``, ``one-of`` (``values``), ``sorted``, ``unique`` or ``frozen``."""

    subject: str
    on_self: bool
    form: str
    op: str = ""
    value: Any = None
    values: tuple[Any, ...] = ()
    text: str = ""

    def holds_for(self, value: Any) -> bool | None:
        """Whether a literal value satisfies the condition; None when it cannot say."""
        if self.form == "not-none":
            return value is not None
        if self.form == "one-of":
            return value in self.values
        if self.form == "bound" and _number(value):
            return _COMPARE[self.op](value, self.value)
        if self.form == "len" and isinstance(value, list | tuple | set | dict | str):
            return _COMPARE[self.op](len(value), self.value)
        return None

    def lower(self) -> bool:
        """A lower bound: decreasing the subject (or removing items) can break it."""
        return self.op in (">", ">=")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class Unsupported(ValueError):
    """The expression is valid Python but not a shape specls checks."""


def _subject(node: ast.expr) -> tuple[str, bool] | None:
    if (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    ):
        return node.attr, True
    if isinstance(node, ast.Name) and node.id != "self":
        return node.id, False
    return None


def _len_subject(node: ast.expr) -> tuple[str, bool] | None:
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "len"
        and len(node.args) == 1
        and not node.keywords
    ):
        return _subject(node.args[0])
    return None


def _constant(node: ast.expr) -> Any:
    """A literal value (via ``ast.literal_eval``: parsing, never running code)."""
    try:
        return ast.literal_eval(node)
    except ValueError:
        raise Unsupported(f"`{ast.unparse(node)}` is not a literal") from None


def _comparison(left: ast.expr, op: ast.cmpop, right: ast.expr, text: str) -> Condition:
    if isinstance(op, ast.IsNot) and isinstance(right, ast.Constant) and right.value is None:
        subject = _subject(left)
        if subject:
            return Condition(*subject, "not-none", text=text)
    if isinstance(op, ast.In) and isinstance(right, ast.Set | ast.Tuple | ast.List):
        subject = _subject(left)
        if subject:
            return Condition(
                *subject, "one-of", values=tuple(_constant(e) for e in right.elts), text=text
            )
    if type(op) in _OPS:
        for side, other, ops in ((left, right, _OPS), (right, left, _FLIP)):
            for getter, form in ((_subject, "bound"), (_len_subject, "len")):
                subject = getter(side)
                if subject:
                    value = _constant(other)
                    if not _number(value):
                        raise Unsupported(f"`{ast.unparse(other)}` is not a number")
                    return Condition(*subject, form, ops[type(op)], value, text=text)
    raise Unsupported(f"`{text}` is not a comparison specls can check")


def _conditions(node: ast.expr) -> list[Condition]:
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        return [c for v in node.values for c in _conditions(v)]
    text = ast.unparse(node)
    if isinstance(node, ast.Compare):
        out = []
        left = node.left
        for op, right in zip(node.ops, node.comparators, strict=True):
            out.append(_comparison(left, op, right, text))
            left = right
        return out
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in PREDICATES
        and len(node.args) == 1
    ):
        subject = _subject(node.args[0])
        if subject:
            return [Condition(*subject, node.func.id, text=text)]
    raise Unsupported(
        f"`{text}` is not a shape specls checks (comparisons with constants, `is not None`, "
        f"`len(...)` bounds, `in` a literal set, sorted(), unique(), frozen())"
    )


def parse_invariant(expr: str) -> list[Condition]:
    """The conditions of an invariant expression.

    Raises ``SyntaxError`` for invalid Python and :class:`Unsupported` for shapes not checked
    (and for expressions too long or too deeply nested to read).
    """
    text = expr.strip()
    if len(text) > MAX_EXPR_CHARS:
        raise Unsupported(f"the expression is longer than {MAX_EXPR_CHARS:,} characters")
    try:
        return _conditions(ast.parse(text, mode="eval").body)
    except (RecursionError, MemoryError):  # parsing, printing or reading a literal
        raise Unsupported("the expression is nested too deeply to read") from None


def literal_value(text: str) -> tuple[bool, Any]:
    """``(True, value)`` when ``text`` is the source of a literal, else ``(False, None)``."""
    if not text or len(text) > 80:
        return False, None
    try:
        return True, ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return False, None
