"""Write decisions into the spec file without losing anything that was there.

New decisions are appended as text, so every byte before them stays as it was; updates to an
existing decision go through tomlkit, which keeps comments, key order and blank lines. The
file itself is written by :mod:`specls.writes` (confined, locked, compared, swapped).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from typing import Any

import tomlkit

from specls.spec.load import parse_spec

#: Field order for new decisions: what first, then why, then status.
_ORDER = [
    "kind",
    "target",
    "type",
    "expr",
    "when",
    "raises",
    "returns",
    "prefer",
    "avoid",
    "pattern",
    "applies_to",
    "summary",
    "rationale",
    "status",
    "superseded_by",
    "since",
]

NEW_FILE_HEADER = (
    "# Shared design decisions, read by specls and by every writer of this code.\n"
    "[spec]\nversion = 1\n"
)


class SpecWriteError(Exception):
    """The spec file cannot be written safely (it changed, or it is not valid TOML)."""


def _ordered(fields: Mapping[str, Any]) -> list[tuple[str, Any]]:
    known = [(k, fields[k]) for k in _ORDER if fields.get(k) is not None]
    rest = [(k, v) for k, v in fields.items() if k not in _ORDER and v is not None]
    return known + rest


def render_decision(decision_id: str, fields: Mapping[str, Any]) -> str:
    """The TOML text of one new ``[decision.<id>]`` table."""
    table = tomlkit.table()
    for key, value in _ordered(fields):
        table[key] = value
    doc = tomlkit.document()
    outer = tomlkit.table(is_super_table=True)
    outer[decision_id] = table
    doc["decision"] = outer
    return tomlkit.dumps(doc)


def upsert_decision(
    text: str,
    decision_id: str,
    fields: Mapping[str, Any],
    *,
    supersede: str | None = None,
) -> str:
    """Return ``text`` with decision ``decision_id`` added or its ``fields`` updated.

    With ``supersede``, that older decision is marked ``status = "superseded"`` and
    ``superseded_by = decision_id`` (never deleted). Raises :class:`SpecWriteError` when
    ``text`` is not valid TOML: a broken file is not rewritten.
    """
    try:
        current = tomllib.loads(text) if text.strip() else {}
    except tomllib.TOMLDecodeError as e:
        raise SpecWriteError(f"the spec file is not valid TOML ({e}); fix it first") from e
    decisions = current.get("decision", {})
    if not text.strip():
        text = NEW_FILE_HEADER
    if decision_id in decisions or (supersede and supersede in decisions):
        doc = tomlkit.parse(text)
        table = doc.get("decision")
        if decision_id in decisions:
            entry = table[decision_id]
            for key, value in _ordered(fields):
                entry[key] = value
        if supersede and supersede in decisions:
            old = table[supersede]
            old["status"] = "superseded"
            old["superseded_by"] = decision_id
        text = tomlkit.dumps(doc)
        if decision_id in decisions:
            return text
    sep = "" if text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
    return text + sep + render_decision(decision_id, fields)


def retarget(text: str, changes: list[tuple[str, str]]) -> str:
    """Return ``text`` with the ``target`` of each decision ``(id, new target)`` replaced.

    Goes through tomlkit: comments, key order and layout stay as they were.
    """
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise SpecWriteError(f"the spec file is not valid TOML ({e}); fix it first") from e
    doc = tomlkit.parse(text)
    table = doc.get("decision", {})
    for decision_id, target in changes:
        if decision_id in table and "target" in table[decision_id]:
            table[decision_id]["target"] = target
    return tomlkit.dumps(doc)


def unique_id(text: str, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... if the spec already declares it."""
    declared = parse_spec(text).declared
    ident, n = wanted, 2
    while ident in declared:
        ident, n = f"{wanted}-{n}", n + 1
    return ident
