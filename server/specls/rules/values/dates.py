"""V102-V103: dates and times parsed or written with another format or zone."""

from __future__ import annotations

from collections.abc import Iterator

from specls.findings import Finding
from specls.rules.values.common import q
from specls.rules.values.context import FunctionContext, ValueRule
from specls.values import formats, shapes, zones
from specls.values.facts import V
from specls.values.reading import READS, view
from specls.values.times import Times, format_matches, parsed_field, written_format


def check_formats(fn: FunctionContext, rule: ValueRule) -> Iterator[Finding]:
    d = rule.d
    own = {n: f for n, f in ((d.field, d.format), (d.to_field, d.to_format)) if n and f}
    for node, _parents, _ in fn.nodes():
        parsed = parsed_field(node)
        if parsed is not None and parsed[0] in own:
            yield from _parse(fn, rule, node, parsed[0], own[parsed[0]])
        elif node.op in ("call", "meth") and node.name.rsplit(".", 1)[-1] == "strptime":
            yield from _parse_slice(fn, rule, node, own)
        elif node.op == "call" and node.name.rsplit(".", 1)[-1] in ("date", "datetime"):
            yield from _parts(fn, rule, node, own)
    for w in fn.writes():
        fmt = own.get(w.name)
        if fmt is None:
            continue
        written = written_format(w.value)
        base, _ = view(w.value)
        other = fn.format_of(base.name) if base.op in READS and base.name != w.name else None
        if other is not None and not formats.same(other, fmt):
            yield from fn.emit(
                rule,
                "V102",
                f"{q(w.name)} is given {q(base.name)} as it is, in {formats.describe(other)}, "
                f"but decision `{rule.entry.id}` says its format is {formats.describe(fmt)}",
                w.value.span,
                "format" if w.name == d.field else "to_format",
            )
        elif written is not None and not format_matches(written[0], fmt):
            shown = "`isoformat()`" if written[0].startswith("iso") else f"`{written[0]}`"
            yield from fn.emit(
                rule,
                "V102",
                f"{q(w.name)} is written as {shown}, but decision `{rule.entry.id}` "
                f"says its format is {formats.describe(fmt)}",
                w.value.span,
                "format" if w.name == d.field else "to_format",
            )
        elif written is None:
            assembled = _assembled(fn, w.value)
            if assembled is not None and not formats.same(assembled, fmt):
                yield from fn.emit(
                    rule,
                    "V102",
                    f"{q(w.name)} is written in the order `{assembled}`, but decision "
                    f"`{rule.entry.id}` says its format is {formats.describe(fmt)}",
                    w.value.span,
                    "format" if w.name == d.field else "to_format",
                )


def _parse(fn: FunctionContext, rule: ValueRule, node: V, name: str, fmt: str) -> Iterator[Finding]:
    called = node.name.rsplit(".", 1)[-1]
    args = node.args[1:] if node.op == "meth" else node.args
    spec_field = "format" if name == rule.d.field else "to_format"
    where = f"decision `{rule.entry.id}` says {q(name)} is {formats.describe(fmt)}"
    if called == "strptime":
        if len(args) < 2 or args[1].op != "str":
            return
        used = args[1].name
        if not formats.same(used, fmt):
            yield from fn.emit(
                rule,
                "V102",
                f"{q(name)} is parsed with `{used}`, but {where}",
                node.span,
                spec_field,
            )
    elif called in ("fromisoformat", "isoparse"):
        if not formats.iso_like(fmt):
            yield from fn.emit(
                rule,
                "V102",
                f"{q(name)} is parsed as ISO 8601 (`{called}`), but {where}",
                node.span,
                spec_field,
            )
    elif called == "parse" and _dateutil(fn, node):
        first = formats.day_first(fmt)
        if first is None or formats.year_first(fmt):
            return
        kwargs = dict(node.extra or ())
        flag = kwargs.get("dayfirst")
        given = flag is not None and flag.op == "const" and flag.name == "True"
        if flag is not None and flag.op != "const":
            return
        if first and not given:
            yield from fn.emit(
                rule,
                "V102",
                f"{q(name)} is parsed by dateutil month first (no `dayfirst=True`), but {where}",
                node.span,
                spec_field,
            )
        elif not first and given:
            yield from fn.emit(
                rule,
                "V102",
                f"{q(name)} is parsed by dateutil day first (`dayfirst=True`), but {where}",
                node.span,
                spec_field,
            )


