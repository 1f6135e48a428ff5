"""Where a field is used, for the faces: the code a value decision governs (``specls
context``), the field under the editor's cursor (hover), and the words ``spec.toml`` may
hold (completion).

A field is used where a value-like part of a file names it (a dict key, an attribute, a
parameter: see :mod:`specls.values.extract`), where a class reads or writes it as an
attribute, and where a function or method takes it as a parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from tree_sitter import Node

from specls.facts import FileFacts
from specls.values.facts import CODE
from specls.values.reading import in_scope

if TYPE_CHECKING:
    from specls.context import Scope
    from specls.engine import Workspace
    from specls.spec.load import DecisionEntry, Spec

#: The most names completion offers.
MAX_NAMES = 2000


def _word(name: str) -> re.Pattern[bytes]:
    return re.compile(rb"(?<![\w])" + re.escape(name.encode()) + rb"(?![\w])")


def places(facts: FileFacts, name: str) -> Iterator[str]:
    """The qualified names of the functions and classes of a file that use ``name``
    ("" for module-level code)."""
    src = facts.values
    if src is not None:
        word = _word(name)
        for kind, _, where, _, _, start, end in src.regions:
            if kind == CODE and word.search(src.text, start, end):
                yield where
    for cls in facts.classes:
        if name in cls.reads or name in cls.writes:
            yield cls.qualname
        for method in cls.methods.values():
            if any(p.name == name for p in method.params):
                yield f"{cls.qualname}.{method.name}"
    for fn in facts.function_facts:
        if any(p.name == name for p in fn.params):
            yield fn.name


def governs(ws: Workspace, scope: Scope, d: Any) -> tuple[int, str] | None:
    """How closely a value decision governs ``scope`` (0: a member it names, 1: one of its
    classes, 2: its files), and why; None when no code there uses the field."""
    classes = {(ref.file.path, ref.cls.qualname): ref for ref in scope.classes}
    members = {(key, member) for key, member in scope.members}
    best: tuple[int, str] | None = None
    for path in scope.files:
        facts = ws.files.get(path)
        if facts is None:
            continue
        owned = {ref.cls.qualname for (p, _), ref in classes.items() if p == path}
        whole = scope.whole or owned >= {c.qualname for c in facts.classes}
        for name in (d.field, d.to_field):
            if not name:
                continue
            for where in places(facts, name):
                if not in_scope(d.scope, facts.module, where):
                    continue
                rank = _rank(path, where, owned, members, whole)
                if rank is None:
                    continue
                shown = f"`{name}` in `{where}`" if where else f"`{name}` in this module"
                if best is None or rank < best[0]:
                    best = (rank, shown)
    return best


def _rank(
    path: str,
    where: str,
    owned: set[str],
    members: set[tuple[tuple[str, str], str]],
    whole: bool,
) -> int | None:
    for (key_path, qualname), member in members:
        if key_path == path and where in (qualname, f"{qualname}.{member}"):
            return 0
    if any(where == q or where.startswith(q + ".") for q in owned):
        return 1
    return 2 if whole else None


# -- the field under the cursor -------------------------------------------------------------------


def _text(node: Node, source: bytes) -> str:
    """A node's text, from ``source`` (a statement kept from an earlier parse holds none)."""
    return source[node.start_byte : node.end_byte].decode("utf-8", "replace")


def field_at(node: Node | None, source: bytes) -> str | None:
    """The field a node of ``source`` names: a string key (``payload["amount"]``,
    ``.get("amount")``, ``{"amount": ...}``), an attribute, a keyword argument, a parameter
    or a name."""
    if node is None:
        return None
    if node.type == "string_content" and node.parent is not None:
        node = node.parent
    if node.type == "string":
        return _key_string(node, source)
    if node.type == "identifier":
        return _text(node, source) or None
    return None


