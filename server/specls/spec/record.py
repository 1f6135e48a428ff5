"""Decision changes as every face makes them: record, change a status, supersede.

The command line (``specls decide``, ``specls infer --write``), the agents' faces (the MCP
server's ``propose_decision``, the hooks' suggested commands) and the editor's command all
come here. A change is validated against the spec's models before anything is written, and
written through :mod:`specls.writes` (confined to the workspace, locked, compared then
swapped): a new decision is appended as text, so every byte already in the file stays; a
status change goes through tomlkit, which keeps comments and layout.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specls.spec.ids import ID_PATTERN
from specls.spec.load import Spec, parse_spec
from specls.spec.write import SpecWriteError, unique_id, upsert_decision
from specls.writes import WriteError, digest, write_file

STATUSES = ("proposed", "accepted", "superseded", "rejected")


class DecisionError(Exception):
    """A decision change that was refused; nothing was written."""


@dataclass(slots=True)
class Recorded:
    """What a change wrote: the decision's id, the spec file, the line of its table (1-based)."""

    id: str
    path: Path
    line: int


def read_spec(path: Path) -> tuple[str, str | None]:
    """The spec file's text and the digest of its bytes (``None``: there is no file yet)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return "", None
    except OSError as e:
        raise DecisionError(f"cannot read {path}: {e.strerror or e}") from e
    try:
        return data.decode("utf-8"), digest(data)
    except UnicodeDecodeError as e:
        raise DecisionError(f"{path} is not valid UTF-8; fix it first") from e


def validate(fields: Mapping[str, Any]) -> None:
    """Refuse fields the spec's models would refuse (the same message as S001)."""
    from pydantic import TypeAdapter, ValidationError

    from specls.spec.models import Decision

    try:
        TypeAdapter(Decision).validate_python(dict(fields))
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'][1:]) or 'decision'}: {err['msg']}"
            for err in e.errors()
        )
        raise DecisionError(f"not a valid decision: {problems}") from None


def decided_targets(spec: Spec, kind: str) -> dict[str, str]:
    """``target -> id`` of the enforced decisions of ``kind`` (to refuse a second one)."""
    out: dict[str, str] = {}
    for entry in spec.enforced():
        target = getattr(entry.decision, "target", None)
        if entry.decision.kind == kind and target:
            out[target] = entry.id
    return out


def record(
    spec_path: Path,
    root: Path,
    fields: Mapping[str, Any],
    *,
    decision_id: str | None = None,
    exact_id: bool = False,
    refuse_decided_target: bool = False,
    supersede: str | None = None,
    allowed: frozenset[Path] = frozenset(),
) -> Recorded:
    """Add a decision to the spec file (created if missing) and return where it went.

    ``decision_id`` is the id wanted (made unique with ``-2``, ``-3`` … unless
    ``exact_id``, when a taken id is refused); by default one is made from the target.
    ``refuse_decided_target`` refuses a target that an enforced decision of the same kind
    already governs (a proposal must not contradict the spec silently). ``supersede`` marks
    that older decision superseded by this one. Raises :class:`DecisionError`."""
    fields = {k: v for k, v in fields.items() if v is not None and v != ""}
    fields.setdefault("status", "accepted")
    validate(fields)
    text, seen = read_spec(spec_path)
    spec = parse_spec(text, spec_path)
    if text.strip() and _broken(text):
        raise DecisionError(f"{spec_path} is not valid TOML; fix it first")
    target = fields.get("target")
    if refuse_decided_target and isinstance(target, str):
        taken = decided_targets(spec, str(fields["kind"]))
        if target in taken:
            raise DecisionError(f"`{target}` is already decided by `{taken[target]}`")
    if supersede is not None and supersede not in spec.decisions:
        raise DecisionError(f"there is no decision `{supersede}` to supersede")
    wanted = decision_id or default_id(fields)
    if not _valid_id(wanted):
        raise DecisionError(f"`{wanted}` is not a decision id (letters, digits, - _ .)")
    if exact_id and wanted in spec.declared:
        raise DecisionError(f"the spec already has a decision `{wanted}`")
    ident = unique_id(text, wanted)
    try:
        new = upsert_decision(text, ident, fields, supersede=supersede)
    except SpecWriteError as e:
        raise DecisionError(str(e)) from e
    _write(spec_path, new, seen, root, allowed)
    entry = parse_spec(new, spec_path).decisions.get(ident)
    return Recorded(ident, spec_path, entry.span.line + 1 if entry else 0)


