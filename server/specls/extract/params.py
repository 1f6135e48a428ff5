"""Parameters: their names, annotations, docstring types and defaults, and the reads of
parameters' attributes (what another class is asked for).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from tree_sitter import Node

from specls import docstrings
from specls.extract.positions import Positions
from specls.extract.syntax import is_store, param_name, targets_of
from specls.facts import (
    INTS,
    Param,
    Reach,
    Signature,
)
from specls.grammar import F_ARGUMENTS, F_ATTRIBUTE, F_BODY, F_TYPE, F_VALUE
from specls.kinds import (
    parse_type,
)
from specls.nodetext import node_text as _text

#: An annotation that may name a class: ``Order``, ``"Order"``, ``models.Order``,
#: ``Optional[Order]``, ``Order | None``.
_CLASS_ANNOTATION = re.compile(
    r"[\"']?(?:Optional\[)?(?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:\]|\s*\|\s*None)?[\"']?"
)


def reached_params(params: Sequence[Param], unannotated: bool) -> set[str]:
    """Parameters whose attribute reads are kept: those annotated with what may be a class,
    and (``unannotated``: in static methods and functions, which ``self`` may be passed to)
    those without an annotation."""
    return {
        p.name
        for p in params
        if (_CLASS_ANNOTATION.fullmatch(p.annotation) if p.annotation else unannotated)
    }


def _rebound_names(caps: dict[str, list[Node]], own: Callable[[Node], bool]) -> set[str]:
    """Names a function's own body assigns or binds (a parameter rebound is another value)."""
    out: set[str] = set()
    for node in [*caps.get("asg", []), *caps.get("bind", [])]:
        if not own(node):
            continue
        for child in node.named_children:
            if child.type == "block":
                continue
            for target in targets_of(child):
                if target.type == "identifier":
                    out.add(_text(target))
    return out


def param_reaches(
    names: set[str],
    caps: dict[str, list[Node]],
    own: Callable[[Node], bool],
    pos: Positions,
    mangle: Callable[[str], str],
    rebound: set[str] | None = None,
) -> list[Reach]:
    """The first read of each attribute of the parameters ``names`` in a function's own
    body (``other.total``; stores are the file's foreign stores), unless the parameter is
    narrowed (``isinstance``, ``hasattr``) or rebound (``rebound``, found when None), or
    the read is in a ``try`` that catches ``AttributeError``."""
    source = pos.source
    for call in caps.get("bcall", []):  # isinstance(other, X), hasattr(other, "x"): narrowed
        args = call.child_by_field_id(F_ARGUMENTS)
        first = args.named_children[0] if args is not None and args.named_children else None
        if first is not None and first.type == "identifier" and own(call):
            names = names - {_text(first)}
    if not names:
        return []
    prefixes = [(n, n.encode() + b".") for n in names]
    found: list[tuple[str, Node]] = []
    for node in caps.get("attr", []):
        b = node.start_byte
        name = next((n for n, prefix in prefixes if source.startswith(prefix, b)), None)
        if name is not None and own(node):
            found.append((name, node))
    if not found:
        return []
    if rebound is None:
        rebound = _rebound_names(caps, own)
    guarded = guarded_bodies(caps, own)
    out: list[Reach] = []
    seen: set[tuple[str, str]] = set()
    for name, node in found:
        if name in rebound:
            continue
        member = mangle(_text(node.child_by_field_id(F_ATTRIBUTE)))
        if (
            not member
            or (member.startswith("__") and member.endswith("__"))
            or (name, member) in seen
            or is_store(node, node.parent)
        ):
            continue
        seen.add((name, member))
        if not in_ranges(guarded, node.start_byte):
            out.append(Reach(name, member, pos.span(node)))
    return out


_CATCH_ALL = re.compile(r"\b(?:AttributeError|Exception|BaseException)\b")


