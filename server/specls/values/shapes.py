"""Decided shapes, tried on samples: strings an id ``pattern`` accepts (``CUST-00042``), or
numbers written with a decimal separator (``12,50``), and what the code's string operations
make of them.

The code is never run. Its operations on a field's text (slices, ``split(...)[i]``,
``replace``, ``strip``, ``removeprefix`` …, then ``int()``) are read from the facts and
applied here, by specls, to the samples; every argument is a literal of the code, and every
step is bounded. When an operation is not one of those, nothing is concluded.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from re import _constants as _c
from re import _parser

from specls.records import record
from specls.values.facts import V

#: The longest sample made, and the most repetitions of one part taken.
MAX_SAMPLE = 200
MAX_REPEAT = 20
#: The longest literal argument an operation takes (a replace of a megabyte is not one).
MAX_ARG = 200


class Unknown(Exception):
    """An operation that cannot be applied here (not one of those read)."""


@record(frozen=True)
class Sample:
    """A string the pattern accepts and the text of its value part."""

    text: str
    value: str


def samples(pattern: str) -> list[Sample]:
    """A few strings ``pattern`` fully matches, each with its value group's text (the group
    named ``value``, else the first group, else the whole string). Digits vary between the
    samples, and one has leading zeros, so that a wrong slice or sign shows."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = _parser.parse(pattern, 0)
    except (re.error, RecursionError, OverflowError):
        return []
    group = tree.state.groupdict.get("value", 1 if tree.state.groups > 1 else 0)
    out = []
    for variant in range(3):
        maker = _Maker(variant, group)
        try:
            maker.emit(list(tree))
        except (Unknown, RecursionError):
            return []
        text = "".join(maker.out)
        value = text if group == 0 else maker.group_text
        if len(text) <= MAX_SAMPLE and value is not None:  # (a branch without the group)
            out.append(Sample(text, value))
    return out


class _Maker:
    """Writes one string the parsed pattern matches (``variant`` picks the characters)."""

    def __init__(self, variant: int, group: int) -> None:
        self.variant = variant
        self.group = group
        self.out: list[str] = []
        self.group_text: str | None = None
        self.count = 0

    def emit(self, nodes: list, depth: int = 0) -> None:
        if depth > 60 or len(self.out) > MAX_SAMPLE:
            raise Unknown
        for op, av in nodes:
            if op is _c.LITERAL:
                self.out.append(chr(av))
            elif op is _c.IN:
                self.out.append(self._char(av))
            elif op is _c.ANY:
                self.out.append("x")
            elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
                low, high, item = av
                extra = 0 if high == low else (2, 1, 0)[self.variant]
                times = low + extra if high is _c.MAXREPEAT else min(low + extra, high)
                for _ in range(min(times, MAX_REPEAT)):
                    self.emit(list(item), depth + 1)
            elif op is _c.SUBPATTERN:
                gid, _, _, item = av
                start = len(self.out)
                self.emit(list(item), depth + 1)
                if gid == self.group:
                    self.group_text = "".join(self.out[start:])
            elif op is _c.BRANCH:
                branches = av[1]
                pick = branches[0] if self.variant != 2 else branches[-1]
                self.emit(list(pick), depth + 1)
            elif op is _c.AT:
                continue
            else:
                raise Unknown

    def _char(self, items: list) -> str:
        """A character of a class: a digit that varies, else the first one the class takes."""
        digits = "00042" if self.variant == 0 else "13579" if self.variant == 1 else "86420"
        for op, av in items:
            if (op is _c.CATEGORY and av is _c.CATEGORY_DIGIT) or (
                op is _c.RANGE and av[0] <= ord("0") and ord("9") <= av[1]
            ):
                self.count += 1
                return digits[(self.count - 1) % len(digits)]
        for op, av in items:
            if op is _c.LITERAL:
                return chr(av)
            if op is _c.RANGE:
                return chr(av[0])
            if op is _c.CATEGORY:
                return {_c.CATEGORY_WORD: "a", _c.CATEGORY_SPACE: " "}.get(av, "a")
        raise Unknown


# -- applying the code's string operations ---------------------------------------------------


def literal(v: V) -> object:
    """The value of a literal V (str, int, float, bool, None); raises :class:`Unknown`."""
    if v.op == "str":
        if len(v.name) > MAX_ARG:
            raise Unknown
        return v.name
    if v.op == "num":
        try:
            return int(v.name.replace("_", ""), 0)
        except ValueError:
            raise Unknown from None
    if v.op == "const":
        return {"True": True, "False": False, "None": None}[v.name]
    if v.op == "unary" and v.name == "-" and v.args and v.args[0].op == "num":
        value = literal(v.args[0])
        if isinstance(value, int):
            return -value
    if v.op == "call" and v.name == "len" and len(v.args) == 1 and v.args[0].op == "str":
        return len(v.args[0].name)
    raise Unknown


def _index(v: V) -> int:
    value = literal(v)
    if not isinstance(value, int) or isinstance(value, bool):
        raise Unknown
    return value


