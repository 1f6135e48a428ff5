"""The language server's text fixes (issue 20): R105's respelling as a quick fix, and
``source.fixAll.specls``, which applies only S009's (the one fix safe unattended)."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

import test_lsp
from test_lsp import apply_edit, diagnostics, open_doc, start

client = test_lsp.client  # (the same fixture: the real server over stdio)

TYPO = """
class Order:
    def __init__(self):
        self.paid = False  # spec: ignore[R101]

    def receipt(self):
        return "PAID" if self.payed else "DUE"
"""


def _actions(lsp_client: LanguageClient, uri: str, diags, only=None):
    return lsp_client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=diags[0].range if diags else lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
            context=lsp.CodeActionContext(diagnostics=list(diags), only=only),
        )
    )


@pytest.mark.asyncio
async def test_fix_all_removes_unused_suppressions_only(client: LanguageClient, tmp_path):
    await start(client, tmp_path, {"order.py": TYPO})
    uri = open_doc(client, tmp_path / "order.py")
    diags = await diagnostics(client, uri, lambda d: len(d) == 2)
    assert sorted(str(d.code) for d in diags) == ["R105", "S009"]
    # not among the quick fixes of a diagnostic-less request; offered when asked for by kind
    assert not [a for a in await _actions(client, uri, []) if a.kind == "source.fixAll.specls"]
    [fix_all] = [
        a
        for a in await _actions(client, uri, [], only=[lsp.CodeActionKind.SourceFixAll])
        if a.kind == "source.fixAll.specls"
    ]
    assert fix_all.title == "specls: remove 1 unused suppression"
    [change] = fix_all.edit.document_changes
    assert change.text_document.version == 1
    apply_edit(fix_all.edit)
    text = (tmp_path / "order.py").read_text()
    assert "self.paid = False\n" in text and "self.payed" in text  # (R105 left to a person)


@pytest.mark.asyncio
async def test_r105_quick_fix_respells_the_read(client: LanguageClient, tmp_path):
    await start(client, tmp_path, {"order.py": TYPO.replace("  # spec: ignore[R101]", "")})
    uri = open_doc(client, tmp_path / "order.py")
    diags = await diagnostics(client, uri, lambda d: len(d) == 1)
    actions = await _actions(client, uri, diags)
    respell = next(
        a for a in actions if a.title == "Change `self.payed` to `self.paid` in `receipt`"
    )
    resolved = await client.code_action_resolve_async(respell)
    [change] = resolved.edit.document_changes
    assert change.text_document.version == 1
    apply_edit(resolved.edit)
    assert 'return "PAID" if self.paid else "DUE"' in (tmp_path / "order.py").read_text()