def _parse_slice(
    fn: FunctionContext, rule: ValueRule, node: V, own: dict[str, str]
) -> Iterator[Finding]:
    """``strptime(text[:16], fmt)``: ``fmt`` against that part of the decided format."""
    args = node.args[1:] if node.op == "meth" else node.args
    if len(args) < 2 or args[1].op != "str" or args[0].op != "sub":
        return
    sliced, index = args[0].args
    base, _ = view(sliced)
    if index.op != "slice" or base.op not in READS or base.name not in own:
        return
    try:
        lo, hi, step = (None if p.op == "const" else shapes.literal(p) for p in index.args)
    except shapes.Unknown:
        return
    if step is not None or not all(isinstance(b, int | None) for b in (lo, hi)):
        return
    fmt = own[base.name]
    part = formats.cut(fmt, lo, hi)  # type: ignore[arg-type]
    used = args[1].name
    if part is None or formats.same(used, part):
        return
    yield from fn.emit(
        rule,
        "V102",
        f"part of {q(base.name)} is parsed with `{used}`, but that part of it is `{part}`: "
        f"decision `{rule.entry.id}` says {q(base.name)} is {formats.describe(fmt)}",
        node.span,
        "format" if base.name == rule.d.field else "to_format",
    )


def _dateutil(fn: FunctionContext, node: V) -> bool:
    if node.op == "call":
        root = node.name.split(".")[0]
        return fn.imports.get(root, root).startswith("dateutil")
    recv = node.args[0] if node.args else None
    if recv is None:
        return False
    if recv.op == "name":
        return fn.imports.get(recv.name, "").startswith("dateutil")
    return recv.op == "attr" and recv.name == "parser"


def _parts(fn: FunctionContext, rule: ValueRule, node: V, own: dict[str, str]) -> Iterator[Finding]:
    """``date(int(y), int(m), int(d))`` from the parts of a field's text."""
    args = list(node.args)
    parts: list[tuple[str, str, int] | None] = []
    if len(args) == 1 and args[0].op == "star":
        inner = args[0].args[0] if args[0].args else None
        source = (
            _split_source(inner.args[1])
            if inner is not None
            and inner.op == "call"
            and inner.name == "map"
            and len(inner.args) == 2
            else None
        )
        if source is None:
            return
        name, sep = source
        parts = [(name, sep, i) for i in range(3)]
    elif len(args) >= 3:
        for a in args[:3]:
            parts.append(_split_part(a))
    else:
        return
    if any(p is None for p in parts):
        return
    names = {p[0] for p in parts if p}
    seps = {p[1] for p in parts if p}
    if len(names) != 1 or len(seps) != 1:
        return
    name, sep = names.pop(), seps.pop()
    fmt = own.get(name)
    if fmt is None:
        return
    pieces = formats.split_parts(fmt, sep)
    if pieces is None:
        return
    wanted = (formats.YEAR, formats.MONTH, formats.DAY)
    order = []
    for (_, _, index), want in zip(parts, wanted, strict=False):  # type: ignore[misc]
        if not -len(pieces) <= index < len(pieces):
            return
        order.append(pieces[index])
        if pieces[index] not in want:
            yield from fn.emit(
                rule,
                "V102",
                f"`{node.name.rsplit('.', 1)[-1]}(...)` takes the parts of {q(name)} in the "
                f"order {', '.join('%' + p for p in [pieces[q[2]] for q in parts if q])}, but "
                f"decision `{rule.entry.id}` says {q(name)} is {formats.describe(fmt)} "
                "(year, month, day are wanted)",
                node.span,
                "format" if name == rule.d.field else "to_format",
            )
            return


def _assembled(fn: FunctionContext, v: V) -> str | None:
    """The format of an f-string made of slices or split parts of a dated field."""
    if v.op != "fstr":
        return None
    out = []
    for p in v.args:
        if p.op == "str":
            out.append(p.name.replace("%", "%%"))
            continue
        if p.op != "fmt" or p.name:
            return None
        inner = p.args[0]
        piece = None
        if inner.op == "sub" and inner.args[1].op == "slice":
            base, _ = view(inner.args[0])
            if base.op in READS:
                fmt = fn.format_of(base.name)
                table = formats.slices(fmt) if fmt else None
                lo, hi = (
                    shapes.literal(x) if x.op != "const" else None for x in inner.args[1].args[:2]
                )  # type: ignore[misc]
                piece = (
                    table.get((lo, hi))
                    if table and isinstance(lo, int) and isinstance(hi, int)
                    else None
                )
        else:
            part = _split_part(inner)
            if part is not None:
                fmt = fn.format_of(part[0])
                pieces = formats.split_parts(fmt, part[1]) if fmt else None
                if pieces and -len(pieces) <= part[2] < len(pieces):
                    piece = pieces[part[2]]
        if piece is None:
            return None
        out.append("%" + piece)
    return "".join(out)


