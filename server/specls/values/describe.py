"""A value decision in words, its decided value first (what :func:`specls.render.decided`
gives for ``kind = "value"``): "`amount` is integer cents; becomes `total` in euros:
x / 100, rounded to 2 places"."""

from __future__ import annotations

from typing import Any

_TYPES = {
    "int": "integer",
    "float": "float",
    "str": "text",
    "bool": "boolean",
    "Decimal": "decimal",
    "date": "date",
    "datetime": "datetime",
    "time": "time",
}
_ALONE = {
    "int": "an integer",
    "float": "a float",
    "str": "text",
    "bool": "a boolean",
    "Decimal": "a Decimal",
    "date": "a date",
    "datetime": "a datetime",
    "time": "a time",
}


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return "None" if value == "None" else repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(_shown, value)) + "]"
    return repr(value)


def _what(type_: str | None, unit: str | None) -> str | None:
    if unit and type_:
        return f"{_TYPES.get(type_, type_)} {unit}"
    if unit:
        return unit
    return _ALONE.get(type_ or "", type_) if type_ else None


def _side(d: Any) -> list[str]:
    from specls.values.formats import describe

    parts = []
    what = _what(d.type, d.unit) if not d.pattern else None
    if what:
        parts.append(what)
    if d.format:
        parts.append(f"text in {describe(d.format)}")
    if d.timezone:
        parts.append(f"{d.timezone} time")
    if d.pattern:
        value = f" as {_ALONE.get(d.type, d.type)}" if d.type else ""
        parts.append(f"shaped `{d.pattern}` (its value: the group{value})")
    if d.true_values or d.false_values:
        true = ", ".join(map(_shown, d.true_values)) or "-"
        false = ", ".join(map(_shown, d.false_values)) or "-"
        parts.append(f"true when {true}, false when {false}")
    if d.map:
        codes = ", ".join(f"{k} = {_shown(v)}" for k, v in list(d.map.items())[:8])
        more = f" and {len(d.map) - 8} more" if len(d.map) > 8 else ""
        parts.append(f"a code: {codes}{more}")
    if d.cardinality:
        parts.append("one value" if d.cardinality == "one" else "a list")
    if d.index_base is not None:
        parts.append(f"counted from {d.index_base}")
    if d.decimal_separator:
        parts.append(f"written with the decimal separator {d.decimal_separator!r}")
    return parts


def _other_side(d: Any) -> list[str]:
    from specls.values.formats import describe

    parts = []
    if d.to_unit or d.to_type:
        unit = f"in {d.to_unit}" if d.to_unit else None
        typed = _ALONE.get(d.to_type or "", d.to_type) if d.to_type else None
        parts.append(" ".join(p for p in (typed, unit) if p))
    if d.to_format:
        parts.append(f"as text in {describe(d.to_format)}")
    if d.to_timezone:
        parts.append(f"in {d.to_timezone} time")
    if d.to_cardinality:
        parts.append("one value" if d.to_cardinality == "one" else "a list")
    return parts


def decided_value(d: Any) -> str:
    """The decided value of a value decision in one line."""
    parts = _side(d)
    text = f"`{d.field}`" + (f" is {', '.join(parts)}" if parts else "")
    if d.absent is not None:
        text += f"{';' if parts else ''} may be missing (missing means {_shown(d.absent)})"
    if d.to_field:
        text += f"; becomes `{d.to_field}`"
        for phrase in _other_side(d):
            text += (" " if phrase.startswith(("in ", "as ")) else ", ") + phrase
        how = d.convert
        if how is None and d.unit and d.to_unit:
            from specls.values.convert import unit_conversion

            known = unit_conversion(d.unit, d.to_unit)
            how = known.text() if known is not None else None
        if how:
            text += f": {how}"
        if d.round is not None:
            text += f"{',' if how else ':'} rounded to {d.round} place{'s' if d.round != 1 else ''}"
    if d.scope:
        text += f" (in `{d.scope}`)"
    return text
