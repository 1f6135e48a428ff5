"""Read typed entries from docstrings: Google, NumPy and reST styles.

Only names and type texts are extracted, with the line (relative to the docstring's first
line) where each entry stands, so findings can point at it.
"""

from __future__ import annotations

import re

from specls.records import record


@record(frozen=True)
class DocEntry:
    """``name`` documented with type ``type_text`` at ``line`` (relative) and ``col``."""

    name: str
    type_text: str
    line: int
    col: int


_GOOGLE_HEADERS = {
    "attributes": "attributes",
    "args": "params",
    "arguments": "params",
    "parameters": "params",
    "params": "params",
    "keyword args": "params",
    "keyword arguments": "params",
}
_GOOGLE_SECTION = re.compile(r"^(\s*)([A-Za-z][A-Za-z ]*):\s*$")
_GOOGLE_ENTRY = re.compile(r"^(\s*)\*{0,2}([A-Za-z_]\w*)\s*\(([^)]*)\)\s*:")
_NUMPY_UNDERLINE = re.compile(r"^\s*-{3,}\s*$")
# (the type runs to the end of the line, its trailing space stripped after: a lazy type
# followed by `\s*$` tries every end of a run of spaces inside it, quadratic in the run)
_NUMPY_ENTRY = re.compile(r"^(\s*)([A-Za-z_]\w*)\s*:\s*(\S.*)")
_REST_IVAR = re.compile(r":(?:ivar|var|cvar)\s+(?:(?P<type>\S+)\s+)?(?P<name>[A-Za-z_]\w*)\s*:")
_REST_VARTYPE = re.compile(r":vartype\s+([A-Za-z_]\w*)\s*:\s*(.+)")
_REST_PARAM = re.compile(r":param\s+(?:(?P<type>\S+)\s+)?(?P<name>[A-Za-z_]\w*)\s*:")
_REST_TYPE = re.compile(r":type\s+([A-Za-z_]\w*)\s*:\s*(.+)")
#: Type names a ``:param x:`` description may start with (``:param path: str, the file``):
#: builtins, typing's aliases and a few stdlib classes. Not a word of prose such as ``time``
#: or ``number``: the name must also be followed by the end of a phrase (see
#: :func:`leading_type`).
TYPE_WORDS = frozenset(
    {
        "str",
        "string",
        "int",
        "integer",
        "float",
        "bool",
        "boolean",
        "bytes",
        "bytearray",
        "complex",
        "list",
        "dict",
        "tuple",
        "set",
        "frozenset",
        "deque",
        "defaultdict",
        "OrderedDict",
        "Counter",
        "List",
        "Dict",
        "Tuple",
        "Set",
        "FrozenSet",
        "Deque",
        "DefaultDict",
        "Sequence",
        "Mapping",
        "MutableMapping",
        "MutableSequence",
        "Optional",
        "Union",
        "Path",
        "pathlib.Path",
        "PurePath",
        "datetime",
        "datetime.datetime",
        "datetime.date",
        "timedelta",
        "datetime.timedelta",
        "Decimal",
        "decimal.Decimal",
        "Fraction",
        "UUID",
        "uuid.UUID",
        "collections.deque",
        "collections.defaultdict",
        "collections.OrderedDict",
        "collections.Counter",
    }
)
#: Containers whose name may be followed by ``of ...`` (``list of str``).
_OF_TYPES = frozenset(
    {
        "list",
        "dict",
        "tuple",
        "set",
        "frozenset",
        "deque",
        "List",
        "Dict",
        "Tuple",
        "Set",
        "Sequence",
    }
)
_TYPE_WORD = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
#: What may end a leading type: punctuation, a dash (``str - the file``) or the end.
_PHRASE_END = re.compile(r"\s*(?:[,;:.)]|--?\s|\u2014|$)")


def _plain(doc: str) -> bool:
    """Whether ``doc`` can have no section and no field: every section header (Google
    ``Args:``), reST field (``:param x:``) and NumPy underline (``---``) needs a colon or three
    dashes. Most docstrings are prose: this spares them every line-by-line search."""
    return ":" not in doc and "---" not in doc