# -- V103 -----------------------------------------------------------------------------------


def check_zones(fn: FunctionContext) -> Iterator[Finding]:
    zoned = [r for r in fn.rules if r.d.timezone or r.d.to_timezone]
    if not zoned:
        return
    times = Times(fn.zone_of, fn.format_of, fn.imports)
    for node, _, _ in fn.nodes():
        if node.op == "meth" and node.name in ("astimezone", "replace", "localize"):
            times.moment(node)
    reported: set[int] = set()
    for event in times.events:
        origin = event.moment.origin
        zone = fn.zone_of(origin) if origin else None
        rule = fn.rule_for(origin, "timezone") if origin else None
        if rule is None or zone is None or id(event.node) in reported:
            continue
        reported.add(id(event.node))
        field_name = "timezone" if origin == rule.d.field else "to_timezone"
        if event.kind == "naive-converted":
            message = (
                f"{q(origin)} is parsed into a naive datetime and converted with "
                f"`astimezone()`, which takes it for this machine's local time; decision "
                f"`{rule.entry.id}` says it is {zone} time: attach the zone first "
                f'(`.replace(tzinfo=ZoneInfo("{zone}"))`)'
            )
        else:
            message = (
                f"{q(origin)} is given the zone {event.zone}, but decision "
                f"`{rule.entry.id}` says its times are {zone} time"
            )
        yield from fn.emit(rule, "V103", message, event.node.span, field_name)
    for w in fn.writes():
        zone = fn.zone_of(w.name)
        rule = fn.rule_for(w.name, "timezone")
        if zone is None or rule is None:
            continue
        field_name = "timezone" if w.name == rule.d.field else "to_timezone"
        written = written_format(w.value)
        if written is not None and written[1] is not None:
            m = times.moment(written[1])
            if m is None or m.zone is None or (m.zone != "local" and zones.same(m.zone, zone)):
                continue
            if written[0].startswith("iso") and m.aware:
                continue  # (an offset is written: the instant is right)
            made = "this machine's local time" if m.zone == "local" else f"{m.zone} time"
            yield from fn.emit(
                rule,
                "V103",
                f"{q(w.name)} is written as {made}, but decision `{rule.entry.id}` says "
                f'it is {zone} time: convert it first (`.astimezone(ZoneInfo("{zone}"))`)',
                w.value.span,
                field_name,
            )
            continue
        m = times.moment(w.value)
        if m is None or m.aware is not False:
            continue
        if m.zone not in (None, "local") and zones.same(m.zone, zone):  # type: ignore[arg-type]
            continue
        what = (
            f"a naive datetime of {q(m.origin)} ({m.zone} time)"
            if m.origin and m.zone
            else "a naive datetime (this machine's local time)"
        )
        yield from fn.emit(
            rule,
            "V103",
            f"{q(w.name)} is given {what}, but decision `{rule.entry.id}` says it is {zone} time",
            w.value.span,
            field_name,
        )


# -- V104 -----------------------------------------------------------------------------------


def _split_source(v: V) -> tuple[str, str] | None:
    """``text.split("/")`` of a field's text: (field, separator)."""
    if v.op == "meth" and v.name == "split" and len(v.args) == 2 and v.args[1].op == "str":
        base, _ = view(v.args[0])
        if base.op in READS:
            return base.name, v.args[1].name
    return None


def _split_part(v: V) -> tuple[str, str, int] | None:
    """``int(parts[2])`` of ``parts = text.split("/")``: (field, separator, index)."""
    for _ in range(5):
        if (v.op == "call" and v.name in ("int", "str") and len(v.args) == 1) or v.op == "via":
            v = v.args[0]
        else:
            break
    if v.op != "sub" or v.args[1].op != "num":
        return None
    recv = v.args[0]
    if recv.op == "call" and recv.name == "map" and len(recv.args) == 2:
        recv = recv.args[1]
    source = _split_source(recv)
    if source is None:
        return None
    try:
        index = shapes.literal(v.args[1])
    except shapes.Unknown:
        return None
    return (source[0], source[1], index) if isinstance(index, int) else None
