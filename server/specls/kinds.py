"""The value kinds specls reasons about, their families, and what each supports.

A *kind* is a builtin container or scalar type named by a short string (``"dict"``,
``"list"``, ``"str"`` ...). Kinds fall into *families*: two kinds of one family can stand in
for each other in most code (a ``list`` and a ``tuple``), two of different families cannot
(a ``dict`` and a ``list``). The attribute tables are read from the builtin types themselves,
never from workspace code.
"""

from __future__ import annotations

import collections
import copy
import datetime
import decimal
import enum
import operator
import pathlib
import re
import uuid
from functools import lru_cache
from typing import Any

from specls.records import record

_TYPES: dict[str, type] = {
    "dict": dict,
    "defaultdict": collections.defaultdict,
    "OrderedDict": collections.OrderedDict,
    "Counter": collections.Counter,
    "list": list,
    "tuple": tuple,
    "deque": collections.deque,
    "set": set,
    "frozenset": frozenset,
    "str": str,
    "bytes": bytes,
    "bytearray": bytearray,
    "int": int,
    "float": float,
    "complex": complex,
    "bool": bool,
    # value classes of the standard library
    "datetime": datetime.datetime,
    "date": datetime.date,
    "timedelta": datetime.timedelta,
    "Path": pathlib.Path,
    "Decimal": decimal.Decimal,
    "UUID": uuid.UUID,
    # a member of a plain `Enum` of the module (not `str, Enum`, `StrEnum` or `IntEnum`,
    # whose members equal their values)
    "Enum": enum.Enum,
}

FAMILY: dict[str, str] = {
    "dict": "mapping",
    "defaultdict": "mapping",
    "OrderedDict": "mapping",
    "Counter": "mapping",
    "list": "sequence",
    "tuple": "sequence",
    "deque": "sequence",
    "set": "set",
    "frozenset": "set",
    "str": "text",
    "bytes": "binary",
    "bytearray": "binary",
    "int": "number",
    "float": "number",
    "complex": "number",
    "bool": "number",
    "datetime": "date",
    "date": "date",
    "timedelta": "timedelta",
    "Path": "path",
    # (Decimal mixes with int but not with float: one family, told apart by what it supports)
    "Decimal": "number",
    "UUID": "uuid",
    "Enum": "enum",
}

#: Kinds that are classes of the standard library rather than builtins: an attribute only
#: they have may as well be one of a user-defined object (`.name`, `.parent`, `.days`).
VALUE_CLASSES = frozenset({"datetime", "date", "timedelta", "Path", "Decimal", "UUID", "Enum"})

#: Kinds that are subclasses of another kind: a ``defaultdict`` is a ``dict``.
SUBKINDS: dict[str, frozenset[str]] = {
    "dict": frozenset({"defaultdict", "OrderedDict", "Counter"}),
    "int": frozenset({"bool"}),
    "date": frozenset({"datetime"}),
}

ALL_KINDS: frozenset[str] = frozenset(_TYPES)

#: Attributes standard classes gained after the oldest Python specls runs on (3.11): code
#: written for a newer Python uses them.
_NEWER: dict[str, frozenset[str]] = {
    "Path": frozenset(
        {
            "walk",
            "with_segments",
            "is_junction",
            "full_match",
            "from_uri",
            "parser",
            "info",
            "copy",
            "copy_into",
            "move",
            "move_into",
        }
    ),
}


class _Member(enum.Enum):
    ONE = 1


#: Attributes (methods and data) each kind has, from the type itself (an enum's, from one
#: member: ``dir(Enum)`` lists the members of the class, not what a member has).
ATTRS: dict[str, frozenset[str]] = {
    k: frozenset(dir(_Member.ONE if k == "Enum" else t)) | _NEWER.get(k, frozenset())
    for k, t in _TYPES.items()
}

#: Kinds that support ``x[key]``.
SUBSCRIPTABLE = frozenset(k for k, t in _TYPES.items() if hasattr(t, "__getitem__"))
#: Kinds that support ``x[key] = value``.
ITEM_ASSIGNABLE = frozenset(k for k, t in _TYPES.items() if hasattr(t, "__setitem__"))
#: Kinds that support slicing ``x[a:b]``.
SLICEABLE = frozenset({"list", "tuple", "str", "bytes", "bytearray"})
MAPPINGS = frozenset(k for k, f in FAMILY.items() if f == "mapping")
NUMBERS = frozenset(k for k, f in FAMILY.items() if f == "number")
ITERABLE = frozenset(k for k in _TYPES if hasattr(_TYPES[k], "__iter__"))

