"""What the server does for clients that lack a capability (issue 20's editors): a client
that pulls diagnostics but cannot be told to pull again (Neovim 0.11) is pushed to, and a
client that does not resolve code actions (eglot 1.9) gets each action complete."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient, client_capabilities

import test_lsp
from test_lsp import PLAIN, diagnostics, open_doc, start

client = test_lsp.client  # (the same fixture: the real server over stdio)


@pytest.mark.asyncio
async def test_a_puller_that_cannot_be_refreshed_is_pushed_to(client: LanguageClient, tmp_path):
    caps = client_capabilities("neovim")
    caps.text_document.diagnostic = lsp.DiagnosticClientCapabilities(dynamic_registration=False)
    caps.workspace.diagnostics = None
    result = await start(client, tmp_path, {"inventory.py": PLAIN}, caps=caps)
    assert result.capabilities.diagnostic_provider is None
    uri = open_doc(client, tmp_path / "inventory.py")
    assert [str(d.code) for d in await diagnostics(client, uri, lambda d: len(d) == 2)] == [
        "R101",
        "R101",
    ]


@pytest.mark.asyncio
async def test_a_client_that_does_not_resolve_gets_complete_actions(
    client: LanguageClient, tmp_path
):
    caps = client_capabilities("visual-studio-code")
    caps.text_document.code_action.resolve_support = None
    await start(client, tmp_path, {"inventory.py": PLAIN}, caps=caps)
    uri = open_doc(client, tmp_path / "inventory.py")
    diags = await diagnostics(client, uri, lambda d: len(d) == 2)
    actions = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=diags[0].range,
            context=lsp.CodeActionContext(diagnostics=[diags[0]]),
        )
    )
    assert actions
    for a in actions:
        assert not isinstance(a, lsp.CodeAction) or a.edit or a.command, a.title
