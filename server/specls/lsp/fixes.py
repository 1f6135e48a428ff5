"""Code actions: quick fixes that record a decision, push a claim, suppress a finding; the
source action that records a class's implicit decisions (:mod:`specls.infer`), and the
actions on a decision's table in the spec that accept, reject or supersede it.

A fix is computed as new file texts from what the editor and the disk hold *now*:

- when every file it changes is open in the editor, it is a ``WorkspaceEdit`` of versioned
  document edits, which the client refuses if a buffer changed meanwhile (undo works);
- when a file it changes is not open (spec.toml usually is not), the action carries the
  command :data:`APPLY_FIX` instead, and the server computes the fix again when it is
  applied, from the bytes on disk at that moment, and writes them through
  :mod:`specls.writes` (confined to the workspace, compared before an atomic swap). An
  unversioned edit to a closed file would be applied to whatever the file holds by then:
  a line added at the top meanwhile put a field into the wrong table.

In Restricted Mode (an untrusted workspace) there are no fixes at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams

from specls.lsp import features, fixall, renaming
from specls.lsp.edits import minimal_edit
from specls.records import record
from specls.spec.write import SpecWriteError, unique_id, upsert_decision
from specls.text import with_comment
from specls.writes import Planned, WriteError, digest, write_files

if TYPE_CHECKING:
    from specls.lsp.server import SpeclsServer

APPLY_FIX = "specls.applyFix"
#: LSP's RequestFailed: the client shows the message.
_REQUEST_FAILED = lsp.LSPErrorCodes.RequestFailed.value


@record()
class FileEdit:
    """A file's text before and after a fix. ``version`` is the open buffer's (``None``
    when the file is not open: ``digest`` is then that of the bytes ``old`` was read from)."""

    path: str
    old: str
    new: str
    open: bool
    version: int | None = None
    digest: str | None = None


def refuse_if_restricted(ls: SpeclsServer, what: str) -> None:
    if ls.restricted:
        raise JsonRpcException(
            f"specls: no {what} in Restricted Mode (this workspace is not trusted)",
            _REQUEST_FAILED,
        )


# -- offering -----------------------------------------------------------------------------------


def code_actions(ls: SpeclsServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    """The fixes carried by the diagnostics in ``params``, plus claims to push to the spec."""
    if ls.restricted:
        return []
    uri = params.text_document.uri
    doc = ls.doc(uri)
    version = doc.version if doc else None
    actions: list[lsp.CodeAction] = []
    for diag in params.context.diagnostics:
        if diag.source != "specls":
            continue
        data = diag.data if isinstance(diag.data, dict) else {}
        offered = [f for f in data.get("fixes") or [] if isinstance(f, dict)]
        for fix in offered:
            if not isinstance(fix.get("title"), str):
                continue
            actions.append(
                lsp.CodeAction(
                    title=fix["title"],
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=fix is offered[0] or None,
                    data={
                        "fix": fix,
                        "uri": uri,
                        "version": version,
                        "at": [diag.range.start.line, diag.range.start.character],
                    },
                )
            )
        if ls.is_spec(ls.path_of(uri)):
            continue
        actions.append(
            lsp.CodeAction(
                title=f"Suppress {diag.code} on this line",
                kind=lsp.CodeActionKind.QuickFix,
                diagnostics=[diag],
                data={
                    "suppress": str(diag.code),
                    "uri": uri,
                    "version": version,
                    "line": diag.range.start.line,
                },
            )
        )
    actions.extend(features.claim_actions(ls, uri, params.range, version))
    return actions


# -- resolving and applying ---------------------------------------------------------------------


def _data(value: Any) -> dict[str, Any]:
    """An action's data as specls made it; anything else is ``InvalidParams``."""
    ok = (
        isinstance(value, dict)
        and isinstance(value.get("uri"), str)
        and (value.get("version") is None or type(value.get("version")) is int)
        and (
            (isinstance(value.get("suppress"), str) and type(value.get("line")) is int)
            or isinstance(value.get("fix"), dict)
            or _infer_data(value.get("infer"))
            or _change_data(value.get("change"))
        )
    )
    fix = value.get("fix") if ok else None
    if fix is not None:
        ok = all(
            fix.get(k) is None or isinstance(fix.get(k), t)
            for k, t in (
                ("decision", dict),
                ("decision_id", str),
                ("supersedes", str),
                ("new_name", str),
                ("kind", str),
                ("reference_path", str),
                ("reference_line", int),
            )
        )
        at = value.get("at")
        ok = ok and (at is None or (isinstance(at, list) and [type(x) for x in at] == [int, int]))
        ok = ok and fixall.valid(fix)
    if not ok:
        raise JsonRpcInvalidParams("specls: this code action was not made by specls")
    return value


