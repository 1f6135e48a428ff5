"""``convert`` expressions (``x / 100``, ``round(x * 0.01, 2)``), parsed with Python's grammar
and never evaluated, as an affine map ``a * x + b`` with the rounding applied last.

The same arithmetic reads the code's side (:mod:`specls.values.reading`), so the decided map
and the code's are compared as exact fractions: ``x / 100``, ``x * 0.01``,
``Decimal(x) / Decimal("100")`` and ``x / 10 ** 2`` are one map. What is not affine
(``x * x``, ``100 / x``) is valid but cannot be compared: the decision's other checks still
run (S008 says so).
"""

from __future__ import annotations

import ast
import re
from decimal import Decimal
from fractions import Fraction

from specls.records import record

#: The longest ``convert`` read, and how deep its expression may nest.
MAX_CHARS = 200
MAX_DEPTH = 20
#: The largest exponent in ``10 ** n`` taken, and the most decimal places rounded to.
MAX_EXPONENT = 30
MAX_PLACES = 12
#: A number's source: decimal, with an optional exponent (``1e-2``) or underscores.
_NUMBER = re.compile(
    r"[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][+-]?[0-9]{1,2})?|\.[0-9_]+(?:[eE][+-]?[0-9]{1,2})?"
)


class ConvertError(ValueError):
    """A ``convert`` that is not an arithmetic expression in ``x``."""


@record(frozen=True)
class Affine:
    """``a * x + b``, then rounded to ``places`` decimal places (``None``: not rounded).

    ``mode`` is how the last step rounds: ``round`` (to nearest), ``trunc`` (``int()``) or
    ``floor`` (``//``)."""

    a: Fraction
    b: Fraction = Fraction(0)
    places: int | None = None
    mode: str = ""

    @property
    def constant(self) -> bool:
        return self.a == 0

    def same_map(self, other: Affine) -> bool:
        return self.a == other.a and self.b == other.b

    def inverse(self) -> Affine | None:
        if self.a == 0:
            return None
        return Affine(1 / self.a, -self.b / self.a)

    def text(self) -> str:
        """The map in words: ``x / 100``, ``x * 100``, ``x - 1``, ``x``."""
        parts = "x"
        a, b = self.a, self.b
        if a != 1:
            if a.numerator == 1 and a.denominator != 1:
                parts = f"x / {a.denominator}"
            elif a.denominator == 1:
                parts = f"x * {a.numerator}"
            else:
                parts = f"x * {float(a):g}"
        if b:
            parts += f" {'+' if b > 0 else '-'} {_number_text(abs(b))}"
        if self.mode == "trunc":
            parts = f"int({parts})"
        elif self.mode == "floor":
            parts = f"floor({parts})"
        elif self.places is not None:
            parts = f"round({parts}, {self.places})" if self.places else f"round({parts})"
        return parts


IDENTITY = Affine(Fraction(1))


def _number_text(f: Fraction) -> str:
    return str(f.numerator) if f.denominator == 1 else f"{float(f):g}"


class NotAffine(Exception):
    """An expression that is arithmetic but not an affine map of x."""


def number(text: str) -> Fraction | None:
    """The exact value of a number's source text (``100``, ``0.01``, ``1e-2``), or None."""
    text = text.replace("_", "")
    if len(text) > 40 or not _NUMBER.fullmatch(text):
        return None
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        return None


