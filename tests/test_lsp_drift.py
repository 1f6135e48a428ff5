"""D101 in the editor (issue 18): on by default as a hint where code a decision governs
changed since its commit, read from the buffer as typed; off in Restricted Mode (it runs
git) and when the user ignores it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

import test_lsp
from conftest import write_workspace
from test_drift import CODE, commit, git, spec
from test_lsp import codes, diagnostics, open_doc, start

client = test_lsp.client  # (the same fixture: the real server over stdio)

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _repository(root: Path) -> str:
    write_workspace(root, CODE)
    git(root, "init", "-q")
    first = commit(root, "start")
    (root / "spec.toml").write_text(spec(first))
    commit(root, "decide")
    return first


class Buffer:
    """An open document the test types in (whole-text changes, as some clients send)."""

    def __init__(self, client: LanguageClient, path: Path) -> None:
        self.client, self.text, self.version = client, path.read_text("utf-8"), 1
        self.uri = open_doc(client, path)

    def replace(self, old: str, new: str) -> None:
        assert old in self.text
        self.text = self.text.replace(old, new, 1)
        self.version += 1
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                text_document=lsp.VersionedTextDocumentIdentifier(self.version, self.uri),
                content_changes=[lsp.TextDocumentContentChangeWholeDocument(self.text)],
            )
        )


@pytest.mark.asyncio
async def test_an_unsaved_change_to_governed_code_is_a_hint(client: LanguageClient, tmp_path):
    first = _repository(tmp_path)
    await start(client, tmp_path, {})
    buffer = Buffer(client, tmp_path / "shop" / "cart.py")
    uri = buffer.uri
    found = await diagnostics(client, uri)
    assert "D101" not in codes(found)  # (nothing changed since the commit)
    buffer.replace("self.lines.append((sku, qty))", "self.lines.insert(0, (sku, qty))")
    found = await diagnostics(client, uri, lambda d: "D101" in codes(d))
    (hint,) = [d for d in found if d.code == "D101"]
    assert hint.severity == lsp.DiagnosticSeverity.Hint and hint.range.start.line == 5
    assert "cart-lines" in hint.message and first in hint.message
    assert hint.related_information and hint.related_information[0].location.uri.endswith(
        "spec.toml"
    )
    # typed back as it was: the hint goes
    buffer.replace("self.lines.insert(0, (sku, qty))", "self.lines.append((sku, qty))")
    await diagnostics(client, uri, lambda d: "D101" not in codes(d))
    # a change elsewhere in the file is no drift of the governed code
    buffer.replace('return "cart"', 'return "basket"')
    buffer.replace("self.lines.append((sku, qty))", "self.lines.insert(0, (sku, qty))")
    found = await diagnostics(client, uri, lambda d: "D101" in codes(d))
    assert [d.range.start.line for d in found if d.code == "D101"] == [5]
