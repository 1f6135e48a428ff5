"""Dates and times in the facts: the datetime an expression makes from a field (its zone, and
whether it carries one), the zone an expression names, and the format a written value has.

A :class:`Moment` follows a value from the field it was parsed from through ``replace(tzinfo=
…)``, ``localize``, ``astimezone`` and ``now()``; what it cannot tell it leaves ``None``.
"""

from __future__ import annotations

from collections.abc import Callable

from specls.records import record
from specls.values import formats
from specls.values.facts import V
from specls.values.reading import READS, view

#: Names of UTC objects: ``timezone.utc``, ``datetime.UTC``, ``pytz.utc``, ``tz.UTC``.
_UTC_ATTRS = frozenset({"utc", "UTC"})
#: Modules whose ``utc``/``UTC``/zone constructors are time zones.
_ZONE_MODULES = ("datetime", "pytz", "dateutil", "zoneinfo", "pendulum", "arrow")
_PARSERS = frozenset({"strptime", "fromisoformat", "parse", "isoparse"})


@record(frozen=True)
class Moment:
    """A datetime made from a field (``origin``; None for ``now()``): the zone its wall clock
    is in (``zone``: an IANA name, ``"local"`` for the machine's, None when unknown) and
    whether it carries a tzinfo (``aware``: None when unknown). ``made`` is the call that
    made it (the parse, the ``now()``)."""

    origin: str | None
    zone: str | None
    aware: bool | None
    made: V


@record(frozen=True)
class Event:
    """Something done to a datetime: ``kind`` is ``naive-converted`` (``astimezone`` of a
    naive one: Python takes it for the machine's local time) or ``attached`` (a zone given
    to a wall-clock time of another zone); ``zone`` the zone involved."""

    kind: str
    node: V
    moment: Moment
    zone: str | None


ZoneOf = Callable[[str], str | None]  # a field's decided zone
FormatOf = Callable[[str], str | None]  # a field's decided format


def zone_named(v: V, imports: dict[str, str]) -> str | None:
    """The zone an expression names: an IANA name, ``UTC``, ``local``; None if unknown."""
    if v.op in ("call", "meth"):
        fn = v.name.rsplit(".", 1)[-1]
        args = v.args[1:] if v.op == "meth" else v.args
        if fn in ("ZoneInfo", "timezone", "gettz", "get_timezone") and len(args) == 1:
            if args[0].op == "str":
                if fn == "timezone" and not _from(v, imports, "pytz"):
                    return None  # datetime.timezone(...) takes an offset, not a name
                return args[0].name
            return None
        if fn == "tzutc":
            return "UTC"
        if fn in ("tzlocal", "get_localzone"):
            return "local"
        return None
    if v.op == "attr" and v.name in _UTC_ATTRS:
        return "UTC"
    if v.op == "name" and v.name in _UTC_ATTRS:
        origin = imports.get(v.name, "")
        return "UTC" if origin.split(".")[0] in _ZONE_MODULES else None
    return None


def _from(v: V, imports: dict[str, str], module: str) -> bool:
    """Whether the called function comes from ``module`` (``pytz.timezone``, or a name
    imported from it)."""
    head = v.args[0] if v.op == "meth" and v.args else None
    if head is not None and head.op == "name":
        return imports.get(head.name, head.name).split(".")[0] == module
    if v.op == "call":
        root = v.name.split(".")[0]
        return imports.get(root, root).split(".")[0] == module
    return False


def parsed_field(v: V) -> tuple[str, V] | None:
    """(field, the parse call) when ``v`` parses a field's text into a datetime."""
    if v.op not in ("call", "meth"):
        return None
    fn = v.name.rsplit(".", 1)[-1]
    if fn not in _PARSERS:
        return None
    args = v.args[1:] if v.op == "meth" else v.args
    if not args:
        return None
    inner, _ = view(args[0])
    if inner.op in READS:
        return inner.name, inner
    return None


