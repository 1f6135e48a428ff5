"""A finding's fixes as file changes: what the editor's quick fix does, for the command line
(``specls fix``) and any face without an editor.

A finding carries its fixes as data (:class:`specls.findings.Fix`): *record-decision*,
*push-claim* (record the claim, then reference it from the line it came from),
*update-decision* (a new decision superseding the old), *rename*; and every finding in a
source file can be *suppressed* on its line. :func:`options` lists them; :func:`plan`
computes the new texts of the files one changes, from the bytes on disk now; the caller
writes them with :func:`specls.writes.write_files` (all or none).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specls.findings import Finding, Fix
from specls.records import record
from specls.text import line_bounds, with_comment
from specls.writes import digest

if TYPE_CHECKING:
    from specls.engine import Workspace


class FixError(Exception):
    """A fix that cannot be applied (nothing was written)."""


@record()
class Option:
    """One fix a finding offers; ``fix`` is None for suppressing the finding on its line."""

    finding: Finding
    fix: Fix | None

    @property
    def title(self) -> str:
        if self.fix is None:
            return f"Suppress {self.finding.code} on this line"
        return self.fix.title

    @property
    def kind(self) -> str:
        return "suppress" if self.fix is None else self.fix.kind


@record()
class Change:
    """A file's text before and after, and the digest of the bytes ``old`` was read from
    (``None``: the file does not exist yet)."""

    path: Path
    old: str
    new: str
    seen: str | None


@record()
class Planned:
    """What applying an option changes, and what to say about it."""

    changes: list[Change]
    said: list[str]


def options(findings: list[Finding], spec_path: Path | None) -> list[Option]:
    """Every fix the findings offer, then suppressing each one that is in a source file."""
    out = [Option(f, fix) for f in findings for fix in f.fixes]
    spec = str(spec_path) if spec_path is not None else None
    out += [Option(f, None) for f in findings if f.path != spec]
    return out


def _read(path: Path) -> tuple[str, str | None]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return "", None
    except OSError as e:
        raise FixError(f"cannot read {path}: {e.strerror or e}") from e
    try:
        return data.decode("utf-8"), digest(data)
    except UnicodeDecodeError as e:
        raise FixError(f"{path} is not valid UTF-8") from e


def plan(option: Option, ws: Workspace, extra: dict[str, Any] | None = None) -> Planned:
    """The changes applying ``option`` makes to the workspace as it is on disk now.

    ``extra`` are fields every decision written carries (``since``)."""
    finding = option.finding
    fix = option.fix
    if fix is None:
        path = Path(finding.path)
        old, seen = _read(path)
        new = with_comment(old, finding.span.line, f"spec: ignore[{finding.code}]")
        if new is None:
            raise FixError(f"{finding.path} has no line {finding.span.line + 1}")
        return Planned([Change(path, old, new, seen)], [f"suppressed {finding.code}"])
    if fix.kind == "rename":
        return _rename(finding, fix, ws)
    if fix.kind == "edit" and fix.edits:
        return _edit(fix)
    if fix.kind == "unsuppress" and fix.reference_line is not None:
        return _unsuppress(finding, fix)
    if not fix.decision:
        raise FixError(f"the fix '{fix.title}' carries no decision to write")
    return _decision(finding, fix, ws, extra or {})


def _decision(finding: Finding, fix: Fix, ws: Workspace, extra: dict[str, Any]) -> Planned:
    from specls.spec.record import DecisionError, prepare_record

    spec_path = ws.settings.spec
    if spec_path is None:
        raise FixError("no spec file configured")
    fields = {**(fix.decision or {}), **extra}
    try:
        prepared = prepare_record(
            spec_path,
            fields,
            decision_id=fix.decision_id,
            supersede=fix.supersedes,
        )
    except DecisionError as e:
        raise FixError(str(e)) from e
    changes = [Change(spec_path, prepared.old, prepared.new, prepared.seen)]
    verb = "superseding " + f"`{fix.supersedes}`" if fix.supersedes else ""
    said = [f"recorded decision `{prepared.id}`" + (f" {verb}" if verb else "")]
    if fix.kind == "push-claim" and fix.reference_line is not None:
        ref = Path(fix.reference_path or finding.path)
        if ref != spec_path:
            old, seen = _read(ref)
            new = with_comment(old, fix.reference_line, f"spec: {prepared.id}")
            if new is not None:
                changes.append(Change(ref, old, new, seen))
                said.append(f"referenced it from {ref.name}:{fix.reference_line + 1}")
    return Planned(changes, said)


def _edit(fix: Fix) -> Planned:
    """The text edits a fix carries (R105's "did you mean"), each file all or none."""
    from specls.findings import apply_edits

    changes = []
    for path in sorted({e.path for e in fix.edits or ()}):
        old, seen = _read(Path(path))
        new = apply_edits(old, [e for e in fix.edits or () if e.path == path])
        if new is None:
            raise FixError(f"{path} changed since it was checked; check it again")
        changes.append(Change(Path(path), old, new, seen))
    return Planned(changes, [fix.title[:1].lower() + fix.title[1:]])


def _unsuppress(finding: Finding, fix: Fix) -> Planned:
    """S009's fix: the unused codes out of the line's ``# spec: ignore[...]``."""
    from specls.rules.suppressions import unsuppressed

    path = Path(finding.path)
    old, seen = _read(path)
    bounds = line_bounds(old, fix.reference_line or 0)
    line = None if bounds is None else unsuppressed(old[bounds[0] : bounds[1]], fix.codes)
    if bounds is None or line is None:
        raise FixError(f"{finding.path}:{finding.span.line + 1} has no `# spec: ignore` now")
    new = old[: bounds[0]] + line + old[bounds[1] :]
    return Planned([Change(path, old, new, seen)], [fix.title[:1].lower() + fix.title[1:]])


def _rename(finding: Finding, fix: Fix, ws: Workspace) -> Planned:
    from specls.rename import RenameError, new_texts, plan_rename
    from specls.spec.write import SpecWriteError, retarget
    from specls.symbols import symbol_at

    if not fix.new_name:
        raise FixError("the rename carries no new name")
    found = symbol_at(ws.index, finding.path, finding.span.line, finding.span.col)
    if found is None:
        raise FixError("no name specls can rename at the finding")
    read: dict[str, tuple[str, str | None]] = {}

    def reader(path: str) -> str | None:
        if path not in read:
            try:
                read[path] = _read(Path(path))
            except FixError:
                return None
        text, seen = read[path]
        return text if seen is not None else None

    try:
        renamed = plan_rename(ws.index, found[0], fix.new_name, reader, ws.spec)
    except RenameError as e:
        raise FixError(f"cannot rename `{found[0].name}`: {e}") from e
    texts = new_texts(renamed, reader)
    spec_path = ws.settings.spec
    if renamed.retargets and spec_path is not None and reader(str(spec_path)) is not None:
        with contextlib.suppress(SpecWriteError):  # (the rename stands; the spec is as it was)
            texts[str(spec_path)] = retarget(
                read[str(spec_path)][0], [(i, t) for i, _, t in renamed.retargets]
            )
    changes = [
        Change(Path(path), read[path][0], new, read[path][1]) for path, new in sorted(texts.items())
    ]
    said = [f"renamed `{found[0].name}` to `{fix.new_name}` ({renamed.count} edits)"]
    return Planned(changes, said)