#: Builtin callables whose result kind is known.
CONSTRUCTORS: dict[str, str] = {
    "dict": "dict",
    "list": "list",
    "tuple": "tuple",
    "set": "set",
    "frozenset": "frozenset",
    "str": "str",
    "bytes": "bytes",
    "bytearray": "bytearray",
    "int": "int",
    "float": "float",
    "complex": "complex",
    "bool": "bool",
    "sorted": "list",
    "len": "int",
    "repr": "str",
    "chr": "str",
    "ord": "int",
    "defaultdict": "defaultdict",
    "collections.defaultdict": "defaultdict",
    "OrderedDict": "OrderedDict",
    "collections.OrderedDict": "OrderedDict",
    "Counter": "Counter",
    "collections.Counter": "Counter",
    "deque": "deque",
    "collections.deque": "deque",
    # value classes and well-known calls of the standard library
    "Path": "Path",
    "pathlib.Path": "Path",
    "Path.cwd": "Path",
    "Path.home": "Path",
    "pathlib.Path.cwd": "Path",
    "pathlib.Path.home": "Path",
    "datetime": "datetime",
    "datetime.datetime": "datetime",
    "date": "date",
    "datetime.date": "date",
    "timedelta": "timedelta",
    "datetime.timedelta": "timedelta",
    "Decimal": "Decimal",
    "decimal.Decimal": "Decimal",
    "UUID": "UUID",
    "uuid.UUID": "UUID",
    **{f"{prefix}uuid{n}": "UUID" for prefix in ("", "uuid.") for n in (1, 3, 4, 5)},
    **{
        f"{prefix}{name}": "datetime"
        for prefix in ("datetime.", "datetime.datetime.")
        for name in (
            "now",
            "utcnow",
            "today",
            "fromisoformat",
            "strptime",
            "fromtimestamp",
            "utcfromtimestamp",
            "combine",
        )
    },
    **{
        f"{prefix}{name}": "date"
        for prefix in ("date.", "datetime.date.")
        for name in ("today", "fromisoformat", "fromtimestamp", "fromordinal")
    },
    "os.getcwd": "str",
    **{
        f"os.path.{name}": "str"
        for name in ("join", "abspath", "realpath", "normpath", "relpath", "expanduser")
    },
    "json.dumps": "str",
    "tempfile.mkdtemp": "str",
    "time.time": "float",
    "time.monotonic": "float",
    "time.perf_counter": "float",
}

#: What a method returns, by the kind of its receiver: ``(kind, method) -> kind``.
METHOD_RESULTS: dict[tuple[str, str], str] = {
    **{
        ("str", m): "str"
        for m in (
            "join",
            "format",
            "strip",
            "lstrip",
            "rstrip",
            "lower",
            "upper",
            "replace",
            "title",
            "casefold",
            "capitalize",
            "removeprefix",
            "removesuffix",
        )
    },
    ("str", "encode"): "bytes",
    ("str", "split"): "list",
    ("str", "rsplit"): "list",
    ("str", "splitlines"): "list",
    ("bytes", "decode"): "str",
    ("bytes", "hex"): "str",
    **{(k, m): "str" for k in ("datetime", "date") for m in ("isoformat", "strftime", "ctime")},
    ("datetime", "date"): "date",
    ("datetime", "timestamp"): "float",
    ("datetime", "astimezone"): "datetime",
    ("datetime", "replace"): "datetime",
    ("date", "replace"): "date",
    ("timedelta", "total_seconds"): "float",
    ("Path", "read_text"): "str",
    ("Path", "read_bytes"): "bytes",
    ("Path", "as_posix"): "str",
    **{
        ("Path", m): "Path"
        for m in (
            "resolve",
            "absolute",
            "expanduser",
            "with_suffix",
            "with_name",
            "with_stem",
            "joinpath",
            "relative_to",
        )
    },
    ("Decimal", "quantize"): "Decimal",
    **{("Decimal", m): "Decimal" for m in ("normalize", "copy_abs", "sqrt")},
}

#: What an attribute (not a method) of a value holds, by the kind of the value.
ATTRIBUTE_RESULTS: dict[tuple[str, str], str] = {
    ("Path", "parent"): "Path",
    ("Path", "name"): "str",
    ("Path", "stem"): "str",
    ("Path", "suffix"): "str",
    ("timedelta", "days"): "int",
    ("timedelta", "seconds"): "int",
    ("UUID", "hex"): "str",
    ("UUID", "urn"): "str",
    ("UUID", "int"): "int",
    ("UUID", "bytes"): "bytes",
    **{(k, a): "int" for k in ("datetime", "date") for a in ("year", "month", "day")},
}