def resolve(ls: SpeclsServer, action: lsp.CodeAction) -> lsp.CodeAction:
    """Fill in a lazily offered action: its edit, or the command that applies it."""
    if ls.restricted:
        return action
    data = _data(action.data)
    doc = ls.doc(data["uri"])
    if doc is not None and data.get("version") is not None and doc.version != data["version"]:
        ls.log(
            f"specls: '{action.title}' was computed for an older version; not applied",
            lsp.MessageType.Warning,
        )
        return action
    fix = data.get("fix") or {}
    if fix.get("kind") == "rename" and fix.get("new_name") and data.get("at"):
        line, character = data["at"]
        try:
            action.edit = renaming.rename(
                ls, data["uri"], lsp.Position(line, character), fix["new_name"]
            )
        except JsonRpcException as e:
            ls.log(f"specls: {e.message}", lsp.MessageType.Error)
        return action
    try:
        edits = plan(ls, data)
    except (SpecWriteError, OSError, UnicodeDecodeError) as e:
        ls.log(f"specls: cannot apply '{action.title}': {e}", lsp.MessageType.Error)
        return action
    if not edits:
        return action
    if all(e.open for e in edits):
        action.edit = workspace_edit(ls, edits)
    else:
        action.command = lsp.Command(title=action.title, command=APPLY_FIX, arguments=[data])
    return action


async def apply(ls: SpeclsServer, value: Any) -> bool:
    """The :data:`APPLY_FIX` command: compute the fix again from what is there now, write
    the files no editor has open, send the edits of those it has."""
    refuse_if_restricted(ls, "quick fixes")
    data = _data(value)
    try:
        edits = plan(ls, data)
    except (SpecWriteError, OSError, UnicodeDecodeError) as e:
        _fail(ls, f"cannot apply the fix: {e}")
        return False
    return await _write(ls, edits, "specls: apply fix")


async def record_decision(ls: SpeclsServer, fields: Any) -> str | None:
    """The ``specls.recordDecision`` command: write a decision into the spec."""
    from specls.rules.representation import kebab

    refuse_if_restricted(ls, "writes")
    fields = fields if isinstance(fields, dict) else {}
    target = fields.get("target")
    if not isinstance(target, str) or not target or not isinstance(fields.get("kind"), str):
        raise JsonRpcInvalidParams("specls: recordDecision needs at least a kind and a target")
    decision = {k: v for k, v in fields.items() if v not in (None, "")}
    decision.setdefault("status", "accepted")
    fix = {"decision_id": kebab(target.replace(".", "-")), "decision": decision}
    try:
        edit, ident = _spec_edit(ls, fix)
    except (SpecWriteError, OSError, UnicodeDecodeError, ValueError) as e:
        _fail(ls, f"cannot write the decision: {e}")
        return None
    if edit is None:
        return None
    return ident if await _write(ls, [edit], f"Record decision {ident}") else None


def plan(ls: SpeclsServer, data: dict[str, Any]) -> list[FileEdit]:
    """The file texts a fix changes, from the open buffers and the disk as they are now."""
    uri = data["uri"]
    path = ls.path_of(uri)
    if "suppress" in data:
        if path is None:
            return []
        current = _current(ls, str(path))
        new = with_comment(current.old, data["line"], f"spec: ignore[{data['suppress']}]")
        if new is None:
            return []
        current.new = new
        return [current]
    if "infer" in data:
        return _infer_edit(ls, data["infer"])
    if "change" in data:
        return _change_edit(ls, data["change"])
    fix = data["fix"]
    text_edits = fixall.text_fix(ls, fix, str(path) if path else None)
    if text_edits is not None:  # (R105's respelling, S009's unused suppression)
        return text_edits
    if not fix.get("decision"):
        return []
    spec_edit, ident = _spec_edit(ls, fix)
    if spec_edit is None:
        return []
    edits = [spec_edit]
    if fix.get("kind") == "push-claim" and fix.get("reference_line"):
        ref = fix.get("reference_path") or (str(path) if path else None)
        if ref is not None and ref != spec_edit.path:
            current = _current(ls, ref)
            new = with_comment(current.old, int(fix["reference_line"]) - 1, f"spec: {ident}")
            if new is not None:
                current.new = new
                edits.append(current)
    return edits


def _current(ls: SpeclsServer, path: str) -> FileEdit:
    """A file as it is now: its open buffer, else its bytes on disk (strict UTF-8)."""
    doc = ls.docs.get(path)
    if doc is not None:
        return FileEdit(path, doc.text, doc.text, True, doc.version)
    data = Path(path).read_bytes()
    text = data.decode("utf-8")
    return FileEdit(path, text, text, False, digest=digest(data))


