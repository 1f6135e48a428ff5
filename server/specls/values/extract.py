"""The value-like parts of a file, found at extraction (:func:`value_source`), read later.

Reading what a function does with values (:mod:`specls.values.read`) costs about a
millisecond a function in Python; done for every function with a string key in Django it
made a cold check a quarter slower. Extraction therefore only finds the parts worth reading,
on the bytes and the top-level statements alone, and keeps their text in the facts:
functions and module-level statements that read, get or write a string key or call a date,
time zone or decimal function; the module's small functions and constants (helpers
they may call); and the methods a value-like method calls on ``self``. The rules read a part
only when the spec has value decisions and the part's text names one of their fields, so a
workspace without value decisions pays for the search and nothing else.

A file with none of the trigger bytes is skipped before its tree is touched.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from tree_sitter import Node

from specls.grammar import F_BODY, F_DEFINITION, F_LEFT, F_NAME
from specls.nodetext import node_text
from specls.values.facts import CODE, CONSTANT, FUNCTION, METHOD, Region, ValueSource

#: Each searched apart: a regular expression that starts with a literal is searched with a
#: fast scan for it, one that starts with an alternation is tried at every byte.
_KEY_READ = re.compile(rb"""\[\s*["'][^"'\n\\]{1,100}["']\s*\]""")
_KEY_CALL = re.compile(rb"""\.(?:get|pop|setdefault)\(\s*["']""")
_DICT = re.compile(rb"""\{\s*["']""")
#: Date, time zone and decimal calls, looked for in files that import a module of theirs.
_MODULES = frozenset(
    {"datetime", "time", "zoneinfo", "pytz", "dateutil", "decimal", "pendulum", "arrow"}
)
_WORDS = (
    b"strptime",
    b"strftime",
    b"isoformat",
    b"astimezone",
    b"tzinfo",
    b"localize",
    b"ZoneInfo",
    b"utcnow",
    b"fromtimestamp",
    b"Decimal",
)
_SELF_CALL = re.compile(rb"self\.([A-Za-z_]\w*)\s*\(")
#: The largest helper, constant and part kept (bytes), and all of a file's parts together.
HELPER_BYTES = 4000
CONSTANT_BYTES = 2000
PART_BYTES = 200_000
FILE_BYTES = 1_000_000


def dates_imported(imports: dict[str, str]) -> bool:
    """Whether a file with these ``imports`` (local names and their origins) imports a date,
    time zone or decimal module (then calls of theirs are looked for too)."""
    return any(o.partition(".")[0] in _MODULES for o in imports.values())


#: A statement's source and whether dates are looked for -> its hits (see below).
Hits = dict[tuple[bytes, bool], tuple[int, ...]]


def statement_hits(
    children: Sequence[Node], texts: Sequence[bytes], source: bytes, dates: bool, known: Hits
) -> tuple[list[int] | None, Hits]:
    """The offsets :func:`value_source` looks for, searched statement by statement, each
    unchanged statement's (``texts``: their sources) taken from ``known`` (an editor's, from
    the last edit: the three searches over a 5,000-line file cost a keystroke 0.4 ms), and
    what to keep for the next. None when a statement holds an error, or anything but
    whitespace lies between two, where a match could run across them (then the file is
    searched whole; what was kept of the other statements is kept still)."""
    hits: list[int] = []
    fresh: Hits = {}
    end = 0
    whole = False
    for child, text in zip(children, texts, strict=True):
        start = child.start_byte
        gap = source[end:start]  # (empty: two statements with nothing between them)
        if child.has_error or (gap and not gap.isspace()) or (not gap and end > 0):
            whole = True
        key = (text, dates)
        found = known.get(key)
        if found is None and not whole:
            found = tuple(_hits(text, dates))
        if found is not None and not child.has_error:
            fresh[key] = found  # (kept for the next edit, even when this one searches whole)
            hits.extend(start + at for at in found)
        end = child.end_byte
    if whole or (end < len(source) and not source[end:].isspace()):
        return None, fresh
    return hits, fresh


def value_source(
    root: Node | Sequence[Node],
    source: bytes,
    imports: dict[str, str],
    hits: list[int] | None = None,
) -> ValueSource | None:
    """The value-like parts of a file (``imports``: its imported names and their origins),
    or None when it has none. ``root`` is its module, or the module's top-level statements;
    ``hits`` what :func:`statement_hits` found, if it was asked."""
    if hits is None:
        hits = _hits(source, dates_imported(imports))
    if not hits:
        return None
    parts: list[tuple[str, str, str, str, Node]] = []  # kind, name, where, class, node
    statements = root.named_children if isinstance(root, Node) else root
    for child in statements:
        if not child.is_named:
            continue
        node = _definition(child)
        hit = _has_hit(hits, child)
        t = node.type
        size = child.end_byte - child.start_byte
        if t == "function_definition":
            name = node_text(node.child_by_field_id(F_NAME))
            if hit:
                parts.append((CODE, name, name, "", child))
            elif size <= HELPER_BYTES:
                parts.append((FUNCTION, name, "", "", child))
        elif t == "class_definition":
            if hit:
                _class(node, hits, node_text(node.child_by_field_id(F_NAME)), source, parts, 0)
        elif t == "expression_statement":
            name = _assigned_name(child)
            if hit:
                parts.append((CODE, name or "", "", "", child))
            elif name is not None and size <= CONSTANT_BYTES:
                parts.append((CONSTANT, name, "", "", child))
        elif hit and t not in ("import_statement", "import_from_statement", "comment"):
            parts.append((CODE, "", "", "", child))
    if not any(p[0] == CODE for p in parts):
        return None
    return _pack(source, parts)


def _hits(source: bytes, dates: bool) -> list[int]:
    hits = [m.start() for m in _KEY_READ.finditer(source)]
    hits += [m.start() for m in _KEY_CALL.finditer(source)]
    hits += [m.start() for m in _DICT.finditer(source)]
    if dates:
        for word in _WORDS:
            at = source.find(word)
            while at != -1:
                hits.append(at)
                at = source.find(word, at + 1)
    hits.sort()
    return hits


def _has_hit(hits: list[int], node: Node) -> bool:
    i = bisect_left(hits, node.start_byte)
    return i < len(hits) and hits[i] < node.end_byte


def _definition(node: Node) -> Node:
    if node.type == "decorated_definition":
        inner = node.child_by_field_id(F_DEFINITION)
        if inner is not None:
            return inner
    return node


def _assigned_name(stmt: Node) -> str | None:
    """``NAME = ...`` (one name): the name."""
    if stmt.named_child_count != 1:
        return None
    asg = stmt.named_children[0]
    if asg.type != "assignment":
        return None
    left = asg.child_by_field_id(F_LEFT)
    return node_text(left) if left is not None and left.type == "identifier" else None


def _class(
    node: Node,
    hits: list[int],
    qualname: str,
    source: bytes,
    parts: list[tuple[str, str, str, str, Node]],
    depth: int,
) -> None:
    body = node.child_by_field_id(F_BODY)
    if body is None or depth > 5:
        return
    called: set[str] = set()
    others: list[Node] = []
    for child in body.named_children:
        if not _has_hit(hits, child):
            others.append(child)
            continue
        inner = _definition(child)
        if inner.type == "function_definition":
            name = node_text(inner.child_by_field_id(F_NAME))
            parts.append((CODE, name, f"{qualname}.{name}", qualname, child))
            found = _SELF_CALL.finditer(source, child.start_byte, child.end_byte)
            called.update(m.group(1).decode() for m in found)
        elif inner.type == "class_definition":
            name = node_text(inner.child_by_field_id(F_NAME))
            _class(inner, hits, f"{qualname}.{name}", source, parts, depth + 1)
    if not called:
        return
    for child in others:  # the methods those call on self
        inner = _definition(child)
        if inner.type != "function_definition" or child.end_byte - child.start_byte > HELPER_BYTES:
            continue
        name = node_text(inner.child_by_field_id(F_NAME))
        if name in called:
            parts.append((METHOD, name, qualname, qualname, child))


def _pack(source: bytes, parts: list[tuple[str, str, str, str, Node]]) -> ValueSource | None:
    """The parts' texts, each from the start of its first line, in one block (compressing
    it cost a tenth of the extraction of value parts, for a third of their size)."""
    chunks: list[bytes] = []
    regions: list[Region] = []
    offset = 0
    for kind, name, where, cls, node in parts:
        start = node.start_byte - node.start_point[1]
        text = source[start : node.end_byte]
        if len(text) > PART_BYTES or offset + len(text) > FILE_BYTES:
            continue
        chunks.append(text)
        regions.append((kind, name, where, cls, node.start_point[0], offset, offset + len(text)))
        offset += len(text)
    if not any(r[0] == CODE for r in regions):
        return None
    return ValueSource(b"".join(chunks), tuple(regions))