#: Human names for kinds in messages.
NOUN: dict[str, str] = {
    "dict": "a dict",
    "defaultdict": "a defaultdict",
    "OrderedDict": "an OrderedDict",
    "Counter": "a Counter",
    "list": "a list",
    "tuple": "a tuple",
    "deque": "a `deque`",
    "set": "a set",
    "frozenset": "a frozenset",
    "str": "a str",
    "bytes": "bytes",
    "bytearray": "a bytearray",
    "int": "an int",
    "float": "a float",
    "complex": "a complex",
    "bool": "a bool",
    "datetime": "a `datetime`",
    "date": "a `date`",
    "timedelta": "a `timedelta`",
    "Path": "a `Path`",
    "Decimal": "a `Decimal`",
    "UUID": "a `UUID`",
    "Enum": "an enum member",
}

FAMILY_NOUN: dict[str, str] = {
    "mapping": "a dict",
    "sequence": "a list",
    "set": "a set",
    "text": "a str",
    "binary": "bytes",
    "number": "a number",
    "object": "an object",
    "date": "a `date` or `datetime`",
    "timedelta": "a `timedelta`",
    "path": "a `Path`",
    "uuid": "a `UUID`",
    "enum": "an enum member",
}

FAMILY_TYPE: dict[str, str] = {
    "mapping": "dict",
    "sequence": "list",
    "set": "set",
    "text": "str",
    "binary": "bytes",
    "number": "int",
    "date": "datetime",
    "timedelta": "timedelta",
    "path": "Path",
    "uuid": "UUID",
}


#: One value of each kind, to ask Python what an operator accepts.
_SAMPLES: dict[str, object] = {
    "int": 1,
    "float": 1.5,
    "complex": 1j,
    "bool": True,
    "str": "a",
    "bytes": b"a",
    "bytearray": bytearray(b"a"),
    "list": [1],
    "tuple": (1,),
    "deque": collections.deque([1]),
    "set": {1},
    "frozenset": frozenset({1}),
    "dict": {1: 1},
    "datetime": datetime.datetime(2000, 1, 1),
    "date": datetime.date(2000, 1, 1),
    "timedelta": datetime.timedelta(1),
    "Path": pathlib.PurePosixPath("a"),
    "Decimal": decimal.Decimal(1),
    "UUID": uuid.UUID(int=1),
}
_OPERATORS = {
    "+=": operator.iadd,
    "-=": operator.isub,
    "*=": operator.imul,
    "/=": operator.itruediv,
    "//=": operator.ifloordiv,
}


def _taking(fn: Any, right: str, fresh: bool = False) -> frozenset[str]:
    """The kinds whose sample ``fn(sample, value)`` does not raise for, with a value of kind
    ``right`` (each sample copied first when ``fresh``: an in-place operator changes it), as
    Python itself answers for one value of each; every kind when either is unknown."""
    value = _SAMPLES.get(right)
    if fn is None or value is None:
        return ALL_KINDS
    out = set()
    for kind, sample in _SAMPLES.items():
        try:
            fn(copy.copy(sample) if fresh else sample, value)
        except Exception:  # (TypeError, ZeroDivisionError, decimal.InvalidOperation ...)
            continue
        out.add(kind)
    return frozenset(out | {sub for k in out for sub in SUBKINDS.get(k, ())})


@lru_cache(maxsize=64)
def augmented_needs(op: str, right: str) -> frozenset[str]:
    """Kinds ``x`` may be for ``x op= value`` (``op`` one of ``+= -= *= /= //=``) with a value
    of kind ``right`` not to raise."""
    return _taking(_OPERATORS.get(op), right, fresh=True)


_BINARY = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "//": operator.floordiv,
}


@lru_cache(maxsize=64)
def binary_needs(op: str, right: str) -> frozenset[str]:
    """Kinds ``x`` may be for ``x op value`` (``op`` one of ``+ - * / //``) with a value of
    kind ``right`` not to raise (a list takes ``+= "ab"`` but not ``+ "ab"``)."""
    return _taking(_BINARY.get(op), right)


@lru_cache(maxsize=8)
def ordering_needs(right: str) -> frozenset[str]:
    """Kinds ``x`` may be for ``x < value`` with a value of kind ``right`` not to raise."""
    return _taking(operator.lt, right)


