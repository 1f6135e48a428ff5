"""What the value rules read in the facts: reads and writes of fields, the views of a read
that keep its value (``.strip()``, ``str()``), where a dict came from, and the code's
arithmetic on a field as an affine map (:mod:`specls.values.convert`'s).

Every walk is iterative and bounded (:data:`MAX_NODES` a statement), and what it cannot read
it calls unknown, never a guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from specls.records import record
from specls.span import Span
from specls.values.convert import IDENTITY, Affine, NotAffine, call, combine, number
from specls.values.facts import Stmt, V

#: The most nodes of one statement walked.
MAX_NODES = 5000
#: Reads of a field: a dict key, an attribute, a parameter.
READS = frozenset({"key", "attr", "param"})


def children(node: V) -> list[V]:
    """A node's children: its arguments, and a call's keyword values or a table's entries."""
    out: list[V] = list(node.args)
    if node.op in ("call", "meth") and node.extra:
        out += [v for _, v in node.extra]
    elif node.op == "table" and node.extra:
        out += [v for pair in node.extra for v in pair]
    return out


def walk(root: V) -> Iterator[tuple[V, tuple[V, ...]]]:
    """Every node under ``root`` (once each) with its ancestors, outermost first."""
    seen: set[int] = set()
    stack: list[tuple[V, tuple[V, ...]]] = [(root, ())]
    count = 0
    while stack and count < MAX_NODES:
        node, parents = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        count += 1
        yield node, parents
        inner = (*parents, node) if len(parents) < 200 else parents
        stack.extend((c, inner) for c in reversed(children(node)))


def is_read(v: V, name: str) -> bool:
    return v.op in READS and v.name == name


def reads(v: V, name: str) -> bool:
    """Whether ``v`` reads the field anywhere."""
    return any(is_read(n, name) for n, _ in walk(v))


#: Methods and calls that give back the same value (for a string: the same text, trimmed).
_KEEPING_METHODS = frozenset({"strip", "lstrip", "rstrip"})
_CASE_METHODS = frozenset({"upper", "lower", "casefold"})


def view(v: V) -> tuple[V, str]:
    """The read under views that keep a value (``.strip()``, ``str()``, a helper returning
    it) and the case applied on the way (``upper``/``lower``/"" for none)."""
    case = ""
    for _ in range(20):
        if v.op == "via" or (v.op == "meth" and v.name in _KEEPING_METHODS and len(v.args) == 1):
            v = v.args[0]
        elif v.op == "meth" and v.name in _CASE_METHODS and len(v.args) == 1:
            case = case or ("upper" if v.name == "upper" else "lower")
            v = v.args[0]
        elif v.op == "call" and v.name == "str" and len(v.args) == 1 and not v.extra:
            v = v.args[0]
        else:
            break
    return v, case


def read_of(v: V, name: str) -> V | None:
    """The read of ``name`` that ``v`` is a view of, or None."""
    inner, _ = view(v)
    return inner if is_read(inner, name) else None


# -- writes ---------------------------------------------------------------------------------


@record(frozen=True)
class Write:
    """A value given to a field: a dict key, a keyword argument, an attribute."""

    name: str
    value: V
    span: Span
    how: str  # "key" | "kwarg" | "attr"
    stmt: Stmt


def writes(stmt: Stmt) -> Iterator[Write]:
    """The writes of a statement: its store, and the dict literals and keyword arguments
    anywhere in its value."""
    for node, parents in walk(stmt.value):
        yield from node_writes(node, stmt, top=not parents)


def node_writes(node: V, stmt: Stmt, top: bool) -> Iterator[Write]:
    """The writes one node makes (``top``: the node is the statement's value, so the
    statement's own store is one)."""
    target = stmt.target
    if top and stmt.kind == "store" and target is not None and target.op in ("key", "attr"):
        yield Write(target.name, stmt.value, target.span, target.op, stmt)
    if node.op == "dict":
        args = node.args
        for i in range(0, len(args) - 1, 2):
            if args[i].op == "str":
                yield Write(args[i].name, args[i + 1], args[i].span, "key", stmt)
    elif node.op in ("call", "meth") and node.extra:
        for key, value in node.extra:
            if key != "**":
                yield Write(key, value, value.span, "kwarg", stmt)
    elif (
        node.op == "call"
        and node.name == "setattr"
        and len(node.args) == 3
        and node.args[1].op == "str"
    ):
        yield Write(node.args[1].name, node.args[2], node.args[1].span, "attr", stmt)


def augmented(stmts: list[Stmt], name: str) -> bool:
    """Whether the function changes ``name`` after writing it (``out["total"] /= 100``)."""
    return any(s.kind == "aug" and s.target is not None and s.target.name == name for s in stmts)


# -- where a dict came from ---------------------------------------------------------------------

#: Calls whose result is data from outside (parsed JSON, a request's body).
_LOADERS = frozenset({"loads", "load", "json", "get_json", "safe_load", "parse_obj"})


