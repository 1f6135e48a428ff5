"""IANA time zone names: validated, and compared.

A name is valid when it is in the list specls ships (:mod:`specls.values.iana`) or in the
machine's own time zone database (``zoneinfo.available_timezones()``: the system's, or the
``tzdata`` package's). The shipped list makes validation the same on every machine, which a
spec file shared by a team needs (Windows and some containers have no database); the
machine's database adds zones newer than specls. Names are only compared, never loaded.
"""

from __future__ import annotations

from functools import cache

#: Names of UTC (and of zones fixed at UTC+0 with no daylight saving time).
UTC_NAMES = frozenset(
    {
        "UTC", "Etc/UTC", "Etc/UCT", "UCT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu",
        "GMT", "Etc/GMT", "Etc/GMT+0", "Etc/GMT-0", "Etc/GMT0", "GMT0", "GMT+0", "GMT-0",
        "Greenwich", "Etc/Greenwich", "Z",
    }
)  # fmt: skip


@cache
def known() -> frozenset[str]:
    """Every zone name taken (computed once: the machine's database is a directory walk)."""
    from specls.values.iana import NAMES

    names = set(NAMES)
    try:
        import zoneinfo

        names |= zoneinfo.available_timezones()
    except Exception:  # (no database, or one that cannot be read: the list alone)
        pass
    return frozenset(names)


def valid(name: str) -> bool:
    return name in known()


def canonical(name: str) -> str:
    """The name with every name of UTC made ``UTC``."""
    return "UTC" if name in UTC_NAMES else name


def same(a: str, b: str) -> bool:
    return canonical(a) == canonical(b)


def suggest(name: str) -> str | None:
    """The known name closest to ``name`` (a misspelling, a different case)."""
    import difflib

    lowered = {n.lower(): n for n in known()}
    if name.lower() in lowered:
        return lowered[name.lower()]
    close = difflib.get_close_matches(name, sorted(known()), n=1, cutoff=0.8)
    return close[0] if close else None