#: Methods only one family of builtin values has, named so that few other types have them
#: (R101 judges an attribute of unknown kind by them): ``.update``, ``.pop``, ``.copy``,
#: ``.union`` are left out (custom classes, pandas, Django querysets and XML elements have
#: them next to list-like methods); ``.get`` and ``.items`` are in, but R101 does not pair
#: them with the list methods XML elements also have, nor ``.get`` with a cache's ``.add``.
DISTINCTIVE: dict[str, str] = {
    "keys": "mapping",
    "values": "mapping",
    "setdefault": "mapping",
    "popitem": "mapping",
    "items": "mapping",
    "get": "mapping",
    "append": "sequence",
    "extend": "sequence",
    "insert": "sequence",
    "sort": "sequence",
    "reverse": "sequence",
    "popleft": "sequence",
    "appendleft": "sequence",
    "extendleft": "sequence",
    "rotate": "sequence",
    "add": "set",
    "discard": "set",
    "issubset": "set",
    "issuperset": "set",
    "split": "text",
    "strip": "text",
    "lower": "text",
    "upper": "text",
    "startswith": "text",
    "endswith": "text",
}


#: The method a class defines to support ``x op= number`` (with ``__i...__``, see R101).
ARITHMETIC_DUNDERS: dict[str, str] = {
    "+=": "__add__",
    "-=": "__sub__",
    "*=": "__mul__",
    "/=": "__truediv__",
    "//=": "__floordiv__",
}


@lru_cache(maxsize=4096)
def kinds_with_attr(name: str) -> frozenset[str]:
    """Kinds that have attribute ``name``. A name no kind has may still be one of a standard
    class in a newer Python than this one (``Path.walk`` is 3.12's, ``Path.copy`` 3.14's), or
    of the code's own subclass of it: it allows every class of :data:`VALUE_CLASSES`, and no
    builtin."""
    found = frozenset(k for k, attrs in ATTRS.items() if name in attrs)
    return found or VALUE_CLASSES


def widen(kinds: frozenset[str]) -> frozenset[str]:
    """``kinds`` with their subclasses (``dict`` -> ``dict``, ``defaultdict``, ...)."""
    out = set(kinds)
    for k in kinds:
        out |= SUBKINDS.get(k, frozenset())
    return frozenset(out)


def families(kinds: frozenset[str] | set[str]) -> frozenset[str]:
    """Families the given kinds belong to."""
    return frozenset(FAMILY[k] for k in kinds if k in FAMILY)


def kinds_of_family(family: str) -> frozenset[str]:
    """All kinds in one family."""
    return frozenset(k for k, f in FAMILY.items() if f == family)


# --- type expressions (annotations, docstring types, spec ``type`` fields) ---------------

_ALIASES: dict[str, frozenset[str] | None] = {
    # builtins and typing aliases
    "dict": frozenset({"dict"}),
    "Dict": frozenset({"dict"}),
    "defaultdict": frozenset({"defaultdict"}),
    "DefaultDict": frozenset({"defaultdict"}),
    "OrderedDict": frozenset({"OrderedDict"}),
    "Counter": frozenset({"Counter"}),
    "list": frozenset({"list"}),
    "List": frozenset({"list"}),
    "tuple": frozenset({"tuple"}),
    "Tuple": frozenset({"tuple"}),
    "deque": frozenset({"deque"}),
    "Deque": frozenset({"deque"}),
    "set": frozenset({"set"}),
    "Set": frozenset({"set"}),
    "frozenset": frozenset({"frozenset"}),
    "FrozenSet": frozenset({"frozenset"}),
    "str": frozenset({"str"}),
    "string": frozenset({"str"}),
    "bytes": frozenset({"bytes"}),
    "bytearray": frozenset({"bytearray"}),
    "int": frozenset({"int", "bool"}),
    "integer": frozenset({"int", "bool"}),
    "float": frozenset({"float", "int", "bool"}),
    "complex": frozenset({"complex", "float", "int", "bool"}),
    "bool": frozenset({"bool"}),
    "boolean": frozenset({"bool"}),
    "datetime": frozenset({"datetime"}),
    "date": frozenset({"date", "datetime"}),
    "timedelta": frozenset({"timedelta"}),
    "Path": frozenset({"Path"}),
    "PurePath": frozenset({"Path"}),
    "PosixPath": frozenset({"Path"}),
    "WindowsPath": frozenset({"Path"}),
    "PurePosixPath": frozenset({"Path"}),
    "Decimal": frozenset({"Decimal"}),
    "UUID": frozenset({"UUID"}),
    # abstract collections: the whole family
    "Mapping": MAPPINGS,
    "MutableMapping": MAPPINGS,
    "Sequence": frozenset({"list", "tuple", "deque", "str", "bytes", "bytearray"}),
    "MutableSequence": frozenset({"list", "deque", "bytearray"}),
    "AbstractSet": frozenset({"set", "frozenset"}),
    "MutableSet": frozenset({"set"}),
}