def entries(doc: str, section: str) -> list[DocEntry]:
    """Typed entries of one section kind (``"attributes"`` or ``"params"``) in any style."""
    if _plain(doc):
        return []
    lines = doc.splitlines()
    found: dict[str, DocEntry] = {}
    for e in _google(lines, section) + _numpy(lines, section) + _rest(lines, section):
        found.setdefault(e.name, e)
    return list(found.values())


def _google(lines: list[str], section: str) -> list[DocEntry]:
    out: list[DocEntry] = []
    i = 0
    while i < len(lines):
        m = _GOOGLE_SECTION.match(lines[i])
        if not m or _GOOGLE_HEADERS.get(m.group(2).strip().lower()) != section:
            i += 1
            continue
        indent = len(m.group(1))
        i += 1
        entry_indent: int | None = None
        while i < len(lines):
            line = lines[i]
            if line.strip() and len(line) - len(line.lstrip()) <= indent:
                break
            e = _GOOGLE_ENTRY.match(line)
            if e and (entry_indent is None or len(e.group(1)) == entry_indent):
                entry_indent = len(e.group(1))
                type_text = e.group(3).strip()
                if type_text:
                    out.append(DocEntry(e.group(2), type_text, i, line.index(e.group(2))))
            i += 1
    return out


def _numpy(lines: list[str], section: str) -> list[DocEntry]:
    out: list[DocEntry] = []
    for i in range(len(lines) - 1):
        title = lines[i].strip().lower()
        if _GOOGLE_HEADERS.get(title) != section or not _NUMPY_UNDERLINE.match(lines[i + 1]):
            continue
        indent = len(lines[i]) - len(lines[i].lstrip())
        j = i + 2
        while j < len(lines):
            line = lines[j]
            if j + 1 < len(lines) and _NUMPY_UNDERLINE.match(lines[j + 1]):
                break
            if line.strip() and len(line) - len(line.lstrip()) == indent:
                e = _NUMPY_ENTRY.match(line)
                if e:
                    out.append(DocEntry(e.group(2), e.group(3).rstrip(), j, len(e.group(1))))
            j += 1
    return out


def _rest(lines: list[str], section: str) -> list[DocEntry]:
    name_re, type_re = (
        (_REST_IVAR, _REST_VARTYPE) if section == "attributes" else (_REST_PARAM, _REST_TYPE)
    )
    names: dict[str, tuple[int, int, str | None]] = {}
    types: dict[str, str] = {}
    for i, line in enumerate(lines):
        for m in name_re.finditer(line):
            name = m.group("name")
            inline = m.group("type")
            if inline is None and section == "params":  # `:param path: str, the file`
                inline = leading_type(line[m.end() :])
            names.setdefault(name, (i, m.start("name"), inline))
        t = type_re.search(line)
        if t:  # (a type of spaces only is its last space, as `(.+?)\s*$` reads it)
            types[t.group(1)] = t.group(2).rstrip() or t.group(2)[-1]
    out = []
    for name, (i, col, inline) in names.items():
        type_text = types.get(name) or inline
        if type_text:
            out.append(DocEntry(name, type_text, i, col))
    return out


def leading_type(text: str) -> str | None:
    """The type a description starts with, when it starts with one of :data:`TYPE_WORDS`
    ended as a phrase ends: ``str, the file`` and ``(str) the file`` give ``str``, ``list
    of str`` gives itself, ``int or None.`` gives ``int or None``; ``set to True to ...``
    and ``time to wait`` give None (a verb, a word of prose)."""
    text = text[:120].strip()
    if text.startswith("(") and ")" in text:  # `(str) the file`
        inner = text[1 : text.index(")")].strip()
        return inner if _names_types(inner) else None
    at, names = 0, []
    while True:
        m = _TYPE_WORD.match(text, at)
        if m is None or (m.group(0) not in TYPE_WORDS and m.group(0) != "None"):
            return None
        names.append(m.group(0))
        at = m.end()
        if text.startswith("[", at):  # `list[str]`: to its closing bracket
            depth, j = 0, at
            while j < len(text):
                depth += {"[": 1, "]": -1}.get(text[j], 0)
                j += 1
                if depth == 0:
                    break
            if depth:
                return None
            at = j
        rest = text[at:]
        if rest.startswith(" or ") or rest.startswith(" | "):
            at += 4 if rest.startswith(" or ") else 3
            continue
        if rest.startswith(" of ") and names[-1] in _OF_TYPES:
            end = _PHRASE_END.search(text, at + 4)  # (always matches: `$`)
            return text[: end.start() if end else len(text)].strip()
        break
    if names == ["None"] or not _PHRASE_END.match(text, at):
        return None
    return text[:at]