def set_status(
    spec_path: Path,
    root: Path,
    decision_id: str,
    status: str,
    *,
    superseded_by: str | None = None,
    allowed: frozenset[Path] = frozenset(),
    extra: Mapping[str, Any] | None = None,
) -> Recorded:
    """Change a decision's status (accept, reject, supersede), keeping the file's layout."""
    if status not in STATUSES:
        raise DecisionError(f"`{status}` is not a status ({', '.join(STATUSES)})")
    text, seen = read_spec(spec_path)
    spec = parse_spec(text, spec_path)
    entry = spec.decisions.get(decision_id)
    if entry is None:
        known = "invalid" if decision_id in spec.declared else "no"
        raise DecisionError(f"the spec has {known} decision `{decision_id}`")
    if status == "superseded" and not superseded_by:
        raise DecisionError("a superseded decision names its successor")
    if superseded_by is not None and superseded_by not in spec.decisions:
        raise DecisionError(f"there is no decision `{superseded_by}` to supersede it")
    fields: dict[str, Any] = {**(extra or {}), "status": status}
    if superseded_by is not None:
        fields["superseded_by"] = superseded_by
    current = entry.decision.model_dump(exclude_none=True)
    if status != "superseded":
        current.pop("superseded_by", None)
    validate({**current, **fields})
    try:
        new = upsert_decision(text, decision_id, fields)
    except SpecWriteError as e:
        raise DecisionError(str(e)) from e
    if status != "superseded" and "superseded_by" in _table(new, decision_id):
        new = _drop_key(new, decision_id, "superseded_by")
    _write(spec_path, new, seen, root, allowed)
    return Recorded(decision_id, spec_path, entry.span.line + 1)


def default_id(fields: Mapping[str, Any]) -> str:
    """An id from a decision's target and kind: ``cart-lines``, ``stack-pop-raises``."""
    from specls.naming import words

    target = str(fields.get("target") or fields.get("prefer") or fields.get("kind") or "decision")
    parts = [w.lower for part in target.split(".")[-2:] for w in words(part)] or ["decision"]
    ident = "-".join(parts)
    kind = fields.get("kind")
    if kind == "invariant":
        ident += "-invariant"
    elif kind == "behaviour":
        ident += "-raises" if fields.get("raises") else "-returns"
    elif kind == "naming":
        ident += "-term" if fields.get("avoid") else "-names"
    return ident


def _valid_id(ident: str) -> bool:
    import re

    return re.fullmatch(ID_PATTERN, ident) is not None


def _broken(text: str) -> bool:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return True
    return False


def _table(text: str, decision_id: str) -> dict[str, Any]:
    return tomllib.loads(text).get("decision", {}).get(decision_id, {})


def _drop_key(text: str, decision_id: str, key: str) -> str:
    import tomlkit

    doc = tomlkit.parse(text)
    table = doc["decision"][decision_id]  # type: ignore[index]
    del table[key]  # type: ignore[union-attr]
    return tomlkit.dumps(doc)


def _write(path: Path, text: str, seen: str | None, root: Path, allowed: frozenset[Path]) -> None:
    try:
        write_file(path, text, seen, root, allowed)
    except (WriteError, OSError) as e:
        raise DecisionError(f"{e}; the spec was not changed") from e