#: Names that say nothing about the kind.
_UNCONSTRAINED = {
    "Any",
    "object",
    "Iterable",
    "Iterator",
    "Collection",
    "Container",
    "Hashable",
    "Sized",
    "Callable",
    "TypeVar",
    "Generic",
    "Self",
    "Type",
    "type",
    "Reversible",
    "Generator",
}

_NONE = {"None", "NoneType"}


@record(frozen=True)
class TypeInfo:
    """What a type expression says: allowed kinds and, for containers, the item shapes.

    ``kinds`` is ``None`` when the expression does not constrain the kind (``Any``, an
    unknown class name, a type alias). ``allows_none`` is true for ``Optional``/``| None``.
    ``item`` is the element kind for sequences and sets and the value kind for mappings;
    ``key`` is the key kind of mappings.
    """

    kinds: frozenset[str] | None
    allows_none: bool = False
    item: frozenset[str] | None = None
    key: frozenset[str] | None = None
    text: str = ""


_TOKEN = re.compile(r"\s*([A-Za-z_][\w.]*|\[|\]|,|\||\(|\)|\.\.\.|'[^']*'|\"[^\"]*\"|[^\s])")


def _tokenize(text: str) -> list[str]:
    return [m.group(1) for m in _TOKEN.finditer(text)]


class _TypeParser:
    """A tolerant recursive-descent parser for type expressions (never evaluates)."""

    def __init__(self, text: str) -> None:
        self.toks = _tokenize(text)
        self.i = 0

    def peek(self) -> str | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> str | None:
        tok = self.peek()
        self.i += 1
        return tok

    def union(self) -> list[tuple[str, list]]:
        """A list of alternatives, each ``(name, args)``."""
        alts = [self.atom()]
        while self.peek() == "|":
            self.take()
            alts.append(self.atom())
        return [a for alt in alts for a in alt]

    def atom(self) -> list[tuple[str, list]]:
        tok = self.take()
        if tok is None:
            return [("?", [])]
        if tok[0] in "'\"":
            return _TypeParser(tok[1:-1]).union()
        if tok == "(":
            inner = self.args_until(")")
            if len(inner) == 1 and self.toks[self.i - 2 : self.i - 1] != [","]:
                return inner[0]  # `(X | None)`: parentheses around a type, not a tuple
            return [("tuple", inner)]
        name = tok.rsplit(".", 1)[-1]
        args: list = []
        if self.peek() == "[":
            self.take()
            args = self.args_until("]")
        if name == "Optional":
            return [*(args[0] if args else [("?", [])]), ("None", [])]
        if name == "Union":
            return [a for arg in args for a in arg]
        if name == "Annotated" and args:
            return args[0]
        if name in {"Final", "ClassVar", "Required", "NotRequired", "ReadOnly"} and args:
            return args[0]
        return [(name, args)]

    def args_until(self, close: str) -> list[list[tuple[str, list]]]:
        args: list[list[tuple[str, list]]] = []
        while self.peek() not in (None, close):
            if self.peek() == ",":
                self.take()
                continue
            if self.peek() == "[":  # Callable[[...], ...]
                self.take()
                self.args_until("]")
                args.append([("?", [])])
                continue
            if self.peek() == "...":
                self.take()
                continue
            before = self.i
            args.append(self.union())
            if self.i == before:
                self.take()
        self.take()
        return args


def _kinds_of(alts: list[tuple[str, list]]) -> tuple[frozenset[str] | None, bool]:
    kinds: set[str] = set()
    allows_none = False
    for name, _args in alts:
        if name in _NONE:
            allows_none = True
        elif name in _ALIASES and _ALIASES[name] is not None:
            kinds |= _ALIASES[name]  # type: ignore[operator]
        else:
            return None, allows_none
    return (frozenset(kinds) if kinds else None), allows_none