def incoming(recv: V) -> bool:
    """Whether ``recv`` is data received from outside: a parameter, an item of one, a
    value read from one, or parsed JSON; not a dict the function builds."""
    for _ in range(20):
        if recv.op == "param":
            return recv.name not in ("self", "cls")
        if recv.op == "iter" or (recv.op in ("key", "sub") and recv.args):
            recv = recv.args[0]
            continue
        return recv.op in ("call", "meth") and recv.name.rsplit(".", 1)[-1] in _LOADERS
    return False


# -- the code's arithmetic on a field -------------------------------------------------------------

NONE, MAP, UNKNOWN = "none", "map", "unknown"


class _Unknown(Exception):
    pass


class _Absent(Exception):
    pass


def affine_of(v: V, name: str) -> tuple[str, Affine | None]:
    """What ``v`` does to the field ``name``: (``map``, the affine map), (``none``, None) when
    it does not read the field, or (``unknown``, None)."""
    try:
        return MAP, _affine(v, name, 0)
    except _Absent:
        return NONE, None
    except (_Unknown, NotAffine):
        return (UNKNOWN if reads(v, name) else NONE), None


def _affine(v: V, name: str, depth: int) -> Affine:
    if depth > 40:
        raise _Unknown
    op = v.op
    if op in READS and v.name == name:
        return IDENTITY
    if op == "num":
        value = number(v.name)
        if value is None:
            raise _Unknown
        return Affine(Fraction(0), value)
    if op == "via":
        return _affine(v.args[0], name, depth + 1)
    if op == "unary" and v.name in ("-", "+"):
        inner = _affine(v.args[0], name, depth + 1)
        return combine("*", Affine(Fraction(0), Fraction(-1 if v.name == "-" else 1)), inner)
    if op == "bin" and v.name in ("+", "-", "*", "/", "//", "**"):
        return combine(
            v.name, _affine(v.args[0], name, depth + 1), _affine(v.args[1], name, depth + 1)
        )
    if op == "call" and not v.extra:
        fn = v.name.rsplit(".", 1)[-1]
        if fn == "Decimal" and len(v.args) == 1 and v.args[0].op == "str":
            value = number(v.args[0].name)
            if value is None:
                raise _Unknown
            return Affine(Fraction(0), value)
        if fn == "str" and len(v.args) == 1:
            return _affine(v.args[0], name, depth + 1)  # (only under a number's constructor)
        if fn in ("int", "float", "Decimal", "round") and v.args:
            args = [_affine(a, name, depth + 1) for a in v.args]
            inner = args[0]
            if fn in ("int", "float", "Decimal") and (inner.places is not None or inner.mode):
                return inner  # a rounded value made an int or a Decimal: still rounded
            return call(fn, args, [a.b if a.constant else None for a in args])
    if op == "call" and v.name.rsplit(".", 1)[-1] == "Decimal" and len(v.args) == 1:
        return _affine(v.args[0], name, depth + 1)
    if op == "meth":
        recv = v.args[0] if v.args else None
        if recv is None:
            raise _Unknown
        if v.name == "quantize" and len(v.args) >= 2:
            places = _places(v.args[1])
            inner = _affine(recv, name, depth + 1)
            if places is None or inner.places is not None or inner.mode:
                raise _Unknown
            return Affine(inner.a, inner.b, places, "round")
        if v.name == "scaleb" and len(v.args) == 2:
            exponent = _affine(v.args[1], name, depth + 1)
            if not exponent.constant or exponent.b.denominator != 1 or abs(exponent.b) > 30:
                raise _Unknown
            return combine(
                "*",
                _affine(recv, name, depth + 1),
                Affine(Fraction(0), Fraction(10) ** int(exponent.b)),
            )
        if v.name in ("to_integral_value", "to_integral") and len(v.args) == 1:
            inner = _affine(recv, name, depth + 1)
            return Affine(inner.a, inner.b, 0, "round")
    if not reads(v, name):
        raise _Absent
    raise _Unknown


def _places(v: V) -> int | None:
    """Decimal places of ``Decimal("0.01")`` (2), ``Decimal("1")`` (0)."""
    if v.op == "call" and v.name.rsplit(".", 1)[-1] == "Decimal" and len(v.args) == 1:
        text = v.args[0].name if v.args[0].op == "str" else None
        if text is not None and number(text) is not None:
            return len(text.split(".", 1)[1]) if "." in text else 0
    return None


# -- scope --------------------------------------------------------------------------------------


def in_scope(scope: str | None, module: str, where: str) -> bool:
    """Whether the code at ``where`` (a function's qualified name) of ``module`` is within
    ``scope`` (a module, package, class or function, dotted; a suffix is enough)."""
    if not scope:
        return True
    dotted = f"{module}.{where}" if where else module
    return f".{scope}." in f".{dotted}."