def parse_convert(text: str) -> Affine | None:
    """The affine map of a ``convert`` expression; None when it is arithmetic in ``x`` but
    not affine. Raises :class:`ConvertError` for anything else."""
    if len(text) > MAX_CHARS:
        raise ConvertError(f"is longer than {MAX_CHARS} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as e:
        raise ConvertError(f"is not an expression in x ({getattr(e, 'msg', e)})") from None
    _validate(tree)
    try:
        return _affine(tree.body, 0)
    except NotAffine:
        return None


def _validate(tree: ast.Expression) -> None:
    """Refuse anything but x, numbers, arithmetic and the allowed calls, anywhere."""
    uses_x = False
    decimal_texts = {  # Decimal("0.01"): the one place a string may stand
        id(n.args[0])
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "Decimal"
        and len(n.args) == 1 and isinstance(n.args[0], ast.Constant)
    }  # fmt: skip
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if node.id not in _ALLOWED_CALLS and node.id != "x":
                raise ConvertError(
                    f"uses `{node.id[:40]}`: only x, numbers and arithmetic are allowed"
                )
            uses_x = uses_x or node.id == "x"
        elif isinstance(node, ast.Call):
            if not isinstance(node.func, ast.Name) or node.func.id not in _ALLOWED_CALLS:
                shown = ast.unparse(node.func)
                shown = shown if len(shown) < 40 else "a function"
                raise ConvertError(
                    f"calls `{shown}`: only round, int, float, Decimal and abs are allowed"
                )
            if node.keywords:
                raise ConvertError("passes keyword arguments")
        elif isinstance(node, ast.Constant):
            text = isinstance(node.value, str) and id(node) in decimal_texts
            if isinstance(node.value, bool) or not (isinstance(node.value, int | float) or text):
                raise ConvertError(
                    f"uses {node.value!r}: only x, numbers and arithmetic are allowed"
                )
        elif not isinstance(node, _ALLOWED_NODES):
            raise ConvertError(
                f"uses `{type(node).__name__}`: only x, numbers, + - * / // ** and round, int, "
                "float, Decimal and abs are allowed"
            )
    if not uses_x:
        raise ConvertError("does not use x (the field's value)")


_ALLOWED_NODES = (
    ast.Expression, ast.BinOp, ast.UnaryOp, ast.Load, ast.Add, ast.Sub, ast.Mult, ast.Div,
    ast.FloorDiv, ast.Pow, ast.USub, ast.UAdd,
)  # fmt: skip


_ALLOWED_CALLS = frozenset({"round", "int", "float", "Decimal", "abs"})


def _affine(node: ast.AST, depth: int) -> Affine:
    if depth > MAX_DEPTH:
        raise ConvertError(f"nests deeper than {MAX_DEPTH} levels")
    if isinstance(node, ast.Name):
        if node.id != "x":
            raise ConvertError(f"uses `{node.id}`: only x, numbers and arithmetic are allowed")
        return IDENTITY
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise ConvertError(f"uses {node.value!r}: only x, numbers and arithmetic are allowed")
        return Affine(
            Fraction(0),
            Fraction(repr(node.value)) if isinstance(node.value, float) else Fraction(node.value),
        )
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _affine(node.operand, depth + 1)
        _unrounded(inner)
        return Affine(-inner.a, -inner.b) if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        left, right = _affine(node.left, depth + 1), _affine(node.right, depth + 1)
        op = _OPS.get(type(node.op))
        if op is None:
            raise ConvertError(f"uses `{type(node.op).__name__}`: only + - * / // ** are allowed")
        return combine(op, left, right)
    if isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in _ALLOWED_CALLS:
            shown = ast.unparse(node.func)
            shown = shown if len(shown) < 40 else "a function"
            raise ConvertError(
                f"calls `{shown}`: only round, int, float, Decimal and abs are allowed"
            )
        if node.keywords:
            raise ConvertError("passes keyword arguments")
        name = node.func.id
        if (
            name == "Decimal"
            and len(node.args) == 1
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            value = number(node.args[0].value)
            if value is None:
                raise ConvertError(f"`Decimal({node.args[0].value!r})` is not a number")
            return Affine(Fraction(0), value)
        args = [_affine(a, depth + 1) for a in node.args]
        return call(name, args, [a.b if a.constant else None for a in args])
    raise ConvertError(f"uses `{type(node).__name__}`: only x, numbers and arithmetic are allowed")


_OPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Pow: "**"}


def _unrounded(v: Affine) -> None:
    if v.places is not None or v.mode:
        raise NotAffine  # arithmetic on a rounded value: not one map and a rounding


def combine(op: str, left: Affine, right: Affine) -> Affine:
    """``left op right`` (raises :class:`NotAffine` when the result is not affine)."""
    if op == "**":
        if not (left.constant and right.constant) or right.b.denominator != 1:
            raise NotAffine
        exponent = right.b.numerator
        if abs(exponent) > MAX_EXPONENT or abs(left.b) > 10**6 or (left.b == 0 and exponent < 0):
            raise NotAffine
        return Affine(Fraction(0), left.b**exponent)
    if not (left.constant and right.constant):
        _unrounded(left)
        _unrounded(right)
    if op in ("+", "-"):
        sign = 1 if op == "+" else -1
        return Affine(left.a + sign * right.a, left.b + sign * right.b)
    if op == "*":
        if left.constant:
            return Affine(left.b * right.a, left.b * right.b)
        if right.constant:
            return Affine(right.b * left.a, right.b * left.b)
        raise NotAffine
    if op in ("/", "//"):
        if not right.constant or right.b == 0:
            raise NotAffine
        out = Affine(left.a / right.b, left.b / right.b)
        return Affine(out.a, out.b, 0, "floor") if op == "//" else out
    raise NotAffine


def call(name: str, args: list[Affine], constants: list[Fraction | None]) -> Affine:
    """``round``/``int``/``float``/``Decimal``/``abs`` of affine arguments."""
    if name in ("float", "Decimal") and len(args) == 1:
        return args[0]
    if name == "int" and len(args) == 1:
        inner = args[0]
        _unrounded(inner)
        return Affine(inner.a, inner.b, 0, "trunc")
    if name == "round" and len(args) in (1, 2):
        inner = args[0]
        _unrounded(inner)
        places = 0
        if len(args) == 2:
            n = constants[1]
            if n is None or n.denominator != 1 or not 0 <= n.numerator <= MAX_PLACES:
                raise NotAffine
            places = n.numerator
        return Affine(inner.a, inner.b, places, "round")
    raise NotAffine


#: Units whose ratio specls knows, for a decision with units but no ``convert``:
#: (dimension, size in the dimension's base unit).
_UNITS: dict[str, tuple[str, Decimal]] = {
    **{u: ("money", Decimal("0.01")) for u in ("cent", "cents", "centimos", "pence", "penny")},
    **{u: ("money", Decimal(1)) for u in ("euro", "euros", "eur", "dollar", "dollars", "usd")},
    **{u: ("money", Decimal(1)) for u in ("pound", "pounds", "gbp")},
    **{u: ("time", Decimal("0.001")) for u in ("ms", "millisecond", "milliseconds")},
    **{u: ("time", Decimal(1)) for u in ("s", "sec", "second", "seconds")},
    **{u: ("time", Decimal(60)) for u in ("min", "minute", "minutes")},
    **{u: ("time", Decimal(3600)) for u in ("h", "hour", "hours")},
    **{u: ("length", Decimal("0.001")) for u in ("mm", "millimetre", "millimetres")},
    **{u: ("length", Decimal("0.01")) for u in ("cm", "centimetre", "centimetres")},
    **{u: ("length", Decimal(1)) for u in ("m", "metre", "metres", "meter", "meters")},
    **{u: ("length", Decimal(1000)) for u in ("km", "kilometre", "kilometres")},
    **{u: ("mass", Decimal(1)) for u in ("g", "gram", "grams")},
    **{u: ("mass", Decimal(1000)) for u in ("kg", "kilogram", "kilograms")},
    **{u: ("ratio", Decimal("0.01")) for u in ("percent", "%", "pct")},
    **{u: ("ratio", Decimal("0.0001")) for u in ("basis points", "bp", "bps")},
    **{u: ("ratio", Decimal(1)) for u in ("fraction", "ratio")},
}


def unit_conversion(unit: str | None, to_unit: str | None) -> Affine | None:
    """``x * ratio`` between two units specls knows (cents to euros: x / 100)."""
    if not unit or not to_unit:
        return None
    a, b = _UNITS.get(unit.strip().lower()), _UNITS.get(to_unit.strip().lower())
    if a is None or b is None or a[0] != b[0] or a[1] == b[1]:
        return None
    return Affine(Fraction(a[1]) / Fraction(b[1]))