def parse_type(text: str) -> TypeInfo:
    """Read a type expression such as ``dict[str, int]`` or ``Optional[list[tuple]]``."""
    text = text.strip()
    if not text:
        return TypeInfo(None, text=text)
    try:
        alts = _TypeParser(text).union()
    except (IndexError, RecursionError):
        return TypeInfo(None, text=text)
    kinds, allows_none = _kinds_of(alts)
    item = key = None
    non_none = [a for a in alts if a[0] not in _NONE]
    if kinds is not None and len(non_none) == 1:
        name, args = non_none[0]
        if kinds & MAPPINGS and len(args) == 2:
            key, _ = _kinds_of(args[0])
            item, _ = _kinds_of(args[1])
        elif name in {"tuple", "Tuple"}:
            item = None
        elif args:
            item, _ = _kinds_of(args[0])
    return TypeInfo(kinds, allows_none, item, key, text)


#: Protocols every builtin container satisfies (a list, a set, a dict, a tuple alike).
_PROTOCOLS = frozenset({"Iterable", "Collection", "Container", "Sized"})


def names_protocol(text: str) -> bool:
    """Whether the type expression ``text`` names only :data:`_PROTOCOLS` (and ``None``):
    ``Iterable[str]``, ``Collection[int] | None``; it admits containers of every family."""
    try:
        alts = _TypeParser(text.strip()).union() if text.strip() else []
    except (IndexError, RecursionError):
        return False
    names = {name for name, _args in alts} - _NONE
    return bool(names) and names <= _PROTOCOLS


_DOC_WORDS = re.compile(r"[A-Za-z_][\w.]*")
#: Where a docstring type splits, as ``\s+or\s+|\s*,\s*`` splits it: a split that starts
#: with spaces starts only where no space precedes (at the start of their run). Tried at
#: each space of a long run, the other form scans the rest of the run each time.
_DOC_SPLIT = re.compile(r"(?<!\s)\s+or\s+|(?<!\s)\s+,\s*|,\s*")


def _without_optional(text: str) -> str:
    """``text`` less a trailing ``optional`` (any case) and the comma and spaces before it,
    as ``re.sub(r",?\\s*optional\\s*$", "", text, flags=re.I)`` (which is quadratic in a run
    of spaces: it is tried at each)."""
    body = text.rstrip()
    if body[-8:].lower() != "optional":
        return text
    head = body[:-8].rstrip()
    return head[:-1] if head.endswith(",") else head


#: A Sphinx role around a type name (``:obj:`str```, ``:class:`~pathlib.Path```): the name.
_ROLE = re.compile(r":(?:py:)?(?:obj|class|data|type):`~?([^`]*)`")


def doc_type_text(text: str) -> str:
    """A docstring type as a type expression: ``:class:`~pathlib.Path`, optional`` ->
    ``pathlib.Path`` (Sphinx roles, backquotes and a trailing ``optional`` dropped)."""
    return _without_optional(_ROLE.sub(r"\1", text).strip().strip("`").strip()).strip()


def parse_doc_type(text: str) -> TypeInfo:
    """Read a docstring type (``list of str``, ``dict``, ``int or None``, ``str, optional``)."""
    text = doc_type_text(text)
    if "[" in text or "|" in text:
        return parse_type(text)
    parts = _DOC_SPLIT.split(text)
    alts: list[tuple[str, list]] = []
    for part in parts:
        m = _DOC_WORDS.match(part.strip())
        if not m:
            return TypeInfo(None, text=text)
        alts.append((m.group(0).rsplit(".", 1)[-1], []))
    kinds, allows_none = _kinds_of(alts)
    return TypeInfo(kinds, allows_none, text=text)


def type_names(kinds: frozenset[str]) -> str:
    """``int``, ``list | tuple``: kinds as a type expression (``bool`` folded into ``int``)."""
    names = set(kinds)
    if "bool" in names and names & {"int", "float", "complex"}:
        names.discard("bool")
    if "int" in names and names & {"float", "complex"}:
        names.discard("int")
    if "date" in names:
        names.discard("datetime")
    return " | ".join(sorted(names))


def describe(kinds: frozenset[str]) -> str:
    """A short noun phrase for a set of kinds (``a dict``, ``a list or a tuple``)."""
    fams = sorted(families(kinds))
    if len(kinds) == 1:
        return NOUN[next(iter(kinds))]
    if len(fams) == 1:
        return FAMILY_NOUN[fams[0]]
    return " or ".join(FAMILY_NOUN[f] for f in fams)