def guarded_bodies(
    caps: dict[str, list[Node]], own: Callable[[Node], bool]
) -> list[tuple[int, int]]:
    """The bodies (byte ranges) of a function's ``try`` statements whose handlers catch
    ``AttributeError``: reads there may fail by design."""
    out = []
    for handler in caps.get("bind", []):
        if handler.type != "except_clause" or not own(handler):
            continue
        caught = handler.named_children[0] if handler.named_children else None
        if caught is None or caught.type == "block" or _CATCH_ALL.search(_text(caught)):
            statement = handler.parent
            body = statement.child_by_field_id(F_BODY) if statement is not None else None
            if body is not None:
                out.append((body.start_byte, body.end_byte))
    return out


def in_ranges(ranges: list[tuple[int, int]], offset: int) -> bool:
    return any(a <= offset < b for a, b in ranges)


#: Default values whose kind is a parameter's (``None`` is no kind: "not given").
_DEFAULT_LITERALS = frozenset(
    {
        "string",
        "concatenated_string",
        "integer",
        "float",
        "unary_operator",
        "list",
        "dictionary",
        "tuple",
        "set",
    }
)


#: The kinds a parameter whose default has one kind may hold: as its type name says.
AS_TYPE = {k: parse_type(k).kinds or frozenset({k}) for k in ("int", "float", "complex")}


#: Per parameter, its docstring entry and its default value, where it has them (what
#: :func:`read_parameters` gives a method's scan, to say where a kind was read).
#: (and whether the entry is in the class docstring rather than the method's)
ParamSources = dict[str, tuple["docstrings.DocEntry | None", "Node | None", bool]]


def read_parameters(
    params: Node | None,
    pos: Positions,
    doc: str | None,
    sources: ParamSources | None = None,
    class_doc: str | None = None,
) -> tuple[list[Param], Signature | None]:
    """Named parameters with their annotations, docstring types and positions, and the call
    signature (None when it cannot be read), in one pass over a ``parameters`` node; with
    ``sources``, each parameter's docstring entry and default value are put there.
    ``class_doc`` (a constructor's) documents the parameters its own docstring does not
    (NumPy and Google styles document ``__init__`` in the class docstring); its entries are
    marked ``in_class`` in ``sources``."""
    if params is None:
        return [], None
    doc_entries = {e.name: e for e in docstrings.entries(doc or "", "params")}
    in_class = set()
    if class_doc:
        for e in docstrings.entries(class_doc, "params"):
            if e.name not in doc_entries:
                doc_entries[e.name] = e
                in_class.add(e.name)
    out = []
    sig: Signature | None = Signature()
    keyword_only = False
    for p in params.named_children:
        t = p.type
        if t == "comment":
            continue
        inner = p.named_children[0] if t == "typed_parameter" and p.named_children else p
        if inner.type == "list_splat_pattern":  # *args
            if sig is not None:
                sig.var = True
            keyword_only = True
            continue
        if inner.type == "dictionary_splat_pattern":  # **kwargs
            if sig is not None:
                sig.varkw = True
            continue
        if t == "keyword_separator":  # *
            keyword_only = True
            continue
        if t == "positional_separator":  # /
            if sig is not None:
                sig.positional_only = len(sig.positional)
            continue
        node = param_name(p)
        if node is None:
            sig = None  # a parameter that cannot be read: no signature to check calls with
            continue
        name = _text(node)
        if not name:  # (a name missing in broken code: kept, but no signature)
            sig = None
        ann = (_text(p.child_by_field_id(F_TYPE)) or None) if t.startswith("typed") else None
        line, col = node.start_point
        col = pos.col(line, col)
        if line < len(INTS) and col < len(INTS):
            line, col = INTS[line], INTS[col]
        doc_entry = doc_entries.get(name)
        out.append(Param(name, ann, doc_entry.type_text if doc_entry else None, line, col))
        if sources is not None:
            default = None
            if t == "default_parameter" or t == "typed_default_parameter":
                default = p.child_by_field_id(F_VALUE)
                if default is not None and default.type not in _DEFAULT_LITERALS:
                    default = None
            if doc_entry is not None or default is not None:
                sources[name] = (doc_entry, default, name in in_class)
        if sig is not None:
            entry = (name, t in ("default_parameter", "typed_default_parameter"))
            (sig.keyword_only if keyword_only else sig.positional).append(entry)
    return out, sig
