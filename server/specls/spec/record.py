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
from pathlib import Path
from typing import Any

from specls.records import record
from specls.spec.ids import ID_PATTERN
from specls.spec.load import Spec, parse_spec
from specls.spec.write import SpecWriteError, unique_id, upsert_decision
from specls.writes import WriteError, digest, write_file

STATUSES = ("proposed", "accepted", "superseded", "rejected")


class DecisionError(Exception):
    """A decision change that was refused; nothing was written."""


@record()
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


@record()
class Prepared:
    """A decision change computed but not written: the spec's text before and after, and
    the digest of the bytes it was read from (``None``: there was no file)."""

    id: str
    path: Path
    old: str
    new: str
    seen: str | None

    def recorded(self) -> Recorded:
        entry = parse_spec(self.new, self.path).decisions.get(self.id)
        return Recorded(self.id, self.path, entry.span.line + 1 if entry else 0)


def prepare_record(
    spec_path: Path,
    fields: Mapping[str, Any],
    *,
    decision_id: str | None = None,
    exact_id: bool = False,
    refuse_decided_target: bool = False,
    supersede: str | None = None,
    current: tuple[str, str | None] | None = None,
) -> Prepared:
    """What :func:`record` would write, without writing it (``current``: the spec's text
    and digest, when the caller already read them). Raises :class:`DecisionError`."""
    fields = {k: v for k, v in fields.items() if v is not None and v != ""}
    fields.setdefault("status", "accepted")
    validate(fields)
    text, seen = current if current is not None else read_spec(spec_path)
    spec = parse_spec(text, spec_path)
    if text.strip() and _broken(text):
        raise DecisionError(f"{spec_path} is not valid TOML; fix it first")
    taken = deciding(spec, fields) if refuse_decided_target else None
    if taken is not None and taken != supersede:
        raise DecisionError(f"`{fields.get('target')}` is already decided by `{taken}`")
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
    return Prepared(ident, spec_path, text, new, seen)


def deciding(spec: Spec, fields: Mapping[str, Any]) -> str | None:
    """The enforced decision a new one with ``fields`` would contradict (S004's notion: a
    representation of the same target, a behaviour of the same target and edge case), or
    None. Invariants and naming decisions add up: several may govern one target."""
    kind, target = fields.get("kind"), fields.get("target")
    if kind not in ("representation", "behaviour") or not isinstance(target, str):
        return None
    for entry in spec.enforced():
        d = entry.decision
        same = d.kind == kind and d.target == target
        if same and (kind == "representation" or d.when == fields.get("when")):
            return entry.id
    return None


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
    prepared = prepare_record(
        spec_path,
        fields,
        decision_id=decision_id,
        exact_id=exact_id,
        refuse_decided_target=refuse_decided_target,
        supersede=supersede,
    )
    _write(spec_path, prepared.new, prepared.seen, root, allowed)
    return prepared.recorded()


def record_all(
    spec_path: Path,
    root: Path,
    decisions: list[tuple[str, Mapping[str, Any]]],
    *,
    allowed: frozenset[Path] = frozenset(),
    dry_run: bool = False,
) -> tuple[list[Recorded], Prepared]:
    """Append several decisions ``(id, fields)`` in one write (all or none), each under
    exactly its id and refused if its target is already decided. ``dry_run`` computes the
    new text without writing it. Raises :class:`DecisionError`."""
    text, seen = read_spec(spec_path)
    current = (text, seen)
    prepared = Prepared("", spec_path, text, text, seen)
    for ident, fields in decisions:
        step = prepare_record(
            spec_path,
            fields,
            decision_id=ident,
            exact_id=True,
            refuse_decided_target=True,
            current=current,
        )
        current = (step.new, seen)
        prepared = Prepared(step.id, spec_path, text, step.new, seen)
    if not dry_run and decisions:
        _write(spec_path, prepared.new, seen, root, allowed)
    spec = parse_spec(prepared.new, spec_path)
    out = []
    for ident, _ in decisions:
        entry = spec.decisions.get(ident)
        out.append(Recorded(ident, spec_path, entry.span.line + 1 if entry else 0))
    return out, prepared


def status_text(
    text: str,
    decision_id: str,
    status: str,
    *,
    superseded_by: str | None = None,
    extra: Mapping[str, Any] | None = None,
    path: Path | None = None,
) -> str:
    """``text`` with a decision's status changed (tomlkit: comments and layout kept); the
    text-only half of :func:`set_status`. Raises :class:`DecisionError`."""
    if status not in STATUSES:
        raise DecisionError(f"`{status}` is not a status ({', '.join(STATUSES)})")
    spec = parse_spec(text, path)
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
    return new


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
    text, seen = read_spec(spec_path)
    new = status_text(
        text, decision_id, status, superseded_by=superseded_by, extra=extra, path=spec_path
    )
    _write(spec_path, new, seen, root, allowed)
    entry = parse_spec(new, spec_path).decisions[decision_id]
    return Recorded(decision_id, spec_path, entry.span.line + 1)


def supersede_text(
    text: str,
    old: str,
    new: str,
    *,
    extra: Mapping[str, Any] | None = None,
    path: Path | None = None,
) -> str:
    """``text`` with decision ``old`` superseded by the existing decision ``new``, which is
    accepted (with ``extra``, such as ``since``) if it was only proposed. Refuses a
    successor that is retired, of another kind, or the decision itself, and a decision
    already superseded (supersede its successor instead)."""
    spec = parse_spec(text, path)
    if old == new:
        raise DecisionError("a decision cannot supersede itself")
    for ident in (old, new):
        if ident not in spec.decisions:
            known = "invalid" if ident in spec.declared else "no"
            raise DecisionError(f"the spec has {known} decision `{ident}`")
    was, successor = spec.decisions[old].decision, spec.decisions[new].decision
    if was.status == "superseded":
        raise DecisionError(
            f"`{old}` is already superseded by `{was.superseded_by}`; supersede that one instead"
        )
    if successor.status in ("superseded", "rejected"):
        raise DecisionError(f"`{new}` is {successor.status}: it cannot supersede another")
    if was.kind != successor.kind:
        raise DecisionError(
            f"`{old}` is a {was.kind} decision and `{new}` a {successor.kind} one; a decision "
            "is superseded by one of its kind"
        )
    changed = status_text(text, old, "superseded", superseded_by=new, path=path)
    if successor.status == "proposed":
        changed = status_text(changed, new, "accepted", extra=extra, path=path)
    return changed


def supersede(
    spec_path: Path,
    root: Path,
    old: str,
    new: str,
    *,
    extra: Mapping[str, Any] | None = None,
    allowed: frozenset[Path] = frozenset(),
) -> Recorded:
    """Mark ``old`` superseded by the existing decision ``new`` in one write (see
    :func:`supersede_text`); returns where ``new`` is."""
    text, seen = read_spec(spec_path)
    changed = supersede_text(text, old, new, extra=extra, path=spec_path)
    _write(spec_path, changed, seen, root, allowed)
    entry = parse_spec(changed, spec_path).decisions[new]
    return Recorded(new, spec_path, entry.span.line + 1)


def since(root: Path) -> dict[str, str]:
    """``{"since": <short HEAD>}`` when the workspace is in a git repository, else ``{}``:
    what a decision recorded or accepted now carries (read with :mod:`specls.gitread`)."""
    from specls.gitread import head

    commit = head(root)
    return {"since": commit} if commit else {}


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