def _text(v: V) -> str:
    value = literal(v)
    if not isinstance(value, str):
        raise Unknown
    return value


#: Methods applied to a string with literal arguments: name -> (argument count, function).
_METHODS: dict[str, Callable[..., object]] = {
    "strip": lambda s, *a: s.strip(*a),
    "lstrip": lambda s, *a: s.lstrip(*a),
    "rstrip": lambda s, *a: s.rstrip(*a),
    "upper": lambda s: s.upper(),
    "lower": lambda s: s.lower(),
    "casefold": lambda s: s.casefold(),
    "removeprefix": lambda s, p: s.removeprefix(p),
    "removesuffix": lambda s, p: s.removesuffix(p),
    "replace": lambda s, a, b, *n: s.replace(a, b, *n),
    "split": lambda s, *a: s.split(*a),
    "rsplit": lambda s, *a: s.rsplit(*a),
    "partition": lambda s, sep: s.partition(sep),
    "rpartition": lambda s, sep: s.rpartition(sep),
    "zfill": lambda s, n: s.zfill(n),
}


def apply(v: V, is_source: Callable[[V], bool], text: str, depth: int = 0) -> object:
    """What the expression ``v`` gives when the field read that ``is_source`` recognises
    holds ``text``: a string, a list of strings, an int or a Decimal. Raises
    :class:`Unknown` for anything not followed, and ``ValueError`` where the code itself
    would raise (``int("CUST-00042")``)."""
    if depth > 30:
        raise Unknown
    if is_source(v):
        return text
    op = v.op
    if op == "via":
        return apply(v.args[0], is_source, text, depth + 1)
    if op == "meth" and v.name in _METHODS and not v.extra:
        recv = apply(v.args[0], is_source, text, depth + 1)
        if not isinstance(recv, str):
            raise Unknown
        args = [_argument(a, is_source, text, depth) for a in v.args[1:]]
        if v.name == "zfill" and (not args or not isinstance(args[0], int) or args[0] > 100):
            raise Unknown
        try:
            return _METHODS[v.name](recv, *args)
        except TypeError:
            raise Unknown from None
    if op == "sub":
        recv = apply(v.args[0], is_source, text, depth + 1)
        index = v.args[1]
        if not isinstance(recv, str | list | tuple):
            raise Unknown
        if index.op == "slice":
            lo, hi, step = (
                None if p.op == "const" and p.name == "None" else _index(p) for p in index.args
            )
            if step is not None:
                raise Unknown
            return recv[lo:hi]
        i = _index(index)
        return recv[i]  # (an IndexError is the code's own)
    if op == "call" and len(v.args) == 1 and not v.extra:
        inner = apply(v.args[0], is_source, text, depth + 1)
        if v.name == "int":
            if not isinstance(inner, str | int):
                raise Unknown
            return int(inner) if isinstance(inner, int) else _int(inner)
        if v.name == "str" and isinstance(inner, str | int):
            return str(inner)
        if v.name in ("float", "Decimal") and isinstance(inner, str):
            return _decimal(inner)
        raise Unknown
    if op == "meth" and v.name == "join" and len(v.args) == 2 and v.args[0].op == "str":
        return _join_filtered(v, is_source, text, depth)
    if op == "fstr":
        return "".join(_part(p, is_source, text, depth) for p in v.args)
    if op == "bin" and v.name == "+":
        left = apply(v.args[0], is_source, text, depth + 1)
        right = apply(v.args[1], is_source, text, depth + 1)
        if isinstance(left, str) and isinstance(right, str):
            return left + right
        raise Unknown
    if op == "bool" and v.name == "or":
        left = apply(v.args[0], is_source, text, depth + 1)
        return left or apply(v.args[1], is_source, text, depth + 1)
    if op in ("str", "num", "const"):
        return literal(v)
    raise Unknown


def _argument(a: V, is_source: Callable[[V], bool], text: str, depth: int) -> object:
    value = literal(a)
    if isinstance(value, str) and len(value) > MAX_ARG:
        raise Unknown
    return value


def _part(p: V, is_source: Callable[[V], bool], text: str, depth: int) -> str:
    if p.op == "str":
        return p.name
    if p.op == "fmt" and not p.name:
        value = apply(p.args[0], is_source, text, depth + 1)
        if isinstance(value, str | int):
            return str(value)
    raise Unknown


def _join_filtered(v: V, is_source: Callable[[V], bool], text: str, depth: int) -> str:
    """``"".join(c for c in s if c.isdigit())`` and ``"".join(filter(str.isdigit, s))``."""
    sep, gen = v.args[0].name, v.args[1]
    if gen.op == "call" and gen.name == "filter" and len(gen.args) == 2:
        test, source = gen.args
        if (
            test.op == "attr"
            and test.args
            and test.args[0].op == "name"
            and test.args[0].name == "str"
        ):
            chars = apply(source, is_source, text, depth + 1)
            if isinstance(chars, str) and test.name in _CHAR_TESTS:
                return sep.join(c for c in chars if _CHAR_TESTS[test.name](c))
    raise Unknown