class Times:
    """Moments and events in one file, with the decided zones and formats of fields."""

    def __init__(self, zone_of: ZoneOf, format_of: FormatOf, imports: dict[str, str]) -> None:
        self.zone_of = zone_of
        self.format_of = format_of
        self.imports = imports
        self.events: list[Event] = []

    def moment(self, v: V, depth: int = 0) -> Moment | None:
        if depth > 30:
            return None
        op = v.op
        if op == "via":
            return self.moment(v.args[0], depth + 1)
        if op not in ("call", "meth"):
            return None
        fn = v.name.rsplit(".", 1)[-1]
        parsed = parsed_field(v)
        if parsed is not None:
            field = parsed[0]
            fmt = self._format_argument(v, fn) or self.format_of(field)
            aware = formats.zoned(fmt) if fmt else None
            return Moment(field, self.zone_of(field), aware, v)
        kwargs = dict(v.extra or ())
        if fn == "replace" and op == "meth" and "tzinfo" in kwargs:
            inner = self.moment(v.args[0], depth + 1)
            if inner is None:
                return None
            zone = zone_named(kwargs["tzinfo"], self.imports)
            self._attached(v, inner, zone)
            return Moment(inner.origin, zone, True, inner.made)
        if fn == "localize" and op == "meth" and len(v.args) == 2:
            inner = self.moment(v.args[1], depth + 1)
            if inner is None:
                return None
            zone = zone_named(v.args[0], self.imports)
            self._attached(v, inner, zone)
            return Moment(inner.origin, zone, True, inner.made)
        if fn == "astimezone" and op == "meth":
            inner = self.moment(v.args[0], depth + 1)
            if inner is None:
                return None
            if inner.aware is False:
                self.events.append(Event("naive-converted", v, inner, inner.zone))
            zone = zone_named(v.args[1], self.imports) if len(v.args) > 1 else "local"
            return Moment(inner.origin, zone, True, inner.made)
        if fn in ("now", "today", "utcnow") and op == "meth":
            args = v.args[1:]
            tz = kwargs.get("tz") or (args[0] if args else None)
            if fn == "utcnow":
                return Moment(None, "UTC", False, v)
            if tz is None:
                return Moment(None, "local", False, v)
            return Moment(None, zone_named(tz, self.imports), True, v)
        return None

    def _format_argument(self, v: V, fn: str) -> str | None:
        if fn != "strptime":
            return None
        args = v.args[1:] if v.op == "meth" else v.args
        return args[1].name if len(args) > 1 and args[1].op == "str" else None

    def _attached(self, node: V, inner: Moment, zone: str | None) -> None:
        from specls.values import zones

        if inner.aware is True or inner.zone in (None, "local") or zone in (None, "local"):
            return
        if not zones.same(inner.zone, zone):  # type: ignore[arg-type]
            self.events.append(Event("attached", node, inner, zone))


def written_format(v: V) -> tuple[str, V | None] | None:
    """The strftime format of a written value, with the datetime it formats:
    ``d.strftime("%d/%m/%Y")``, ``f"{d:%Y-%m-%d}"``, ``format(d, "%Y")``; ``"iso"`` or
    ``"iso "`` (``isoformat(" ")``) for ``isoformat()``. None when it is not one."""
    inner, _ = view(v)
    if inner.op == "meth" and inner.name == "strftime" and len(inner.args) == 2:
        fmt = inner.args[1]
        return (fmt.name, inner.args[0]) if fmt.op == "str" else None
    if inner.op == "call" and inner.name == "format" and len(inner.args) == 2:
        fmt = inner.args[1]
        if fmt.op == "str" and "%" in fmt.name:
            return fmt.name, inner.args[0]
        return None
    if inner.op == "meth" and inner.name == "isoformat":
        sep = "T"
        if len(inner.args) > 1:
            if inner.args[1].op != "str":
                return None
            sep = inner.args[1].name
        kwargs = dict(inner.extra or ())
        if "timespec" in kwargs or ("sep" in kwargs and kwargs["sep"].op != "str"):
            return None
        if "sep" in kwargs:
            sep = kwargs["sep"].name
        return ("iso" if sep == "T" else f"iso{sep}"), inner.args[0]
    if inner.op == "fstr":
        parts = [p for p in inner.args if p.op == "fmt"]
        if len(parts) == 1 and "%" in parts[0].name:
            text = "".join(p.name for p in inner.args)
            return text, parts[0].args[0]
    return None


def format_matches(written: str, decided: str) -> bool:
    """Whether text written as ``written`` (a format, or ``iso``) has the decided format."""
    if written.startswith("iso"):
        return formats.isoformat_writes(decided, written[3:] or "T")
    return formats.same(written, decided)
