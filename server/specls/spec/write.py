"""Write decisions into the spec file without losing anything that was there.

New decisions are appended as text, so every byte before them stays as it was; updates to an
existing decision go through tomlkit, which keeps comments, key order and blank lines. Files
are replaced atomically and never over a version changed since it was read.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path
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


def digest(data: bytes) -> str:
    """Content hash used to detect that a file changed since it was read."""
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, text: str, expected_digest: str | None) -> None:
    """Replace ``path`` with ``text`` atomically.

    ``expected_digest`` is the digest of the content the change was computed from (``None``
    when the file did not exist); if the file now differs, nothing is written.
    """
    try:
        now = path.read_bytes()
        now_digest: str | None = digest(now)
    except FileNotFoundError:
        now_digest = None
    if now_digest != expected_digest:
        raise SpecWriteError(f"{path} changed since it was read; nothing was written")
    mode = path.stat().st_mode & 0o777 if now_digest is not None else 0o644
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
