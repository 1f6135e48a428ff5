"""strftime formats: validated, compared, and read for the order of their parts.

A format is a list of tokens: directives (``%d``) and literal text. Two formats are the same
when their tokens are, with the padding flags of strftime (``%-d``, ``%#d``) taken as the
directive itself: ``strptime("%d/%m/%Y")`` reads what ``%-d/%-m/%Y`` writes.
"""

from __future__ import annotations

#: Directives Python's strptime and strftime both take (``%:z`` since 3.12 is taken too).
DIRECTIVES = frozenset("aAwdbBmyYHIpMSfzZjUWcxXGuV%")
#: The longest format read.
MAX_CHARS = 100
#: Fixed widths of directives, for formats read by slicing (``s[0:4]`` is the year).
WIDTHS = {"Y": 4, "m": 2, "d": 2, "H": 2, "M": 2, "S": 2, "y": 2, "I": 2, "j": 3, "f": 6, "p": 2}
YEAR, MONTH, DAY = frozenset("Yy"), frozenset("mbB"), frozenset("d")
_ZONED = frozenset("zZ")


class FormatError(ValueError):
    """A format that strftime would not read as meant."""


def tokens(fmt: str) -> tuple[tuple[str, str], ...]:
    """``("dir", "d")`` and ``("lit", "/")`` tokens (padding flags dropped); raises
    :class:`FormatError` for an unknown directive or a lone ``%``."""
    out: list[tuple[str, str]] = []
    i = 0
    literal = ""
    while i < len(fmt):
        ch = fmt[i]
        if ch != "%":
            literal += ch
            i += 1
            continue
        i += 1
        if i < len(fmt) and fmt[i] in "-#":  # glibc's and Windows' no-padding flags
            i += 1
        if i < len(fmt) and fmt[i] == ":" and fmt[i + 1 : i + 2] == "z":
            i += 1
        if i >= len(fmt):
            raise FormatError("ends with a lone `%`")
        d = fmt[i]
        if d not in DIRECTIVES:
            raise FormatError(f"uses `%{d}`, which is not a strftime directive")
        i += 1
        if d == "%":
            literal += "%"
            continue
        if literal:
            out.append(("lit", literal))
            literal = ""
        out.append(("dir", d))
    if literal:
        out.append(("lit", literal))
    return tuple(out)


def validate(fmt: str) -> None:
    """Raise :class:`FormatError` for a format that is not a usable strftime format."""
    if len(fmt) > MAX_CHARS:
        raise FormatError(f"is longer than {MAX_CHARS} characters")
    if not any(kind == "dir" for kind, _ in tokens(fmt)):
        raise FormatError("has no % directive (a strftime format such as `%d/%m/%Y`)")


def same(a: str, b: str) -> bool:
    """Whether two formats read and write the same text."""
    try:
        return tokens(a) == tokens(b)
    except FormatError:
        return a == b


def zoned(fmt: str) -> bool:
    """Whether the format carries an offset or zone (``%z``, ``%Z``)."""
    try:
        return any(kind == "dir" and v in _ZONED for kind, v in tokens(fmt))
    except FormatError:
        return False


def has_date(fmt: str) -> bool:
    try:
        return any(kind == "dir" and v in YEAR | MONTH | DAY for kind, v in tokens(fmt))
    except FormatError:
        return False


def day_first(fmt: str) -> bool | None:
    """Whether the day comes before the month (None: the format has not both)."""
    try:
        dirs = [v for kind, v in tokens(fmt) if kind == "dir"]
    except FormatError:
        return None
    day = next((i for i, v in enumerate(dirs) if v in DAY), None)
    month = next((i for i, v in enumerate(dirs) if v in MONTH), None)
    if day is None or month is None:
        return None
    return day < month


def year_first(fmt: str) -> bool | None:
    try:
        dirs = [v for kind, v in tokens(fmt) if kind == "dir"]
    except FormatError:
        return None
    return dirs[0] in YEAR if dirs else None