def _key_string(node: Node, source: bytes) -> str | None:
    parent = node.parent
    if parent is None:
        return None
    is_key = (
        (parent.type == "subscript" and node in parent.children_by_field_name("subscript"))
        or (parent.type == "pair" and parent.child_by_field_name("key") == node)
        or (
            parent.type == "argument_list"
            and parent.named_children[:1] == [node]
            and parent.parent is not None
            and _method_name(parent.parent, source) in ("get", "pop", "setdefault")
        )
    )
    if not is_key:
        return None
    inner = [c for c in node.named_children if c.type == "string_content"]
    if len(inner) != 1 or any(c.type == "interpolation" for c in node.named_children):
        return None
    return _text(inner[0], source) or None


def _method_name(call: Node, source: bytes) -> str | None:
    func = call.child_by_field_name("function")
    if func is None or func.type != "attribute":
        return None
    attr = func.child_by_field_name("attribute")
    return _text(attr, source) if attr is not None else None


def qualname_at(node: Node, source: bytes) -> str:
    """The qualified name of the function (or class) a node of ``source`` is in ("" at
    module level)."""
    parts: list[str] = []
    current = node.parent
    for _ in range(200):
        if current is None:
            break
        if current.type in ("function_definition", "class_definition"):
            name = current.child_by_field_name("name")
            if name is not None:
                parts.append(_text(name, source))
        current = current.parent
    return ".".join(reversed(parts))


def decisions_at(spec: Spec, module: str, where: str, name: str) -> list[DecisionEntry]:
    """The value decisions (accepted or proposed) on ``name`` whose scope holds ``where``."""
    out = []
    for entry in spec.decisions.values():
        d = entry.decision
        if d.kind != "value" or d.status not in ("accepted", "proposed"):
            continue
        if name in (d.field, d.to_field) and in_scope(d.scope, module, where):
            out.append(entry)
    return out


# -- completion in spec.toml ----------------------------------------------------------------------

_KEYS = (
    re.compile(rb"""\[\s*["']([^"'\n\\]{1,60})["']\s*\]"""),
    re.compile(rb"""\.(?:get|pop|setdefault)\(\s*["']([^"'\n\\]{1,60})["']"""),
    re.compile(rb"""["']([^"'\n\\]{1,60})["']\s*:(?!=)"""),
)


def field_names(files: Iterable[FileFacts]) -> list[str]:
    """Field names of the workspace: string keys, attributes, parameters (sorted, bounded)."""
    found: set[str] = set()
    for facts in files:
        if len(found) >= MAX_NAMES:
            break
        src = facts.values
        if src is not None:
            for pattern in _KEYS:
                found.update(
                    m.group(1).decode("utf-8", "replace") for m in pattern.finditer(src.text)
                )
        for cls in facts.classes:
            found.update(cls.writes)
            for method in cls.methods.values():
                found.update(p.name for p in method.params if p.name not in ("self", "cls"))
        for fn in facts.function_facts:
            found.update(p.name for p in fn.params)
    return sorted(n for n in found if n.strip() and not n.startswith("__"))[:MAX_NAMES]


def value_words(key: str, files: Iterable[FileFacts]) -> list[str] | None:
    """What the value of ``key`` in a value decision may be, or None for a key of no list."""
    from specls.spec.models import ValueDecision

    if key in ("field", "to_field"):
        return field_names(files)
    if key in ("timezone", "to_timezone"):
        from specls.values import zones

        return sorted(zones.known())
    annotation = ValueDecision.model_fields.get(key)
    if annotation is None:
        return None
    import typing

    args = [a for a in typing.get_args(annotation.annotation) if a is not type(None)]
    literals = [v for a in args for v in typing.get_args(a)] or list(
        typing.get_args(annotation.annotation)
    )
    words = [str(v) for v in literals if isinstance(v, str | int) and not isinstance(v, bool)]
    return words or None


def decision_keys(kind: str, present: set[str]) -> list[str]:
    """The keys a decision of ``kind`` may have that its table does not have yet."""
    from specls.spec import models

    model = {
        "representation": models.RepresentationDecision,
        "invariant": models.InvariantDecision,
        "naming": models.NamingDecision,
        "behaviour": models.BehaviourDecision,
        "value": models.ValueDecision,
    }.get(kind)
    if model is None:
        return []
    return [k for k in model.model_fields if k not in present and k != "kind"]