_CHAR_TESTS: dict[str, Callable[[str], bool]] = {
    "isdigit": str.isdigit,
    "isnumeric": str.isnumeric,
    "isalnum": str.isalnum,
    "isalpha": str.isalpha,
}


def _int(text: str) -> int:
    if len(text) > 100:
        raise Unknown
    return int(text)  # raises ValueError as the code would


def _decimal(text: str) -> Decimal:
    """``float(text)`` as an exact Decimal; ValueError where float() raises."""
    if len(text) > 100:
        raise Unknown
    try:
        value = Decimal(text.strip().replace("_", ""))
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


# -- numbers written with a decimal separator ---------------------------------------------------


def number_samples(separator: str) -> list[tuple[str, Decimal]]:
    """Numbers written with ``separator`` and their values (no thousands separators: a
    decision on the decimal separator says nothing of them)."""
    return [
        (f"12{separator}50", Decimal("12.50")),
        (f"1234{separator}05", Decimal("1234.05")),
        ("3", Decimal(3)),
    ]


def numbers_written(separator: str) -> Iterator[Decimal]:
    """Values to write when checking what a producer writes (``12.5`` is written ``12,5``)."""
    yield Decimal("12.5")
    yield Decimal("1234.05")


def render(v: V, value: Decimal | int, is_source: Callable[[V], bool]) -> str:
    """The text a producer's expression writes when the value it formats (the read
    ``is_source`` recognises) is ``value``; raises :class:`Unknown`."""
    return _render(v, value, is_source, 0)


_INT_SPEC = re.compile(r"0?[0-9]{0,2}d?")
#: ``"CUST-%05d" % n``, ``"%.2f" % x``, ``"%s" % x``: one conversion, a bounded width.
_PERCENT = re.compile(r"([^%]*)%(0?[0-9]{0,2}(?:\.[0-9]{1,2})?)([dfs])([^%]*)")
_FLOAT_SPEC = re.compile(r"[0-9]{0,2}\.[0-9]{1,2}f|")


def _render(v: V, value: Decimal | int, is_source: Callable[[V], bool], depth: int) -> str:
    if depth > 20:
        raise Unknown
    if is_source(v):
        return _plain(value)
    op = v.op
    if op == "via":
        return _render(v.args[0], value, is_source, depth + 1)
    if op == "str":
        return v.name
    if op == "fstr":
        out = []
        for p in v.args:
            if p.op == "str":
                out.append(p.name)
            elif p.op == "fmt":
                out.append(_format(p.args[0], p.name, value, is_source, depth))
            else:
                raise Unknown
        return "".join(out)
    if op == "call" and v.name == "str" and len(v.args) == 1:
        return _render(v.args[0], value, is_source, depth + 1)
    if op == "call" and v.name == "format" and len(v.args) == 2 and v.args[1].op == "str":
        return _format(v.args[0], v.args[1].name, value, is_source, depth)
    if op == "bin" and v.name == "+":
        return _render(v.args[0], value, is_source, depth + 1) + _render(
            v.args[1], value, is_source, depth + 1
        )
    if op == "bin" and v.name == "%" and v.args[0].op == "str":
        m = _PERCENT.fullmatch(v.args[0].name)
        if m is None or not is_source(_unwrap(v.args[1])):
            raise Unknown
        spec, kind = m.group(2), m.group(3)
        if kind == "d" and isinstance(value, int):
            text = format(value, spec + "d")
        elif kind == "f":
            text = format(value, spec + "f")
        elif kind == "s" and not spec:
            text = _plain(value)
        else:
            raise Unknown
        return f"{m.group(1)}{text}{m.group(4)}"
    if op == "meth" and v.name == "zfill" and len(v.args) == 2:
        width = literal(v.args[1])
        if not isinstance(width, int) or width > 100:
            raise Unknown
        return _render(v.args[0], value, is_source, depth + 1).zfill(width)
    if op == "meth" and v.name == "replace" and len(v.args) == 3:
        a, b = _text(v.args[1]), _text(v.args[2])
        return _render(v.args[0], value, is_source, depth + 1).replace(a, b)
    raise Unknown


def _unwrap(v: V) -> V:
    while v.op in ("via", "call") and v.args and (v.op == "via" or v.name == "int"):
        v = v.args[0]
    return v


def _format(
    inner: V, spec: str, value: Decimal | int, is_source: Callable[[V], bool], depth: int
) -> str:
    if not is_source(_unwrap(inner)):
        text = _render(inner, value, is_source, depth + 1)
        if spec:
            raise Unknown
        return text
    if isinstance(value, int) and _INT_SPEC.fullmatch(spec):
        return format(value, spec)
    if _FLOAT_SPEC.fullmatch(spec):
        return format(value, spec) if spec else _plain(value)
    raise Unknown


def _plain(value: Decimal | int) -> str:
    """``str()`` of the value as a float or int would print it."""
    if isinstance(value, int):
        return str(value)
    return repr(float(value))