def _names_types(text: str) -> bool:
    """Whether ``text`` is type names joined by ``or`` / ``|`` / ``,`` (``str or None``)."""
    words = [w for w in re.split(r"\s+or\s+|\s*[|,]\s*", text) if w]
    return (
        bool(words)
        and all(
            (m := _TYPE_WORD.match(w)) is not None
            and m.group(0) in TYPE_WORDS | {"None", "optional"}
            and (m.end() == len(w) or w[m.end()] == "[")
            for w in words
        )
        and any(w != "None" and w != "optional" for w in words)
    )


# -- behaviour: Raises / Returns / Invariants ------------------------------------------------

_RAISES_HEADERS = {"raises", "raise", "exceptions", "except"}
_RETURNS_HEADERS = {"returns", "return", "yields"}
_INVARIANT_HEADERS = {"invariant", "invariants"}
_REST_RAISES = re.compile(r":(?:raises?|except|exception)\s+([A-Za-z_][\w.]*)\s*:")
_REST_RETURNS = re.compile(r":returns?\s*:\s*(.*)$")
_EXC_ENTRY = re.compile(r"^\s*([A-Za-z_][\w.]*)\s*(?::|$)")


@record(frozen=True)
class DocLine:
    """A line of a docstring section: its text, ``line`` (relative) and ``col``."""

    text: str
    line: int
    col: int


def _section_lines(lines: list[str], headers: set[str]) -> list[DocLine]:
    """Lines of every Google (``Raises:``) or NumPy (``Raises`` + underline) section named
    by ``headers``, with their positions; blank lines and deeper continuation lines included."""
    out: list[DocLine] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        google = _GOOGLE_SECTION.match(line)
        numpy = (
            i + 1 < len(lines)
            and _NUMPY_UNDERLINE.match(lines[i + 1]) is not None
            and line.strip().lower() in headers
        )
        if google and google.group(2).strip().lower() in headers:
            indent, i = len(google.group(1)), i + 1
        elif numpy:
            indent, i = len(line) - len(line.lstrip()) - 1, i + 2
        else:
            i += 1
            continue
        while i < len(lines):
            text = lines[i]
            stripped = text.strip()
            if stripped and len(text) - len(text.lstrip()) <= indent:
                break
            if numpy and i + 1 < len(lines) and _NUMPY_UNDERLINE.match(lines[i + 1]):
                break
            if stripped:
                out.append(DocLine(stripped, i, len(text) - len(text.lstrip())))
            i += 1
    return out


def raises(doc: str) -> list[DocLine]:
    """Exceptions a docstring says are raised (``text`` is the exception's name)."""
    if _plain(doc):
        return []
    lines = doc.splitlines()
    out: list[DocLine] = []
    entries_ = _section_lines(lines, _RAISES_HEADERS)
    base = min((e.col for e in entries_), default=0)
    for e in entries_:
        m = _EXC_ENTRY.match(e.text)
        if m and e.col == base:  # entry lines, not their descriptions
            out.append(DocLine(m.group(1), e.line, e.col))
    for i, line in enumerate(lines):
        for m in _REST_RAISES.finditer(line):
            out.append(DocLine(m.group(1), i, m.start(1)))
    return out


def returns_text(doc: str) -> DocLine | None:
    """The ``Returns`` section (or ``:returns:`` field) as one line of text, if any."""
    if _plain(doc):
        return None
    lines = doc.splitlines()
    section = _section_lines(lines, _RETURNS_HEADERS)
    if section:
        return DocLine(" ".join(e.text for e in section), section[0].line, section[0].col)
    for i, line in enumerate(lines):
        m = _REST_RETURNS.search(line)
        if m:
            return DocLine(m.group(1).strip(), i, m.start(1))
    return None


def invariants(doc: str) -> list[DocLine]:
    """Entries of an ``Invariants:`` section (one expression per line)."""
    if _plain(doc):
        return []
    return _section_lines(doc.splitlines(), _INVARIANT_HEADERS)
