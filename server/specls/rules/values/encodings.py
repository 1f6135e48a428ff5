"""V105 and V108: encodings of booleans and codes, against the decided values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from specls.findings import Finding
from specls.rules.values.common import (
    fold,
    literals,
    literals_one,
    outcomes,
    q,
    same_value,
    show,
    tested,
)
from specls.rules.values.context import FunctionContext, ValueRule
from specls.values import shapes
from specls.values.facts import V
from specls.values.reading import is_read, read_of, view


def check_booleans(fn: FunctionContext, rule: ValueRule) -> Iterator[Finding]:
    d = rule.d
    listed = [*d.true_values, *d.false_values]
    decided = (
        f"true is {', '.join(map(show, d.true_values)) or '-'}, false is "
        f"{', '.join(map(show, d.false_values)) or '-'}"
    )
    truthy_false = [v for v in d.false_values if v not in ("", 0, False)]
    for node, parents, stmt in fn.nodes():
        if (
            node.op == "cmp"
            and len(node.args) == 2
            and node.name in ("==", "!=", "in", "not in", "is", "is not")
        ):
            for side, other in ((node.args[0], node.args[1]), (node.args[1], node.args[0])):
                base, folding = view(side)
                if not is_read(base, d.field):
                    continue
                values = literals(other) if node.name in ("in", "not in") else literals_one(other)
                if values is None:
                    continue
                allowed = {fold(v, folding) for v in listed}
                missing = [
                    v for v in values if v is not None and fold(v, folding) not in allowed
                ]  # (a comparison with None tests presence, not the encoding)
                if missing:
                    yield from fn.emit(
                        rule,
                        "V105",
                        f"{q(d.field)} is compared with {show(missing[0])}, which decision "
                        f"`{rule.entry.id}` does not list ({decided})",
                        other.span,
                        "true_values",
                    )
        elif truthy_false and tested(node, parents, stmt) and read_of(node, d.field) is not None:
            yield from fn.emit(
                rule,
                "V105",
                f"{q(d.field)} is tested for truth, but {show(truthy_false[0])} means false "
                f"and is truthy ({decided}): compare it with the values",
                node.span,
                "false_values",
            )
        elif (
            truthy_false
            and node.op == "call"
            and node.name == "bool"
            and len(node.args) == 1
            and read_of(node.args[0], d.field) is not None
        ):
            yield from fn.emit(
                rule,
                "V105",
                f"`bool()` of {q(d.field)} is true for {show(truthy_false[0])}, which means "
                f"false ({decided}): compare it with the values",
                node.span,
                "false_values",
            )
        elif node.op in ("sub", "meth") and _table_on(node, d.field) is not None:
            table = _table_on(node, d.field)
            assert table is not None
            for code, _ in table:
                try:
                    key = shapes.literal(code)
                except shapes.Unknown:
                    continue
                if not any(same_value(key, v) for v in listed):
                    yield from fn.emit(
                        rule,
                        "V105",
                        f"{q(d.field)} is looked up with the key {show(key)}, which decision "
                        f"`{rule.entry.id}` does not list ({decided})",
                        code.span,
                        "true_values",
                    )
    for w in fn.writes():
        if w.name == d.to_field and d.to_type == "bool" and read_of(w.value, d.field) is not None:
            yield from fn.emit(
                rule,
                "V105",
                f"{q(d.to_field)} is given {q(d.field)} as it is (its text: {decided}), but "
                f"decision `{rule.entry.id}` makes it a bool",
                w.value.span,
                "to_type",
            )
        elif w.name == d.field:
            for lit in outcomes(w.value):
                try:
                    value = shapes.literal(lit)
                except shapes.Unknown:
                    continue
                if not any(same_value(value, v) for v in listed):
                    yield from fn.emit(
                        rule,
                        "V105",
                        f"{q(d.field)} is written as {show(value)}, which decision "
                        f"`{rule.entry.id}` does not list ({decided})",
                        lit.span,
                        "true_values",
                    )


# -- V106 -----------------------------------------------------------------------------------


def check_codes(fn: FunctionContext, rule: ValueRule) -> Iterator[Finding]:
    d = rule.d
    decided = {str(k): v for k, v in d.map.items()}
    shown = ", ".join(f"{k} = {show(v)}" for k, v in list(decided.items())[:6])
    for node, _, _ in fn.nodes():
        table = _table_on(node, d.field, conversions=True)
        if table is not None:
            members = {_enum_member(val) for _, val in table} - {None}
            vocabulary = {str(v).lower() for v in decided.values()}
            enum_ok = bool(members & vocabulary)
            for code, value in table:
                try:
                    key = shapes.literal(code)
                except shapes.Unknown:
                    continue
                want = decided.get(_code_text(key))
                if want is None:
                    continue
                got = _outcome_text(value, enum_ok)
                if got is None or got == str(want).lower():
                    continue
                yield from fn.emit(
                    rule,
                    "V108",
                    f"code {show(key)} of {q(d.field)} is mapped to {_show_outcome(value)}, but "
                    f"decision `{rule.entry.id}` says {_code_text(key)} means {show(want)} "
                    f"({shown})",
                    value.span,
                    "map",
                )
    inverse: dict[str, str] = {}
    for k, v in decided.items():
        inverse.setdefault(str(v).lower(), k)
    if len(inverse) != len(decided):
        return
    for w in fn.writes():
        if w.name != d.field:
            continue
        table = _lookup(w.value)
        if table is None:
            continue
        for key, value in table:
            try:
                meaning, code = shapes.literal(key), shapes.literal(value)
            except shapes.Unknown:
                continue
            want = inverse.get(str(meaning).lower())
            if want is None or _code_text(code) == want:
                continue
            yield from fn.emit(
                rule,
                "V108",
                f"{show(meaning)} is written as code {show(code)} of {q(d.field)}, but "
                f"decision `{rule.entry.id}` says {show(meaning)} is code {want} ({shown})",
                value.span,
                "map",
            )


# -- V109 -----------------------------------------------------------------------------------


def _table_on(v: V, name: str, conversions: bool = False) -> list[tuple[V, V]] | None:
    """The entries (code, value) of a lookup of the field in a literal table: ``T[x]``,
    ``T.get(x, ...)``, an if/elif or match chain, a chain of conditional expressions."""
    key: V | None = None
    entries: list[tuple[V, V]] | None = None
    if (v.op == "sub" and v.args[0].op == "dict") or (
        v.op == "meth" and v.name == "get" and len(v.args) >= 2 and v.args[0].op == "dict"
    ):
        key, entries = v.args[1], _pairs(v.args[0])
    elif v.op == "table" and v.extra:
        key, entries = v.args[0], list(v.extra)
    elif v.op == "cond":
        found = _cond_chain(v)
        if found is not None:
            key, entries = found
    if key is None or entries is None:
        return None
    base = key
    if conversions:
        for _ in range(5):
            if base.op == "call" and base.name in ("int", "str") and len(base.args) == 1:
                base = base.args[0]
            else:
                break
    base, _ = view(base)
    return entries if is_read(base, name) else None


def _pairs(d: V) -> list[tuple[V, V]]:
    return [(d.args[i], d.args[i + 1]) for i in range(0, len(d.args) - 1, 2) if d.args[i].op != "?"]


def _cond_chain(v: V) -> tuple[V, list[tuple[V, V]]] | None:
    """``"closed" if x == 1 else ("open" if x == 2 else "pending")``: (x, entries)."""
    key: V | None = None
    entries: list[tuple[V, V]] = []
    for _ in range(20):
        if v.op != "cond":
            break
        body, test, orelse = v.args
        if test.op != "cmp" or test.name != "==" or len(test.args) != 2:
            return None
        left, right = test.args
        if key is None:
            key = left
        elif left is not key:
            return None
        entries.append((right, body))
        v = orelse
    return (key, entries) if key is not None and entries else None


def _lookup(v: V) -> list[tuple[V, V]] | None:
    """The entries of a literal table looked up (by anything) in a written value."""
    base, _ = view(v)
    if base.op == "sub" and base.args[0].op == "dict":
        return _pairs(base.args[0])
    if (
        base.op == "meth"
        and base.name == "get"
        and len(base.args) >= 2
        and base.args[0].op == "dict"
    ):
        return _pairs(base.args[0])
    if base.op == "table" and base.extra:
        return list(base.extra)
    return None


def _code_text(key: Any) -> str:
    return str(key).lower() if isinstance(key, bool) else str(key)


def _enum_member(v: V) -> str | None:
    """``State.CLOSED`` (or ``State.CLOSED.value``): ``closed``."""
    if v.op == "attr" and v.name == "value" and v.args:
        v = v.args[0]
    if v.op == "attr" and v.args and v.args[0].op in ("name", "attr"):
        return v.name.lower()
    return None


def _outcome_text(v: V, enum_ok: bool) -> str | None:
    try:
        value = shapes.literal(v)
    except shapes.Unknown:
        member = _enum_member(v)
        return member if enum_ok else None
    return str(value).lower() if value is not None else None


def _show_outcome(v: V) -> str:
    try:
        return show(shapes.literal(v))
    except shapes.Unknown:
        member = _enum_member(v)
        return f"`{member.upper()}`" if member else "another value"