def _spec_edit(ls: SpeclsServer, fix: dict[str, Any]) -> tuple[FileEdit | None, str]:
    """The spec file's edit recording ``fix['decision']`` (with ``since`` in a git
    repository), and the id it was given."""
    edit = _spec_current(ls)
    if edit is None:
        return None, ""
    wanted = fix.get("decision_id") or "decision"
    ident = unique_id(edit.old, wanted)
    decision = {**_since(ls), **fix["decision"]}
    edit.new = upsert_decision(edit.old, ident, decision, supersede=fix.get("supersedes"))
    return edit, ident


def _since(ls: SpeclsServer) -> dict[str, str]:
    """``since``: the workspace's git commit, for a decision recorded or accepted now."""
    from specls.spec.record import since

    return since(ls.paths.root)


def _spec_current(ls: SpeclsServer) -> FileEdit | None:
    """The spec file as it is now (its open buffer, else the disk; empty when missing)."""
    spec = ls.spec_path()
    if spec is None:
        return None
    doc = ls.spec_doc()
    if doc is not None:
        return FileEdit(str(doc.path), doc.text, doc.text, True, doc.version)
    if spec.exists():
        return _current(ls, str(spec))
    return FileEdit(str(spec), "", "", False, digest=None)


# -- the implicit decisions of a class ----------------------------------------------------------


def _wants(params: lsp.CodeActionParams, kind: str) -> bool:
    """Whether the client asks for actions of ``kind`` (all kinds when it names none)."""
    only = params.context.only
    return not only or any(kind == o or kind.startswith(f"{o}.") for o in only)


def decision_actions(ls: SpeclsServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    """In a Python file, the source action recording the implicit decisions of the class at
    the cursor; on a decision's table in the spec, accept, reject and supersede it."""
    if ls.restricted or ls.engine is None:
        return []
    uri = params.text_document.uri
    path = ls.path_of(uri)
    if path is None:
        return []
    doc = ls.doc(uri)
    version = doc.version if doc else None
    if ls.is_spec(path):
        if not _wants(params, lsp.CodeActionKind.RefactorRewrite):
            return []
        return _change_actions(ls, uri, version, params.range.start.line)
    if not _wants(params, lsp.CodeActionKind.Source):
        return []
    return _infer_actions(ls, str(path), uri, version, params.range.start.line)


def _infer_data(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("path"), str)
        and isinstance(value.get("class"), str)
    )


def _class_at(ls: SpeclsServer, path: str, line: int) -> Any:
    """The innermost class of a file whose lines hold ``line``."""
    assert ls.engine is not None
    around = [
        ref
        for ref in ls.engine.index.classes_in(path)
        if ref.cls.span.line <= line <= ref.cls.end_line
    ]
    return max(around, key=lambda r: r.cls.span.line, default=None)


def _proposals(ls: SpeclsServer, path: str, qualname: str) -> list[Any]:
    from specls.infer import Scope, infer

    assert ls.engine is not None
    ref = next((r for r in ls.engine.index.classes_in(path) if r.cls.qualname == qualname), None)
    return [] if ref is None else infer(ls.engine, scope=Scope.of_class(ref))


def _infer_actions(
    ls: SpeclsServer, path: str, uri: str, version: int | None, line: int
) -> list[lsp.CodeAction]:
    ref = _class_at(ls, path, line)
    if ref is None:
        return []
    found = _proposals(ls, path, ref.cls.qualname)
    if not found:
        return []
    n = len(found)
    return [
        lsp.CodeAction(
            title=f"Record the {n} implicit decision{'s' if n != 1 else ''} of this class "
            f"(`{ref.cls.name}`)",
            kind=lsp.CodeActionKind.Source,
            data={
                "infer": {"path": path, "class": ref.cls.qualname},
                "uri": uri,
                "version": version,
            },
        )
    ]


def _infer_edit(ls: SpeclsServer, wanted: dict[str, Any]) -> list[FileEdit]:
    """The spec with the class's implicit decisions appended, as proposals (inferred again
    from what the editor holds now)."""
    from specls.spec.record import DecisionError, prepare_record

    edit = _spec_current(ls)
    if edit is None:
        return []
    found = _proposals(ls, wanted["path"], wanted["class"])
    extra = _since(ls) if found else {}
    text = edit.old
    for p in found:
        try:
            text = prepare_record(
                Path(edit.path),
                {**p.fields, **extra},
                decision_id=p.id,
                exact_id=True,
                refuse_decided_target=True,
                current=(text, edit.digest),
            ).new
        except DecisionError as e:
            raise SpecWriteError(str(e)) from e
    edit.new = text
    return [edit] if edit.new != edit.old else []


# -- a decision's status ------------------------------------------------------------------------


