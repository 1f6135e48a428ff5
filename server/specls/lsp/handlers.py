"""Every method and command the server answers, in one table (as ty's server keeps one
handler per method and one table of them); the handlers live with their feature group:

- :mod:`~specls.lsp.lifecycle`: initialize, configuration;
- :mod:`~specls.lsp.sync`: documents opened, changed, closed, and files changed on disk;
- :mod:`~specls.lsp.diagnostics`: pull diagnostics (push: :meth:`SpeclsServer.publish`);
- :mod:`~specls.lsp.features`: hover, navigation, symbols, completion;
- :mod:`~specls.lsp.fixes`: code actions and the commands that apply them;
- :mod:`~specls.lsp.renaming`: rename.

The request handlers below only check the position and hand over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lsprotocol import types as lsp

from specls.lsp import diagnostics, features, fixall, fixes, lifecycle, renaming, sync

# (at run time: pygls reads the annotations of command handlers to convert their arguments;
# this module is imported by :func:`specls.lsp.server.make_server`, after the class exists)
from specls.lsp.server import SpeclsServer


def on_hover(ls: SpeclsServer, params: lsp.HoverParams) -> lsp.Hover | None:
    if ls.check_position(params.text_document.uri, params.position) is None:
        return None
    return features.hover(ls, params.text_document.uri, params.position)


def on_definition(ls: SpeclsServer, params: lsp.DefinitionParams) -> list[lsp.Location] | None:
    if ls.check_position(params.text_document.uri, params.position) is None:
        return None
    return features.definition(ls, params.text_document.uri, params.position)


async def on_references(ls: SpeclsServer, params: lsp.ReferenceParams) -> list[lsp.Location] | None:
    await ls.whole_workspace()
    if ls.check_position(params.text_document.uri, params.position) is None:
        return None
    return features.references(ls, params.text_document.uri, params.position)


def on_document_symbol(
    ls: SpeclsServer, params: lsp.DocumentSymbolParams
) -> list[lsp.DocumentSymbol] | None:
    return features.document_symbols(ls, params.text_document.uri)


async def on_workspace_symbol(
    ls: SpeclsServer, params: lsp.WorkspaceSymbolParams
) -> list[lsp.WorkspaceSymbol]:
    await ls.whole_workspace()
    return features.workspace_symbols(ls, params.query)


def on_completion(ls: SpeclsServer, params: lsp.CompletionParams) -> lsp.CompletionList | None:
    if ls.check_position(params.text_document.uri, params.position) is None:
        return None
    return features.completion(ls, params.text_document.uri, params.position)


async def on_code_action(ls: SpeclsServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    if not _resolves(ls):  # (each action is computed now: a rename needs every file)
        await ls.whole_workspace()
    if ls.check_position(params.text_document.uri, params.range.start) is None:
        return []
    actions = [
        *fixes.code_actions(ls, params),
        *fixes.decision_actions(ls, params),
        *fixall.fix_all(ls, params),
    ]
    if not _resolves(ls):  # (eglot 1.9: an action comes complete, or does nothing)
        actions = [
            fixes.resolve(ls, a) if isinstance(a, lsp.CodeAction) and a.edit is None else a
            for a in actions
        ]
    return actions


def _resolves(ls: SpeclsServer) -> bool:
    """Whether the client resolves code actions lazily (``codeAction/resolve`` of their
    edit); else each is sent complete."""
    caps = ls.client_capabilities.text_document
    action = caps.code_action if caps else None
    support = action.resolve_support if action else None
    return bool(support and "edit" in support.properties)


async def on_code_action_resolve(ls: SpeclsServer, action: lsp.CodeAction) -> lsp.CodeAction:
    await ls.whole_workspace()  # (a rename, or a decision's other side, may be anywhere)
    return fixes.resolve(ls, action)


def on_prepare_rename(
    ls: SpeclsServer, params: lsp.PrepareRenameParams
) -> lsp.PrepareRenamePlaceholder | None:
    if ls.check_position(params.text_document.uri, params.position) is None:
        return None
    fixes.refuse_if_restricted(ls, "rename")
    return renaming.prepare_rename(ls, params.text_document.uri, params.position)


async def on_rename(ls: SpeclsServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
    await ls.whole_workspace()
    if ls.check_position(params.text_document.uri, params.position) is None:
        return None
    fixes.refuse_if_restricted(ls, "rename")
    return renaming.rename(ls, params.text_document.uri, params.position, params.new_name)


async def on_apply_fix(ls: SpeclsServer, data: Any) -> bool:
    """Apply a quick fix whose files are not all open (see :func:`fixes.resolve`)."""
    await ls.whole_workspace()
    return await fixes.apply(ls, data)


async def on_record_decision(ls: SpeclsServer, fields: Any) -> str | None:
    """Write a decision (``kind``, ``target``, ``type`` ...) into the spec; returns its id."""
    return await fixes.record_decision(ls, fields)


#: (method, handler, options) for every request and notification the server takes.
FEATURES: list[tuple[str, Callable[..., Any], Any]] = [
    (lsp.INITIALIZE, lifecycle.initialize, None),
    (lsp.INITIALIZED, lifecycle.initialized, None),
    (lsp.SHUTDOWN, lifecycle.shutdown, None),
    (lsp.EXIT, lifecycle.shutdown, None),
    (lsp.WORKSPACE_DID_CHANGE_CONFIGURATION, lifecycle.did_change_configuration, None),
    (lsp.TEXT_DOCUMENT_DID_OPEN, sync.did_open, None),
    (lsp.TEXT_DOCUMENT_DID_CHANGE, sync.did_change, None),
    (lsp.TEXT_DOCUMENT_DID_SAVE, sync.did_save, None),
    (lsp.TEXT_DOCUMENT_DID_CLOSE, sync.did_close, None),
    (lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, sync.did_change_watched_files, None),
    ("specls/viewFileText", sync.view_file_text, None),
    (
        lsp.TEXT_DOCUMENT_DIAGNOSTIC,
        diagnostics.document_diagnostic,
        lsp.DiagnosticOptions(inter_file_dependencies=True, workspace_diagnostics=False),
    ),
    (lsp.WORKSPACE_DIAGNOSTIC, diagnostics.workspace_diagnostic, None),
    (lsp.TEXT_DOCUMENT_HOVER, on_hover, None),
    (lsp.TEXT_DOCUMENT_DEFINITION, on_definition, None),
    (lsp.TEXT_DOCUMENT_REFERENCES, on_references, None),
    (lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL, on_document_symbol, None),
    (lsp.WORKSPACE_SYMBOL, on_workspace_symbol, None),
    (
        lsp.TEXT_DOCUMENT_COMPLETION,
        on_completion,
        lsp.CompletionOptions(trigger_characters=[":", '"', " ", "."]),
    ),
    (
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        on_code_action,
        lsp.CodeActionOptions(
            code_action_kinds=[
                lsp.CodeActionKind.QuickFix,
                lsp.CodeActionKind.RefactorRewrite,
                lsp.CodeActionKind.Source,
                fixall.SOURCE_FIX_ALL,
            ],
            resolve_provider=True,
        ),
    ),
    (lsp.CODE_ACTION_RESOLVE, on_code_action_resolve, None),
    (lsp.TEXT_DOCUMENT_PREPARE_RENAME, on_prepare_rename, None),
    (lsp.TEXT_DOCUMENT_RENAME, on_rename, lsp.RenameOptions(prepare_provider=True)),
]

#: (command, handler) for ``workspace/executeCommand``.
COMMANDS: list[tuple[str, Callable[..., Any]]] = [
    (fixes.APPLY_FIX, on_apply_fix),
    ("specls.recordDecision", on_record_decision),
]


def register(server: SpeclsServer) -> None:
    """Register every handler of the tables with ``server``."""
    for method, handler, options in FEATURES:
        server.feature(method, options)(handler)
    for command, handler in COMMANDS:
        server.command(command)(handler)
