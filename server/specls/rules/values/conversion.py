"""V101: a field becomes its counterpart without the decided conversion."""

from __future__ import annotations

from collections.abc import Iterator

from specls.findings import Finding
from specls.rules.values.common import q
from specls.rules.values.context import FunctionContext, ValueRule
from specls.values.reading import MAP, affine_of, augmented


def check_conversion(fn: FunctionContext, rule: ValueRule) -> Iterator[Finding]:
    d = rule.d
    conv = rule.conversion
    assert conv is not None
    units = f" ({d.unit or q(d.field)} to {d.to_unit or q(d.to_field)})"
    sides = [(d.to_field, d.field, conv, "forward")]
    back = conv.inverse()
    if back is not None and d.field != d.to_field:
        sides.append((d.field, d.to_field, back, "back"))
    for target, source, expected, direction in sides:
        if augmented(fn.stmts, target):
            continue
        for w in fn.writes():
            if w.name != target:
                continue
            status, got = affine_of(w.value, source)
            if status != MAP or got is None or got.constant:
                continue
            problem = None
            if not got.same_map(expected):
                how = "as it is" if got.a == 1 and not got.b else f"as {got.text()}"
                problem = (
                    f"{q(target)} is given {q(source)} {how}, but decision "
                    f"`{rule.entry.id}` makes it {expected.text()}{units}"
                )
            elif direction == "forward":
                places = rule.places()
                if places and got.mode in ("trunc", "floor"):
                    problem = (
                        f"{q(target)} is given {q(source)} {got.text()}, which drops the "
                        f"fraction; decision `{rule.entry.id}` rounds it to {places} places"
                    )
                elif places is not None and got.places is not None and got.places != places:
                    problem = (
                        f"{q(target)} is given {q(source)} rounded to {got.places} "
                        f"places, but decision `{rule.entry.id}` rounds it to {places}"
                    )
            if problem:
                yield from fn.emit(
                    rule, "V101", problem, w.value.span, "convert" if d.convert else "to_unit"
                )


# -- V102 -----------------------------------------------------------------------------------