#: ISO 8601 shapes ``fromisoformat`` reads and ``isoformat`` writes (date, date and time with
#: ``T`` or a space, time), seconds and fractions optional, with or without an offset.
def iso_like(fmt: str) -> bool:
    """Whether text in this format is ISO 8601 as ``fromisoformat`` reads it."""
    try:
        toks = [("dir", v) if k == "dir" else ("lit", v) for k, v in tokens(fmt)]
    except FormatError:
        return False
    date = [("dir", "Y"), ("lit", "-"), ("dir", "m"), ("lit", "-"), ("dir", "d")]
    time_parts = [("dir", "H"), ("lit", ":"), ("dir", "M")]
    rest = toks
    if rest[:5] == date:
        rest = rest[5:]
        if not rest:
            return True
        if rest[0] not in (("lit", "T"), ("lit", " ")):
            return False
        rest = rest[1:]
    if rest[:3] != time_parts:
        return False
    rest = rest[3:]
    if rest[:2] == [("lit", ":"), ("dir", "S")]:
        rest = rest[2:]
        if rest[:2] == [("lit", "."), ("dir", "f")]:
            rest = rest[2:]
    return rest in ([], [("dir", "z")], [("lit", "Z")], [("lit", "+00:00")])


def isoformat_writes(fmt: str, sep: str = "T") -> bool:
    """Whether ``isoformat(sep)`` of a date or datetime can write text in this format."""
    if not iso_like(fmt):
        return False
    try:
        lits = [v for k, v in tokens(fmt) if k == "lit"]
    except FormatError:
        return False
    return not any(v in ("T", " ") and v != sep for v in lits)


def split_parts(fmt: str, sep: str) -> list[str] | None:
    """The directive of each piece of ``text.split(sep)`` for text in this format (None when a
    piece is not exactly one directive)."""
    if not sep:
        return None
    try:
        toks = tokens(fmt)
    except FormatError:
        return None
    out: list[str] = []
    expect_dir = True
    for kind, v in toks:
        if expect_dir:
            if kind != "dir":
                return None
            out.append(v)
            expect_dir = False
        else:
            if kind != "lit" or v != sep:
                return None
            expect_dir = True
    return out if not expect_dir else None


def slices(fmt: str) -> dict[tuple[int, int], str] | None:
    """Character ranges of the directives of a fixed-width format: ``{(0, 4): "Y", ...}``
    (None when a directive has no fixed width)."""
    try:
        toks = tokens(fmt)
    except FormatError:
        return None
    out: dict[tuple[int, int], str] = {}
    at = 0
    for kind, v in toks:
        if kind == "lit":
            at += len(v)
            continue
        width = WIDTHS.get(v)
        if width is None:
            return None
        out[(at, at + width)] = v
        at += width
    return out


def cut(fmt: str, lo: int | None, hi: int | None) -> str | None:
    """The format of ``text[lo:hi]`` for text in this fixed-width format (None when a bound
    falls inside a directive, or a directive before it has no fixed width)."""
    try:
        toks = tokens(fmt)
    except FormatError:
        return None
    out: list[str] = []
    at = 0
    lo = lo or 0
    for kind, v in toks:
        width = len(v) if kind == "lit" else WIDTHS.get(v)
        if width is None:
            return None
        end = at + width
        if hi is not None and at >= hi:
            break
        if at >= lo and (hi is None or end <= hi):
            out.append(v.replace("%", "%%") if kind == "lit" else "%" + v)
        elif kind == "lit" and (hi is None or at < hi) and end > lo:
            a, b = max(lo, at) - at, (min(hi, end) if hi is not None else end) - at
            out.append(v[a:b].replace("%", "%%"))
        elif end > lo and (hi is None or at < hi):
            return None  # a bound inside a directive
        at = end
    if lo > at:
        return None
    return "".join(out) or None


def describe(fmt: str) -> str:
    """The format with an example: ``%d/%m/%Y`` (31/12/2024)."""
    import datetime

    try:
        tokens(fmt)
        example = datetime.datetime(2024, 12, 31, 23, 59, 58).strftime(
            fmt.replace("%-", "%").replace("%#", "%")
        )
    except (FormatError, ValueError):
        return f"`{fmt}`"
    return f"`{fmt}` ({example})" if len(example) <= 40 else f"`{fmt}`"
