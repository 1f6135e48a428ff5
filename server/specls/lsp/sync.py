"""Text synchronisation: open, change, save and close of documents, files changed outside
the editor, and ``specls/viewFileText`` (the server's copy of a buffer, for debugging)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams

from specls.lsp.documents import Change

if TYPE_CHECKING:
    from specls.lsp.server import SpeclsServer


def did_open(ls: SpeclsServer, params: lsp.DidOpenTextDocumentParams) -> None:
    td = params.text_document
    if ls.open_document(td.uri, td.version, td.text) is not None:
        ls.publish()


def did_change(ls: SpeclsServer, params: lsp.DidChangeTextDocumentParams) -> None:
    changes = []
    for ch in params.content_changes:
        if isinstance(ch, lsp.TextDocumentContentChangePartial):
            r = ch.range
            changes.append(
                Change(ch.text, (r.start.line, r.start.character), (r.end.line, r.end.character))
            )
        else:
            changes.append(Change(ch.text))
    if ls.change_document(params.text_document.uri, params.text_document.version, changes):
        ls.schedule()


def did_save(ls: SpeclsServer, params: lsp.DidSaveTextDocumentParams) -> None:
    ls.disk_lines.clear()
    ls.schedule()


def did_close(ls: SpeclsServer, params: lsp.DidCloseTextDocumentParams) -> None:
    path = ls.path_of(params.text_document.uri)
    doc = ls.docs.pop(str(path), None) if path is not None else None
    if doc is not None:
        ls.reload_from_disk(doc.path)
        ls.publish()


def did_change_watched_files(ls: SpeclsServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    for change in params.changes:
        path = ls.path_of(change.uri)
        if path is None:
            continue
        if path.name == "pyproject.toml":
            ls.reconfigure()
            continue
        ls.reload_from_disk(path)
    ls.publish()


def view_file_text(ls: SpeclsServer, params: Any) -> str | None:
    """The server's copy of an open document (as rust-analyzer's ``viewFileText``): for
    debugging the synchronisation of buffers, and for the tests that check it."""
    uri = getattr(getattr(params, "textDocument", None), "uri", None)
    if not isinstance(uri, str):
        raise JsonRpcInvalidParams("specls/viewFileText takes {textDocument: {uri}}")
    doc = ls.doc(uri)
    return doc.data.decode("utf-8", "surrogateescape") if doc is not None else None