def _change_data(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("id"), str)
        and value.get("status") in ("accepted", "rejected", "superseded")
        and (value.get("by") is None or isinstance(value.get("by"), str))
        and (value.get("status") != "superseded" or isinstance(value.get("by"), str))
    )


def _change_actions(
    ls: SpeclsServer, uri: str, version: int | None, line: int
) -> list[lsp.CodeAction]:
    from specls.spec.load import parse_spec

    current = _spec_current(ls)
    if current is None:
        return []
    spec = parse_spec(current.old, Path(current.path))
    entry = next((e for e in spec.decisions.values() if e.span.line <= line <= e.end_line), None)
    if entry is None:
        return []
    d = entry.decision
    changes: list[tuple[str, dict[str, Any]]] = []
    if d.status in ("proposed", "rejected"):
        changes.append((f"Accept decision `{entry.id}`", {"status": "accepted"}))
    if d.status in ("proposed", "accepted"):
        changes.append((f"Reject decision `{entry.id}`", {"status": "rejected"}))
    if d.status in ("proposed", "accepted"):
        for other in _rivals(ls, spec, entry):
            changes.append(
                (
                    f"Supersede `{entry.id}` by `{other.id}`",
                    {"status": "superseded", "by": other.id},
                )
            )
    return [
        lsp.CodeAction(
            title=title,
            kind=lsp.CodeActionKind.RefactorRewrite,
            data={"change": {"id": entry.id, **change}, "uri": uri, "version": version},
        )
        for title, change in changes
    ]


def _rivals(ls: SpeclsServer, spec: Any, entry: Any) -> list[Any]:
    """The other decisions in force of the same kind on what ``entry``'s target names."""
    assert ls.engine is not None
    index = ls.engine.index
    d = entry.decision
    target = getattr(d, "target", None)
    if not target:
        return []
    named = {(ref.key, member) for ref, member in index.resolve_target(target)}
    out = []
    for other in spec.enforced():
        o = other.decision
        if other.id == entry.id or o.kind != d.kind or not getattr(o, "target", None):
            continue
        theirs = {(ref.key, member) for ref, member in index.resolve_target(o.target)}
        if o.target == target or named & theirs:
            out.append(other)
    return out


def _change_edit(ls: SpeclsServer, change: dict[str, Any]) -> list[FileEdit]:
    from specls.spec.record import DecisionError, status_text, supersede_text

    edit = _spec_current(ls)
    if edit is None:
        return []
    path = Path(edit.path)
    try:
        if change["status"] == "superseded":
            edit.new = supersede_text(
                edit.old, change["id"], change["by"], extra=_since(ls), path=path
            )
        else:
            extra = _since(ls) if change["status"] == "accepted" else {}
            edit.new = status_text(edit.old, change["id"], change["status"], extra=extra, path=path)
    except DecisionError as e:
        raise SpecWriteError(str(e)) from e
    return [edit] if edit.new != edit.old else []


def workspace_edit(ls: SpeclsServer, edits: list[FileEdit]) -> lsp.WorkspaceEdit:
    """Versioned edits of open documents (the client refuses them if a buffer moved on)."""
    return lsp.WorkspaceEdit(
        document_changes=[
            lsp.TextDocumentEdit(
                text_document=lsp.OptionalVersionedTextDocumentIdentifier(
                    uri=ls.uri_for(e.path), version=e.version
                ),
                edits=[minimal_edit(e.old, e.new, ls.encoding)],
            )
            for e in edits
            if e.old != e.new
        ]
    )


async def _write(ls: SpeclsServer, edits: list[FileEdit], label: str) -> bool:
    """Write the closed files (all or none), then send the open ones' edits."""
    closed = [e for e in edits if not e.open and e.old != e.new]
    if closed:
        planned = [Planned(Path(e.path), e.new.encode("utf-8"), e.digest) for e in closed]
        try:
            write_files(planned, ls.paths.root)
        except (WriteError, OSError) as e:
            _fail(ls, f"{e}; no file was changed")
            return False
        for e in closed:
            ls.reload_from_disk(Path(e.path))
    opened = [e for e in edits if e.open and e.old != e.new]
    if opened:
        result = await ls.workspace_apply_edit_async(
            lsp.ApplyWorkspaceEditParams(edit=workspace_edit(ls, opened), label=label)
        )
        if not result.applied:
            _fail(ls, f"the editor did not apply the edit ({result.failure_reason or 'refused'})")
            return False
    if closed:
        ls.publish()
    return True


def _fail(ls: SpeclsServer, message: str) -> None:
    ls.log(f"specls: {message}", lsp.MessageType.Error)
    ls.window_show_message(
        lsp.ShowMessageParams(type=lsp.MessageType.Error, message=f"specls: {message}")
    )
